// ApiError: one failed API request, as the client sees it — an HTTP status
// and {"error": {"code", "message", "field"?, "index"?}}.
//
// `code` is short and stable, for programs; `message` is for people and may
// change. `field` names the JSON member or query parameter that was wrong;
// `index` is the position of the message inside a batch.
//
// The request parsers return Result<T, ApiError>: they report a field and an
// index, not only a code and a message.
#ifndef TELLAL_WEB_API_API_ERRORS_H_
#define TELLAL_WEB_API_API_ERRORS_H_

#include <cassert>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "modem/result.h"
#include "web/http/http_types.h"

namespace tellal::web {

struct ApiError {
  int status = 400;
  std::string code;
  std::string message;
  std::optional<std::string> field;
  std::optional<std::size_t> index;
  std::vector<std::pair<std::string, std::string>> headers;  // Allow, WWW-Authenticate

  // 400s. `field` is the JSON member or query parameter.
  static ApiError InvalidJson(std::string message);
  // Valid JSON of the wrong shape (an array where an object belongs).
  static ApiError InvalidBody(std::string message);
  static ApiError InvalidField(std::string field, std::string message);
  static ApiError MissingField(std::string field);
  static ApiError UnknownField(std::string field);
  static ApiError InvalidNumber(std::string field, std::string message);
  static ApiError InvalidText(std::string message);
  static ApiError TextTooLong(std::string message);
  static ApiError UnknownModem(std::string field, const std::string& modem);
  static ApiError TooManyMessages(std::size_t given, std::size_t limit);
  static ApiError InvalidParameter(std::string parameter, std::string message);

  // `wrong_token`: a token was sent and did not match (RFC 6750 §3.1).
  static ApiError Unauthorized(bool wrong_token);
  static ApiError NotFound(std::string message);
  static ApiError MethodNotAllowed(const std::string& allow);
  static ApiError NotCancellable(std::string message);
  // 409 "conflict": the value of `field` is taken (a contact's number, a
  // group's name).
  static ApiError Conflict(std::string field, std::string message);
  static ApiError UnsupportedMediaType(std::string message);
  static ApiError Internal(std::string message);
  // A backend failure, by its code: kNoSpace is 507 "storage_full",
  // kReadOnly 503 "storage_read_only", kUnavailable 503 "unavailable"
  // (busy, or shutting down); anything else 500 "internal_error".
  static ApiError Backend(const Error& error);

  // The same error about message `i` of a batch.
  ApiError At(std::size_t i) &&;
};

HttpResponse ErrorResponse(const ApiError& error);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_API_ERRORS_H_

#include "web/api/api_errors.h"

#include "web/api/api_json.h"

namespace tellal::web {
namespace {

ApiError Make(int status, const char* code, std::string message, std::optional<std::string> field = std::nullopt) {
  ApiError e;
  e.status = status;
  e.code = code;
  e.message = std::move(message);
  e.field = std::move(field);
  return e;
}

}  // namespace

ApiError ApiError::InvalidJson(std::string message) {
  return Make(400, "invalid_json", "request body is not valid JSON: " + message);
}

ApiError ApiError::InvalidBody(std::string message) { return Make(400, "invalid_body", std::move(message)); }

ApiError ApiError::InvalidField(std::string field, std::string message) {
  std::string text = field + ": " + message;
  return Make(400, "invalid_field", std::move(text), std::move(field));
}

ApiError ApiError::MissingField(std::string field) {
  std::string text = field + ": is required";
  return Make(400, "missing_field", std::move(text), std::move(field));
}

ApiError ApiError::UnknownField(std::string field) {
  std::string text = field + ": is not a known member";
  return Make(400, "unknown_field", std::move(text), std::move(field));
}

ApiError ApiError::InvalidNumber(std::string field, std::string message) {
  std::string text = field + ": " + message;
  return Make(400, "invalid_number", std::move(text), std::move(field));
}

// PlanText already names the field ("text: ..."), so its message is kept as is.
ApiError ApiError::InvalidText(std::string message) { return Make(400, "invalid_text", std::move(message), "text"); }

ApiError ApiError::TextTooLong(std::string message) { return Make(400, "text_too_long", std::move(message), "text"); }

ApiError ApiError::UnknownModem(std::string field, const std::string& modem) {
  std::string text = field + ": no modem named '" + modem + "' is configured";
  return Make(400, "unknown_modem", std::move(text), std::move(field));
}

ApiError ApiError::TooManyMessages(std::size_t given, std::size_t limit) {
  return Make(400, "too_many_messages",
              "messages: " + std::to_string(given) + " messages, at most " + std::to_string(limit) + " per request",
              "messages");
}

ApiError ApiError::InvalidParameter(std::string parameter, std::string message) {
  std::string text = parameter + ": " + message;
  return Make(400, "invalid_parameter", std::move(text), std::move(parameter));
}

ApiError ApiError::Unauthorized(bool wrong_token) {
  ApiError e = Make(
      401, "unauthorized",
      wrong_token ? "the bearer token is not valid" : "this endpoint needs an 'Authorization: Bearer <token>' header");
  e.headers.emplace_back("WWW-Authenticate",
                         wrong_token ? "Bearer realm=\"tellal\", error=\"invalid_token\"" : "Bearer realm=\"tellal\"");
  return e;
}

ApiError ApiError::NotFound(std::string message) { return Make(404, "not_found", std::move(message)); }

ApiError ApiError::MethodNotAllowed(const std::string& allow) {
  ApiError e = Make(405, "method_not_allowed", "this path answers only " + allow);
  e.headers.emplace_back("Allow", allow);
  return e;
}

ApiError ApiError::NotCancellable(std::string message) { return Make(409, "not_cancellable", std::move(message)); }

ApiError ApiError::Conflict(std::string field, std::string message) {
  std::string text = field + ": " + message;
  return Make(409, "conflict", std::move(text), std::move(field));
}

ApiError ApiError::UnsupportedMediaType(std::string message) {
  return Make(415, "unsupported_media_type", std::move(message));
}

ApiError ApiError::Internal(std::string message) { return Make(500, "internal_error", std::move(message)); }

ApiError ApiError::Backend(const Error& error) {
  switch (error.code) {
    case ErrorCode::kNoSpace:
      return Make(507, "storage_full", "the daemon's disk is full; nothing was stored: " + error.message);
    case ErrorCode::kReadOnly:
      return Make(503, "storage_read_only", "the daemon's database is read-only; nothing was stored: " + error.message);
    case ErrorCode::kUnavailable:
      return Make(503, "unavailable", error.message);
    default:
      return Internal(error.message);
  }
}

ApiError ApiError::At(std::size_t i) && {
  index = i;
  // Field messages start with the field's name, giving "messages[3].to: ...".
  message = "messages[" + std::to_string(i) + "]" + (field ? "." : ": ") + message;
  return std::move(*this);
}

HttpResponse ErrorResponse(const ApiError& error) {
  nlohmann::json body{{"code", error.code}, {"message", error.message}};
  if (error.field) body["field"] = *error.field;
  if (error.index) body["index"] = *error.index;
  HttpResponse response = JsonResponse(error.status, nlohmann::json{{"error", std::move(body)}});
  response.headers = error.headers;
  return response;
}

}  // namespace tellal::web

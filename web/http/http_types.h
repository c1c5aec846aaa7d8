// HttpRequest / HttpResponse: one HTTP exchange as plain values, so the API
// layer routes and answers requests without seeing libmicrohttpd, and its
// tests build requests by hand.
#ifndef TELLAL_WEB_HTTP_HTTP_TYPES_H_
#define TELLAL_WEB_HTTP_HTTP_TYPES_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tellal::web {

struct HttpRequest {
  std::string method;  // as sent: "GET", "POST", ...
  std::string path;    // percent-decoded, without the query: "/api/v1/messages/12"
  std::string target;  // the request-target as sent, still percent-encoded: "/api/v1/inbox?from=%2B90"
  // Percent-decoded query arguments in the order sent; a repeated key appears
  // once per occurrence, a key without '=' has an empty value.
  std::multimap<std::string, std::string> query;
  // Names lower-cased; a header sent more than once is joined with ", "
  // (RFC 9110 §5.3).
  std::map<std::string, std::string> headers;
  std::string body;    // the whole body, bytes as received
  std::string remote;  // peer address for logs: "192.0.2.7:51234", "[::1]:51234"

  // The header's value, or nullptr. `name` must be lower-case.
  const std::string* header(std::string_view name) const;
  // The first value of query argument `name`.
  std::optional<std::string> QueryValue(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;                               // 200..599
  std::string content_type = "application/json";  // empty: no Content-Type header
  std::string body;
  // Extra headers (Allow, WWW-Authenticate, Location, ...). The server sets
  // Content-Length, Date and Connection itself.
  std::vector<std::pair<std::string, std::string>> headers;
};

// Called once per request with the whole body, on a server thread; see
// HttpServer for the threading promises.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

}  // namespace tellal::web

#endif  // TELLAL_WEB_HTTP_HTTP_TYPES_H_

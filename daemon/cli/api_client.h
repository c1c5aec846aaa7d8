// tellald's HTTP API as the CLI sees it: JSON requests with the bearer token
// over one kept-alive connection (net::BlockingHttpClient, on libcurl), JSON replies, and the API's
// error objects ({"error": {"code", "message", "field"?, "index"?}}) turned
// into one line a person can act on.
#ifndef TELLAL_DAEMON_CLI_API_CLIENT_H_
#define TELLAL_DAEMON_CLI_API_CLIENT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/net/blocking_http_client.h"
#include "modem/result.h"

namespace tellal::cli {

// Where the API is and how to authenticate, as resolved from the command
// line, the environment or the config file (connection_settings.h).
struct ApiEndpoint {
  std::string url;    // "http://127.0.0.1:8080"
  std::string token;  // empty: no Authorization header is sent
  // Where the token came from ("--token", "TELLAL_TOKEN", a config path), or
  // why there is none; printed with a 401 so a wrong source is obvious.
  std::string token_source;
};

struct ApiResponse {
  int status = 0;
  std::string raw;           // the body exactly as received, for --json
  nlohmann::json body;       // parsed; null when an error reply was not JSON
  net::HttpHeaders headers;  // as received

  bool ok() const { return status >= 200 && status < 300; }
};

// An error reply, with the pieces of the API's error object that were there.
struct ApiError {
  int status = 0;
  std::string code;     // "invalid_request"; "http_<status>" when the body had none
  std::string message;  // the API's message, or the start of a non-JSON body
  std::optional<std::string> field;
  std::optional<long> index;  // position in a batch
};

ApiError ParseApiError(const ApiResponse& response);

// "HTTP 400 invalid_request: text is empty (field: text)". The index is left
// to the caller, which knows what it refers to (a CSV row, say).
std::string FormatApiError(const ApiError& error);

// "?since=...&from=%2B90..." from the pairs with a value; "" when none has.
std::string QueryString(const std::vector<std::pair<std::string, std::optional<std::string>>>& params);

// The API's base URL, "http://host[:port][/base]", normalised (no trailing
// slash). https is refused with a message saying what to use instead, as is
// any other scheme, user information, a query or fragment, and a bad port.
Result<std::string> ParseApiUrl(std::string_view url);

class ApiClient {
 public:
  // Fails when the endpoint's URL is not a usable http:// URL (ParseApiUrl).
  static Result<ApiClient> Create(const ApiEndpoint& endpoint, const net::HttpTransferOptions& options = {});

  // `path` starts with "/api/...". An Error means no HTTP reply (connection
  // refused, timeout, malformed HTTP) or a 2xx reply whose body is not JSON;
  // any error status is a successful ApiResponse for the caller to report.
  Result<ApiResponse> Get(const std::string& path);
  Result<ApiResponse> Post(const std::string& path, const nlohmann::json& body);
  // A GET whose 2xx body is not JSON (an export page): `raw` holds it and
  // `body` is null; an error reply is read as JSON as usual.
  Result<ApiResponse> GetText(const std::string& path);
  // A POST of `body` as it is, sent as `content_type` (a CSV import).
  Result<ApiResponse> PostText(const std::string& path, const std::string& body, const std::string& content_type);

  const ApiEndpoint& endpoint() const { return endpoint_; }

 private:
  ApiClient(ApiEndpoint endpoint, net::BlockingHttpClient http)
      : endpoint_(std::move(endpoint)), http_(std::move(http)) {}
  Result<ApiResponse> Call(std::string_view method, const std::string& path, const std::string& body,
                           bool json_reply = true, const std::string& content_type = "application/json");

  ApiEndpoint endpoint_;
  net::BlockingHttpClient http_;
};

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_API_CLIENT_H_

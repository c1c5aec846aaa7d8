#include "daemon/cli/api_client.h"

#include "daemon/net/url.h"
#include "modem/text/ascii.h"

namespace tellal::cli {

using net::PercentEncode;
using nlohmann::json;

namespace {

// A non-JSON error body (a proxy's HTML page, say) is shown by its first
// line, cut short, rather than dumped whole into the terminal.
std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find_first_of("\r\n"));
  if (line.size() > 200) line = line.substr(0, 200) + "...";
  return line;
}

}  // namespace

ApiError ParseApiError(const ApiResponse& response) {
  ApiError e;
  e.status = response.status;
  e.code = "http_" + std::to_string(response.status);
  if (response.body.is_object()) {
    const auto it = response.body.find("error");
    if (it != response.body.end() && it->is_object()) {
      const json& o = *it;
      if (auto c = o.find("code"); c != o.end() && c->is_string()) e.code = c->get<std::string>();
      if (auto m = o.find("message"); m != o.end() && m->is_string()) e.message = m->get<std::string>();
      if (auto f = o.find("field"); f != o.end() && f->is_string()) e.field = f->get<std::string>();
      if (auto i = o.find("index"); i != o.end() && i->is_number_integer()) e.index = i->get<long>();
    } else if (it != response.body.end() && it->is_string()) {
      e.message = it->get<std::string>();
    }
  } else if (!response.raw.empty()) {
    e.message = FirstLine(response.raw);
  }
  return e;
}

std::string FormatApiError(const ApiError& error) {
  std::string out = "HTTP " + std::to_string(error.status) + " " + error.code;
  if (!error.message.empty()) out += ": " + error.message;
  if (error.field) out += " (field: " + *error.field + ")";
  return out;
}

std::string QueryString(const std::vector<std::pair<std::string, std::optional<std::string>>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!value) continue;
    out += out.empty() ? "?" : "&";
    out += PercentEncode(name) + "=" + PercentEncode(*value);
  }
  return out;
}

Result<std::string> ParseApiUrl(std::string_view text) {
  const std::string quoted = "URL '" + std::string(text) + "'";
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    return Error::InvalidArgument(quoted + " has no scheme: write it as http://HOST:PORT");
  }
  const std::string scheme = text::ToLowerAscii(text.substr(0, scheme_end));
  if (scheme == "https") {
    return Error::NotSupported(quoted +
                               ": https is not supported by tellal's built-in client; point it at the daemon's "
                               "plain-HTTP listener on loopback (e.g. http://127.0.0.1:8080), or use curl for a TLS "
                               "endpoint");
  }
  if (scheme != "http") return Error::NotSupported(quoted + ": scheme '" + scheme + "' is not supported, only http");
  if (text.find_first_of("?#") != std::string_view::npos) {
    return Error::InvalidArgument(quoted + ": a query or fragment is not allowed in the base URL");
  }
  auto url = net::ParseUrl(text);
  if (!url) return Wrap(quoted, url.error());
  if (url->has_credentials) {
    return Error::NotSupported(quoted + ": user information is not supported; give the token with --token");
  }
  std::string base = url->normalized;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

Result<ApiClient> ApiClient::Create(const ApiEndpoint& endpoint, const net::HttpTransferOptions& options) {
  auto url = ParseApiUrl(endpoint.url);
  if (!url) return url.error();
  return ApiClient(endpoint, net::BlockingHttpClient(*url, options));
}

Result<ApiResponse> ApiClient::Get(const std::string& path) { return Call("GET", path, ""); }

Result<ApiResponse> ApiClient::Post(const std::string& path, const json& body) {
  // Replacing invalid UTF-8 instead of throwing: callers validate texts
  // first, and this keeps a missed case from becoming an exception.
  return Call("POST", path, body.dump(-1, ' ', false, json::error_handler_t::replace));
}

Result<ApiResponse> ApiClient::GetText(const std::string& path) { return Call("GET", path, "", false); }

Result<ApiResponse> ApiClient::PostText(const std::string& path, const std::string& body,
                                        const std::string& content_type) {
  return Call("POST", path, body, /*json_reply=*/true, content_type);
}

Result<ApiResponse> ApiClient::Call(std::string_view method, const std::string& path, const std::string& body,
                                    bool json_reply, const std::string& content_type) {
  net::HttpHeaders headers = {{"Accept", json_reply ? "application/json" : "*/*"}};
  if (!endpoint_.token.empty()) headers.emplace_back("Authorization", "Bearer " + endpoint_.token);
  if (method == "POST") headers.emplace_back("Content-Type", content_type);
  auto reply = http_.Request(method, path, body, headers);
  if (!reply) return reply.error();
  ApiResponse out;
  out.status = reply->status;
  out.raw = std::move(reply->body);
  out.headers = std::move(reply->headers);
  if (!json_reply && out.ok()) return out;
  out.body = json::parse(out.raw, nullptr, /*allow_exceptions=*/false);
  if (out.body.is_discarded()) {
    out.body = nullptr;
    if (out.ok()) {
      return Error::InvalidArgument("malformed reply from " + endpoint_.url + path.substr(0, path.find('?')) +
                                    " (HTTP " + std::to_string(out.status) + "): the body is not JSON");
    }
  }
  return out;
}

}  // namespace tellal::cli

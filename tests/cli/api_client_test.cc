#include "daemon/cli/api_client.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support/test_http_server.h"

using nlohmann::json;
using tellal::cli::ApiClient;
using tellal::cli::ApiError;
using tellal::cli::ApiResponse;
using tellal::cli::FormatApiError;
using tellal::cli::ParseApiError;
using tellal::cli::ParseApiUrl;
using tellal::cli::QueryString;
using tellal::testing::RecordedRequest;
using tellal::testing::Reply;
using tellal::testing::ScriptedReply;
using tellal::testing::TestHttpServer;

namespace {

ApiResponse Response(int status, const std::string& raw) {
  ApiResponse r;
  r.status = status;
  r.raw = raw;
  r.body = json::parse(raw, nullptr, false);
  if (r.body.is_discarded()) r.body = nullptr;
  return r;
}

}  // namespace

TEST_CASE("API errors are read from the error object, or from the status", "[api]") {
  auto [status, raw, formatted, index] = GENERATE(table<int, std::string, std::string, long>({
      {400, R"({"error":{"code":"invalid_request","message":"not a phone number","field":"to"}})",
       "HTTP 400 invalid_request: not a phone number (field: to)", -1},
      {400, R"({"error":{"code":"invalid_request","message":"empty text","field":"text","index":17}})",
       "HTTP 400 invalid_request: empty text (field: text)", 17},
      {401, R"({"error":{"code":"unauthorized","message":"missing or wrong token"}})",
       "HTTP 401 unauthorized: missing or wrong token", -1},
      {404, R"({"error":"no such message"})", "HTTP 404 http_404: no such message", -1},
      {502, "<html><body>Bad Gateway</body></html>\r\nmore", "HTTP 502 http_502: <html><body>Bad Gateway</body></html>",
       -1},
      {500, "", "HTTP 500 http_500", -1},
      {400, R"({"error":{"code":7}})", "HTTP 400 http_400", -1},
  }));
  CAPTURE(raw);
  const ApiError e = ParseApiError(Response(status, raw));
  CHECK(FormatApiError(e) == formatted);
  CHECK(e.index.value_or(-1) == index);
}

TEST_CASE("ParseApiUrl accepts http URLs with host, port and base path", "[api]") {
  auto [url, base] = GENERATE(table<std::string, std::string>({
      {"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
      {"http://localhost", "http://localhost"},
      {"HTTP://[::1]:9000/", "http://[::1]:9000"},
      {"http://gw.local:8080/tellal/", "http://gw.local:8080/tellal"},
  }));
  CAPTURE(url);
  auto parsed = ParseApiUrl(url);
  REQUIRE(parsed.ok());
  CHECK(*parsed == base);
}

TEST_CASE("ParseApiUrl refuses what the client cannot use, saying why", "[api]") {
  auto [url, reason] = GENERATE(table<std::string, std::string>({
      {"https://gw.example:8443", "https is not supported by tellal's built-in client"},
      {"127.0.0.1:8080", "has no scheme"},
      {"ftp://host", "scheme 'ftp' is not supported"},
      {"http://user:pw@host", "user information is not supported"},
      {"http://::1:8080", "port number"},
      {"http://[::1:8080", "bad IPv6 address"},
      {"http://host:0", "port 0 is outside 1..65535"},
      {"http://host:99999", "port number"},
      {"http://host:8o", "port number"},
      {"http://host/x?a=b", "a query or fragment is not allowed"},
      {"http://:80", "no host"},
  }));
  CAPTURE(url);
  auto parsed = ParseApiUrl(url);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().message.find("URL '" + url + "'") != std::string::npos);
  CHECK(parsed.error().message.find(reason) != std::string::npos);
}

TEST_CASE("https is refused with a pointer to the loopback listener or curl", "[api]") {
  auto parsed = ParseApiUrl("https://10.0.0.5:8443");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == tellal::ErrorCode::kNotSupported);
  CHECK(parsed.error().message.find("http://127.0.0.1:8080") != std::string::npos);
  CHECK(parsed.error().message.find("curl") != std::string::npos);
}

TEST_CASE("QueryString percent-encodes values and skips absent ones", "[api]") {
  CHECK(QueryString({{"since", std::nullopt}, {"from", "+90"}, {"limit", "5"}}) == "?from=%2B90&limit=5");
  CHECK(QueryString({{"a", std::nullopt}}).empty());
}

TEST_CASE("ApiClient sends the bearer token and JSON, and parses the reply", "[api]") {
  TestHttpServer server([](const RecordedRequest& r) {
    if (r.path == "/api/v1/notjson") return Reply(200, "hello");
    if (r.path == "/api/v1/broken") return Reply(502, "Bad Gateway");
    return Reply(202, R"({"id":1,"state":"queued"})");
  });
  auto api = ApiClient::Create({server.url(), "tok", "--token"});
  REQUIRE(api.ok());
  auto posted = api->Post("/api/v1/messages", json{{"to", "+1"}, {"text", "ş"}});
  REQUIRE(posted.ok());
  CHECK(posted->ok());
  CHECK(posted->status == 202);
  CHECK(posted->body["id"] == 1);
  CHECK(posted->raw == R"({"id":1,"state":"queued"})");
  const RecordedRequest r = server.requests().at(0);
  CHECK(r.Header("Authorization") == "Bearer tok");
  CHECK(r.Header("Content-Type") == "application/json");
  CHECK(json::parse(r.body) == json{{"to", "+1"}, {"text", "ş"}});

  auto not_json = api->Get("/api/v1/notjson");
  REQUIRE_FALSE(not_json.ok());
  CHECK(not_json.error().message ==
        "malformed reply from " + server.url() + "/api/v1/notjson (HTTP 200): the body is not JSON");

  auto broken = api->Get("/api/v1/broken?x=1");
  REQUIRE(broken.ok());
  CHECK_FALSE(broken->ok());
  CHECK(broken->body.is_null());
  CHECK(FormatApiError(ParseApiError(*broken)) == "HTTP 502 http_502: Bad Gateway");
  CHECK(server.connections() == 1);
}

TEST_CASE("Without a token no Authorization header is sent", "[api]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, "{}"); });
  auto api = ApiClient::Create({server.url(), "", "none"});
  REQUIRE(api.ok());
  REQUIRE(api->Get("/api/v1/modems").ok());
  CHECK_FALSE(server.requests().at(0).Header("Authorization").has_value());
}

TEST_CASE("ApiClient::Create refuses an unusable URL", "[api]") {
  auto api = ApiClient::Create({"https://127.0.0.1:8443", "t", "--token"});
  REQUIRE_FALSE(api.ok());
  CHECK(api.error().message.find("https is not supported") != std::string::npos);
}

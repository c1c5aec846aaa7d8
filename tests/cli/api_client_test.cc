#include "daemon/cli/api_client.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "fake_http_server.h"

using nlohmann::json;
using tellal::cli::ApiClient;
using tellal::cli::ApiError;
using tellal::cli::ApiResponse;
using tellal::cli::FormatApiError;
using tellal::cli::ParseApiError;
using tellal::cli::PercentEncode;
using tellal::cli::QueryString;
using tellal::cli::testing::CannedReply;
using tellal::cli::testing::FakeHttpServer;
using tellal::cli::testing::RecordedRequest;
using tellal::cli::testing::Reply;

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

TEST_CASE("PercentEncode keeps only unreserved characters", "[api]") {
  CHECK(PercentEncode("+905321234567") == "%2B905321234567");
  CHECK(PercentEncode("2024-05-01T00:00:00+03:00") == "2024-05-01T00%3A00%3A00%2B03%3A00");
  CHECK(PercentEncode("a/b c~_.-") == "a%2Fb%20c~_.-");
  CHECK(PercentEncode("ş") == "%C5%9F");
  CHECK(QueryString({{"since", std::nullopt}, {"from", "+90"}, {"limit", "5"}}) == "?from=%2B90&limit=5");
  CHECK(QueryString({{"a", std::nullopt}}).empty());
}

TEST_CASE("ApiClient sends the bearer token and JSON, and parses the reply", "[api]") {
  FakeHttpServer server([](const RecordedRequest& r) {
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
  FakeHttpServer server([](const RecordedRequest&) { return Reply(200, "{}"); });
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

// The webhook endpoints through the router, against FakeBackend's real
// in-memory SQLite store; webhook_request.h's validation table.
#include <stdlib.h>
#include <time.h>

#include <catch2/catch.hpp>
#include <string>

#include "api_test_support.h"
#include "daemon/notify/webhook_signature.h"
#include "fake_backend.h"
#include "web/api/api_router.h"

using nlohmann::json;
using namespace tellal;
using namespace tellal::web;
using namespace tellal::web::testing;

namespace {

constexpr char kSecret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

struct Fixture {
  Fixture() {
    setenv("TZ", "UTC0", 1);
    tzset();
  }
  FakeBackend backend;
  ApiRouter router{backend, TestSettings(), [] { return kNow; }};

  HttpResponse Post(const std::string& path, const std::string& body) { return router.Handle(PostJson(path, body)); }
  HttpResponse Patch(const std::string& path, const std::string& body) {
    HttpRequest r = PostJson(path, body);
    r.method = "PATCH";
    return router.Handle(r);
  }
  HttpResponse Delete(const std::string& path) { return router.Handle(Request("DELETE", path)); }
  HttpResponse GetPath(const std::string& path, std::multimap<std::string, std::string> query = {}) {
    return router.Handle(Get(path, std::move(query)));
  }
  int64_t Create(const std::string& body) {
    HttpResponse r = Post("/api/v1/webhooks", body);
    REQUIRE(r.status == 201);
    return Json(r)["id"].get<int64_t>();
  }
};

TEST_CASE("AWebhookIsCreatedWithAGeneratedSecretAndReadBack", "[webhook_api]") {
  Fixture f;
  HttpResponse r = f.Post("/api/v1/webhooks", R"({"url": "http://127.0.0.1:9000/in", "events": ["message.received"]})");
  REQUIRE(r.status == 201);
  const json created = Json(r);
  CHECK(Header(r, "Location") == "/api/v1/webhooks/" + std::to_string(created["id"].get<int64_t>()));
  CHECK(created["url"] == "http://127.0.0.1:9000/in");
  CHECK(created["events"] == json::array({"message.received"}));
  CHECK(created["enabled"] == true);
  CHECK(created["disabled_reason"].is_null());
  CHECK(created["created_at"] == "2026-05-28T20:26:40.000+00:00");
  const std::string secret = created["secret"].get<std::string>();
  auto key = notify::DecodeWebhookSecret(secret);
  REQUIRE(key.ok());
  CHECK(key->size() == 24);

  const json read = Json(f.GetPath("/api/v1/webhooks/" + std::to_string(created["id"].get<int64_t>())));
  CHECK(read == created);
  const json list = Json(f.GetPath("/api/v1/webhooks"));
  REQUIRE(list["webhooks"].size() == 1);
  CHECK(list["webhooks"][0] == created);
}

TEST_CASE("AGivenSecretIsKept", "[webhook_api]") {
  Fixture f;
  HttpResponse r = f.Post("/api/v1/webhooks", std::string(R"({"url": "https://example.org/h", "events": )") +
                                                  R"(["message.sent", "contact.opted_out"], "secret": ")" + kSecret +
                                                  R"(", "enabled": false})");
  REQUIRE(r.status == 201);
  const json created = Json(r);
  CHECK(created["secret"] == kSecret);
  CHECK(created["enabled"] == false);
}

TEST_CASE("BadWebhooksAreRefusedNamingTheField", "[webhook_api]") {
  auto [body, code, field] = GENERATE(table<std::string, std::string, std::string>({
      {R"({"events": ["message.sent"]})", "missing_field", "url"},
      {R"({"url": 5, "events": ["message.sent"]})", "invalid_field", "url"},
      {R"({"url": "ftp://example.org/", "events": ["message.sent"]})", "invalid_field", "url"},
      {R"({"url": "not a url", "events": ["message.sent"]})", "invalid_field", "url"},
      {R"({"url": "http://x/"})", "missing_field", "events"},
      {R"({"url": "http://x/", "events": "message.sent"})", "invalid_field", "events"},
      {R"({"url": "http://x/", "events": []})", "invalid_field", "events"},
      {R"({"url": "http://x/", "events": ["message.lost"]})", "invalid_field", "events"},
      {R"({"url": "http://x/", "events": ["webhook.test"]})", "invalid_field", "events"},
      {R"({"url": "http://x/", "events": ["message.sent", "message.sent"]})", "invalid_field", "events"},
      {R"({"url": "http://x/", "events": [1]})", "invalid_field", "events"},
      {R"({"url": "http://x/", "events": ["message.sent"], "secret": "abc"})", "invalid_field", "secret"},
      {R"({"url": "http://x/", "events": ["message.sent"], "secret": "whsec_AAAA"})", "invalid_field", "secret"},
      {R"({"url": "http://x/", "events": ["message.sent"], "enabled": "yes"})", "invalid_field", "enabled"},
      {R"({"url": "http://x/", "events": ["message.sent"], "colour": "red"})", "unknown_field", "colour"},
  }));
  Fixture f;
  const json error = ErrorOf(f.Post("/api/v1/webhooks", body), 400, code);
  CHECK(error["field"] == field);
  CHECK(Json(f.GetPath("/api/v1/webhooks"))["webhooks"].empty());
}

TEST_CASE("APatchChangesOnlyWhatItNames", "[webhook_api]") {
  Fixture f;
  const int64_t id = f.Create(R"({"url": "http://x/a", "events": ["message.sent"]})");
  const std::string path = "/api/v1/webhooks/" + std::to_string(id);
  const json before = Json(f.GetPath(path));
  HttpResponse r = f.Patch(path, R"({"events": ["message.failed", "campaign.completed"], "enabled": false})");
  REQUIRE(r.status == 200);
  const json after = Json(r);
  CHECK(after["events"] == json::array({"message.failed", "campaign.completed"}));
  CHECK(after["enabled"] == false);
  CHECK(after["url"] == before["url"]);
  CHECK(after["secret"] == before["secret"]);
  CHECK(ErrorOf(f.Patch(path, R"({"url": "gopher://x/"})"), 400, "invalid_field")["field"] == "url");
  CHECK(ErrorOf(f.Patch(path, R"({"secret": null})"), 400, "invalid_field")["field"] == "secret");
  CHECK(ErrorOf(f.Patch(path, R"({"enabled": 1})"), 400, "invalid_field")["field"] == "enabled");
  ErrorOf(f.Patch("/api/v1/webhooks/99", R"({"enabled": true})"), 404, "not_found");
}

TEST_CASE("ADeletedWebhookIsGone", "[webhook_api]") {
  Fixture f;
  const int64_t id = f.Create(R"({"url": "http://x/a", "events": ["message.sent"]})");
  const std::string path = "/api/v1/webhooks/" + std::to_string(id);
  CHECK(f.Delete(path).status == 204);
  ErrorOf(f.GetPath(path), 404, "not_found");
  ErrorOf(f.Delete(path), 404, "not_found");
  CHECK(ErrorOf(f.GetPath("/api/v1/webhooks/x"), 400, "invalid_parameter")["field"] == "id");
}

TEST_CASE("ATestPingIsQueuedAndListedAndCanBeRetried", "[webhook_api]") {
  Fixture f;
  const int64_t id = f.Create(R"({"url": "http://x/a", "events": ["message.sent"]})");
  const std::string path = "/api/v1/webhooks/" + std::to_string(id);
  HttpResponse r = f.Post(path + "/test", "");
  REQUIRE(r.status == 202);
  const json ping = Json(r);
  CHECK(ping["event_type"] == "webhook.test");
  CHECK(ping["state"] == "pending");
  CHECK(ping["attempts"] == 0);
  CHECK(ping["history"].empty());
  CHECK(ping["webhook_message_id"].get<std::string>().starts_with("msg_"));
  CHECK(ping["next_attempt_at"] == "2026-05-28T20:26:40.000+00:00");

  const json page = Json(f.GetPath(path + "/deliveries", {{"limit", "5"}}));
  REQUIRE(page["deliveries"].size() == 1);
  CHECK(page["deliveries"][0] == ping);
  CHECK(page["next_cursor"].is_null());

  const std::string delivery = std::to_string(ping["id"].get<int64_t>());
  HttpResponse retried = f.Post(path + "/deliveries/" + delivery + "/retry", "");
  REQUIRE(retried.status == 202);
  CHECK(Json(retried)["id"] == ping["id"]);
  ErrorOf(f.Post("/api/v1/webhooks/99/deliveries/" + delivery + "/retry", ""), 404, "not_found");
  ErrorOf(f.Post("/api/v1/webhooks/99/test", ""), 404, "not_found");
  ErrorOf(f.GetPath("/api/v1/webhooks/99/deliveries"), 404, "not_found");
  CHECK(ErrorOf(f.GetPath(path + "/deliveries", {{"cursor", "zz"}}), 400, "invalid_parameter")["field"] == "cursor");
  CHECK(ErrorOf(f.Post(path + "/deliveries/abc/retry", ""), 400, "invalid_parameter")["field"] == "id");
}

}  // namespace

// The conversation endpoints through the router, against FakeBackend's real
// in-memory SQLite store (replies go through its Submit, which records them).
#include <stdlib.h>
#include <time.h>

#include <catch2/catch.hpp>
#include <string>
#include <tuple>

#include "api_test_support.h"
#include "fake_backend.h"
#include "web/api/api_router.h"

using nlohmann::json;
using namespace tellal;
using namespace tellal::web;
using namespace tellal::web::testing;

namespace {

constexpr const char* kCustomer = "+905321110001";

struct Fixture {
  Fixture() {
    setenv("TZ", "UTC0", 1);
    tzset();
  }
  FakeBackend backend;
  ApiRouter router{backend, TestSettings(), [] { return kNow; }};

  HttpResponse Handle(const HttpRequest& request) { return router.Handle(request); }
  HttpResponse Post(const std::string& path, const std::string& body) { return Handle(PostJson(path, body)); }

  // An SMS from `from`, received on `modem` at kNow + offset.
  int64_t Receive(const std::string& from, const std::string& modem, store::Millis offset, const std::string& text) {
    store::InboundPart p;
    p.modem = modem;
    p.sender = from;
    p.text = text;
    p.smsc_time = "2026-05-28T20:00:" + std::to_string(10 + offset / 1000 % 50) + "+00:00";
    p.received_at = kNow + offset;
    auto r = backend.audience_store().inbox().StoreInboundPart(p);
    REQUIRE(r.ok());
    REQUIRE(r->inbox_id);
    return *r->inbox_id;
  }
};

}  // namespace

TEST_CASE("TheListingShowsEachNumbersLastEntryAndUnreadCount", "[api][conversations]") {
  Fixture f;
  f.Receive(kCustomer, "sim2", 1000, "Merhaba, siparişim nerede?");
  f.Receive("+905321110002", "sim1", 2000, "Teşekkürler");
  HttpResponse r = f.Handle(Get("/api/v1/conversations"));
  REQUIRE(r.status == 200);
  json body = Json(r);
  REQUIRE(body["conversations"].size() == 2);
  CHECK(body["next_cursor"].is_null());
  const json& first = body["conversations"][0];
  CHECK(first["number"] == "+905321110002");
  const json& customer = body["conversations"][1];
  CHECK(customer["number"] == kCustomer);
  CHECK(customer["unread"] == 1);
  CHECK(customer["contact_name"].is_null());
  CHECK(customer["last_inbound_modem"] == "sim2");
  CHECK(customer["last"]["direction"] == "inbound");
  CHECK(customer["last"]["text"] == "Merhaba, siparişim nerede?");
  CHECK(customer["last"]["at"] == "2026-05-28T20:26:41.000+00:00");
  CHECK(customer["last"]["state"].is_null());
  CHECK(customer["last"]["read"] == false);

  HttpResponse filtered = f.Handle(Get("/api/v1/conversations", {{"q", "+90532111000"}, {"limit", "1"}}));
  REQUIRE(filtered.status == 200);
  json page = Json(filtered);
  REQUIRE(page["conversations"].size() == 1);
  REQUIRE(page["next_cursor"].is_string());
  HttpResponse next =
      f.Handle(Get("/api/v1/conversations", {{"q", "+90532111000"}, {"limit", "1"}, {"cursor", page["next_cursor"]}}));
  REQUIRE(next.status == 200);
  CHECK(Json(next)["conversations"][0]["number"] == kCustomer);
}

TEST_CASE("BadListingParametersAre400sNamingThem", "[api][conversations]") {
  Fixture f;
  using Row = std::tuple<std::string, std::string, std::string>;
  auto [name, value, field] = GENERATE(table<std::string, std::string, std::string>({
      Row{"limit", "0", "limit"},
      Row{"limit", "x", "limit"},
      Row{"cursor", "m12", "cursor"},
      Row{"sort", "asc", "sort"},
  }));
  INFO(name << "=" << value);
  CHECK(ErrorOf(f.Handle(Get("/api/v1/conversations", {{name, value}})), 400, "invalid_parameter")["field"] == field);
}

TEST_CASE("TheThreadIsInTimeOrderAndReadingItChangesNothing", "[api][conversations]") {
  Fixture f;
  const int64_t first = f.Receive(kCustomer, "sim2", 1000, "soru");
  // The fake's Submit does not write the store: an outbound entry comes
  // from the store's own queue.
  store::NewMessage m;
  m.to = kCustomer;
  m.text = "cevap";
  m.encoding = "gsm7";
  auto queued = f.backend.audience_store().queue().Enqueue(m, kNow + 2000);
  REQUIRE(queued.ok());
  const int64_t second = f.Receive(kCustomer, "sim2", 3000, "tamam");

  for (const char* path : {"/api/v1/conversations/+905321110001", "/api/v1/conversations/05321110001"}) {
    INFO(path);
    HttpResponse r = f.Handle(Get(path));
    REQUIRE(r.status == 200);
    json body = Json(r);
    CHECK(body["number"] == kCustomer);
    CHECK(body["unread"] == 2);
    REQUIRE(body["messages"].size() == 3);
    CHECK(body["messages"][0]["id"] == first);
    CHECK(body["messages"][1]["direction"] == "outbound");
    CHECK(body["messages"][1]["id"] == queued->id);
    CHECK(body["messages"][1]["state"] == "queued");
    CHECK(body["messages"][1]["read"].is_null());
    CHECK(body["messages"][2]["id"] == second);
    CHECK(body["next_cursor"].is_null());
  }

  HttpResponse paged = f.Handle(Get("/api/v1/conversations/+905321110001", {{"limit", "2"}}));
  json newest = Json(paged);
  REQUIRE(newest["messages"].size() == 2);
  CHECK(newest["messages"][1]["id"] == second);
  HttpResponse older =
      f.Handle(Get("/api/v1/conversations/+905321110001", {{"limit", "2"}, {"cursor", newest["next_cursor"]}}));
  json rest = Json(older);
  REQUIRE(rest["messages"].size() == 1);
  CHECK(rest["messages"][0]["id"] == first);
}

TEST_CASE("MarkingReadClearsTheUnreadCount", "[api][conversations]") {
  Fixture f;
  f.Receive(kCustomer, "sim2", 1000, "bir");
  f.Receive(kCustomer, "sim2", 2000, "iki");
  HttpResponse r = f.Handle(Request("POST", "/api/v1/conversations/+905321110001/read"));
  REQUIRE(r.status == 200);
  json body = Json(r);
  CHECK(body["marked_read"] == 2);
  CHECK(body["unread"] == 0);
  CHECK(Json(f.Handle(Get("/api/v1/conversations")))["conversations"][0]["unread"] == 0);

  ErrorOf(f.Handle(Request("POST", "/api/v1/conversations/+905329999999/read")), 404, "not_found");
}

TEST_CASE("AReplyIsPinnedToTheModemTheCustomerLastWroteTo", "[api][conversations]") {
  Fixture f;
  f.Receive(kCustomer, "sim1", 1000, "ilk");
  f.Receive(kCustomer, "sim2", 2000, "son");
  HttpResponse r = f.Post("/api/v1/conversations/+905321110001/messages", R"({"text": "Kargoda", "report": true})");
  REQUIRE(r.status == 202);
  json body = Json(r);
  CHECK(body["to"] == kCustomer);
  CHECK(body["state"] == "queued");
  CHECK(body["modem"] == "sim2");
  CHECK(Header(r, "Location") == "/api/v1/messages/" + std::to_string(body["id"].get<int64_t>()));
  REQUIRE(f.backend.submits.size() == 1);
  const store::NewMessage& m = f.backend.submits[0][0].message;
  CHECK(m.to == kCustomer);
  CHECK(m.text == "Kargoda");
  CHECK(m.modem == "sim2");
  CHECK(m.report_requested);
  CHECK(m.category == store::Category::kInformational);
}

TEST_CASE("AReplyToANumberThatNeverWroteIsUnpinned", "[api][conversations]") {
  Fixture f;
  HttpResponse r = f.Post("/api/v1/conversations/+905321110003/messages", R"({"text": "Merhaba"})");
  REQUIRE(r.status == 202);
  CHECK(Json(r)["modem"].is_null());
  REQUIRE(f.backend.submits.size() == 1);
  CHECK_FALSE(f.backend.submits[0][0].message.modem.has_value());
}

TEST_CASE("AReplyToAModemNoLongerConfiguredIsUnpinned", "[api][conversations]") {
  Fixture f;
  f.Receive(kCustomer, "sim9", 1000, "eski SIM");
  HttpResponse r = f.Post("/api/v1/conversations/+905321110001/messages", R"({"text": "Merhaba"})");
  REQUIRE(r.status == 202);
  REQUIRE(f.backend.submits.size() == 1);
  CHECK_FALSE(f.backend.submits[0][0].message.modem.has_value());
}

TEST_CASE("BadRepliesAre400sNamingTheField", "[api][conversations]") {
  Fixture f;
  f.Receive(kCustomer, "sim2", 1000, "soru");
  using Row = std::tuple<std::string, std::string, std::string>;
  auto [path, body, field] = GENERATE(table<std::string, std::string, std::string>({
      Row{"/api/v1/conversations/+905321110001/messages", R"({})", "text"},
      Row{"/api/v1/conversations/+905321110001/messages", R"({"text": ""})", "text"},
      Row{"/api/v1/conversations/+905321110001/messages", R"({"text": 5})", "text"},
      Row{"/api/v1/conversations/+905321110001/messages", R"({"text": "a", "to": "+905321110002"})", "to"},
      Row{"/api/v1/conversations/+905321110001/messages", R"({"text": "a", "modem": "sim1"})", "modem"},
      Row{"/api/v1/conversations/+905321110001/messages", R"({"text": "a", "category": "commercial"})", "category"},
      Row{"/api/v1/conversations/+905321110001/messages", R"({"text": "a", "txet": "b"})", "txet"},
      Row{"/api/v1/conversations/+905321110001/messages", R"({"text": "a", "priority": "urgent"})", "priority"},
      Row{"/api/v1/conversations/12ab/messages", R"({"text": "a"})", "number"},
  }));
  INFO(path << " " << body);
  HttpResponse r = f.Post(path, body);
  CHECK(r.status == 400);
  CHECK(Json(r)["error"]["field"] == field);
  CHECK(f.backend.submits.empty());
}

TEST_CASE("AMalformedNumberInThePathIsA400NamingNumber", "[api][conversations]") {
  Fixture f;
  const std::string path = GENERATE(as<std::string>{}, "/api/v1/conversations/abc", "/api/v1/conversations/+90",
                                    "/api/v1/conversations/%2B", "/api/v1/conversations/12ab/read");
  INFO(path);
  HttpRequest request = path.ends_with("/read") ? Request("POST", path) : Get(path);
  CHECK(ErrorOf(f.Handle(request), 400, "invalid_number")["field"] == "number");
}

TEST_CASE("AnUnknownConversationIs404", "[api][conversations]") {
  Fixture f;
  ErrorOf(f.Handle(Get("/api/v1/conversations/+905329999999")), 404, "not_found");
}

TEST_CASE("StorageFailuresAreNot400s", "[api][conversations]") {
  Fixture f;
  f.backend.failure = "disk I/O error";
  f.backend.failure_code = ErrorCode::kIoError;
  CHECK(f.Handle(Get("/api/v1/conversations")).status == 500);
  CHECK(f.Handle(Get("/api/v1/conversations/+905321110001")).status == 500);
  CHECK(f.Handle(Request("POST", "/api/v1/conversations/+905321110001/read")).status == 500);
}

#include "web/api/api_router.h"

#include <stdlib.h>
#include <time.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "api_test_support.h"
#include "fake_backend.h"
#include "modem/text/ascii.h"

using nlohmann::json;
using namespace tellal;
using namespace tellal::web;
using namespace tellal::web::testing;

namespace {

// Every router here answers with a fixed clock and in UTC, so expected time
// stamps are literal.
struct Fixture {
  Fixture() {
    setenv("TZ", "UTC0", 1);
    tzset();
    backend.accept_time = kNow;
  }
  FakeBackend backend;
  ApiRouter router{backend, TestSettings(), [] { return kNow; }};

  HttpResponse Handle(const HttpRequest& request) { return router.Handle(request); }
};

constexpr const char* kOne = R"({"to": "05321234567", "text": "Kodunuz: 482913", "client_ref": "otp-1"})";

store::Message Queued(const std::string& to = "+905321234567") {
  store::Message m;
  m.to = to;
  m.text = "hello";
  m.encoding = "gsm7";
  m.state = store::MessageState::kQueued;
  m.created_at = kNow;
  m.not_before = kNow;
  return m;
}

}  // namespace

// --- Authorisation --------------------------------------------------------------

TEST_CASE("HealthNeedsNoTokenAndShowsNoPrivateData") {
  Fixture f;
  f.backend.health = HealthView{"degraded", 3, 0, 17, "9.9.9"};
  HttpResponse response = f.Handle(Get("/api/v1/health", {}, nullptr));
  CHECK(response.status == 200);  // even when degraded: load balancers read the status
  CHECK(Json(response) ==
        json{{"status", "degraded"}, {"modems", {{"total", 3}, {"ready", 0}}}, {"queued", 17}, {"version", "9.9.9"}});
}

TEST_CASE("ProtectedRoutesNeedTheBearerToken") {
  auto [method, path] = GENERATE(table<const char*, const char*>({
      {"POST", "/api/v1/messages"},
      {"GET", "/api/v1/messages"},
      {"GET", "/api/v1/messages/1"},
      {"DELETE", "/api/v1/messages/1"},
      {"GET", "/api/v1/inbox"},
      {"GET", "/api/v1/modems"},
      {"GET", "/metrics"},
      {"GET", "/api/v1/nothing-here"},  // unknown paths under /api/ reveal nothing without the token
      {"PUT", "/api/v1/messages"},      // nor do wrong methods
  }));
  CAPTURE(method, path);
  Fixture f;
  SECTION("missing") {
    HttpResponse response = f.Handle(Request(method, path, nullptr));
    ErrorOf(response, 401, "unauthorized");
    CHECK(Header(response, "WWW-Authenticate") == "Bearer realm=\"tellal\"");
  }
  SECTION("wrong") {
    HttpResponse response = f.Handle(Request(method, path, "not-the-token"));
    ErrorOf(response, 401, "unauthorized");
    CHECK_THAT(Header(response, "WWW-Authenticate"), Catch::StartsWith("Bearer") && Catch::Contains("invalid_token"));
  }
  SECTION("another scheme") {
    HttpRequest request = Request(method, path, nullptr);
    request.headers["authorization"] = "Basic dXNlcjpwYXNz";
    ErrorOf(f.Handle(request), 401, "unauthorized");
  }
  CHECK(f.backend.submits.empty());
  CHECK(f.backend.cancels.empty());
  CHECK(f.backend.metrics_calls == 0);
}

TEST_CASE("NoTokenConfiguredMeansNoAuthorisation") {
  FakeBackend backend;
  ApiSettings settings = TestSettings();
  settings.token.clear();
  ApiRouter router(backend, settings, [] { return kNow; });
  CHECK(router.Handle(Get("/api/v1/modems", {}, nullptr)).status == 200);
  CHECK(router.Handle(Get("/metrics", {}, nullptr)).status == 200);
}

TEST_CASE("UpdateSettingsAppliesToTheNextRequest") {
  Fixture f;
  CHECK(f.Handle(Get("/api/v1/modems", {}, "new-token")).status == 401);
  ApiSettings settings = TestSettings();
  settings.token = "new-token";
  f.router.UpdateSettings(settings);
  CHECK(f.Handle(Get("/api/v1/modems", {}, "new-token")).status == 200);
  CHECK(f.Handle(Get("/api/v1/modems")).status == 401);
}

TEST_CASE("UpdateSettingsIsSafeWhileRequestsRun") {
  Fixture f;
  std::atomic<bool> stop{false};
  std::atomic<int> unexpected{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&] {
      while (!stop) {
        // Authorised under either token: 400 on the id; otherwise 401.
        const int status = f.router.Handle(Request("GET", "/api/v1/messages/x", "token-a")).status;
        if (status != 400 && status != 401) ++unexpected;
      }
    });
  }
  for (int i = 0; i < 2000; ++i) {
    ApiSettings settings = TestSettings();
    settings.token = i % 2 ? "token-a" : "token-b";
    f.router.UpdateSettings(settings);
  }
  stop = true;
  for (std::thread& w : workers) w.join();
  CHECK(unexpected == 0);
}

// --- Routing ------------------------------------------------------------------

TEST_CASE("UnknownPathsAre404") {
  const char* path = GENERATE("/", "/api/v1/messagez", "/api/v1/messages/1/segments", "/api/v1/messages/",
                              "/api/v2/messages", "/favicon.ico", "/api/v1/health/");
  CAPTURE(path);
  Fixture f;
  ErrorOf(f.Handle(Get(path)), 404, "not_found");
}

TEST_CASE("WrongMethodsAre405WithAllow") {
  auto [method, path, allow] = GENERATE(table<const char*, const char*, const char*>({
      {"PUT", "/api/v1/messages", "POST, GET"},
      {"DELETE", "/api/v1/messages", "POST, GET"},
      {"POST", "/api/v1/messages/7", "GET, DELETE"},
      {"PATCH", "/api/v1/messages/7", "GET, DELETE"},
      {"POST", "/api/v1/health", "GET"},
      {"HEAD", "/api/v1/modems", "GET"},
      {"POST", "/cgi-bin/sendsms", "GET"},
      {"DELETE", "/metrics", "GET"},
  }));
  CAPTURE(method, path);
  Fixture f;
  HttpResponse response = f.Handle(Request(method, path));
  ErrorOf(response, 405, "method_not_allowed");
  CHECK(Header(response, "Allow") == allow);
}

TEST_CASE("NothingEscapesHandle") {
  Fixture f;
  f.backend.throw_on_health = true;
  HttpResponse response = f.Handle(Get("/api/v1/health"));
  json error = ErrorOf(response, 500, "internal_error");
  CHECK_THAT(error["message"].get<std::string>(), Catch::Contains("health exploded"));
}

// --- OpenAPI ------------------------------------------------------------------

TEST_CASE("OpenApiDocumentIsServedWithoutTokenAndListsEveryRoute") {
  Fixture f;
  HttpResponse response = f.Handle(Get("/api/v1/openapi.json", {}, nullptr));
  REQUIRE(response.status == 200);
  const json doc = Json(response);
  REQUIRE(doc["openapi"].is_string());
  CHECK_THAT(doc["openapi"].get<std::string>(), Catch::StartsWith("3."));
  REQUIRE(doc["paths"].is_object());

  std::set<std::pair<std::string, std::string>> routed;
  for (const ApiRouter::RouteInfo& route : ApiRouter::Routes()) {
    const std::string method = text::ToLowerAscii(route.method);
    routed.emplace(std::string(route.path), method);
  }
  REQUIRE(routed.size() >= 10);

  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const char* method : {"get", "put", "post", "delete", "options", "head", "patch", "trace"}) {
      if (item.contains(method)) documented.emplace(path, method);
    }
  }
  CHECK(documented == routed);
}

TEST_CASE("OpenApiMarksExactlyThePublicRoutesAsNeedingNoToken") {
  Fixture f;
  const json doc = Json(f.Handle(Get("/api/v1/openapi.json", {}, nullptr)));
  REQUIRE(doc["security"] == json::parse(R"([{"bearer": []}])"));
  for (const ApiRouter::RouteInfo& route : ApiRouter::Routes()) {
    const std::string method = text::ToLowerAscii(route.method);
    const json& operation = doc["paths"][std::string(route.path)][method];
    const bool documented_public = operation.contains("security") && operation["security"].empty();
    HttpRequest request = Request(std::string(route.method), std::string(route.path), nullptr);
    // The path template itself is a fine request path: "{id}" is just a bad id.
    const bool routed_public = f.Handle(request).status != 401;
    CAPTURE(route.method, route.path);
    CHECK(documented_public == routed_public);
  }
}

// --- POST /api/v1/messages ------------------------------------------------------

TEST_CASE("PostOneMessageAnswers202WithItsSummary") {
  Fixture f;
  HttpResponse response = f.Handle(PostJson("/api/v1/messages", kOne));
  CHECK(response.status == 202);
  CHECK(Json(response) ==
        json{{"id", 1}, {"state", "queued"}, {"to", "+905321234567"}, {"encoding", "gsm7"}, {"segments", 1}});
  CHECK(Header(response, "Location") == "/api/v1/messages/1");
  REQUIRE(f.backend.submits.size() == 1);
  REQUIRE(f.backend.submits[0].size() == 1);
  const SubmitItem& item = f.backend.submits[0][0];
  CHECK(item.message.to == "+905321234567");  // normalised with default_country
  CHECK(item.message.client_ref == "otp-1");
  CHECK_FALSE(item.callback);
}

TEST_CASE("PostWithAClientRefSeenBeforeAnswers200WithTheStoredMessage") {
  Fixture f;
  REQUIRE(f.Handle(PostJson("/api/v1/messages", kOne)).status == 202);
  f.backend.messages[1].message.state = store::MessageState::kSent;
  HttpResponse again = f.Handle(PostJson("/api/v1/messages", kOne));
  CHECK(again.status == 200);
  CHECK(Json(again) ==
        json{{"id", 1}, {"state", "sent"}, {"to", "+905321234567"}, {"encoding", "gsm7"}, {"segments", 1}});
  CHECK(f.backend.messages.size() == 1);
}

TEST_CASE("PostBatchAnswersInOrder") {
  Fixture f;
  REQUIRE(f.Handle(PostJson("/api/v1/messages", kOne)).status == 202);
  const std::string batch = R"({"messages": [
      {"to": "+905331112233", "text": "Привет"},
      {"to": "05321234567", "text": "Kodunuz: 482913", "client_ref": "otp-1"},
      {"to": "+905341112233", "text": ")" +
                            std::string(200, 'x') + R"("}]})";
  SECTION("202 when any is new") {
    HttpResponse response = f.Handle(PostJson("/api/v1/messages", batch));
    CHECK(response.status == 202);
    CHECK(Header(response, "Location").empty());
    const json body = Json(response);
    REQUIRE(body["messages"].size() == 3);
    CHECK(body["messages"][0] ==
          json{{"id", 2}, {"state", "queued"}, {"to", "+905331112233"}, {"encoding", "ucs2"}, {"segments", 1}});
    CHECK(body["messages"][1]["id"] == 1);
    CHECK(body["messages"][2] ==
          json{{"id", 3}, {"state", "queued"}, {"to", "+905341112233"}, {"encoding", "gsm7"}, {"segments", 2}});
  }
  SECTION("200 when none is new") {
    HttpResponse response = f.Handle(PostJson("/api/v1/messages", R"({"messages": [)" + std::string(kOne) + "]}"));
    CHECK(response.status == 200);
    CHECK(Json(response)["messages"][0]["id"] == 1);
  }
}

TEST_CASE("PostBatchWithOneBadEntryQueuesNothing") {
  Fixture f;
  json batch = json::array();
  for (int i = 0; i < 100; ++i) batch.push_back(json{{"to", "+905321234567"}, {"text", "ok"}});
  batch[57]["to"] = "+90 12";
  HttpResponse response = f.Handle(PostJson("/api/v1/messages", json{{"messages", batch}}.dump()));
  json error = ErrorOf(response, 400, "invalid_number");
  CHECK(error["field"] == "to");
  CHECK(error["index"] == 57);
  CHECK(f.backend.submits.empty());
}

TEST_CASE("PostBatchLimit") {
  Fixture f;
  const json one{{"to", "+905321234567"}, {"text", "hi"}};
  SECTION("10,000 are queued in one Submit") {
    HttpResponse response =
        f.Handle(PostJson("/api/v1/messages", json{{"messages", std::vector<json>(10'000, one)}}.dump()));
    CHECK(response.status == 202);
    REQUIRE(f.backend.submits.size() == 1);
    CHECK(f.backend.submits[0].size() == 10'000);
    CHECK(Json(response)["messages"].size() == 10'000);
  }
  SECTION("10,001 are refused") {
    HttpResponse response =
        f.Handle(PostJson("/api/v1/messages", json{{"messages", std::vector<json>(10'001, one)}}.dump()));
    json error = ErrorOf(response, 400, "too_many_messages");
    CHECK(error["field"] == "messages");
    CHECK(f.backend.submits.empty());
  }
}

TEST_CASE("PostSegmentLimitBoundary") {
  Fixture f;
  auto post = [&](size_t length) {
    return f.Handle(
        PostJson("/api/v1/messages", json{{"to", "+905321234567"}, {"text", std::string(length, 'a')}}.dump()));
  };
  HttpResponse ten = post(1530);
  CHECK(ten.status == 202);
  CHECK(Json(ten)["segments"] == 10);
  json error = ErrorOf(post(1531), 400, "text_too_long");
  CHECK(error["field"] == "text");
  CHECK(f.backend.submits.size() == 1);
}

TEST_CASE("PostFieldErrorsNameTheField") {
  auto [body, code, field] = GENERATE(table<std::string, const char*, const char*>({
      {R"({"to": "+905321234567", "text": "hi", "priority": "urgent"})", "invalid_field", "priority"},
      {R"({"to": "+905321234567", "text": "hi", "modem": "sim7"})", "unknown_modem", "modem"},
      {R"({"to": "+905321234567", "text": ""})", "invalid_text", "text"},
      {R"({"to": "12", "text": "hi"})", "invalid_number", "to"},
      {R"({"to": "+905321234567", "text": "hi", "valid_for": 0})", "invalid_field", "valid_for"},
      {R"({"to": "+905321234567", "text": "hi", "send_at": "2026-11-23"})", "invalid_field", "send_at"},
      {R"({"to": "+905321234567", "text": "hi", "encoding": "utf8"})", "invalid_field", "encoding"},
      {R"({"to": "+905321234567", "text": "hi", "colour": "red"})", "unknown_field", "colour"},
  }));
  CAPTURE(body);
  Fixture f;
  json error = ErrorOf(f.Handle(PostJson("/api/v1/messages", body)), 400, code);
  CHECK(error["field"] == field);
  CHECK_FALSE(error.contains("index"));
  CHECK(f.backend.submits.empty());
}

TEST_CASE("PostMalformedBodiesAreInvalidJson") {
  const std::string body =
      GENERATE(std::string(""), std::string("{\"to\": "), std::string("{\"to\": \"+90\",}"),
               std::string("{\"to\": \"+905321234567\", \"text\": \"caf\xC3\xA9\xFF\"}"),
               std::string("{\"to\": \"+905321234567\", \"text\": \"\\udead\"}"),
               std::string("{\"to\": \"+905321234567\", \"to\": \"+905321234568\", \"text\": \"x\"}"));
  CAPTURE(body);
  Fixture f;
  HttpResponse response = f.Handle(PostJson("/api/v1/messages", body));
  json error = ErrorOf(response, 400, "invalid_json");
  CHECK_FALSE(error.contains("field"));
  CHECK(f.backend.submits.empty());
}

TEST_CASE("PostNeedsAJsonContentType") {
  Fixture f;
  HttpRequest request = PostJson("/api/v1/messages", kOne);
  SECTION("charset parameter is fine") {
    request.headers["content-type"] = "Application/JSON; charset=utf-8";
    CHECK(f.Handle(request).status == 202);
  }
  SECTION("form or text bodies are refused") {
    request.headers["content-type"] = GENERATE("text/plain", "application/x-www-form-urlencoded", "application/jsonx");
    ErrorOf(f.Handle(request), 415, "unsupported_media_type");
    CHECK(f.backend.submits.empty());
  }
  SECTION("a missing content type is refused") {
    request.headers.erase("content-type");
    ErrorOf(f.Handle(request), 415, "unsupported_media_type");
  }
}

TEST_CASE("PostSchedulingAndValidityReachTheBackend") {
  Fixture f;
  REQUIRE(f.Handle(PostJson("/api/v1/messages",
                            R"({"to": "+905321234567", "text": "hi", "send_at": "2026-11-23T17:05:00.250+03:00",
                                "valid_for": 3600, "report": true, "flash": true, "modem": "sim1",
                                "priority": "bulk", "encoding": "ucs2"})"))
              .status == 202);
  const store::NewMessage& m = f.backend.submits.at(0).at(0).message;
  CHECK(m.not_before == 1'795'442'700'250);
  CHECK(m.valid_until == 1'795'442'700'250 + 3'600'000);
  CHECK(m.report_requested);
  CHECK(m.flash);
  CHECK(m.modem == "sim1");
  CHECK(m.priority == store::Priority::kBulk);
  CHECK(m.encoding == "ucs2");
}

TEST_CASE("PostBackendFailureIs500") {
  Fixture f;
  f.backend.failure = "disk I/O error";
  json error = ErrorOf(f.Handle(PostJson("/api/v1/messages", kOne)), 500, "internal_error");
  CHECK_THAT(error["message"].get<std::string>(), Catch::Contains("disk I/O error"));
}

TEST_CASE("StorageFailuresAnswer507Or503NamingTheCause") {
  auto [code, status, name, cause] = GENERATE(table<ErrorCode, int, const char*, const char*>({
      {ErrorCode::kNoSpace, 507, "storage_full", "disk is full"},
      {ErrorCode::kReadOnly, 503, "storage_read_only", "read-only"},
      {ErrorCode::kUnavailable, 503, "unavailable", "shutting down"},
      {ErrorCode::kIoError, 500, "internal_error", "disk I/O error"},
  }));
  Fixture f;
  f.backend.failure = std::string("queueing: ") + cause;
  f.backend.failure_code = code;
  json error = ErrorOf(f.Handle(PostJson("/api/v1/messages", kOne)), status, name);
  CHECK_THAT(error["message"].get<std::string>(), Catch::Contains(cause));
  // Reads name the cause the same way.
  ErrorOf(f.Handle(Get("/api/v1/messages/1")), status, name);
  HttpResponse kannel =
      f.Handle(Get("/cgi-bin/sendsms",
                   {{"username", "kuser"}, {"password", "kpass"}, {"to", "+905321234567"}, {"text", "hi"}}, nullptr));
  CHECK(kannel.status == status);
}

// --- GET /api/v1/messages/{id} ------------------------------------------------

TEST_CASE("GetMessageShowsStateSegmentsAndTimestamps") {
  Fixture f;
  store::Message m = Queued();
  m.state = store::MessageState::kSent;
  m.modem = "sim2";
  m.attempts = 1;
  m.segments = 2;
  m.sending_at = kNow + 1000;
  m.sent_at = kNow + 5000;
  m.client_ref = "ref-9";
  SegmentView s1{1, "delivered", "sim2", 17, kNow + 2000, kNow + 9000};
  SegmentView s2{2, "pending", "sim2", 18, kNow + 5000, std::nullopt};
  const int64_t id = f.backend.Add(m, {s1, s2});
  HttpResponse response = f.Handle(Get("/api/v1/messages/" + std::to_string(id)));
  REQUIRE(response.status == 200);
  const json body = Json(response);
  CHECK(body["id"] == id);
  CHECK(body["state"] == "sent");
  CHECK(body["modem"] == "sim2");
  CHECK(body["attempts"] == 1);
  CHECK(body["client_ref"] == "ref-9");
  CHECK(body["error"].is_null());
  CHECK(body["created_at"] == "2026-05-28T20:26:40.000+00:00");
  CHECK(body["sent_at"] == "2026-05-28T20:26:45.000+00:00");
  CHECK(body["delivered_at"].is_null());
  REQUIRE(body["segment_states"].size() == 2);
  CHECK(body["segment_states"][0] == json{{"seq", 1},
                                          {"state", "delivered"},
                                          {"modem", "sim2"},
                                          {"mr", 17},
                                          {"sent_at", "2026-05-28T20:26:42.000+00:00"},
                                          {"reported_at", "2026-05-28T20:26:49.000+00:00"}});
  CHECK(body["segment_states"][1]["reported_at"].is_null());
}

TEST_CASE("GetMessageErrors") {
  Fixture f;
  SECTION("unknown id") { ErrorOf(f.Handle(Get("/api/v1/messages/999")), 404, "not_found"); }
  SECTION("non-numeric id") {
    json error = ErrorOf(f.Handle(Get("/api/v1/messages/abc")), 400, "invalid_parameter");
    CHECK(error["field"] == "id");
    CHECK(f.backend.gets.empty());
  }
  SECTION("backend failure") {
    f.backend.failure = "database is locked";
    ErrorOf(f.Handle(Get("/api/v1/messages/1")), 500, "internal_error");
  }
}

// --- GET /api/v1/messages -----------------------------------------------------

TEST_CASE("ListMessagesPassesTheFilterAndPages") {
  Fixture f;
  store::Message m = Queued();
  m.id = 12;
  f.backend.message_page.items = {m};
  f.backend.message_page.next_cursor = "m12";
  HttpResponse response = f.Handle(
      Get("/api/v1/messages",
          {{"state", "queued"}, {"to", "05321234567"}, {"since", "2026-01-01T00:00:00+03:00"}, {"limit", "1"}}));
  REQUIRE(response.status == 200);
  const json body = Json(response);
  REQUIRE(body["messages"].size() == 1);
  CHECK(body["messages"][0]["id"] == 12);
  CHECK_FALSE(body["messages"][0].contains("segment_states"));
  CHECK(body["next_cursor"] == "m12");
  REQUIRE(f.backend.message_lists.size() == 1);
  const FakeBackend::MessageListCall& call = f.backend.message_lists[0];
  CHECK(call.filter.state == store::MessageState::kQueued);
  CHECK(call.filter.to == "+905321234567");
  CHECK(call.filter.since == 1'767'214'800'000);
  CHECK(call.limit == 1);
  CHECK(call.cursor.empty());

  f.backend.message_page.next_cursor.clear();
  const json last = Json(f.Handle(Get("/api/v1/messages", {{"cursor", "m12"}})));
  CHECK(last["next_cursor"].is_null());
  CHECK(f.backend.message_lists[1].cursor == "m12");
  CHECK(f.backend.message_lists[1].limit == 100);
}

// --- GET /api/v1/export ---------------------------------------------------------

TEST_CASE("AnExportPageIsJsonLinesWithTheNextCursorInAHeader") {
  Fixture f;
  store::Message a = Queued();
  a.id = 12;
  store::Message b = Queued();
  b.id = 11;
  b.text = "ikinci, \"satır\"\nyeni";
  f.backend.message_page.items = {a, b};
  f.backend.message_page.next_cursor = "m11";
  HttpResponse response =
      f.Handle(Get("/api/v1/export",
                   {{"since", "2026-01-01T00:00:00+03:00"}, {"until", "2026-02-01T00:00:00+03:00"}, {"limit", "2"}}));
  REQUIRE(response.status == 200);
  CHECK(response.content_type == "application/x-ndjson");
  CHECK(Header(response, "Tellal-Next-Cursor") == "m11");
  std::istringstream lines(response.body);
  std::string line;
  std::vector<json> objects;
  while (std::getline(lines, line)) objects.push_back(json::parse(line));
  REQUIRE(objects.size() == 2);
  CHECK(objects[0]["id"] == 12);
  CHECK(objects[1]["text"] == b.text);
  REQUIRE(f.backend.message_lists.size() == 1);
  CHECK(f.backend.message_lists[0].filter.since == 1'767'214'800'000);
  CHECK(f.backend.message_lists[0].filter.until == 1'769'893'200'000);
  CHECK(f.backend.message_lists[0].limit == 2);

  f.backend.message_page.next_cursor.clear();
  HttpResponse last = f.Handle(Get("/api/v1/export", {{"cursor", "m11"}}));
  REQUIRE(last.status == 200);
  CHECK(Header(last, "Tellal-Next-Cursor").empty());
  CHECK(f.backend.message_lists[1].cursor == "m11");
  CHECK(f.backend.message_lists[1].limit == 1000);
}

TEST_CASE("AnInboxExportAsCsvHasItsHeaderOnTheFirstPageOnly") {
  Fixture f;
  store::InboxMessage m;
  m.id = 3;
  m.sender = "+905551110000";
  m.text = "EVET, tamam";
  m.modem = "sim1";
  m.smsc_time = "2026-06-01T10:00:00+03:00";
  m.received_at = kNow;
  f.backend.inbox_page.items = {m};
  HttpResponse first = f.Handle(Get("/api/v1/export", {{"what", "inbox"}, {"format", "csv"}}));
  REQUIRE(first.status == 200);
  CHECK_THAT(first.content_type, Catch::StartsWith("text/csv"));
  CHECK_THAT(first.body, Catch::StartsWith("id,from,text,received_at,"));
  CHECK_THAT(first.body, Catch::Contains("\r\n3,+905551110000,\"EVET, tamam\","));
  REQUIRE(f.backend.inbox_lists.size() == 1);
  HttpResponse next = f.Handle(Get("/api/v1/export", {{"what", "inbox"}, {"format", "csv"}, {"cursor", "i4"}}));
  CHECK_THAT(next.body, Catch::StartsWith("3,"));
}

TEST_CASE("ExportBadParametersAre400") {
  auto [name, value] = GENERATE(table<std::string, std::string>({
      {"what", "outbox"},
      {"format", "xml"},
      {"since", "yesterday"},
      {"until", "2026-13-01T00:00:00Z"},
      {"limit", "1001"},
      {"colour", "blue"},
  }));
  Fixture f;
  json error = ErrorOf(f.Handle(Get("/api/v1/export", {{name, value}})), 400, "invalid_parameter");
  CHECK(error["field"] == name);
  json order =
      ErrorOf(f.Handle(Get("/api/v1/export", {{"since", "2026-02-01T00:00:00Z"}, {"until", "2026-01-01T00:00:00Z"}})),
              400, "invalid_parameter");
  CHECK(order["field"] == "until");
}

TEST_CASE("ListMessagesBadParametersAre400") {
  auto [name, value] = GENERATE(table<const char*, const char*>({
      {"state", "lost"},
      {"to", "x"},
      {"since", "2026-01-01"},
      {"limit", "0"},
      {"limit", "1001"},
      {"page", "2"},
  }));
  CAPTURE(name, value);
  Fixture f;
  json error = ErrorOf(f.Handle(Get("/api/v1/messages", {{name, value}})), 400, "invalid_parameter");
  CHECK(error["field"] == name);
  CHECK(f.backend.message_lists.empty());
}

TEST_CASE("ListMessagesForeignCursorIs400") {
  Fixture f;
  f.backend.failure = "cursor: malformed";
  json error = ErrorOf(f.Handle(Get("/api/v1/messages", {{"cursor", "i5"}})), 400, "invalid_parameter");
  CHECK(error["field"] == "cursor");
}

// The store names the operation before the cursor ("ListMessages: cursor:
// malformed"); that is still the client's cursor, not a server failure.
TEST_CASE("ListingsWithACursorTheStoreRefusesAre400") {
  const auto [path, failure] = GENERATE(table<const char*, const char*>({
      {"/api/v1/messages", "ListMessages: cursor: malformed"},
      {"/api/v1/inbox", "ListInbox: cursor: malformed"},
  }));
  CAPTURE(path, failure);
  Fixture f;
  f.backend.failure = failure;
  json error = ErrorOf(f.Handle(Get(path, {{"cursor", "x5"}})), 400, "invalid_parameter");
  CHECK(error["field"] == "cursor");
}

// --- DELETE /api/v1/messages/{id} -----------------------------------------------

TEST_CASE("DeleteCancelsAQueuedMessage") {
  Fixture f;
  const int64_t id = f.backend.Add(Queued());
  HttpResponse response = f.Handle(Request("DELETE", "/api/v1/messages/" + std::to_string(id)));
  REQUIRE(response.status == 200);
  const json body = Json(response);
  CHECK(body["id"] == id);
  CHECK(body["state"] == "cancelled");
  CHECK(body["cancelled_at"] == "2026-05-28T20:26:40.000+00:00");
  CHECK(f.backend.cancels == std::vector<int64_t>{id});
}

TEST_CASE("DeleteOfAMessageInAnotherStateIs409") {
  Fixture f;
  store::Message m = Queued();
  m.state = store::MessageState::kSending;
  const int64_t id = f.backend.Add(m);
  json error = ErrorOf(f.Handle(Request("DELETE", "/api/v1/messages/" + std::to_string(id))), 409, "not_cancellable");
  CHECK_THAT(error["message"].get<std::string>(), Catch::Contains("sending"));
}

TEST_CASE("DeleteErrors") {
  Fixture f;
  ErrorOf(f.Handle(Request("DELETE", "/api/v1/messages/404")), 404, "not_found");
  json error = ErrorOf(f.Handle(Request("DELETE", "/api/v1/messages/-4")), 400, "invalid_parameter");
  CHECK(error["field"] == "id");
  CHECK(f.backend.cancels == std::vector<int64_t>{404});
}

// --- GET /api/v1/inbox --------------------------------------------------------

TEST_CASE("InboxListsReceivedMessages") {
  Fixture f;
  store::InboxMessage m;
  m.id = 5;
  m.modem = "sim1";
  m.sim = "8990011234567890123";
  m.sender = "+905321234567";
  m.text = "Evet, geliyorum";
  m.smsc_time = "2026-05-28T23:26:30+03:00";
  m.received_at = kNow;
  m.parts_received = 2;
  m.parts_total = 3;
  m.partial = true;
  f.backend.inbox_page.items = {m};
  HttpResponse response =
      f.Handle(Get("/api/v1/inbox", {{"from", "05321234567"}, {"since", "2026-05-28T00:00:00Z"}, {"limit", "10"}}));
  REQUIRE(response.status == 200);
  const json body = Json(response);
  CHECK(body["next_cursor"].is_null());
  REQUIRE(body["messages"].size() == 1);
  CHECK(body["messages"][0] == json{{"id", 5},
                                    {"from", "+905321234567"},
                                    {"text", "Evet, geliyorum"},
                                    {"received_at", "2026-05-28T20:26:40.000+00:00"},
                                    {"smsc_time", "2026-05-28T23:26:30+03:00"},
                                    {"modem", "sim1"},
                                    {"sim", "8990011234567890123"},
                                    {"parts", 3},
                                    {"parts_received", 2},
                                    {"partial", true},
                                    {"undecodable", false},
                                    {"raw_pdu", nullptr},
                                    {"undecodable_reason", nullptr}});
  REQUIRE(f.backend.inbox_lists.size() == 1);
  CHECK(f.backend.inbox_lists[0].filter.from == "+905321234567");
  CHECK(f.backend.inbox_lists[0].filter.since == 1'779'926'400'000);
  CHECK(f.backend.inbox_lists[0].limit == 10);
}

TEST_CASE("InboxShowsAnUndecodablePduWithItsRawPduAndReason") {
  Fixture f;
  store::InboxMessage m;
  m.id = 6;
  m.modem = "sim1";
  m.received_at = kNow;
  m.undecodable = true;
  m.raw_pdu = "00040B91";
  m.undecodable_reason = "malformed-pdu: TP-OA: missing (PDU ends at octet 4)";
  f.backend.inbox_page.items = {m};
  HttpResponse response = f.Handle(Get("/api/v1/inbox", {}));
  REQUIRE(response.status == 200);
  const json body = Json(response);
  REQUIRE(body["messages"].size() == 1);
  CHECK(body["messages"][0] == json{{"id", 6},
                                    {"from", nullptr},
                                    {"text", ""},
                                    {"received_at", "2026-05-28T20:26:40.000+00:00"},
                                    {"smsc_time", nullptr},
                                    {"modem", "sim1"},
                                    {"sim", nullptr},
                                    {"parts", 1},
                                    {"parts_received", 1},
                                    {"partial", false},
                                    {"undecodable", true},
                                    {"raw_pdu", "00040B91"},
                                    {"undecodable_reason", "malformed-pdu: TP-OA: missing (PDU ends at octet 4)"}});
}

TEST_CASE("InboxBadParametersAre400") {
  Fixture f;
  json error = ErrorOf(f.Handle(Get("/api/v1/inbox", {{"since", "now"}})), 400, "invalid_parameter");
  CHECK(error["field"] == "since");
}

// --- GET /api/v1/modems, /metrics ----------------------------------------------

TEST_CASE("ModemsShowEveryField") {
  Fixture f;
  ModemView m;
  m.id = "sim1";
  m.state = "ready";
  m.device = "/dev/serial/by-id/usb-HUAWEI-if00";
  m.manufacturer = "huawei";
  m.model = "E3531";
  m.imei = "861234567890123";
  m.imsi = "286011234567890";
  m.iccid = "8990011234567890123";
  m.operator_name = "Turkcell";
  m.signal_dbm = -81;
  m.registration = "home";
  m.sent_today = 12;
  m.daily_limit = 250;
  m.queue_share = 0.5;
  m.sent_total = 40;
  m.failed_total = 1;
  m.pin_attempts_left = 3;
  m.sim_used = 7;
  m.sim_total = 30;
  ModemView absent;
  absent.id = "sim2";
  absent.state = "absent";
  absent.device = "/dev/ttyUSB4";
  absent.registration = "unknown";
  f.backend.modems = {m, absent};
  const json body = Json(f.Handle(Get("/api/v1/modems")));
  REQUIRE(body["modems"].size() == 2);
  CHECK(body["modems"][0] == json{{"id", "sim1"},
                                  {"state", "ready"},
                                  {"device", "/dev/serial/by-id/usb-HUAWEI-if00"},
                                  {"manufacturer", "huawei"},
                                  {"model", "E3531"},
                                  {"imei", "861234567890123"},
                                  {"imsi", "286011234567890"},
                                  {"iccid", "8990011234567890123"},
                                  {"operator", "Turkcell"},
                                  {"signal_dbm", -81},
                                  {"signal_bars", 4},
                                  {"registration", "home"},
                                  {"sent_today", 12},
                                  {"daily_limit", 250},
                                  {"rate_per_minute", nullptr},
                                  {"queue_share", 0.5},
                                  {"last_error", nullptr},
                                  {"lock_reason", nullptr},
                                  {"pin_attempts_left", 3},
                                  {"sim_storage", {{"used", 7}, {"total", 30}, {"full", false}}},
                                  {"sent_total", 40},
                                  {"failed_total", 1}});
  const json& second = body["modems"][1];
  CHECK(second["imei"].is_null());
  CHECK(second["operator"].is_null());
  CHECK(second["signal_bars"].is_null());
  CHECK(second["sim_storage"].is_null());
}

TEST_CASE("A sim-locked modem says why in GET /api/v1/modems") {
  Fixture f;
  ModemView locked;
  locked.id = "sim1";
  locked.state = "sim-locked";
  locked.lock_reason = "PIN refused";
  locked.pin_attempts_left = 2;
  f.backend.modems = {locked};
  const json body = Json(f.Handle(Get("/api/v1/modems")));
  REQUIRE(body["modems"].size() == 1);
  CHECK(body["modems"][0]["state"] == "sim-locked");
  CHECK(body["modems"][0]["lock_reason"] == "PIN refused");
  CHECK(body["modems"][0]["pin_attempts_left"] == 2);
}

TEST_CASE("MetricsAreServedAsPrometheusText") {
  Fixture f;
  HttpResponse response = f.Handle(Get("/metrics"));
  CHECK(response.status == 200);
  CHECK_THAT(response.content_type, Catch::StartsWith("text/plain; version=0.0.4"));
  CHECK_THAT(response.body, Catch::Contains("# TYPE tellal_queue_depth gauge"));
  CHECK(f.backend.metrics_calls == 1);
}

// --- Kannel -------------------------------------------------------------------

TEST_CASE("KannelSendSmsIsRoutedWithItsOwnCredentials") {
  Fixture f;
  HttpResponse ok = f.Handle(Get("/cgi-bin/sendsms",
                                 {{"username", "kuser"},
                                  {"password", "kpass"},
                                  {"to", "05321234567 05331112233"},
                                  {"text", "merhaba"},
                                  {"coding", "2"},
                                  {"dlr-mask", "3"},
                                  {"dlr-url", "http://app/dlr?s=%d"}},
                                 nullptr));
  CHECK(ok.status == 202);
  CHECK(ok.body == "0: Accepted for delivery");
  REQUIRE(f.backend.submits.size() == 1);
  REQUIRE(f.backend.submits[0].size() == 2);
  CHECK(f.backend.submits[0][1].message.to == "+905331112233");
  CHECK(f.backend.submits[0][1].message.encoding == "ucs2");
  CHECK(f.backend.submits[0][1].callback->url == "http://app/dlr?s=%d");

  HttpResponse denied = f.Handle(Get(
      "/cgi-bin/sendsms", {{"username", "kuser"}, {"password", "nope"}, {"to", "05321234567"}, {"text", "merhaba"}}));
  CHECK(denied.status == 403);
  CHECK(denied.body == "Authorization failed for sendsms");
  CHECK(f.backend.submits.size() == 1);
}

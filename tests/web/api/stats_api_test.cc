// GET /api/v1/stats through the router, against FakeBackend's real
// in-memory SQLite store: messages queued, sent and failed there show in
// the queue depth and in the hour that holds each time.
#include "web/api/stats_api.h"

#include <stdlib.h>
#include <time.h>

#include <catch2/catch.hpp>
#include <string>

#include "api_test_support.h"
#include "fake_backend.h"
#include "web/api/api_router.h"

using nlohmann::json;
using namespace tellal;
using namespace tellal::web;
using namespace tellal::web::testing;

namespace {

// kNow is 20:26:40Z; its hour starts at 20:00:00Z.
constexpr store::Millis kThisHour = kNow - (26 * 60 + 40) * 1000;
constexpr store::Millis kHour = store::kHourMillis;

struct Fixture {
  Fixture() {
    setenv("TZ", "UTC0", 1);
    tzset();
  }
  FakeBackend backend;
  ApiRouter router{backend, TestSettings(), [] { return kNow; }};

  HttpResponse Stats(std::multimap<std::string, std::string> query = {}) {
    return router.Handle(Get("/api/v1/stats", std::move(query)));
  }

  int64_t Queue(store::Priority priority) {
    store::NewMessage m;
    m.to = "+905321110001";
    m.text = "merhaba";
    m.encoding = "gsm7";
    m.priority = priority;
    auto outcome = backend.audience_store().queue().Enqueue(m, kNow - 30 * kHour);
    REQUIRE(outcome.ok());
    return outcome->id;
  }
  // Queued, claimed by sim1 and taken by the network at `at`.
  void Sent(store::Millis at) {
    const int64_t id = Queue(store::Priority::kNormal);
    store::OutboundQueue& q = backend.audience_store().queue();
    auto claimed = q.ClaimMessage(id, "sim1", at);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->has_value());
    REQUIRE(q.MarkSegmentSent(id, 1, "sim1", 7, at).ok());
    REQUIRE(q.MarkSent(id, at).ok());
  }
  void Failed(store::Millis at) {
    const int64_t id = Queue(store::Priority::kNormal);
    REQUIRE(backend.audience_store().queue().MarkFailed(id, {"CMS 500", "refused"}, at).ok());
  }
  void Sending() {
    const int64_t id = Queue(store::Priority::kNormal);
    auto claimed = backend.audience_store().queue().ClaimMessage(id, "sim2", kNow);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->has_value());
  }
};

}  // namespace

TEST_CASE("TheStatsCountTheQueueAndEachHourOfTheLastDay", "[api][stats]") {
  Fixture f;
  f.Queue(store::Priority::kOtp);
  f.Queue(store::Priority::kBulk);
  f.Queue(store::Priority::kBulk);
  f.Sending();
  f.Sent(kThisHour + 1000);              // this hour
  f.Sent(kThisHour - 1);                 // the hour before, its last millisecond
  f.Failed(kThisHour - 23 * kHour);      // the first hour of the window
  f.Failed(kThisHour - 23 * kHour - 1);  // before it

  HttpResponse r = f.Stats();
  REQUIRE(r.status == 200);
  json body = Json(r);
  CHECK(body["queue"]["by_priority"] == json{{"otp", 1}, {"normal", 0}, {"bulk", 2}});
  CHECK(body["queue"]["by_state"] == json{{"queued", 3}, {"sending", 1}});
  CHECK(body["generated_at"] == "2026-05-28T20:26:40.000+00:00");
  const json& hours = body["hours"];
  REQUIRE(hours.size() == 24);
  CHECK(hours[0] == json{{"hour", "2026-05-27T21:00:00.000+00:00"}, {"sent", 0}, {"delivered", 0}, {"failed", 1}});
  CHECK(hours[22] == json{{"hour", "2026-05-28T19:00:00.000+00:00"}, {"sent", 1}, {"delivered", 0}, {"failed", 0}});
  CHECK(hours[23] == json{{"hour", "2026-05-28T20:00:00.000+00:00"}, {"sent", 1}, {"delivered", 0}, {"failed", 0}});
  int64_t total = 0;
  for (const json& h : hours) total += h["sent"].get<int64_t>() + h["failed"].get<int64_t>();
  CHECK(total == 3);
}

TEST_CASE("TheWindowIsAsManyHoursAsAsked", "[api][stats]") {
  Fixture f;
  const auto [hours, first] = GENERATE(table<std::string, std::string>({
      {"1", "2026-05-28T20:00:00.000+00:00"},
      {"3", "2026-05-28T18:00:00.000+00:00"},
      {"168", "2026-05-21T21:00:00.000+00:00"},
      {"", "2026-05-27T21:00:00.000+00:00"},  // empty is absent: 24
  }));
  HttpResponse r = f.Stats({{"hours", hours}});
  REQUIRE(r.status == 200);
  json body = Json(r);
  CHECK(body["hours"].size() == (hours.empty() ? 24u : std::stoul(hours)));
  CHECK(body["hours"][0]["hour"] == first);
  CHECK(body["hours"].back()["hour"] == "2026-05-28T20:00:00.000+00:00");
}

TEST_CASE("ABadHoursIsA400NamingIt", "[api][stats]") {
  Fixture f;
  const std::string value = GENERATE("0", "169", "-1", "24.5", "abc", "99999999999999999999", " 24");
  INFO(value);
  CHECK(ErrorOf(f.Stats({{"hours", value}}), 400, "invalid_parameter")["field"] == "hours");
}

TEST_CASE("OtherParametersAreRefusedByName", "[api][stats]") {
  Fixture f;
  SECTION("unknown") { CHECK(ErrorOf(f.Stats({{"hour", "24"}}), 400, "invalid_parameter")["field"] == "hour"); }
  SECTION("repeated") {
    CHECK(ErrorOf(f.Stats({{"hours", "24"}, {"hours", "48"}}), 400, "invalid_parameter")["field"] == "hours");
  }
}

TEST_CASE("TheStatsNeedTheToken", "[api][stats]") {
  Fixture f;
  HttpResponse r = f.router.Handle(Get("/api/v1/stats", {}, nullptr));
  CHECK(r.status == 401);
}

TEST_CASE("AStorageFailureIsNotA200", "[api][stats]") {
  Fixture f;
  f.backend.failure = "disk I/O error";
  f.backend.failure_code = ErrorCode::kIoError;
  HttpResponse r = f.Stats();
  CHECK(r.status >= 500);
}

TEST_CASE("TheWindowStartsOnAnHour", "[api][stats]") {
  const auto [now, hours, start] = GENERATE(table<store::Millis, int, store::Millis>({
      {kThisHour, 1, kThisHour},
      {kThisHour + kHour - 1, 1, kThisHour},
      {kThisHour + kHour, 1, kThisHour + kHour},
      {kThisHour + 5, 24, kThisHour - 23 * kHour},
  }));
  CHECK(StatsWindowStart(now, hours) == start);
}

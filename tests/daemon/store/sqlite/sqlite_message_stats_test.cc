#include "daemon/store/sqlite/sqlite_message_stats.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/sqlite_outbound_queue.h"
#include "daemon/store/sqlite/sqlite_send_log.h"
#include "store_testing.h"

using namespace tellal;
using namespace tellal::store;
using tellal::store::testing::MigratedDatabase;

namespace {

// 2026-06-01T10:00:00Z, the start of an hour.
constexpr Millis kTen = 1'780'308'000'000;
constexpr Millis kMinute = 60'000;
static_assert(kTen % kHourMillis == 0);

// The stats with the queue they read, over one migrated database.
struct Fixture {
  std::unique_ptr<Database> db = MigratedDatabase();
  SqliteSendLog send_log{*db};
  SqliteOutboundQueue queue{*db, send_log};
  SqliteMessageStats stats{*db, queue};

  // A message as the dispatcher and the reports would have left it: its
  // state and the times of the steps it went through, and with a send time
  // its first part's line in the send log (sends are counted from there).
  // `parts` more lines for its later parts, which count nothing.
  void Message(std::string_view state, std::optional<int64_t> sent_at, std::optional<int64_t> delivered_at,
               std::optional<int64_t> failed_at, int priority = 1, int parts = 1) {
    Status s = Run(*db,
                   "INSERT INTO messages (destination, body, encoding, segment_count, priority, state,"
                   " report_requested, flash, not_before, created_at, sent_at, delivered_at, failed_at)"
                   " VALUES ('+905321110001', 'x', 'gsm7', 1, ?1, ?2, 1, 0, ?3, ?3, ?4, ?5, ?6)",
                   priority, state, kTen - 48 * kHourMillis, sent_at, delivered_at, failed_at);
    REQUIRE(s.ok());
    if (!sent_at) return;
    for (int seq = 1; seq <= parts; ++seq) {
      s = Run(*db,
              "INSERT INTO send_log (modem, sent_at, message_id, seq)"
              " VALUES ('gsm0', ?1, (SELECT max(id) FROM messages), ?2)",
              *sent_at, seq);
      REQUIRE(s.ok());
    }
  }
};

std::vector<std::tuple<int64_t, int64_t, int64_t>> Counts(const std::vector<HourCounts>& hours) {
  std::vector<std::tuple<int64_t, int64_t, int64_t>> counts;
  for (const HourCounts& h : hours) counts.emplace_back(h.sent, h.delivered, h.failed);
  return counts;
}

}  // namespace

TEST_CASE("EachTimeCountsInTheHourThatHoldsIt", "[store][stats]") {
  Fixture f;
  // Sent 10:59:59.999, delivered 11:00:00.000: two buckets.
  f.Message("delivered", kTen + kHourMillis - 1, kTen + kHourMillis, std::nullopt);
  // Sent and failed in the 11:00 hour.
  f.Message("failed", kTen + kHourMillis + 5 * kMinute, std::nullopt, kTen + kHourMillis + 30 * kMinute);
  // Sent at the first instant of 12:00 in three parts, no report yet: one send.
  f.Message("sent", kTen + 2 * kHourMillis, std::nullopt, std::nullopt, 1, 3);
  // Failed without ever being sent (the modem refused it), at 12:59.
  f.Message("failed", std::nullopt, std::nullopt, kTen + 3 * kHourMillis - 1);

  auto hours = f.stats.CountByHour(kTen, 3);
  REQUIRE(hours.ok());
  REQUIRE(hours->size() == 3);
  CHECK((*hours)[0].hour_start == kTen);
  CHECK((*hours)[1].hour_start == kTen + kHourMillis);
  CHECK((*hours)[2].hour_start == kTen + 2 * kHourMillis);
  using Row = std::tuple<int64_t, int64_t, int64_t>;
  CHECK(Counts(*hours) == std::vector<Row>{{1, 0, 0}, {1, 1, 1}, {1, 0, 1}});
}

TEST_CASE("TimesOutsideTheWindowAreNotCounted", "[store][stats]") {
  Fixture f;
  f.Message("sent", kTen - 1, std::nullopt, std::nullopt);                       // just before
  f.Message("delivered", kTen - kMinute, kTen + 2 * kHourMillis, std::nullopt);  // reported just after
  f.Message("failed", std::nullopt, std::nullopt, kTen + 2 * kHourMillis);       // the end is exclusive
  f.Message("sent", kTen, std::nullopt, std::nullopt);                           // the start is inclusive

  auto hours = f.stats.CountByHour(kTen, 2);
  REQUIRE(hours.ok());
  using Row = std::tuple<int64_t, int64_t, int64_t>;
  CHECK(Counts(*hours) == std::vector<Row>{{1, 0, 0}, {0, 0, 0}});
}

TEST_CASE("AnEmptyWindowIsEveryHourAtZero", "[store][stats]") {
  Fixture f;
  const int n = GENERATE(1, 24, kMaxStatsHours);
  auto hours = f.stats.CountByHour(kTen, n);
  REQUIRE(hours.ok());
  REQUIRE(hours->size() == static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const HourCounts& h = (*hours)[static_cast<size_t>(i)];
    CHECK(h.hour_start == kTen + i * kHourMillis);
    CHECK(h.sent + h.delivered + h.failed == 0);
  }
}

TEST_CASE("HoursOutsideTheRangeAreRefusedNamingHours", "[store][stats]") {
  Fixture f;
  const int n = GENERATE(0, -1, kMaxStatsHours + 1);
  auto hours = f.stats.CountByHour(kTen, n);
  REQUIRE_FALSE(hours.ok());
  CHECK(hours.error().Is(ErrorCode::kInvalidArgument));
  CHECK_THAT(hours.error().message, Catch::Contains("hours"));
}

TEST_CASE("TheQueueDepthCountsWaitingMessagesByPriorityAndThoseBeingSent", "[store][stats]") {
  Fixture f;
  f.Message("queued", std::nullopt, std::nullopt, std::nullopt, 0);
  f.Message("queued", std::nullopt, std::nullopt, std::nullopt, 2);
  f.Message("queued", std::nullopt, std::nullopt, std::nullopt, 2);
  f.Message("sending", std::nullopt, std::nullopt, std::nullopt, 1);
  f.Message("sent", kTen, std::nullopt, std::nullopt, 1);

  auto depth = f.stats.CountQueueDepth();
  REQUIRE(depth.ok());
  using Row = std::pair<Priority, int64_t>;
  CHECK(depth->queued_by_priority ==
        std::vector<Row>{{Priority::kOtp, 1}, {Priority::kNormal, 0}, {Priority::kBulk, 2}});
  CHECK(depth->sending == 1);
}

#include "daemon/notify/webhook_retry.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>

namespace tellal::notify {
namespace {

using Next = RetryDecision::Next;
using std::chrono::milliseconds;

constexpr int64_t kNow = 1'000'000'000'000;  // 2001-09-09T01:46:40Z

TEST_CASE("DefaultScheduleIsTheNineDelaysOfTheIssue", "[webhook_retry]") {
  const WebhookSchedule& s = DefaultWebhookSchedule();
  REQUIRE(s.size() == 9);
  const int64_t expected_seconds[] = {5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400};
  for (size_t i = 0; i < s.size(); ++i) CHECK(s[i] == milliseconds(expected_seconds[i] * 1000));
}

TEST_CASE("AnAttemptIsDeliveredRetriedOrGivenUpByItsAnswer", "[webhook_retry]") {
  auto [status, step, next, delay_ms, disables] = GENERATE(table<std::optional<int>, int, Next, int64_t, bool>({
      {200, 0, Next::kDelivered, 0, false},
      {204, 8, Next::kDelivered, 0, false},
      {299, 0, Next::kDelivered, 0, false},
      {410, 0, Next::kFailed, 0, true},
      {503, 0, Next::kRetry, 5'000, false},
      {500, 1, Next::kRetry, 300'000, false},
      {404, 3, Next::kRetry, 7'200'000, false},
      {301, 2, Next::kRetry, 1'800'000, false},
      {std::nullopt, 0, Next::kRetry, 5'000, false},
      {std::nullopt, 8, Next::kRetry, 86'400'000, false},
      {503, 9, Next::kFailed, 0, false},  // the schedule is spent
      {std::nullopt, 9, Next::kFailed, 0, false},
  }));
  const RetryDecision d = DecideRetry(AttemptReply{status, std::nullopt}, step, kNow, DefaultWebhookSchedule(), 0.0, 0.15);
  CHECK(d.next == next);
  CHECK(d.disable.has_value() == disables);
  if (next == Next::kRetry) CHECK(d.retry_at_ms == kNow + delay_ms);
}

TEST_CASE("JitterSpreadsADelayByItsFraction", "[webhook_retry]") {
  auto [jitter, delay_ms] = GENERATE(table<double, int64_t>({
      {-1.0, 255'000}, {-0.5, 277'500}, {0.0, 300'000}, {0.5, 322'500}, {1.0, 345'000},
      {3.0, 345'000},  // a draw outside [-1, 1] is clamped
  }));
  const RetryDecision d = DecideRetry(AttemptReply{503, std::nullopt}, 1, kNow, DefaultWebhookSchedule(), jitter, 0.15);
  REQUIRE(d.next == Next::kRetry);
  CHECK(d.retry_at_ms == kNow + delay_ms);
}

TEST_CASE("RetryAfterIsALowerBoundOnTheNextDelay", "[webhook_retry]") {
  auto [retry_after, delay_ms] = GENERATE(table<std::string, int64_t>({
      {"120", 120'000},                            // longer than the 5 s step: honoured
      {"1", 5'000},                                // shorter: the schedule wins
      {"  60 ", 60'000},                           // optional whitespace
      {"Sun, 09 Sep 2001 01:56:40 GMT", 600'000},  // an HTTP-date ten minutes ahead
      {"Sun, 09 Sep 2001 01:00:00 GMT", 5'000},    // in the past
      {"soon", 5'000},                             // unreadable: ignored
  }));
  const RetryDecision d = DecideRetry(AttemptReply{503, retry_after}, 0, kNow, DefaultWebhookSchedule(), 0.0, 0.15);
  REQUIRE(d.next == Next::kRetry);
  CHECK(d.retry_at_ms == kNow + delay_ms);
}

TEST_CASE("ParseRetryAfterReadsSecondsAndImfFixdate", "[webhook_retry]") {
  auto [text, ms] = GENERATE(table<std::string, int64_t>({
      {"0", 0},
      {"3600", 3'600'000},
      {"99999999999999999999999", 365LL * 24 * 3600 * 1000},
      {"Sun, 09 Sep 2001 01:46:41 GMT", 1'000},
      {"Mon, 10 Sep 2001 01:46:40 GMT", 86'400'000},
  }));
  auto parsed = ParseRetryAfter(text, kNow);
  REQUIRE(parsed.ok());
  CHECK(*parsed == ms);
}

TEST_CASE("ParseRetryAfterRefusesWhatItCannotRead", "[webhook_retry]") {
  auto text = GENERATE(as<std::string>{}, "", "-5", "1.5", "Sunday, 09-Sep-01 01:46:41 GMT",
                       "Sun, 09 Sep 2001 01:46:41 UTC", "Sun, 32 Sep 2001 01:46:41 GMT", "Xyz, 09 Sep 2001 01:46:41 GMT",
                       "Sun, 09 Foo 2001 01:46:41 GMT");
  auto parsed = ParseRetryAfter(text, kNow);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == ErrorCode::kInvalidArgument);
  CHECK_THAT(parsed.error().message, Catch::StartsWith("Retry-After: "));
}

}  // namespace
}  // namespace tellal::notify

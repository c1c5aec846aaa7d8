// SendLimiter: a SIM's sliding-minute rate and its daily count since local
// midnight, restored from the send log. Times are passed in, so nothing here
// waits; local midnight comes from a fake calendar the tests control.
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <vector>

#include "daemon/core/send_limiter.h"

namespace tellal::core {
namespace {

using Millis = SendLimiter::Millis;

constexpr Millis kSecond = 1000;
constexpr Millis kMinute = 60 * kSecond;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
// A midnight of the fake calendar, and 10:00 that day.
constexpr Millis kMidnight = 20'000 * kDay;
constexpr Millis kT0 = kMidnight + 10 * kHour;

// Days of exactly 24 h starting at multiples of kDay.
Millis NextMidnight(Millis t) { return (t / kDay + 1) * kDay; }

SendLimiter Limiter(std::optional<int> per_minute, std::optional<int> daily) {
  SendLimiter limiter(NextMidnight);
  limiter.SetLimits(per_minute, daily);
  return limiter;
}

TEST_CASE("WithoutLimitsEverySendIsAllowed", "[send_limiter]") {
  SendLimiter limiter = Limiter(std::nullopt, std::nullopt);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(limiter.Allows(kT0 + i));
    REQUIRE(limiter.NextAllowed(kT0 + i) == kT0 + i);
    limiter.Record(kT0 + i);
  }
  CHECK(limiter.SentToday(kT0 + 1000) == 1000);
  CHECK_FALSE(limiter.per_minute().has_value());
  CHECK_FALSE(limiter.daily().has_value());
}

TEST_CASE("AZeroRateAllowsNothingAndLooksAgainInAMinute", "[send_limiter]") {
  SendLimiter limiter = Limiter(0, std::nullopt);
  CHECK_FALSE(limiter.Allows(kT0));
  CHECK(limiter.NextAllowed(kT0) == kT0 + kMinute);
  limiter.SetLimits(1, std::nullopt);
  CHECK(limiter.NextAllowed(kT0) == kT0);
}

TEST_CASE("RatePerMinuteIsASlidingWindow", "[send_limiter]") {
  const int rate = GENERATE(1, 2, 3, 10);
  CAPTURE(rate);
  SendLimiter limiter = Limiter(rate, std::nullopt);
  CHECK(limiter.per_minute() == rate);
  // `rate` sends, 5 s apart.
  for (int i = 0; i < rate; ++i) {
    const Millis at = kT0 + i * 5 * kSecond;
    REQUIRE(limiter.Allows(at));
    limiter.Record(at);
  }
  const Millis last = kT0 + (rate - 1) * 5 * kSecond;
  CHECK_FALSE(limiter.Allows(last));
  // The slot opens when the oldest send is a full minute old, not before.
  CHECK(limiter.NextAllowed(last) == kT0 + kMinute);
  CHECK_FALSE(limiter.Allows(kT0 + kMinute - 1));
  CHECK(limiter.NextAllowed(kT0 + kMinute - 1) == kT0 + kMinute);
  CHECK(limiter.Allows(kT0 + kMinute));
  CHECK(limiter.NextAllowed(kT0 + kMinute) == kT0 + kMinute);
  // Using that slot closes the window again until the second-oldest leaves.
  limiter.Record(kT0 + kMinute);
  if (rate > 1) {
    CHECK_FALSE(limiter.Allows(kT0 + kMinute));
    CHECK(limiter.NextAllowed(kT0 + kMinute) == kT0 + 5 * kSecond + kMinute);
  } else {
    CHECK(limiter.NextAllowed(kT0 + kMinute) == kT0 + 2 * kMinute);
  }
}

TEST_CASE("TheWindowSlidesAcrossClockMinutes", "[send_limiter]") {
  // Two sends either side of a clock minute: a per-calendar-minute counter
  // would allow a third at once; a sliding minute does not.
  SendLimiter limiter = Limiter(2, std::nullopt);
  limiter.Record(kT0 + 59 * kSecond);
  limiter.Record(kT0 + 61 * kSecond);
  CHECK_FALSE(limiter.Allows(kT0 + 62 * kSecond));
  CHECK(limiter.NextAllowed(kT0 + 62 * kSecond) == kT0 + 119 * kSecond);
  CHECK(limiter.Allows(kT0 + 119 * kSecond));
  // The second send still counts until it is a minute old.
  limiter.Record(kT0 + 119 * kSecond);
  CHECK_FALSE(limiter.Allows(kT0 + 120 * kSecond));
  CHECK(limiter.NextAllowed(kT0 + 120 * kSecond) == kT0 + 121 * kSecond);
}

TEST_CASE("DailyLimitResetsAtLocalMidnight", "[send_limiter]") {
  SendLimiter limiter = Limiter(std::nullopt, 3);
  for (int i = 0; i < 3; ++i) {
    REQUIRE(limiter.Allows(kT0 + i * kHour));
    limiter.Record(kT0 + i * kHour);
  }
  const Millis evening = kMidnight + 23 * kHour;
  CHECK(limiter.SentToday(evening) == 3);
  CHECK_FALSE(limiter.Allows(evening));
  CHECK(limiter.NextAllowed(evening) == kMidnight + kDay);
  CHECK_FALSE(limiter.Allows(kMidnight + kDay - 1));
  CHECK(limiter.Allows(kMidnight + kDay));
  CHECK(limiter.SentToday(kMidnight + kDay) == 0);
  limiter.Record(kMidnight + kDay + kHour);
  CHECK(limiter.SentToday(kMidnight + kDay + kHour) == 1);
}

TEST_CASE("DailyCountFollowsTheCalendarNotA24HourClock", "[send_limiter]") {
  // A 23-hour day (spring forward) and a 25-hour one (fall back), as the
  // local calendar reports them.
  const std::vector<Millis> midnights = {kMidnight, kMidnight + 23 * kHour, kMidnight + 48 * kHour,
                                         kMidnight + 72 * kHour};
  auto next = [midnights](Millis t) {
    for (Millis m : midnights) {
      if (m > t) return m;
    }
    return midnights.back() + kDay;
  };
  SendLimiter limiter(next);
  limiter.SetLimits(std::nullopt, 1);
  limiter.Record(kMidnight + kHour);
  // The short day ends after 23 h.
  CHECK(limiter.NextAllowed(kMidnight + 2 * kHour) == kMidnight + 23 * kHour);
  CHECK(limiter.Allows(kMidnight + 23 * kHour));
  limiter.Record(kMidnight + 23 * kHour);
  // The next day lasts 25 h: 24 h later it is still the same day.
  CHECK_FALSE(limiter.Allows(kMidnight + 47 * kHour));
  CHECK(limiter.NextAllowed(kMidnight + 47 * kHour) == kMidnight + 48 * kHour);
  CHECK(limiter.Allows(kMidnight + 48 * kHour));
}

TEST_CASE("WhenBothLimitsBindTheLaterOneDecides", "[send_limiter]") {
  SECTION("the daily limit is later") {
    SendLimiter limiter = Limiter(2, 2);
    limiter.Record(kT0);
    limiter.Record(kT0 + kSecond);
    CHECK(limiter.NextAllowed(kT0 + 2 * kSecond) == kMidnight + kDay);
  }
  SECTION("the window is later") {
    SendLimiter limiter = Limiter(2, 2);
    const Millis late = kMidnight + kDay - 30 * kSecond;
    limiter.Record(late);
    limiter.Record(late + kSecond);
    // The new day starts 30 s later, but the window opens only after 60.
    CHECK(limiter.NextAllowed(late + 2 * kSecond) == late + kMinute);
    CHECK_FALSE(limiter.Allows(kMidnight + kDay));
    CHECK(limiter.Allows(late + kMinute));
  }
}

TEST_CASE("RestoreRebuildsTheWindowAndTheDailyCount", "[send_limiter]") {
  SendLimiter limiter = Limiter(3, 10);
  const Millis now = kT0;
  // The send log as the store returns it, in any order; one entry is older
  // than a minute and must not count.
  limiter.Restore({now - 5 * kSecond, now - 50 * kSecond, now - 70 * kSecond, now - 30 * kSecond}, 7, now);
  CHECK(limiter.SentToday(now) == 7);
  CHECK_FALSE(limiter.Allows(now));
  CHECK(limiter.NextAllowed(now) == now - 50 * kSecond + kMinute);
  CHECK(limiter.Allows(now + 10 * kSecond));
  limiter.Record(now + 10 * kSecond);
  CHECK(limiter.SentToday(now + 10 * kSecond) == 8);
  // The daily count carries on from what was restored.
  limiter.Record(now + 2 * kMinute);
  limiter.Record(now + 3 * kMinute);
  CHECK(limiter.SentToday(now + 3 * kMinute) == 10);
  CHECK_FALSE(limiter.Allows(now + 4 * kMinute));
  CHECK(limiter.NextAllowed(now + 4 * kMinute) == kMidnight + kDay);
  CHECK(limiter.SentToday(kMidnight + kDay) == 0);
}

TEST_CASE("RestoreAtTheDailyLimitWaitsForMidnight", "[send_limiter]") {
  auto [sent_today, daily, allowed] = GENERATE(table<int, int, bool>({
      {0, 1, true}, {4, 5, true}, {5, 5, false}, {6, 5, false},  // the limit was lowered while the daemon was down
  }));
  CAPTURE(sent_today, daily);
  SendLimiter limiter = Limiter(std::nullopt, daily);
  limiter.Restore({}, sent_today, kT0);
  CHECK(limiter.Allows(kT0) == allowed);
  CHECK(limiter.NextAllowed(kT0) == (allowed ? kT0 : kMidnight + kDay));
}

TEST_CASE("ChangingLimitsTakesEffectAtOnce", "[send_limiter]") {
  SendLimiter limiter = Limiter(5, std::nullopt);
  for (int i = 0; i < 5; ++i) limiter.Record(kT0 + i * kSecond);
  const Millis now = kT0 + 10 * kSecond;
  CHECK_FALSE(limiter.Allows(now));

  // Lowered below what the window holds: the slot opens when enough of the
  // old sends have left, i.e. when the fourth send (kT0 + 3 s) is a minute old.
  limiter.SetLimits(2, std::nullopt);
  CHECK(limiter.per_minute() == 2);
  CHECK(limiter.NextAllowed(now) == kT0 + 3 * kSecond + kMinute);
  CHECK_FALSE(limiter.Allows(kT0 + 3 * kSecond + kMinute - 1));
  CHECK(limiter.Allows(kT0 + 3 * kSecond + kMinute));

  // Raised, then a daily limit the five sends already reach, then none.
  const Millis later = kT0 + 3 * kSecond + kMinute;
  limiter.Record(later);
  limiter.SetLimits(10, std::nullopt);
  CHECK(limiter.Allows(later));
  limiter.SetLimits(std::nullopt, 6);
  CHECK(limiter.daily() == 6);
  CHECK_FALSE(limiter.Allows(later));
  CHECK(limiter.NextAllowed(later) == kMidnight + kDay);
  limiter.SetLimits(std::nullopt, std::nullopt);
  CHECK(limiter.Allows(later));
}

TEST_CASE("NextAllowedIsTheFirstInstantThatAllows", "[send_limiter]") {
  // Over an irregular send history, NextAllowed(t) allows and the
  // millisecond before it (if later than t) does not.
  SendLimiter limiter = Limiter(4, 9);
  const std::vector<Millis> offsets = {
      0, 1, 2 * kSecond, 40 * kSecond, 41 * kSecond, 100 * kSecond, 101 * kSecond, 150 * kSecond, 170 * kSecond};
  Millis t = kT0;
  for (Millis offset : offsets) {
    const Millis at = kT0 + offset;
    const Millis next = limiter.NextAllowed(at);
    CAPTURE(offset, next - kT0);
    CHECK(next >= at);
    if (next > at) CHECK_FALSE(limiter.Allows(next - 1));
    CHECK(limiter.Allows(next));
    limiter.Record(next);
    t = next;
  }
  CHECK(limiter.SentToday(t) == 9);
  CHECK(limiter.NextAllowed(t) == kMidnight + kDay);
}

TEST_CASE("AClockStepMovesTheWindowAndTheDayWithIt", "[send_limiter][clock]") {
  const Millis delta = GENERATE(values<Millis>({kDay, -kDay, 5 * 365 * kDay}));
  INFO("step " << delta);
  SendLimiter limiter = Limiter(2, 3);
  limiter.Record(kT0);
  limiter.Record(kT0 + 10 * kSecond);
  limiter.Record(kT0 + 2 * kMinute);
  const Millis now = kT0 + 2 * kMinute + kSecond;
  REQUIRE_FALSE(limiter.Allows(now));  // the day's 3 are used

  limiter.Shift(delta);
  const Millis after = now + delta;
  // The day does not end early (+) or late (-) by the step: it ends when as
  // much time has passed as before it.
  CHECK_FALSE(limiter.Allows(after));
  CHECK(limiter.SentToday(after) == 3);
  CHECK(limiter.NextAllowed(after) == kMidnight + kDay + delta);
  CHECK_FALSE(limiter.Allows(kMidnight + kDay + delta - 1));
  CHECK(limiter.Allows(kMidnight + kDay + delta));
}

TEST_CASE("AClockStepKeepsTheRateWindowsRemainingTime", "[send_limiter][clock]") {
  const Millis delta = GENERATE(values<Millis>({kDay, -kDay, 5 * 365 * kDay}));
  INFO("step " << delta);
  SendLimiter limiter = Limiter(2, std::nullopt);
  limiter.Record(kT0);
  limiter.Record(kT0 + 10 * kSecond);
  limiter.Shift(delta);
  // The window frees its first slot a minute after the first send, on the
  // moved clock.
  CHECK_FALSE(limiter.Allows(kT0 + delta + kMinute - 1));
  CHECK(limiter.NextAllowed(kT0 + delta + 30 * kSecond) == kT0 + delta + kMinute);
  CHECK(limiter.Allows(kT0 + delta + kMinute));
}

}  // namespace
}  // namespace tellal::core

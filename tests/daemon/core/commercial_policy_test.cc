// Quiet hours and caps as the rules the queue applies (commercial_policy.h),
// in fixed time zones, across midnight and a DST change.
#include "daemon/core/commercial_policy.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "daemon/core/local_time.h"
#include "support/local_zone.h"

namespace tellal::core {
namespace {

using namespace std::chrono;
using store::Millis;

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;

using testing::RequireZoneFile;
using testing::Utc;
using testing::ZoneGuard;

const config::QuietHours kNight{21 * 60, 9 * 60};       // 21:00-09:00, across midnight
const config::QuietHours kLunch{12 * 60, 13 * 60 + 30};  // 12:00-13:30, inside a day

}  // namespace

TEST_CASE("QuietHoursEndIsWhenTheWindowContainingAnInstantCloses", "[policy]") {
  // Istanbul's +03:00 without DST, as a POSIX rule (which counts the other
  // way from ISO offsets), so no tz database is needed.
  ZoneGuard zone("<+03>-3");
  struct Case {
    const char* what;
    config::QuietHours quiet;
    Millis at;  // UTC
    std::optional<Millis> end;
  };
  const Case cases[] = {
      {"20:59 local is before the night window", kNight, Utc(2026, 12, 6, 17, 59), std::nullopt},
      {"21:00 local opens it", kNight, Utc(2026, 12, 6, 18, 0), Utc(2026, 12, 7, 6, 0)},
      {"23:30 local: ends at 09:00 tomorrow", kNight, Utc(2026, 12, 6, 20, 30), Utc(2026, 12, 7, 6, 0)},
      {"02:00 local: ends at 09:00 today", kNight, Utc(2026, 12, 6, 23, 0), Utc(2026, 12, 7, 6, 0)},
      {"08:59 local: ends a minute later", kNight, Utc(2026, 12, 7, 5, 59), Utc(2026, 12, 7, 6, 0)},
      {"09:00 local is outside (the end is excluded)", kNight, Utc(2026, 12, 7, 6, 0), std::nullopt},
      {"12:10 local inside lunch", kLunch, Utc(2026, 12, 7, 9, 10), Utc(2026, 12, 7, 10, 30)},
      {"13:30 local after lunch", kLunch, Utc(2026, 12, 7, 10, 30), std::nullopt},
      {"02:00 local outside lunch", kLunch, Utc(2026, 12, 6, 23, 0), std::nullopt},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CHECK(QuietHoursEnd(c.quiet, c.at) == c.end);
  }
}

TEST_CASE("QuietHoursFollowLocalTimeAcrossADaylightSavingChange", "[policy]") {
  RequireZoneFile("Europe/Berlin");
  ZoneGuard zone("Europe/Berlin");
  // The night of 28-29 March 2026: clocks go from 02:00 CET to 03:00 CEST.
  // 22:00 CET is 21:00 UTC; 09:00 CEST the next morning is 07:00 UTC.
  CHECK(QuietHoursEnd(kNight, Utc(2026, 3, 28, 21, 0)) == Utc(2026, 3, 29, 7, 0));
  // And in October back: 09:00 CET on 25 October is 08:00 UTC.
  CHECK(QuietHoursEnd(kNight, Utc(2026, 10, 24, 22, 0)) == Utc(2026, 10, 25, 8, 0));
}

TEST_CASE("RulesAtGivesHoldCapsAndTheDayStartAndFollowsBoundaries", "[policy]") {
  ZoneGuard zone("<+03>-3");
  CommercialPolicy policy(kNight, 1, 4);
  const Millis afternoon = Utc(2026, 12, 6, 12, 0);  // 15:00 local
  store::CommercialRules r = policy.RulesAt(afternoon);
  CHECK_FALSE(r.held_until);
  CHECK(r.cap_per_day == 1);
  CHECK(r.cap_per_30_days == 4);
  CHECK(r.day_start == Utc(2026, 12, 5, 21, 0));  // local midnight
  // The cached answer must not outlive the window's start.
  r = policy.RulesAt(Utc(2026, 12, 6, 18, 0));  // 21:00 local
  CHECK(r.held_until == Utc(2026, 12, 7, 6, 0));
  // ...nor midnight (a new day, a new day_start, still quiet).
  r = policy.RulesAt(Utc(2026, 12, 6, 21, 30));  // 00:30 local on the 7th
  CHECK(r.held_until == Utc(2026, 12, 7, 6, 0));
  CHECK(r.day_start == Utc(2026, 12, 6, 21, 0));
  r = policy.RulesAt(Utc(2026, 12, 7, 6, 0));  // 09:00 local
  CHECK_FALSE(r.held_until);
  // A clock that stepped back is answered for its own time.
  r = policy.RulesAt(Utc(2026, 12, 6, 19, 0));
  CHECK(r.held_until == Utc(2026, 12, 7, 6, 0));
}

TEST_CASE("WithoutQuietHoursNothingIsHeld", "[policy]") {
  ZoneGuard zone("<+03>-3");
  CommercialPolicy policy(std::nullopt, 0, 0);
  const store::CommercialRules r = policy.RulesAt(Utc(2026, 12, 6, 22, 0));
  CHECK_FALSE(r.held_until);
  CHECK(r.cap_per_day == 0);
  CHECK(r.cap_per_30_days == 0);
}

TEST_CASE("TheFooterNamesTheReplyNumberOrSaysWhatIsMissing", "[policy]") {
  CHECK(RenderFooter("RET yazip {number}'a gonderin", "3456").value() == "RET yazip 3456'a gonderin");
  CHECK(RenderFooter("RET: {number} / {number}", "05321234567").value() == "RET: 05321234567 / 05321234567");
  CHECK(RenderFooter("Ayrilmak icin RET yazin", "").value() == "Ayrilmak icin RET yazin");
  CHECK(RenderFooter("", "3456").value().empty());
  auto missing = RenderFooter("RET yazip {number}'a gonderin", "");
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("reply_number"));
}

}  // namespace tellal::core

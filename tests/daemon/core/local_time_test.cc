// Local midnights for daily limits, across DST changes.
//
// The time zone is process-wide (TZ): every test sets the zone it needs
// through a guard that puts the previous TZ back, so the cases do not depend
// on each other or on the machine's zone, also when they share a process.
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "daemon/core/local_time.h"
#include "support/local_zone.h"

namespace tellal::core {
namespace {

using namespace std::chrono;

constexpr Millis kHour = 3'600'000;
constexpr Millis kDay = 24 * kHour;

using testing::RequireZoneFile;
using testing::Utc;
using testing::ZoneGuard;

// UTC offset of local time at `at`, in minutes.
long OffsetMinutes(Millis at) {
  const std::time_t t = static_cast<std::time_t>(at / 1000);
  std::tm local{};
  localtime_r(&t, &local);
  return local.tm_gmtoff / 60;
}

struct DayCase {
  Millis at;
  Millis start;  // LocalMidnight(at)
  Millis next;   // NextLocalMidnight(at)
};

void CheckDays(const std::vector<DayCase>& cases) {
  for (const DayCase& c : cases) {
    CAPTURE(c.at);
    CHECK(LocalMidnight(c.at) == c.start);
    CHECK(NextLocalMidnight(c.at) == c.next);
  }
}

TEST_CASE("BerlinSpringForwardDayLasts23Hours", "[local_time]") {
  RequireZoneFile("Europe/Berlin");
  ZoneGuard zone("Europe/Berlin");
  // 2026-03-29: 02:00 CET (01:00 UTC) becomes 03:00 CEST. The day starts at
  // 00:00 CET = 23:00 UTC the day before and ends at 00:00 CEST = 22:00 UTC.
  const Millis start = Utc(2026, 3, 28, 23);
  const Millis end = Utc(2026, 3, 29, 22);
  CheckDays({
      {Utc(2026, 3, 29, 10), start, end},         // noon CEST
      {start, start, end},                        // midnight itself; the next one is strictly after
      {Utc(2026, 3, 29, 0, 59, 59), start, end},  // 01:59:59 CET, just before the jump
      {Utc(2026, 3, 29, 1), start, end},          // 03:00 CEST, just after it
      {end - 1, start, end},                      // the day's last millisecond
      {end, end, Utc(2026, 3, 30, 22)},           // the next day: 24 h again
      {start - 1, Utc(2026, 3, 27, 23), start},   // the day before: 24 h
  });
  CHECK(end - start == 23 * kHour);
}

TEST_CASE("BerlinFallBackDayLasts25Hours", "[local_time]") {
  RequireZoneFile("Europe/Berlin");
  ZoneGuard zone("Europe/Berlin");
  // 2026-10-25: 03:00 CEST (01:00 UTC) becomes 02:00 CET; 02:00-03:00 local
  // happens twice. The day starts at 00:00 CEST = 22:00 UTC the day before
  // and ends at 00:00 CET = 23:00 UTC.
  const Millis start = Utc(2026, 10, 24, 22);
  const Millis end = Utc(2026, 10, 25, 23);
  CheckDays({
      {Utc(2026, 10, 25, 11), start, end},
      {start, start, end},
      {Utc(2026, 10, 25, 0, 30), start, end},  // 02:30 CEST, the first time
      {Utc(2026, 10, 25, 1, 30), start, end},  // 02:30 CET, the second time
      {end - 1, start, end},
      {end, end, Utc(2026, 10, 26, 23)},
      {start - 1, Utc(2026, 10, 23, 22), start},
  });
  CHECK(end - start == 25 * kHour);
}

TEST_CASE("IstanbulDaysAreAlways24Hours", "[local_time]") {
  RequireZoneFile("Europe/Istanbul");
  ZoneGuard zone("Europe/Istanbul");
  // UTC+3 all year since 2016: midnight is 21:00 UTC, also on the days
  // Europe changes its clocks.
  auto [y, m, d] = GENERATE(table<int, unsigned, unsigned>({
      {2026, 1, 1},
      {2026, 3, 29},
      {2026, 3, 30},
      {2026, 6, 21},
      {2026, 10, 25},
      {2026, 12, 31},
      {2028, 2, 29},
  }));
  CAPTURE(y, m, d);
  const Millis midnight = Utc(y, m, d) - 3 * kHour;
  CHECK(OffsetMinutes(midnight) == 180);
  CheckDays({
      {midnight + 12 * kHour, midnight, midnight + kDay},
      {midnight, midnight, midnight + kDay},
      {midnight - 1, midnight - kDay, midnight},
      {midnight + kDay - 1, midnight, midnight + kDay},
  });
}

TEST_CASE("AYearOfBerlinMidnightsHasOneShortAndOneLongDay", "[local_time]") {
  RequireZoneFile("Europe/Berlin");
  ZoneGuard zone("Europe/Berlin");
  Millis midnight = LocalMidnight(Utc(2026, 1, 1, 12));
  REQUIRE(midnight == Utc(2025, 12, 31, 23));
  int days = 0, short_days = 0, long_days = 0;
  while (midnight < Utc(2026, 12, 31, 23)) {
    const Millis next = NextLocalMidnight(midnight);
    const Millis length = next - midnight;
    CAPTURE(midnight, length);
    REQUIRE((length == 23 * kHour || length == 24 * kHour || length == 25 * kHour));
    if (length == 23 * kHour) {
      ++short_days;
      CHECK(midnight == Utc(2026, 3, 28, 23));
    }
    if (length == 25 * kHour) {
      ++long_days;
      CHECK(midnight == Utc(2026, 10, 24, 22));
    }
    // Every instant of the day maps back to its start.
    CHECK(LocalMidnight(midnight + length / 2) == midnight);
    CHECK(LocalMidnight(next - 1) == midnight);
    CHECK(LocalMidnight(next) == next);
    midnight = next;
    ++days;
  }
  CHECK(midnight == Utc(2026, 12, 31, 23));
  CHECK(days == 365);
  CHECK(short_days == 1);
  CHECK(long_days == 1);
}

TEST_CASE("MidnightsThatDoNotExistStartTheDayAtItsFirstInstant", "[local_time]") {
  // Some zones change clocks at midnight: the day then starts at 01:00.
  auto [zone_name, before, first_instant, day_end] = GENERATE(table<std::string, Millis, Millis, Millis>({
      // Chile, 2026-09-06: 24:00 -04 becomes 01:00 -03 (04:00 UTC).
      {"America/Santiago", Utc(2026, 9, 5, 12), Utc(2026, 9, 6, 4), Utc(2026, 9, 7, 3)},
      // Egypt, 2026-04-24: 00:00 EET becomes 01:00 EEST (22:00 UTC).
      {"Africa/Cairo", Utc(2026, 4, 23, 12), Utc(2026, 4, 23, 22), Utc(2026, 4, 24, 21)},
  }));
  CAPTURE(zone_name);
  RequireZoneFile(zone_name);
  ZoneGuard zone(zone_name);
  CHECK(NextLocalMidnight(before) == first_instant);
  CHECK(LocalMidnight(first_instant + 6 * kHour) == first_instant);
  CHECK(NextLocalMidnight(first_instant) == day_end);
  CHECK(day_end - first_instant == 23 * kHour);
}

TEST_CASE("PosixRulesWorkWithoutTheTzDatabase", "[local_time]") {
  // The same rules as Europe/Berlin written as a POSIX TZ string: last
  // Sunday of March at 02:00, last Sunday of October at 03:00.
  ZoneGuard zone("CET-1CEST,M3.5.0,M10.5.0/3");
  CHECK(LocalMidnight(Utc(2026, 3, 29, 10)) == Utc(2026, 3, 28, 23));
  CHECK(NextLocalMidnight(Utc(2026, 3, 29, 10)) == Utc(2026, 3, 29, 22));
  CHECK(LocalMidnight(Utc(2026, 10, 25, 11)) == Utc(2026, 10, 24, 22));
  CHECK(NextLocalMidnight(Utc(2026, 10, 25, 11)) == Utc(2026, 10, 25, 23));
}

TEST_CASE("SetLocalTimeZoneChangesWhereMidnightFalls", "[local_time]") {
  RequireZoneFile("Europe/Istanbul");
  RequireZoneFile("Europe/Berlin");
  const Millis noon = Utc(2026, 7, 1, 12);
  auto [zone_name, midnight] = GENERATE(table<std::string, Millis>({
      {"UTC", Utc(2026, 7, 1)},
      {"Europe/Istanbul", Utc(2026, 6, 30, 21)},
      {"Europe/Berlin", Utc(2026, 6, 30, 22)},
      {"America/New_York", Utc(2026, 7, 1, 4)},
      {"Asia/Kolkata", Utc(2026, 6, 30, 18, 30)},
  }));
  CAPTURE(zone_name);
  if (zone_name != "UTC") RequireZoneFile(zone_name);
  ZoneGuard zone(zone_name);
  CHECK(LocalMidnight(noon) == midnight);
  CHECK(NextLocalMidnight(noon) == midnight + kDay);
}

TEST_CASE("TheGuardRestoresTheProcessZone", "[local_time]") {
  // What the other cases rely on: after a guard, local time is what it was.
  RequireZoneFile("Europe/Istanbul");
  RequireZoneFile("Europe/Berlin");
  ZoneGuard outer("Europe/Istanbul");
  {
    ZoneGuard inner("Europe/Berlin");
    CHECK(LocalMidnight(Utc(2026, 7, 1, 12)) == Utc(2026, 6, 30, 22));
  }
  CHECK(LocalMidnight(Utc(2026, 7, 1, 12)) == Utc(2026, 6, 30, 21));
}

TEST_CASE("NowMillisIsTheSystemClockInMilliseconds", "[local_time]") {
  const auto before = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  const Millis now = NowMillis();
  const auto after = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  CHECK(before <= now);
  CHECK(now <= after);
}

}  // namespace
}  // namespace tellal::core

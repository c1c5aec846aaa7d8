#include "daemon/text/rfc3339.h"

#include <stdlib.h>
#include <time.h>

#include <catch2/catch.hpp>

using tellal::text::FormatRfc3339;
using tellal::text::FormatRfc3339Local;
using tellal::text::ParseRfc3339;

namespace {

constexpr int64_t kInstant = 1'795'442'700'123;  // 2026-11-23T14:05:00.123Z

// Sets TZ for one test and restores it, so tests do not depend on the host.
class ScopedTimeZone {
 public:
  explicit ScopedTimeZone(const char* zone) {
    if (const char* old = getenv("TZ")) old_ = old;
    setenv("TZ", zone, 1);
    tzset();
  }
  ~ScopedTimeZone() {
    if (old_.empty()) {
      unsetenv("TZ");
    } else {
      setenv("TZ", old_.c_str(), 1);
    }
    tzset();
  }

 private:
  std::string old_;
};

}  // namespace

TEST_CASE("ParseRfc3339AcceptsOffsetsAndFractions") {
  auto [text, millis] = GENERATE(table<const char*, int64_t>({
      {"2026-11-23T17:05:00.123+03:00", kInstant},
      {"2026-11-23T14:05:00.123Z", kInstant},
      {"2026-11-23t14:05:00.123z", kInstant},
      {"2026-11-23T14:05:00.123456789+00:00", kInstant},
      {"2026-11-23T09:35:00.123-04:30", kInstant},
      {"2026-11-23T14:05:00Z", kInstant - 123},
      {"2026-11-23T14:05:00.1Z", kInstant - 23},
      {"1970-01-01T00:00:00Z", 0},
      {"1969-12-31T23:59:59.999Z", -1},
      {"2024-02-29T00:00:00Z", 1'709'164'800'000},
      {"2016-12-31T23:59:60Z", 1'483'228'800'000},  // a leap second reads as the next second
  }));
  CAPTURE(text);
  auto parsed = ParseRfc3339(text);
  REQUIRE(parsed.ok());
  CHECK(*parsed == millis);
}

TEST_CASE("ParseRfc3339RejectsWithTheReason") {
  auto [text, reason] = GENERATE(table<const char*, const char*>({
      {"", "expected a 4-digit year at offset 0"},
      {"2026-11-23T17:05:00", "expected a UTC offset"},
      {"2026-11-23 17:05:00+03:00", "expected 'T' between date and time"},
      {"2026-13-01T00:00:00Z", "month 13 is out of range"},
      {"2026-02-29T00:00:00Z", "day 29 does not exist in 2026-02"},
      {"2026-11-31T00:00:00Z", "day 31 does not exist"},
      {"2026-11-23T24:00:00Z", "hour 24 is out of range"},
      {"2026-11-23T17:60:00Z", "minute 60 is out of range"},
      {"2026-11-23T17:05:61Z", "second 61 is out of range"},
      {"2026-11-23T17:05:00.Z", "expected digits after '.'"},
      {"2026-11-23T17:05:00+3:00", "expected a 2-digit offset hour"},
      {"2026-11-23T17:05:00+03:60", "offset minute 60 is out of range"},
      {"2026-11-23T17:05:00+0300", "expected ':' inside the offset"},
      {"2026-11-23T17:05:00Z ", "unexpected characters at offset 20"},
      {"26-11-23T17:05:00Z", "expected a 4-digit year"},
      {"1764000000", "expected '-' after the year"},
  }));
  CAPTURE(text);
  auto parsed = ParseRfc3339(text);
  REQUIRE_FALSE(parsed.ok());
  CHECK_THAT(parsed.error().message, Catch::Contains(reason));
  CHECK_THAT(parsed.error().message, Catch::StartsWith("not an RFC 3339 time with offset"));
}

TEST_CASE("FormatRfc3339WritesMillisecondsAndNumericOffset") {
  auto [millis, offset, text] = GENERATE(table<int64_t, int, const char*>({
      {kInstant, 3 * 3600, "2026-11-23T17:05:00.123+03:00"},
      {kInstant, 0, "2026-11-23T14:05:00.123+00:00"},
      {kInstant, -(4 * 3600 + 1800), "2026-11-23T09:35:00.123-04:30"},
      {kInstant, 5 * 3600 + 45 * 60, "2026-11-23T19:50:00.123+05:45"},
      {0, 0, "1970-01-01T00:00:00.000+00:00"},
      {-1, 0, "1969-12-31T23:59:59.999+00:00"},
      {1'709'164'800'000, 0, "2024-02-29T00:00:00.000+00:00"},
  }));
  CHECK(FormatRfc3339(millis, offset) == text);
}

TEST_CASE("FormattedTimesParseBackToTheSameInstant") {
  const int64_t millis = GENERATE(int64_t{0}, int64_t{-1}, kInstant, int64_t{4'102'444'799'999});
  const int offset = GENERATE(0, 3 * 3600, -(9 * 3600 + 30 * 60));
  auto parsed = ParseRfc3339(FormatRfc3339(millis, offset));
  REQUIRE(parsed.ok());
  CHECK(*parsed == millis);
}

TEST_CASE("FormatRfc3339LocalUsesTheProcessTimeZone") {
  SECTION("a fixed offset east of UTC") {
    ScopedTimeZone zone("<+03>-3");
    CHECK(FormatRfc3339Local(kInstant) == "2026-11-23T17:05:00.123+03:00");
  }
  SECTION("UTC is +00:00, not Z") {
    ScopedTimeZone zone("UTC0");
    CHECK(FormatRfc3339Local(kInstant) == "2026-11-23T14:05:00.123+00:00");
  }
  SECTION("the offset in force at that instant, across a DST change") {
    // Central European rules in POSIX form, independent of tzdata.
    ScopedTimeZone zone("CET-1CEST,M3.5.0,M10.5.0/3");
    CHECK(FormatRfc3339Local(kInstant) == "2026-11-23T15:05:00.123+01:00");
    CHECK(FormatRfc3339Local(1'782'000'000'000) == "2026-06-21T02:00:00.000+02:00");
  }
}

TEST_CASE("A space between date and time is read only where it is allowed", "[rfc3339]") {
  using tellal::text::DateTimeSeparator;
  CHECK(ParseRfc3339("2026-11-23 14:05:00.123Z", DateTimeSeparator::kTOrSpace).value() == kInstant);
  CHECK(ParseRfc3339("2026-11-23t14:05:00.123Z", DateTimeSeparator::kTOrSpace).value() == kInstant);
  CHECK_FALSE(ParseRfc3339("2026-11-23 14:05:00.123Z", DateTimeSeparator::kT).ok());
  CHECK_FALSE(ParseRfc3339("2026-11-23X14:05:00.123Z", DateTimeSeparator::kTOrSpace).ok());
}

TEST_CASE("FormatUtc writes a UTC time in the given format", "[rfc3339]") {
  CHECK(tellal::text::FormatUtc(1'795'442'700, "%F+%T") == "2026-11-23+14:05:00");
  CHECK(tellal::text::FormatUtc(-1, "%F %T") == "1969-12-31 23:59:59");
}

TEST_CASE("Command-line times: RFC 3339 with T, t or a space, read as the instant", "[rfc3339]") {
  auto [text, millis] = GENERATE(table<std::string, std::int64_t>({
      {"1970-01-01T00:00:00Z", 0},
      {"1970-01-01T00:00:01.5Z", 1500},
      {"1970-01-01T00:00:00.123456Z", 123},
      {"1970-01-01T03:00:00+03:00", 0},
      {"1969-12-31T23:00:00-01:00", 0},
      {"2024-05-01T09:00:00.250+03:00", 1714543200250},
      {"2024-05-01t06:00:00.250z", 1714543200250},
      {"2024-05-01 06:00:00.250Z", 1714543200250},
      {"2024-02-29T00:00:00Z", 1709164800000},
      {"2016-12-31T23:59:60Z", 1483228800000},  // a leap second reads as the next minute
  }));
  CAPTURE(text);
  auto parsed = ParseRfc3339(text, tellal::text::DateTimeSeparator::kTOrSpace);
  REQUIRE(parsed.ok());
  CHECK(*parsed == millis);
}

TEST_CASE("Command-line times refuse what is not an RFC 3339 date-time", "[rfc3339]") {
  auto text = GENERATE(as<std::string>{}, "", "tomorrow", "2024-05-01", "2024-05-01T09:00:00", "2024-05-01T09:00+03:00",
                       "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-05-01T24:00:00Z",
                       "2024-05-01T09:60:00Z", "2024-05-01T09:00:00.Z", "2024-05-01T09:00:00+0300",
                       "2024-05-01T09:00:00+03:00 ", "2024-05-01X09:00:00Z", "2024/05/01T09:00:00Z",
                       "2024-05-01T09:00:00+24:00");
  CAPTURE(text);
  CHECK_FALSE(ParseRfc3339(text, tellal::text::DateTimeSeparator::kTOrSpace).ok());
}

// RFC 3339 date-times, read and written in one place for the API, the CLI
// and the delivery-report callbacks; calendar arithmetic and formatting are
// Howard Hinnant's date library.
//
// Written: "2026-11-23T17:05:00.123+03:00" — always milliseconds, always a
// numeric offset (UTC is "+00:00", never "Z"), so every time stamp has the
// same shape and length for the process's time zone.
// Read: "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)", 'T' and 'Z' in
// either case; the offset is required, because a time without one means
// different instants on the client and on the gateway. Fractions beyond
// milliseconds are truncated; a leap second (":60") reads as the next second.
// Errors say what was expected where ("expected a 2-digit hour at offset 11",
// "day 29 does not exist in 2026-02").
//
// Pure functions, safe from any thread (localtime_r).
#ifndef TELLAL_DAEMON_TEXT_RFC3339_H_
#define TELLAL_DAEMON_TEXT_RFC3339_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "modem/result.h"

namespace tellal::text {

// Milliseconds since the Unix epoch, UTC.
using EpochMillis = std::int64_t;

// What may stand between the date and the time. RFC 3339 §5.6 notes that
// applications may accept a space for readability; a person typing a time on
// the command line does, an API client does not.
enum class DateTimeSeparator { kT, kTOrSpace };

Result<EpochMillis> ParseRfc3339(std::string_view text, DateTimeSeparator separator = DateTimeSeparator::kT);

// `offset_seconds` east of UTC, a whole number of minutes.
std::string FormatRfc3339(EpochMillis at, int offset_seconds);

// In the process's local time zone (TZ), with that zone's offset at `at`.
std::string FormatRfc3339Local(EpochMillis at);

// `unix_seconds` in UTC as date::format writes `format` ("%F+%T" is
// Kannel's "2026-11-23+14:05:00").
std::string FormatUtc(std::int64_t unix_seconds, const char* format);

}  // namespace tellal::text

#endif  // TELLAL_DAEMON_TEXT_RFC3339_H_

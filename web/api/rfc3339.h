// RFC 3339 time stamps as the API reads and writes them.
//
// Written: "2026-11-23T17:05:00.123+03:00" — always milliseconds, always a
// numeric offset (UTC is "+00:00", never "Z"), so every time stamp the API
// prints has the same shape and length for the process's time zone.
// Read: "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)", 'T' and 'Z' in
// either case; the offset is required, because a time without one means
// different instants on the client and on the Pi. Fractions beyond
// milliseconds are truncated; a leap second (":60") reads as the next second.
//
// Pure functions, safe from any thread (localtime_r).
#ifndef TELLAL_WEB_API_RFC3339_H_
#define TELLAL_WEB_API_RFC3339_H_

#include <string>
#include <string_view>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::web {

Result<store::Millis> ParseRfc3339(std::string_view text);

// `offset_seconds` east of UTC, a whole number of minutes.
std::string FormatRfc3339(store::Millis at, int offset_seconds);

// In the process's local time zone (TZ), with that zone's offset at `at`.
std::string FormatRfc3339Local(store::Millis at);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_RFC3339_H_

// Wall-clock helpers for the daemon: "now" in store milliseconds, and local
// midnights for daily limits. Local time is the process's time zone, which
// the daemon sets from [daemon] timezone at start (TZ), so the C library's
// tz database does the DST arithmetic.
//
// Thread-safe (localtime_r, mktime); TZ must not change while other threads
// read local time.
#ifndef TELLAL_DAEMON_CORE_LOCAL_TIME_H_
#define TELLAL_DAEMON_CORE_LOCAL_TIME_H_

#include <cstdint>
#include <string>

namespace tellal::core {

using Millis = int64_t;  // milliseconds since the Unix epoch, UTC

Millis NowMillis();

// The first local midnight strictly after `at` (23 or 25 hours away across a
// DST change, never a fixed 24 h).
Millis NextLocalMidnight(Millis at);
// The local midnight that started the day containing `at`.
Millis LocalMidnight(Millis at);

// Makes `zone` ("Europe/Istanbul") the process's local time zone.
void SetLocalTimeZone(const std::string& zone);

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_LOCAL_TIME_H_

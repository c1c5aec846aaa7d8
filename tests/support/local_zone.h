// Time-zone helpers for tests of local-time rules (daily limits, quiet
// hours). The zone is process-wide (TZ), so every test that needs one sets it
// through ZoneGuard, which puts the previous TZ back: cases do not depend on
// each other or on the machine's zone, also when they share a process.
#ifndef TELLAL_TESTS_SUPPORT_LOCAL_ZONE_H_
#define TELLAL_TESTS_SUPPORT_LOCAL_ZONE_H_

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

#include "daemon/core/local_time.h"

namespace tellal::testing {

// An instant given in UTC, in milliseconds since the epoch.
inline std::int64_t Utc(int y, unsigned m, unsigned d, int h = 0, int min = 0, int s = 0) {
  using namespace std::chrono;
  const sys_days date = year{y} / month{m} / day{d};
  return duration_cast<milliseconds>((date + hours{h} + minutes{min} + seconds{s}).time_since_epoch()).count();
}

class ZoneGuard {
 public:
  // `zone` is an IANA name (needs the tz database) or a POSIX TZ rule.
  explicit ZoneGuard(const std::string& zone) {
    if (const char* old = std::getenv("TZ")) saved_ = old;
    core::SetLocalTimeZone(zone);
  }
  ~ZoneGuard() {
    if (saved_) {
      core::SetLocalTimeZone(*saved_);
    } else {
      unsetenv("TZ");
      tzset();
    }
  }
  ZoneGuard(const ZoneGuard&) = delete;
  ZoneGuard& operator=(const ZoneGuard&) = delete;

 private:
  std::optional<std::string> saved_;
};

// glibc quietly falls back to UTC for a name it cannot find, which would
// make every expectation that uses the zone fail for the wrong reason.
inline void RequireZoneFile(const std::string& zone) {
  const std::string path = "/usr/share/zoneinfo/" + zone;
  INFO("the tz database (Debian package tzdata) is needed: " << path);
  REQUIRE(std::filesystem::exists(path));
}

}  // namespace tellal::testing

#endif  // TELLAL_TESTS_SUPPORT_LOCAL_ZONE_H_

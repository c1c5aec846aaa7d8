#include "daemon/core/local_time.h"

#include <chrono>
#include <cstdlib>
#include <ctime>

namespace tellal::core {
namespace {

Millis MidnightOf(Millis at, int day_offset) {
  const std::time_t seconds = static_cast<std::time_t>(at / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  local.tm_hour = 0;
  local.tm_min = 0;
  local.tm_sec = 0;
  local.tm_mday += day_offset;
  local.tm_isdst = -1;  // let mktime decide: the offset may differ at midnight
  return static_cast<Millis>(std::mktime(&local)) * 1000;
}

}  // namespace

Millis NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Millis NextLocalMidnight(Millis at) { return MidnightOf(at, 1); }

Millis LocalMidnight(Millis at) { return MidnightOf(at, 0); }

void SetLocalTimeZone(const std::string& zone) {
  setenv("TZ", zone.c_str(), 1);
  tzset();
}

}  // namespace tellal::core

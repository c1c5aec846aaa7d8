#include "daemon/core/daemon_clock.h"

#include <chrono>
#include <cstdlib>

namespace tellal::core {

DaemonClock::Millis DaemonClock::SystemWall() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

DaemonClock::Millis DaemonClock::SystemMonotonic() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

DaemonClock::DaemonClock(Source wall, Source monotonic, Millis tolerance)
    : wall_(std::move(wall)), monotonic_(std::move(monotonic)), tolerance_(tolerance), offset_(0) {
  offset_ = wall_() - monotonic_();
}

DaemonClock::Millis DaemonClock::Now() const { return monotonic_() + offset_.load(std::memory_order_relaxed); }

std::optional<DaemonClock::Millis> DaemonClock::CheckStep() const {
  const Millis delta = wall_() - Now();
  if (std::llabs(delta) <= tolerance_) return std::nullopt;
  return delta;
}

void DaemonClock::Rebase(Millis delta) { offset_.fetch_add(delta, std::memory_order_relaxed); }

}  // namespace tellal::core

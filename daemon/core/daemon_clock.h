// DaemonClock: the daemon's one notion of "now", in Unix milliseconds.
//
// A Raspberry Pi has no real-time clock: at boot the wall clock may be
// years behind until NTP steps it, and a person or a faulty source may step
// it either way later. Everything that measures elapsed time (back-offs,
// validity, modem rests, rate windows, report matching) must not jump with
// it, yet timestamps shown to people and the local date of daily limits
// should follow the wall clock. So:
//
//  - Now() is the monotonic clock plus an offset. Between two Rebase()
//    calls it never jumps, whatever the wall clock does.
//  - CheckStep() notices that the wall clock moved against the monotonic
//    clock by more than `tolerance` (NTP slews smaller corrections, which
//    are not steps) and says by how much Now() must move to follow it.
//  - The owner then moves every stored deadline that measures elapsed time
//    by the same amount and calls Rebase(): elapsed intervals are kept
//    exactly, and Now() agrees with the wall clock again.
//
// Thread affinity: Now() and Wall() from any thread; CheckStep() and
// Rebase() from the daemon's io thread only.
#ifndef TELLAL_DAEMON_CORE_DAEMON_CLOCK_H_
#define TELLAL_DAEMON_CORE_DAEMON_CLOCK_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>

namespace tellal::core {

class DaemonClock {
 public:
  using Millis = int64_t;
  using Source = std::function<Millis()>;
  static constexpr Millis kDefaultTolerance = 2000;

  static Millis SystemWall();       // CLOCK_REALTIME
  static Millis SystemMonotonic();  // CLOCK_MONOTONIC (steady_clock)

  // Starts agreeing with `wall`. The sources are injectable for tests.
  explicit DaemonClock(Source wall = SystemWall, Source monotonic = SystemMonotonic,
                       Millis tolerance = kDefaultTolerance);

  Millis Now() const;
  Millis Wall() const { return wall_(); }

  // How far Now() is from the wall clock, when the wall clock stepped since
  // the last Rebase() (or construction) by more than the tolerance.
  std::optional<Millis> CheckStep() const;
  // Moves Now() by `delta` (what CheckStep() returned, once stored times
  // were moved the same way).
  void Rebase(Millis delta);

 private:
  Source wall_;
  Source monotonic_;
  Millis tolerance_;
  std::atomic<Millis> offset_;  // Now() - monotonic
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_DAEMON_CLOCK_H_

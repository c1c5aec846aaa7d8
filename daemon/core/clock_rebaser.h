// ClockRebaser: follows wall-clock steps without disturbing elapsed time.
//
// When the wall clock steps (NTP after a boot without a real-time clock, a
// person, a faulty source), it moves the stored times that measure elapsed
// time (store::ElapsedTimes), then the dispatcher's in memory, then the
// DaemonClock itself, all on the io thread between two store operations:
// back-offs, validity, rests, rate windows and report matching keep their
// remaining time exactly, while new timestamps follow the wall clock.
//
// If the store cannot move its times (disk full), nothing moves: the clock
// keeps counting monotonically and the step is tried again at the next
// check, so elapsed time is never broken, only display times lag.
//
// Thread affinity: the io thread. Lifetime: the clock, the store and the
// dispatcher must outlive it.
#ifndef TELLAL_DAEMON_CORE_CLOCK_REBASER_H_
#define TELLAL_DAEMON_CORE_CLOCK_REBASER_H_

#include <memory>

#include "daemon/core/daemon_clock.h"
#include "daemon/store/elapsed_times.h"
#include "modem/result.h"

namespace spdlog {
class logger;
}

namespace tellal::core {

class Dispatcher;

class ClockRebaser {
 public:
  // `report_window`: how far back a delivery report may match a segment.
  ClockRebaser(DaemonClock& clock, store::ElapsedTimes& stored, store::Millis report_window,
               std::shared_ptr<spdlog::logger> log = nullptr);

  void SetDispatcher(Dispatcher* dispatcher) { dispatcher_ = dispatcher; }

  // At start: a wall clock earlier than the latest stored event stepped
  // back while the daemon was down (a boot without a real-time clock):
  // stored deadlines move back with it, so none waits the gap out. A later
  // wall clock is time that passed, and moves nothing.
  void RebaseAtStart();
  // Applies a step the clock has seen since the last call, if any.
  void Check();

 private:
  bool Shift(store::Millis delta, store::Millis now, const char* what);

  DaemonClock& clock_;
  store::ElapsedTimes& stored_;
  store::Millis report_window_;
  std::shared_ptr<spdlog::logger> log_;
  Dispatcher* dispatcher_ = nullptr;
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_CLOCK_REBASER_H_

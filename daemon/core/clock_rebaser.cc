#include "daemon/core/clock_rebaser.h"

#include <spdlog/spdlog.h>

#include "daemon/core/dispatcher.h"

namespace tellal::core {

ClockRebaser::ClockRebaser(DaemonClock& clock, store::ElapsedTimes& stored, store::Millis report_window,
                           std::shared_ptr<spdlog::logger> log)
    : clock_(clock), stored_(stored), report_window_(report_window), log_(log ? log : spdlog::default_logger()) {}

void ClockRebaser::RebaseAtStart() {
  auto latest = stored_.LatestRecordedTime();
  if (!latest) {
    log_->error("clock: cannot read the latest stored time: {}", latest.error().message);
    return;
  }
  const store::Millis now = clock_.Now();
  if (!*latest || **latest - now <= DaemonClock::kDefaultTolerance) return;
  // The stored times were written on the clock as it was before the stop,
  // which read at least **latest: they move by the distance back to now.
  if (Shift(now - **latest, **latest, "is earlier than the latest stored event"))
    log_->warn("clock: counting elapsed time from the last stop; NTP will step the clock when it syncs");
}

void ClockRebaser::Check() {
  const auto delta = clock_.CheckStep();
  if (!delta) return;
  const store::Millis now = clock_.Now();
  if (!Shift(*delta, now, "stepped")) return;
  clock_.Rebase(*delta);
  if (dispatcher_) dispatcher_->ClockStepped(*delta);
}

bool ClockRebaser::Shift(store::Millis delta, store::Millis now, const char* what) {
  Status moved = stored_.ShiftElapsedTimes(delta, now, now - report_window_);
  if (!moved) {
    log_->error(
        "clock: the wall clock {} by {:+.3f} s, but the stored deadlines could not follow: {}; counting on "
        "without it and trying again",
        what, static_cast<double>(delta) / 1000, moved.error().message);
    return false;
  }
  log_->warn(
      "clock: the wall clock {} by {:+.3f} s; back-offs, validity, rests, rate windows and report matching "
      "keep their elapsed time, scheduled sends keep their wall-clock time",
      what, static_cast<double>(delta) / 1000);
  return true;
}

}  // namespace tellal::core

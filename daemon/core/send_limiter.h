// SendLimiter: one SIM's rate_per_minute (a sliding 60-second window) and
// daily_limit (since local midnight), counted in SMS segments, as operators
// count them. Restored from the store's send log at start, so limits hold
// across restarts.
//
// Pure bookkeeping with times passed in; single-threaded.
#ifndef TELLAL_DAEMON_CORE_SEND_LIMITER_H_
#define TELLAL_DAEMON_CORE_SEND_LIMITER_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <vector>

namespace tellal::core {

class SendLimiter {
 public:
  using Millis = int64_t;
  static constexpr Millis kWindow = 60'000;

  // next_midnight(t): the first local midnight after t.
  explicit SendLimiter(std::function<Millis(Millis)> next_midnight);

  void SetLimits(std::optional<int> per_minute, std::optional<int> daily);
  // recent: send times of the last minute (any order); sent_today: segments
  // since the local midnight before `now`.
  void Restore(const std::vector<Millis>& recent, int sent_today, Millis now);

  // Whether one more segment may go now.
  bool Allows(Millis now);
  // When Allows() will next be true; `now` if it is already.
  Millis NextAllowed(Millis now);
  void Record(Millis at);
  int SentToday(Millis now);
  // The clock was rebased by `delta` (DaemonClock): the window and the end
  // of the day move with it, so neither frees sends early nor late.
  void Shift(Millis delta);

  std::optional<int> per_minute() const { return per_minute_; }
  std::optional<int> daily() const { return daily_; }

 private:
  void Advance(Millis now);

  std::function<Millis(Millis)> next_midnight_;
  std::optional<int> per_minute_;
  std::optional<int> daily_;
  std::deque<Millis> window_;  // sends inside the last minute, oldest first
  int today_ = 0;
  Millis day_end_ = 0;  // 0: not started
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_SEND_LIMITER_H_

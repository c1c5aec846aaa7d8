#include "daemon/core/send_limiter.h"

#include <algorithm>

namespace tellal::core {

SendLimiter::SendLimiter(std::function<Millis(Millis)> next_midnight) : next_midnight_(std::move(next_midnight)) {}

void SendLimiter::SetLimits(std::optional<int> per_minute, std::optional<int> daily) {
  per_minute_ = per_minute;
  daily_ = daily;
}

void SendLimiter::Restore(const std::vector<Millis>& recent, int sent_today, Millis now) {
  std::vector<Millis> sorted = recent;
  std::sort(sorted.begin(), sorted.end());
  window_.assign(sorted.begin(), sorted.end());
  today_ = sent_today;
  day_end_ = next_midnight_(now);
  Advance(now);
}

void SendLimiter::Advance(Millis now) {
  while (!window_.empty() && window_.front() <= now - kWindow) window_.pop_front();
  if (day_end_ == 0) day_end_ = next_midnight_(now);
  if (now >= day_end_) {
    today_ = 0;
    day_end_ = next_midnight_(now);
  }
}

bool SendLimiter::Allows(Millis now) {
  Advance(now);
  if (per_minute_ && static_cast<int>(window_.size()) >= *per_minute_) return false;
  if (daily_ && today_ >= *daily_) return false;
  return true;
}

SendLimiter::Millis SendLimiter::NextAllowed(Millis now) {
  if (Allows(now)) return now;
  Millis at = now;
  if (daily_ && today_ >= *daily_) at = std::max(at, day_end_);
  if (per_minute_ && *per_minute_ <= 0) {
    // No slot ever frees under a zero rate (the config allows 1..1000, but
    // SetLimits is public): look again in a minute, by when limits may differ.
    at = std::max(at, now + kWindow);
  } else if (per_minute_ && static_cast<int>(window_.size()) >= *per_minute_) {
    // The window frees a slot when the send that is `per_minute` places
    // from the newest leaves it.
    const size_t excess = window_.size() - static_cast<size_t>(*per_minute_);
    at = std::max(at, window_[excess] + kWindow);
  }
  return at;
}

void SendLimiter::Record(Millis at) {
  Advance(at);
  window_.push_back(at);
  ++today_;
}

int SendLimiter::SentToday(Millis now) {
  Advance(now);
  return today_;
}

void SendLimiter::Shift(Millis delta) {
  for (Millis& at : window_) at += delta;
  if (day_end_ != 0) day_end_ += delta;
}

}  // namespace tellal::core

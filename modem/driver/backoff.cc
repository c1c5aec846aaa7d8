#include "modem/driver/backoff.h"

#include <algorithm>

namespace tellal::modem {

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max)
    : initial_(initial), max_(std::max(initial, max)), current_(initial) {}

std::chrono::milliseconds Backoff::Next() {
  const std::chrono::milliseconds delay = current_;
  current_ = std::min(current_ * 2, max_);
  return delay;
}

void Backoff::Reset() { current_ = initial_; }

}  // namespace tellal::modem

// Exponential back-off for reopening a device: the first delay, doubled on
// every further attempt, capped. A plain value; no timers.
#ifndef TELLAL_MODEM_DRIVER_BACKOFF_H_
#define TELLAL_MODEM_DRIVER_BACKOFF_H_

#include <chrono>

namespace tellal::modem {

class Backoff {
 public:
  // Preconditions: 0 < initial <= max.
  Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max);

  // The delay before the next attempt; each call doubles the following one.
  std::chrono::milliseconds Next();
  // Back to `initial`, after a success.
  void Reset();

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds max_;
  std::chrono::milliseconds current_;
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_BACKOFF_H_

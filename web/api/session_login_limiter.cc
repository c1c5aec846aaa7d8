#include "web/api/session_login_limiter.h"

#include <algorithm>

namespace tellal::web {

std::string ClientAddress(std::string_view remote) {
  if (remote.starts_with('[')) {
    const size_t close = remote.find(']');
    if (close != std::string_view::npos) return std::string(remote.substr(1, close - 1));
    return std::string(remote);
  }
  const size_t colon = remote.find(':');
  // Exactly one colon: IPv4 with a port. More than one is a bare IPv6.
  if (colon != std::string_view::npos && remote.find(':', colon + 1) == std::string_view::npos)
    return std::string(remote.substr(0, colon));
  return std::string(remote);
}

store::Millis LoginLimiter::WaitFor(std::string_view remote) {
  const std::string address = ClientAddress(remote);
  const store::Millis now = clock_();
  std::lock_guard lock(mutex_);
  auto it = records_.find(address);
  if (it == records_.end()) return 0;
  if (now - it->second.last_failure >= kForgetAfter) {
    records_.erase(it);
    return 0;
  }
  return std::max<store::Millis>(0, it->second.locked_until - now);
}

void LoginLimiter::RecordFailure(std::string_view remote) {
  const std::string address = ClientAddress(remote);
  const store::Millis now = clock_();
  std::lock_guard lock(mutex_);
  auto it = records_.find(address);
  if (it != records_.end() && now - it->second.last_failure >= kForgetAfter) {
    records_.erase(it);
    it = records_.end();
  }
  if (it == records_.end()) {
    while (records_.size() >= kMaxTracked) {
      auto soonest = std::min_element(records_.begin(), records_.end(), [](const auto& a, const auto& b) {
        return a.second.locked_until < b.second.locked_until;
      });
      records_.erase(soonest);
    }
    it = records_.emplace(address, Record{}).first;
  }
  Record& r = it->second;
  ++r.failures;
  r.last_failure = now;
  if (r.failures > kFreeFailures) {
    const int doublings = std::min(r.failures - kFreeFailures - 1, 30);
    store::Millis delay = kFirstDelay;
    for (int i = 0; i < doublings && delay < kMaxDelay; ++i) delay *= 2;
    r.locked_until = now + std::min(delay, kMaxDelay);
  }
}

void LoginLimiter::RecordSuccess(std::string_view remote) {
  const std::string address = ClientAddress(remote);
  std::lock_guard lock(mutex_);
  records_.erase(address);
}

}  // namespace tellal::web

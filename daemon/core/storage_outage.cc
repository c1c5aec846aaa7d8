#include "daemon/core/storage_outage.h"

#include <algorithm>

namespace tellal::core {

StorageOutage::Retry StorageOutage::Failed(int64_t now) {
  Retry retry;
  if (!since_) {
    since_ = now;
    failures_ = 0;
    delay_ = options_.first_retry;
    last_logged_ = now;
    retry.log = true;
  } else {
    delay_ = std::min(delay_ * 2, options_.max_retry);
    if (now - last_logged_ >= options_.log_every.count()) {
      last_logged_ = now;
      retry.log = true;
    }
  }
  retry.after = delay_;
  retry.failures = ++failures_;
  return retry;
}

std::optional<std::chrono::milliseconds> StorageOutage::Succeeded(int64_t now) {
  if (!since_) return std::nullopt;
  const std::chrono::milliseconds lasted(now - *since_);
  since_.reset();
  return lasted;
}

}  // namespace tellal::core

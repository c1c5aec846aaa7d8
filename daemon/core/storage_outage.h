// StorageOutage: how the dispatcher behaves while the store cannot commit
// (a full disk, a file system remounted read-only, an I/O error): it pauses
// and retries on a timer whose delay doubles from `first_retry` up to
// `max_retry` (no busy loop), logs one line when the outage starts and at
// most one per `log_every` while it lasts (instead of one per retry), and
// one line when a commit succeeds again.
//
// Pure bookkeeping on the caller's clock (milliseconds); no I/O, no timers.
// Thread affinity: the dispatcher's thread.
#ifndef TELLAL_DAEMON_CORE_STORAGE_OUTAGE_H_
#define TELLAL_DAEMON_CORE_STORAGE_OUTAGE_H_

#include <chrono>
#include <cstdint>
#include <optional>

namespace tellal::core {

class StorageOutage {
 public:
  struct Options {
    std::chrono::milliseconds first_retry{1000};
    std::chrono::milliseconds max_retry{30'000};
    std::chrono::milliseconds log_every{60'000};
  };
  struct Retry {
    bool log = false;  // write the failure to the log this time
    std::chrono::milliseconds after{0};
    int64_t failures = 0;  // commits failed since the outage began, this one included
  };

  StorageOutage() : StorageOutage(Options()) {}
  explicit StorageOutage(Options options) : options_(options) {}

  // A commit failed at `now`.
  Retry Failed(int64_t now);
  // A commit succeeded at `now`: how long the outage lasted when one just
  // ended (log it once), nullopt when there was none.
  std::optional<std::chrono::milliseconds> Succeeded(int64_t now);

  bool active() const { return since_.has_value(); }

 private:
  Options options_;
  std::optional<int64_t> since_;
  int64_t last_logged_ = 0;
  int64_t failures_ = 0;
  std::chrono::milliseconds delay_{0};
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_STORAGE_OUTAGE_H_

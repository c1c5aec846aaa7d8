// SendLog: every SMS (segment) each SIM sent, for rate_per_minute and
// daily_limit. Entries are written by OutboundQueue::MarkSegmentSent in the
// same transaction as the segment, so the counts survive restarts exactly.
//
// Contract: reads cost O(log n + answer) in the log's length; time
// arguments are the caller's clock (records.h); errors keep the storage's
// code and name the operation; nothing throws.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store.
#ifndef TELLAL_DAEMON_STORE_SEND_LOG_H_
#define TELLAL_DAEMON_STORE_SEND_LOG_H_

#include <string>
#include <vector>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

class SendLog {
 public:
  virtual ~SendLog() = default;

  // SMS `modem` sent at or after `since`. rate_per_minute uses since =
  // now - 60 s (a sliding minute); daily_limit uses the local midnight the
  // caller computed.
  virtual Result<int> CountSends(const std::string& modem, Millis since) = 0;
  // The send times themselves, oldest first (rebuilds a sliding window).
  virtual Result<std::vector<Millis>> SendTimes(const std::string& modem, Millis since) = 0;
  // Forgets entries older than `before` (keep at least a day). One
  // transaction.
  virtual Status PruneSendLog(Millis before) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SEND_LOG_H_

// ElapsedTimes: the stored times that measure elapsed time, moved together
// when the daemon's clock is rebased after a wall-clock step (see
// daemon/core/daemon_clock.h).
//
// Moved by ShiftElapsedTimes: back-offs of queued messages (`not_before`
// once a message was tried, or while it is due), validity deadlines, the
// resume deadlines of paused multi-part messages, the send times of
// segments still waiting for a delivery report (report matching looks back
// a window from now), the send log (rate windows and daily counts) and the
// receive times of incomplete multi-part inbound sets (their reassembly
// timeout) and the due times of webhook deliveries waiting for a retry.
// Not moved: a scheduled send time still in the future (an
// absolute time a person chose, kept on the wall clock) and every
// timestamp that only records when something happened.
//
// Contract: one call is one transaction (or a part of an open Group);
// errors keep the storage's code and name the operation.
//
// Thread affinity: the store's thread. Lifetime: owned by its Store.
#ifndef TELLAL_DAEMON_STORE_ELAPSED_TIMES_H_
#define TELLAL_DAEMON_STORE_ELAPSED_TIMES_H_

#include <optional>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

class ElapsedTimes {
 public:
  virtual ~ElapsedTimes() = default;

  // The latest time the store recorded an event at (a message accepted, a
  // segment logged as sent, an SMS received); nullopt for an empty store.
  // At start, a wall clock earlier than this stepped back while the daemon
  // was down.
  virtual Result<std::optional<Millis>> LatestRecordedTime() = 0;

  // Adds `delta` to the times listed above. `now` is the clock before the
  // step: a scheduled message whose not_before is later than it, and that
  // was never tried, keeps its not_before. Segments sent before
  // `reports_since` are no longer matched and stay as they are.
  virtual Status ShiftElapsedTimes(Millis delta, Millis now, Millis reports_since) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_ELAPSED_TIMES_H_

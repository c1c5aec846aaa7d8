// MessageStats: aggregate counts of the outbound messages for a dashboard —
// how deep the queue is now, and how many messages were sent, delivered
// and failed in each hour of a recent window — without reading the
// messages one by one.
//
// Contract for every implementation:
//  - QueueDepth: messages waiting (state queued, scheduled ones included)
//    per priority, every priority present (0 when none), and the number
//    being handed to a modem right now (state sending).
//  - CountByHour: exactly `hours` buckets, the first starting at
//    `first_hour`, each kHourMillis long, oldest first, zero-filled. A
//    message counts as sent in the bucket holding its sent_at, delivered in
//    the one holding its delivered_at, failed in the one holding its
//    failed_at: a message sent at 10:59 and delivered at 11:01 is one sent
//    in the 10:00 bucket and one delivered in the 11:00 bucket. The cost is
//    that of the messages inside the window (an index range per kind), not
//    of the history.
//  - Reads change nothing. Errors: hours outside 1..kMaxStatsHours is
//    kInvalidArgument naming `hours`; storage failures keep the storage's
//    code. Nothing throws.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store; nothing returned refers back into it.
#ifndef TELLAL_DAEMON_STORE_MESSAGE_STATS_H_
#define TELLAL_DAEMON_STORE_MESSAGE_STATS_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

inline constexpr Millis kHourMillis = 3'600'000;
// A week of hours: what a dashboard's longest chart asks for.
inline constexpr int kMaxStatsHours = 168;

struct QueueDepth {
  std::vector<std::pair<Priority, int64_t>> queued_by_priority;  // otp, normal, bulk
  int64_t sending = 0;
};

struct HourCounts {
  Millis hour_start = 0;
  int64_t sent = 0;
  int64_t delivered = 0;
  int64_t failed = 0;
};

class MessageStats {
 public:
  virtual ~MessageStats() = default;

  virtual Result<QueueDepth> CountQueueDepth() = 0;
  virtual Result<std::vector<HourCounts>> CountByHour(Millis first_hour, int hours) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_MESSAGE_STATS_H_

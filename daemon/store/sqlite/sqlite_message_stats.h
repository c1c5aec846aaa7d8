// SqliteMessageStats: MessageStats over the messages table. The queue's
// depth per priority is the three rows of queue_counts (kept by triggers,
// schema version 7) rather than a count of the queue; the hourly counts
// range over the partial indexes on sent_at, delivered_at and failed_at
// (schema version 20), so a dashboard polling every few seconds reads the
// window's messages' index entries and never the table.
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_MESSAGE_STATS_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_MESSAGE_STATS_H_

#include <vector>

#include "daemon/store/message_stats.h"
#include "daemon/store/outbound_queue.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteMessageStats final : public MessageStats {
 public:
  // `queue` answers the per-priority counts (its CountQueued).
  SqliteMessageStats(Database& db, OutboundQueue& queue) : db_(db), queue_(queue) {}

  Result<QueueDepth> CountQueueDepth() override;
  Result<std::vector<HourCounts>> CountByHour(Millis first_hour, int hours) override;

 private:
  Database& db_;
  OutboundQueue& queue_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_MESSAGE_STATS_H_

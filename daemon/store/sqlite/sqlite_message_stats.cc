#include "daemon/store/sqlite/sqlite_message_stats.h"

#include <string>
#include <utility>

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/message_stats_sql.h"

namespace tellal::store {

Result<QueueDepth> SqliteMessageStats::CountQueueDepth() {
  QueueDepth depth;
  auto queued = queue_.CountQueued();
  if (!queued) return Wrap("CountQueueDepth", queued.error());
  depth.queued_by_priority = std::move(queued).value();
  auto sending = QueryOne<int64_t>(db_, sql::kCountSending);
  if (!sending) return Wrap("CountQueueDepth", sending.error());
  depth.sending = sending->value_or(0);
  return depth;
}

Result<std::vector<HourCounts>> SqliteMessageStats::CountByHour(Millis first_hour, int hours) {
  if (hours < 1 || hours > kMaxStatsHours)
    return Error::InvalidArgument("hours must be from 1 to " + std::to_string(kMaxStatsHours) + ", got " +
                                  std::to_string(hours));
  std::vector<HourCounts> buckets(static_cast<size_t>(hours));
  for (int i = 0; i < hours; ++i) buckets[static_cast<size_t>(i)].hour_start = first_hour + i * kHourMillis;
  const Millis end = first_hour + hours * kHourMillis;
  auto rows = QueryAll<int, int64_t, int64_t>(db_, sql::kCountByHour, first_hour, end, kHourMillis);
  if (!rows) return Wrap("CountByHour", rows.error());
  for (const auto& [kind, hour, count] : *rows) {
    // The WHERE bounds keep hour inside the window; a row outside it would
    // be a broken query, not data to drop silently.
    if (hour < 0 || hour >= hours)
      return Error::Internal("CountByHour: bucket " + std::to_string(hour) + " outside the window");
    HourCounts& b = buckets[static_cast<size_t>(hour)];
    switch (kind) {
      case 0:
        b.sent = count;
        break;
      case 1:
        b.delivered = count;
        break;
      case 2:
        b.failed = count;
        break;
      default:
        return Error::Internal("CountByHour: unknown kind " + std::to_string(kind));
    }
  }
  return buckets;
}

}  // namespace tellal::store

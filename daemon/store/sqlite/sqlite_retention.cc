#include "daemon/store/sqlite/sqlite_retention.h"

#include <string>

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/retention_sql.h"
#include "daemon/store/sqlite/row_readers.h"

namespace tellal::store {
namespace {

Status CheckLimit(int limit) {
  if (limit < 1 || limit > kMaxPageSize) {
    return Error::InvalidArgument("limit: must be 1.." + std::to_string(kMaxPageSize) + ", got " +
                                  std::to_string(limit));
  }
  return Status::Ok();
}

// Selects a batch, lets `archive` see it, then deletes each row with the
// rows that reference it; all in one transaction.
template <typename Row, typename Archive>
Result<int> PurgeBatch(Database& db, const std::string& operation, std::string_view select,
                       Row (*read)(const Statement&), std::string_view delete_children, std::string_view delete_row,
                       Millis cutoff, int limit, const Archive& archive) {
  if (Status valid = CheckLimit(limit); !valid) return Wrap(operation, valid.error());
  return InTransaction(db, operation, [&]() -> Result<int> {
    auto rows = MapAll(db, select, read, cutoff, limit);
    if (!rows) return rows.error();
    if (rows->empty()) return 0;
    if (archive) {
      Status archived = archive(*rows);
      if (!archived) return archived.error();
    }
    int deleted = 0;
    for (const Row& row : *rows) {
      Status s = Run(db, delete_children, row.id);
      if (!s) return s.error();
      s = Run(db, delete_row, row.id);
      if (!s) return s.error();
      deleted += db.Changes();
    }
    return deleted;
  });
}

}  // namespace

Result<int> SqliteRetention::PurgeMessages(Millis cutoff, int limit, const MessageArchive& archive) {
  return PurgeBatch(db_, "PurgeMessages", sql::kOldFinalMessages, ReadMessageRow, sql::kDeleteSegmentsOf,
                    sql::kDeleteFinalMessage, cutoff, limit, archive);
}

Result<int> SqliteRetention::PurgeInbox(Millis cutoff, int limit, const InboxArchive& archive) {
  return PurgeBatch(db_, "PurgeInbox", sql::kOldInbox, ReadInboxRow, sql::kDeletePartsOf, sql::kDeleteInbox, cutoff,
                    limit, archive);
}

Result<int> SqliteRetention::PurgeWebhookHistory(Millis cutoff, int limit) {
  if (Status valid = CheckLimit(limit); !valid) return Wrap("PurgeWebhookHistory", valid.error());
  return InTransaction(db_, "PurgeWebhookHistory", [&]() -> Result<int> {
    auto deliveries = QueryAll<int64_t>(db_, sql::kOldFinishedDeliveries, cutoff, limit);
    if (!deliveries) return deliveries.error();
    int deleted = 0;
    for (int64_t id : *deliveries) {
      Status s = Run(db_, sql::kDeleteAttemptsOf, id);
      if (!s) return s.error();
      s = Run(db_, sql::kDeleteDelivery, id);
      if (!s) return s.error();
      deleted += db_.Changes();
    }
    if (deleted == limit) return deleted;
    auto events = QueryAll<int64_t>(db_, sql::kOldSpentEvents, cutoff, limit - deleted);
    if (!events) return events.error();
    for (int64_t id : *events) {
      Status s = Run(db_, sql::kDeleteEvent, id);
      if (!s) return s.error();
      deleted += db_.Changes();
    }
    if (deleted == limit) return deleted;
    Status s = Run(db_, sql::kDeleteOldFinishedDlrCalls, cutoff, limit - deleted);
    if (!s) return s.error();
    deleted += db_.Changes();
    return deleted;
  });
}

Status SqliteRetention::CheckpointLog() {
  // Returns one row (busy, log frames, checkpointed frames); busy = 1 when a
  // reader kept part of the log, which the next checkpoint takes.
  auto q = db_.Query("PRAGMA wal_checkpoint(TRUNCATE)");
  if (!q) return Wrap("CheckpointLog", q.error());
  auto row = q->Step();
  if (!row) return Wrap("CheckpointLog", row.error());
  return Status::Ok();
}

}  // namespace tellal::store

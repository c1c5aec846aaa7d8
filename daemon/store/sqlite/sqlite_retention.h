// SqliteRetention: Retention on the store's SQLite connection. Deletes row
// by row through cached statements (a batch is a few hundred rows), and
// checkpoints with PRAGMA wal_checkpoint(TRUNCATE).
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_RETENTION_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_RETENTION_H_

#include "daemon/store/retention.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteRetention final : public Retention {
 public:
  explicit SqliteRetention(Database& db) : db_(db) {}

  Result<int> PurgeMessages(Millis cutoff, int limit, const MessageArchive& archive) override;
  Result<int> PurgeInbox(Millis cutoff, int limit, const InboxArchive& archive) override;
  Result<int> PurgeWebhookHistory(Millis cutoff, int limit) override;
  Status CheckpointLog() override;

 private:
  Database& db_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_RETENTION_H_

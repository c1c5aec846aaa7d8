#include "daemon/store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <utility>

namespace tellal::store {
namespace {

// A group is one SQLite transaction; the concerns' own transactions become
// savepoints inside it (Transaction::Begin nests).
class TransactionGroup final : public Group::Handle {
 public:
  explicit TransactionGroup(Transaction tx) : tx_(std::move(tx)) {}
  Status Commit() override { return tx_.Commit(); }

 private:
  Transaction tx_;
};

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<Database> db, bool synchronous_full)
    : db_(std::move(db)),
      synchronous_full_(synchronous_full),
      send_log_(*db_),
      queue_(*db_, send_log_),
      inbox_(*db_),
      refused_pins_(*db_, synchronous_full),
      retention_(*db_),
      elapsed_times_(*db_),
      contacts_(*db_),
      consents_(*db_),
      campaigns_(*db_),
      webhooks_(*db_),
      dlr_calls_(*db_),
      rules_(*db_),
      polls_(*db_),
      conversations_(*db_),
      message_stats_(*db_, queue_) {
  webhooks_.WatchInserts("dlr_calls", [this] { dlr_calls_.CallWritten(); });
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, const ConnectionOptions& options) {
  auto db = Database::Open(path);
  if (!db) return db.error();
  Status s = ConfigureConnection(**db, options);
  if (!s) return Wrap("open " + path, s.error());
  if (options.before_migrating) {
    auto version = SchemaVersion(**db);
    if (!version) return Wrap("open " + path, version.error());
    const int latest = StoreMigrations().back().version;
    if (*version < latest) options.before_migrating(*version, latest);
  }
  s = Migrate(**db, StoreMigrations());
  if (!s) return Wrap("open " + path, s.error());
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(*db), options.synchronous_full));
  s = store->webhooks_.MatchMessageStateTrigger();
  if (!s) return Wrap("open " + path, s.error());
  return store;
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::OpenInMemory() { return Open(":memory:"); }

Result<Group> SqliteStore::BeginGroup(GroupSync sync) {
  auto tx = sync == GroupSync::kDisk && !synchronous_full_ ? Transaction::BeginSynced(*db_) : Transaction::Begin(*db_);
  if (!tx) return Wrap("BeginGroup", tx.error());
  return Group(std::make_unique<TransactionGroup>(std::move(*tx)));
}

void SqliteStore::ReleaseMemory() { sqlite3_db_release_memory(db_->raw()); }

}  // namespace tellal::store

// SqliteDlrCalls: the DlrCalls in the dlr_calls table (schema version 19),
// whose rows the dlr_call_on_state trigger on messages writes in the
// writer's transaction.
//
// The connection has one update hook and SqliteWebhooks owns it; the
// SqliteStore forwards inserts into dlr_calls to CallWritten (see
// SqliteWebhooks::WatchInserts), which runs the OnCallWritten callback.
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_DLR_CALLS_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_DLR_CALLS_H_

#include <functional>

#include "daemon/store/dlr_calls.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteDlrCalls final : public DlrCalls {
 public:
  explicit SqliteDlrCalls(Database& db) : db_(db) {}
  SqliteDlrCalls(const SqliteDlrCalls&) = delete;
  SqliteDlrCalls& operator=(const SqliteDlrCalls&) = delete;

  Result<std::vector<DueDlrCall>> HeadCalls(int limit) override;
  Status RecordAttempt(const DlrCallOutcome& outcome) override;
  Result<std::vector<DlrCall>> CallsFor(int64_t message_id) override;
  void OnCallWritten(std::function<void()> written) override { written_ = std::move(written); }

  // A dlr_calls row was inserted (from SQLite's update hook: inside the
  // writer's transaction). Never throws.
  void CallWritten() const;

 private:
  Database& db_;
  std::function<void()> written_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_DLR_CALLS_H_

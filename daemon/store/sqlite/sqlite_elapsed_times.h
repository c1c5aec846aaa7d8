// SqliteElapsedTimes: ElapsedTimes over the store's tables (messages,
// segments, send_log, inbox, inbound_parts).
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_ELAPSED_TIMES_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_ELAPSED_TIMES_H_

#include "daemon/store/elapsed_times.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteElapsedTimes final : public ElapsedTimes {
 public:
  explicit SqliteElapsedTimes(Database& db) : db_(db) {}

  Result<std::optional<Millis>> LatestRecordedTime() override;
  Status ShiftElapsedTimes(Millis delta, Millis now, Millis reports_since) override;

 private:
  Database& db_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_ELAPSED_TIMES_H_

// SqliteSendLog: the SendLog in the send_log table, keyed (modem, sent_at)
// so counting a SIM's recent sends is one index range.
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_SEND_LOG_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_SEND_LOG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "daemon/store/send_log.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteSendLog final : public SendLog {
 public:
  explicit SqliteSendLog(Database& db) : db_(db) {}

  Result<int> CountSends(const std::string& modem, Millis since) override;
  Result<std::vector<Millis>> SendTimes(const std::string& modem, Millis since) override;
  Status PruneSendLog(Millis before) override;

  // Logs one SMS inside the caller's transaction (SqliteOutboundQueue's
  // MarkSegmentSent, so the segment and its log entry commit together).
  Status Record(const std::string& modem, Millis at, int64_t message_id, int seq);

 private:
  Database& db_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_SEND_LOG_H_

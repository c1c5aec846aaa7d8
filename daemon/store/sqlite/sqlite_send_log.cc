#include "daemon/store/sqlite/sqlite_send_log.h"

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/send_log_sql.h"

namespace tellal::store {

Result<int> SqliteSendLog::CountSends(const std::string& modem, Millis since) {
  auto count = QueryOne<int>(db_, sql::kCountSends, modem, since);
  if (!count) return Wrap("CountSends", count.error());
  return count->value_or(0);
}

Result<std::vector<Millis>> SqliteSendLog::SendTimes(const std::string& modem, Millis since) {
  auto times = QueryAll<Millis>(db_, sql::kSendTimes, modem, since);
  if (!times) return Wrap("SendTimes", times.error());
  return times;
}

Status SqliteSendLog::PruneSendLog(Millis before) {
  return InTransaction(db_, "PruneSendLog", [&] { return Run(db_, sql::kPruneSendLog, before); });
}

Status SqliteSendLog::Record(const std::string& modem, Millis at, int64_t message_id, int seq) {
  return Run(db_, sql::kLogSend, modem, at, message_id, seq);
}

}  // namespace tellal::store

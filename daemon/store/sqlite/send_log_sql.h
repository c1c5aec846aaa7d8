// The SQL of SqliteSendLog, shared with the tests that check its query
// plans (send_log_sql_test.cc). Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SEND_LOG_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_SEND_LOG_SQL_H_

#include <string_view>

namespace tellal::store::sql {

// ?1 modem, ?2 sent_at, ?3 message_id, ?4 seq. OR IGNORE: the key repeats
// only if one modem sent the same segment twice within a millisecond,
// which a real clock cannot produce.
inline constexpr std::string_view kLogSend =
    "INSERT OR IGNORE INTO send_log (modem, sent_at, message_id, seq) VALUES (?1, ?2, ?3, ?4)";

// ?1 modem, ?2 since. Both seek the (sent_at, ...) primary key from `since`
// and keep the modem's rows (schema version 9: appends at one end).
inline constexpr std::string_view kCountSends = "SELECT count(*) FROM send_log WHERE modem = ?1 AND sent_at >= ?2";
inline constexpr std::string_view kSendTimes =
    "SELECT sent_at FROM send_log WHERE modem = ?1 AND sent_at >= ?2 ORDER BY sent_at";

// ?1 before. Housekeeping, once a minute: it walks the log, which holds
// about two days of sends.
inline constexpr std::string_view kPruneSendLog = "DELETE FROM send_log WHERE sent_at < ?1";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_SEND_LOG_SQL_H_

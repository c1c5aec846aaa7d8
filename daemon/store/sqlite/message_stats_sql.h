// The SQL of SqliteMessageStats, shared with the tests that check its
// query plans (message_stats_sql_test.cc). The time indexes it ranges over
// are schema version 20 (schema.cc). Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_MESSAGE_STATS_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_MESSAGE_STATS_SQL_H_

#include <string_view>

namespace tellal::store::sql {

// Messages handed to a modem right now: a seek of messages_by_state.
inline constexpr std::string_view kCountSending = "SELECT count(*) FROM messages WHERE state = 'sending'";

// Per kind (0 sent, 1 delivered, 2 failed) and hour (0 = the bucket starting
// at ?1), the messages whose time of that kind falls in [?1, ?2). ?3 is the
// bucket length in ms. A message counts as sent when its first part got
// +CMGS: a range of send_log's key (sent_at, ...), seq 1 only. Delivered and
// failed are ranges of their partial time indexes. The times are >= ?1, so
// the integer division never rounds a negative.
inline constexpr std::string_view kCountByHour =
    "SELECT 0, (sent_at - ?1) / ?3, count(*) FROM send_log WHERE sent_at >= ?1 AND sent_at < ?2 AND seq = 1"
    " GROUP BY 2"
    " UNION ALL"
    " SELECT 1, (delivered_at - ?1) / ?3, count(*) FROM messages"
    " WHERE delivered_at >= ?1 AND delivered_at < ?2 GROUP BY 2"
    " UNION ALL"
    " SELECT 2, (failed_at - ?1) / ?3, count(*) FROM messages WHERE failed_at >= ?1 AND failed_at < ?2 GROUP BY 2";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_MESSAGE_STATS_SQL_H_

// The SQL of SqliteDlrCalls (schema version 19), shared with the tests that
// check its query plans. Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_DLR_CALLS_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_DLR_CALLS_SQL_H_

#include <string_view>

namespace tellal::store::sql {

// Pending calls by due time, each with its message's fields, leaving out a
// call while an older one of its message is pending; ?1 limit. The
// dlr_calls_due index gives the order without a sort, and the per-message
// check is one seek in dlr_calls_pending_by_message. A message purged
// before its call was made reads as NULLs (LEFT JOIN).
inline constexpr std::string_view kHeadCalls =
    "SELECT c.id, c.message_id, c.dlr_type, c.answer, c.state_at, c.attempts, c.next_attempt_at,"
    " m.dlr_url, m.destination, m.modem"
    " FROM dlr_calls c INDEXED BY dlr_calls_due LEFT JOIN messages m ON m.id = c.message_id"
    " WHERE c.state = 'pending'"
    "   AND NOT EXISTS (SELECT 1 FROM dlr_calls e INDEXED BY dlr_calls_pending_by_message"
    "     WHERE e.message_id = c.message_id AND e.state = 'pending' AND e.id < c.id)"
    " ORDER BY c.next_attempt_at, c.id LIMIT ?1";

// ?1 call id, ?2 http_status, ?3 error, ?4 new state, ?5 next attempt
// (NULL: unchanged), ?6 finished_at (now).
inline constexpr std::string_view kRecordAttempt =
    "UPDATE dlr_calls SET attempts = attempts + 1, last_status = ?2, last_error = ?3, state = ?4,"
    " next_attempt_at = coalesce(?5, next_attempt_at),"
    " finished_at = CASE WHEN ?4 = 'pending' THEN NULL ELSE ?6 END"
    " WHERE id = ?1 AND state = 'pending'";

// A message's calls, in the order ReadDlrCallRow reads them: ?1 message id.
inline constexpr std::string_view kCallsFor =
    "SELECT id, message_id, dlr_type, answer, state_at, state, attempts, next_attempt_at, last_status, last_error,"
    " created_at, finished_at FROM dlr_calls WHERE message_id = ?1 ORDER BY id";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_DLR_CALLS_SQL_H_

// The SQL of SqliteElapsedTimes, shared with the tests that check its query
// plans. Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_ELAPSED_TIMES_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_ELAPSED_TIMES_SQL_H_

#include <string_view>

namespace tellal::store::sql {

// Each MAX() is one seek at the end of an index; send_log holds about two
// days and is walked.
inline constexpr std::string_view kLatestCreated = "SELECT max(created_at) FROM messages";
inline constexpr std::string_view kLatestReceived = "SELECT max(received_at) FROM inbox";
inline constexpr std::string_view kLatestPartReceived = "SELECT max(received_at) FROM inbound_parts";
inline constexpr std::string_view kLatestLoggedSend = "SELECT max(sent_at) FROM send_log";

// ?1 delta, ?2 now before the step. A queued message never tried whose
// not_before is still ahead was scheduled by a person: it stays on the wall
// clock. Every other queued message waits out a back-off (attempts > 0) or
// is already due. All three use the partial indexes on queued messages.
inline constexpr std::string_view kShiftNotBefore =
    "UPDATE messages SET not_before = not_before + ?1"
    " WHERE state = 'queued' AND (attempts > 0 OR not_before <= ?2)";
inline constexpr std::string_view kShiftValidUntil =
    "UPDATE messages SET valid_until = valid_until + ?1"
    " WHERE state IN ('queued', 'sending') AND valid_until IS NOT NULL";
inline constexpr std::string_view kShiftResumeUntil =
    "UPDATE messages SET resume_until = resume_until + ?1"
    " WHERE state IN ('queued', 'sending') AND resume_until IS NOT NULL";

// ?1 delta, ?2 the oldest send time a report may still match.
inline constexpr std::string_view kShiftUnreportedSegments =
    "UPDATE segments SET sent_at = sent_at + ?1 WHERE reported_at IS NULL AND sent_at >= ?2";

// ?1 delta. Adding one delta to every key keeps the keys distinct.
inline constexpr std::string_view kShiftSendLog = "UPDATE send_log SET sent_at = sent_at + ?1";

// ?1 delta. Parts of sets still being reassembled.
inline constexpr std::string_view kShiftIncompleteParts =
    "UPDATE inbound_parts SET received_at = received_at + ?1 WHERE inbox_id IS NULL";

// ?1 delta. Webhook deliveries waiting for their next attempt: a retry
// schedule is elapsed time.
inline constexpr std::string_view kShiftWebhookRetries =
    "UPDATE webhook_deliveries SET next_attempt_at = next_attempt_at + ?1 WHERE state = 'pending'";

// ?1 delta. Kannel dlr-url calls waiting for their next attempt, likewise.
// state_at (the %t the receiver is told) is a time shown to people and stays.
inline constexpr std::string_view kShiftDlrRetries =
    "UPDATE dlr_calls SET next_attempt_at = next_attempt_at + ?1 WHERE state = 'pending'";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_ELAPSED_TIMES_SQL_H_

// The SQL of SqliteOutboundQueue, shared with the tests that check its
// query plans (outbound_queue_sql_test.cc: an index seek, never a scan of
// messages or segments). Parameters are numbered; the comment above each
// statement says what they bind. A statement run per message names states
// with `=` and OR, never `state IN (...)`: SQLite builds an ephemeral
// b-tree for an IN list on every run (see schema.cc, version 13). Internal
// to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_OUTBOUND_QUEUE_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_OUTBOUND_QUEUE_SQL_H_

#include <string_view>

#include "daemon/store/sqlite/sql_join.h"

namespace tellal::store::sql {

// A message row, in the order ReadMessageRow reads it.
inline constexpr std::string_view kMessageColumns =
    "id, client_ref, destination, body, encoding, segment_count, priority, state, pinned_modem, modem, attempts,"
    " error_code, error_text, report_requested, flash, not_before, valid_until, created_at, sending_at, sent_at,"
    " delivered_at, failed_at, expired_at, cancelled_at, unknown_at, dlr_url, dlr_mask, concat_ref, resume_until,"
    " category, campaign_id, suppressed_at";
inline constexpr std::string_view kSelectMessage = "SELECT ";
inline constexpr std::string_view kFromMessages = " FROM messages";
// ?1 id.
inline constexpr std::string_view kWhereIdIs = " WHERE id = ?1";

// --- Enqueue ------------------------------------------------------------------

// ?1 client_ref.
inline constexpr std::string_view kFindClientRef = "SELECT id FROM messages WHERE client_ref = ?1";

// ?1 client_ref, ?2 destination, ?3 body, ?4 encoding, ?5 segments,
// ?6 priority, ?7 pinned modem, ?8 report_requested, ?9 flash,
// ?10 not_before, ?11 valid_until, ?12 created_at, ?13 dlr_url, ?14 dlr_mask,
// ?15 category, ?16 campaign_id.
inline constexpr std::string_view kInsertMessage =
    "INSERT INTO messages (client_ref, destination, body, encoding, segment_count, priority, state, pinned_modem,"
    " report_requested, flash, not_before, valid_until, created_at, dlr_url, dlr_mask, category, campaign_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

// --- Claim --------------------------------------------------------------------

// The earliest ready message of one priority that no modem is pinned to.
// ?1 priority, ?2 now. Equality on (pinned_modem, priority) and a range on
// not_before make this a single seek into messages_queue, whatever the
// queue's length; future not_before rows sort after the answer.
// INDEXED BY: messages_due also orders by not_before, and the planner may
// prefer it, then walk every queued row looking for an empty priority.
// The policy columns are evaluated for the one row returned (a seek in
// `blocked` and, for a commercial message, in consent_status), so the
// checks happen when the message is about to go, not only when it was
// accepted: blocked now, category, opted out now, destination (for caps).
inline constexpr std::string_view kCandidateColumns =
    "SELECT id, not_before, valid_until, resume_until,"
    " EXISTS (SELECT 1 FROM blocked b WHERE b.number = destination), category,"
    " category = 1 AND EXISTS (SELECT 1 FROM consent_status s WHERE s.number = destination AND s.status = 'RET'),"
    " destination";
inline constexpr std::string_view kClaimUnpinnedTail =
    " FROM messages INDEXED BY messages_queue"
    " WHERE state = 'queued' AND pinned_modem IS NULL AND priority = ?1 AND not_before <= ?2"
    " ORDER BY not_before, id LIMIT 1";
inline constexpr std::string_view kClaimUnpinned = kJoined<kCandidateColumns, kClaimUnpinnedTail>;

// The same for messages pinned to modem ?3.
inline constexpr std::string_view kClaimPinnedTail =
    " FROM messages INDEXED BY messages_queue"
    " WHERE state = 'queued' AND pinned_modem = ?3 AND priority = ?1 AND not_before <= ?2"
    " ORDER BY not_before, id LIMIT 1";
inline constexpr std::string_view kClaimPinned = kJoined<kCandidateColumns, kClaimPinnedTail>;

// ClaimMessage's look at one message before taking it. ?1 id.
inline constexpr std::string_view kCandidateById = kJoined<kCandidateColumns, kFromMessages, kWhereIdIs>;

// A candidate the policy refuses: it is never sent. ?1 id, ?2 now,
// ?3 reason (records.h kSuppressed*), ?4 text for people.
inline constexpr std::string_view kSuppress =
    "UPDATE messages SET state = 'suppressed', suppressed_at = ?2, error_code = ?3, error_text = ?4"
    " WHERE id = ?1 AND state = 'queued'";

// Quiet hours began: every queued commercial message that would come up
// before they end waits until then (?1), one statement per queue group
// (ForEachQueueGroup: ?2 priority, ?3 pinned modem), so the queue does not
// meet them one by one all night. Paused multipart messages go on (their
// recipient holds the first parts).
inline constexpr std::string_view kHoldCommercialUnpinned =
    "UPDATE messages INDEXED BY messages_queue SET not_before = ?1"
    " WHERE state = 'queued' AND pinned_modem IS NULL AND priority = ?2 AND not_before < ?1"
    " AND category = 1 AND resume_until IS NULL";
inline constexpr std::string_view kHoldCommercialPinned =
    "UPDATE messages INDEXED BY messages_queue SET not_before = ?1"
    " WHERE state = 'queued' AND pinned_modem = ?3 AND priority = ?2 AND not_before < ?1"
    " AND category = 1 AND resume_until IS NULL";

// Frequency caps: ?1 number, ?2 since -> commercial messages that went (or
// may have gone) to it since then.
inline constexpr std::string_view kCommercialSendsSince =
    "SELECT count(*) FROM messages INDEXED BY messages_commercial_sends"
    " WHERE category = 1 AND sending_at IS NOT NULL AND destination = ?1 AND sending_at >= ?2"
    " AND (state = 'sending' OR state = 'sent' OR state = 'delivered' OR state = 'unknown')";

// A candidate found past its deadline. ?1 id, ?2 now.
inline constexpr std::string_view kExpireCandidate =
    "UPDATE messages SET state = 'expired', expired_at = ?2 WHERE id = ?1";

// How a paused message ends when its modem could not send the rest in time
// (the SET clause after the time stamp).
inline constexpr std::string_view kPartialError =
    " error_code = 'partial', error_text = 'sent ' || (SELECT count(*) FROM segments s WHERE s.message_id ="
    " messages.id) || ' of ' || segment_count || ' parts; ' || coalesce(pinned_modem, 'its modem')"
    " || ' could not send the rest before the deadline'";

// A paused candidate past its deadline. ?1 id, ?2 now.
inline constexpr std::string_view kAbandonCandidateHead = "UPDATE messages SET state = 'unknown', unknown_at = ?2,";
inline constexpr std::string_view kAbandonCandidate = kJoined<kAbandonCandidateHead, kPartialError, kWhereIdIs>;

// ?1 id, ?2 modem, ?3 now. No row changed: the message was no longer
// queued; the claimed row is then read by id (kGetMessage). Not RETURNING:
// SQLite gathers RETURNING rows in an ephemeral table, built and torn down
// on every run, which cost more than the second lookup. The first claim
// fixes the concatenation reference (from the id, as before version 4).
inline constexpr std::string_view kClaim =
    "UPDATE messages SET state = 'sending', modem = ?2, attempts = attempts + 1, sending_at = ?3,"
    " concat_ref = coalesce(concat_ref, id % 256)"
    " WHERE id = ?1 AND state = 'queued'";

// ClaimMessage: one named message for modem ?2 at ?3, whatever its
// not_before (a failover skips the back-off), if it is still queued, not
// pinned elsewhere, within its deadlines, and not to a blocked number (the
// next ClaimNext suppresses that one).
inline constexpr std::string_view kClaimByIdHead =
    "UPDATE messages SET state = 'sending', modem = ?2, attempts = attempts + 1, sending_at = ?3,"
    " concat_ref = coalesce(concat_ref, id % 256)"
    " WHERE id = ?1 AND state = 'queued' AND (pinned_modem IS NULL OR pinned_modem = ?2)"
    " AND (valid_until IS NULL OR valid_until >= ?3) AND (resume_until IS NULL OR resume_until >= ?3)"
    " AND NOT EXISTS (SELECT 1 FROM blocked b WHERE b.number = destination)";
inline constexpr std::string_view kClaimById = kClaimByIdHead;

// --- Transitions --------------------------------------------------------------

// ?1 id, ?2 seq, ?3 modem, ?4 mr, ?5 sent_at. The conditions of a valid
// record (claimed by this modem, seq in range) are part of the INSERT, so
// the common case is one statement; no row inserted means it was refused.
// awaits_report: only those rows are indexed for matching a report.
inline constexpr std::string_view kRecordSegment =
    "INSERT OR REPLACE INTO segments (message_id, seq, modem, mr, destination, sent_at, state, awaits_report)"
    " SELECT id, ?2, modem, ?4, destination, ?5, 'sent', report_requested <> 0 FROM messages"
    " WHERE id = ?1 AND state = 'sending' AND modem = ?3 AND ?2 BETWEEN 1 AND segment_count";

// ?1 id, ?2 sent_at. Checks and updates; no row changed: refused. (Not
// RETURNING, for the reason given at kClaim.)
inline constexpr std::string_view kMarkSent =
    "UPDATE messages SET state = 'sent', sent_at = ?2"
    " WHERE id = ?1 AND state = 'sending'"
    " AND segment_count = (SELECT count(*) FROM segments WHERE message_id = ?1)";

// ?1 id -> a row if a report already reached one of its segments (settle
// the message now).
inline constexpr std::string_view kAnyReport =
    "SELECT 1 FROM segments WHERE message_id = ?1 AND state <> 'sent' LIMIT 1";

// Why kMarkSent refused a `sending` message: ?1 id -> (segment_count,
// segments recorded).
inline constexpr std::string_view kSegmentProgress =
    "SELECT m.segment_count, (SELECT count(*) FROM segments s WHERE s.message_id = m.id)"
    " FROM messages m WHERE m.id = ?1 AND m.state = 'sending'";

// The error transitions: ?1 id, ?2 time, ?3 error code, ?4 error text. No
// row changed: the message was not in the state the WHERE names.
inline constexpr std::string_view kMarkFailed =
    "UPDATE messages SET state = 'failed', failed_at = ?2, error_code = ?3, error_text = ?4"
    " WHERE id = ?1 AND (state = 'queued' OR state = 'sending' OR state = 'unknown')";
inline constexpr std::string_view kRequeue =  // ?2 is the new not_before
    "UPDATE messages SET state = 'queued', not_before = ?2, error_code = ?3, error_text = ?4"
    " WHERE id = ?1 AND state = 'sending'";
// Pause: back to `queued` pinned to the modem that sent the first parts,
// keeping their segment rows. The first pause fixes the deadline.
// ?1 id, ?2 not_before, ?3 error code, ?4 error text, ?5 resume_until.
inline constexpr std::string_view kPause =
    "UPDATE messages SET state = 'queued', not_before = ?2, error_code = ?3, error_text = ?4,"
    " pinned_modem = modem, resume_until = coalesce(resume_until, ?5)"
    " WHERE id = ?1 AND state = 'sending'"
    " AND EXISTS (SELECT 1 FROM segments WHERE message_id = ?1)";
inline constexpr std::string_view kMarkUnknown =
    "UPDATE messages SET state = 'unknown', unknown_at = ?2, error_code = ?3, error_text = ?4"
    " WHERE id = ?1 AND state = 'sending'";

// An abandoned attempt's segments, so its reports cannot settle the next
// attempt. ?1 id.
inline constexpr std::string_view kForgetSegments = "DELETE FROM segments WHERE message_id = ?1";

// ?1 id, ?2 now.
inline constexpr std::string_view kCancel =
    "UPDATE messages SET state = 'cancelled', cancelled_at = ?2 WHERE id = ?1 AND state = 'queued'";

// --- Crash recovery -----------------------------------------------------------

// Messages left `sending` -> (id, every segment recorded).
inline constexpr std::string_view kFindSending =
    "SELECT m.id, m.segment_count = (SELECT count(*) FROM segments s WHERE s.message_id = m.id)"
    " FROM messages m WHERE m.state = 'sending' ORDER BY m.id";

// ?1 id, ?2 now.
inline constexpr std::string_view kRequeueAfterCrash =
    "UPDATE messages SET state = 'queued', not_before = ?2, error_code = 'restart',"
    " error_text = 'daemon stopped while sending; queued again (resend_unknown)' WHERE id = ?1";
inline constexpr std::string_view kUnknownAfterCrash =
    "UPDATE messages SET state = 'unknown', unknown_at = ?2, error_code = 'restart',"
    " error_text = 'daemon stopped while sending; not resent to avoid a duplicate' WHERE id = ?1";

// --- Status reports -----------------------------------------------------------

// ?1 id, ?2 sent_at.
inline constexpr std::string_view kSetSent = "UPDATE messages SET state = 'sent', sent_at = ?2 WHERE id = ?1";

// ?1 id -> (state, segment_count, delivered, failed, expired segments).
inline constexpr std::string_view kSegmentTally =
    "SELECT m.state, m.segment_count, coalesce(sum(s.state = 'delivered'), 0), coalesce(sum(s.state = 'failed'), 0),"
    " coalesce(sum(s.state = 'expired'), 0)"
    " FROM messages m LEFT JOIN segments s ON s.message_id = m.id WHERE m.id = ?1";

// A message's final state from its segments: ?1 id, ?2 now.
inline constexpr std::string_view kSettleFailed = "UPDATE messages SET state = 'failed', failed_at = ?2 WHERE id = ?1";
inline constexpr std::string_view kSettleExpired =
    "UPDATE messages SET state = 'expired', expired_at = ?2 WHERE id = ?1";
inline constexpr std::string_view kSettleDelivered =
    "UPDATE messages SET state = 'delivered', delivered_at = ?2 WHERE id = ?1";

// The newest segment for a status report among those that asked for one
// (a report for a message sent without the request matches nothing and is
// logged as unmatched): ?1 modem, ?2 mr, ?3 recipient,
// ?4 window start, ?5 now -> (message_id, seq).
inline constexpr std::string_view kMatchSegment =
    "SELECT message_id, seq FROM segments"
    " WHERE awaits_report = 1 AND modem = ?1 AND mr = ?2 AND destination = ?3 AND sent_at BETWEEN ?4 AND ?5"
    " ORDER BY sent_at DESC LIMIT 1";

// ?1 message_id, ?2 seq, ?3 outcome, ?4 reported_at, ?5 discharge time.
inline constexpr std::string_view kRecordReport =
    "UPDATE segments SET state = ?3, reported_at = ?4, discharge_time = ?5 WHERE message_id = ?1 AND seq = ?2";

// The SMSC's reason for a failure: ?1 id, ?2 code, ?3 text.
inline constexpr std::string_view kRecordReportReason =
    "UPDATE messages SET error_code = ?2, error_text = ?3"
    " WHERE id = ?1 AND (state = 'sending' OR state = 'sent' OR state = 'unknown')";

// --- Scheduling -----------------------------------------------------------------

// ?1 now -> the expired ids. INDEXED BY: otherwise the planner picks
// messages_by_state and walks every queued row.
inline constexpr std::string_view kExpireDue =
    "UPDATE messages INDEXED BY messages_validity SET state = 'expired', expired_at = ?1,"
    " error_code = 'expired', error_text = 'validity period ended before a modem took it'"
    " WHERE state = 'queued' AND valid_until IS NOT NULL AND valid_until < ?1 RETURNING id";

// ?1 now -> the paused messages whose modem did not send the rest in time.
inline constexpr std::string_view kAbandonDueHead =
    "UPDATE messages INDEXED BY messages_resume SET state = 'unknown', unknown_at = ?1,";
inline constexpr std::string_view kAbandonDueTail =
    " WHERE state = 'queued' AND resume_until IS NOT NULL AND resume_until < ?1 RETURNING id";
inline constexpr std::string_view kAbandonDue = kJoined<kAbandonDueHead, kPartialError, kAbandonDueTail>;

// The queue's groups, for ForEachQueueGroup: messages_queue is ordered by
// pinned modem, so each pinned modem after ?1 is one seek, however many
// messages wait for it. NULL (unpinned) sorts first and is never returned.
inline constexpr std::string_view kFirstPinnedModem =
    "SELECT pinned_modem FROM messages INDEXED BY messages_queue"
    " WHERE state = 'queued' AND pinned_modem IS NOT NULL ORDER BY pinned_modem LIMIT 1";
inline constexpr std::string_view kNextPinnedModem =
    "SELECT pinned_modem FROM messages INDEXED BY messages_queue"
    " WHERE state = 'queued' AND pinned_modem > ?1 ORDER BY pinned_modem LIMIT 1";

// ?1 now, ?2 priority (?3 pinned modem) -> the group's earliest future
// not_before: one seek per group into messages_queue, which already holds
// every queued row by (pinned_modem, priority, not_before). A separate
// index on not_before alone (schema version 2 to 20) cost every claim and
// every insert one more b-tree to change.
inline constexpr std::string_view kNextNotBeforeUnpinned =
    "SELECT not_before FROM messages INDEXED BY messages_queue"
    " WHERE state = 'queued' AND pinned_modem IS NULL AND priority = ?2 AND not_before > ?1"
    " ORDER BY not_before LIMIT 1";
inline constexpr std::string_view kNextNotBeforePinned =
    "SELECT not_before FROM messages INDEXED BY messages_queue"
    " WHERE state = 'queued' AND pinned_modem = ?3 AND priority = ?2 AND not_before > ?1"
    " ORDER BY not_before LIMIT 1";

// ?1 now -> the earliest future valid_until / resume_until of a queued message.
inline constexpr std::string_view kNextValidUntil =
    "SELECT min(valid_until) FROM messages INDEXED BY messages_validity"
    " WHERE state = 'queued' AND valid_until IS NOT NULL AND valid_until >= ?1";
inline constexpr std::string_view kNextResumeUntil =
    "SELECT min(resume_until) FROM messages INDEXED BY messages_resume"
    " WHERE state = 'queued' AND resume_until IS NOT NULL AND resume_until >= ?1";

// -> (priority, count): three rows the schema's triggers keep up to date
// (schema version 7), whatever the length of the queue.
inline constexpr std::string_view kCountQueued = "SELECT priority, queued FROM queue_counts";

// --- Reading --------------------------------------------------------------------

inline constexpr std::string_view kGetMessage = kJoined<kSelectMessage, kMessageColumns, kFromMessages, kWhereIdIs>;

// ?1 id -> segments by seq.
inline constexpr std::string_view kListSegments =
    "SELECT seq, modem, mr, sent_at, state, reported_at FROM segments WHERE message_id = ?1 ORDER BY seq";

// ListMessages: kListMessages, then the conditions the filter asks for, in
// this order, then kListMessagesEnd. Every value is bound (?1 state, ?2
// destination, ?3 created since, ?4 before id, ?5 created until, ?6 limit); each of the
// sixteen texts is prepared once and cached. ?7 category or NULL.
inline constexpr std::string_view kWhereAll = " WHERE (?7 IS NULL OR category = ?7)";
inline constexpr std::string_view kListMessages = kJoined<kSelectMessage, kMessageColumns, kFromMessages, kWhereAll>;
inline constexpr std::string_view kListMessagesStateIs = " AND state = ?1";
inline constexpr std::string_view kListMessagesToIs = " AND destination = ?2";
inline constexpr std::string_view kListMessagesSince = " AND created_at >= ?3";
inline constexpr std::string_view kListMessagesUntil = " AND created_at < ?5";
inline constexpr std::string_view kListMessagesBefore = " AND id < ?4";
inline constexpr std::string_view kListMessagesEnd = " ORDER BY id DESC LIMIT ?6";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_OUTBOUND_QUEUE_SQL_H_

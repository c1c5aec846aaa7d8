// The SQL of SqliteRetention, shared with the tests that check its query
// plans (retention_sql_test.cc). Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_RETENTION_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_RETENTION_SQL_H_

#include <string_view>

#include "daemon/store/sqlite/inbox_sql.h"
#include "daemon/store/sqlite/outbound_queue_sql.h"
#include "daemon/store/sqlite/sql_join.h"

namespace tellal::store::sql {

// Messages in a final state that reached it before ?1, oldest first, at
// most ?2. A message reaches its final state after it was created, so the
// range on created_at (messages_by_created) bounds the search to messages
// created before the cutoff: after the first purge, those are the few kept
// (still queued, or final only recently), not the whole history. The unary
// + keeps the planner off messages_by_state, whose final states hold the
// whole history.
inline constexpr std::string_view kWhereFinalBefore =
    " WHERE created_at < ?1 AND +state IN ('sent', 'delivered', 'failed', 'expired', 'cancelled', 'unknown')"
    " AND coalesce(CASE state WHEN 'sent' THEN sent_at WHEN 'delivered' THEN delivered_at"
    " WHEN 'failed' THEN failed_at WHEN 'expired' THEN expired_at WHEN 'cancelled' THEN cancelled_at"
    " ELSE unknown_at END, created_at) < ?1"
    " ORDER BY created_at LIMIT ?2";
inline constexpr std::string_view kOldFinalMessages =
    kJoined<kSelectMessage, kMessageColumns, kFromMessages, kWhereFinalBefore>;

// ?1 message id. Segments first: they reference the message.
inline constexpr std::string_view kDeleteSegmentsOf = "DELETE FROM segments WHERE message_id = ?1";
// ?1 message id; the state check keeps a purge from ever touching the queue.
inline constexpr std::string_view kDeleteFinalMessage =
    "DELETE FROM messages WHERE id = ?1"
    " AND state IN ('sent', 'delivered', 'failed', 'expired', 'cancelled', 'unknown')";

// Inbox entries received before ?1, oldest first, at most ?2.
inline constexpr std::string_view kWhereReceivedBefore = " WHERE received_at < ?1 ORDER BY received_at LIMIT ?2";
inline constexpr std::string_view kOldInbox = kJoined<kSelectInbox, kInboxColumns, kFromInbox, kWhereReceivedBefore>;
// ?1 inbox id. Parts first: they reference the entry.
inline constexpr std::string_view kDeletePartsOf = "DELETE FROM inbound_parts WHERE inbox_id = ?1";
inline constexpr std::string_view kDeleteInbox = "DELETE FROM inbox WHERE id = ?1";

// Webhook deliveries that finished (delivered, or failed for good) before
// ?1, oldest first, at most ?2 (webhook_deliveries_finished).
inline constexpr std::string_view kOldFinishedDeliveries =
    "SELECT id FROM webhook_deliveries WHERE state <> 'pending' AND finished_at < ?1 ORDER BY finished_at LIMIT ?2";
// ?1 delivery id. Attempts first: they reference the delivery.
inline constexpr std::string_view kDeleteAttemptsOf = "DELETE FROM webhook_attempts WHERE delivery_id = ?1";
inline constexpr std::string_view kDeleteDelivery = "DELETE FROM webhook_deliveries WHERE id = ?1";
// Events that occurred before ?1 and have no delivery left (all purged, or
// their endpoint deleted), oldest first, at most ?2.
inline constexpr std::string_view kOldSpentEvents =
    "SELECT id FROM webhook_events AS e WHERE occurred_at < ?1"
    " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries AS d WHERE d.event_id = e.id)"
    " ORDER BY occurred_at LIMIT ?2";
inline constexpr std::string_view kDeleteEvent = "DELETE FROM webhook_events WHERE id = ?1";
// Kannel dlr-url calls that finished (done, or failed for good) before ?1,
// oldest first, at most ?2 (dlr_calls_finished).
inline constexpr std::string_view kDeleteOldFinishedDlrCalls =
    "DELETE FROM dlr_calls WHERE id IN (SELECT id FROM dlr_calls INDEXED BY dlr_calls_finished"
    " WHERE state <> 'pending' AND finished_at < ?1 ORDER BY finished_at LIMIT ?2)";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_RETENTION_SQL_H_

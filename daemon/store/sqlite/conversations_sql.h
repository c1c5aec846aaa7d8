// The SQL of SqliteConversations, shared with the tests that check its
// query plans (conversations_sql_test.cc). The summary table and the
// triggers that keep it are schema version 16 (schema.cc).
// Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_CONVERSATIONS_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_CONVERSATIONS_SQL_H_

#include <string_view>

#include "daemon/store/sqlite/sql_join.h"

namespace tellal::store::sql {

// A summary row, in the order ReadSummaryRow reads it: the conversation
// (0 number, 1 contact name, 2 unread, 3 last_modem, 4 last_at), its newest
// inbox entry (5 id, 6 body, 7 received_at, 8 modem, 9 undecodable,
// 10 read) and its newest message (11 id, 12 body, 13 created_at, 14 modem
// or pin, 15 state, 16 error_code); either side NULL when absent. Each
// joined row is one primary-key lookup.
inline constexpr std::string_view kSelectSummary =
    "SELECT c.number, ct.name, c.unread, c.last_modem, c.last_at,"
    " i.id, i.body, i.received_at, i.modem, i.undecodable, i.read_at IS NOT NULL,"
    " m.id, m.body, m.created_at, coalesce(m.modem, m.pinned_modem), m.state, m.error_code"
    " FROM conversations c"
    " LEFT JOIN contacts ct ON ct.number = c.number"
    " LEFT JOIN inbox i ON i.id = c.last_inbox_id"
    " LEFT JOIN messages m ON m.id = c.last_message_id";

// ?1 number.
inline constexpr std::string_view kWhereNumberIs = " WHERE c.number = ?1";
inline constexpr std::string_view kGetConversation = kJoined<kSelectSummary, kWhereNumberIs>;

// A number that never wrote has no summary row; its thread is its
// outbound messages, summarised by the newest (messages_by_destination,
// one seek). ?1 number; the columns of kSelectSummary.
inline constexpr std::string_view kGetOutboundOnlyConversation =
    "SELECT m.destination, ct.name, 0, NULL, m.created_at,"
    " NULL, NULL, NULL, NULL, NULL, NULL,"
    " m.id, m.body, m.created_at, coalesce(m.modem, m.pinned_modem), m.state, m.error_code"
    " FROM messages m LEFT JOIN contacts ct ON ct.number = m.destination"
    " WHERE m.destination = ?1 ORDER BY m.id DESC LIMIT 1";

// ListConversations: kListConversations, kListConversationsMatching when a
// query is given, then kListConversationsEnd. ?1 last_at and ?2 number of
// the last row shown (the first page binds the largest time and ''),
// ?3 number prefix and ?4 folded name as LIKE patterns, ?5 limit.
// The seek and the order are conversations_by_activity's; a query filters
// the rows as that index yields them, so it costs the rows it passes over.
inline constexpr std::string_view kWhereBeforePosition = " WHERE (c.last_at, c.number) < (?1, ?2)";
inline constexpr std::string_view kListConversations = kJoined<kSelectSummary, kWhereBeforePosition>;
inline constexpr std::string_view kListConversationsMatching =
    " AND (c.number LIKE ?3 ESCAPE '\\' OR ct.name_folded LIKE ?4 ESCAPE '\\')";
inline constexpr std::string_view kListConversationsEnd = " ORDER BY c.last_at DESC, c.number DESC LIMIT ?5";

// ListThread: ?1 number; ?2 at, ?3 direction (0 inbound, 1 outbound), ?4 id
// of the oldest entry shown (the first page binds the largest time, 0, 0);
// ?5 limit. -> (direction, id, body, at, modem, state, error_code, read,
// undecodable), newest first. Each side seeks its number with its own
// index (inbox_by_sender, messages_by_destination); the merge sorts one
// number's entries, never the table's.
inline constexpr std::string_view kListThread =
    "SELECT dir, id, body, at, modem, state, error_code, read, undecodable FROM ("
    " SELECT 0 AS dir, id, body, received_at AS at, modem, NULL AS state, NULL AS error_code,"
    " read_at IS NOT NULL AS read, undecodable FROM inbox"
    " WHERE sender = ?1 AND (received_at, 0, id) < (?2, ?3, ?4)"
    " UNION ALL"
    " SELECT 1, id, body, created_at, coalesce(modem, pinned_modem), state, error_code, 0, 0 FROM messages"
    " WHERE destination = ?1 AND (created_at, 1, id) < (?2, ?3, ?4))"
    " ORDER BY at DESC, dir DESC, id DESC LIMIT ?5";

// MarkRead: ?1 number, ?2 now. The conversations_read trigger counts them
// out of the summary's unread.
inline constexpr std::string_view kConversationExists = "SELECT 1 FROM conversations WHERE number = ?1";
inline constexpr std::string_view kMarkRead =
    "UPDATE inbox SET read_at = ?2 WHERE sender = ?1 AND read_at IS NULL";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_CONVERSATIONS_SQL_H_

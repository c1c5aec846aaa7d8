// The SQL of SqliteInbox, shared with the tests that check its query plans
// (inbox_sql_test.cc). A set is the parts with one (modem, sender, ref,
// total); parts stay after assembly (inbox_id set) for the duplicate check.
// Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_INBOX_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_INBOX_SQL_H_

#include <string_view>

#include "daemon/store/sqlite/sql_join.h"

namespace tellal::store::sql {

// An inbox row, in the order ReadInboxRow reads it.
inline constexpr std::string_view kInboxColumns =
    "id, modem, sim, sender, body, smsc_time, received_at, parts_received, parts_total, partial, undecodable,"
    " raw_pdu, undecodable_reason";
inline constexpr std::string_view kSelectInbox = "SELECT ";
inline constexpr std::string_view kFromInbox = " FROM inbox";

// --- Parts --------------------------------------------------------------------

// The same part stored before: ?1 modem, ?2 sender, ?3 ref, ?4 total,
// ?5 seq, ?6 smsc_time, ?7 kind, ?8 payload -> its inbox_id (NULL while
// its set is incomplete).
inline constexpr std::string_view kFindDuplicatePart =
    "SELECT inbox_id FROM inbound_parts WHERE modem = ?1 AND sender = ?2 AND ref = ?3 AND total = ?4 AND seq = ?5"
    " AND smsc_time = ?6 AND kind = ?7 AND payload = ?8";

// ?1 modem, ?2 sim, ?3 sender, ?4 ref, ?5 total, ?6 seq, ?7 kind (0: UTF-8
// text, 1: UTF-16BE), ?8 payload, ?9 smsc_time, ?10 received_at.
inline constexpr std::string_view kInsertPart =
    "INSERT INTO inbound_parts (modem, sim, sender, ref, total, seq, kind, payload, smsc_time, received_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

// The statements on a set's waiting parts share its condition: ?1 modem,
// ?2 sender, ?3 ref, ?4 total.
inline constexpr std::string_view kWhereWaitingSet =
    " WHERE modem = ?1 AND sender = ?2 AND ref = ?3 AND total = ?4 AND inbox_id IS NULL";

// A waiting part in the same slot of the set: ?5 seq.
inline constexpr std::string_view kSelectOnePart = "SELECT 1 FROM inbound_parts";
inline constexpr std::string_view kAndSeqIs = " AND seq = ?5";
inline constexpr std::string_view kSlotOccupied = kJoined<kSelectOnePart, kWhereWaitingSet, kAndSeqIs>;

// How many parts of the set wait.
inline constexpr std::string_view kCountParts = "SELECT count(*) FROM inbound_parts";
inline constexpr std::string_view kCountWaitingParts = kJoined<kCountParts, kWhereWaitingSet>;

// -> (seq, kind, payload, smsc_time, received_at, sim) in seq order.
inline constexpr std::string_view kSelectPartRows =
    "SELECT seq, kind, payload, smsc_time, received_at, sim FROM inbound_parts";
inline constexpr std::string_view kBySeq = " ORDER BY seq";
inline constexpr std::string_view kWaitingParts = kJoined<kSelectPartRows, kWhereWaitingSet, kBySeq>;

// ?5 the inbox row the set became.
inline constexpr std::string_view kSetInboxId = "UPDATE inbound_parts SET inbox_id = ?5";
inline constexpr std::string_view kAttachParts = kJoined<kSetInboxId, kWhereWaitingSet>;

// Incomplete sets whose newest part arrived before ?1 -> (modem, sender,
// ref, total).
inline constexpr std::string_view kStaleSets =
    "SELECT modem, sender, ref, total FROM inbound_parts WHERE inbox_id IS NULL"
    " GROUP BY modem, sender, ref, total HAVING max(received_at) < ?1";
// Parts of assembled messages received before ?1.
inline constexpr std::string_view kForgetAssembledParts =
    "DELETE FROM inbound_parts WHERE inbox_id IS NOT NULL AND received_at < ?1";

// --- Inbox --------------------------------------------------------------------

// ?1 modem, ?2 sim, ?3 sender, ?4 body, ?5 smsc_time, ?6 received_at,
// ?7 parts_received, ?8 parts_total, ?9 partial.
inline constexpr std::string_view kInsertInbox =
    "INSERT INTO inbox (modem, sim, sender, body, smsc_time, received_at, parts_received, parts_total, partial)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

// An undecodable PDU: ?1 modem, ?2 sim, ?3 sender, ?4 smsc_time,
// ?5 received_at, ?6 raw_pdu, ?7 reason. One part of one, never partial.
inline constexpr std::string_view kInsertUndecodable =
    "INSERT INTO inbox (modem, sim, sender, body, smsc_time, received_at, parts_received, parts_total, partial,"
    " undecodable, raw_pdu, undecodable_reason) VALUES (?1, ?2, ?3, '', ?4, ?5, 1, 1, 0, 1, ?6, ?7)";

// The same undecodable PDU stored before: ?1 modem, ?2 raw_pdu -> its id.
inline constexpr std::string_view kFindDuplicateUndecodable =
    "SELECT id FROM inbox WHERE modem = ?1 AND raw_pdu = ?2 AND undecodable = 1";

// ?1 id.
inline constexpr std::string_view kWhereInboxIdIs = " WHERE id = ?1";
inline constexpr std::string_view kGetInbox = kJoined<kSelectInbox, kInboxColumns, kFromInbox, kWhereInboxIdIs>;

// ListInbox: kListInbox, then the conditions the filter asks for, in this
// order, then kListInboxEnd. Every value is bound (?1 sender, ?2 received
// since, ?3 before id, ?4 received until, ?5 limit).
inline constexpr std::string_view kWhereAnyInbox = " WHERE 1";
inline constexpr std::string_view kListInbox = kJoined<kSelectInbox, kInboxColumns, kFromInbox, kWhereAnyInbox>;
inline constexpr std::string_view kListInboxFromIs = " AND sender = ?1";
inline constexpr std::string_view kListInboxSince = " AND received_at >= ?2";
inline constexpr std::string_view kListInboxUntil = " AND received_at < ?4";
inline constexpr std::string_view kListInboxBefore = " AND id < ?3";
inline constexpr std::string_view kListInboxEnd = " ORDER BY id DESC LIMIT ?5";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_INBOX_SQL_H_

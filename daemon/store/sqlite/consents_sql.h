// The SQL of SqliteConsents, shared with the tests that check its query
// plans (consents_sql_test.cc). Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_CONSENTS_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_CONSENTS_SQL_H_

#include <string_view>

#include "daemon/store/sqlite/sql_join.h"

namespace tellal::store::sql {

// ?1 number, ?2 status, ?3 type, ?4 recipient_type, ?5 source,
// ?6 consent_date, ?7 evidence, ?8 modem, ?9 sim, ?10 inbox_id,
// ?11 recorded_at. The consent_status_follow trigger updates the status.
inline constexpr std::string_view kInsertConsent =
    "INSERT INTO consents (number, status, type, recipient_type, source, consent_date, evidence, modem, sim,"
    " inbox_id, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

// A record, in the order ReadConsentRow reads it.
inline constexpr std::string_view kSelectConsent =
    "SELECT c.id, c.number, c.status, c.type, c.recipient_type, c.source, c.consent_date, c.evidence, c.modem,"
    " c.sim, c.inbox_id, c.recorded_at";

// ListConsents: ?1 since, ?2 after id, ?3 limit. Oldest first, so an
// exporter that keeps the cursor gets every later record exactly once.
inline constexpr std::string_view kListConsents =
    " FROM consents c WHERE (?1 IS NULL OR c.recorded_at >= ?1) AND (?2 IS NULL OR c.id > ?2)"
    " ORDER BY c.id LIMIT ?3";
inline constexpr std::string_view kListConsentsQuery = kJoined<kSelectConsent, kListConsents>;

// ListConsentsOf: ?1 number, ?2 since, ?3 after id, ?4 limit. A seek of
// consents_by_number; one number's records are few, so sorting them by id
// costs nothing worth an index of its own.
inline constexpr std::string_view kListConsentsOf =
    " FROM consents c WHERE c.number = ?1 AND (?2 IS NULL OR c.recorded_at >= ?2) AND (?3 IS NULL OR c.id > ?3)"
    " ORDER BY c.id LIMIT ?4";
inline constexpr std::string_view kListConsentsOfQuery = kJoined<kSelectConsent, kListConsentsOf>;

// ?1 id.
inline constexpr std::string_view kGetConsent = " FROM consents c WHERE c.id = ?1";
inline constexpr std::string_view kGetConsentQuery = kJoined<kSelectConsent, kGetConsent>;

// ?1 number.
inline constexpr std::string_view kCurrentConsent =
    " FROM consent_status s JOIN consents c ON c.id = s.consent_id WHERE s.number = ?1";
inline constexpr std::string_view kCurrentConsentQuery = kJoined<kSelectConsent, kCurrentConsent>;

// ListOptOuts: ?1 before consent id, ?2 limit.
inline constexpr std::string_view kListOptOuts =
    " FROM consent_status s JOIN consents c ON c.id = s.consent_id WHERE s.status = 'RET'"
    " AND (?1 IS NULL OR s.consent_id < ?1) ORDER BY s.consent_id DESC LIMIT ?2";
inline constexpr std::string_view kListOptOutsQuery = kJoined<kSelectConsent, kListOptOuts>;

// ?1 number, ?2 reason, ?3 now.
inline constexpr std::string_view kBlock =
    "INSERT INTO blocked (number, reason, blocked_at) VALUES (?1, ?2, ?3) ON CONFLICT (number) DO NOTHING";
inline constexpr std::string_view kUnblock = "DELETE FROM blocked WHERE number = ?1";
inline constexpr std::string_view kGetBlocked = "SELECT id, number, reason, blocked_at FROM blocked WHERE number = ?1";
// ?1 before id, ?2 limit.
inline constexpr std::string_view kListBlocked =
    "SELECT id, number, reason, blocked_at FROM blocked WHERE (?1 IS NULL OR id < ?1) ORDER BY id DESC LIMIT ?2";

// The claim-time check: ?1 number -> (blocked, current status or NULL).
// Two primary-key (unique index) lookups.
inline constexpr std::string_view kSuppressed =
    "SELECT EXISTS (SELECT 1 FROM blocked WHERE number = ?1),"
    " (SELECT status FROM consent_status WHERE number = ?1)";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_CONSENTS_SQL_H_

// The SQL of SqliteRules. Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_RULES_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_RULES_SQL_H_

#include <string_view>

#include "daemon/store/sqlite/sql_join.h"

namespace tellal::store::sql {

// ?1 match, ?2 pattern, ?3 modem, ?4 actions (JSON), ?5 sort_order,
// ?6 enabled, ?7 now.
inline constexpr std::string_view kInsertRule =
    "INSERT INTO rules (match, pattern, modem, actions, sort_order, enabled, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
// The same and ?8 id.
inline constexpr std::string_view kUpdateRule =
    "UPDATE rules SET match = ?1, pattern = ?2, modem = ?3, actions = ?4, sort_order = ?5, enabled = ?6,"
    " updated_at = ?7 WHERE id = ?8";
inline constexpr std::string_view kDeleteRule = "DELETE FROM rules WHERE id = ?1";

// A rule, in the order ReadRuleRow reads it.
inline constexpr std::string_view kSelectRule =
    "SELECT id, match, pattern, modem, actions, sort_order, enabled, created_at, updated_at FROM rules";
inline constexpr std::string_view kWhereRuleId = " WHERE id = ?1";
inline constexpr std::string_view kGetRule = kJoined<kSelectRule, kWhereRuleId>;
// Every rule in the order they are tried (a table of tens of rows: a scan).
inline constexpr std::string_view kRuleOrder = " ORDER BY sort_order, id";
inline constexpr std::string_view kListRules = kJoined<kSelectRule, kRuleOrder>;

// ?1 inbox_id, ?2 rule_id, ?3 webhook, ?4 matched_at.
inline constexpr std::string_view kInsertHit =
    "INSERT INTO rule_hits (inbox_id, rule_id, webhook, matched_at) VALUES (?1, ?2, ?3, ?4)";
inline constexpr std::string_view kGetHit =
    "SELECT inbox_id, rule_id, webhook, matched_at FROM rule_hits WHERE inbox_id = ?1";

// The per-number limit: ?1 number, ?2 since. The automatic answers to one
// number are found through messages_by_destination; the client_ref prefix
// tells them from everything else sent to it.
inline constexpr std::string_view kCountAutoReplies =
    "SELECT count(*) FROM messages WHERE destination = ?1 AND created_at >= ?2 AND client_ref LIKE 'rule-%'";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_RULES_SQL_H_

// The SQL of SqlitePolls. Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_POLLS_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_POLLS_SQL_H_

#include <string_view>

#include "daemon/store/sqlite/sql_join.h"

namespace tellal::store::sql {

// ?1 name, ?2 keyword, ?3 options (JSON), ?4 opens_at, ?5 closes_at,
// ?6 votes_per_number, ?7 reply_valid, ?8 reply_invalid, ?9 reply_closed,
// ?10 now.
inline constexpr std::string_view kInsertPoll =
    "INSERT INTO polls (name, keyword, options, opens_at, closes_at, votes_per_number, reply_valid, reply_invalid,"
    " reply_closed, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)";
// The same and ?11 id.
inline constexpr std::string_view kUpdatePoll =
    "UPDATE polls SET name = ?1, keyword = ?2, options = ?3, opens_at = ?4, closes_at = ?5, votes_per_number = ?6,"
    " reply_valid = ?7, reply_invalid = ?8, reply_closed = ?9, updated_at = ?10 WHERE id = ?11";
inline constexpr std::string_view kDeletePoll = "DELETE FROM polls WHERE id = ?1";

// A poll, in the order ReadPollRow reads it.
inline constexpr std::string_view kSelectPoll =
    "SELECT id, name, keyword, options, opens_at, closes_at, votes_per_number, reply_valid, reply_invalid,"
    " reply_closed, created_at, updated_at FROM polls";
inline constexpr std::string_view kWherePollId = " WHERE id = ?1";
inline constexpr std::string_view kGetPoll = kJoined<kSelectPoll, kWherePollId>;
inline constexpr std::string_view kPollOrder = " ORDER BY id";
inline constexpr std::string_view kListPolls = kJoined<kSelectPoll, kPollOrder>;

// RecordVote. ?1 poll_id, ?2 number.
inline constexpr std::string_view kHasCountedVote =
    "SELECT EXISTS (SELECT 1 FROM poll_votes WHERE poll_id = ?1 AND number = ?2 AND counted = 1)";
inline constexpr std::string_view kUncountVotes =
    "UPDATE poll_votes SET counted = 0 WHERE poll_id = ?1 AND number = ?2 AND counted = 1";
// ?1 poll_id, ?2 number, ?3 option, ?4 inbox_id, ?5 voted_at, ?6 counted.
inline constexpr std::string_view kInsertVote =
    "INSERT INTO poll_votes (poll_id, number, option, inbox_id, voted_at, counted) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

// Results. ?1 poll_id.
inline constexpr std::string_view kTallies =
    "SELECT option, count(*) FROM poll_votes WHERE poll_id = ?1 AND counted = 1 GROUP BY option ORDER BY option";
inline constexpr std::string_view kTotals =
    "SELECT count(option), coalesce(sum(counted), 0),"
    " count(DISTINCT CASE WHEN option IS NOT NULL THEN number END), coalesce(sum(option IS NULL), 0)"
    " FROM poll_votes WHERE poll_id = ?1";
// ForEachVote. ?1 poll_id.
inline constexpr std::string_view kListVotes =
    "SELECT id, poll_id, number, option, inbox_id, voted_at, counted FROM poll_votes WHERE poll_id = ?1 ORDER BY id";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_POLLS_SQL_H_

// The SQL of the store's hot paths, shared with the tests that check their
// query plans (EXPLAIN QUERY PLAN must show an index seek, never a scan of
// messages or segments). Internal to daemon/store and its tests.
#ifndef TELLAL_DAEMON_STORE_STORE_QUERIES_H_
#define TELLAL_DAEMON_STORE_STORE_QUERIES_H_

namespace tellal::store::sql {

// The earliest ready message of one priority that no modem is pinned to.
// ?1 priority, ?2 now. Equality on (pinned_modem, priority) and a range on
// not_before make this a single seek into messages_queue, whatever the
// queue's length; future not_before rows sort after the answer.
// INDEXED BY: messages_due also orders by not_before, and the planner may
// prefer it, then walk every queued row looking for an empty priority.
inline constexpr const char* kClaimUnpinned =
    "SELECT id, not_before, valid_until FROM messages INDEXED BY messages_queue"
    " WHERE state = 'queued' AND pinned_modem IS NULL AND priority = ?1 AND "
    "not_before <= ?2"
    " ORDER BY not_before, id LIMIT 1";

// The same for messages pinned to modem ?3.
inline constexpr const char* kClaimPinned =
    "SELECT id, not_before, valid_until FROM messages INDEXED BY messages_queue"
    " WHERE state = 'queued' AND pinned_modem = ?3 AND priority = ?1 AND "
    "not_before <= ?2"
    " ORDER BY not_before, id LIMIT 1";

// The newest segment for a status report: ?1 modem, ?2 mr, ?3 recipient,
// ?4 window start, ?5 now.
inline constexpr const char* kMatchSegment =
    "SELECT message_id, seq FROM segments"
    " WHERE modem = ?1 AND mr = ?2 AND destination = ?3 AND sent_at BETWEEN ?4 "
    "AND ?5"
    " ORDER BY sent_at DESC LIMIT 1";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_STORE_QUERIES_H_

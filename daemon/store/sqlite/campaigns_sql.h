// The SQL of SqliteCampaigns, shared with the tests that check its query
// plans (sqlite_campaigns_test.cc). Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_CAMPAIGNS_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_CAMPAIGNS_SQL_H_

#include <string_view>

namespace tellal::store::sql {

// --- Campaigns ------------------------------------------------------------------

// ?1 name, ?2 category, ?3 spec, ?4 send_at, ?5 end_at, ?6 rate_per_minute,
// ?7 footer, ?8 created_at.
inline constexpr std::string_view kInsertCampaign =
    "INSERT INTO campaigns (name, category, spec, send_at, end_at, rate_per_minute, footer, state, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'draft', ?8)";

// -> (id, name, category, spec without its uploaded rows, send_at, end_at,
//     rate_per_minute, footer, state, created_at, started_at, finished_at,
//     recipients, how many rows were uploaded), the order ReadCampaignRow
// reads. The rows stay in SQLite: 100,000 of them decoded would cost
// ~100 MB for a read that needs none (recipients carry their fields).
inline constexpr std::string_view kGetCampaign =
    "SELECT id, name, category, json_remove(spec, '$.audience.rows'), send_at, end_at, rate_per_minute, footer,"
    " state, created_at, started_at, finished_at, recipients,"
    " coalesce(json_array_length(spec, '$.audience.rows'), 0) FROM campaigns WHERE id = ?1";
// ?1 before id (the first page: the largest int64), ?2 limit.
inline constexpr std::string_view kListCampaigns =
    "SELECT id, name, category, json_remove(spec, '$.audience.rows'), send_at, end_at, rate_per_minute, footer,"
    " state, created_at, started_at, finished_at, recipients,"
    " coalesce(json_array_length(spec, '$.audience.rows'), 0) FROM campaigns WHERE id < ?1 ORDER BY id DESC LIMIT ?2";
inline constexpr std::string_view kActiveCampaigns =
    "SELECT id, name, category, json_remove(spec, '$.audience.rows'), send_at, end_at, rate_per_minute, footer,"
    " state, created_at, started_at, finished_at, recipients,"
    " coalesce(json_array_length(spec, '$.audience.rows'), 0) FROM campaigns WHERE state IN ('scheduled', 'running', 'paused') ORDER BY id";

// The parts of the spec ResolveRecipients reads, without decoding the rest
// (an uploaded audience may be large): -> (recipients, groups, filter).
inline constexpr std::string_view kCampaignAudienceRefs =
    "SELECT recipients, coalesce(json_extract(spec, '$.audience.groups'), '[]'),"
    " coalesce(json_extract(spec, '$.audience.filter'), '{}') FROM campaigns WHERE id = ?1";
inline constexpr std::string_view kCampaignExists = "SELECT 1 FROM campaigns WHERE id = ?1";
// Report's variant names, without decoding the audience.
inline constexpr std::string_view kCampaignVariants =
    "SELECT coalesce(json_extract(spec, '$.variants'), '[]') FROM campaigns WHERE id = ?1";
// ?1 id, ?2 how many recipients the audience resolved to.
inline constexpr std::string_view kSetRecipients = "UPDATE campaigns SET recipients = ?2 WHERE id = ?1";

// Compare-and-set. ?1 id, ?2 from, ?3 to, ?4 now.
inline constexpr std::string_view kTransition =
    "UPDATE campaigns SET state = ?3,"
    " started_at = CASE WHEN ?2 = 'draft' AND ?3 IN ('scheduled', 'running') THEN ?4 ELSE started_at END,"
    " finished_at = CASE WHEN ?3 IN ('completed', 'cancelled') THEN ?4 ELSE finished_at END"
    " WHERE id = ?1 AND state = ?2";

// Counts of one campaign: its recipients by state (the state index alone,
// without reading their fields) and its messages by state (one pass over
// messages_by_campaign, no sort).
inline constexpr std::string_view kRecipientCounts =
    "SELECT coalesce(sum(state = 'pending'), 0), coalesce(sum(state = 'rejected'), 0),"
    " coalesce(sum(state = 'cancelled'), 0) FROM campaign_recipients INDEXED BY campaign_recipients_by_state"
    " WHERE campaign_id = ?1";
inline constexpr std::string_view kMessageCounts =
    "SELECT coalesce(sum(state = 'queued'), 0), coalesce(sum(state = 'sending'), 0),"
    " coalesce(sum(state = 'sent'), 0), coalesce(sum(state = 'delivered'), 0), coalesce(sum(state = 'failed'), 0),"
    " coalesce(sum(state = 'expired'), 0), coalesce(sum(state = 'cancelled'), 0),"
    " coalesce(sum(state = 'unknown'), 0), coalesce(sum(state = 'suppressed'), 0)"
    " FROM messages WHERE campaign_id = ?1";

// --- The audience -----------------------------------------------------------------

inline constexpr std::string_view kGroupExists = "SELECT 1 FROM contact_groups WHERE name = ?1";

// Contacts of an audience, by id, each with its template fields (its
// attributes, then "name" and "number" over any attribute so named) as a
// JSON object. ?1 groups (JSON array; empty: every contact), ?2 filter
// (JSON object; every entry must equal an attribute). A walk of contacts
// in id order, so members stream out without a sort or a temporary table.
inline constexpr std::string_view kAudienceContacts =
    "SELECT c.number, json_set(coalesce((SELECT json_group_object(a.key, a.value) FROM contact_attributes a"
    " WHERE a.contact_id = c.id), '{}'), '$.name', c.name, '$.number', c.number)"
    " FROM contacts c"
    " WHERE (json_array_length(?1) = 0 OR EXISTS (SELECT 1 FROM group_members m WHERE m.contact_id = c.id"
    " AND m.group_name IN (SELECT value FROM json_each(?1))))"
    " AND NOT EXISTS (SELECT 1 FROM json_each(?2) f WHERE NOT EXISTS (SELECT 1 FROM contact_attributes x"
    " WHERE x.contact_id = c.id AND x.key = f.key AND x.value = f.value))"
    " ORDER BY c.id";

// The stored uploaded rows and bare numbers, streamed from the spec: ->
// (number, fields as a JSON object). json_each walks an array in its
// order; an ORDER BY would sort the whole upload in memory first.
inline constexpr std::string_view kSpecRows =
    "SELECT json_extract(r.value, '$.number'), r.value FROM campaigns c, json_each(c.spec, '$.audience.rows') r"
    " WHERE c.id = ?1";
inline constexpr std::string_view kSpecNumbers =
    "SELECT n.value, json_object('number', n.value) FROM campaigns c, json_each(c.spec, '$.audience.numbers') n"
    " WHERE c.id = ?1";

// ?1 campaign, ?2 seq, ?3 number, ?4 fields. A number already there (an
// earlier source had it) changes nothing: the first occurrence wins.
inline constexpr std::string_view kInsertRecipient =
    "INSERT INTO campaign_recipients (campaign_id, seq, number, fields, state) VALUES (?1, ?2, ?3, ?4, 'pending')"
    " ON CONFLICT DO NOTHING";
inline constexpr std::string_view kCountRecipients = "SELECT count(*) FROM campaign_recipients WHERE campaign_id = ?1";

// --- Sending ----------------------------------------------------------------------

// ?1 campaign, ?2 limit. -> (seq, number, fields). INDEXED BY: the primary
// key also gives seq order, and the planner may walk it past every
// recipient already queued, making a campaign's chunks quadratic.
inline constexpr std::string_view kPendingRecipients =
    "SELECT seq, number, fields FROM campaign_recipients INDEXED BY campaign_recipients_by_state"
    " WHERE campaign_id = ?1 AND state = 'pending' ORDER BY seq LIMIT ?2";
// ?1 campaign, ?2 seq, ?3 message id, ?4 variant.
inline constexpr std::string_view kRecipientQueued =
    "UPDATE campaign_recipients SET state = 'queued', message_id = ?3, variant = ?4"
    " WHERE campaign_id = ?1 AND seq = ?2 AND state = 'pending'";
// ?1 campaign, ?2 seq, ?3 reason, ?4 variant.
inline constexpr std::string_view kRecipientRejected =
    "UPDATE campaign_recipients SET state = 'rejected', reason = ?3, variant = ?4"
    " WHERE campaign_id = ?1 AND seq = ?2 AND state = 'pending'";

// Pause. ?1 campaign, ?2 kHeldByPause. A multipart message with parts out
// (resume_until set) must finish on its SIM in time, so it is not held.
inline constexpr std::string_view kHoldQueued =
    "UPDATE messages SET not_before = ?2 WHERE campaign_id = ?1 AND state = 'queued' AND resume_until IS NULL"
    " AND not_before <> ?2";
// Resume. ?1 campaign, ?2 now, ?3 spacing, ?4 kHeldByPause: the i-th held
// message (by id, from 0) is due at now + i * spacing.
inline constexpr std::string_view kReleaseHeld =
    "UPDATE messages SET not_before = ?2 + ?3 * (h.i - 1)"
    " FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM messages"
    " WHERE campaign_id = ?1 AND state = 'queued' AND not_before = ?4) h"
    " WHERE messages.id = h.id";
// Cancel. ?1 campaign, ?2 now.
inline constexpr std::string_view kCancelQueued =
    "UPDATE messages SET state = 'cancelled', cancelled_at = ?2 WHERE campaign_id = ?1 AND state = 'queued'";
inline constexpr std::string_view kCancelPending =
    "UPDATE campaign_recipients INDEXED BY campaign_recipients_by_state SET state = 'cancelled'"
    " WHERE campaign_id = ?1 AND state = 'pending'";
// -> 1 when something is still to do.
inline constexpr std::string_view kAnyPending =
    "SELECT 1 FROM campaign_recipients INDEXED BY campaign_recipients_by_state"
    " WHERE campaign_id = ?1 AND state = 'pending' LIMIT 1";
inline constexpr std::string_view kAnyInFlight =
    "SELECT 1 FROM messages WHERE campaign_id = ?1 AND state IN ('queued', 'sending') LIMIT 1";

// --- Reading back -----------------------------------------------------------------

// By seq from after ?2, ?3 a state (recipient or message) or NULL, ?4 limit.
// -> (seq, number, fields, state, reason, message_id, modem).
inline constexpr std::string_view kListRecipients =
    "SELECT r.seq, r.number, r.fields, coalesce(m.state, r.state),"
    " coalesce(r.reason, CASE WHEN m.state IN ('suppressed', 'failed') THEN m.error_code END),"
    " r.message_id, m.modem"
    " FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id"
    " WHERE r.campaign_id = ?1 AND r.seq > ?2 AND (?3 IS NULL OR coalesce(m.state, r.state) = ?3)"
    " ORDER BY r.seq LIMIT ?4";

// One row per recipient for Report, ?1 campaign, ?2 attribution window.
// -> (variant, recipient state, message state, error_code, modem, segments,
//     sent_at, replies, opt-outs). Replies and opt-outs count only after
// the message was sent (sent_at NULL: none).
inline constexpr std::string_view kReportRows =
    "SELECT r.variant, r.state, m.state, m.error_code, m.modem, m.segment_count, m.sent_at,"
    " (SELECT count(*) FROM inbox i WHERE i.sender = r.number AND i.received_at >= m.sent_at"
    " AND i.received_at <= m.sent_at + ?2),"
    " (SELECT count(*) FROM consents k WHERE k.number = r.number AND k.status = 'RET'"
    " AND k.consent_date >= m.sent_at AND k.consent_date <= m.sent_at + ?2)"
    " FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id"
    " WHERE r.campaign_id = ?1";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_CAMPAIGNS_SQL_H_

// The SQL of SqliteWebhooks (schema version 14), shared with the tests that
// check its query plans. Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_WEBHOOKS_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_WEBHOOKS_SQL_H_

#include <string_view>

#include "daemon/store/sqlite/sql_join.h"

namespace tellal::store::sql {

// ?1 url, ?2 events (JSON array), ?3 secret, ?4 enabled, ?5 now.
inline constexpr std::string_view kInsertWebhook =
    "INSERT INTO webhooks (url, events, secret, enabled, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
// ?1 event type, ?2 webhook id. Rows exist only for enabled webhooks.
inline constexpr std::string_view kInsertSubscription =
    "INSERT INTO webhook_subscriptions (event_type, webhook_id) VALUES (?1, ?2)";
inline constexpr std::string_view kClearSubscriptions = "DELETE FROM webhook_subscriptions WHERE webhook_id = ?1";

// The message-state trigger exists only while an enabled endpoint
// subscribes to one of the events it writes (SqliteWebhooks keeps it so):
// its WHEN clause's seek in webhook_subscriptions was a tenth of the store's
// work per dispatched message, paid on every send with no endpoint at all.
inline constexpr std::string_view kMessageStateSubscribed =
    "SELECT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE event_type IN"
    " ('message.sent', 'message.delivered', 'message.failed', 'message.unknown'))";
inline constexpr std::string_view kTriggerExists =
    "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?1)";
inline constexpr std::string_view kMessageStateTriggerName = "webhook_message_state";
// The same trigger as schema version 14 created for every database.
inline constexpr std::string_view kCreateMessageStateTrigger = R"sql(
CREATE TRIGGER webhook_message_state AFTER UPDATE OF state ON messages
  WHEN (NEW.state = 'sent' OR NEW.state = 'delivered' OR NEW.state = 'failed' OR NEW.state = 'unknown')
    AND OLD.state <> NEW.state
    AND EXISTS (SELECT 1 FROM webhook_subscriptions WHERE event_type = 'message.' || NEW.state)
BEGIN
  INSERT INTO webhook_events (type, data, occurred_at)
    VALUES ('message.' || NEW.state,
      json_object('id', NEW.id, 'client_ref', NEW.client_ref, 'destination', NEW.destination,
        'state', NEW.state, 'modem', NEW.modem, 'segments', NEW.segment_count, 'campaign_id', NEW.campaign_id,
        'error_code', NEW.error_code, 'error_text', NEW.error_text),
      coalesce(CASE NEW.state WHEN 'sent' THEN NEW.sent_at WHEN 'delivered' THEN NEW.delivered_at
        WHEN 'failed' THEN NEW.failed_at ELSE NEW.unknown_at END, NEW.created_at));
END)sql";
inline constexpr std::string_view kDropMessageStateTrigger = "DROP TRIGGER webhook_message_state";

// A webhook, in the order ReadWebhookRow reads it.
inline constexpr std::string_view kSelectWebhook =
    "SELECT id, url, events, secret, enabled, disabled_reason, created_at, updated_at FROM webhooks";
inline constexpr std::string_view kWhereWebhookIdIs = " WHERE id = ?1";
inline constexpr std::string_view kGetWebhook = kJoined<kSelectWebhook, kWhereWebhookIdIs>;
inline constexpr std::string_view kByWebhookId = " ORDER BY id";
inline constexpr std::string_view kListWebhooks = kJoined<kSelectWebhook, kByWebhookId>;

// ?1 id, ?2 url, ?3 events, ?4 secret, ?5 enabled, ?6 disabled_reason, ?7 now.
inline constexpr std::string_view kUpdateWebhook =
    "UPDATE webhooks SET url = ?2, events = ?3, secret = ?4, enabled = ?5, disabled_reason = ?6, updated_at = ?7"
    " WHERE id = ?1";
// A webhook with its attempts, deliveries and subscriptions (deleted here,
// not left to ON DELETE CASCADE, which needs foreign keys on): ?1 id.
inline constexpr std::string_view kDeleteWebhookAttempts =
    "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE webhook_id = ?1)";
inline constexpr std::string_view kDeleteWebhookDeliveries = "DELETE FROM webhook_deliveries WHERE webhook_id = ?1";
inline constexpr std::string_view kDeleteWebhook = "DELETE FROM webhooks WHERE id = ?1";

// A test ping for one endpoint: ?1 webhook id, ?2 now. The
// webhook_events_direct trigger writes its one delivery.
inline constexpr std::string_view kInsertTestEvent =
    "INSERT INTO webhook_events (type, data, occurred_at, webhook_id)"
    " VALUES ('webhook.test', json_object('webhook_id', ?1), ?2, ?1)";
// The newest delivery of ?1: the one the ping just wrote.
inline constexpr std::string_view kNewestDelivery =
    "SELECT id FROM webhook_deliveries WHERE webhook_id = ?1 ORDER BY id DESC LIMIT 1";

// webhook-id: stable across retries, unique across recreated databases.
inline constexpr std::string_view kMessageIdColumn = "'msg_' || (SELECT prefix FROM webhook_identity) || '_' || e.id";

// A delivery, in the order ReadDeliveryRow reads it.
inline constexpr std::string_view kSelectDeliveryHead = "SELECT d.id, d.webhook_id, d.event_id, e.type, ";
inline constexpr std::string_view kSelectDeliveryTail =
    ", d.state, d.attempts, d.next_attempt_at, d.finished_at"
    " FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id";
inline constexpr std::string_view kSelectDelivery = kJoined<kSelectDeliveryHead, kMessageIdColumn, kSelectDeliveryTail>;
// ?1 webhook id, ?2 before delivery id, ?3 limit.
inline constexpr std::string_view kListDeliveriesWhere =
    " WHERE d.webhook_id = ?1 AND (?2 IS NULL OR d.id < ?2) ORDER BY d.id DESC LIMIT ?3";
inline constexpr std::string_view kListDeliveries = kJoined<kSelectDelivery, kListDeliveriesWhere>;
// ?1 webhook id, ?2 delivery id.
inline constexpr std::string_view kGetDeliveryWhere = " WHERE d.webhook_id = ?1 AND d.id = ?2";
inline constexpr std::string_view kGetDelivery = kJoined<kSelectDelivery, kGetDeliveryWhere>;
// ?1 delivery id.
inline constexpr std::string_view kListAttempts =
    "SELECT attempt, attempted_at, duration_ms, http_status, error FROM webhook_attempts WHERE delivery_id = ?1"
    " ORDER BY attempt";

// ?1 webhook id, ?2 delivery id, ?3 now.
inline constexpr std::string_view kRetryDelivery =
    "UPDATE webhook_deliveries SET state = 'pending', schedule_step = 0, next_attempt_at = ?3, finished_at = NULL"
    " WHERE webhook_id = ?1 AND id = ?2";

// Each enabled endpoint's oldest pending delivery, with the body to send:
// built from stored values only, so every attempt sends the same bytes.
inline constexpr std::string_view kHeadDeliveriesHead = "SELECT d.id, w.id, w.url, w.secret, ";
inline constexpr std::string_view kHeadDeliveriesTail =
    ", '{\"type\":' || json_quote(e.type) || ',\"timestamp\":'"
    " || json_quote(strftime('%Y-%m-%dT%H:%M:%fZ', e.occurred_at / 1000.0, 'unixepoch'))"
    " || ',\"data\":' || e.data || '}', d.attempts, d.schedule_step, d.next_attempt_at"
    " FROM webhooks w"
    // INDEXED BY: the partial index holds pending rows only; the planner
    // would otherwise walk every delivery the endpoint ever had.
    " JOIN webhook_deliveries d ON d.id = (SELECT min(p.id) FROM webhook_deliveries p"
    "   INDEXED BY webhook_deliveries_pending WHERE p.webhook_id = w.id AND p.state = 'pending')"
    " JOIN webhook_events e ON e.id = d.event_id"
    " WHERE w.enabled = 1 ORDER BY w.id";
inline constexpr std::string_view kHeadDeliveries = kJoined<kHeadDeliveriesHead, kMessageIdColumn, kHeadDeliveriesTail>;

// ?1 delivery id, ?2 attempted_at, ?3 duration_ms, ?4 http_status, ?5 error.
// Numbered after the delivery's attempts so far (run before kFinishAttempt).
inline constexpr std::string_view kInsertAttempt =
    "INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, duration_ms, http_status, error)"
    " SELECT id, attempts + 1, ?2, ?3, ?4, ?5 FROM webhook_deliveries WHERE id = ?1";
// ?1 delivery id, ?2 http_status, ?3 error, ?4 new state, ?5 schedule steps
// taken (0 or 1), ?6 next attempt (NULL: unchanged), ?7 now.
inline constexpr std::string_view kFinishAttempt =
    "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = ?2, last_error = ?3, state = ?4,"
    " schedule_step = schedule_step + ?5, next_attempt_at = coalesce(?6, next_attempt_at),"
    " finished_at = CASE WHEN ?4 = 'pending' THEN NULL ELSE ?7 END WHERE id = ?1";
// ?1 delivery id -> its webhook.
inline constexpr std::string_view kWebhookOfDelivery = "SELECT webhook_id FROM webhook_deliveries WHERE id = ?1";
// ?1 webhook id, ?2 reason, ?3 now.
inline constexpr std::string_view kDisableWebhook =
    "UPDATE webhooks SET enabled = 0, disabled_reason = ?2, updated_at = ?3 WHERE id = ?1";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_WEBHOOKS_SQL_H_

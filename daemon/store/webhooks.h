// Webhooks: the endpoints that want to hear about events, and the durable
// outbox of events and their deliveries (the Standard Webhooks scheme; the
// runner in daemon/notify/webhook_runner.h sends them).
//
// Contract for every implementation:
//  - An event is written in the same transaction as the state change that
//    causes it, and only while an enabled endpoint subscribes to its type:
//    message.sent / delivered / failed / unknown (a message entering that
//    state), message.received (an inbox entry: a complete set, or one given
//    up as partial), contact.opted_out / opted_in (a number's current
//    consent status changing), campaign.completed, poll.vote (a vote
//    recorded) and rule.matched (an inbox entry a rule with a webhook action
//    matched: the rules module's rule_hits row). Each subscribed endpoint
//    gets its own delivery of it; an endpoint is served oldest event first.
//  - Emitting from another module (poll.vote, say): inside the module's own
//    transaction, in the SQLite store, run
//      INSERT INTO webhook_events (type, data, occurred_at) VALUES (?1, ?2, ?3)
//    with the type (add it to kWebhookEventTypes so endpoints may subscribe),
//    `data` a JSON object as text (the body's "data", sent byte for byte)
//    and occurred_at in Millis. A trigger fans it out to the subscribers,
//    and the runner is woken (OnEventWritten); with no subscriber it costs one row,
//    so guard hot paths with the same EXISTS on webhook_subscriptions the
//    built-in triggers use.
//  - Delivery bookkeeping (RecordAttempt) is one transaction: the attempt,
//    the delivery's new state and, on 410 Gone, the endpoint's disabling.
//  - Errors: a value the contract refuses is kInvalidArgument naming the
//    field; storage failures keep the storage's code.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store; nothing returned refers back into it.
#ifndef TELLAL_DAEMON_STORE_WEBHOOKS_H_
#define TELLAL_DAEMON_STORE_WEBHOOKS_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

// The event types an endpoint may subscribe to.
inline constexpr std::array<std::string_view, 10> kWebhookEventTypes = {
    "message.received",  "message.sent",     "message.delivered", "message.failed",     "message.unknown",
    "contact.opted_out", "contact.opted_in", "poll.vote",         "campaign.completed", "rule.matched"};
// The type of the ping POST /api/v1/webhooks/{id}/test sends; not subscribable.
inline constexpr std::string_view kWebhookTestEvent = "webhook.test";
bool IsWebhookEventType(std::string_view type);

struct NewWebhook {
  std::string url;
  std::vector<std::string> events;  // each in kWebhookEventTypes, no duplicates
  std::string secret;               // whsec_<base64>; checked by the caller
  bool enabled = true;
};

struct WebhookPatch {
  std::optional<std::string> url;
  std::optional<std::vector<std::string>> events;
  std::optional<std::string> secret;
  std::optional<bool> enabled;  // enabling clears disabled_reason
};

struct Webhook {
  int64_t id = 0;
  std::string url;
  std::vector<std::string> events;
  std::string secret;
  bool enabled = true;
  std::optional<std::string> disabled_reason;
  Millis created_at = 0;
  Millis updated_at = 0;
};

enum class DeliveryState { kPending, kDelivered, kFailed };
const char* DeliveryStateName(DeliveryState s);  // "pending", "delivered", "failed"

struct WebhookAttempt {
  int attempt = 0;  // 1..
  Millis attempted_at = 0;
  int64_t duration_ms = 0;
  std::optional<int> http_status;  // nullopt: no answer (connection, timeout)
  std::string error;               // empty when 2xx
};

struct WebhookDelivery {
  int64_t id = 0;
  int64_t webhook_id = 0;
  int64_t event_id = 0;
  std::string event_type;
  std::string message_id;  // the webhook-id header
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  std::optional<Millis> next_attempt_at;  // pending only
  std::optional<Millis> finished_at;
  std::vector<WebhookAttempt> history;  // oldest first
};

// What the runner needs to send one delivery.
struct DueDelivery {
  int64_t delivery_id = 0;
  int64_t webhook_id = 0;
  std::string url;
  std::string secret;
  std::string message_id;  // "msg_<database prefix>_<event id>": the same on every attempt
  std::string body;        // {"type","timestamp","data"}: the same bytes on every attempt
  int attempts = 0;        // made so far
  int schedule_step = 0;   // retries taken from the schedule so far
  Millis next_attempt_at = 0;
};

// How an attempt ended, and what follows.
struct AttemptResult {
  int64_t delivery_id = 0;
  WebhookAttempt attempt;  // attempt.attempt is filled in by the store
  // Exactly one of: delivered; retry at (schedule_step advanced); failed
  // for good; and independently the endpoint disabled with a reason.
  enum class Next { kDelivered, kRetry, kFailed } next = Next::kRetry;
  Millis retry_at = 0;
  std::optional<std::string> disable_endpoint;
};

class Webhooks {
 public:
  virtual ~Webhooks() = default;

  virtual Result<Webhook> CreateWebhook(const NewWebhook& webhook, Millis now) = 0;
  virtual Result<std::optional<Webhook>> GetWebhook(int64_t id) = 0;
  virtual Result<std::vector<Webhook>> ListWebhooks() = 0;  // by id
  // nullopt: no such webhook.
  virtual Result<std::optional<Webhook>> UpdateWebhook(int64_t id, const WebhookPatch& patch, Millis now) = 0;
  // Its deliveries go with it. false: no such webhook.
  virtual Result<bool> DeleteWebhook(int64_t id) = 0;

  // Queues a webhook.test event for this endpoint alone (enabled or not);
  // nullopt: no such webhook.
  virtual Result<std::optional<WebhookDelivery>> QueueTestEvent(int64_t id, Millis now) = 0;
  // Newest first; limit 1..kMaxPageSize; cursor "" or a next_cursor.
  virtual Result<Page<WebhookDelivery>> ListDeliveries(int64_t webhook_id, int limit, const std::string& cursor) = 0;
  virtual Result<std::optional<WebhookDelivery>> GetDelivery(int64_t webhook_id, int64_t delivery_id) = 0;
  // Makes the delivery pending again, due now, with the retry schedule
  // started over; nullopt: no such delivery of that webhook.
  virtual Result<std::optional<WebhookDelivery>> RetryDelivery(int64_t webhook_id, int64_t delivery_id,
                                                               Millis now) = 0;

  // For the runner: each enabled endpoint's oldest pending delivery.
  virtual Result<std::vector<DueDelivery>> HeadDeliveries() = 0;
  virtual Status RecordAttempt(const AttemptResult& result) = 0;

  // `written` runs when a delivery row is written, inside the writer's
  // transaction, so it must only schedule work: the runner posts a wake-up
  // to its io_context, which runs after the writer's handler has committed.
  virtual void OnEventWritten(std::function<void()> written) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_WEBHOOKS_H_

#include "web/api/webhook_json.h"

#include "web/api/api_json.h"

namespace tellal::web {

using nlohmann::json;

json WebhookJson(const store::Webhook& w) {
  return json{{"id", w.id},
              {"url", w.url},
              {"events", w.events},
              // The owner's own secret, needed to verify what arrives.
              {"secret", w.secret},
              {"enabled", w.enabled},
              {"disabled_reason", w.disabled_reason ? json(*w.disabled_reason) : json(nullptr)},
              {"created_at", TimeJson(w.created_at)},
              {"updated_at", TimeJson(w.updated_at)}};
}

json WebhookDeliveryJson(const store::WebhookDelivery& d) {
  json attempts = json::array();
  for (const store::WebhookAttempt& a : d.history) {
    attempts.push_back(json{{"attempt", a.attempt},
                            {"at", TimeJson(a.attempted_at)},
                            {"duration_ms", a.duration_ms},
                            {"http_status", a.http_status ? json(*a.http_status) : json(nullptr)},
                            {"error", a.error.empty() ? json(nullptr) : json(a.error)}});
  }
  return json{{"id", d.id},
              {"webhook_id", d.webhook_id},
              {"event_id", d.event_id},
              {"event_type", d.event_type},
              {"webhook_message_id", d.message_id},
              {"state", store::DeliveryStateName(d.state)},
              {"attempts", d.attempts},
              {"next_attempt_at", TimeJson(d.next_attempt_at)},
              {"finished_at", TimeJson(d.finished_at)},
              {"history", std::move(attempts)}};
}

}  // namespace tellal::web

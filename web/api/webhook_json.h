// Webhooks and their deliveries as the HTTP API shows them. Field names
// follow openapi.json (Webhook, WebhookDelivery).
#ifndef TELLAL_WEB_API_WEBHOOK_JSON_H_
#define TELLAL_WEB_API_WEBHOOK_JSON_H_

#include <nlohmann/json.hpp>

#include "daemon/store/webhooks.h"

namespace tellal::web {

nlohmann::json WebhookJson(const store::Webhook& w);
nlohmann::json WebhookDeliveryJson(const store::WebhookDelivery& d);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_WEBHOOK_JSON_H_

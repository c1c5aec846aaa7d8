// Parsing webhook requests: the body of POST /api/v1/webhooks (create) and
// of PATCH /api/v1/webhooks/{id} (change), checked fully before the store
// sees them. Every 400 names the member:
//   url      required on create; an absolute http:// or https:// URL (a
//            loopback target is allowed: the owner configures it)
//   events   required on create; a non-empty array of event types
//            (store::kWebhookEventTypes), none twice
//   secret   optional; "whsec_" + base64 of 24 to 64 bytes; generated on
//            create when absent
//   enabled  optional boolean, default true
//
// Pure functions apart from the secret's generation; safe from any thread.
#ifndef TELLAL_WEB_API_WEBHOOK_REQUEST_H_
#define TELLAL_WEB_API_WEBHOOK_REQUEST_H_

#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "daemon/store/webhooks.h"
#include "modem/result.h"
#include "web/api/api_errors.h"

namespace tellal::web {

inline constexpr std::array<std::string_view, 4> kWebhookMembers = {"url", "events", "secret", "enabled"};

Result<store::NewWebhook, ApiError> ParseNewWebhook(const nlohmann::json& body);
// Only the members present change.
Result<store::WebhookPatch, ApiError> ParseWebhookPatch(const nlohmann::json& body);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_WEBHOOK_REQUEST_H_

// The webhook endpoints of the HTTP API (the Standard Webhooks scheme; the
// daemon's runner sends, daemon/notify/webhook_runner.h). Each handler
// validates its request fully (400s name the field, webhook_request.h),
// then works through ApiBackend::WithWebhooks.
//
//   POST   /api/v1/webhooks                                   create (201)
//   GET    /api/v1/webhooks                                   list, by id
//   GET    /api/v1/webhooks/{id}                              one
//   PATCH  /api/v1/webhooks/{id}                              change url, events, secret, enabled
//   DELETE /api/v1/webhooks/{id}                              delete, with its deliveries (204)
//   POST   /api/v1/webhooks/{id}/test                         queue a webhook.test ping (202)
//   GET    /api/v1/webhooks/{id}/deliveries                   attempts, newest first: limit=, cursor=
//   POST   /api/v1/webhooks/{id}/deliveries/{delivery}/retry  send again now (202)
//
// A webhook or delivery that does not exist is 404.
//
// Pure request-to-response functions; safe from any HTTP thread.
#ifndef TELLAL_WEB_API_WEBHOOK_API_H_
#define TELLAL_WEB_API_WEBHOOK_API_H_

#include "web/api/api_call.h"
#include "web/http/http_types.h"

namespace tellal::web {

HttpResponse PostWebhook(const Call& c);
HttpResponse ListWebhooks(const Call& c);
HttpResponse GetWebhook(const Call& c);
HttpResponse PatchWebhook(const Call& c);
HttpResponse DeleteWebhook(const Call& c);
HttpResponse TestWebhook(const Call& c);
HttpResponse ListWebhookDeliveries(const Call& c);
HttpResponse RetryWebhookDelivery(const Call& c);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_WEBHOOK_API_H_

#include "web/api/webhook_api.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "web/api/api_errors.h"
#include "web/api/api_json.h"
#include "web/api/json_members.h"
#include "web/api/request_params.h"
#include "web/api/webhook_json.h"
#include "web/api/webhook_request.h"

namespace tellal::web {
namespace {

using nlohmann::json;

HttpResponse Fail(const ApiError& error) { return ErrorResponse(error); }

HttpResponse NoSuchWebhook(int64_t id) { return Fail(ApiError::NotFound("no webhook with id " + std::to_string(id))); }

// The webhook id of /api/v1/webhooks/{id}/deliveries/{delivery}/retry: the
// router hands over only the last {…} segment.
std::string_view WebhookSegment(std::string_view path) {
  constexpr std::string_view kPrefix = "/api/v1/webhooks/";
  if (!path.starts_with(kPrefix)) return {};
  path.remove_prefix(kPrefix.size());
  return path.substr(0, path.find('/'));
}

// Runs `read` against the store and answers its webhook as JSON with
// `status`, or 404 when it returned none.
template <typename Read>
HttpResponse AnswerWebhook(const Call& c, int64_t id, int status, Read read) {
  std::optional<store::Webhook> webhook;
  Status s = c.backend.WithWebhooks([&](store::Webhooks& w) -> Status {
    auto result = read(w);
    if (!result) return result.error();
    webhook = std::move(*result);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!webhook) return NoSuchWebhook(id);
  return JsonResponse(status, WebhookJson(*webhook));
}

}  // namespace

HttpResponse PostWebhook(const Call& c) {
  auto body = ObjectBody(c.request, kWebhookMembers);
  if (!body) return Fail(body.error());
  auto fresh = ParseNewWebhook(*body);
  if (!fresh) return Fail(fresh.error());
  std::optional<store::Webhook> webhook;
  Status s = c.backend.WithWebhooks([&](store::Webhooks& w) -> Status {
    auto created = w.CreateWebhook(*fresh, c.now);
    if (!created) return created.error();
    webhook = std::move(*created);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  HttpResponse response = JsonResponse(201, WebhookJson(*webhook));
  response.headers.emplace_back("Location", "/api/v1/webhooks/" + std::to_string(webhook->id));
  return response;
}

HttpResponse ListWebhooks(const Call& c) {
  std::vector<store::Webhook> webhooks;
  Status s = c.backend.WithWebhooks([&](store::Webhooks& w) -> Status {
    auto list = w.ListWebhooks();
    if (!list) return list.error();
    webhooks = std::move(*list);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  json items = json::array();
  for (const store::Webhook& w : webhooks) items.push_back(WebhookJson(w));
  return JsonResponse(200, json{{"webhooks", std::move(items)}});
}

HttpResponse GetWebhook(const Call& c) {
  auto id = ParsePathId(c.id, "webhook");
  if (!id) return Fail(id.error());
  return AnswerWebhook(c, *id, 200, [&](store::Webhooks& w) { return w.GetWebhook(*id); });
}

HttpResponse PatchWebhook(const Call& c) {
  auto id = ParsePathId(c.id, "webhook");
  if (!id) return Fail(id.error());
  auto body = ObjectBody(c.request, kWebhookMembers);
  if (!body) return Fail(body.error());
  auto patch = ParseWebhookPatch(*body);
  if (!patch) return Fail(patch.error());
  return AnswerWebhook(c, *id, 200, [&](store::Webhooks& w) { return w.UpdateWebhook(*id, *patch, c.now); });
}

HttpResponse DeleteWebhook(const Call& c) {
  auto id = ParsePathId(c.id, "webhook");
  if (!id) return Fail(id.error());
  bool deleted = false;
  Status s = c.backend.WithWebhooks([&](store::Webhooks& w) -> Status {
    auto done = w.DeleteWebhook(*id);
    if (!done) return done.error();
    deleted = *done;
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!deleted) return NoSuchWebhook(*id);
  HttpResponse response;
  response.status = 204;
  return response;
}

HttpResponse TestWebhook(const Call& c) {
  auto id = ParsePathId(c.id, "webhook");
  if (!id) return Fail(id.error());
  std::optional<store::WebhookDelivery> delivery;
  Status s = c.backend.WithWebhooks([&](store::Webhooks& w) -> Status {
    auto queued = w.QueueTestEvent(*id, c.now);
    if (!queued) return queued.error();
    delivery = std::move(*queued);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!delivery) return NoSuchWebhook(*id);
  return JsonResponse(202, WebhookDeliveryJson(*delivery));
}

HttpResponse ListWebhookDeliveries(const Call& c) {
  auto id = ParsePathId(c.id, "webhook");
  if (!id) return Fail(id.error());
  auto params = ParsePagedQuery(c.request.query, {"limit", "cursor"});
  if (!params) return Fail(params.error());
  bool exists = false;
  store::Page<store::WebhookDelivery> page;
  std::optional<Error> bad_cursor;
  Status s = c.backend.WithWebhooks([&](store::Webhooks& w) -> Status {
    auto webhook = w.GetWebhook(*id);
    if (!webhook) return webhook.error();
    exists = webhook->has_value();
    if (!exists) return Status::Ok();
    auto read = w.ListDeliveries(*id, params->limit, params->cursor);
    if (!read && read.error().code == ErrorCode::kInvalidArgument) {
      bad_cursor = read.error();
      return Status::Ok();
    }
    if (!read) return read.error();
    page = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!exists) return NoSuchWebhook(*id);
  if (bad_cursor) return Fail(ApiError::InvalidParameter("cursor", "is not a cursor this server returned"));
  json items = json::array();
  for (const store::WebhookDelivery& d : page.items) items.push_back(WebhookDeliveryJson(d));
  return JsonResponse(200, PageJson("deliveries", std::move(items), page.next_cursor));
}

HttpResponse RetryWebhookDelivery(const Call& c) {
  auto webhook_id = ParsePathId(WebhookSegment(c.request.path), "webhook");
  if (!webhook_id) return Fail(webhook_id.error());
  auto delivery_id = ParsePathId(c.id, "delivery");
  if (!delivery_id) return Fail(delivery_id.error());
  std::optional<store::WebhookDelivery> delivery;
  Status s = c.backend.WithWebhooks([&](store::Webhooks& w) -> Status {
    auto retried = w.RetryDelivery(*webhook_id, *delivery_id, c.now);
    if (!retried) return retried.error();
    delivery = std::move(*retried);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!delivery) {
    return Fail(ApiError::NotFound("webhook " + std::to_string(*webhook_id) + " has no delivery with id " +
                                   std::to_string(*delivery_id)));
  }
  return JsonResponse(202, WebhookDeliveryJson(*delivery));
}

}  // namespace tellal::web

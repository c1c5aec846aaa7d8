#include "web/api/webhook_request.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "daemon/net/url.h"
#include "daemon/notify/webhook_signature.h"
#include "web/api/json_members.h"

namespace tellal::web {
namespace {

using nlohmann::json;

Result<std::string, ApiError> ParseTarget(const json& body) {
  auto url = RequiredString(body, "url");
  if (!url) return url.error();
  auto parsed = net::ParseUrl(*url);
  if (!parsed) return ApiError::InvalidField("url", parsed.error().message);
  if (parsed->scheme != "http" && parsed->scheme != "https") {
    return ApiError::InvalidField("url", "the scheme must be http or https, not " + parsed->scheme);
  }
  return std::move(*url);
}

Result<std::vector<std::string>, ApiError> ParseEvents(const json& body) {
  const json* events = Member(body, "events");
  if (!events) return ApiError::MissingField("events");
  if (!events->is_array()) return ApiError::InvalidField("events", "expected an array, " + Got(*events));
  if (events->empty()) return ApiError::InvalidField("events", "name at least one event type");
  std::vector<std::string> types;
  std::set<std::string> seen;
  for (const json& item : *events) {
    if (!item.is_string()) return ApiError::InvalidField("events", "expected strings, " + Got(item));
    std::string type = item.get<std::string>();
    if (!store::IsWebhookEventType(type)) {
      std::string known;
      for (std::string_view t : store::kWebhookEventTypes) known += (known.empty() ? "" : ", ") + std::string(t);
      return ApiError::InvalidField("events", "'" + type + "' is not one of " + known);
    }
    if (!seen.insert(type).second) return ApiError::InvalidField("events", "'" + type + "' is listed twice");
    types.push_back(std::move(type));
  }
  return types;
}

Result<std::optional<std::string>, ApiError> ParseSecret(const json& body) {
  auto secret = OptionalString(body, "secret");
  if (!secret) return secret.error();
  if (*secret) {
    auto key = notify::DecodeWebhookSecret(**secret);
    if (!key) return ApiError::InvalidField("secret", key.error().message);
  }
  return secret;
}

}  // namespace

Result<store::NewWebhook, ApiError> ParseNewWebhook(const json& body) {
  store::NewWebhook w;
  auto url = ParseTarget(body);
  if (!url) return url.error();
  w.url = std::move(*url);
  auto events = ParseEvents(body);
  if (!events) return events.error();
  w.events = std::move(*events);
  auto secret = ParseSecret(body);
  if (!secret) return secret.error();
  w.secret = *secret ? std::move(**secret) : notify::GenerateWebhookSecret();
  w.enabled = true;
  if (Member(body, "enabled")) {
    auto enabled = OptionalBool(body, "enabled");
    if (!enabled) return enabled.error();
    w.enabled = *enabled;
  }
  return w;
}

Result<store::WebhookPatch, ApiError> ParseWebhookPatch(const json& body) {
  store::WebhookPatch p;
  if (body.contains("url")) {
    auto url = ParseTarget(body);
    if (!url) return url.error();
    p.url = std::move(*url);
  }
  if (body.contains("events")) {
    auto events = ParseEvents(body);
    if (!events) return events.error();
    p.events = std::move(*events);
  }
  if (body.contains("secret")) {
    auto secret = ParseSecret(body);
    if (!secret) return secret.error();
    if (!*secret) return ApiError::InvalidField("secret", "expected a whsec_ string, got null");
    p.secret = std::move(*secret);
  }
  if (body.contains("enabled")) {
    const json& enabled = body["enabled"];
    if (!enabled.is_boolean()) return ApiError::InvalidField("enabled", "expected a boolean, " + Got(enabled));
    p.enabled = enabled.get<bool>();
  }
  return p;
}

}  // namespace tellal::web

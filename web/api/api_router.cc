#include "web/api/api_router.h"

#include <array>
#include <cctype>
#include <chrono>
#include <exception>
#include <string>

#include "modem/text/ascii.h"
#include "web/api/api_auth.h"
#include "web/api/api_call.h"
#include "web/api/api_errors.h"
#include "web/api/api_json.h"
#include "web/api/audience_api.h"
#include "web/api/campaign_api.h"
#include "web/api/conversation_api.h"
#include "web/api/webhook_api.h"
#include "web/api/export_format.h"
#include "web/api/kannel_sendsms.h"
#include "web/api/message_request.h"
#include "web/api/openapi.h"
#include "web/api/poll_api.h"
#include "web/api/preview_api.h"
#include "web/api/request_params.h"
#include "web/api/rule_api.h"
#include "web/api/session_api.h"
#include "web/api/stats_api.h"
#include "web/metrics/metrics_text.h"

namespace tellal::web {
namespace {

using nlohmann::json;

enum class Access {
  kPublic,
  kToken,   // Bearer token, when one is configured
  kKannel,  // the handler checks Kannel's credentials itself
};

struct Route {
  std::string_view method;
  std::string_view pattern;
  Access access;
  Handler handler;
};

HttpResponse Fail(const ApiError& error) { return ErrorResponse(error); }

HttpResponse BackendFailure(const tellal::Error& error) { return Fail(ApiError::Backend(error)); }

// --- Handlers ----------------------------------------------------------------

HttpResponse GetHealth(const Call& c) { return JsonResponse(200, HealthJson(c.backend.Health())); }

HttpResponse GetOpenApi(const Call&) {
  HttpResponse response;
  response.content_type = "application/json";
  response.body = std::string(OpenApiDocument());
  return response;
}

HttpResponse GetMetrics(const Call& c) {
  HttpResponse response;
  response.content_type = std::string(kMetricsContentType);
  response.body = RenderMetrics(c.backend.Metrics());
  return response;
}

bool IsJsonContentType(const HttpRequest& request) {
  auto it = request.headers.find("content-type");
  if (it == request.headers.end()) return false;
  std::string media;
  for (char ch : it->second.substr(0, it->second.find(';'))) {
    if (ch != ' ' && ch != '\t') media += ch;
  }
  return text::EqualsIgnoreCase(media, "application/json");
}

// The answer for a message the backend says already existed (client_ref
// seen before): its stored values, not the repeated request's.
Result<json, ApiError> ExistingJson(ApiBackend& backend, int64_t id) {
  auto detail = backend.GetMessage(id);
  if (!detail) return ApiError::Backend(detail.error());
  if (!*detail)
    return ApiError::Internal("message " + std::to_string(id) + " was reported as existing but is not found");
  const store::Message& m = (*detail)->message;
  return SubmittedJson(m.id, store::MessageStateName(m.state), m.to, m.encoding, m.segments);
}

HttpResponse PostMessages(const Call& c) {
  if (!IsJsonContentType(c.request))
    return Fail(ApiError::UnsupportedMediaType("send the body as Content-Type: application/json"));
  auto body = ParseJsonBody(c.request.body);
  if (!body) return Fail(ApiError::InvalidJson(body.error().message));
  auto submission = ParseSubmission(*body, c.settings, c.now);
  if (!submission) return Fail(submission.error());

  // What the answer repeats of each message, kept so the texts can be moved.
  struct Summary {
    std::string to, encoding;
    int segments;
  };
  std::vector<Summary> summaries;
  std::vector<SubmitItem> items;
  summaries.reserve(submission->messages.size());
  items.reserve(submission->messages.size());
  for (store::NewMessage& m : submission->messages) {
    summaries.push_back(Summary{m.to, m.encoding, m.segments});
    items.push_back(SubmitItem{std::move(m), std::nullopt});
  }
  auto outcomes = c.backend.Submit(std::move(items));
  if (!outcomes) return BackendFailure(outcomes.error());
  if (outcomes->size() != summaries.size())
    return Fail(ApiError::Internal("the backend answered " + std::to_string(outcomes->size()) + " outcomes for " +
                                   std::to_string(summaries.size()) + " messages"));

  json answers = json::array();
  bool any_created = false;
  for (size_t i = 0; i < summaries.size(); ++i) {
    const store::EnqueueOutcome& outcome = (*outcomes)[i];
    if (outcome.created) {
      const Summary& m = summaries[i];
      answers.push_back(SubmittedJson(outcome.id, "queued", m.to, m.encoding, m.segments));
      any_created = true;
    } else {
      auto existing = ExistingJson(c.backend, outcome.id);
      if (!existing) return Fail(existing.error());
      answers.push_back(std::move(existing).value());
    }
  }
  const int status = any_created ? 202 : 200;
  if (submission->batch) return JsonResponse(status, json{{"messages", std::move(answers)}});
  HttpResponse response = JsonResponse(status, answers[0]);
  response.headers.emplace_back("Location", "/api/v1/messages/" + std::to_string((*outcomes)[0].id));
  return response;
}

// Cursors are opaque here: the API checked every other listing parameter,
// so an argument the backend refuses is the cursor (stale or foreign).
bool IsCursorError(const tellal::Error& error) { return error.Is(ErrorCode::kInvalidArgument); }

// One page of a listing as JSON, each item rendered by `item_json`.
template <typename Item>
HttpResponse PageResponse(const Result<store::Page<Item>>& page, json (*item_json)(const Item&)) {
  if (!page && IsCursorError(page.error()))
    return Fail(ApiError::InvalidParameter("cursor", "is not a cursor this server returned"));
  if (!page) return BackendFailure(page.error());
  json items = json::array();
  for (const Item& item : page->items) items.push_back(item_json(item));
  return JsonResponse(200, PageJson("messages", std::move(items), page->next_cursor));
}

HttpResponse ListMessages(const Call& c) {
  auto query = ParseMessageListQuery(c.request.query, c.settings);
  if (!query) return Fail(query.error());
  return PageResponse(c.backend.ListMessages(query->filter, query->limit, query->cursor), MessageJson);
}

HttpResponse NoSuchMessage(int64_t id) { return Fail(ApiError::NotFound("no message with id " + std::to_string(id))); }

HttpResponse GetMessage(const Call& c) {
  auto id = ParseMessageId(c.id);
  if (!id) return Fail(id.error());
  auto detail = c.backend.GetMessage(*id);
  if (!detail) return BackendFailure(detail.error());
  if (!*detail) return NoSuchMessage(*id);
  return JsonResponse(200, MessageDetailJson(**detail));
}

HttpResponse DeleteMessage(const Call& c) {
  auto id = ParseMessageId(c.id);
  if (!id) return Fail(id.error());
  auto outcome = c.backend.Cancel(*id);
  if (!outcome) return BackendFailure(outcome.error());
  switch (*outcome) {
    case store::CancelOutcome::kNotFound:
      return NoSuchMessage(*id);
    case store::CancelOutcome::kNotQueued: {
      std::string state = "no longer queued";
      if (auto detail = c.backend.GetMessage(*id); detail && *detail)
        state = std::string("already ") + store::MessageStateName((*detail)->message.state);
      return Fail(ApiError::NotCancellable("message " + std::to_string(*id) + " is " + state +
                                           "; only queued messages can be cancelled"));
    }
    case store::CancelOutcome::kCancelled:
      break;
  }
  auto detail = c.backend.GetMessage(*id);
  // The cancellation is done; failing to read it back must not suggest a
  // retry, which would answer 409.
  if (!detail || !*detail) return JsonResponse(200, json{{"id", *id}, {"state", "cancelled"}});
  return JsonResponse(200, MessageDetailJson(**detail));
}

HttpResponse ListInbox(const Call& c) {
  auto query = ParseInboxListQuery(c.request.query, c.settings);
  if (!query) return Fail(query.error());
  return PageResponse(c.backend.ListInbox(query->filter, query->limit, query->cursor), InboxMessageJson);
}

HttpResponse GetModems(const Call& c) {
  json modems = json::array();
  for (const ModemView& m : c.backend.Modems()) modems.push_back(ModemJson(m));
  return JsonResponse(200, json{{"modems", std::move(modems)}});
}

// One page of an export. The body is the records themselves (JSON lines or
// CSV, the header on the first page only); the cursor of the next page
// comes in the Tellal-Next-Cursor header, absent on the last page.
template <typename Item>
HttpResponse ExportPage(const ExportQuery& q, const Result<store::Page<Item>>& page) {
  if (!page && IsCursorError(page.error()))
    return Fail(ApiError::InvalidParameter("cursor", "is not a cursor this server returned"));
  if (!page) return BackendFailure(page.error());
  HttpResponse response;
  response.content_type = ExportContentType(q.format);
  if (q.cursor.empty()) response.body = ExportHeader(q.kind, q.format);
  for (const Item& item : page->items) response.body += ExportLine(item, q.format);
  if (!page->next_cursor.empty()) response.headers.emplace_back("Tellal-Next-Cursor", page->next_cursor);
  return response;
}

HttpResponse GetExport(const Call& c) {
  auto query = ParseExportQuery(c.request.query);
  if (!query) return Fail(query.error());
  if (query->kind == ExportKind::kInbox) {
    store::InboxFilter filter;
    filter.since = query->since;
    filter.until = query->until;
    return ExportPage(*query, c.backend.ListInbox(filter, query->limit, query->cursor));
  }
  store::MessageFilter filter;
  filter.since = query->since;
  filter.until = query->until;
  return ExportPage(*query, c.backend.ListMessages(filter, query->limit, query->cursor));
}

HttpResponse KannelSendSms(const Call& c) { return HandleKannelSendSms(c.request.query, c.settings, c.backend, c.now); }

// The one list of routes: Handle dispatches on it and Routes() reports it,
// which the OpenAPI test compares with openapi.json.
constexpr std::array<Route, 68> kRoutes = {{
    {"GET", "/api/v1/health", Access::kPublic, GetHealth},
    {"GET", "/api/v1/openapi.json", Access::kPublic, GetOpenApi},
    {"POST", "/api/v1/session", Access::kPublic, PostSession},
    {"GET", "/api/v1/session", Access::kPublic, GetSession},
    {"DELETE", "/api/v1/session", Access::kPublic, DeleteSession},
    {"POST", "/api/v1/messages", Access::kToken, PostMessages},
    {"POST", "/api/v1/messages/preview", Access::kToken, PostMessagePreview},
    {"GET", "/api/v1/messages", Access::kToken, ListMessages},
    {"GET", "/api/v1/messages/{id}", Access::kToken, GetMessage},
    {"DELETE", "/api/v1/messages/{id}", Access::kToken, DeleteMessage},
    {"GET", "/api/v1/inbox", Access::kToken, ListInbox},
    {"GET", "/api/v1/modems", Access::kToken, GetModems},
    {"GET", "/api/v1/stats", Access::kToken, GetStats},
    {"GET", "/api/v1/export", Access::kToken, GetExport},
    {"POST", "/api/v1/contacts", Access::kToken, PostContact},
    {"GET", "/api/v1/contacts", Access::kToken, ListContacts},
    {"POST", "/api/v1/contacts/import", Access::kToken, ImportContacts},
    {"GET", "/api/v1/contacts/{id}", Access::kToken, GetContact},
    {"PATCH", "/api/v1/contacts/{id}", Access::kToken, PatchContact},
    {"DELETE", "/api/v1/contacts/{id}", Access::kToken, DeleteContact},
    {"GET", "/api/v1/groups", Access::kToken, ListGroups},
    {"POST", "/api/v1/groups", Access::kToken, PostGroup},
    {"GET", "/api/v1/groups/{name}", Access::kToken, GetGroup},
    {"PATCH", "/api/v1/groups/{name}", Access::kToken, PatchGroup},
    {"DELETE", "/api/v1/groups/{name}", Access::kToken, DeleteGroup},
    {"POST", "/api/v1/consents", Access::kToken, PostConsent},
    {"GET", "/api/v1/consents", Access::kToken, ListConsents},
    {"POST", "/api/v1/optouts", Access::kToken, PostOptOut},
    {"GET", "/api/v1/optouts", Access::kToken, ListOptOuts},
    {"DELETE", "/api/v1/optouts/{number}", Access::kToken, DeleteOptOut},
    {"POST", "/api/v1/blocked", Access::kToken, PostBlocked},
    {"GET", "/api/v1/blocked", Access::kToken, ListBlocked},
    {"DELETE", "/api/v1/blocked/{number}", Access::kToken, DeleteBlocked},
    {"POST", "/api/v1/campaigns", Access::kToken, PostCampaign},
    {"GET", "/api/v1/campaigns", Access::kToken, ListCampaigns},
    {"GET", "/api/v1/campaigns/{id}", Access::kToken, GetCampaign},
    {"POST", "/api/v1/campaigns/{id}/preview", Access::kToken, PreviewCampaign},
    {"POST", "/api/v1/campaigns/{id}/start", Access::kToken, StartCampaign},
    {"POST", "/api/v1/campaigns/{id}/pause", Access::kToken, PauseCampaign},
    {"POST", "/api/v1/campaigns/{id}/resume", Access::kToken, ResumeCampaign},
    {"POST", "/api/v1/campaigns/{id}/cancel", Access::kToken, CancelCampaign},
    {"GET", "/api/v1/campaigns/{id}/recipients", Access::kToken, ListCampaignRecipients},
    {"GET", "/api/v1/campaigns/{id}/report", Access::kToken, GetCampaignReport},
    {"POST", "/api/v1/webhooks", Access::kToken, PostWebhook},
    {"GET", "/api/v1/webhooks", Access::kToken, ListWebhooks},
    {"GET", "/api/v1/webhooks/{id}", Access::kToken, GetWebhook},
    {"PATCH", "/api/v1/webhooks/{id}", Access::kToken, PatchWebhook},
    {"DELETE", "/api/v1/webhooks/{id}", Access::kToken, DeleteWebhook},
    {"POST", "/api/v1/webhooks/{id}/test", Access::kToken, TestWebhook},
    {"GET", "/api/v1/webhooks/{id}/deliveries", Access::kToken, ListWebhookDeliveries},
    {"POST", "/api/v1/webhooks/{id}/deliveries/{delivery}/retry", Access::kToken, RetryWebhookDelivery},
    {"POST", "/api/v1/rules", Access::kToken, PostRule},
    {"GET", "/api/v1/rules", Access::kToken, ListRules},
    {"GET", "/api/v1/rules/{id}", Access::kToken, GetRule},
    {"PATCH", "/api/v1/rules/{id}", Access::kToken, PatchRule},
    {"DELETE", "/api/v1/rules/{id}", Access::kToken, DeleteRule},
    {"POST", "/api/v1/polls", Access::kToken, PostPoll},
    {"GET", "/api/v1/polls", Access::kToken, ListPolls},
    {"GET", "/api/v1/polls/{id}", Access::kToken, GetPoll},
    {"PATCH", "/api/v1/polls/{id}", Access::kToken, PatchPoll},
    {"DELETE", "/api/v1/polls/{id}", Access::kToken, DeletePoll},
    {"GET", "/api/v1/polls/{id}/results", Access::kToken, GetPollResults},
    {"GET", "/api/v1/conversations", Access::kToken, ListConversations},
    {"GET", "/api/v1/conversations/{number}", Access::kToken, GetConversation},
    {"POST", "/api/v1/conversations/{number}/read", Access::kToken, MarkConversationRead},
    {"POST", "/api/v1/conversations/{number}/messages", Access::kToken, ReplyInConversation},
    {"GET", "/metrics", Access::kToken, GetMetrics},
    {"GET", "/cgi-bin/sendsms", Access::kKannel, KannelSendSms},
}};

// Matches `path` against `pattern` segment by segment; a "{...}" segment
// ("{id}", "{name}", "{number}") matches one non-empty segment, stored in
// *id.
bool Matches(std::string_view pattern, std::string_view path, std::string_view* id) {
  while (!pattern.empty() && !path.empty()) {
    const size_t pe = std::min(pattern.find('/', 1), pattern.size());
    const size_t se = std::min(path.find('/', 1), path.size());
    const std::string_view p = pattern.substr(0, pe);
    const std::string_view s = path.substr(0, se);
    if (p.size() > 3 && p[1] == '{' && p.back() == '}') {
      if (s.size() < 2) return false;
      *id = s.substr(1);
    } else if (p != s) {
      return false;
    }
    pattern.remove_prefix(pe);
    path.remove_prefix(se);
  }
  return pattern.empty() && path.empty();
}

// Paths under /api/ that are not public need the token even to learn that
// they do not exist.
bool NeedsTokenWhenUnknown(std::string_view path) { return path.starts_with("/api/"); }

// The bearer token, or else the panel's session cookie. A request with an
// Authorization header is judged by it alone, so a script's wrong token is
// not rescued by a browser cookie it happens to carry.
std::optional<ApiError> CheckToken(const HttpRequest& request, const ApiSettings& settings, PanelAuth& panel) {
  if (request.header("authorization") == nullptr) {
    switch (CheckSessionCookie(request, panel.sessions)) {
      case CookieCheck::kAccepted:
        return std::nullopt;
      case CookieCheck::kCsrfRefused:
        return CsrfRefused();
      case CookieCheck::kAbsent:
        break;
    }
  }
  if (settings.token.empty()) return std::nullopt;
  switch (CheckBearer(request.headers, settings.token)) {
    case BearerCheck::kAccepted:
      return std::nullopt;
    case BearerCheck::kMissing:
      return ApiError::Unauthorized(false);
    case BearerCheck::kWrong:
      return ApiError::Unauthorized(true);
  }
  return ApiError::Unauthorized(false);
}

}  // namespace

store::Millis ApiRouter::SystemClock() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

ApiRouter::ApiRouter(ApiBackend& backend, ApiSettings settings, Clock clock, StaticSite site)
    : backend_(backend),
      clock_(std::move(clock)),
      site_(site),
      panel_(std::make_unique<PanelAuth>(clock_)),
      settings_(std::make_shared<const ApiSettings>(std::move(settings))) {}

void ApiRouter::UpdateSettings(ApiSettings settings) {
  auto fresh = std::make_shared<const ApiSettings>(std::move(settings));
  std::lock_guard lock(settings_mutex_);
  settings_.swap(fresh);
}

std::shared_ptr<const ApiSettings> ApiRouter::Settings() const {
  std::lock_guard lock(settings_mutex_);
  return settings_;
}

std::vector<ApiRouter::RouteInfo> ApiRouter::Routes() {
  std::vector<RouteInfo> routes;
  for (const Route& r : kRoutes) routes.push_back(RouteInfo{r.method, r.pattern});
  return routes;
}

HttpResponse ApiRouter::Handle(const HttpRequest& request) const {
  try {
    return Dispatch(request);
  } catch (const std::exception& e) {
    return ErrorResponse(ApiError::Internal(std::string("unexpected failure: ") + e.what()));
  } catch (...) {
    return ErrorResponse(ApiError::Internal("unexpected failure"));
  }
}

std::optional<HttpResponse> ApiRouter::ServeStatic(const HttpRequest& request) const {
  const std::string_view path = request.path;
  if (path.starts_with("/api/") || path == "/metrics" || path.starts_with("/cgi-bin/")) return std::nullopt;
  return site_.Serve(request);
}

ApiRouter::Resolution ApiRouter::Resolve(const HttpRequest& request, const ApiSettings& settings) const {
  const Route* route = nullptr;
  const Route* same_path = nullptr;
  std::string allow;
  std::string_view id;
  for (const Route& r : kRoutes) {
    std::string_view segment;
    if (!Matches(r.pattern, request.path, &segment)) continue;
    if (!same_path) same_path = &r;
    allow += (allow.empty() ? "" : ", ") + std::string(r.method);
    if (r.method == request.method) {
      route = &r;
      id = segment;
    }
  }

  if (!same_path) {
    if (NeedsTokenWhenUnknown(request.path)) {
      if (auto denied = CheckToken(request, settings, *panel_)) return ErrorResponse(*denied);
    }
    return ErrorResponse(ApiError::NotFound("no such path: " + request.path));
  }
  // Every method of one path shares its access rule, so the 405 is guarded
  // like the path itself.
  const Access access = route ? route->access : same_path->access;
  if (access == Access::kToken) {
    if (auto denied = CheckToken(request, settings, *panel_)) return ErrorResponse(*denied);
  }
  if (!route) return ErrorResponse(ApiError::MethodNotAllowed(allow));
  if (access == Access::kKannel && !KannelAuthorized(request.query, settings)) return KannelResponse(KannelRefused());
  return Found{static_cast<int>(route - kRoutes.data()), id};
}

std::optional<HttpResponse> ApiRouter::Screen(const HttpRequest& request) const {
  try {
    if (auto page = ServeStatic(request)) return page;
    Resolution resolved = Resolve(request, *Settings());
    if (auto* refused = std::get_if<HttpResponse>(&resolved)) return std::move(*refused);
    return std::nullopt;
  } catch (const std::exception& e) {
    return ErrorResponse(ApiError::Internal(std::string("unexpected failure: ") + e.what()));
  }
}

HttpResponse ApiRouter::Dispatch(const HttpRequest& request) const {
  if (auto page = ServeStatic(request)) return std::move(*page);
  const std::shared_ptr<const ApiSettings> settings = Settings();
  Resolution resolved = Resolve(request, *settings);
  if (auto* refused = std::get_if<HttpResponse>(&resolved)) return std::move(*refused);
  const Found& found = std::get<Found>(resolved);
  return kRoutes[static_cast<size_t>(found.route)].handler(
      Call{request, *settings, backend_, clock_(), found.id, panel_.get()});
}

}  // namespace tellal::web

#include "web/api/conversation_api.h"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "web/api/api_errors.h"
#include "web/api/api_json.h"
#include "web/api/conversation_json.h"
#include "web/api/json_members.h"
#include "web/api/message_request.h"
#include "web/api/request_params.h"

namespace tellal::web {
namespace {

using nlohmann::json;

HttpResponse Fail(const ApiError& error) { return ErrorResponse(error); }

// The API checked every other parameter, so an argument the store refuses
// is the cursor (stale, or from another listing).
ApiError ReadFailure(const Error& error) {
  if (error.Is(ErrorCode::kInvalidArgument))
    return ApiError::InvalidParameter("cursor", "is not a cursor this server returned");
  return ApiError::Backend(error);
}

Result<std::string, ApiError> PathNumber(const Call& c) {
  return NormalizeDestination("number", std::string(c.id), c.settings);
}

HttpResponse NoSuchConversation(const std::string& number) {
  return Fail(ApiError::NotFound("no conversation with " + number));
}

// A reply takes a message's members; those the route decides are known
// (so the answer says why they are refused rather than "unknown member")
// and refused.
constexpr std::array<std::string_view, 11> kReplyMembers = {
    "text", "priority", "send_at", "valid_for", "report", "client_ref", "encoding", "flash", "to", "modem", "category"};
constexpr std::array<std::string_view, 3> kDecidedByRoute = {"to", "modem", "category"};

}  // namespace

HttpResponse ListConversations(const Call& c) {
  auto params = ParsePagedQuery(c.request.query, {"q", "limit", "cursor"});
  if (!params) return Fail(params.error());
  store::ConversationFilter filter;
  if (auto q = c.request.query.find("q"); q != c.request.query.end() && !q->second.empty()) filter.query = q->second;

  store::Page<store::ConversationSummary> page;
  Status s = c.backend.WithConversations([&](store::Conversations& conversations) -> Status {
    auto read = conversations.ListConversations(filter, params->limit, params->cursor);
    if (!read) return read.error();
    page = std::move(read).value();
    return Status::Ok();
  });
  if (!s) return Fail(ReadFailure(s.error()));
  json items = json::array();
  for (const store::ConversationSummary& summary : page.items) items.push_back(ConversationJson(summary));
  return JsonResponse(200, PageJson("conversations", std::move(items), page.next_cursor));
}

HttpResponse GetConversation(const Call& c) {
  auto number = PathNumber(c);
  if (!number) return Fail(number.error());
  auto params = ParsePagedQuery(c.request.query, {"limit", "cursor"});
  if (!params) return Fail(params.error());

  std::optional<store::ConversationSummary> summary;
  store::Page<store::ConversationEntry> thread;
  Status s = c.backend.WithConversations([&](store::Conversations& conversations) -> Status {
    auto found = conversations.GetConversation(*number);
    if (!found) return found.error();
    summary = std::move(found).value();
    if (!summary) return Status::Ok();
    auto page = conversations.ListThread(*number, params->limit, params->cursor);
    if (!page) return page.error();
    thread = std::move(page).value();
    return Status::Ok();
  });
  if (!s) return Fail(ReadFailure(s.error()));
  if (!summary) return NoSuchConversation(*number);
  json answer = ConversationJson(*summary);
  json entries = json::array();
  for (const store::ConversationEntry& e : thread.items) entries.push_back(ConversationEntryJson(e));
  answer["messages"] = std::move(entries);
  answer["next_cursor"] = thread.next_cursor.empty() ? json(nullptr) : json(thread.next_cursor);
  return JsonResponse(200, answer);
}

HttpResponse MarkConversationRead(const Call& c) {
  auto number = PathNumber(c);
  if (!number) return Fail(number.error());
  if (!c.request.body.empty()) return Fail(ApiError::InvalidBody("send no body: the path says what to mark"));

  std::optional<int> marked;
  std::optional<store::ConversationSummary> after;
  Status s = c.backend.WithConversations([&](store::Conversations& conversations) -> Status {
    auto done = conversations.MarkRead(*number, c.now);
    if (!done) return done.error();
    marked = *done;
    if (!marked) return Status::Ok();
    auto read = conversations.GetConversation(*number);
    if (!read) return read.error();
    after = std::move(read).value();
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!marked || !after) return NoSuchConversation(*number);
  json answer = ConversationJson(*after);
  answer["marked_read"] = *marked;
  return JsonResponse(200, answer);
}

HttpResponse ReplyInConversation(const Call& c) {
  auto number = PathNumber(c);
  if (!number) return Fail(number.error());
  auto body = ObjectBody(c.request, kReplyMembers);
  if (!body) return Fail(body.error());
  for (std::string_view member : kDecidedByRoute) {
    if (body->contains(member))
      return Fail(ApiError::InvalidField(std::string(member), "is decided by the conversation; do not send it"));
  }

  std::optional<std::string> pin;
  Status s = c.backend.WithConversations([&](store::Conversations& conversations) -> Status {
    auto found = conversations.GetConversation(*number);
    if (!found) return found.error();
    if (*found) pin = (*found)->last_inbound_modem;
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  // A modem taken out of the configuration cannot send: the reply goes
  // unpinned rather than waiting for it forever.
  if (pin && !IsConfiguredModem(c.settings, *pin)) pin.reset();

  json object = std::move(body).value();
  object["to"] = *number;
  if (pin) object["modem"] = *pin;
  auto message = ParseMessage(object, c.settings, c.now);
  if (!message) return Fail(message.error());
  const store::NewMessage queued = *message;
  std::vector<SubmitItem> items;
  items.push_back(SubmitItem{std::move(message).value(), std::nullopt});
  auto outcomes = c.backend.Submit(std::move(items));
  if (!outcomes) return Fail(ApiError::Backend(outcomes.error()));
  if (outcomes->size() != 1)
    return Fail(ApiError::Internal("the backend answered " + std::to_string(outcomes->size()) + " outcomes for 1"));
  const store::EnqueueOutcome& outcome = outcomes->front();

  json answer;
  int status = 202;
  if (outcome.created) {
    answer = SubmittedJson(outcome.id, "queued", queued.to, queued.encoding, queued.segments);
    answer["modem"] = pin ? json(*pin) : json(nullptr);
  } else {
    // client_ref seen before: the stored message, not the repeated request.
    auto detail = c.backend.GetMessage(outcome.id);
    if (!detail) return Fail(ApiError::Backend(detail.error()));
    if (!*detail) return Fail(ApiError::Internal("message " + std::to_string(outcome.id) + " is not found"));
    const store::Message& m = (*detail)->message;
    answer = SubmittedJson(m.id, store::MessageStateName(m.state), m.to, m.encoding, m.segments);
    answer["modem"] = m.pinned_modem ? json(*m.pinned_modem) : json(nullptr);
    status = 200;
  }
  HttpResponse response = JsonResponse(status, answer);
  response.headers.emplace_back("Location", "/api/v1/messages/" + std::to_string(outcome.id));
  return response;
}

}  // namespace tellal::web

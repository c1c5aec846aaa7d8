#include "web/api/rule_api.h"

#include <optional>
#include <string>
#include <utility>

#include "web/api/api_errors.h"
#include "web/api/api_json.h"
#include "web/api/json_members.h"
#include "web/api/request_params.h"
#include "web/api/rule_json.h"
#include "web/api/rule_request.h"

namespace tellal::web {
namespace {

using nlohmann::json;

HttpResponse Fail(const ApiError& error) { return ErrorResponse(error); }

HttpResponse NoSuchRule(int64_t id) { return Fail(ApiError::NotFound("no rule with id " + std::to_string(id))); }

// The groups and polls `spec` names exist; otherwise the 400 naming the
// first action that names a missing one.
Result<std::optional<ApiError>> CheckReferences(RuleDesk& d, const store::RuleSpec& spec) {
  for (size_t i = 0; i < spec.actions.size(); ++i) {
    const store::RuleAction& a = spec.actions[i];
    const std::string at = "actions[" + std::to_string(i) + "]";
    if (a.type == store::RuleActionType::kTag || a.type == store::RuleActionType::kUntag) {
      auto group = d.contacts.GetGroup(a.group);
      if (!group) return group.error();
      if (!*group)
        return std::optional<ApiError>(ApiError::InvalidField(at + ".group", "no group named '" + a.group + "'"));
    }
    if (a.type == store::RuleActionType::kPollVote && a.poll) {
      auto poll = d.polls.GetPoll(*a.poll);
      if (!poll) return poll.error();
      if (!*poll)
        return std::optional<ApiError>(
            ApiError::InvalidField(at + ".poll", "no poll with id " + std::to_string(*a.poll)));
    }
  }
  return std::optional<ApiError>();
}

// Checks `spec`'s references, then saves it with `save` (which answers the
// rule's id, or nullopt when there is no such rule) and reads it back into
// *out. Returns the failure response, if any.
template <typename Save>
std::optional<HttpResponse> SaveRule(const Call& c, const store::RuleSpec& spec, Save save,
                                     std::optional<store::Rule>* out) {
  std::optional<ApiError> refused;
  Status s = c.backend.WithRules([&](RuleDesk& d) -> Status {
    auto checked = CheckReferences(d, spec);
    if (!checked) return checked.error();
    if (*checked) {
      refused = std::move(*checked);
      return Status::Ok();
    }
    auto id = save(d);
    if (!id) return id.error();
    if (!*id) return Status::Ok();
    auto read = d.rules.GetRule(**id);
    if (!read) return read.error();
    *out = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (refused) return Fail(*refused);
  return std::nullopt;
}

}  // namespace

HttpResponse PostRule(const Call& c) {
  auto body = ObjectBody(c.request, kRuleMembers);
  if (!body) return Fail(body.error());
  auto spec = ParseRule(*body, c.settings);
  if (!spec) return Fail(spec.error());
  std::optional<store::Rule> rule;
  auto failed = SaveRule(
      c, *spec,
      [&](RuleDesk& d) -> Result<std::optional<int64_t>> {
        auto id = d.rules.CreateRule(*spec, c.now);
        if (!id) return id.error();
        return std::optional<int64_t>(*id);
      },
      &rule);
  if (failed) return *failed;
  if (!rule) return Fail(ApiError::Internal("the new rule was not found"));
  HttpResponse response = JsonResponse(201, RuleJson(*rule));
  response.headers.emplace_back("Location", "/api/v1/rules/" + std::to_string(rule->id));
  return response;
}

HttpResponse ListRules(const Call& c) {
  for (const auto& [key, value] : c.request.query)
    return Fail(ApiError::InvalidParameter(key, "is not a parameter of this endpoint"));
  std::vector<store::Rule> rules;
  Status s = c.backend.WithRules([&](RuleDesk& d) -> Status {
    auto listed = d.rules.ListRules();
    if (!listed) return listed.error();
    rules = std::move(*listed);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  json items = json::array();
  for (const store::Rule& r : rules) items.push_back(RuleJson(r));
  return JsonResponse(200, json{{"rules", std::move(items)}});
}

HttpResponse GetRule(const Call& c) {
  auto id = ParsePathId(c.id, "rule");
  if (!id) return Fail(id.error());
  std::optional<store::Rule> rule;
  Status s = c.backend.WithRules([&](RuleDesk& d) -> Status {
    auto read = d.rules.GetRule(*id);
    if (!read) return read.error();
    rule = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!rule) return NoSuchRule(*id);
  return JsonResponse(200, RuleJson(*rule));
}

HttpResponse PatchRule(const Call& c) {
  auto id = ParsePathId(c.id, "rule");
  if (!id) return Fail(id.error());
  auto body = ObjectBody(c.request, kRuleMembers);
  if (!body) return Fail(body.error());
  // The stored rule with the given members over it, checked as a whole: a
  // PATCH cannot leave a rule that a POST would refuse.
  std::optional<store::Rule> stored;
  Status s = c.backend.WithRules([&](RuleDesk& d) -> Status {
    auto read = d.rules.GetRule(*id);
    if (!read) return read.error();
    stored = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!stored) return NoSuchRule(*id);
  json merged = RuleSpecJson(stored->spec);
  for (const auto& [key, value] : body->items()) merged[key] = value;
  auto spec = ParseRule(merged, c.settings);
  if (!spec) return Fail(spec.error());
  std::optional<store::Rule> rule;
  auto failed = SaveRule(
      c, *spec,
      [&](RuleDesk& d) -> Result<std::optional<int64_t>> {
        auto found = d.rules.UpdateRule(*id, *spec, c.now);
        if (!found) return found.error();
        return *found ? std::optional<int64_t>(*id) : std::nullopt;
      },
      &rule);
  if (failed) return *failed;
  if (!rule) return NoSuchRule(*id);
  return JsonResponse(200, RuleJson(*rule));
}

HttpResponse DeleteRule(const Call& c) {
  auto id = ParsePathId(c.id, "rule");
  if (!id) return Fail(id.error());
  bool deleted = false;
  Status s = c.backend.WithRules([&](RuleDesk& d) -> Status {
    auto done = d.rules.DeleteRule(*id);
    if (!done) return done.error();
    deleted = *done;
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!deleted) return NoSuchRule(*id);
  return JsonResponse(200, json{{"id", *id}, {"deleted", true}});
}

}  // namespace tellal::web

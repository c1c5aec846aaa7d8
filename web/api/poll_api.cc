#include "web/api/poll_api.h"

#include <optional>
#include <string>
#include <utility>

#include "web/api/api_errors.h"
#include "web/api/api_json.h"
#include "web/api/json_members.h"
#include "web/api/poll_json.h"
#include "web/api/poll_request.h"
#include "web/api/request_params.h"

namespace tellal::web {
namespace {

using nlohmann::json;

HttpResponse Fail(const ApiError& error) { return ErrorResponse(error); }

HttpResponse NoSuchPoll(int64_t id) { return Fail(ApiError::NotFound("no poll with id " + std::to_string(id))); }

// Poll `id`, read on the io thread (nullopt: none), or the failure.
Result<std::optional<store::Poll>, ApiError> ReadPoll(const Call& c, int64_t id) {
  std::optional<store::Poll> poll;
  Status s = c.backend.WithRules([&](RuleDesk& d) -> Status {
    auto read = d.polls.GetPoll(id);
    if (!read) return read.error();
    poll = std::move(*read);
    return Status::Ok();
  });
  if (!s) return ApiError::Backend(s.error());
  return poll;
}

// The id of a rule whose poll_vote names poll `id`, if any.
Result<std::optional<int64_t>> RuleVotingIn(RuleDesk& d, int64_t id) {
  auto rules = d.rules.ListRules();
  if (!rules) return rules.error();
  for (const store::Rule& r : *rules) {
    for (const store::RuleAction& a : r.spec.actions) {
      if (a.type == store::RuleActionType::kPollVote && a.poll == id) return std::optional<int64_t>(r.id);
    }
  }
  return std::optional<int64_t>();
}

}  // namespace

HttpResponse PostPoll(const Call& c) {
  auto body = ObjectBody(c.request, kPollMembers);
  if (!body) return Fail(body.error());
  auto spec = ParsePoll(*body);
  if (!spec) return Fail(spec.error());
  std::optional<store::Poll> poll;
  Status s = c.backend.WithRules([&](RuleDesk& d) -> Status {
    auto id = d.polls.CreatePoll(*spec, c.now);
    if (!id) return id.error();
    auto read = d.polls.GetPoll(*id);
    if (!read) return read.error();
    poll = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!poll) return Fail(ApiError::Internal("the new poll was not found"));
  HttpResponse response = JsonResponse(201, PollJson(*poll));
  response.headers.emplace_back("Location", "/api/v1/polls/" + std::to_string(poll->id));
  return response;
}

HttpResponse ListPolls(const Call& c) {
  for (const auto& [key, value] : c.request.query)
    return Fail(ApiError::InvalidParameter(key, "is not a parameter of this endpoint"));
  std::vector<store::Poll> polls;
  Status s = c.backend.WithRules([&](RuleDesk& d) -> Status {
    auto listed = d.polls.ListPolls();
    if (!listed) return listed.error();
    polls = std::move(*listed);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  json items = json::array();
  for (const store::Poll& p : polls) items.push_back(PollJson(p));
  return JsonResponse(200, json{{"polls", std::move(items)}});
}

HttpResponse GetPoll(const Call& c) {
  auto id = ParsePathId(c.id, "poll");
  if (!id) return Fail(id.error());
  auto poll = ReadPoll(c, *id);
  if (!poll) return Fail(poll.error());
  if (!*poll) return NoSuchPoll(*id);
  return JsonResponse(200, PollJson(**poll));
}

HttpResponse PatchPoll(const Call& c) {
  auto id = ParsePathId(c.id, "poll");
  if (!id) return Fail(id.error());
  auto body = ObjectBody(c.request, kPollMembers);
  if (!body) return Fail(body.error());
  auto stored = ReadPoll(c, *id);
  if (!stored) return Fail(stored.error());
  if (!*stored) return NoSuchPoll(*id);
  // The stored poll with the given members over it, checked as a whole.
  json merged = PollSpecJson((*stored)->spec);
  for (const auto& [key, value] : body->items()) merged[key] = value;
  auto spec = ParsePoll(merged);
  if (!spec) return Fail(spec.error());
  std::optional<store::Poll> poll;
  Status s = c.backend.WithRules([&](RuleDesk& d) -> Status {
    auto found = d.polls.UpdatePoll(*id, *spec, c.now);
    if (!found) return found.error();
    if (!*found) return Status::Ok();
    auto read = d.polls.GetPoll(*id);
    if (!read) return read.error();
    poll = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!poll) return NoSuchPoll(*id);
  return JsonResponse(200, PollJson(*poll));
}

HttpResponse DeletePoll(const Call& c) {
  auto id = ParsePathId(c.id, "poll");
  if (!id) return Fail(id.error());
  bool deleted = false;
  std::optional<int64_t> used_by;
  Status s = c.backend.WithRules([&](RuleDesk& d) -> Status {
    auto rule = RuleVotingIn(d, *id);
    if (!rule) return rule.error();
    if (*rule) {
      used_by = **rule;
      return Status::Ok();
    }
    auto done = d.polls.DeletePoll(*id);
    if (!done) return done.error();
    deleted = *done;
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (used_by)
    return Fail(ApiError::Conflict("id", "rule " + std::to_string(*used_by) + " votes in poll " + std::to_string(*id) +
                                             "; change or delete the rule first"));
  if (!deleted) return NoSuchPoll(*id);
  return JsonResponse(200, json{{"id", *id}, {"deleted", true}});
}

HttpResponse GetPollResults(const Call& c) {
  auto id = ParsePathId(c.id, "poll");
  if (!id) return Fail(id.error());
  bool csv = false;
  for (const auto& [key, value] : c.request.query) {
    if (key != "format") return Fail(ApiError::InvalidParameter(key, "is not a parameter of this endpoint"));
    if (value == "csv") {
      csv = true;
    } else if (value != "json" && !value.empty()) {
      return Fail(ApiError::InvalidParameter("format", "expected json or csv, got '" + value + "'"));
    }
  }
  std::optional<store::Poll> poll;
  store::PollResults results;
  std::string lines;
  Status s = c.backend.WithRules([&](RuleDesk& d) -> Status {
    auto read = d.polls.GetPoll(*id);
    if (!read) return read.error();
    poll = std::move(*read);
    if (!poll) return Status::Ok();
    if (csv) {
      lines = PollVotesCsvHeader();
      return d.polls.ForEachVote(*id, [&](const store::PollVote& v) -> Status {
        lines += PollVoteCsv(*poll, v);
        return Status::Ok();
      });
    }
    auto made = d.polls.Results(*id);
    if (!made) return made.error();
    results = std::move(*made);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!poll) return NoSuchPoll(*id);
  if (csv) {
    HttpResponse response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = std::move(lines);
    return response;
  }
  return JsonResponse(200, PollResultsJson(*poll, results));
}

}  // namespace tellal::web

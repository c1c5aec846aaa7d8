#include "daemon/core/rule_actions.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "daemon/core/keyword_rules.h"
#include "daemon/text/message_template.h"
#include "modem/pdu/text_planner.h"

namespace tellal::core {
namespace {

// A day later an answer is no answer.
constexpr store::Millis kAnswerValidity = 24LL * 3600 * 1000;

bool HasWebhook(const store::Rule& rule) {
  return std::any_of(rule.spec.actions.begin(), rule.spec.actions.end(),
                     [](const store::RuleAction& a) { return a.type == store::RuleActionType::kWebhook; });
}

}  // namespace

RuleActions::RuleActions(store::Store& store, RuleOptions options, std::shared_ptr<spdlog::logger> log)
    : store_(store), options_(options), log_(log ? std::move(log) : spdlog::default_logger()) {}

Status RuleActions::Apply(const std::string& modem, const store::InboxMessage& m, store::Millis now, bool* queued) {
  // Read per message, not cached: rules and polls change through the API
  // on this same thread, and tables of tens of rows cost microseconds.
  auto listed = store_.rules().ListRules();
  if (!listed) return listed.error();
  auto rules = KeywordRules::Build(std::move(*listed));
  if (!rules) {
    log_->error("{}: keyword rules not applied to message {}: {}", modem, m.id, rules.error().message);
    return Status::Ok();
  }
  const store::Rule* rule = rules->Match(m.text, modem, KeywordRules::Pass::kSpecific);
  if (!rule) {
    auto polls = store_.polls().ListPolls();
    if (!polls) return polls.error();
    const PollMatcher matcher(std::move(*polls));
    if (auto vote = matcher.Match(m.text, now)) return CastVote(modem, m, *vote, /*answer=*/true, now, queued);
    rule = rules->Match(m.text, modem, KeywordRules::Pass::kFallback);
  }
  if (!rule) return Status::Ok();

  Status hit = store_.rules().RecordHit(store::RuleHit{m.id, rule->id, HasWebhook(*rule), now});
  if (!hit && hit.error().code == ErrorCode::kConflict) return Status::Ok();  // acted on already
  if (!hit) return hit;
  log_->info("{}: message {} from {} matched rule {}", modem, m.id, m.sender, rule->id);
  const bool replies = std::any_of(rule->spec.actions.begin(), rule->spec.actions.end(),
                                   [](const store::RuleAction& a) { return a.type == store::RuleActionType::kReply; });
  const std::string what = "rule " + std::to_string(rule->id);
  for (const store::RuleAction& a : rule->spec.actions) {
    Status done = Status::Ok();
    switch (a.type) {
      case store::RuleActionType::kReply:
        done = Reply(modem, m, a.text, what, {}, now, queued);
        break;
      case store::RuleActionType::kTag:
      case store::RuleActionType::kUntag:
        done = Tag(m, a.group, a.type == store::RuleActionType::kTag, now);
        break;
      case store::RuleActionType::kWebhook:
        break;  // the hit is the record
      case store::RuleActionType::kPollVote: {
        auto poll = store_.polls().GetPoll(a.poll.value_or(0));
        if (!poll) return poll.error();
        if (!*poll) {
          log_->warn("message {}: {}'s poll {} no longer exists; no vote", m.id, what, a.poll.value_or(0));
          break;
        }
        done = CastVote(modem, m, PollMatcher::VoteIn(**poll, m.text, now), /*answer=*/!replies, now, queued);
        break;
      }
    }
    if (!done) return done;
  }
  return Status::Ok();
}

Status RuleActions::CastVote(const std::string& modem, const store::InboxMessage& m, const PollMatch& vote, bool answer,
                             store::Millis now, bool* queued) {
  // Votes are counted per number; an alphanumeric sender is not one.
  if (!m.sender.starts_with('+')) return Status::Ok();
  const store::Poll& poll = *vote.poll;
  if (vote.answer != PollAnswer::kClosed) {
    store::NewVote v;
    v.poll_id = poll.id;
    v.number = m.sender;
    if (vote.answer == PollAnswer::kValid) v.option = vote.option_key;
    v.inbox_id = m.id;
    v.voted_at = now;
    auto recorded = store_.polls().RecordVote(v, poll.spec.votes_per_number);
    if (!recorded && recorded.error().code == ErrorCode::kConflict) return Status::Ok();  // voted already
    if (!recorded) return recorded.error();
    log_->info("{}: message {} from {}: {} vote in poll {}{}", modem, m.id, m.sender,
               vote.answer == PollAnswer::kValid ? "valid" : "invalid", poll.id,
               recorded->counted ? "" : " (not counted)");
  } else {
    log_->info("{}: message {} from {}: poll {} is closed", modem, m.id, m.sender, poll.id);
  }
  if (!answer) return Status::Ok();
  const std::string& reply = vote.answer == PollAnswer::kValid     ? poll.spec.reply_valid
                             : vote.answer == PollAnswer::kInvalid ? poll.spec.reply_invalid
                                                                   : poll.spec.reply_closed;
  if (reply.empty()) return Status::Ok();
  std::map<std::string, std::string> extra = {{"poll", poll.spec.name}};
  if (vote.option) {
    extra["option"] = vote.option->keyword;
    extra["title"] = vote.option->title;
  }
  return Reply(modem, m, reply, "poll " + std::to_string(poll.id), extra, now, queued);
}

Status RuleActions::Tag(const store::InboxMessage& m, const std::string& group, bool join, store::Millis now) {
  // Contacts are phone numbers; an alphanumeric sender is not one.
  if (!m.sender.starts_with('+')) return Status::Ok();
  auto contact = store_.contacts().FindContact(m.sender);
  if (!contact) return contact.error();
  store::ContactChange change;
  Result<bool> changed = false;
  if (join) {
    change.add_groups = {group};
    if (*contact) {
      changed = store_.contacts().UpdateContact((*contact)->id, change, /*create_groups=*/false, now);
    } else {
      change.number = m.sender;
      auto id = store_.contacts().CreateContact(change, /*create_groups=*/false, now);
      changed = id ? Result<bool>(true) : Result<bool>(id.error());
    }
  } else {
    if (!*contact) return Status::Ok();
    std::vector<std::string> groups = (*contact)->groups;
    auto it = std::find(groups.begin(), groups.end(), group);
    if (it == groups.end()) return Status::Ok();
    groups.erase(it);
    change.groups = std::move(groups);
    changed = store_.contacts().UpdateContact((*contact)->id, change, /*create_groups=*/false, now);
  }
  if (!changed && changed.error().code == ErrorCode::kNotFound) {
    log_->warn("message {} from {}: group '{}' no longer exists; not {}", m.id, m.sender, group,
               join ? "tagged" : "untagged");
    return Status::Ok();
  }
  if (!changed) return changed.error();
  return Status::Ok();
}

Status RuleActions::Reply(const std::string& modem, const store::InboxMessage& m, const std::string& text,
                          const std::string& what, const std::map<std::string, std::string>& extra, store::Millis now,
                          bool* queued) {
  if (!m.sender.starts_with('+')) {
    log_->info("message {} from {}: {} not answered: the sender is not a number", m.id, m.sender, what);
    return Status::Ok();
  }
  auto count = store_.rules().CountAutoReplies(m.sender, now - options_.reply_window);
  if (!count) return count.error();
  if (*count >= options_.reply_limit) {
    if (LimitWarningDue(m.sender, now)) {
      log_->warn("{}: automatic answers to {} stopped: {} already within {} minute(s) (auto_reply_limit)", modem,
                 m.sender, *count, options_.reply_window / 60000);
    }
    return Status::Ok();
  }
  auto parsed = text::MessageTemplate::Parse(text);
  if (!parsed) {
    log_->error("message {}: {}'s reply template is not valid ({}); not answered", m.id, what, parsed.error().message);
    return Status::Ok();
  }
  auto contact = store_.contacts().FindContact(m.sender);
  if (!contact) return contact.error();
  std::map<std::string, std::string> message_fields = {
      {"number", m.sender}, {"text", m.text}, {"keyword", FirstFoldedWord(m.text)}, {"modem", modem}};
  for (const auto& [name, value] : extra) message_fields[name] = value;
  auto body = parsed->Expand([&](const std::string& name) -> std::optional<std::string_view> {
    if (auto it = message_fields.find(name); it != message_fields.end()) return std::string_view(it->second);
    if (!*contact) return std::nullopt;
    if (name == "name") return std::string_view((*contact)->name);
    auto it = (*contact)->attributes.find(name);
    if (it == (*contact)->attributes.end()) return std::nullopt;
    return std::string_view(it->second);
  });
  if (!body) {
    log_->warn("message {} from {}: {} not answered: {}", m.id, m.sender, what, body.error().message);
    return Status::Ok();
  }
  auto plan = pdu::PlanText(*body, pdu::PlanOptions{});
  if (!plan) {
    log_->warn("message {} from {}: {} not answered: {}", m.id, m.sender, what, plan.error().message);
    return Status::Ok();
  }
  store::NewMessage answer;
  answer.client_ref = std::string(store::kAutoReplyRefPrefix) + std::to_string(m.id);
  answer.to = m.sender;
  answer.text = std::move(*body);
  answer.encoding = pdu::EncodingName(plan->encoding);
  answer.segments = static_cast<int>(plan->segments.size());
  answer.priority = store::Priority::kOtp;  // a customer is waiting for it
  answer.category = store::Category::kInformational;
  answer.modem = modem;  // the same SIM answers
  answer.valid_until = now + kAnswerValidity;
  auto enqueued = store_.queue().Enqueue(answer, now);
  if (!enqueued) return enqueued.error();
  if (enqueued->created) *queued = true;
  return Status::Ok();
}

bool RuleActions::LimitWarningDue(const std::string& number, store::Millis now) {
  // Forget numbers whose window has passed, so the map stays small.
  std::erase_if(limit_warned_, [&](const auto& entry) { return entry.second < now - options_.reply_window; });
  auto [it, inserted] = limit_warned_.emplace(number, now);
  return inserted;
}

}  // namespace tellal::core

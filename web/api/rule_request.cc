#include "web/api/rule_request.h"

#include <algorithm>
#include <string>
#include <utility>

#include "daemon/core/keyword_rules.h"
#include "daemon/text/message_template.h"
#include "web/api/json_members.h"

namespace tellal::web {
namespace {

using nlohmann::json;

// Checks that `object` (at `where`) has only `known` members.
Result<bool, ApiError> OnlyMembers(const json& object, const std::string& where,
                                   std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) return ApiError::UnknownField(where + "." + key);
  }
  return true;
}

Result<bool, ApiError> ParseMatch(const json& body, store::RuleSpec& spec) {
  const json* match = Member(body, "match");
  if (!match) return ApiError::MissingField("match");
  if (!match->is_object())
    return ApiError::InvalidField("match", "must be an object {type, keyword|pattern}, " + Got(*match));
  const json* type = Member(*match, "type");
  if (!type) return ApiError::MissingField("match.type");
  if (!type->is_string()) return ApiError::InvalidField("match.type", "must be a string, " + Got(*type));
  auto kind = store::ParseRuleMatch(type->get<std::string>());
  if (!kind)
    return ApiError::InvalidField("match.type",
                                  "expected keyword, regex or any, got '" + type->get<std::string>() + "'");
  spec.match = *kind;
  switch (*kind) {
    case store::RuleMatch::kKeyword: {
      if (auto only = OnlyMembers(*match, "match", {"type", "keyword"}); !only) return std::move(only).error();
      const json* keyword = Member(*match, "keyword");
      if (!keyword) return ApiError::MissingField("match.keyword");
      if (!keyword->is_string()) return ApiError::InvalidField("match.keyword", "must be a string, " + Got(*keyword));
      spec.pattern = keyword->get<std::string>();
      auto folded = core::FoldKeyword(spec.pattern);
      if (!folded) return ApiError::InvalidField("match.keyword", folded.error().message);
      break;
    }
    case store::RuleMatch::kRegex: {
      if (auto only = OnlyMembers(*match, "match", {"type", "pattern"}); !only) return std::move(only).error();
      const json* pattern = Member(*match, "pattern");
      if (!pattern) return ApiError::MissingField("match.pattern");
      if (!pattern->is_string()) return ApiError::InvalidField("match.pattern", "must be a string, " + Got(*pattern));
      spec.pattern = pattern->get<std::string>();
      if (spec.pattern.size() > 1024) return ApiError::InvalidField("match.pattern", "at most 1024 bytes");
      auto compiled = core::CompileRulePattern(spec.pattern);
      if (!compiled) return ApiError::InvalidField("match.pattern", compiled.error().message);
      break;
    }
    case store::RuleMatch::kAny:
      if (auto only = OnlyMembers(*match, "match", {"type"}); !only) return std::move(only).error();
      spec.pattern.clear();
      break;
  }
  return true;
}

Result<store::RuleAction, ApiError> ParseAction(const json& item, const std::string& at) {
  if (!item.is_object()) return ApiError::InvalidField(at, "must be an object {type, ...}, " + Got(item));
  const json* type = Member(item, "type");
  if (!type) return ApiError::MissingField(at + ".type");
  if (!type->is_string()) return ApiError::InvalidField(at + ".type", "must be a string, " + Got(*type));
  auto kind = store::ParseRuleActionType(type->get<std::string>());
  if (!kind)
    return ApiError::InvalidField(
        at + ".type", "expected reply, tag, untag, webhook or poll_vote, got '" + type->get<std::string>() + "'");
  store::RuleAction a;
  a.type = *kind;
  switch (*kind) {
    case store::RuleActionType::kReply: {
      if (auto only = OnlyMembers(item, at, {"type", "text"}); !only) return std::move(only).error();
      const json* text = Member(item, "text");
      if (!text) return ApiError::MissingField(at + ".text");
      if (!text->is_string() || text->get<std::string>().empty())
        return ApiError::InvalidField(at + ".text", "must be a non-empty string, " + Got(*text));
      a.text = text->get<std::string>();
      auto parsed = text::MessageTemplate::Parse(a.text);
      if (!parsed) return ApiError::InvalidField(at + ".text", parsed.error().message);
      break;
    }
    case store::RuleActionType::kTag:
    case store::RuleActionType::kUntag: {
      if (auto only = OnlyMembers(item, at, {"type", "group"}); !only) return std::move(only).error();
      const json* group = Member(item, "group");
      if (!group) return ApiError::MissingField(at + ".group");
      if (!group->is_string() || group->get<std::string>().empty())
        return ApiError::InvalidField(at + ".group", "must be a group's name, " + Got(*group));
      a.group = group->get<std::string>();
      break;
    }
    case store::RuleActionType::kWebhook:
      if (auto only = OnlyMembers(item, at, {"type"}); !only) return std::move(only).error();
      break;
    case store::RuleActionType::kPollVote: {
      if (auto only = OnlyMembers(item, at, {"type", "poll"}); !only) return std::move(only).error();
      const json* poll = Member(item, "poll");
      if (!poll) return ApiError::MissingField(at + ".poll");
      if (!poll->is_number_integer() || poll->get<int64_t>() < 1)
        return ApiError::InvalidField(at + ".poll", "must be a poll's id, " + Got(*poll));
      a.poll = poll->get<int64_t>();
      break;
    }
  }
  return a;
}

Result<bool, ApiError> ParseActions(const json& body, store::RuleSpec& spec) {
  const json* actions = Member(body, "actions");
  if (!actions) return ApiError::MissingField("actions");
  if (!actions->is_array() || actions->empty() || actions->size() > kMaxRuleActions)
    return ApiError::InvalidField("actions", "must be an array of 1-" + std::to_string(kMaxRuleActions) + " actions");
  int replies = 0, votes = 0;
  for (size_t i = 0; i < actions->size(); ++i) {
    const std::string at = "actions[" + std::to_string(i) + "]";
    auto action = ParseAction((*actions)[i], at);
    if (!action) return std::move(action).error();
    // One answer per message: two replies would be two SMS to one text.
    if (action->type == store::RuleActionType::kReply && ++replies > 1)
      return ApiError::InvalidField(at + ".type", "a rule has at most one reply");
    if (action->type == store::RuleActionType::kPollVote && ++votes > 1)
      return ApiError::InvalidField(at + ".type", "a rule has at most one poll_vote");
    spec.actions.push_back(std::move(*action));
  }
  return true;
}

}  // namespace

Result<store::RuleSpec, ApiError> ParseRule(const json& body, const ApiSettings& settings) {
  store::RuleSpec spec;
  if (auto m = ParseMatch(body, spec); !m) return std::move(m).error();
  auto modem = OptionalString(body, "modem");
  if (!modem) return std::move(modem).error();
  if (*modem) {
    if (std::find(settings.modem_ids.begin(), settings.modem_ids.end(), **modem) == settings.modem_ids.end())
      return ApiError::UnknownModem("modem", **modem);
    spec.modem = **modem;
  }
  if (auto a = ParseActions(body, spec); !a) return std::move(a).error();
  if (const json* order = Member(body, "order")) {
    if (!order->is_number_integer() || order->get<int64_t>() < -kMaxRuleOrder || order->get<int64_t>() > kMaxRuleOrder)
      return ApiError::InvalidField("order", "must be an integer -1000000..1000000, " + Got(*order));
    spec.order = static_cast<int>(order->get<int64_t>());
  }
  if (const json* enabled = Member(body, "enabled")) {
    if (!enabled->is_boolean()) return ApiError::InvalidField("enabled", "must be true or false, " + Got(*enabled));
    spec.enabled = enabled->get<bool>();
  }
  return spec;
}

}  // namespace tellal::web

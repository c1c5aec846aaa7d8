#include "web/api/rule_json.h"

#include "web/api/api_json.h"

namespace tellal::web {

using nlohmann::json;

json RuleSpecJson(const store::RuleSpec& spec) {
  json match = {{"type", store::RuleMatchName(spec.match)}};
  if (spec.match == store::RuleMatch::kKeyword) match["keyword"] = spec.pattern;
  if (spec.match == store::RuleMatch::kRegex) match["pattern"] = spec.pattern;
  json actions = json::array();
  for (const store::RuleAction& a : spec.actions) {
    json item = {{"type", store::RuleActionTypeName(a.type)}};
    switch (a.type) {
      case store::RuleActionType::kReply:
        item["text"] = a.text;
        break;
      case store::RuleActionType::kTag:
      case store::RuleActionType::kUntag:
        item["group"] = a.group;
        break;
      case store::RuleActionType::kWebhook:
        break;
      case store::RuleActionType::kPollVote:
        item["poll"] = a.poll ? json(*a.poll) : json(nullptr);
        break;
    }
    actions.push_back(std::move(item));
  }
  return json{{"match", std::move(match)},
              {"modem", spec.modem ? json(*spec.modem) : json(nullptr)},
              {"actions", std::move(actions)},
              {"order", spec.order},
              {"enabled", spec.enabled}};
}

json RuleJson(const store::Rule& rule) {
  json out = RuleSpecJson(rule.spec);
  out["id"] = rule.id;
  out["created_at"] = TimeJson(rule.created_at);
  out["updated_at"] = TimeJson(rule.updated_at);
  return out;
}

}  // namespace tellal::web

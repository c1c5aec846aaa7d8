// POST and PATCH /api/v1/rules: a JSON rule turned into a store::RuleSpec,
// every member checked, a 400 naming the first one that is wrong.
//
//   match    required: {"type": "keyword", "keyword": "BILGI"} (one word),
//            {"type": "regex", "pattern": "^kod \\d+"} (ECMAScript, on
//            the folded text, see daemon/core/keyword_rules.h), or
//            {"type": "any"} (a fallback)
//   modem    optional: only messages this configured modem received
//   actions  required, 1-16 of {"type": "reply", "text": template},
//            {"type": "tag" | "untag", "group": name}, {"type": "webhook"},
//            {"type": "poll_vote", "poll": id}; at most one reply and one
//            poll_vote. With poll_vote and no reply, the poll's own answer
//            (valid, invalid, closed) is sent. A reply template's
//            fields are the sender contact's (name, attributes) and the
//            message's: number, text, keyword, modem.
//   order    integer -1000000..1000000, default 0: lower is tried first
//   enabled  boolean, default true
//
// That a tagged group or a voted poll exists is checked against the store
// by the handler (rule_api.h), not here.
//
// Pure functions; safe from any thread.
#ifndef TELLAL_WEB_API_RULE_REQUEST_H_
#define TELLAL_WEB_API_RULE_REQUEST_H_

#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "daemon/store/rule_records.h"
#include "modem/result.h"
#include "web/api/api_errors.h"
#include "web/api/api_settings.h"

namespace tellal::web {

inline constexpr std::array<std::string_view, 5> kRuleMembers = {"match", "modem", "actions", "order", "enabled"};
inline constexpr size_t kMaxRuleActions = 16;
inline constexpr int kMaxRuleOrder = 1'000'000;

Result<store::RuleSpec, ApiError> ParseRule(const nlohmann::json& body, const ApiSettings& settings);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_RULE_REQUEST_H_

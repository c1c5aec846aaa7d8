// Keyword rule records: what an inbound SMS must look like (match) and what
// the daemon then does (actions). Values only; the matching itself is
// daemon/core/keyword_rules.h, the actions daemon/core/rule_actions.h.
#ifndef TELLAL_DAEMON_STORE_RULE_RECORDS_H_
#define TELLAL_DAEMON_STORE_RULE_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/records.h"

namespace tellal::store {

// keyword: the message's first word equals `pattern`, both Turkish-folded;
// regex: `pattern` is found in the message's folded words; any: always
// (a fallback, tried after every other rule).
enum class RuleMatch { kKeyword, kRegex, kAny };
const char* RuleMatchName(RuleMatch m);  // "keyword", "regex", "any"
std::optional<RuleMatch> ParseRuleMatch(std::string_view name);

enum class RuleActionType { kReply, kTag, kUntag, kWebhook, kPollVote };
const char* RuleActionTypeName(RuleActionType t);  // "reply", "tag", "untag", "webhook", "poll_vote"
std::optional<RuleActionType> ParseRuleActionType(std::string_view name);

struct RuleAction {
  RuleActionType type = RuleActionType::kReply;
  std::string text;             // reply: a text/message_template.h template
  std::string group;            // tag, untag: a contact group's name
  std::optional<int64_t> poll;  // poll_vote: the poll's id
  bool operator==(const RuleAction&) const = default;
};

struct RuleSpec {
  RuleMatch match = RuleMatch::kKeyword;
  std::string pattern;               // keyword or regex as given; empty for any
  std::optional<std::string> modem;  // only messages received by this modem
  std::vector<RuleAction> actions;   // run in this order
  int order = 0;                     // lower first; equal orders by id
  bool enabled = true;
  bool operator==(const RuleSpec&) const = default;
};

struct Rule {
  int64_t id = 0;
  RuleSpec spec;
  Millis created_at = 0;
  Millis updated_at = 0;
};

// That inbox entry `inbox_id` matched rule `rule_id` (recorded with the
// actions, in the same transaction). `webhook`: the rule has a webhook
// action, whose delivery is the webhook sender's business: it reads these.
struct RuleHit {
  int64_t inbox_id = 0;
  int64_t rule_id = 0;
  bool webhook = false;
  Millis matched_at = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_RULE_RECORDS_H_

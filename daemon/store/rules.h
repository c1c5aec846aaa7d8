// Rules: the keyword rules that answer inbound SMS, and the record of which
// rule each inbox entry matched.
//
// Contract for every implementation:
//  - Every change is one transaction (inside an open Group: part of it).
//  - ListRules returns every rule, enabled or not, by (order, id): a
//    gateway has tens of rules, and inbound matching reads them all.
//  - The caller validates a spec (a regex that compiles, groups
//    and polls that exist); the store keeps what it is given.
//  - RecordHit is once per inbox entry: a second hit for the same entry is
//    kConflict, so a message processed twice cannot act twice.
//  - CountAutoReplies counts the messages queued as automatic answers
//    (client_ref "rule-<inbox id>") to a number since a time, so the
//    per-number limit holds across restarts.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store; nothing returned refers back into it.
#ifndef TELLAL_DAEMON_STORE_RULES_H_
#define TELLAL_DAEMON_STORE_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/store/records.h"
#include "daemon/store/rule_records.h"
#include "modem/result.h"

namespace tellal::store {

// The client_ref prefix of an automatic answer; the inbox id follows.
inline constexpr std::string_view kAutoReplyRefPrefix = "rule-";

class Rules {
 public:
  virtual ~Rules() = default;

  // Returns the new rule's id.
  virtual Result<int64_t> CreateRule(const RuleSpec& spec, Millis now) = 0;
  // false: no such rule.
  virtual Result<bool> UpdateRule(int64_t id, const RuleSpec& spec, Millis now) = 0;
  virtual Result<bool> DeleteRule(int64_t id) = 0;
  virtual Result<std::optional<Rule>> GetRule(int64_t id) = 0;
  virtual Result<std::vector<Rule>> ListRules() = 0;

  virtual Status RecordHit(const RuleHit& hit) = 0;
  virtual Result<std::optional<RuleHit>> GetHit(int64_t inbox_id) = 0;
  virtual Result<int> CountAutoReplies(const std::string& number, Millis since) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_RULES_H_

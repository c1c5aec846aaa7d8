// RuleActions: what the keyword rules (keyword_rules.h) do with a received
// SMS, run inside the transaction that stores it (InboundProcessor), so a
// crash cannot keep the message and lose its answer, nor answer twice.
//
// Promises, for a whole message that is not a stop/start keyword:
//  - The first matching enabled rule (specific rules, then `any` ones)
//    wins; its hit is recorded (store::Rules::RecordHit, once per inbox
//    entry), and its actions run in order:
//     reply    one answer queued to the sender, pinned to the receiving
//              modem (the customer sees one number), informational, at OTP
//              priority so it goes before bulk and campaign traffic, with
//              client_ref "rule-<inbox id>". Template fields: the sender's
//              contact (name, number, attributes), then the message's
//              number, text, keyword (folded first word) and modem, which
//              win. A field without a value and without a default, an
//              alphanumeric sender, or the per-number limit (`reply_limit`
//              answers within `reply_window`, counted from the store, so
//              it holds across restarts) means no answer; each is logged,
//              the limit once per number and window.
//     tag      the sender's contact (created when absent) joins the group.
//     untag    the sender's contact, if any, leaves the group.
//     webhook  nothing more here: the hit (RuleHit::webhook) becomes a
//              rule.matched webhook event by the store's trigger.
//     poll_vote the message is a vote in the poll (PollMatcher::VoteIn);
//              without a reply action the poll's own answer is sent.
//    A group or poll deleted since the rule was saved is logged and skipped.
//  - With no specific rule matching, polls are tried (poll_matcher.h)
//    before the `any` rules: a vote is recorded (store::Polls::RecordVote;
//    not when the poll is closed) and answered with the poll's reply for
//    a valid vote, an invalid answer or a closed poll (empty: none), with
//    the fields poll, option and title besides the message's and the
//    contact's, under the same per-number limit and client_ref.
//  - A rule table that does not build (changed behind the API) is logged
//    and no rule runs: the message is still stored.
//  - Storage failures are returned, and roll the whole message back.
//
// Thread affinity: the io_context thread (it calls the store).
#ifndef TELLAL_DAEMON_CORE_RULE_ACTIONS_H_
#define TELLAL_DAEMON_CORE_RULE_ACTIONS_H_

#include <map>
#include <memory>
#include <string>

#include "daemon/core/poll_matcher.h"
#include "daemon/store/store.h"
#include "modem/result.h"

namespace spdlog {
class logger;
}

namespace tellal::core {

struct RuleOptions {
  int reply_limit = 5;  // 0: rules never answer
  store::Millis reply_window = 10 * 60 * 1000;
};

class RuleActions {
 public:
  // `store` must outlive this.
  RuleActions(store::Store& store, RuleOptions options, std::shared_ptr<spdlog::logger> log);

  // Inside the caller's open group: runs the matching rule's actions for
  // inbox entry `m`, received by `modem`. *queued: an answer was queued.
  Status Apply(const std::string& modem, const store::InboxMessage& m, store::Millis now, bool* queued);

 private:
  Status Tag(const store::InboxMessage& m, const std::string& group, bool join, store::Millis now);
  // `what` names the answer's origin in logs ("rule 3", "poll 2");
  // `extra` fields win over the message's and the contact's.
  Status Reply(const std::string& modem, const store::InboxMessage& m, const std::string& text, const std::string& what,
               const std::map<std::string, std::string>& extra, store::Millis now, bool* queued);
  // Records `vote` (unless its poll is closed) and, with `answer`, sends
  // the poll's reply for it.
  Status CastVote(const std::string& modem, const store::InboxMessage& m, const PollMatch& vote, bool answer,
                  store::Millis now, bool* queued);
  // Whether the limit's warning for `number` is due (once per window).
  bool LimitWarningDue(const std::string& number, store::Millis now);

  store::Store& store_;
  RuleOptions options_;
  std::shared_ptr<spdlog::logger> log_;
  std::map<std::string, store::Millis> limit_warned_;  // number -> when its warning was logged
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_RULE_ACTIONS_H_

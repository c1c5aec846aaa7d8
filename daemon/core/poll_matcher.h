// PollMatcher: whether an inbound SMS is a vote in a poll, and for which
// option. Words are compared Turkish-folded, like keyword rules
// (keyword_rules.h).
//
//  - A poll with a keyword is answered "<keyword> <option>" ("ANKET EVET"):
//    the first word names the poll, the second is the answer — an option's
//    keyword (valid) or anything else, or nothing (invalid). Outside the
//    poll's open window the message is still the poll's, as closed. When
//    several polls share the keyword, the open one with the lowest id wins,
//    else the closed one with the highest id (the latest).
//  - A message whose first word is an option keyword of exactly one OPEN
//    poll without a keyword ("EVET", "A") is a valid vote in it. When two
//    such open polls share the word, it is no vote (it is ambiguous);
//    outside every window it is no vote either, since without a keyword
//    nothing says it was meant for a poll.
//  - A keyword rule's poll_vote action (VoteIn) makes the message a vote in
//    its poll: the answer is the first word that is one of the poll's
//    option keywords; none is invalid.
//
// Open: opens_at <= now < closes_at (either bound may be absent).
//
// Pure; safe from any thread once built.
#ifndef TELLAL_DAEMON_CORE_POLL_MATCHER_H_
#define TELLAL_DAEMON_CORE_POLL_MATCHER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/poll_records.h"

namespace tellal::core {

enum class PollAnswer { kValid, kInvalid, kClosed };

struct PollMatch {
  const store::Poll* poll = nullptr;
  PollAnswer answer = PollAnswer::kInvalid;
  const store::PollOption* option = nullptr;  // kValid only
  std::string option_key;                     // the option's folded keyword, kValid only
};

bool PollOpen(const store::PollSpec& spec, store::Millis now);

class PollMatcher {
 public:
  explicit PollMatcher(std::vector<store::Poll> polls);

  // The poll `text` votes in, if any. The pointers live as long as this.
  std::optional<PollMatch> Match(std::string_view text, store::Millis now) const;

  // `text` as a vote in `poll` (a rule's poll_vote action). The pointers
  // refer into `poll`.
  static PollMatch VoteIn(const store::Poll& poll, std::string_view text, store::Millis now);

 private:
  struct Entry {
    store::Poll poll;
    std::string keyword;                   // folded; "" for none
    std::vector<std::string> option_keys;  // folded, in the options' order
  };
  std::vector<Entry> entries_;  // by id
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_POLL_MATCHER_H_

// Poll records: a question answered by SMS ("EVET"/"HAYIR", "A"/"B"/"C"),
// its votes and its results. Values only; which message is a vote is
// daemon/core/poll_matcher.h.
#ifndef TELLAL_DAEMON_STORE_POLL_RECORDS_H_
#define TELLAL_DAEMON_STORE_POLL_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/records.h"

namespace tellal::store {

// once: a number's first valid vote counts, later ones are kept but not
// counted; last: a number's latest valid vote counts, replacing the one
// it counted before.
enum class VotesPerNumber { kOnce, kLast };
const char* VotesPerNumberName(VotesPerNumber v);  // "once", "last"
std::optional<VotesPerNumber> ParseVotesPerNumber(std::string_view name);

struct PollOption {
  std::string keyword;  // one word, as given ("EVET", "A"); compared folded
  std::string title;    // what the results call it
  bool operator==(const PollOption&) const = default;
};

struct PollSpec {
  std::string name;
  std::string keyword;  // one word, as given; "" when the options' keywords alone are votes
  std::vector<PollOption> options;
  std::optional<Millis> opens_at;   // absent: open from its creation
  std::optional<Millis> closes_at;  // absent: never closes
  VotesPerNumber votes_per_number = VotesPerNumber::kOnce;
  // Answers (text/message_template.h templates; "" sends none) to a valid
  // vote, an answer that is no option, and a vote outside the open window.
  std::string reply_valid;
  std::string reply_invalid;
  std::string reply_closed;
  bool operator==(const PollSpec&) const = default;
};

struct Poll {
  int64_t id = 0;
  PollSpec spec;
  Millis created_at = 0;
  Millis updated_at = 0;
};

struct NewVote {
  int64_t poll_id = 0;
  std::string number;
  std::optional<std::string> option;  // the option's folded keyword; nullopt: an invalid answer
  int64_t inbox_id = 0;
  Millis voted_at = 0;
};

struct PollVote {
  int64_t id = 0;
  NewVote vote;
  bool counted = false;  // counts in the results now
};

struct OptionTally {
  std::string keyword;  // folded
  int64_t votes = 0;    // counted votes
};

struct PollResults {
  std::vector<OptionTally> options;  // every option with a counted vote, by keyword
  int64_t votes = 0;                 // every valid vote received, counted or not
  int64_t counted = 0;               // the votes that count
  int64_t numbers = 0;               // distinct numbers that sent a valid vote
  int64_t invalid = 0;               // answers that were no option
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_POLL_RECORDS_H_

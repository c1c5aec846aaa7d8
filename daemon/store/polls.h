// Polls: SMS polls, their votes and results.
//
// Contract for every implementation:
//  - Every change is one transaction (inside an open Group: part of it).
//  - ListPolls returns every poll by id: inbound matching reads them all.
//  - RecordVote decides whether the vote counts, by the poll's
//    votes_per_number, in the same transaction: once — it counts when the
//    number has no counted vote; last — it counts and the number's earlier
//    counted vote stops counting. Invalid answers (no option) never count.
//    One vote per inbox entry: a second is kConflict, so a message
//    processed twice cannot vote twice.
//  - Deleting a poll deletes its votes.
//  - The caller validates a spec; the store keeps what it is given.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store; nothing returned refers back into it.
#ifndef TELLAL_DAEMON_STORE_POLLS_H_
#define TELLAL_DAEMON_STORE_POLLS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "daemon/store/poll_records.h"
#include "modem/result.h"

namespace tellal::store {

class Polls {
 public:
  virtual ~Polls() = default;

  virtual Result<int64_t> CreatePoll(const PollSpec& spec, Millis now) = 0;
  // false: no such poll.
  virtual Result<bool> UpdatePoll(int64_t id, const PollSpec& spec, Millis now) = 0;
  virtual Result<bool> DeletePoll(int64_t id) = 0;
  virtual Result<std::optional<Poll>> GetPoll(int64_t id) = 0;
  virtual Result<std::vector<Poll>> ListPolls() = 0;

  // The vote as stored (counted or not).
  virtual Result<PollVote> RecordVote(const NewVote& vote, VotesPerNumber rule) = 0;
  virtual Result<PollResults> Results(int64_t poll_id) = 0;
  // Every vote (valid or not) of the poll in the order received.
  virtual Status ForEachVote(int64_t poll_id, const std::function<Status(const PollVote&)>& visit) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_POLLS_H_

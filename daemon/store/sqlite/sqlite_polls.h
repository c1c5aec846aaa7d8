// SqlitePolls: the Polls in the polls and poll_votes tables (schema version
// 13). A poll's options are one JSON column, read and written whole.
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_POLLS_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_POLLS_H_

#include "daemon/store/polls.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqlitePolls final : public Polls {
 public:
  explicit SqlitePolls(Database& db) : db_(db) {}

  Result<int64_t> CreatePoll(const PollSpec& spec, Millis now) override;
  Result<bool> UpdatePoll(int64_t id, const PollSpec& spec, Millis now) override;
  Result<bool> DeletePoll(int64_t id) override;
  Result<std::optional<Poll>> GetPoll(int64_t id) override;
  Result<std::vector<Poll>> ListPolls() override;
  Result<PollVote> RecordVote(const NewVote& vote, VotesPerNumber rule) override;
  Result<PollResults> Results(int64_t poll_id) override;
  Status ForEachVote(int64_t poll_id, const std::function<Status(const PollVote&)>& visit) override;

 private:
  Database& db_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_POLLS_H_

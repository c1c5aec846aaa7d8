#include "daemon/store/sqlite/sqlite_polls.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/polls_sql.h"

namespace tellal::store {
namespace {

using nlohmann::json;

std::string OptionsJson(const std::vector<PollOption>& options) {
  json out = json::array();
  for (const PollOption& o : options) out.push_back({{"keyword", o.keyword}, {"title", o.title}});
  return out.dump();
}

// The column as written by OptionsJson; anything else is corruption.
Result<std::vector<PollOption>> ParseOptions(const std::string& text) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return Error::Corruption("polls.options is not a JSON array");
  std::vector<PollOption> options;
  for (const json& item : parsed) {
    if (!item.is_object() || !item.contains("keyword") || !item["keyword"].is_string() || !item.contains("title") ||
        !item["title"].is_string())
      return Error::Corruption("polls.options holds an option without keyword or title");
    options.push_back(PollOption{item["keyword"].get<std::string>(), item["title"].get<std::string>()});
  }
  return options;
}

Result<Poll> ReadPollRow(const Statement& q) {
  Poll p;
  p.id = q.ColumnInt64(0);
  p.spec.name = q.ColumnText(1);
  p.spec.keyword = q.ColumnText(2);
  auto options = ParseOptions(q.ColumnText(3));
  if (!options) return Wrap("poll " + std::to_string(p.id), options.error());
  p.spec.options = std::move(*options);
  p.spec.opens_at = q.OptionalInt64(4);
  p.spec.closes_at = q.OptionalInt64(5);
  auto votes = ParseVotesPerNumber(q.ColumnText(6));
  if (!votes) return Error::Corruption("poll " + std::to_string(p.id) + ": votes_per_number " + q.ColumnText(6));
  p.spec.votes_per_number = *votes;
  p.spec.reply_valid = q.ColumnText(7);
  p.spec.reply_invalid = q.ColumnText(8);
  p.spec.reply_closed = q.ColumnText(9);
  p.created_at = q.ColumnInt64(10);
  p.updated_at = q.ColumnInt64(11);
  return p;
}

PollVote ReadVoteRow(const Statement& q) {
  PollVote v;
  v.id = q.ColumnInt64(0);
  v.vote.poll_id = q.ColumnInt64(1);
  v.vote.number = q.ColumnText(2);
  v.vote.option = q.OptionalText(3);
  v.vote.inbox_id = q.ColumnInt64(4);
  v.vote.voted_at = q.ColumnInt64(5);
  v.counted = q.ColumnInt64(6) != 0;
  return v;
}

}  // namespace

Result<int64_t> SqlitePolls::CreatePoll(const PollSpec& s, Millis now) {
  return InTransaction(db_, "CreatePoll", [&]() -> Result<int64_t> {
    Status done = Run(db_, sql::kInsertPoll, s.name, s.keyword, OptionsJson(s.options), s.opens_at, s.closes_at,
                      VotesPerNumberName(s.votes_per_number), s.reply_valid, s.reply_invalid, s.reply_closed, now);
    if (!done) return done.error();
    return db_.LastInsertRowId();
  });
}

Result<bool> SqlitePolls::UpdatePoll(int64_t id, const PollSpec& s, Millis now) {
  return InTransaction(db_, "UpdatePoll(" + std::to_string(id) + ")", [&]() -> Result<bool> {
    Status done = Run(db_, sql::kUpdatePoll, s.name, s.keyword, OptionsJson(s.options), s.opens_at, s.closes_at,
                      VotesPerNumberName(s.votes_per_number), s.reply_valid, s.reply_invalid, s.reply_closed, now, id);
    if (!done) return done.error();
    return db_.Changes() > 0;
  });
}

Result<bool> SqlitePolls::DeletePoll(int64_t id) {
  return InTransaction(db_, "DeletePoll(" + std::to_string(id) + ")", [&]() -> Result<bool> {
    Status done = Run(db_, sql::kDeletePoll, id);
    if (!done) return done.error();
    return db_.Changes() > 0;
  });
}

Result<std::optional<Poll>> SqlitePolls::GetPoll(int64_t id) {
  auto row = MapOne(db_, sql::kGetPoll, ReadPollRow, id);
  if (!row) return Wrap("GetPoll", row.error());
  if (!*row) return std::optional<Poll>();
  if (!**row) return Wrap("GetPoll", (**row).error());
  return std::optional<Poll>(std::move(***row));
}

Result<std::vector<Poll>> SqlitePolls::ListPolls() {
  auto rows = MapAll(db_, sql::kListPolls, ReadPollRow);
  if (!rows) return Wrap("ListPolls", rows.error());
  std::vector<Poll> polls;
  polls.reserve(rows->size());
  for (auto& row : *rows) {
    if (!row) return Wrap("ListPolls", row.error());
    polls.push_back(std::move(*row));
  }
  return polls;
}

Result<PollVote> SqlitePolls::RecordVote(const NewVote& v, VotesPerNumber rule) {
  const std::string op = "RecordVote(" + std::to_string(v.inbox_id) + ")";
  return InTransaction(db_, op, [&]() -> Result<PollVote> {
    bool counted = v.option.has_value();
    if (counted && rule == VotesPerNumber::kOnce) {
      auto earlier = QueryOne<bool>(db_, sql::kHasCountedVote, v.poll_id, v.number);
      if (!earlier) return earlier.error();
      counted = !earlier->value_or(false);
    } else if (counted) {
      Status s = Run(db_, sql::kUncountVotes, v.poll_id, v.number);
      if (!s) return s.error();
    }
    Status s = Run(db_, sql::kInsertVote, v.poll_id, v.number, v.option, v.inbox_id, v.voted_at, counted);
    if (!s && s.error().code == ErrorCode::kConflict)
      return Error::Conflict("inbox entry " + std::to_string(v.inbox_id) + " voted already");
    if (!s) return s.error();
    return PollVote{db_.LastInsertRowId(), v, counted};
  });
}

Result<PollResults> SqlitePolls::Results(int64_t poll_id) {
  PollResults r;
  auto tallies = QueryAll<std::string, int64_t>(db_, sql::kTallies, poll_id);
  if (!tallies) return Wrap("Results", tallies.error());
  for (auto& [keyword, votes] : *tallies) r.options.push_back(OptionTally{keyword, votes});
  auto totals = QueryOne<int64_t, int64_t, int64_t, int64_t>(db_, sql::kTotals, poll_id);
  if (!totals) return Wrap("Results", totals.error());
  if (*totals) std::tie(r.votes, r.counted, r.numbers, r.invalid) = **totals;
  return r;
}

Status SqlitePolls::ForEachVote(int64_t poll_id, const std::function<Status(const PollVote&)>& visit) {
  auto q = Prepare(db_, sql::kListVotes, poll_id);
  if (!q) return Wrap("ForEachVote", q.error());
  for (;;) {
    auto row = q->Step();
    if (!row) return Wrap("ForEachVote", row.error());
    if (!*row) return Status::Ok();
    Status s = visit(ReadVoteRow(*q));
    if (!s) return s;
  }
}

}  // namespace tellal::store

#include "daemon/store/sqlite/sqlite_polls.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "daemon/store/sqlite/polls_sql.h"
#include "store_testing.h"

using namespace tellal::store;
using tellal::ErrorCode;
using tellal::Status;
using tellal::store::testing::MemoryStore;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;

PollSpec Spec(VotesPerNumber votes = VotesPerNumber::kOnce) {
  PollSpec s;
  s.name = "Yeni ürün";
  s.keyword = "ANKET";
  s.options = {{"EVET", "Evet"}, {"HAYIR", "Hayır"}};
  s.opens_at = kT0;
  s.closes_at = kT0 + 1000;
  s.votes_per_number = votes;
  s.reply_valid = "Oyunuz: {title}";
  s.reply_closed = "Anket kapandi";
  return s;
}

NewVote Vote(int64_t poll, const std::string& number, std::optional<std::string> option, int64_t inbox) {
  return NewVote{poll, number, std::move(option), inbox, kT0 + inbox};
}

}  // namespace

TEST_CASE("APollComesBackAsItWasWritten", "[store][polls]") {
  auto store = MemoryStore();
  Polls& polls = store->polls();
  const PollSpec spec = Spec();
  const int64_t id = *polls.CreatePoll(spec, kT0);
  auto read = polls.GetPoll(id);
  REQUIRE(read->has_value());
  CHECK((*read)->spec == spec);
  PollSpec changed = spec;
  changed.keyword.clear();
  changed.opens_at.reset();
  changed.votes_per_number = VotesPerNumber::kLast;
  CHECK(*polls.UpdatePoll(id, changed, kT0 + 1));
  CHECK((*polls.GetPoll(id))->spec == changed);
  CHECK(polls.ListPolls()->size() == 1);
  CHECK_FALSE(*polls.UpdatePoll(id + 1, changed, kT0));
}

TEST_CASE("WithOnceTheFirstValidVoteOfANumberCounts", "[store][polls]") {
  auto store = MemoryStore();
  Polls& polls = store->polls();
  const int64_t id = *polls.CreatePoll(Spec(VotesPerNumber::kOnce), kT0);
  CHECK_FALSE(polls.RecordVote(Vote(id, "+905320000001", std::nullopt, 1), VotesPerNumber::kOnce)->counted);
  CHECK(polls.RecordVote(Vote(id, "+905320000001", "evet", 2), VotesPerNumber::kOnce)->counted);
  CHECK_FALSE(polls.RecordVote(Vote(id, "+905320000001", "hayir", 3), VotesPerNumber::kOnce)->counted);
  CHECK(polls.RecordVote(Vote(id, "+905320000002", "hayir", 4), VotesPerNumber::kOnce)->counted);
  auto r = polls.Results(id);
  REQUIRE(r.ok());
  REQUIRE(r->options.size() == 2);
  CHECK(r->options[0].keyword == "evet");
  CHECK(r->options[0].votes == 1);
  CHECK(r->options[1].keyword == "hayir");
  CHECK(r->options[1].votes == 1);
  CHECK(r->votes == 3);
  CHECK(r->counted == 2);
  CHECK(r->numbers == 2);
  CHECK(r->invalid == 1);
}

TEST_CASE("WithLastTheLatestValidVoteOfANumberReplacesTheOneBefore", "[store][polls]") {
  auto store = MemoryStore();
  Polls& polls = store->polls();
  const int64_t id = *polls.CreatePoll(Spec(VotesPerNumber::kLast), kT0);
  REQUIRE(polls.RecordVote(Vote(id, "+905320000001", "evet", 1), VotesPerNumber::kLast).ok());
  REQUIRE(polls.RecordVote(Vote(id, "+905320000001", "hayir", 2), VotesPerNumber::kLast).ok());
  REQUIRE(polls.RecordVote(Vote(id, "+905320000001", std::nullopt, 3), VotesPerNumber::kLast).ok());  // no change
  auto r = polls.Results(id);
  REQUIRE(r->options.size() == 1);
  CHECK(r->options[0].keyword == "hayir");
  CHECK(r->counted == 1);
  std::vector<bool> counted;
  REQUIRE(polls
              .ForEachVote(id,
                           [&](const PollVote& v) -> Status {
                             counted.push_back(v.counted);
                             return Status::Ok();
                           })
              .ok());
  CHECK(counted == std::vector<bool>{false, true, false});
}

TEST_CASE("AMessageVotesOnceAndDeletingAPollDeletesItsVotes", "[store][polls]") {
  auto store = MemoryStore();
  Polls& polls = store->polls();
  const int64_t id = *polls.CreatePoll(Spec(), kT0);
  REQUIRE(polls.RecordVote(Vote(id, "+905320000001", "evet", 7), VotesPerNumber::kOnce).ok());
  auto again = polls.RecordVote(Vote(id, "+905320000001", "evet", 7), VotesPerNumber::kOnce);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::kConflict);
  CHECK(*polls.DeletePoll(id));
  CHECK_FALSE(*polls.DeletePoll(id));
  CHECK(polls.Results(id)->votes == 0);
}

TEST_CASE("VotingSeeksTheNumbersCountedVoteAndResultsScanOnlyThePoll", "[store][polls][plan]") {
  auto db = MigratedDatabase();
  CHECK_THAT(QueryPlan(*db, sql::kHasCountedVote), Catch::Contains("poll_votes_counted"));
  CHECK_THAT(QueryPlan(*db, sql::kTotals), Catch::Contains("USING INDEX poll_votes_by_poll"));
  CHECK_THAT(QueryPlan(*db, sql::kListVotes), Catch::Contains("poll_votes_by_poll"));
}

#include "daemon/core/poll_matcher.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>
#include <vector>

using tellal::core::PollAnswer;
using tellal::core::PollMatch;
using tellal::core::PollMatcher;
using namespace tellal::store;

namespace {

constexpr Millis kOpen = 1000;
constexpr Millis kClose = 2000;

Poll MakePoll(int64_t id, const std::string& keyword, std::vector<PollOption> options,
              std::optional<Millis> opens = kOpen, std::optional<Millis> closes = kClose) {
  Poll p;
  p.id = id;
  p.spec.name = "p" + std::to_string(id);
  p.spec.keyword = keyword;
  p.spec.options = std::move(options);
  p.spec.opens_at = opens;
  p.spec.closes_at = closes;
  return p;
}

const std::vector<PollOption> kYesNo = {{"EVET", "Evet"}, {"HAYIR", "Hayır"}};
const std::vector<PollOption> kAbc = {{"A", "Birinci"}, {"B", "İkinci"}, {"C", "Üçüncü"}};

std::string Describe(const std::optional<PollMatch>& m) {
  if (!m) return "none";
  std::string answer = m->answer == PollAnswer::kValid     ? "valid"
                       : m->answer == PollAnswer::kInvalid ? "invalid"
                                                           : "closed";
  return std::to_string(m->poll->id) + " " + answer + (m->option ? " " + m->option->title : "");
}

}  // namespace

TEST_CASE("AKeywordPollIsAnsweredWithItsKeywordThenAnOption", "[poll_matcher]") {
  PollMatcher polls({MakePoll(1, "ANKET", kYesNo), MakePoll(2, "", kAbc)});
  const auto [text, now, expected] = GENERATE(table<std::string, Millis, std::string>({
      {"ANKET EVET", 1500, "1 valid Evet"},
      {"anket, hayır!", 1500, "1 valid Hayır"},
      {"Anket HAYIR lütfen", 1500, "1 valid Hayır"},
      {"anket belki", 1500, "1 invalid"},
      {"anket", 1500, "1 invalid"},
      {"anket evet", 999, "1 closed"},
      {"anket evet", 2000, "1 closed"},
      {"evet", 1500, "none"},  // an option of a keyword poll alone is no vote
      {"b", 1500, "2 valid İkinci"},
      {"B bence", 1500, "2 valid İkinci"},
      {"b", 2500, "none"},  // a keyword-less poll outside its window: no vote
      {"merhaba", 1500, "none"},
      {"", 1500, "none"},
  }));
  CAPTURE(text, now);
  CHECK(Describe(polls.Match(text, now)) == expected);
}

TEST_CASE("TwoOpenKeywordlessPollsSharingAnOptionMakeItNoVote", "[poll_matcher]") {
  PollMatcher polls({MakePoll(1, "", kAbc), MakePoll(2, "", {{"A", "Başka"}, {"D", "Dört"}})});
  CHECK(Describe(polls.Match("a", 1500)) == "none");
  CHECK(Describe(polls.Match("d", 1500)) == "2 valid Dört");
  CHECK(Describe(polls.Match("c", 1500)) == "1 valid Üçüncü");
}

TEST_CASE("PollsSharingAKeywordPreferTheOpenOneThenTheLatestClosed", "[poll_matcher]") {
  PollMatcher polls(
      {MakePoll(3, "OY", kYesNo, 0, 500), MakePoll(1, "OY", kYesNo, 0, 800), MakePoll(2, "OY", kYesNo, 1000, 2000)});
  CHECK(Describe(polls.Match("oy evet", 1500)) == "2 valid Evet");
  CHECK(Describe(polls.Match("oy evet", 2500)) == "3 closed");
}

TEST_CASE("APollWithoutBoundsIsAlwaysOpen", "[poll_matcher]") {
  PollMatcher polls({MakePoll(1, "OY", kYesNo, std::nullopt, std::nullopt)});
  CHECK(Describe(polls.Match("oy evet", 0)) == "1 valid Evet");
  CHECK(Describe(polls.Match("oy evet", 1LL << 50)) == "1 valid Evet");
}

TEST_CASE("ARulesVoteTakesTheFirstWordThatIsAnOption", "[poll_matcher]") {
  const Poll poll = MakePoll(1, "ANKET", kYesNo);
  CHECK(Describe(PollMatcher::VoteIn(poll, "oyum: Hayır", 1500)) == "1 valid Hayır");
  CHECK(Describe(PollMatcher::VoteIn(poll, "KATIL evet", 1500)) == "1 valid Evet");
  CHECK(Describe(PollMatcher::VoteIn(poll, "katil", 1500)) == "1 invalid");
  CHECK(Describe(PollMatcher::VoteIn(poll, "katil evet", 2500)) == "1 closed");
  CHECK(PollMatcher::VoteIn(poll, "evet", 1500).option_key == "evet");
}

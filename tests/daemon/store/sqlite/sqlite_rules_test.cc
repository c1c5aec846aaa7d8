#include "daemon/store/sqlite/sqlite_rules.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "daemon/store/sqlite/rules_sql.h"
#include "store_testing.h"

using namespace tellal::store;
using tellal::ErrorCode;
using tellal::Status;
using tellal::store::testing::MemoryStore;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;

RuleSpec Keyword(const std::string& word, int order, std::vector<RuleAction> actions = {}) {
  RuleSpec s;
  s.match = RuleMatch::kKeyword;
  s.pattern = word;
  s.order = order;
  s.actions = std::move(actions);
  return s;
}

NewMessage Answer(const std::string& ref, const std::string& to) {
  NewMessage m;
  m.client_ref = ref;
  m.to = to;
  m.text = "ok";
  m.encoding = "gsm7";
  return m;
}

}  // namespace

TEST_CASE("ARuleComesBackAsItWasWrittenActionsIncluded", "[store][rules]") {
  auto store = MemoryStore();
  Rules& rules = store->rules();
  RuleSpec spec = Keyword(
      "BİLGİ", 5,
      {RuleAction{RuleActionType::kReply, "Merhaba {name|efendim}", "", std::nullopt},
       RuleAction{RuleActionType::kTag, "", "bilgi-isteyenler", std::nullopt},
       RuleAction{RuleActionType::kUntag, "", "yeni", std::nullopt},
       RuleAction{RuleActionType::kWebhook, "", "", std::nullopt}, RuleAction{RuleActionType::kPollVote, "", "", 42}});
  spec.modem = "sim1";
  spec.enabled = false;
  auto id = rules.CreateRule(spec, kT0);
  REQUIRE(id.ok());
  auto read = rules.GetRule(*id);
  REQUIRE(read.ok());
  REQUIRE(read->has_value());
  CHECK((*read)->spec == spec);
  CHECK((*read)->created_at == kT0);
  CHECK((*read)->updated_at == kT0);
}

TEST_CASE("RulesAreListedInTheOrderTheyAreTriedOrderThenId", "[store][rules]") {
  auto store = MemoryStore();
  Rules& rules = store->rules();
  const int64_t late = *rules.CreateRule(Keyword("C", 20), kT0);
  const int64_t first = *rules.CreateRule(Keyword("A", 10), kT0);
  const int64_t second = *rules.CreateRule(Keyword("B", 10), kT0);
  auto listed = rules.ListRules();
  REQUIRE(listed.ok());
  std::vector<int64_t> ids;
  for (const Rule& r : *listed) ids.push_back(r.id);
  CHECK(ids == std::vector<int64_t>{first, second, late});
}

TEST_CASE("UpdateAndDeleteSayWhetherTheRuleExisted", "[store][rules]") {
  auto store = MemoryStore();
  Rules& rules = store->rules();
  const int64_t id = *rules.CreateRule(Keyword("A", 1), kT0);
  RuleSpec changed = Keyword("B", 2);
  changed.match = RuleMatch::kRegex;
  changed.pattern = "^kod \\d+";
  CHECK(*rules.UpdateRule(id, changed, kT0 + 5));
  CHECK_FALSE(*rules.UpdateRule(id + 1, changed, kT0 + 5));
  auto read = rules.GetRule(id);
  CHECK((*read)->spec == changed);
  CHECK((*read)->updated_at == kT0 + 5);
  CHECK(*rules.DeleteRule(id));
  CHECK_FALSE(*rules.DeleteRule(id));
  CHECK_FALSE(rules.GetRule(id)->has_value());
}

TEST_CASE("AnInboxEntryMatchesARuleOnceOnly", "[store][rules]") {
  auto store = MemoryStore();
  Rules& rules = store->rules();
  REQUIRE(rules.RecordHit(RuleHit{7, 1, true, kT0}).ok());
  Status again = rules.RecordHit(RuleHit{7, 2, false, kT0 + 1});
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::kConflict);
  auto hit = rules.GetHit(7);
  REQUIRE(hit->has_value());
  CHECK((*hit)->rule_id == 1);
  CHECK((*hit)->webhook);
  CHECK_FALSE(rules.GetHit(8)->has_value());
}

TEST_CASE("AutoRepliesAreCountedPerNumberSinceATimeAndNothingElseCounts", "[store][rules]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  REQUIRE(queue.Enqueue(Answer("rule-1", "+905320000001"), kT0).ok());
  REQUIRE(queue.Enqueue(Answer("rule-2", "+905320000001"), kT0 + 100).ok());
  REQUIRE(queue.Enqueue(Answer("consent-3", "+905320000001"), kT0 + 100).ok());  // not a rule's answer
  REQUIRE(queue.Enqueue(Answer("rule-4", "+905320000002"), kT0 + 100).ok());     // another number
  CHECK(*store->rules().CountAutoReplies("+905320000001", kT0) == 2);
  CHECK(*store->rules().CountAutoReplies("+905320000001", kT0 + 1) == 1);
  CHECK(*store->rules().CountAutoReplies("+905320000003", kT0) == 0);
}

TEST_CASE("CountingAutoRepliesSeeksByDestination", "[store][rules][plan]") {
  auto db = MigratedDatabase();
  CHECK_THAT(QueryPlan(*db, sql::kCountAutoReplies), Catch::Contains("messages_by_destination"));
}

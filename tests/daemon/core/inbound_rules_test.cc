// Keyword rules and polls in InboundProcessor (rule_actions.h), against a
// real SQLite store: the message, the rule's hit or the vote, its answer and
// its contact changes commit together.
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "daemon/core/inbound_processor.h"
#include "daemon/store/sqlite/sqlite_store.h"
#include "modem/pdu/pdu_decoder.h"
#include "modem/pdu/pdu_encoder.h"
#include "tests/daemon/store/temp_dir.h"
#include "tests/support/network_pdus.h"

namespace tellal::core {
namespace {

constexpr store::Millis kT0 = 1'780'000'000'000;
constexpr store::Millis kMinute = 60'000;
constexpr const char* kModem = "gsm0";
constexpr const char* kSender = "+905321112233";

modem::InboundPdu Deliver(const std::string& from, const std::string& text, int index = 1) {
  pdu::DeliverOptions o;
  o.from = from;
  o.smsc = "+905329000000";
  o.scts = testing::Scts(index % 60);
  auto parts = pdu::EncodeDeliver(text, o);
  REQUIRE(parts.ok());
  REQUIRE(parts->size() == 1);
  modem::InboundPdu in;
  in.index = index;
  in.pdu_hex = (*parts)[0].hex;
  in.decoded = pdu::DecodePdu(in.pdu_hex);
  REQUIRE(in.decoded.ok());
  return in;
}

store::RuleSpec Rule(store::RuleMatch match, const std::string& pattern, std::vector<store::RuleAction> actions,
                     int order = 0) {
  store::RuleSpec s;
  s.match = match;
  s.pattern = pattern;
  s.actions = std::move(actions);
  s.order = order;
  return s;
}

store::RuleAction Reply(const std::string& text) { return {store::RuleActionType::kReply, text, "", std::nullopt}; }
store::RuleAction Tag(const std::string& group) { return {store::RuleActionType::kTag, "", group, std::nullopt}; }
store::RuleAction Untag(const std::string& group) { return {store::RuleActionType::kUntag, "", group, std::nullopt}; }

struct Rig {
  store::testing::TempDir dir;
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<InboundProcessor> processor;
  store::Millis now = kT0;
  int wakes = 0;
  int next_index = 1;

  explicit Rig(bool opt_out = true) {
    auto opened = store::SqliteStore::Open(dir.File("tellal.db"));
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    InboundOptions o;
    o.default_country = "90";
    o.log = std::make_shared<spdlog::logger>("rules-test", std::make_shared<spdlog::sinks::null_sink_st>());
    o.now = [this] { return now; };
    if (opt_out) {
      OptOutOptions opt;
      opt.stop_reply = "Listeden cikarildiniz.";
      o.opt_out = opt;
    }
    o.rules = RuleOptions{5, 10 * kMinute};
    processor = std::make_unique<InboundProcessor>(*store, o);
    processor->OnQueued([this] { ++wakes; });
  }

  int64_t AddRule(const store::RuleSpec& spec) {
    auto id = store->rules().CreateRule(spec, kT0);
    REQUIRE(id.ok());
    return *id;
  }

  bool Handle(const std::string& from, const std::string& text) { return Handle(Deliver(from, text, next_index++)); }
  bool Handle(const modem::InboundPdu& pdu) {
    bool released = false;
    processor->HandleMessage(kModem, "", pdu, [&] { released = true; });
    return released;
  }

  std::vector<store::Message> Queued() {
    auto page = store->queue().ListMessages({}, 100, "");
    REQUIRE(page.ok());
    return page->items;
  }

  int64_t LastInboxId() {
    auto page = store->inbox().ListInbox({}, 1, "");
    REQUIRE(page.ok());
    REQUIRE_FALSE(page->items.empty());
    return page->items[0].id;
  }
};

TEST_CASE("AKeywordIsAnsweredFromTheReceivingModemWithTheRenderedTemplate", "[inbound_processor][rules]") {
  Rig rig;
  rig.AddRule(Rule(store::RuleMatch::kKeyword, "BİLGİ", {Reply("{keyword}: {number} yazdi '{text}' ({modem})")}));
  REQUIRE(rig.Handle(kSender, "bilgi lütfen"));
  auto queued = rig.Queued();
  REQUIRE(queued.size() == 1);
  const store::Message& m = queued[0];
  CHECK(m.to == kSender);
  CHECK(m.text == "bilgi: +905321112233 yazdi 'bilgi lütfen' (gsm0)");
  CHECK(m.pinned_modem == std::optional<std::string>(kModem));
  CHECK(m.client_ref == "rule-" + std::to_string(rig.LastInboxId()));
  CHECK(m.priority == store::Priority::kOtp);
  CHECK(m.category == store::Category::kInformational);
  CHECK(rig.wakes == 1);
}

TEST_CASE("ContactFieldsFillTheTemplateAndAMissingFieldMeansNoAnswer", "[inbound_processor][rules]") {
  Rig rig;
  rig.AddRule(Rule(store::RuleMatch::kAny, "", {Reply("Merhaba {name}, {city|sehriniz} subemiz acik")}));
  REQUIRE(rig.Handle(kSender, "selam"));  // no contact: {name} has no value and no default
  CHECK(rig.Queued().empty());
  CHECK(rig.wakes == 0);
  store::ContactChange c;
  c.number = kSender;
  c.name = "Ayşe";
  c.attributes["city"] = "İzmir";
  REQUIRE(rig.store->contacts().CreateContact(c, false, kT0).ok());
  REQUIRE(rig.Handle(kSender, "selam"));
  REQUIRE(rig.Queued().size() == 1);
  CHECK(rig.Queued()[0].text == "Merhaba Ayşe, İzmir subemiz acik");
}

TEST_CASE("AStopKeywordNeverReachesTheRules", "[inbound_processor][rules]") {
  Rig rig;
  rig.AddRule(Rule(store::RuleMatch::kKeyword, "DUR", {Reply("kural")}));
  rig.AddRule(Rule(store::RuleMatch::kAny, "", {Reply("kural")}));
  REQUIRE(rig.Handle(kSender, "DUR"));
  auto queued = rig.Queued();
  REQUIRE(queued.size() == 1);
  CHECK(queued[0].client_ref->starts_with("consent-"));
  CHECK(queued[0].text == "Listeden cikarildiniz.");
  CHECK_FALSE(rig.store->rules().GetHit(rig.LastInboxId())->has_value());
}

TEST_CASE("WithoutOptOutRulesStillRun", "[inbound_processor][rules]") {
  Rig rig(/*opt_out=*/false);
  rig.AddRule(Rule(store::RuleMatch::kKeyword, "DUR", {Reply("kural")}));
  REQUIRE(rig.Handle(kSender, "DUR"));
  REQUIRE(rig.Queued().size() == 1);
  CHECK(rig.Queued()[0].text == "kural");
}

TEST_CASE("SpecificRulesBeatAnyRulesWhateverTheirOrder", "[inbound_processor][rules]") {
  Rig rig;
  rig.AddRule(Rule(store::RuleMatch::kAny, "", {Reply("anlamadim")}, -10));
  const int64_t kod = rig.AddRule(Rule(store::RuleMatch::kRegex, "^kod \\d+$", {Reply("kod alindi")}, 10));
  REQUIRE(rig.Handle(kSender, "KOD 1234"));
  REQUIRE(rig.Handle(kSender, "naber"));
  auto queued = rig.Queued();
  REQUIRE(queued.size() == 2);
  std::vector<std::string> texts = {queued[0].text, queued[1].text};
  std::sort(texts.begin(), texts.end());
  CHECK(texts == std::vector<std::string>{"anlamadim", "kod alindi"});
  auto page = rig.store->inbox().ListInbox({}, 10, "");
  const int64_t kod_message = page->items.back().id;  // newest first
  CHECK((*rig.store->rules().GetHit(kod_message))->rule_id == kod);
}

TEST_CASE("ANumberGetsAtMostFiveAnswersInTenMinutesAcrossRestarts", "[inbound_processor][rules]") {
  Rig rig;
  rig.AddRule(Rule(store::RuleMatch::kAny, "", {Reply("otomatik cevap")}));
  for (int i = 0; i < 7; ++i) {
    REQUIRE(rig.Handle(kSender, "robot " + std::to_string(i)));
    rig.now += kMinute;
  }
  CHECK(rig.Queued().size() == 5);
  REQUIRE(rig.Handle("+905329998877", "baska biri"));  // another number has its own count
  CHECK(rig.Queued().size() == 6);
  // A new processor (a restart) counts what the store holds.
  InboundOptions o;
  o.log = std::make_shared<spdlog::logger>("rules-test", std::make_shared<spdlog::sinks::null_sink_st>());
  o.now = [&rig] { return rig.now; };
  o.rules = RuleOptions{5, 10 * kMinute};
  rig.processor = std::make_unique<InboundProcessor>(*rig.store, o);
  REQUIRE(rig.Handle(kSender, "robot 7"));
  CHECK(rig.Queued().size() == 6);
  // Once the first answers are older than the window, answers resume.
  rig.now = kT0 + 10 * kMinute + 1;
  REQUIRE(rig.Handle(kSender, "robot 8"));
  CHECK(rig.Queued().size() == 7);
}

TEST_CASE("TagCreatesTheContactInTheGroupAndUntagTakesItOut", "[inbound_processor][rules]") {
  Rig rig;
  REQUIRE(rig.store->contacts().CreateGroup("kampanya", "", kT0).ok());
  REQUIRE(rig.store->contacts().CreateGroup("vip", "", kT0).ok());
  rig.AddRule(Rule(store::RuleMatch::kKeyword, "KAMPANYA", {Tag("kampanya"), Tag("vip")}));
  rig.AddRule(Rule(store::RuleMatch::kKeyword, "CIK", {Untag("kampanya")}));
  REQUIRE(rig.Handle(kSender, "Kampanya"));
  auto contact = rig.store->contacts().FindContact(kSender);
  REQUIRE(contact->has_value());
  CHECK((*contact)->groups == std::vector<std::string>{"kampanya", "vip"});
  REQUIRE(rig.Handle(kSender, "çık"));
  CHECK((*rig.store->contacts().FindContact(kSender))->groups == std::vector<std::string>{"vip"});
  REQUIRE(rig.Handle("+905320000009", "cik"));  // untag of a stranger creates nobody
  CHECK_FALSE(rig.store->contacts().FindContact("+905320000009")->has_value());
  CHECK(rig.Queued().empty());
}

TEST_CASE("AGroupDeletedSinceTheRuleWasSavedIsSkippedAndTheMessageKept", "[inbound_processor][rules]") {
  Rig rig;
  REQUIRE(rig.store->contacts().CreateGroup("gecici", "", kT0).ok());
  rig.AddRule(Rule(store::RuleMatch::kAny, "", {Tag("gecici"), Reply("tamam")}));
  REQUIRE(*rig.store->contacts().DeleteGroup("gecici"));
  REQUIRE(rig.Handle(kSender, "merhaba"));
  CHECK(rig.Queued().size() == 1);
}

TEST_CASE("AWebhookActionIsRecordedAsAHitForTheWebhookSender", "[inbound_processor][rules]") {
  Rig rig;
  const int64_t id =
      rig.AddRule(Rule(store::RuleMatch::kKeyword, "TALEP", {{store::RuleActionType::kWebhook, "", "", std::nullopt}}));
  REQUIRE(rig.Handle(kSender, "talep arızam var"));
  auto hit = rig.store->rules().GetHit(rig.LastInboxId());
  REQUIRE(hit->has_value());
  CHECK((*hit)->rule_id == id);
  CHECK((*hit)->webhook);
  CHECK((*hit)->matched_at == kT0);
  CHECK(rig.Queued().empty());
}

TEST_CASE("AMessageReadAgainIsNotAnsweredTwiceAndAFailedCommitLeavesItOnTheSim", "[inbound_processor][rules]") {
  Rig rig;
  rig.AddRule(Rule(store::RuleMatch::kAny, "", {Reply("tamam")}));
  const modem::InboundPdu pdu = Deliver(kSender, "selam", 3);
  rig.store->FailNextCommits(1);
  CHECK_FALSE(rig.Handle(pdu));
  CHECK(rig.Queued().empty());
  REQUIRE(rig.Handle(pdu));
  REQUIRE(rig.Handle(pdu));  // the driver could not delete it and read it again
  CHECK(rig.Queued().size() == 1);
}

TEST_CASE("AnAlphanumericSenderIsNeitherAnsweredNorTagged", "[inbound_processor][rules]") {
  Rig rig;
  REQUIRE(rig.store->contacts().CreateGroup("g", "", kT0).ok());
  rig.AddRule(Rule(store::RuleMatch::kAny, "", {Tag("g"), Reply("tamam")}));
  REQUIRE(rig.Handle("Turkcell", "Bakiyeniz 10 TL"));
  CHECK(rig.Queued().empty());
  CHECK(rig.store->contacts().ListContacts({}, 10, "")->items.empty());
}

store::PollSpec Poll(const std::string& keyword, store::VotesPerNumber votes = store::VotesPerNumber::kOnce) {
  store::PollSpec p;
  p.name = "Şube anketi";
  p.keyword = keyword;
  p.options = {{"EVET", "Evet"}, {"HAYIR", "Hayır"}};
  p.opens_at = kT0;
  p.closes_at = kT0 + 60 * kMinute;
  p.votes_per_number = votes;
  p.reply_valid = "{poll}: {title} oyu alindi";
  p.reply_invalid = "Gecersiz: {text}";
  p.reply_closed = "Anket kapandi";
  return p;
}

std::vector<std::string> Texts(const std::vector<store::Message>& messages) {
  std::vector<std::string> texts;
  for (const store::Message& m : messages) texts.push_back(m.text);
  std::sort(texts.begin(), texts.end());
  return texts;
}

TEST_CASE("AKeywordPollCountsVotesAndAnswersValidInvalidAndClosed", "[inbound_processor][polls]") {
  Rig rig;
  auto id = rig.store->polls().CreatePoll(Poll("ANKET", store::VotesPerNumber::kLast), kT0);
  REQUIRE(id.ok());
  REQUIRE(rig.Handle(kSender, "Anket evet"));
  REQUIRE(rig.Handle(kSender, "ANKET HAYIR"));  // last: replaces the first
  REQUIRE(rig.Handle(kSender, "anket belki"));  // invalid
  rig.now = kT0 + 60 * kMinute;                 // closed: answered, not recorded
  REQUIRE(rig.Handle(kSender, "anket evet"));
  auto r = rig.store->polls().Results(*id);
  REQUIRE(r.ok());
  REQUIRE(r->options.size() == 1);
  CHECK(r->options[0].keyword == "hayir");
  CHECK(r->votes == 2);
  CHECK(r->counted == 1);
  CHECK(r->invalid == 1);
  CHECK(Texts(rig.Queued()) == std::vector<std::string>{"Anket kapandi", "Gecersiz: anket belki",
                                                        "Şube anketi: Evet oyu alindi",
                                                        "Şube anketi: Hayır oyu alindi"});
  for (const store::Message& m : rig.Queued()) CHECK(m.pinned_modem == std::optional<std::string>(kModem));
}

TEST_CASE("WithOnceOnlyTheFirstVoteOfANumberCounts", "[inbound_processor][polls]") {
  Rig rig;
  const int64_t id = *rig.store->polls().CreatePoll(Poll(""), kT0);  // options alone vote
  REQUIRE(rig.Handle(kSender, "evet"));
  REQUIRE(rig.Handle(kSender, "hayır"));
  REQUIRE(rig.Handle("+905320000002", "Hayir!"));
  auto r = rig.store->polls().Results(id);
  CHECK(r->votes == 3);
  CHECK(r->counted == 2);
  CHECK(r->numbers == 2);
  REQUIRE(r->options.size() == 2);
  CHECK(r->options[0].votes == 1);
  CHECK(r->options[1].votes == 1);
}

TEST_CASE("SpecificRulesComeBeforePollsAndAnyRulesAfter", "[inbound_processor][polls]") {
  Rig rig;
  const int64_t poll = *rig.store->polls().CreatePoll(Poll(""), kT0);
  rig.AddRule(Rule(store::RuleMatch::kKeyword, "HAYIR", {Reply("kural")}));
  rig.AddRule(Rule(store::RuleMatch::kAny, "", {Reply("yedek")}));
  REQUIRE(rig.Handle(kSender, "hayır"));               // the keyword rule
  REQUIRE(rig.Handle("+905320000002", "evet"));        // the poll
  REQUIRE(rig.Handle("+905320000003", "bilmiyorum"));  // the fallback
  CHECK(Texts(rig.Queued()) == std::vector<std::string>{"kural", "yedek", "Şube anketi: Evet oyu alindi"});
  CHECK(rig.store->polls().Results(poll)->votes == 1);
}

TEST_CASE("ARulesPollVoteRecordsTheVoteAndTheRulesReplyWins", "[inbound_processor][polls]") {
  Rig rig;
  const int64_t poll = *rig.store->polls().CreatePoll(Poll("ANKET"), kT0);
  rig.AddRule(Rule(store::RuleMatch::kKeyword, "KATIL", {{store::RuleActionType::kPollVote, "", "", poll}}));
  rig.AddRule(
      Rule(store::RuleMatch::kKeyword, "OY", {{store::RuleActionType::kPollVote, "", "", poll}, Reply("Tesekkurler")}));
  REQUIRE(rig.Handle(kSender, "katil evet"));  // no reply action: the poll's answer
  REQUIRE(rig.Handle("+905320000002", "oy hayir"));
  CHECK(Texts(rig.Queued()) == std::vector<std::string>{"Tesekkurler", "Şube anketi: Evet oyu alindi"});
  CHECK(rig.store->polls().Results(poll)->counted == 2);
}

TEST_CASE("AVoteReadAgainIsNotCountedOrAnsweredTwice", "[inbound_processor][polls]") {
  Rig rig;
  const int64_t poll = *rig.store->polls().CreatePoll(Poll("ANKET"), kT0);
  const modem::InboundPdu pdu = Deliver(kSender, "anket evet", 9);
  REQUIRE(rig.Handle(pdu));
  REQUIRE(rig.Handle(pdu));
  CHECK(rig.store->polls().Results(poll)->votes == 1);
  CHECK(rig.Queued().size() == 1);
}

}  // namespace
}  // namespace tellal::core

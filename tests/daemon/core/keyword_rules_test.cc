#include "daemon/core/keyword_rules.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>
#include <vector>

using tellal::core::CompileRulePattern;
using tellal::core::FirstFoldedWord;
using tellal::core::FoldKeyword;
using tellal::core::KeywordRules;
using namespace tellal::store;

namespace {

Rule MakeRule(int64_t id, RuleMatch match, const std::string& pattern, int order = 0) {
  Rule r;
  r.id = id;
  r.spec.match = match;
  r.spec.pattern = pattern;
  r.spec.order = order;
  return r;
}

KeywordRules Built(std::vector<Rule> rules) {
  auto built = KeywordRules::Build(std::move(rules));
  REQUIRE(built.ok());
  return std::move(built).value();
}

int64_t MatchedId(const KeywordRules& rules, const std::string& text, const std::string& modem = "sim1",
                  KeywordRules::Pass pass = KeywordRules::Pass::kSpecific) {
  const Rule* r = rules.Match(text, modem, pass);
  return r ? r->id : 0;
}

}  // namespace

TEST_CASE("AKeywordRuleMatchesTheFirstWordWhateverTheTurkishCase", "[keyword_rules]") {
  // Written any of the four ways, IPTAL matches sent any of the four ways.
  const auto [keyword, text, matches] = GENERATE(table<std::string, std::string, bool>({
      {"İPTAL", "iptal", true},
      {"iptal", "İPTAL", true},
      {"IPTAL", "ıptal", true},
      {"ıptal", "IPTAL", true},
      {"İPTAL", "  İptal!  ", true},
      {"İPTAL", "iptal siparis 123", true},       // the first word of a longer text
      {"İPTAL", "siparisimi iptal edin", false},  // not the first word
      {"İPTAL", "iptaller", false},               // a longer word
      {"BİLGİ", "Bilgi, lutfen", true},
      {"ŞANS", "sans", true},
      {"EVET", "", false},
  }));
  CAPTURE(keyword, text);
  KeywordRules rules = Built({MakeRule(1, RuleMatch::kKeyword, keyword)});
  CHECK((MatchedId(rules, text) == 1) == matches);
}

TEST_CASE("ARegexRuleSearchesTheFoldedWordsLetterCaseIgnored", "[keyword_rules]") {
  const auto [pattern, text, matches] = GENERATE(table<std::string, std::string, bool>({
      {"^kod \\d+$", "KOD 123", true},
      {"^kod \\d+$", "Kod   123.", true},  // punctuation and runs of spaces fold away
      {"^kod \\d+$", "kod abc", false},
      {"iptal", "siparişimi İPTAL edin", true},  // anywhere, unlike a keyword
      {"siparis", "SİPARİŞ", true},
      {"^a$", "b", false},
  }));
  CAPTURE(pattern, text);
  KeywordRules rules = Built({MakeRule(1, RuleMatch::kRegex, pattern)});
  CHECK((MatchedId(rules, text) == 1) == matches);
}

TEST_CASE("TheFirstMatchingRuleWinsByOrderThenId", "[keyword_rules]") {
  KeywordRules rules = Built({MakeRule(5, RuleMatch::kKeyword, "A", 10), MakeRule(3, RuleMatch::kRegex, "^a", 10),
                              MakeRule(9, RuleMatch::kKeyword, "A", 1)});
  CHECK(MatchedId(rules, "a b") == 9);
  KeywordRules same_order =
      Built({MakeRule(5, RuleMatch::kKeyword, "A", 10), MakeRule(3, RuleMatch::kRegex, "^a", 10)});
  CHECK(MatchedId(same_order, "a b") == 3);
}

TEST_CASE("AnyRulesMatchOnlyInTheFallbackPassAndSpecificOnesOnlyInTheirs", "[keyword_rules]") {
  KeywordRules rules = Built({MakeRule(1, RuleMatch::kAny, "", 0), MakeRule(2, RuleMatch::kKeyword, "BILGI", 5)});
  CHECK(MatchedId(rules, "bilgi") == 2);
  CHECK(MatchedId(rules, "merhaba") == 0);
  CHECK(MatchedId(rules, "merhaba", "sim1", KeywordRules::Pass::kFallback) == 1);
  CHECK(MatchedId(rules, "bilgi", "sim1", KeywordRules::Pass::kFallback) == 1);
}

TEST_CASE("DisabledRulesAndRulesOfAnotherModemDoNotMatch", "[keyword_rules]") {
  Rule off = MakeRule(1, RuleMatch::kKeyword, "A", 0);
  off.spec.enabled = false;
  Rule scoped = MakeRule(2, RuleMatch::kKeyword, "A", 1);
  scoped.spec.modem = "sim2";
  Rule everywhere = MakeRule(3, RuleMatch::kKeyword, "A", 2);
  KeywordRules rules = Built({off, scoped, everywhere});
  CHECK(MatchedId(rules, "a", "sim2") == 2);
  CHECK(MatchedId(rules, "a", "sim1") == 3);
}

TEST_CASE("KeywordsAndPatternsThatCouldNeverMatchAreRefused", "[keyword_rules]") {
  CHECK(*FoldKeyword(" Şans! ") == "sans");
  CHECK_FALSE(FoldKeyword("").ok());
  CHECK_FALSE(FoldKeyword("?!").ok());
  CHECK_FALSE(FoldKeyword("iki kelime").ok());
  CHECK(CompileRulePattern("^KOD \\d+").ok());
  CHECK_FALSE(CompileRulePattern("(unclosed").ok());
  CHECK_FALSE(CompileRulePattern("").ok());
  CHECK_FALSE(CompileRulePattern("şans").ok());  // folded text has no ş
  auto bad = KeywordRules::Build({MakeRule(4, RuleMatch::kRegex, "[a-")});
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, Catch::StartsWith("rule 4"));
}

TEST_CASE("TheFirstFoldedWordIsWhatKeywordsCompare", "[keyword_rules]") {
  CHECK(FirstFoldedWord("  EVET, katılıyorum") == "evet");
  CHECK(FirstFoldedWord("...") == "");
}

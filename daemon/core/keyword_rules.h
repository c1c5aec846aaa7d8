// KeywordRules: which keyword rule an inbound SMS matches.
//
// Every comparison is on the message's folded words (text/turkish_fold.h,
// the same folding as the opt-out keywords): "İPTAL", "iptal", "IPTAL" and
// "ıptal" are one word, and spaces and punctuation around and between
// words do not matter.
//  - keyword: the message's FIRST word equals the rule's keyword folded
//    ("BİLGİ lütfen" matches BILGI; "lütfen bilgi" does not).
//  - regex:   the rule's ECMAScript pattern is found anywhere in the folded
//    words, letter case ignored ("^kod \d+" matches "KOD 123"). Patterns
//    are written as the folded text reads: Turkish letters unaccented.
//  - any:     every message; a fallback, asked for separately (Pass), so
//    that other matchers (polls) can be tried between the specific rules and the
//    fallbacks.
// Disabled rules never match; a rule scoped to a modem matches only
// messages that modem received. Among matching rules the lowest order
// wins, then the lowest id.
//
// Pure; safe from any thread once built.
#ifndef TELLAL_DAEMON_CORE_KEYWORD_RULES_H_
#define TELLAL_DAEMON_CORE_KEYWORD_RULES_H_

#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/rule_records.h"
#include "modem/result.h"

namespace tellal::core {

// The folded first word of `text` ("" for a text without words).
std::string FirstFoldedWord(std::string_view text);

// The folded form a keyword rule compares, or why `keyword` cannot be one
// (empty, or more than one word).
Result<std::string> FoldKeyword(std::string_view keyword);

// `pattern` compiled as a rule's regex, or why it cannot be: the regex
// library's reason, or Turkish letters (the folded text has none).
Result<std::regex> CompileRulePattern(std::string_view pattern);

class KeywordRules {
 public:
  enum class Pass { kSpecific, kFallback };  // keyword and regex rules, or any rules

  // Fails naming the first rule whose keyword or regex is not valid (the
  // API refuses those, so this means the table was changed behind it).
  static Result<KeywordRules> Build(std::vector<store::Rule> rules);

  // The first rule of `pass` that matches; nullptr when none does. The
  // pointer lives as long as this object.
  const store::Rule* Match(std::string_view text, std::string_view modem, Pass pass) const;

 private:
  struct Entry {
    store::Rule rule;
    std::string keyword;  // folded, for keyword rules
    std::regex regex;     // for regex rules
  };
  std::vector<Entry> entries_;  // enabled only, by (order, id)
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_KEYWORD_RULES_H_

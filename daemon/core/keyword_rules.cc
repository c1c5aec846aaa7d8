#include "daemon/core/keyword_rules.h"

#include <algorithm>

#include "daemon/text/turkish_fold.h"

namespace tellal::core {
std::string FirstFoldedWord(std::string_view text) {
  std::string words = text::FoldWords(text);
  return words.substr(0, words.find(' '));
}

Result<std::string> FoldKeyword(std::string_view keyword) {
  std::string folded = text::FoldWords(keyword);
  if (folded.empty()) return Error::InvalidArgument("a keyword needs at least one letter or digit");
  if (folded.find(' ') != std::string::npos)
    return Error::InvalidArgument("a keyword is one word; '" + std::string(keyword) + "' is several");
  return folded;
}

Result<std::regex> CompileRulePattern(std::string_view pattern) {
  if (pattern.empty()) return Error::InvalidArgument("the pattern is empty");
  // Folding leaves no Turkish letter, so a pattern naming one could never
  // match; Fold changes nothing else than letter case for such a pattern.
  std::string lower(pattern);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  if (text::Fold(pattern) != lower)
    return Error::InvalidArgument("write Turkish letters as the folded text has them (s for ş, i for ı and İ)");
  try {
    return std::regex(std::string(pattern), std::regex::ECMAScript | std::regex::icase);
  } catch (const std::regex_error& e) {
    // The library reports bad patterns only by throwing; this is its edge.
    return Error::InvalidArgument(std::string("not a valid regular expression: ") + e.what());
  }
}

Result<KeywordRules> KeywordRules::Build(std::vector<store::Rule> rules) {
  std::sort(rules.begin(), rules.end(), [](const store::Rule& a, const store::Rule& b) {
    return a.spec.order != b.spec.order ? a.spec.order < b.spec.order : a.id < b.id;
  });
  KeywordRules out;
  for (store::Rule& r : rules) {
    if (!r.spec.enabled) continue;
    Entry e;
    if (r.spec.match == store::RuleMatch::kKeyword) {
      auto folded = FoldKeyword(r.spec.pattern);
      if (!folded) return Wrap("rule " + std::to_string(r.id), folded.error());
      e.keyword = std::move(*folded);
    } else if (r.spec.match == store::RuleMatch::kRegex) {
      auto compiled = CompileRulePattern(r.spec.pattern);
      if (!compiled) return Wrap("rule " + std::to_string(r.id), compiled.error());
      e.regex = std::move(*compiled);
    }
    e.rule = std::move(r);
    out.entries_.push_back(std::move(e));
  }
  return out;
}

const store::Rule* KeywordRules::Match(std::string_view text, std::string_view modem, Pass pass) const {
  const std::string words = text::FoldWords(text);
  const std::string first = words.substr(0, words.find(' '));
  for (const Entry& e : entries_) {
    const store::RuleSpec& s = e.rule.spec;
    if (s.modem && *s.modem != modem) continue;
    const bool fallback = s.match == store::RuleMatch::kAny;
    if (fallback != (pass == Pass::kFallback)) continue;
    switch (s.match) {
      case store::RuleMatch::kAny:
        return &e.rule;
      case store::RuleMatch::kKeyword:
        if (!first.empty() && first == e.keyword) return &e.rule;
        break;
      case store::RuleMatch::kRegex:
        try {
          if (std::regex_search(words, e.regex)) return &e.rule;
        } catch (const std::regex_error&) {
          // A pattern too complex for this text (error_complexity,
          // error_stack) does not match it.
        }
        break;
    }
  }
  return nullptr;
}

}  // namespace tellal::core

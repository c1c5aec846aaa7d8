#include "daemon/core/opt_out_keywords.h"

#include <algorithm>

#include "daemon/text/turkish_fold.h"

namespace tellal::core {
namespace {

std::vector<std::string> Forms(const std::vector<std::string>& keywords, const std::string& folded_brand) {
  std::vector<std::string> forms;
  for (const std::string& k : keywords) {
    const std::string folded = text::FoldWords(k);
    if (folded.empty()) continue;
    forms.push_back(folded);
    if (!folded_brand.empty()) forms.push_back(folded + " " + folded_brand);
  }
  return forms;
}

bool Contains(const std::vector<std::string>& forms, const std::string& words) {
  return std::find(forms.begin(), forms.end(), words) != forms.end();
}

}  // namespace

OptOutKeywords::OptOutKeywords(const std::vector<std::string>& stop, const std::vector<std::string>& start,
                               const std::string& brand) {
  const std::string folded_brand = text::FoldWords(brand);
  stop_ = Forms(stop, folded_brand);
  start_ = Forms(start, folded_brand);
}

KeywordVerdict OptOutKeywords::Classify(std::string_view text) const {
  const std::string words = text::FoldWords(text);
  if (words.empty()) return KeywordVerdict::kNone;
  if (Contains(stop_, words)) return KeywordVerdict::kStop;
  if (Contains(start_, words)) return KeywordVerdict::kStart;
  return KeywordVerdict::kNone;
}

}  // namespace tellal::core

// OptOutKeywords: whether a received SMS, as a whole, asks to stop or to
// start commercial messages again.
//
// A message matches when its folded words (text/turkish_fold.h: case,
// İ/ı/I/i, ş ğ ç ö ü, surrounding spaces and punctuation do not matter)
// are exactly a keyword's, or a keyword's followed by the brand's. Only the
// whole message counts: "siparişimi iptal edin" and "durum nedir" are not
// opt-outs, though they contain IPTAL and DUR.
//
// Pure; safe from any thread once built.
#ifndef TELLAL_DAEMON_CORE_OPT_OUT_KEYWORDS_H_
#define TELLAL_DAEMON_CORE_OPT_OUT_KEYWORDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace tellal::core {

enum class KeywordVerdict { kNone, kStop, kStart };

class OptOutKeywords {
 public:
  // `brand` may be empty: then a keyword must stand alone.
  OptOutKeywords(const std::vector<std::string>& stop, const std::vector<std::string>& start, const std::string& brand);

  KeywordVerdict Classify(std::string_view text) const;

 private:
  std::vector<std::string> stop_;  // folded, with and without the brand
  std::vector<std::string> start_;
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_OPT_OUT_KEYWORDS_H_

#include "daemon/core/opt_out_keywords.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::core {
namespace {

const OptOutKeywords& Defaults() {
  static const OptOutKeywords k({"DUR", "STOP", "IPTAL", "RET"}, {"BASLA", "START"}, "Tellal");
  return k;
}

TEST_CASE("WholeMessagesThatAreAKeywordAreRecognisedInAnySpelling", "[opt_out_keywords]") {
  auto [text, verdict] = GENERATE(table<std::string, KeywordVerdict>({
      {"DUR", KeywordVerdict::kStop},
      {"Dur", KeywordVerdict::kStop},
      {" dur. ", KeywordVerdict::kStop},
      {"STOP!", KeywordVerdict::kStop},
      {"İptal", KeywordVerdict::kStop},
      {"IPTAL", KeywordVerdict::kStop},
      {"ıptal", KeywordVerdict::kStop},
      {"iptal", KeywordVerdict::kStop},
      {"ret", KeywordVerdict::kStop},
      {"DUR TELLAL", KeywordVerdict::kStop},
      {"dur, tellal", KeywordVerdict::kStop},
      {"RET Tellal.", KeywordVerdict::kStop},
      {"Başla", KeywordVerdict::kStart},
      {"BAŞLA", KeywordVerdict::kStart},
      {"basla tellal", KeywordVerdict::kStart},
      {"start", KeywordVerdict::kStart},
  }));
  CAPTURE(text);
  CHECK(Defaults().Classify(text) == verdict);
}

TEST_CASE("AKeywordInsideASentenceIsNotAnOptOut", "[opt_out_keywords]") {
  auto text = GENERATE(as<std::string>{}, "siparişimi iptal edin", "durum nedir", "durun", "DUR LÜTFEN", "tellal dur",
                       "DUR OTHERBRAND", "", "...", "stopp", "iptal iptal");
  CAPTURE(text);
  CHECK(Defaults().Classify(text) == KeywordVerdict::kNone);
}

TEST_CASE("WithoutABrandAKeywordMustStandAlone", "[opt_out_keywords]") {
  const OptOutKeywords k({"DUR"}, {"BASLA"}, "");
  CHECK(k.Classify("dur") == KeywordVerdict::kStop);
  CHECK(k.Classify("dur tellal") == KeywordVerdict::kNone);
}

TEST_CASE("ConfiguredKeywordsAreFoldedToo", "[opt_out_keywords]") {
  const OptOutKeywords k({"İSTEMİYORUM"}, {"EVET"}, "Çiçekçi Şule");
  CHECK(k.Classify("istemiyorum") == KeywordVerdict::kStop);
  CHECK(k.Classify("Istemiyorum cicekci sule") == KeywordVerdict::kStop);
  CHECK(k.Classify("dur") == KeywordVerdict::kNone);  // the defaults are replaced, not added to
  CHECK(k.Classify("evet!") == KeywordVerdict::kStart);
}

}  // namespace
}  // namespace tellal::core

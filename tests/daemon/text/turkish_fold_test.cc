#include "daemon/text/turkish_fold.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>

namespace tellal::text {
namespace {

TEST_CASE("Fold maps every Turkish letter in both cases to its ASCII base") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"İ", "i"},
      {"I", "i"},
      {"ı", "i"},
      {"i", "i"},
      {"ŞşĞğÇçÖöÜü", "ssggccoouu"},
      {"ÂâÎîÛû", "aaiiuu"},
      {"İPTAL", "iptal"},
      {"ıptal", "iptal"},
      {"Iptal", "iptal"},
      {"BAŞLA", "basla"},
      {"başla", "basla"},
      {"I\xCC\x87PTAL", "iptal"},  // I + U+0307, a decomposed İ
      {"Ayşe Yılmaz", "ayse yilmaz"},
      {"ÇAĞRI", "cagri"},
  }));
  CAPTURE(input);
  CHECK(Fold(input) == expected);
}

TEST_CASE("Fold keeps what is not a Turkish or ASCII letter byte for byte") {
  CHECK(Fold("0532 123") == "0532 123");
  CHECK(Fold("Ωmega €5 😀") == "Ωmega €5 😀");
  CHECK(Fold("\xFF\xC3") == "\xFF\xC3");  // malformed UTF-8 stays, folding never fails
  CHECK(Fold("É") == "É");                // not Turkish: left alone
}

TEST_CASE("FoldWords trims punctuation and spaces and joins inner runs") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"  Dur! ", "dur"},
      {"DUR", "dur"},
      {"dur.", "dur"},
      {"\"İptal\"", "iptal"},
      {"İptal, Tellal", "iptal tellal"},
      {"STOP   tellal ...", "stop tellal"},
      {"\tret\r\n", "ret"},
      {"siparişimi iptal edin", "siparisimi iptal edin"},
      {"durum nedir?", "durum nedir"},
      {"!!!", ""},
      {"", ""},
  }));
  CAPTURE(input);
  CHECK(FoldWords(input) == expected);
}

}  // namespace
}  // namespace tellal::text

#include "modem/at/cms_cme_errors.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <tuple>

namespace tellal::at {
namespace {

TEST_CASE("+CMS ERROR codes have their meaning and class", "[cms_cme]") {
  auto [code, meaning, error_class] = GENERATE(table<int, std::string, ErrorClass>({
      {1, "unassigned (unallocated) number", ErrorClass::kPermanent},
      {8, "operator determined barring", ErrorClass::kTemporary},
      {21, "short message transfer rejected", ErrorClass::kPermanent},
      {27, "destination out of order", ErrorClass::kTemporary},
      {30, "unknown subscriber", ErrorClass::kPermanent},
      {38, "network out of order", ErrorClass::kTemporary},
      {42, "congestion", ErrorClass::kTemporary},
      {96, "invalid mandatory information", ErrorClass::kPermanent},
      {127, "interworking, unspecified", ErrorClass::kTemporary},
      {0x80, "telematic interworking not supported", ErrorClass::kPermanent},
      {0x90, "data coding scheme (alphabet) not supported", ErrorClass::kPermanent},
      {0xC0, "SC busy", ErrorClass::kTemporary},
      {0xC3, "invalid SME address", ErrorClass::kPermanent},
      {0xD0, "(U)SIM SMS storage full", ErrorClass::kTemporary},
      {0xD3, "memory capacity exceeded", ErrorClass::kTemporary},
      {0xFF, "unspecified error cause", ErrorClass::kTemporary},
      {300, "ME failure", ErrorClass::kModem},
      {304, "invalid PDU mode parameter", ErrorClass::kPermanent},
      {310, "(U)SIM not inserted", ErrorClass::kModem},
      {311, "(U)SIM PIN required", ErrorClass::kModem},
      {314, "(U)SIM busy", ErrorClass::kTemporary},
      {316, "(U)SIM PUK required", ErrorClass::kModem},
      {322, "memory full", ErrorClass::kTemporary},
      {330, "SMSC address unknown", ErrorClass::kModem},
      {331, "no network service", ErrorClass::kTemporary},
      {332, "network timeout", ErrorClass::kTemporary},
      {500, "unknown error", ErrorClass::kTemporary},
  }));
  INFO("+CMS ERROR: " << code);
  const ErrorDescription d = DescribeCmsError(code);
  CHECK(d.known);
  CHECK(d.code == code);
  CHECK(d.meaning == meaning);
  CHECK(d.error_class == error_class);
}

TEST_CASE("+CME ERROR codes have their meaning and class", "[cms_cme]") {
  auto [code, meaning, error_class] = GENERATE(table<int, std::string, ErrorClass>({
      {0, "phone failure", ErrorClass::kModem},
      {3, "operation not allowed", ErrorClass::kTemporary},
      {10, "SIM not inserted", ErrorClass::kModem},
      {11, "SIM PIN required", ErrorClass::kModem},
      {12, "SIM PUK required", ErrorClass::kModem},
      {13, "SIM failure", ErrorClass::kModem},
      {14, "SIM busy", ErrorClass::kTemporary},
      {16, "incorrect password", ErrorClass::kModem},
      {20, "memory full", ErrorClass::kTemporary},
      {21, "invalid index", ErrorClass::kPermanent},
      {27, "invalid characters in dial string", ErrorClass::kPermanent},
      {30, "no network service", ErrorClass::kTemporary},
      {31, "network timeout", ErrorClass::kTemporary},
      {32, "network not allowed - emergency calls only", ErrorClass::kTemporary},
      {100, "unknown", ErrorClass::kTemporary},
  }));
  INFO("+CME ERROR: " << code);
  const ErrorDescription d = DescribeCmeError(code);
  CHECK(d.known);
  CHECK(d.meaning == meaning);
  CHECK(d.error_class == error_class);
}

TEST_CASE("Unknown codes are temporary with a generated meaning", "[cms_cme]") {
  auto [code, is_cms] = GENERATE(table<int, bool>({
      {2, true},
      {0x83, true},
      {399, true},
      {512, true},
      {-1, true},
      {8, false},
      {99, false},
      {765, false},
  }));
  const ErrorDescription d = is_cms ? DescribeCmsError(code) : DescribeCmeError(code);
  CHECK_FALSE(d.known);
  CHECK(d.code == code);
  CHECK(d.meaning == "unknown error " + std::to_string(code));
  CHECK(d.error_class == ErrorClass::kTemporary);
}

TEST_CASE("Verbose texts map back to their codes", "[cms_cme]") {
  auto [text, is_cms, code] = GENERATE(table<std::string, bool, int>({
      {"SIM not inserted", false, 10},
      {"sim not inserted", false, 10},
      {"SIM PIN required", false, 11},
      {"  Incorrect Password ", false, 16},
      {"network not allowed, emergency calls only", false, 32},
      {"phone failure", false, 0},
      {"SIM not inserted", true, 310},
      {"(U)SIM not inserted", true, 310},
      {"SIM PUK required", true, 316},
      {"PH-SIM PIN required", true, 312},
      {"Invalid PDU mode parameter", true, 304},
      {"SMSC address unknown", true, 330},
      {"Unknown error", true, 500},
      {"SC busy", true, 0xC0},
      {"unassigned (unallocated) number", true, 1},
  }));
  INFO(text);
  CHECK((is_cms ? CmsCodeFromText(text) : CmeCodeFromText(text)) == code);
}

TEST_CASE("Texts that are no table entry map to nothing", "[cms_cme]") {
  auto text = GENERATE(as<std::string>{}, "", "  ", "SIM", "not inserted", "SIM not inserted!!x", "10");
  INFO(text);
  CHECK_FALSE(CmeCodeFromText(text).has_value());
  CHECK_FALSE(CmsCodeFromText(text).has_value());
}

TEST_CASE("Every table entry describes itself and its text maps back", "[cms_cme]") {
  for (bool cms : {true, false}) {
    const auto table = cms ? CmsErrorTable() : CmeErrorTable();
    REQUIRE(table.size() > 20);
    std::set<int> codes;
    for (const ErrorEntry& e : table) {
      INFO((cms ? "CMS " : "CME ") << e.code << " " << e.meaning);
      CHECK(codes.insert(e.code).second);
      CHECK_FALSE(e.meaning.empty());
      const ErrorDescription d = cms ? DescribeCmsError(e.code) : DescribeCmeError(e.code);
      CHECK(d.meaning == e.meaning);
      CHECK(d.error_class == e.error_class);
      const std::optional<int> back = cms ? CmsCodeFromText(e.meaning) : CmeCodeFromText(e.meaning);
      REQUIRE(back.has_value());
      // RP-Cause 22 and TP-FCS 0xD3 share "memory capacity exceeded"; the
      // text can only name the first.
      if (!(cms && e.code == 0xD3)) CHECK(*back == e.code);
    }
  }
}

TEST_CASE("Error classes have names", "[cms_cme]") {
  CHECK(ToString(ErrorClass::kPermanent) == "permanent");
  CHECK(ToString(ErrorClass::kTemporary) == "temporary");
  CHECK(ToString(ErrorClass::kModem) == "modem");
}

}  // namespace
}  // namespace tellal::at

#include "modem/driver/cnmi_choice.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::modem {
namespace {

CnmiSetting ChooseFrom(const std::string& line) {
  Result<at::CnmiSupport> support = at::ParseCnmiTest(line);
  REQUIRE(support.ok());
  return ChooseCnmi(*support);
}

TEST_CASE("CNMI choice from the ranges modems offer", "[cnmi_choice]") {
  auto [line, expected] = GENERATE(table<std::string, std::string>({
      // Huawei E173.
      {"+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)", "2,1,0,1,0"},
      // SIM800: everything.
      {"+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)", "2,1,0,1,0"},
      // Status reports only as +CDSI.
      {"+CNMI: (0-2),(0-3),(0),(0,2),(0,1)", "2,1,0,2,0"},
      // No buffered mode 2: mode 1; no status reports at all.
      {"+CNMI: (0,1),(0,1),(0),(0),(0)", "1,1,0,0,0"},
      // Only direct routing of deliveries: +CMT is better than nothing.
      {"+CNMI: (1,2),(0,2),(0),(0,1),(0,1)", "2,2,0,1,0"},
      // Mode 3 only beats mode 0.
      {"+CNMI: (0,3),(0,1),(0),(0,1),(0)", "3,1,0,1,0"},
      // bfr 1 only.
      {"+CNMI: (2),(1),(0),(1),(1)", "2,1,0,1,1"},
  }));
  INFO(line);
  CHECK(ToString(ChooseFrom(line)) == expected);
}

TEST_CASE("Groups a modem leaves empty take the preferred value", "[cnmi_choice]") {
  at::CnmiSupport support;
  support.mode = {0, 1, 2};
  support.mt = {0, 1};
  CHECK(ChooseCnmi(support) == CnmiSetting{2, 1, 0, 1, 0});
}

TEST_CASE("Candidates start with the choice and add fallbacks once", "[cnmi_choice]") {
  const std::vector<CnmiSetting> from_choice = CnmiCandidates(CnmiSetting{2, 1, 0, 2, 0});
  REQUIRE(from_choice.size() == 4);
  CHECK(from_choice[0] == CnmiSetting{2, 1, 0, 2, 0});
  CHECK(from_choice[1] == CnmiSetting{2, 1, 0, 1, 0});
  CHECK(from_choice[2] == CnmiSetting{2, 1, 0, 0, 0});
  CHECK(from_choice[3] == CnmiSetting{1, 1, 0, 0, 0});

  const std::vector<CnmiSetting> odd = CnmiCandidates(CnmiSetting{3, 2, 0, 0, 1});
  CHECK(odd.size() == 5);
  CHECK(odd.front() == CnmiSetting{3, 2, 0, 0, 1});
}

}  // namespace
}  // namespace tellal::modem

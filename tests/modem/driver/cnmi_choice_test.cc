#include "modem/driver/cnmi_choice.h"

#include <algorithm>
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

TEST_CASE("Candidates start with the choice and step down through what is offered", "[cnmi_choice]") {
  // Huawei: mode 2 offered and refused; mode 1 with the same ds comes before
  // giving up ds.
  Result<at::CnmiSupport> huawei = at::ParseCnmiTest("+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)");
  REQUIRE(huawei.ok());
  const std::vector<CnmiSetting> steps = CnmiCandidates(*huawei);
  REQUIRE(steps.size() >= 2);
  CHECK(steps[0] == CnmiSetting{2, 1, 0, 1, 0});
  const auto mode1 = std::find(steps.begin(), steps.end(), CnmiSetting{1, 1, 0, 1, 0});
  const auto ds0 = std::find(steps.begin(), steps.end(), CnmiSetting{2, 1, 0, 0, 0});
  REQUIRE(mode1 != steps.end());
  CHECK(ds0 < mode1);
  // No repeats.
  for (auto it = steps.begin(); it != steps.end(); ++it) CHECK(std::count(steps.begin(), steps.end(), *it) == 1);

  // Cinterion MC75i: bfr 1 only; every candidate keeps it.
  Result<at::CnmiSupport> mc75 = at::ParseCnmiTest("+CNMI: (0-3),(0,1),(0,2,3),(0,2),(1)");
  REQUIRE(mc75.ok());
  for (const CnmiSetting& s : CnmiCandidates(*mc75)) CHECK(s.bfr == 1);

  // Nothing known: mode 1 and ds 0 are still reached.
  const std::vector<CnmiSetting> blind = CnmiCandidates(at::CnmiSupport{});
  CHECK(std::find(blind.begin(), blind.end(), CnmiSetting{1, 1, 0, 0, 0}) != blind.end());
  CHECK(blind.front() == CnmiSetting{2, 1, 0, 1, 0});
}

}  // namespace
}  // namespace tellal::modem

#include "modem/driver/modem_profile.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::modem {
namespace {

TEST_CASE("The quirk profile is resolved from +CGMI and +CGMM", "[modem_profile]") {
  auto [manufacturer, model, family, first_iccid, cpin_final] =
      GENERATE(table<std::string, std::string, ModemFamily, IccidQuery, bool>({
          {"huawei", "E173", ModemFamily::kHuawei, IccidQuery::kHuaweiIccid, false},
          {"HUAWEI", "E3372", ModemFamily::kHuawei, IccidQuery::kHuaweiIccid, false},
          {"SIMCOM_Ltd", "SIMCOM_SIM800L", ModemFamily::kSimcom, IccidQuery::kCcid, false},
          {"SIMCOM INCORPORATED", "SIMCOM_SIM7600E-H", ModemFamily::kSimcom, IccidQuery::kCcid, false},
          {"", "SIMCOM_SIM800", ModemFamily::kSimcom, IccidQuery::kCcid, false},
          {"Quectel", "EC25", ModemFamily::kQuectel, IccidQuery::kQuectelIccid, false},
          {"ZTE INCORPORATED", "MF190", ModemFamily::kZte, IccidQuery::kCcid, false},
          {" WAVECOM MODEM", " MULTIBAND  900E  1800 ", ModemFamily::kWavecom, IccidQuery::kCcid, true},
          {"Cinterion", "MC55", ModemFamily::kCinterion, IccidQuery::kCcid, false},
          {"SIEMENS", "MC35i", ModemFamily::kCinterion, IccidQuery::kCcid, false},
          {"u-blox", "SARA-U201", ModemFamily::kUblox, IccidQuery::kCcid, false},
          {"Telit", "GL865-QUAD", ModemFamily::kTelit, IccidQuery::kCcid, false},
          {"tellal", "virtual", ModemFamily::kGeneric, IccidQuery::kCcid, false},
          {"", "", ModemFamily::kGeneric, IccidQuery::kCcid, false},
      }));
  INFO(manufacturer << " / " << model);
  const ModemProfile p = ResolveProfile(manufacturer, model);
  CHECK(p.family == family);
  REQUIRE_FALSE(p.iccid_queries.empty());
  CHECK(p.iccid_queries.front() == first_iccid);
  CHECK(p.iccid_queries.back() == IccidQuery::kSimFile);
  CHECK(p.cpin_answer_is_final == cpin_final);
}

}  // namespace
}  // namespace tellal::modem

#include "modem/driver/modem_profile.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::modem {
namespace {

TEST_CASE("The quirk profile is resolved from +CGMI and +CGMM", "[modem_profile]") {
  auto [manufacturer, model, family, has_ccid] = GENERATE(table<std::string, std::string, ModemFamily, bool>({
      {"huawei", "E173", ModemFamily::kHuawei, false},
      {"HUAWEI", "E3372", ModemFamily::kHuawei, false},
      {"SIMCOM_Ltd", "SIMCOM_SIM800L", ModemFamily::kSimcom, true},
      {"SIMCOM INCORPORATED", "SIMCOM_SIM7600E-H", ModemFamily::kSimcom, true},
      {"", "SIMCOM_SIM800", ModemFamily::kSimcom, true},
      {"Quectel", "EC25", ModemFamily::kGeneric, true},
      {"tellal", "virtual", ModemFamily::kGeneric, true},
      {"", "", ModemFamily::kGeneric, true},
  }));
  INFO(manufacturer << " / " << model);
  const ModemProfile p = ResolveProfile(manufacturer, model);
  CHECK(p.family == family);
  CHECK(p.has_ccid == has_ccid);
}

}  // namespace
}  // namespace tellal::modem

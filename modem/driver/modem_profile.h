// Model quirks, resolved once from +CGMI / +CGMM so the rest of the driver
// asks the profile instead of testing model names all over the code.
//
// Pure functions; safe to call from any thread.
#ifndef TELLAL_MODEM_DRIVER_MODEM_PROFILE_H_
#define TELLAL_MODEM_DRIVER_MODEM_PROFILE_H_

#include <string_view>

namespace tellal::modem {

enum class ModemFamily { kGeneric, kHuawei, kSimcom };

std::string_view ToString(ModemFamily family);

struct ModemProfile {
  ModemFamily family = ModemFamily::kGeneric;
  // Huawei E173/E3372 answer AT+CCID with ERROR (their manuals list only
  // AT^ICCID?), so asking only adds a failed exchange to every init.
  bool has_ccid = true;
};

// Case-insensitive: "huawei", "HUAWEI" -> Huawei; "SIMCOM_Ltd",
// "SIMCOM INCORPORATED" or a "SIMCOM_SIM800L" model -> SIMCom.
ModemProfile ResolveProfile(std::string_view manufacturer, std::string_view model);

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_MODEM_PROFILE_H_

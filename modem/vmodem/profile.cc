#include "modem/vmodem/profile.h"

#include <algorithm>

namespace tellal::vmodem {

const ProfileTraits& TraitsFor(Profile profile) {
  static const ProfileTraits kGeneric{
      .manufacturer = "tellal",
      .model = "virtual",
      .revision = "tellal-vmodem 1",
      .cnmi_test = "+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)",
  };
  // Huawei E173: no +CCID (^ICCID? instead), ^CURC gates the periodic
  // reports, and +CNMI=? lists the values one by one.
  static const ProfileTraits kHuawei{
      .manufacturer = "huawei",
      .model = "E173",
      .revision = "11.126.85.00.209",
      .supports_ccid = false,
      .supports_huawei_iccid = true,
      .supports_curc = true,
      .periodic_noise = true,
      .cnmi_test = "+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)",
  };
  static const ProfileTraits kSimcom{
      .manufacturer = "SIMCOM_Ltd",
      .model = "SIMCOM_SIM800L",
      .revision = "Revision:1418B04SIM800L24",
      .cnmi_test = "+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)",
      .boot_banner = true,
      .cops_act = "",
  };
  switch (profile) {
    case Profile::kHuawei:
      return kHuawei;
    case Profile::kSimcom:
      return kSimcom;
    case Profile::kGeneric:
      break;
  }
  return kGeneric;
}

std::vector<std::string> BootUrcs(Profile profile, bool pin_required) {
  if (!TraitsFor(profile).boot_banner) return {};
  // SIM800 manual §"Unsolicited result codes": RDY at a fixed baud rate,
  // then the SIM state; Call Ready / SMS Ready only once the SIM is usable.
  if (pin_required) return {"RDY", "+CFUN: 1", "+CPIN: SIM PIN"};
  return {"RDY", "+CFUN: 1", "+CPIN: READY", "Call Ready", "SMS Ready"};
}

std::vector<std::string> PinAcceptedUrcs(Profile profile) {
  if (!TraitsFor(profile).boot_banner) return {};
  return {"+CPIN: READY", "Call Ready", "SMS Ready"};
}

std::string NoiseUrc(int rssi, std::mt19937& rng) {
  // Huawei reports without a space after the colon. ^MODE:5,4 is WCDMA /
  // HSDPA, ^SRVST:2 "valid service".
  switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
    case 0:
      return "^MODE:5,4";
    case 1:
      return "^SRVST:2";
    case 2:
      return "^BOOT:20952548,0,0,0,72";
    default: {
      const int jitter = std::uniform_int_distribution<int>(-2, 2)(rng);
      return "^RSSI:" + std::to_string(std::clamp(rssi + jitter, 0, 31));
    }
  }
}

}  // namespace tellal::vmodem

// Model quirks as data, resolved once from +CGMI / +CGMM so the rest of the
// driver asks the profile instead of testing model names all over the code.
// Each field names the modems and the public transcript that shows the quirk
// (sources: /work/notes/modem_families.md).
//
// Pure functions; safe to call from any thread.
#ifndef TELLAL_MODEM_DRIVER_MODEM_PROFILE_H_
#define TELLAL_MODEM_DRIVER_MODEM_PROFILE_H_

#include <string_view>
#include <vector>

namespace tellal::modem {

enum class ModemFamily { kGeneric, kHuawei, kSimcom, kZte, kQuectel, kWavecom, kCinterion, kUblox, kTelit, kSierra };

std::string_view ToString(ModemFamily family);

// The commands that read the ICCID, tried in order until one answers.
enum class IccidQuery {
  kCcid,          // AT+CCID (SIMCom bare, u-blox/Quectel M26 "+CCID:")
  kHuaweiIccid,   // AT^ICCID? (nibble-swapped)
  kQuectelIccid,  // AT+QCCID
  kSimFile,       // AT+CRSM=176,12258,0,0,10: EF_ICCID read from the SIM
};

// The commands that tell the remaining PIN attempts, tried in order.
enum class PinCounterQuery {
  kCpinr,        // AT+CPINR="SIM PIN" (TS 27.007 §8.65; Telit, Sequans)
  kHuaweiCpin,   // AT^CPIN?
  kQuectelPinc,  // AT+QPINC="SC"
  kSimcomSpic,   // AT+SPIC
};

struct ModemProfile {
  ModemFamily family = ModemFamily::kGeneric;
  // Wavecom Q2403A / Fastrack M1306B answer AT+CPIN? with "+CPIN: READY" and
  // no final OK (python-gsmmodem fakemodems "WAVECOM MULTIBAND 900E 1800";
  // python-gsmmodem#19 timed out waiting for it; gammu F_CPIN_NO_OK).
  bool cpin_answer_is_final = false;
  // Huawei E173/E3372 have no AT+CCID (COMMAND NOT SUPPORT or ERROR) but
  // AT^ICCID? (MM mm-sim-huawei.c); the SIM file read works everywhere.
  std::vector<IccidQuery> iccid_queries{IccidQuery::kCcid, IccidQuery::kSimFile};
  std::vector<PinCounterQuery> pin_counter_queries{PinCounterQuery::kCpinr};
};

// Case-insensitive, from the manufacturer ("huawei", "SIMCOM_Ltd",
// " WAVECOM MODEM", "Cinterion", "u-blox", "Telit", "ZTE CORPORATION",
// "Quectel", "Sierra Wireless") or a model naming its maker
// ("SIMCOM_SIM800L").
ModemProfile ResolveProfile(std::string_view manufacturer, std::string_view model);

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_MODEM_PROFILE_H_

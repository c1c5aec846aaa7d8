#include "modem/driver/modem_profile.h"
#include "modem/text/ascii.h"
#include "modem/text/enum_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace tellal::modem {
namespace {

bool ContainsIgnoreCase(std::string_view text, std::string_view word) {
  return text::ToLowerAscii(text).find(text::ToLowerAscii(word)) != std::string::npos;
}

struct Maker {
  std::string_view word;
  ModemFamily family;
};

// Cinterion modules answer +CGMI with "Cinterion" or, older ones, "SIEMENS";
// Gemalto/Thales rebadged them.
constexpr std::array kMakers{
    Maker{"huawei", ModemFamily::kHuawei},
    Maker{"simcom", ModemFamily::kSimcom},
    Maker{"zte", ModemFamily::kZte},
    Maker{"quectel", ModemFamily::kQuectel},
    Maker{"wavecom", ModemFamily::kWavecom},
    Maker{"sierra", ModemFamily::kSierra},
    Maker{"cinterion", ModemFamily::kCinterion},
    Maker{"siemens", ModemFamily::kCinterion},
    Maker{"gemalto", ModemFamily::kCinterion},
    Maker{"thales", ModemFamily::kCinterion},
    Maker{"u-blox", ModemFamily::kUblox},
    Maker{"telit", ModemFamily::kTelit},
};

}  // namespace

constexpr text::EnumName<ModemFamily> kFamilyNames[] = {
    {ModemFamily::kGeneric, "generic"},     {ModemFamily::kHuawei, "huawei"},
    {ModemFamily::kSimcom, "simcom"},       {ModemFamily::kZte, "zte"},
    {ModemFamily::kQuectel, "quectel"},     {ModemFamily::kWavecom, "wavecom"},
    {ModemFamily::kCinterion, "cinterion"}, {ModemFamily::kUblox, "u-blox"},
    {ModemFamily::kTelit, "telit"},         {ModemFamily::kSierra, "sierra"}};

std::string_view ToString(ModemFamily family) { return text::NameOf(kFamilyNames, family, "?"); }

ModemProfile ResolveProfile(std::string_view manufacturer, std::string_view model) {
  ModemProfile profile;
  for (const Maker& maker : kMakers) {
    if (ContainsIgnoreCase(manufacturer, maker.word) || ContainsIgnoreCase(model, maker.word)) {
      profile.family = maker.family;
      break;
    }
  }
  using I = IccidQuery;
  using P = PinCounterQuery;
  switch (profile.family) {
    case ModemFamily::kHuawei:
      profile.iccid_queries = {I::kHuaweiIccid, I::kSimFile};
      profile.pin_counter_queries = {P::kHuaweiCpin};
      break;
    case ModemFamily::kSimcom:
      profile.pin_counter_queries = {P::kSimcomSpic, P::kCpinr};
      break;
    case ModemFamily::kQuectel:
      profile.iccid_queries = {I::kQuectelIccid, I::kCcid, I::kSimFile};
      profile.pin_counter_queries = {P::kQuectelPinc, P::kCpinr};
      break;
    case ModemFamily::kWavecom:
      profile.cpin_answer_is_final = true;
      break;
    default:
      break;
  }
  return profile;
}

}  // namespace tellal::modem

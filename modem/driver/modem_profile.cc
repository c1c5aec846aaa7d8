#include "modem/driver/modem_profile.h"
#include "modem/text/ascii.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace tellal::modem {
namespace {

bool ContainsIgnoreCase(std::string_view text, std::string_view word) {
  return text::ToLowerAscii(text).find(text::ToLowerAscii(word)) != std::string::npos;
}

}  // namespace

std::string_view ToString(ModemFamily family) {
  switch (family) {
    case ModemFamily::kGeneric:
      return "generic";
    case ModemFamily::kHuawei:
      return "huawei";
    case ModemFamily::kSimcom:
      return "simcom";
  }
  return "?";
}

ModemProfile ResolveProfile(std::string_view manufacturer, std::string_view model) {
  ModemProfile profile;
  if (ContainsIgnoreCase(manufacturer, "huawei")) {
    profile.family = ModemFamily::kHuawei;
    profile.has_ccid = false;
  } else if (ContainsIgnoreCase(manufacturer, "simcom") || ContainsIgnoreCase(model, "simcom")) {
    profile.family = ModemFamily::kSimcom;
  }
  return profile;
}

}  // namespace tellal::modem

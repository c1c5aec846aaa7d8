// Text helpers for the AT engine and the reply parsers. The implementation
// is the shared one in modem/text/ascii.h; this name stays for the modem/at
// code that calls it Trim.
#ifndef TELLAL_MODEM_AT_AT_TEXT_H_
#define TELLAL_MODEM_AT_AT_TEXT_H_

#include <string_view>

#include "modem/text/ascii.h"

namespace tellal::at {

// Strips spaces and tabs at both ends: modems pad values inconsistently
// ("+CSQ: 20,99" vs "+CSQ:20,99").
inline std::string_view Trim(std::string_view text) { return text::TrimSpaces(text); }

}  // namespace tellal::at

#endif  // TELLAL_MODEM_AT_AT_TEXT_H_

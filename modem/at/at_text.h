// Small text helpers shared by the AT engine and the reply parsers.
#ifndef TELLAL_MODEM_AT_AT_TEXT_H_
#define TELLAL_MODEM_AT_AT_TEXT_H_

#include <string_view>

namespace tellal::at {

// Strips spaces and tabs at both ends: modems pad values inconsistently
// ("+CSQ: 20,99" vs "+CSQ:20,99").
inline std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace tellal::at

#endif  // TELLAL_MODEM_AT_AT_TEXT_H_

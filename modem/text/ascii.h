// ASCII string helpers shared by every layer: trimming, case-insensitive
// comparison and digit checks for protocol text (AT replies, HTTP header
// names, INI keys, CSV headers). ASCII only and locale-free on purpose: these
// texts are defined in ASCII, and std::tolower/isspace would follow the
// process's locale.
//
// Pure: standard library only, no I/O, no logging.
#ifndef TELLAL_MODEM_TEXT_ASCII_H_
#define TELLAL_MODEM_TEXT_ASCII_H_

#include <string>
#include <string_view>

namespace tellal::text {

// Space and horizontal tab: HTTP's optional whitespace, AT and INI padding.
inline constexpr std::string_view kSpaceOrTab = " \t";
// What C's isspace accepts in the "C" locale.
inline constexpr std::string_view kWhitespace = " \t\n\r\f\v";

// `s` without any of `chars` at either end.
std::string_view Trim(std::string_view s, std::string_view chars);
// Trim(s, kSpaceOrTab).
std::string_view TrimSpaces(std::string_view s);
// Trim(s, kWhitespace).
std::string_view TrimWhitespace(std::string_view s);

char ToLowerAscii(char c);
std::string ToLowerAscii(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

bool IsDigit(char c);
// Non-empty and only '0'..'9'.
bool AllDigits(std::string_view s);

}  // namespace tellal::text

#endif  // TELLAL_MODEM_TEXT_ASCII_H_

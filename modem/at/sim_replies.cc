#include "modem/at/sim_replies.h"

#include <array>
#include <cctype>
#include <vector>

#include "modem/at/at_text.h"

namespace tellal::at {
namespace {

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != std::toupper(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view Unquote(std::string_view text) {
  text = Trim(text);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  return Trim(text);
}

std::vector<std::string_view> Split(std::string_view body) {
  std::vector<std::string_view> out;
  for (;;) {
    const std::size_t comma = body.find(',');
    out.push_back(Unquote(body.substr(0, comma)));
    if (comma == std::string_view::npos) return out;
    body.remove_prefix(comma + 1);
  }
}

Result<int> Count(std::string_view text, std::string_view what) {
  if (text.empty() || text.size() > 3) {
    return Error::InvalidArgument(std::string(what) + ": \"" + std::string(text) + "\" is not a count");
  }
  int value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return Error::InvalidArgument(std::string(what) + ": \"" + std::string(text) + "\" is not a count");
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

Result<std::string> ParseIccid(std::string_view line) {
  std::string_view value = Trim(line);
  bool swapped = false;
  if (StartsWithIgnoreCase(value, "+CRSM:")) {
    // +CRSM: <sw1>,<sw2>,<response>; 144,0 is "normal ending" (TS 51.011 §9.4.1).
    const std::vector<std::string_view> f = Split(value.substr(6));
    if (f.size() != 3 || f[0] != "144") return Error::InvalidArgument("+CRSM: EF_ICCID not read: " + std::string(line));
    value = f[2];
    swapped = true;
  } else {
    static constexpr std::array<std::string_view, 7> kPrefixes{
        "+CCID:", "^ICCID:", "+QCCID:", "+ICCID:", "#CCID:", "!ICCID:", "^SCID:"};
    for (std::string_view prefix : kPrefixes) {
      if (StartsWithIgnoreCase(value, prefix)) {
        value.remove_prefix(prefix.size());
        break;
      }
    }
    value = Unquote(value);
  }
  std::string digits;
  for (char c : value) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return Error::InvalidArgument("ICCID: '" + std::string(1, c) + "' in \"" + std::string(line) + "\"");
    }
    digits.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (digits.size() < 18 || digits.size() > 22) {
    return Error::InvalidArgument("ICCID: " + std::to_string(digits.size()) + " digits in \"" + std::string(line) +
                                  "\"");
  }
  if (!swapped && digits.starts_with("98")) swapped = true;
  if (swapped) {
    if (digits.size() % 2 != 0)
      return Error::InvalidArgument("ICCID: odd swapped length in \"" + std::string(line) + "\"");
    for (std::size_t i = 0; i + 1 < digits.size(); i += 2) std::swap(digits[i], digits[i + 1]);
  }
  while (!digits.empty() && digits.back() == 'F') digits.pop_back();
  return digits;
}

Result<int> ParsePinAttempts(std::string_view line) {
  line = Trim(line);
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos)
    return Error::InvalidArgument("PIN counter: no ':' in \"" + std::string(line) + "\"");
  const std::string_view name = line.substr(0, colon);
  const std::vector<std::string_view> f = Split(line.substr(colon + 1));
  if (name == "+CPINR") {
    if (f.size() < 2 || f[0] != "SIM PIN") return Error::InvalidArgument("+CPINR: not SIM PIN: " + std::string(line));
    return Count(f[1], "+CPINR <retries>");
  }
  if (name == "^CPIN") {
    if (f.size() != 6) return Error::InvalidArgument("^CPIN: 6 fields expected: " + std::string(line));
    // <times> counts for the code the SIM asks for now; with SIM PIN pending
    // it is the PIN count, otherwise the <pin> field is.
    if (f[0] == "SIM PIN" && !f[1].empty()) return Count(f[1], "^CPIN <times>");
    return Count(f[3], "^CPIN <pin_times>");
  }
  if (name == "+QPINC") {
    if (f.size() != 3 || f[0] != "SC") return Error::InvalidArgument("+QPINC: not \"SC\": " + std::string(line));
    return Count(f[1], "+QPINC <pincounter>");
  }
  if (name == "+SPIC") {
    if (f.size() != 4) return Error::InvalidArgument("+SPIC: 4 fields expected: " + std::string(line));
    return Count(f[0], "+SPIC <pin1>");
  }
  return Error::InvalidArgument("not a PIN counter answer: " + std::string(line));
}

}  // namespace tellal::at

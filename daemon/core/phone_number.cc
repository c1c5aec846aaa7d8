#include "daemon/core/phone_number.h"

#include <cctype>

namespace tellal::core {
namespace {

constexpr size_t kMinInternationalDigits = 8;   // shortest real E.164 numbers
constexpr size_t kMaxInternationalDigits = 15;  // ITU-T E.164 §6.1
constexpr size_t kMinShortCode = 3;
constexpr size_t kMaxShortCode = 7;
// Spreadsheets and CRMs drop the '+': "905321234567". National numbers
// written without their trunk prefix are at most 10 digits in the plans we
// serve (Turkey: 10), so a longer run of digits that already begins with
// the default country code is read as international.
constexpr size_t kMinBareInternational = 11;

bool IsSeparator(char c) { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t'; }

Result<std::string> International(std::string digits) {
  if (digits.size() < kMinInternationalDigits)
    return Error::InvalidArgument("too short for an international number (" + std::to_string(digits.size()) + " digits)");
  if (digits.size() > kMaxInternationalDigits)
    return Error::InvalidArgument("too long: E.164 numbers have at most 15 digits (got " + std::to_string(digits.size()) + ")");
  if (digits[0] == '0') return Error::InvalidArgument("a country code cannot start with 0");
  return "+" + digits;
}

}  // namespace

Result<std::string> NormalizeNumber(std::string_view input, std::string_view default_country) {
  bool plus = false;
  std::string digits;
  for (size_t i = 0; i < input.size(); ++i) {
    char c = input[i];
    if (IsSeparator(c)) continue;
    if (c == '+') {
      if (plus || !digits.empty()) return Error::InvalidArgument("'+' is only allowed at the start");
      plus = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return Error::InvalidArgument(std::string("unexpected character '") + c + "' at offset " + std::to_string(i));
    digits += c;
  }
  if (digits.empty()) return Error::InvalidArgument("empty number");
  if (plus) return International(std::move(digits));
  if (digits.starts_with("00")) return International(digits.substr(2));
  bool trunk = digits[0] == '0';
  if (!trunk && digits.size() >= kMinShortCode && digits.size() <= kMaxShortCode) return digits;
  if (default_country.empty())
    return Error::InvalidArgument("national number without a country code, and no [daemon] default_country is configured");
  if (!trunk && digits.size() >= kMinBareInternational && digits.starts_with(default_country))
    return International(std::move(digits));
  std::string national = trunk ? digits.substr(1) : digits;
  if (national.empty()) return Error::InvalidArgument("empty number");
  return International(std::string(default_country) + national);
}

std::string NormalizeReceived(std::string_view address, std::string_view default_country) {
  auto normalized = NormalizeNumber(address, default_country);
  if (normalized) return *normalized;
  return std::string(address);
}

}  // namespace tellal::core

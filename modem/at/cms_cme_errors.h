// +CMS ERROR / +CME ERROR codes: what they mean and what the dispatcher should
// do about them.
//
// The class answers one question for the dispatcher: is the failure about the
// message (give up on it), about the moment (retry, perhaps on another modem)
// or about the modem itself (take it out of rotation)? Network-side causes are
// never classed kModem, so that one bad message cannot take every modem out of
// rotation one after the other.
//
// Pure functions over constant tables; safe to call from any thread.
#ifndef TELLAL_MODEM_AT_CMS_CME_ERRORS_H_
#define TELLAL_MODEM_AT_CMS_CME_ERRORS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tellal::at {

enum class ErrorClass {
  kPermanent,  // the message or its destination is bad; retrying won't help
  kTemporary,  // network, busy, memory, congestion: retry, maybe elsewhere
  kModem,      // SIM missing, PIN/PUK required, SIM or ME failure
};

std::string_view ToString(ErrorClass error_class);

struct ErrorEntry {
  int code;
  std::string_view meaning;
  ErrorClass error_class;
};

// The tables themselves, sorted by code, codes unique.
std::span<const ErrorEntry> CmsErrorTable();  // TS 27.005 §3.2.5
std::span<const ErrorEntry> CmeErrorTable();  // TS 27.007 §9.2

struct ErrorDescription {
  int code = 0;
  std::string meaning;  // "unknown error N" when the code is not in the table
  ErrorClass error_class = ErrorClass::kTemporary;
  bool known = false;
};

ErrorDescription DescribeCmsError(int code);
ErrorDescription DescribeCmeError(int code);

// Maps a verbose result (AT+CMEE=2, "+CME ERROR: SIM not inserted") back to
// its code. Case, punctuation, spacing and the "(U)" of "(U)SIM" are ignored,
// because modem firmwares spell the standard's texts loosely.
std::optional<int> CmsCodeFromText(std::string_view text);
std::optional<int> CmeCodeFromText(std::string_view text);

}  // namespace tellal::at

#endif  // TELLAL_MODEM_AT_CMS_CME_ERRORS_H_

#include "modem/at/cms_cme_errors.h"
#include "modem/text/ascii.h"
#include "modem/text/enum_names.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace tellal::at {
namespace {

constexpr ErrorClass kPerm = ErrorClass::kPermanent;
constexpr ErrorClass kTemp = ErrorClass::kTemporary;
constexpr ErrorClass kModem = ErrorClass::kModem;

// TS 27.005 §3.2.5 <err>:
//   0...127   TS 24.011 §8.2.5.4 / Annex E RP-Cause values
//   128...255 TS 23.040 §9.2.3.22 TP-Failure-Cause values
//   300...500 TS 27.005's own codes
// Barring and "not subscribed" causes are kTemporary, not kPermanent: they
// usually concern the sending SIM (no credit, no SMS subscription), so another
// modem may well succeed.
constexpr std::array kCmsErrors{
    // TS 24.011 Table 8.4 (RP-Cause).
    ErrorEntry{1, "unassigned (unallocated) number", kPerm},
    ErrorEntry{8, "operator determined barring", kTemp},
    ErrorEntry{10, "call barred", kTemp},
    ErrorEntry{17, "network failure", kTemp},
    ErrorEntry{21, "short message transfer rejected", kPerm},
    ErrorEntry{22, "memory capacity exceeded", kTemp},
    ErrorEntry{27, "destination out of order", kTemp},
    ErrorEntry{28, "unidentified subscriber", kTemp},
    ErrorEntry{29, "facility rejected", kPerm},
    ErrorEntry{30, "unknown subscriber", kPerm},
    ErrorEntry{38, "network out of order", kTemp},
    ErrorEntry{41, "temporary failure", kTemp},
    ErrorEntry{42, "congestion", kTemp},
    ErrorEntry{47, "resources unavailable, unspecified", kTemp},
    ErrorEntry{50, "requested facility not subscribed", kTemp},
    ErrorEntry{69, "requested facility not implemented", kPerm},
    ErrorEntry{81, "invalid short message transfer reference value", kTemp},
    ErrorEntry{95, "semantically incorrect message", kPerm},
    ErrorEntry{96, "invalid mandatory information", kPerm},
    ErrorEntry{97, "message type non-existent or not implemented", kPerm},
    ErrorEntry{98, "message not compatible with short message protocol state", kTemp},
    ErrorEntry{99, "information element non-existent or not implemented", kPerm},
    ErrorEntry{111, "protocol error, unspecified", kTemp},
    ErrorEntry{127, "interworking, unspecified", kTemp},
    // TS 23.040 §9.2.3.22 (TP-Failure-Cause); reserved values are omitted.
    ErrorEntry{0x80, "telematic interworking not supported", kPerm},
    ErrorEntry{0x81, "short message type 0 not supported", kPerm},
    ErrorEntry{0x82, "cannot replace short message", kPerm},
    ErrorEntry{0x8F, "unspecified TP-PID error", kPerm},
    ErrorEntry{0x90, "data coding scheme (alphabet) not supported", kPerm},
    ErrorEntry{0x91, "message class not supported", kPerm},
    ErrorEntry{0x9F, "unspecified TP-DCS error", kPerm},
    ErrorEntry{0xA0, "command cannot be actioned", kPerm},
    ErrorEntry{0xA1, "command unsupported", kPerm},
    ErrorEntry{0xAF, "unspecified TP-Command error", kPerm},
    ErrorEntry{0xB0, "TPDU not supported", kPerm},
    ErrorEntry{0xC0, "SC busy", kTemp},
    ErrorEntry{0xC1, "no SC subscription", kTemp},
    ErrorEntry{0xC2, "SC system failure", kTemp},
    ErrorEntry{0xC3, "invalid SME address", kPerm},
    ErrorEntry{0xC4, "destination SME barred", kPerm},
    // The SC already holds this message: sending it again would duplicate it.
    ErrorEntry{0xC5, "SM rejected-duplicate SM", kPerm},
    ErrorEntry{0xC6, "TP-VPF not supported", kPerm},
    ErrorEntry{0xC7, "TP-VP not supported", kPerm},
    ErrorEntry{0xD0, "(U)SIM SMS storage full", kTemp},
    ErrorEntry{0xD1, "no SMS storage capability in (U)SIM", kModem},
    ErrorEntry{0xD2, "error in MS", kModem},
    ErrorEntry{0xD3, "memory capacity exceeded", kTemp},
    ErrorEntry{0xD4, "(U)SIM application toolkit busy", kTemp},
    ErrorEntry{0xD5, "(U)SIM data download error", kTemp},
    ErrorEntry{0xFF, "unspecified error cause", kTemp},
    // TS 27.005 §3.2.5.
    ErrorEntry{300, "ME failure", kModem},
    ErrorEntry{301, "SMS service of ME reserved", kTemp},
    ErrorEntry{302, "operation not allowed", kTemp},
    // A feature this modem lacks; another one may have it.
    ErrorEntry{303, "operation not supported", kModem},
    ErrorEntry{304, "invalid PDU mode parameter", kPerm},
    ErrorEntry{305, "invalid text mode parameter", kPerm},
    ErrorEntry{310, "(U)SIM not inserted", kModem},
    ErrorEntry{311, "(U)SIM PIN required", kModem},
    ErrorEntry{312, "PH-(U)SIM PIN required", kModem},
    ErrorEntry{313, "(U)SIM failure", kModem},
    ErrorEntry{314, "(U)SIM busy", kTemp},
    ErrorEntry{315, "(U)SIM wrong", kModem},
    ErrorEntry{316, "(U)SIM PUK required", kModem},
    ErrorEntry{317, "(U)SIM PIN2 required", kModem},
    ErrorEntry{318, "(U)SIM PUK2 required", kModem},
    ErrorEntry{320, "memory failure", kModem},
    ErrorEntry{321, "invalid memory index", kPerm},
    ErrorEntry{322, "memory full", kTemp},
    // No +CSCA on this SIM: every message from this modem would fail.
    ErrorEntry{330, "SMSC address unknown", kModem},
    ErrorEntry{331, "no network service", kTemp},
    ErrorEntry{332, "network timeout", kTemp},
    ErrorEntry{340, "no +CNMA acknowledgement expected", kTemp},
    ErrorEntry{500, "unknown error", kTemp},
};

// TS 27.007 §9.2.1 (general errors) and §9.2.2 (GPRS-related errors).
constexpr std::array kCmeErrors{
    ErrorEntry{0, "phone failure", kModem},
    ErrorEntry{1, "no connection to phone", kModem},
    ErrorEntry{2, "phone-adaptor link reserved", kTemp},
    ErrorEntry{3, "operation not allowed", kTemp},
    ErrorEntry{4, "operation not supported", kModem},
    ErrorEntry{5, "PH-SIM PIN required", kModem},
    ErrorEntry{6, "PH-FSIM PIN required", kModem},
    ErrorEntry{7, "PH-FSIM PUK required", kModem},
    ErrorEntry{10, "SIM not inserted", kModem},
    ErrorEntry{11, "SIM PIN required", kModem},
    ErrorEntry{12, "SIM PUK required", kModem},
    ErrorEntry{13, "SIM failure", kModem},
    ErrorEntry{14, "SIM busy", kTemp},
    ErrorEntry{15, "SIM wrong", kModem},
    ErrorEntry{16, "incorrect password", kModem},
    ErrorEntry{17, "SIM PIN2 required", kModem},
    ErrorEntry{18, "SIM PUK2 required", kModem},
    ErrorEntry{20, "memory full", kTemp},
    ErrorEntry{21, "invalid index", kPerm},
    ErrorEntry{22, "not found", kPerm},
    ErrorEntry{23, "memory failure", kModem},
    ErrorEntry{24, "text string too long", kPerm},
    ErrorEntry{25, "invalid characters in text string", kPerm},
    ErrorEntry{26, "dial string too long", kPerm},
    ErrorEntry{27, "invalid characters in dial string", kPerm},
    ErrorEntry{30, "no network service", kTemp},
    ErrorEntry{31, "network timeout", kTemp},
    ErrorEntry{32, "network not allowed - emergency calls only", kTemp},
    ErrorEntry{40, "network personalization PIN required", kModem},
    ErrorEntry{41, "network personalization PUK required", kModem},
    ErrorEntry{42, "network subset personalization PIN required", kModem},
    ErrorEntry{43, "network subset personalization PUK required", kModem},
    ErrorEntry{44, "service provider personalization PIN required", kModem},
    ErrorEntry{45, "service provider personalization PUK required", kModem},
    ErrorEntry{46, "corporate personalization PIN required", kModem},
    ErrorEntry{47, "corporate personalization PUK required", kModem},
    ErrorEntry{48, "hidden key required", kModem},
    ErrorEntry{49, "EAP method not supported", kModem},
    ErrorEntry{50, "incorrect parameters", kPerm},
    ErrorEntry{51, "command implemented but currently disabled", kModem},
    ErrorEntry{52, "command aborted by user", kTemp},
    ErrorEntry{53, "not attached to network due to MT functionality restrictions", kModem},
    ErrorEntry{54, "modem not allowed - MT restricted to emergency calls only", kModem},
    ErrorEntry{55, "operation not allowed because of MT functionality restrictions", kModem},
    // Fixed dialling on this SIM: another modem's SIM may allow the number.
    ErrorEntry{56,
               "fixed dial number only allowed - called number is not a fixed "
               "dial number",
               kTemp},
    ErrorEntry{57, "temporarily out of service due to other MT usage", kTemp},
    ErrorEntry{58, "language/alphabet not supported", kPerm},
    ErrorEntry{59, "unexpected data value", kPerm},
    ErrorEntry{60, "system failure", kTemp},
    ErrorEntry{61, "data missing", kPerm},
    ErrorEntry{62, "call barred", kTemp},
    ErrorEntry{63, "message waiting indication subscription failure", kTemp},
    ErrorEntry{100, "unknown", kTemp},
    ErrorEntry{103, "illegal MS", kModem},
    ErrorEntry{106, "illegal ME", kModem},
    ErrorEntry{107, "GPRS services not allowed", kTemp},
    ErrorEntry{111, "PLMN not allowed", kTemp},
    ErrorEntry{112, "location area not allowed", kTemp},
    ErrorEntry{113, "roaming not allowed in this location area", kTemp},
    ErrorEntry{132, "service option not supported", kTemp},
    ErrorEntry{133, "requested service option not subscribed", kTemp},
    ErrorEntry{134, "service option temporarily out of order", kTemp},
    ErrorEntry{148, "unspecified GPRS error", kTemp},
    ErrorEntry{149, "PDP authentication failure", kTemp},
    ErrorEntry{150, "invalid mobile class", kModem},
};

template <std::size_t N>
constexpr bool SortedAndUnique(const std::array<ErrorEntry, N>& table) {
  for (std::size_t i = 1; i < N; ++i) {
    if (table[i - 1].code >= table[i].code) return false;
  }
  return true;
}
static_assert(SortedAndUnique(kCmsErrors), "binary search needs sorted codes");
static_assert(SortedAndUnique(kCmeErrors), "binary search needs sorted codes");

const ErrorEntry* Find(std::span<const ErrorEntry> table, int code) {
  auto it = std::lower_bound(table.begin(), table.end(), code, [](const ErrorEntry& e, int c) { return e.code < c; });
  if (it == table.end() || it->code != code) return nullptr;
  return &*it;
}

ErrorDescription Describe(std::span<const ErrorEntry> table, int code) {
  ErrorDescription d;
  d.code = code;
  if (const ErrorEntry* e = Find(table, code)) {
    d.meaning = std::string(e->meaning);
    d.error_class = e->error_class;
    d.known = true;
  } else {
    d.meaning = "unknown error " + std::to_string(code);
    d.error_class = ErrorClass::kTemporary;
  }
  return d;
}

// Lower-case letters and digits only, with "(u)" dropped: "(U)SIM PIN
// required", "SIM PIN required" and "sim-pin required" all compare equal.
std::string Normalize(std::string_view text) {
  const std::string lowered = text::ToLowerAscii(text);
  std::string out;
  out.reserve(lowered.size());
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    if (lowered.compare(i, 3, "(u)") == 0) {
      i += 2;
      continue;
    }
    const auto uc = static_cast<unsigned char>(lowered[i]);
    if (std::isalnum(uc)) out.push_back(lowered[i]);
  }
  return out;
}

std::optional<int> CodeFromText(std::span<const ErrorEntry> table, std::string_view text) {
  const std::string wanted = Normalize(text);
  if (wanted.empty()) return std::nullopt;
  for (const ErrorEntry& e : table) {
    if (Normalize(e.meaning) == wanted) return e.code;
  }
  return std::nullopt;
}

}  // namespace

constexpr text::EnumName<ErrorClass> kErrorClassNames[] = {
    {ErrorClass::kPermanent, "permanent"}, {ErrorClass::kTemporary, "temporary"}, {ErrorClass::kModem, "modem"}};

std::string_view ToString(ErrorClass error_class) { return text::NameOf(kErrorClassNames, error_class, "temporary"); }

std::span<const ErrorEntry> CmsErrorTable() { return kCmsErrors; }
std::span<const ErrorEntry> CmeErrorTable() { return kCmeErrors; }

ErrorDescription DescribeCmsError(int code) { return Describe(kCmsErrors, code); }
ErrorDescription DescribeCmeError(int code) { return Describe(kCmeErrors, code); }

std::optional<int> CmsCodeFromText(std::string_view text) { return CodeFromText(kCmsErrors, text); }
std::optional<int> CmeCodeFromText(std::string_view text) { return CodeFromText(kCmeErrors, text); }

}  // namespace tellal::at

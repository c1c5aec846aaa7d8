// GSM 7-bit default alphabet, its extension table and the Turkish national
// language tables (3GPP TS 23.038 §6.2.1, §6.2.1.1, annex A.2.1 and A.3.1).
//
// Septets here are unpacked values 0..127; packing lives in septet_packing.h.
#ifndef TELLAL_MODEM_PDU_GSM_ALPHABET_H_
#define TELLAL_MODEM_PDU_GSM_ALPHABET_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace tellal::pdu {

// National language identifiers (TS 23.038 §6.2.1.2.4). Only the languages
// we carry tables for are listed.
enum class Language : uint8_t { kDefault = 0, kTurkish = 1 };

// Whether we carry tables for the national language identifier `id`.
bool IsSupportedLanguage(uint8_t id);

// The pair of tables a GSM 7-bit text is written with: the locking shift table
// replaces the default alphabet, the single shift table replaces the
// extension table reached by ESC (TS 23.040 §9.2.3.24.15 and .16).
struct Gsm7Tables {
  Language locking = Language::kDefault;
  Language single = Language::kDefault;
  bool operator==(const Gsm7Tables&) const = default;
};

inline constexpr uint8_t kEscape = 0x1B;

namespace internal {
// ASCII sits at the same codes in every table set tellal carries (the
// Turkish tables differ only in non-ASCII positions), so one table serves
// all of them: the code, kAsciiEscaped when it is reached by ESC, or
// kAsciiAbsent. Kept here so the hot path is inlined.
inline constexpr uint16_t kAsciiEscaped = 0x100;
inline constexpr uint16_t kAsciiAbsent = 0xFFFF;
extern const std::array<uint16_t, 128> kAsciiGsm7;
int EncodeGsm7NonAscii(const Gsm7Tables& tables, char32_t cp, uint8_t out[2]);
}  // namespace internal

// Writes the septets for `cp` to out[0..] and returns how many (1, or 2 for an
// escape sequence), or 0 when the tables cannot represent `cp`.
inline int EncodeGsm7Char(const Gsm7Tables& tables, char32_t cp, uint8_t out[2]) {
  if (cp >= 0x80) return internal::EncodeGsm7NonAscii(tables, cp, out);
  const uint16_t v = internal::kAsciiGsm7[cp];
  if (v == internal::kAsciiAbsent) return 0;
  if (v & internal::kAsciiEscaped) {
    out[0] = 0x1B;
    out[1] = static_cast<uint8_t>(v & 0x7F);
    return 2;
  }
  out[0] = static_cast<uint8_t>(v);
  return 1;
}

// Number of septets `cp` needs, 0 if it cannot be represented.
inline int Gsm7CharLength(const Gsm7Tables& tables, char32_t cp) {
  uint8_t scratch[2];
  return EncodeGsm7Char(tables, cp, scratch);
}

// Appends the UTF-8 text of `count` unpacked septets. An escape followed by a
// code the single shift table leaves undefined shows the locking table's
// character, as TS 23.038 §6.2.1.1 tells receivers to do; a trailing lone
// escape is dropped.
void DecodeGsm7(const Gsm7Tables& tables, const uint8_t* septets, size_t count, std::string& out);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_GSM_ALPHABET_H_

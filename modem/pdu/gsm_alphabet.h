// Text to and from GSM 7-bit septets (TS 23.038 §6.2.1 and annex A).
//
// Decoding reads every table of gsm7_tables.h: the default alphabet and
// extension table and each national language locking and single shift
// table. Encoding writes the default and the Turkish tables only (the text
// planner chooses among them); asked for another language, the encoder
// reports every character unencodable.
//
// Septets here are unpacked values 0..127; packing lives in septet_packing.h.
#ifndef TELLAL_MODEM_PDU_GSM_ALPHABET_H_
#define TELLAL_MODEM_PDU_GSM_ALPHABET_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "modem/pdu/gsm7_tables.h"
#include "modem/result.h"

namespace tellal::pdu {

// The pair of tables a GSM 7-bit text is written with: the locking shift table
// replaces the default alphabet, the single shift table replaces the
// extension table reached by ESC (TS 23.040 §9.2.3.24.15 and .16). A
// language without a table of that kind (Spanish locking) reads as kDefault.
struct Gsm7Tables {
  Language locking = Language::kDefault;
  Language single = Language::kDefault;
  bool operator==(const Gsm7Tables&) const = default;
};

inline constexpr uint8_t kEscape = 0x1B;

namespace internal {
// ASCII sits at the same codes in every table set the encoder writes (the
// Turkish tables differ only in non-ASCII positions), so one table serves
// all of them: the code, kAsciiEscaped when it is reached by ESC, or
// kAsciiAbsent. Kept here so the hot path is inlined.
inline constexpr uint16_t kAsciiEscaped = 0x100;
inline constexpr uint16_t kAsciiAbsent = 0xFFFF;
extern const std::array<uint16_t, 128> kAsciiGsm7;
int EncodeGsm7NonAscii(const Gsm7Tables& tables, char32_t cp, uint8_t out[2]);
inline bool EncoderHasTables(const Gsm7Tables& t) {
  return t.locking <= Language::kTurkish && t.single <= Language::kTurkish;
}
}  // namespace internal

// Writes the septets for `cp` to out[0..] and returns how many (1, or 2 for an
// escape sequence), or 0 when the tables cannot represent `cp` or are not
// ones the encoder writes (see the top of this file).
inline int EncodeGsm7Char(const Gsm7Tables& tables, char32_t cp, uint8_t out[2]) {
  if (!internal::EncoderHasTables(tables)) return 0;
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

// Appends the UTF-8 text of `count` unpacked septets (bit 7 of each is
// ignored). An escape followed by a code the single shift table leaves
// undefined shows the locking table's character, as TS 23.038 §6.2.1.1 tells
// receivers to do; ESC ESC shows a space; a trailing lone escape is dropped.
// A septet with no character in the locking table (a gap of a national
// table) is a kCorruption error naming its position and the table; `out`
// then holds the text before it.
Status DecodeGsm7(const Gsm7Tables& tables, const uint8_t* septets, size_t count, std::string& out);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_GSM_ALPHABET_H_

// Strict UTF-8 <-> code points and UTF-16 code units.
#ifndef TELLAL_MODEM_PDU_UTF8_H_
#define TELLAL_MODEM_PDU_UTF8_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace tellal::pdu {

// Rejects overlong forms, surrogate code points, values above U+10FFFF and
// truncated sequences, naming the byte offset: text that is not valid UTF-8
// must never reach a customer as mojibake.
Result<std::u32string> DecodeUtf8(std::string_view text);

// Decodes the code point starting at text[pos] into *cp and returns the
// bytes it used, or an Error as DecodeUtf8 reports it. Precondition:
// pos < text.size(). For callers that walk a text once without building a
// u32string.
Result<size_t> DecodeUtf8At(std::string_view text, size_t pos, char32_t* cp);

// DecodeUtf8At with the one- and two-byte forms (ASCII, Latin, Turkish,
// Greek, Cyrillic) handled inline; returns 0 where DecodeUtf8At would fail.
inline size_t DecodeUtf8Fast(std::string_view text, size_t pos, char32_t* cp) {
  const auto b0 = static_cast<uint8_t>(text[pos]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  if (b0 >= 0xC2 && b0 < 0xE0 && pos + 1 < text.size()) {
    const auto b1 = static_cast<uint8_t>(text[pos + 1]);
    if ((b1 & 0xC0) == 0x80) {
      *cp = static_cast<char32_t>((b0 & 0x1F) << 6 | (b1 & 0x3F));
      return 2;
    }
  }
  auto r = DecodeUtf8At(text, pos, cp);
  return r.ok() ? *r : 0;
}

void AppendUtf8(std::string& out, char32_t cp);
std::string EncodeUtf8(std::u32string_view text);

// UTF-16 code units: supplementary characters (emoji) become surrogate pairs.
void AppendUtf16(std::vector<uint16_t>& out, char32_t cp);

// Lenient on purpose: text arriving from the network may carry a lone
// surrogate (a phone that split a pair across segments); it becomes U+FFFD
// rather than losing the whole message.
std::u32string DecodeUtf16(const uint16_t* units, size_t count);
// Same leniency, appending UTF-8 to `out`.
void AppendUtf16AsUtf8(const uint16_t* units, size_t count, std::string& out);

inline bool IsHighSurrogate(uint16_t u) { return u >= 0xD800 && u <= 0xDBFF; }
inline bool IsLowSurrogate(uint16_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_UTF8_H_

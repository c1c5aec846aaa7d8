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

void AppendUtf8(std::string& out, char32_t cp);
std::string EncodeUtf8(std::u32string_view text);

// UTF-16 code units: supplementary characters (emoji) become surrogate pairs.
void AppendUtf16(std::vector<uint16_t>& out, char32_t cp);

// Lenient on purpose: text arriving from the network may carry a lone
// surrogate (a phone that split a pair across segments); it becomes U+FFFD
// rather than losing the whole message.
std::u32string DecodeUtf16(const uint16_t* units, size_t count);

inline bool IsHighSurrogate(uint16_t u) { return u >= 0xD800 && u <= 0xDBFF; }
inline bool IsLowSurrogate(uint16_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_UTF8_H_

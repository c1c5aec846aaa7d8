#include "modem/pdu/utf8.h"

namespace tellal::pdu {

Result<size_t> DecodeUtf8At(std::string_view text, size_t i, char32_t* out) {
  const size_t n = text.size();
  const auto b0 = static_cast<uint8_t>(text[i]);
  if (b0 < 0x80) {
    *out = b0;
    return size_t{1};
  }
  int extra;
  char32_t cp;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return Error::InvalidArgument("invalid UTF-8: unexpected byte " + std::to_string(b0) + " at offset " + std::to_string(i));
  }
  if (i + static_cast<size_t>(extra) >= n) {
    return Error::InvalidArgument("invalid UTF-8: truncated sequence at offset " + std::to_string(i));
  }
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<uint8_t>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      return Error::InvalidArgument("invalid UTF-8: bad continuation byte at offset " + std::to_string(i + k));
    }
    cp = cp << 6 | (b & 0x3F);
  }
  if (cp < min) return Error::InvalidArgument("invalid UTF-8: overlong sequence at offset " + std::to_string(i));
  if (cp >= 0xD800 && cp <= 0xDFFF) {
    return Error::InvalidArgument("invalid UTF-8: surrogate code point at offset " + std::to_string(i));
  }
  if (cp > 0x10FFFF) return Error::InvalidArgument("invalid UTF-8: code point above U+10FFFF at offset " + std::to_string(i));
  *out = cp;
  return static_cast<size_t>(extra + 1);
}

Result<std::u32string> DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp;
    auto used = DecodeUtf8At(text, i, &cp);
    if (!used) return used.error();
    out.push_back(cp);
    i += *used;
  }
  return out;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | cp >> 6));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | cp >> 12));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | cp >> 18));
    out.push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : text) AppendUtf8(out, cp);
  return out;
}

void AppendUtf16(std::vector<uint16_t>& out, char32_t cp) {
  if (cp < 0x10000) {
    out.push_back(static_cast<uint16_t>(cp));
  } else {
    cp -= 0x10000;
    out.push_back(static_cast<uint16_t>(0xD800 | cp >> 10));
    out.push_back(static_cast<uint16_t>(0xDC00 | (cp & 0x3FF)));
  }
}

namespace {

template <typename Sink>
void ForEachUtf16CodePoint(const uint16_t* units, size_t count, Sink sink) {
  for (size_t i = 0; i < count; ++i) {
    const uint16_t u = units[i];
    if (IsHighSurrogate(u) && i + 1 < count && IsLowSurrogate(units[i + 1])) {
      sink(0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (units[i + 1] - 0xDC00));
      ++i;
    } else if (IsHighSurrogate(u) || IsLowSurrogate(u)) {
      sink(0xFFFD);
    } else {
      sink(u);
    }
  }
}

}  // namespace

std::u32string DecodeUtf16(const uint16_t* units, size_t count) {
  std::u32string out;
  out.reserve(count);
  ForEachUtf16CodePoint(units, count, [&](char32_t cp) { out.push_back(cp); });
  return out;
}

void AppendUtf16AsUtf8(const uint16_t* units, size_t count, std::string& out) {
  out.reserve(out.size() + count * 2);
  ForEachUtf16CodePoint(units, count, [&](char32_t cp) { AppendUtf8(out, cp); });
}

}  // namespace tellal::pdu

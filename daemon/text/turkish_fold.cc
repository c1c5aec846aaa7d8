#include "daemon/text/turkish_fold.h"

#include <array>
#include <cstdint>

namespace tellal::text {
namespace {

struct Mapping {
  char32_t code;
  char base;  // '\0': dropped
};

// The non-ASCII letters of the Turkish alphabet (and the circumflexed
// vowels of loanwords), both cases, and the combining dot some phones send
// after "I" to write "İ".
constexpr std::array<Mapping, 19> kTurkish = {{
    {U'\u00C2', 'a'},  {U'\u00E2', 'a'},  // Â â
    {U'\u00C7', 'c'},  {U'\u00E7', 'c'},  // Ç ç
    {U'\u011E', 'g'},  {U'\u011F', 'g'},  // Ğ ğ
    {U'\u0130', 'i'},  {U'\u0131', 'i'},  // İ ı
    {U'\u00CE', 'i'},  {U'\u00EE', 'i'},  // Î î
    {U'\u00D6', 'o'},  {U'\u00F6', 'o'},  // Ö ö
    {U'\u015E', 's'},  {U'\u015F', 's'},  // Ş ş
    {U'\u00DB', 'u'},  {U'\u00FB', 'u'},  // Û û
    {U'\u00DC', 'u'},  {U'\u00FC', 'u'},  // Ü ü
    {U'\u0307', '\0'},                    // combining dot above
}};

// Decodes the 2- or 3-byte sequence at `s[i]`; 0 when it is not one.
char32_t DecodeAt(std::string_view s, size_t i, size_t* length) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(s[i + k]); };
  if ((b(0) & 0xE0) == 0xC0 && i + 1 < s.size() && (b(1) & 0xC0) == 0x80) {
    *length = 2;
    return static_cast<char32_t>(((b(0) & 0x1F) << 6) | (b(1) & 0x3F));
  }
  if ((b(0) & 0xF0) == 0xE0 && i + 2 < s.size() && (b(1) & 0xC0) == 0x80 && (b(2) & 0xC0) == 0x80) {
    *length = 3;
    return static_cast<char32_t>(((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F));
  }
  return 0;
}

bool IsAsciiSeparator(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9');
}

}  // namespace

std::string Fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    const char c = utf8[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      ++i;
      continue;
    }
    size_t length = 1;
    const char32_t code = DecodeAt(utf8, i, &length);
    const Mapping* found = nullptr;
    for (const Mapping& m : kTurkish) {
      if (code != 0 && m.code == code) found = &m;
    }
    if (found) {
      if (found->base != '\0') out += found->base;
    } else {
      out.append(utf8.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string FoldWords(std::string_view utf8) {
  const std::string folded = Fold(utf8);
  std::string out;
  bool gap = false;
  for (char c : folded) {
    if (IsAsciiSeparator(c)) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += c;
  }
  return out;
}

}  // namespace tellal::text

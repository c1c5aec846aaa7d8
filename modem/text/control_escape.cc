#include "modem/text/control_escape.h"

#include <cstdio>

namespace tellal::text {
namespace {

void AppendHex(std::string& out, const char* format, unsigned value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, format, value);
  out += buffer;
}

}  // namespace

std::string EscapeControls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f) {
      switch (byte) {
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          AppendHex(out, "\\x%02x", byte);
      }
      continue;
    }
    // U+0080..U+009F are C2 80..C2 9F; U+2028 and U+2029 are E2 80 A8/A9.
    if (byte == 0xc2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9f) {
        AppendHex(out, "\\u%04x", next);
        ++i;
        continue;
      }
    }
    if (byte == 0xe2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      const auto last = static_cast<unsigned char>(text[i + 2]);
      if (last == 0xa8 || last == 0xa9) {
        AppendHex(out, "\\u%04x", 0x2000u + last - 0x80u);
        i += 2;
        continue;
      }
    }
    out += static_cast<char>(byte);
  }
  return out;
}

}  // namespace tellal::text

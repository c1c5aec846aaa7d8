#include "modem/pdu/hex.h"

namespace tellal::pdu {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

Result<std::vector<uint8_t>> HexToBytes(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return Error{"hex: odd number of digits (" + std::to_string(hex.size()) + ")"};
  }
  std::vector<uint8_t> out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(hex[i]);
    int lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      size_t bad = hi < 0 ? i : i + 1;
      return Error{"hex: invalid character at offset " + std::to_string(bad)};
    }
    out.push_back(static_cast<uint8_t>(hi << 4 | lo));
  }
  return out;
}

void AppendHex(std::string& out, const uint8_t* data, size_t size) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0x0F]);
  }
}

std::string BytesToHex(const uint8_t* data, size_t size) {
  std::string out;
  out.reserve(size * 2);
  AppendHex(out, data, size);
  return out;
}

}  // namespace tellal::pdu

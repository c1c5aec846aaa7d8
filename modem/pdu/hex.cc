#include "modem/pdu/hex.h"

#include <array>
#include <cstring>

namespace tellal::pdu {
namespace {

// -1 for anything that is not a hex digit.
constexpr std::array<int8_t, 256> MakeHexTable() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<int8_t>(c - '0');
  for (int c = 'A'; c <= 'F'; ++c) t[c] = static_cast<int8_t>(c - 'A' + 10);
  for (int c = 'a'; c <= 'f'; ++c) t[c] = static_cast<int8_t>(c - 'a' + 10);
  return t;
}
constexpr std::array<int8_t, 256> kHexValue = MakeHexTable();

// "00".."FF": one two-byte copy per octet when writing hex.
constexpr std::array<std::array<char, 2>, 256> MakeHexPairs() {
  constexpr char kDigits[] = "0123456789ABCDEF";
  std::array<std::array<char, 2>, 256> t{};
  for (int b = 0; b < 256; ++b) t[b] = {kDigits[b >> 4], kDigits[b & 15]};
  return t;
}
constexpr std::array<std::array<char, 2>, 256> kHexPairs = MakeHexPairs();

}  // namespace

Status HexToBytesInto(std::string_view hex, uint8_t* out) {
  if (hex.size() % 2 != 0) {
    return Error::InvalidArgument("hex: odd number of digits (" + std::to_string(hex.size()) + ")");
  }
  const size_t n = hex.size() / 2;
  for (size_t i = 0; i < n; ++i) {
    const int hi = kHexValue[static_cast<uint8_t>(hex[2 * i])];
    const int lo = kHexValue[static_cast<uint8_t>(hex[2 * i + 1])];
    if ((hi | lo) < 0) {
      const size_t bad = hi < 0 ? 2 * i : 2 * i + 1;
      return Error::InvalidArgument("hex: invalid character at offset " + std::to_string(bad));
    }
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return Status::Ok();
}

Result<std::vector<uint8_t>> HexToBytes(std::string_view hex) {
  std::vector<uint8_t> out(hex.size() / 2);
  if (Status s = HexToBytesInto(hex, out.data()); !s) return s.error();
  return out;
}

void AppendHex(std::string& out, const uint8_t* data, size_t size) {
  const size_t at = out.size();
  out.resize(at + 2 * size);
  char* p = out.data() + at;
  for (size_t i = 0; i < size; ++i, p += 2) std::memcpy(p, kHexPairs[data[i]].data(), 2);
}

std::string BytesToHex(const uint8_t* data, size_t size) {
  std::string out;
  out.reserve(size * 2);
  AppendHex(out, data, size);
  return out;
}

}  // namespace tellal::pdu

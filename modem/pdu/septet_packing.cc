#include "modem/pdu/septet_packing.h"

#include <cassert>

namespace tellal::pdu {

void PackSeptets(const uint8_t* septets, size_t count, int fill_bits, std::vector<uint8_t>& out) {
  uint32_t acc = 0;
  int bits = fill_bits;
  for (size_t i = 0; i < count; ++i) {
    acc |= static_cast<uint32_t>(septets[i] & 0x7F) << bits;
    bits += 7;
    while (bits >= 8) {
      out.push_back(static_cast<uint8_t>(acc));
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out.push_back(static_cast<uint8_t>(acc));
}

void UnpackSeptets(const uint8_t* data, size_t size, size_t count, int fill_bits, std::vector<uint8_t>& out) {
  assert(size * 8 >= static_cast<size_t>(fill_bits) + 7 * count);
  (void)size;
  out.reserve(out.size() + count);
  size_t bit = static_cast<size_t>(fill_bits);
  for (size_t i = 0; i < count; ++i, bit += 7) {
    const size_t byte = bit / 8;
    const unsigned shift = bit % 8;
    unsigned value = data[byte] >> shift;
    if (shift > 1) value |= static_cast<unsigned>(data[byte + 1]) << (8 - shift);
    out.push_back(static_cast<uint8_t>(value & 0x7F));
  }
}

}  // namespace tellal::pdu

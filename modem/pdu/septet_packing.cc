#include "modem/pdu/septet_packing.h"

#include <cassert>

namespace tellal::pdu {

size_t PackSeptetsInto(const uint8_t* septets, size_t count, int fill_bits, uint8_t* out) {
  // Eight septets fill exactly seven octets: pack them through a 64-bit
  // accumulator and flush seven octets at a time.
  uint64_t acc = 0;
  unsigned bits = static_cast<unsigned>(fill_bits);
  size_t n = 0;
  size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    for (int k = 0; k < 8; ++k) {
      acc |= static_cast<uint64_t>(septets[i + k] & 0x7F) << bits;
      bits += 7;
    }
    // bits is now 56 + (pending bits before this group), at most 62.
    for (int k = 0; k < 7; ++k) {
      out[n++] = static_cast<uint8_t>(acc);
      acc >>= 8;
    }
    bits -= 56;
  }
  for (; i < count; ++i) {
    acc |= static_cast<uint64_t>(septets[i] & 0x7F) << bits;
    bits += 7;
    if (bits >= 8) {
      out[n++] = static_cast<uint8_t>(acc);
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out[n++] = static_cast<uint8_t>(acc);
  return n;
}

void PackSeptets(const uint8_t* septets, size_t count, int fill_bits, std::vector<uint8_t>& out) {
  const size_t at = out.size();
  out.resize(at + (static_cast<size_t>(fill_bits) + 7 * count + 7) / 8);
  PackSeptetsInto(septets, count, fill_bits, out.data() + at);
}

void UnpackSeptetsInto(const uint8_t* data, size_t size, size_t count, int fill_bits, uint8_t* out) {
  assert(size * 8 >= static_cast<size_t>(fill_bits) + 7 * count);
  (void)size;
  size_t bit = static_cast<size_t>(fill_bits);
  size_t i = 0;
  // Eight septets at a time from a 64-bit little-endian window, while eight
  // whole octets remain to read.
  for (; i + 8 <= count && bit / 8 + 8 <= size; i += 8, bit += 56) {
    const uint8_t* d = data + bit / 8;
    uint64_t w = 0;
    for (int k = 7; k >= 0; --k) w = w << 8 | d[k];
    w >>= bit % 8;
    for (int k = 0; k < 8; ++k) out[i + k] = static_cast<uint8_t>(w >> (7 * k) & 0x7F);
  }
  for (; i < count; ++i, bit += 7) {
    const size_t byte = bit / 8;
    const unsigned shift = bit % 8;
    unsigned value = data[byte] >> shift;
    if (shift > 1) value |= static_cast<unsigned>(data[byte + 1]) << (8 - shift);
    out[i] = static_cast<uint8_t>(value & 0x7F);
  }
}

void UnpackSeptets(const uint8_t* data, size_t size, size_t count, int fill_bits, std::vector<uint8_t>& out) {
  const size_t at = out.size();
  out.resize(at + count);
  UnpackSeptetsInto(data, size, count, fill_bits, out.data() + at);
}

}  // namespace tellal::pdu

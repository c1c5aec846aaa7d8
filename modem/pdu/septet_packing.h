// Packing of 7-bit septets into octets (TS 23.038 §6.1.2.1.1), including the
// fill bits that align text after a user data header to a septet boundary
// (TS 23.040 §9.2.3.24).
#ifndef TELLAL_MODEM_PDU_SEPTET_PACKING_H_
#define TELLAL_MODEM_PDU_SEPTET_PACKING_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tellal::pdu {

// Fill bits between a user data header of `header_octets` (UDHL byte
// included) and the first septet.
inline int FillBits(size_t header_octets) { return static_cast<int>((7 - (header_octets * 8) % 7) % 7); }

// Septets the header and its fill bits occupy, counted in TP-UDL.
inline size_t HeaderSeptets(size_t header_octets) { return (header_octets * 8 + 6) / 7; }

// Appends `count` septets packed LSB first, preceded by `fill_bits` zero bits.
void PackSeptets(const uint8_t* septets, size_t count, int fill_bits, std::vector<uint8_t>& out);

// Same, into out[]; returns the octets written. out must hold
// (fill_bits + 7 * count + 7) / 8 octets.
size_t PackSeptetsInto(const uint8_t* septets, size_t count, int fill_bits, uint8_t* out);

// Reads `count` septets from `data`, skipping `fill_bits` leading bits.
// Precondition: size >= (fill_bits + 7 * count + 7) / 8.
void UnpackSeptets(const uint8_t* data, size_t size, size_t count, int fill_bits, std::vector<uint8_t>& out);
// Same, into out[] which must hold `count` octets.
void UnpackSeptetsInto(const uint8_t* data, size_t size, size_t count, int fill_bits, uint8_t* out);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_SEPTET_PACKING_H_

// Hex text <-> bytes, as modems print PDUs after +CMGR / +CMGL / +CDS.
#ifndef TELLAL_MODEM_PDU_HEX_H_
#define TELLAL_MODEM_PDU_HEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace tellal::pdu {

// Accepts upper or lower case; surrounding whitespace is the caller's job.
// Fails on an odd number of digits or a non-hex character, naming its offset.
Result<std::vector<uint8_t>> HexToBytes(std::string_view hex);

// Same into out[], which must hold hex.size() / 2 octets.
Status HexToBytesInto(std::string_view hex, uint8_t* out);

// Upper-case hex, the form modems expect after AT+CMGS.
std::string BytesToHex(const uint8_t* data, size_t size);
inline std::string BytesToHex(const std::vector<uint8_t>& bytes) { return BytesToHex(bytes.data(), bytes.size()); }
void AppendHex(std::string& out, const uint8_t* data, size_t size);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_HEX_H_

// Address fields: TP-DA / TP-OA / TP-RA (TS 23.040 §9.1.2.5) and the SMSC
// address that precedes the TPDU (TS 24.011 §8.2.5.1).
#ifndef TELLAL_MODEM_PDU_ADDRESS_H_
#define TELLAL_MODEM_PDU_ADDRESS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace tellal::pdu {

// Type-of-address octets (TS 23.040 §9.1.2.5): ext bit, type of number,
// numbering plan.
inline constexpr uint8_t kToaInternational = 0x91;
inline constexpr uint8_t kToaUnknown = 0x81;
inline constexpr uint8_t kToaNational = 0xA1;
inline constexpr uint8_t kToaAlphanumeric = 0xD0;

enum class AddressKind { kInternational, kNational, kUnknown, kAlphanumeric, kOther };
const char* AddressKindName(AddressKind kind);

struct Address {
  // International numbers carry a leading '+'; alphanumeric ones are UTF-8.
  std::string value;
  uint8_t toa = kToaUnknown;
  AddressKind kind() const;
};

// "+905321234567" is international, "05321234567" or "4545" unknown type,
// anything else up to 11 GSM 7-bit characters alphanumeric. `field` names
// the field in errors ("TP-DA").
Status AppendTpAddress(std::string_view value, const char* field, std::vector<uint8_t>& out);

// Empty means "use the modem's default SMSC" and is written as a zero length.
Status AppendSmscAddress(std::string_view value, std::vector<uint8_t>& out);

// Parse from data[0..size). *consumed is set to the octets read. Received
// data that does not fit is a kCorruption error naming the field.
Result<Address> ParseTpAddress(const uint8_t* data, size_t size, const char* field, size_t* consumed);
Result<Address> ParseSmscAddress(const uint8_t* data, size_t size, size_t* consumed);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_ADDRESS_H_

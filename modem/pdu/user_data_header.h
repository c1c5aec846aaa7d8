// User data header (TS 23.040 §9.2.3.24): the information elements tellal
// writes (concatenation, national language shifts) and reads (those plus
// 16-bit concatenation references; anything else is skipped).
#ifndef TELLAL_MODEM_PDU_USER_DATA_HEADER_H_
#define TELLAL_MODEM_PDU_USER_DATA_HEADER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "modem/pdu/gsm_alphabet.h"
#include "modem/result.h"

namespace tellal::pdu {

// Information element identifiers (TS 23.040 §9.2.3.24, table).
inline constexpr uint8_t kIeConcat8 = 0x00;
inline constexpr uint8_t kIeConcat16 = 0x08;
inline constexpr uint8_t kIeSingleShift = 0x24;
inline constexpr uint8_t kIeLockingShift = 0x25;

struct Concat {
  uint16_t ref = 0;
  uint8_t total = 0;
  uint8_t seq = 0;
  bool ref16 = false;  // the reference came from IE 0x08
  bool operator==(const Concat&) const = default;
};

struct UserDataHeader {
  std::optional<Concat> concat;
  Gsm7Tables tables;
  bool empty() const { return !concat && tables.locking == Language::kDefault && tables.single == Language::kDefault; }
};

// Octets the header needs, UDHL byte included; 0 when there is nothing to say.
size_t UdhSize(const UserDataHeader& udh);

// Appends UDHL and the IEs. Concatenation uses IE 0x08 only if ref16 is set.
void AppendUdh(const UserDataHeader& udh, std::vector<uint8_t>& out);

// Parses a header starting at its UDHL byte. `size` is what remains of the
// user data. Sets *consumed to UDHL + 1. Unknown IEs are skipped; a
// concatenation IE with a zero total or a sequence number outside 1..total is
// ignored, as §9.2.3.24.1 tells receivers to do. Malformed lengths and an
// unsupported national language are errors naming the IE.
Result<UserDataHeader> ParseUdh(const uint8_t* data, size_t size, size_t* consumed);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_USER_DATA_HEADER_H_

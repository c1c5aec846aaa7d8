// User data header (TS 23.040 §9.2.3.24): the information elements tellal
// writes (concatenation, national language shifts) and reads (those plus
// 16-bit concatenation references; anything else is skipped).
//
// National language identifiers without a table of their kind (a reserved
// identifier, or Spanish in a locking shift IE) follow TS 23.040
// §9.2.3.24.15 and .16: a receiver that does not support the table uses the
// default one. ParseUdh does that and records the identifier, so a caller can
// flag the text; a caller that would rather refuse the message asks for
// UdhParseOptions::reject_unknown_language.
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
  // Identifiers of shift IEs that named no table, read with the default
  // table instead (see the top of this file); parsing only.
  std::optional<uint8_t> unknown_single_shift;
  std::optional<uint8_t> unknown_locking_shift;
  bool empty() const { return !concat && tables.locking == Language::kDefault && tables.single == Language::kDefault; }
};

// Octets the header needs, UDHL byte included; 0 when there is nothing to say.
size_t UdhSize(const UserDataHeader& udh);

// Appends UDHL and the IEs. Concatenation uses IE 0x08 only if ref16 is set.
void AppendUdh(const UserDataHeader& udh, std::vector<uint8_t>& out);

struct UdhParseOptions {
  // Fail with kNotSupported on a shift IE naming no table, instead of the
  // standard's fallback to the default table.
  bool reject_unknown_language = false;
};

// Parses a header starting at its UDHL byte. `size` is what remains of the
// user data. Sets *consumed to UDHL + 1. Unknown IEs are skipped; a
// concatenation IE with a zero total or a sequence number outside 1..total is
// ignored, as §9.2.3.24.1 tells receivers to do. Malformed lengths are
// kCorruption errors naming the IE.
Result<UserDataHeader> ParseUdh(const uint8_t* data, size_t size, size_t* consumed,
                                const UdhParseOptions& options = {});

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_USER_DATA_HEADER_H_

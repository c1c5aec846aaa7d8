// The character tables of the GSM 7-bit alphabet, looked up by national
// language identifier: the default alphabet and its extension table
// (TS 23.038 §6.2.1 and §6.2.1.1) and every national language locking shift
// table (annex A.3) and single shift table (annex A.2) of TS 23.038 Release 9
// and later. A user data header selects them with IE 0x25 (locking shift) and
// IE 0x24 (single shift), TS 23.040 §9.2.3.24.15 and .16.
//
// The data lives beside this header, one file per kind:
// gsm7_default_tables.h, national_locking_shift_tables.h and
// national_single_shift_tables.h. The tables are immutable and have static
// storage duration; the pointers returned here never dangle.
#ifndef TELLAL_MODEM_PDU_GSM7_TABLES_H_
#define TELLAL_MODEM_PDU_GSM7_TABLES_H_

#include <array>
#include <cstdint>
#include <initializer_list>

namespace tellal::pdu {

// National language identifiers (TS 23.038 §6.2.1.2.4, table 6.2.1.2.4.1).
// kDefault stands for "no national table": the default alphabet or its
// extension table. Identifiers from 14 up are reserved.
enum class Language : uint8_t {
  kDefault = 0,
  kTurkish = 1,
  kSpanish = 2,  // single shift table only (A.3.2 is void)
  kPortuguese = 3,
  kBengali = 4,
  kGujarati = 5,
  kHindi = 6,
  kKannada = 7,
  kMalayalam = 8,
  kOriya = 9,
  kPunjabi = 10,
  kTamil = 11,
  kTelugu = 12,
  kUrdu = 13,
};
inline constexpr uint8_t kLanguageCount = 14;

// "default", "turkish", ... "urdu"; "reserved" for identifiers from 14 up.
const char* LanguageName(uint8_t id);

// One table: the character at each septet code 0..127, or kNoChar where the
// standard puts none (the ESC position 0x1B of every table, the gaps of the
// national tables, and the reserved CR2 0x0D and SS2 0x1B of single shift
// tables).
using Gsm7Table = std::array<char32_t, 128>;
inline constexpr char32_t kNoChar = 0xFFFFFFFF;

inline constexpr Gsm7Table kEmptyGsm7Table = [] {
  Gsm7Table t{};
  for (char32_t& c : t) c = kNoChar;
  return t;
}();

// Tables are written as the table they build on plus what changes, as the
// standard's national tables share most of their codes.
struct Gsm7Entry {
  uint8_t code;
  char32_t cp;
};
constexpr Gsm7Table Gsm7TableWith(Gsm7Table base, std::initializer_list<Gsm7Entry> changes) {
  for (const Gsm7Entry& e : changes) base[e.code] = e.cp;
  return base;
}

// The locking shift table of national language `id` (the default alphabet
// for 0), or nullptr when TS 23.038 defines none: Spanish and the reserved
// identifiers.
const Gsm7Table* LockingShiftTable(uint8_t id);

// The single shift table of national language `id` (the default alphabet
// extension table for 0), or nullptr for the reserved identifiers.
const Gsm7Table* SingleShiftTable(uint8_t id);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_GSM7_TABLES_H_

// Implements TS 23.038 annex A.2 (Release 9 and later): the national language
// single shift tables, which replace the GSM 7 bit default alphabet extension
// table after ESC when a user data header carries IE 0x24 (TS 23.040
// §9.2.3.24.15). Data only; look-ups are in gsm7_tables.h.
//
// Each table is written as the table it builds on plus the codes where it
// differs: the Indic and Urdu tables share the codes of their common table.
//
// Every entry was compared between two independent transcriptions of the
// standard's tables; a third settled the entries where they differ. Notes:
//  - The Indic and Urdu tables (A.2.4 to A.2.13) list '¡' twice (0x13 and
//    0x15) and '*' twice (0x0B and 0x18), as the standard does; decoding
//    either code gives the same character.
//  - Tamil (A.2.11) 0x24 is U+0BEE and Telugu (A.2.12) 0x22/0x23 are
//    U+0C6C/U+0C6D, as corrected after version 9.1.1 printed U+0BEF and
//    U+06CC/U+06CD there.
//  - Telugu (A.2.12) 0x65 is '€' like every other single shift table; one
//    transcription drops it.
#ifndef TELLAL_MODEM_PDU_NATIONAL_SINGLE_SHIFT_TABLES_H_
#define TELLAL_MODEM_PDU_NATIONAL_SINGLE_SHIFT_TABLES_H_

#include "modem/pdu/gsm7_default_tables.h"
#include "modem/pdu/gsm7_tables.h"

namespace tellal::pdu {

// clang-format off
// The characters every Indic and the Urdu single shift table (A.2.4 to A.2.13) has at the same code.
inline constexpr Gsm7Table kIndicSingleShiftCommon = Gsm7TableWith(kDefaultExtension, {
    {0x00, U'@'},       {0x01, U'\u00A3'},  {0x02, U'$'},       {0x03, U'\u00A5'},  {0x04, U'\u00BF'},
    {0x05, U'"'},       {0x06, U'\u00A4'},  {0x07, U'%'},       {0x08, U'&'},       {0x09, U'\''},
    {0x0B, U'*'},       {0x0C, U'+'},       {0x0E, U'-'},       {0x0F, U'/'},       {0x10, U'<'},
    {0x11, U'='},       {0x12, U'>'},       {0x13, U'\u00A1'},  {0x15, U'\u00A1'},  {0x16, U'_'},
    {0x17, U'#'},       {0x18, U'*'},       {0x41, U'A'},       {0x42, U'B'},       {0x43, U'C'},
    {0x44, U'D'},       {0x45, U'E'},       {0x46, U'F'},       {0x47, U'G'},       {0x48, U'H'},
    {0x49, U'I'},       {0x4A, U'J'},       {0x4B, U'K'},       {0x4C, U'L'},       {0x4D, U'M'},
    {0x4E, U'N'},       {0x4F, U'O'},       {0x50, U'P'},       {0x51, U'Q'},       {0x52, U'R'},
    {0x53, U'S'},       {0x54, U'T'},       {0x55, U'U'},       {0x56, U'V'},       {0x57, U'W'},
    {0x58, U'X'},       {0x59, U'Y'},       {0x5A, U'Z'},
});

// TS 23.038 annex A.2.1: Turkish national language single shift table (identifier 1).
inline constexpr Gsm7Table kTurkishSingleShift = Gsm7TableWith(kDefaultExtension, {
    {0x47, U'\u011E'},  {0x49, U'\u0130'},  {0x53, U'\u015E'},  {0x63, U'\u00E7'},  {0x67, U'\u011F'},
    {0x69, U'\u0131'},  {0x73, U'\u015F'},
});

// TS 23.038 annex A.2.2: Spanish national language single shift table (identifier 2).
inline constexpr Gsm7Table kSpanishSingleShift = Gsm7TableWith(kDefaultExtension, {
    {0x09, U'\u00E7'},  {0x41, U'\u00C1'},  {0x49, U'\u00CD'},  {0x4F, U'\u00D3'},  {0x55, U'\u00DA'},
    {0x61, U'\u00E1'},  {0x69, U'\u00ED'},  {0x6F, U'\u00F3'},  {0x75, U'\u00FA'},
});

// TS 23.038 annex A.2.3: Portuguese national language single shift table (identifier 3).
inline constexpr Gsm7Table kPortugueseSingleShift = Gsm7TableWith(kDefaultExtension, {
    {0x05, U'\u00EA'},  {0x09, U'\u00E7'},  {0x0B, U'\u00D4'},  {0x0C, U'\u00F4'},  {0x0E, U'\u00C1'},
    {0x0F, U'\u00E1'},  {0x12, U'\u03A6'},  {0x13, U'\u0393'},  {0x15, U'\u03A9'},  {0x16, U'\u03A0'},
    {0x17, U'\u03A8'},  {0x18, U'\u03A3'},  {0x19, U'\u0398'},  {0x1F, U'\u00CA'},  {0x41, U'\u00C0'},
    {0x49, U'\u00CD'},  {0x4F, U'\u00D3'},  {0x55, U'\u00DA'},  {0x5B, U'\u00C3'},  {0x5C, U'\u00D5'},
    {0x61, U'\u00C2'},  {0x69, U'\u00ED'},  {0x6F, U'\u00F3'},  {0x75, U'\u00FA'},  {0x7B, U'\u00E3'},
    {0x7C, U'\u00F5'},  {0x7F, U'\u00E2'},
});

// TS 23.038 annex A.2.4: Bengali national language single shift table (identifier 4).
inline constexpr Gsm7Table kBengaliSingleShift = Gsm7TableWith(kIndicSingleShiftCommon, {
    {0x19, U'\u09E6'},  {0x1A, U'\u09E7'},  {0x1C, U'\u09E8'},  {0x1D, U'\u09E9'},  {0x1E, U'\u09EA'},
    {0x1F, U'\u09EB'},  {0x20, U'\u09EC'},  {0x21, U'\u09ED'},  {0x22, U'\u09EE'},  {0x23, U'\u09EF'},
    {0x24, U'\u09DF'},  {0x25, U'\u09E0'},  {0x26, U'\u09E1'},  {0x27, U'\u09E2'},  {0x2A, U'\u09E3'},
    {0x2B, U'\u09F2'},  {0x2C, U'\u09F3'},  {0x2D, U'\u09F4'},  {0x2E, U'\u09F5'},  {0x30, U'\u09F6'},
    {0x31, U'\u09F7'},  {0x32, U'\u09F8'},  {0x33, U'\u09F9'},  {0x34, U'\u09FA'},
});

// TS 23.038 annex A.2.5: Gujarati national language single shift table (identifier 5).
inline constexpr Gsm7Table kGujaratiSingleShift = Gsm7TableWith(kIndicSingleShiftCommon, {
    {0x19, U'\u0964'},  {0x1A, U'\u0965'},  {0x1C, U'\u0AE6'},  {0x1D, U'\u0AE7'},  {0x1E, U'\u0AE8'},
    {0x1F, U'\u0AE9'},  {0x20, U'\u0AEA'},  {0x21, U'\u0AEB'},  {0x22, U'\u0AEC'},  {0x23, U'\u0AED'},
    {0x24, U'\u0AEE'},  {0x25, U'\u0AEF'},
});

// TS 23.038 annex A.2.6: Hindi national language single shift table (identifier 6).
inline constexpr Gsm7Table kHindiSingleShift = Gsm7TableWith(kIndicSingleShiftCommon, {
    {0x19, U'\u0964'},  {0x1A, U'\u0965'},  {0x1C, U'\u0966'},  {0x1D, U'\u0967'},  {0x1E, U'\u0968'},
    {0x1F, U'\u0969'},  {0x20, U'\u096A'},  {0x21, U'\u096B'},  {0x22, U'\u096C'},  {0x23, U'\u096D'},
    {0x24, U'\u096E'},  {0x25, U'\u096F'},  {0x26, U'\u0951'},  {0x27, U'\u0952'},  {0x2A, U'\u0953'},
    {0x2B, U'\u0954'},  {0x2C, U'\u0958'},  {0x2D, U'\u0959'},  {0x2E, U'\u095A'},  {0x30, U'\u095B'},
    {0x31, U'\u095C'},  {0x32, U'\u095D'},  {0x33, U'\u095E'},  {0x34, U'\u095F'},  {0x35, U'\u0960'},
    {0x36, U'\u0961'},  {0x37, U'\u0962'},  {0x38, U'\u0963'},  {0x39, U'\u0970'},  {0x3A, U'\u0971'},
});

// TS 23.038 annex A.2.7: Kannada national language single shift table (identifier 7).
inline constexpr Gsm7Table kKannadaSingleShift = Gsm7TableWith(kIndicSingleShiftCommon, {
    {0x19, U'\u0964'},  {0x1A, U'\u0965'},  {0x1C, U'\u0CE6'},  {0x1D, U'\u0CE7'},  {0x1E, U'\u0CE8'},
    {0x1F, U'\u0CE9'},  {0x20, U'\u0CEA'},  {0x21, U'\u0CEB'},  {0x22, U'\u0CEC'},  {0x23, U'\u0CED'},
    {0x24, U'\u0CEE'},  {0x25, U'\u0CEF'},  {0x26, U'\u0CDE'},  {0x27, U'\u0CF1'},  {0x2A, U'\u0CF2'},
});

// TS 23.038 annex A.2.8: Malayalam national language single shift table (identifier 8).
inline constexpr Gsm7Table kMalayalamSingleShift = Gsm7TableWith(kIndicSingleShiftCommon, {
    {0x19, U'\u0964'},  {0x1A, U'\u0965'},  {0x1C, U'\u0D66'},  {0x1D, U'\u0D67'},  {0x1E, U'\u0D68'},
    {0x1F, U'\u0D69'},  {0x20, U'\u0D6A'},  {0x21, U'\u0D6B'},  {0x22, U'\u0D6C'},  {0x23, U'\u0D6D'},
    {0x24, U'\u0D6E'},  {0x25, U'\u0D6F'},  {0x26, U'\u0D70'},  {0x27, U'\u0D71'},  {0x2A, U'\u0D72'},
    {0x2B, U'\u0D73'},  {0x2C, U'\u0D74'},  {0x2D, U'\u0D75'},  {0x2E, U'\u0D7A'},  {0x30, U'\u0D7B'},
    {0x31, U'\u0D7C'},  {0x32, U'\u0D7D'},  {0x33, U'\u0D7E'},  {0x34, U'\u0D7F'},
});

// TS 23.038 annex A.2.9: Oriya national language single shift table (identifier 9).
inline constexpr Gsm7Table kOriyaSingleShift = Gsm7TableWith(kIndicSingleShiftCommon, {
    {0x19, U'\u0964'},  {0x1A, U'\u0965'},  {0x1C, U'\u0B66'},  {0x1D, U'\u0B67'},  {0x1E, U'\u0B68'},
    {0x1F, U'\u0B69'},  {0x20, U'\u0B6A'},  {0x21, U'\u0B6B'},  {0x22, U'\u0B6C'},  {0x23, U'\u0B6D'},
    {0x24, U'\u0B6E'},  {0x25, U'\u0B6F'},  {0x26, U'\u0B5C'},  {0x27, U'\u0B5D'},  {0x2A, U'\u0B5F'},
    {0x2B, U'\u0B70'},  {0x2C, U'\u0B71'},
});

// TS 23.038 annex A.2.10: Punjabi national language single shift table (identifier 10).
inline constexpr Gsm7Table kPunjabiSingleShift = Gsm7TableWith(kIndicSingleShiftCommon, {
    {0x19, U'\u0964'},  {0x1A, U'\u0965'},  {0x1C, U'\u0A66'},  {0x1D, U'\u0A67'},  {0x1E, U'\u0A68'},
    {0x1F, U'\u0A69'},  {0x20, U'\u0A6A'},  {0x21, U'\u0A6B'},  {0x22, U'\u0A6C'},  {0x23, U'\u0A6D'},
    {0x24, U'\u0A6E'},  {0x25, U'\u0A6F'},  {0x26, U'\u0A59'},  {0x27, U'\u0A5A'},  {0x2A, U'\u0A5B'},
    {0x2B, U'\u0A5C'},  {0x2C, U'\u0A5E'},  {0x2D, U'\u0A75'},
});

// TS 23.038 annex A.2.11: Tamil national language single shift table (identifier 11).
inline constexpr Gsm7Table kTamilSingleShift = Gsm7TableWith(kIndicSingleShiftCommon, {
    {0x19, U'\u0964'},  {0x1A, U'\u0965'},  {0x1C, U'\u0BE6'},  {0x1D, U'\u0BE7'},  {0x1E, U'\u0BE8'},
    {0x1F, U'\u0BE9'},  {0x20, U'\u0BEA'},  {0x21, U'\u0BEB'},  {0x22, U'\u0BEC'},  {0x23, U'\u0BED'},
    {0x24, U'\u0BEE'},  {0x25, U'\u0BEF'},  {0x26, U'\u0BF3'},  {0x27, U'\u0BF4'},  {0x2A, U'\u0BF5'},
    {0x2B, U'\u0BF6'},  {0x2C, U'\u0BF7'},  {0x2D, U'\u0BF8'},  {0x2E, U'\u0BFA'},
});

// TS 23.038 annex A.2.12: Telugu national language single shift table (identifier 12).
inline constexpr Gsm7Table kTeluguSingleShift = Gsm7TableWith(kIndicSingleShiftCommon, {
    {0x1C, U'\u0C66'},  {0x1D, U'\u0C67'},  {0x1E, U'\u0C68'},  {0x1F, U'\u0C69'},  {0x20, U'\u0C6A'},
    {0x21, U'\u0C6B'},  {0x22, U'\u0C6C'},  {0x23, U'\u0C6D'},  {0x24, U'\u0C6E'},  {0x25, U'\u0C6F'},
    {0x26, U'\u0C58'},  {0x27, U'\u0C59'},  {0x2A, U'\u0C78'},  {0x2B, U'\u0C79'},  {0x2C, U'\u0C7A'},
    {0x2D, U'\u0C7B'},  {0x2E, U'\u0C7C'},  {0x30, U'\u0C7D'},  {0x31, U'\u0C7E'},  {0x32, U'\u0C7F'},
});

// TS 23.038 annex A.2.13: Urdu national language single shift table (identifier 13).
inline constexpr Gsm7Table kUrduSingleShift = Gsm7TableWith(kIndicSingleShiftCommon, {
    {0x19, U'\u0600'},  {0x1A, U'\u0601'},  {0x1C, U'\u06F0'},  {0x1D, U'\u06F1'},  {0x1E, U'\u06F2'},
    {0x1F, U'\u06F3'},  {0x20, U'\u06F4'},  {0x21, U'\u06F5'},  {0x22, U'\u06F6'},  {0x23, U'\u06F7'},
    {0x24, U'\u06F8'},  {0x25, U'\u06F9'},  {0x26, U'\u060C'},  {0x27, U'\u060D'},  {0x2A, U'\u060E'},
    {0x2B, U'\u060F'},  {0x2C, U'\u0610'},  {0x2D, U'\u0611'},  {0x2E, U'\u0612'},  {0x30, U'\u0613'},
    {0x31, U'\u0614'},  {0x32, U'\u061B'},  {0x33, U'\u061F'},  {0x34, U'\u0640'},  {0x35, U'\u0652'},
    {0x36, U'\u0658'},  {0x37, U'\u066B'},  {0x38, U'\u066C'},  {0x39, U'\u0672'},  {0x3A, U'\u0673'},
    {0x3B, U'\u06CD'},  {0x3F, U'\u06D4'},
});
// clang-format on

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_NATIONAL_SINGLE_SHIFT_TABLES_H_

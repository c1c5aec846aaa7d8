// Implements TS 23.038 annex A.3 (Release 9 and later): the national language
// locking shift tables, which replace the GSM 7 bit default alphabet when a
// user data header carries IE 0x25 (TS 23.040 §9.2.3.24.16). A.3.2 (Spanish)
// is void: Spanish has a single shift table only. Data only; look-ups are in
// gsm7_tables.h.
//
// Each table is written as the table it builds on plus the codes where it
// differs: the Indic and Urdu tables share the codes of their common table.
//
// Every entry was compared between two independent transcriptions of the
// standard's tables; a third settled the entries where they differ. Where the
// printed standard is wrong the tables follow its evident intent:
//  - 0x2C is ',' in every Indic and the Urdu table, as in the default
//    alphabet; one transcription reads the glyph as an apostrophe.
//  - Kannada (A.3.7) 0x24: the standard prints U+0CAA, which it also prints at
//    0x3D; U+0CA1 (KANNADA LETTER DDA) is the letter the alphabetical run
//    U+0C9F..U+0CA3 at 0x22..0x26 calls for and is otherwise missing.
#ifndef TELLAL_MODEM_PDU_NATIONAL_LOCKING_SHIFT_TABLES_H_
#define TELLAL_MODEM_PDU_NATIONAL_LOCKING_SHIFT_TABLES_H_

#include "modem/pdu/gsm7_default_tables.h"
#include "modem/pdu/gsm7_tables.h"

namespace tellal::pdu {

// clang-format off
// The characters every Indic and the Urdu locking shift table (A.3.4 to A.3.13) has at the same code.
inline constexpr Gsm7Table kIndicLockingShiftCommon = Gsm7TableWith(kEmptyGsm7Table, {
    {0x0A, U'\n'},      {0x0D, U'\r'},      {0x20, U' '},       {0x21, U'!'},       {0x28, U')'},
    {0x29, U'('},       {0x2C, U','},       {0x2E, U'.'},       {0x30, U'0'},       {0x31, U'1'},
    {0x32, U'2'},       {0x33, U'3'},       {0x34, U'4'},       {0x35, U'5'},       {0x36, U'6'},
    {0x37, U'7'},       {0x38, U'8'},       {0x39, U'9'},       {0x3A, U':'},       {0x3B, U';'},
    {0x3F, U'?'},       {0x61, U'a'},       {0x62, U'b'},       {0x63, U'c'},       {0x64, U'd'},
    {0x65, U'e'},       {0x66, U'f'},       {0x67, U'g'},       {0x68, U'h'},       {0x69, U'i'},
    {0x6A, U'j'},       {0x6B, U'k'},       {0x6C, U'l'},       {0x6D, U'm'},       {0x6E, U'n'},
    {0x6F, U'o'},       {0x70, U'p'},       {0x71, U'q'},       {0x72, U'r'},       {0x73, U's'},
    {0x74, U't'},       {0x75, U'u'},       {0x76, U'v'},       {0x77, U'w'},       {0x78, U'x'},
    {0x79, U'y'},       {0x7A, U'z'},
});

// TS 23.038 annex A.3.1: Turkish national language locking shift table (identifier 1).
inline constexpr Gsm7Table kTurkishLockingShift = Gsm7TableWith(kDefaultAlphabet, {
    {0x04, U'\u20AC'},  {0x07, U'\u0131'},  {0x0B, U'\u011E'},  {0x0C, U'\u011F'},  {0x1C, U'\u015E'},
    {0x1D, U'\u015F'},  {0x40, U'\u0130'},  {0x60, U'\u00E7'},
});

// TS 23.038 annex A.3.3: Portuguese national language locking shift table (identifier 3).
inline constexpr Gsm7Table kPortugueseLockingShift = Gsm7TableWith(kDefaultAlphabet, {
    {0x04, U'\u00EA'},  {0x06, U'\u00FA'},  {0x07, U'\u00ED'},  {0x08, U'\u00F3'},  {0x09, U'\u00E7'},
    {0x0B, U'\u00D4'},  {0x0C, U'\u00F4'},  {0x0E, U'\u00C1'},  {0x0F, U'\u00E1'},  {0x12, U'\u00AA'},
    {0x13, U'\u00C7'},  {0x14, U'\u00C0'},  {0x15, U'\u221E'},  {0x16, U'^'},       {0x17, U'\\'},
    {0x18, U'\u20AC'},  {0x19, U'\u00D3'},  {0x1A, U'|'},       {0x1C, U'\u00C2'},  {0x1D, U'\u00E2'},
    {0x1E, U'\u00CA'},  {0x24, U'\u00BA'},  {0x40, U'\u00CD'},  {0x5B, U'\u00C3'},  {0x5C, U'\u00D5'},
    {0x5D, U'\u00DA'},  {0x60, U'~'},       {0x7B, U'\u00E3'},  {0x7C, U'\u00F5'},  {0x7D, U'`'},
});

// TS 23.038 annex A.3.4: Bengali national language locking shift table (identifier 4).
inline constexpr Gsm7Table kBengaliLockingShift = Gsm7TableWith(kIndicLockingShiftCommon, {
    {0x00, U'\u0981'},  {0x01, U'\u0982'},  {0x02, U'\u0983'},  {0x03, U'\u0985'},  {0x04, U'\u0986'},
    {0x05, U'\u0987'},  {0x06, U'\u0988'},  {0x07, U'\u0989'},  {0x08, U'\u098A'},  {0x09, U'\u098B'},
    {0x0B, U'\u098C'},  {0x0F, U'\u098F'},  {0x10, U'\u0990'},  {0x13, U'\u0993'},  {0x14, U'\u0994'},
    {0x15, U'\u0995'},  {0x16, U'\u0996'},  {0x17, U'\u0997'},  {0x18, U'\u0998'},  {0x19, U'\u0999'},
    {0x1A, U'\u099A'},  {0x1C, U'\u099B'},  {0x1D, U'\u099C'},  {0x1E, U'\u099D'},  {0x1F, U'\u099E'},
    {0x22, U'\u099F'},  {0x23, U'\u09A0'},  {0x24, U'\u09A1'},  {0x25, U'\u09A2'},  {0x26, U'\u09A3'},
    {0x27, U'\u09A4'},  {0x2A, U'\u09A5'},  {0x2B, U'\u09A6'},  {0x2D, U'\u09A7'},  {0x2F, U'\u09A8'},
    {0x3D, U'\u09AA'},  {0x3E, U'\u09AB'},  {0x40, U'\u09AC'},  {0x41, U'\u09AD'},  {0x42, U'\u09AE'},
    {0x43, U'\u09AF'},  {0x44, U'\u09B0'},  {0x46, U'\u09B2'},  {0x4A, U'\u09B6'},  {0x4B, U'\u09B7'},
    {0x4C, U'\u09B8'},  {0x4D, U'\u09B9'},  {0x4E, U'\u09BC'},  {0x4F, U'\u09BD'},  {0x50, U'\u09BE'},
    {0x51, U'\u09BF'},  {0x52, U'\u09C0'},  {0x53, U'\u09C1'},  {0x54, U'\u09C2'},  {0x55, U'\u09C3'},
    {0x56, U'\u09C4'},  {0x59, U'\u09C7'},  {0x5A, U'\u09C8'},  {0x5D, U'\u09CB'},  {0x5E, U'\u09CC'},
    {0x5F, U'\u09CD'},  {0x60, U'\u09CE'},  {0x7B, U'\u09D7'},  {0x7C, U'\u09DC'},  {0x7D, U'\u09DD'},
    {0x7E, U'\u09F0'},  {0x7F, U'\u09F1'},
});

// TS 23.038 annex A.3.5: Gujarati national language locking shift table (identifier 5).
inline constexpr Gsm7Table kGujaratiLockingShift = Gsm7TableWith(kIndicLockingShiftCommon, {
    {0x00, U'\u0A81'},  {0x01, U'\u0A82'},  {0x02, U'\u0A83'},  {0x03, U'\u0A85'},  {0x04, U'\u0A86'},
    {0x05, U'\u0A87'},  {0x06, U'\u0A88'},  {0x07, U'\u0A89'},  {0x08, U'\u0A8A'},  {0x09, U'\u0A8B'},
    {0x0B, U'\u0A8C'},  {0x0C, U'\u0A8D'},  {0x0F, U'\u0A8F'},  {0x10, U'\u0A90'},  {0x11, U'\u0A91'},
    {0x13, U'\u0A93'},  {0x14, U'\u0A94'},  {0x15, U'\u0A95'},  {0x16, U'\u0A96'},  {0x17, U'\u0A97'},
    {0x18, U'\u0A98'},  {0x19, U'\u0A99'},  {0x1A, U'\u0A9A'},  {0x1C, U'\u0A9B'},  {0x1D, U'\u0A9C'},
    {0x1E, U'\u0A9D'},  {0x1F, U'\u0A9E'},  {0x22, U'\u0A9F'},  {0x23, U'\u0AA0'},  {0x24, U'\u0AA1'},
    {0x25, U'\u0AA2'},  {0x26, U'\u0AA3'},  {0x27, U'\u0AA4'},  {0x2A, U'\u0AA5'},  {0x2B, U'\u0AA6'},
    {0x2D, U'\u0AA7'},  {0x2F, U'\u0AA8'},  {0x3D, U'\u0AAA'},  {0x3E, U'\u0AAB'},  {0x40, U'\u0AAC'},
    {0x41, U'\u0AAD'},  {0x42, U'\u0AAE'},  {0x43, U'\u0AAF'},  {0x44, U'\u0AB0'},  {0x46, U'\u0AB2'},
    {0x47, U'\u0AB3'},  {0x49, U'\u0AB5'},  {0x4A, U'\u0AB6'},  {0x4B, U'\u0AB7'},  {0x4C, U'\u0AB8'},
    {0x4D, U'\u0AB9'},  {0x4E, U'\u0ABC'},  {0x4F, U'\u0ABD'},  {0x50, U'\u0ABE'},  {0x51, U'\u0ABF'},
    {0x52, U'\u0AC0'},  {0x53, U'\u0AC1'},  {0x54, U'\u0AC2'},  {0x55, U'\u0AC3'},  {0x56, U'\u0AC4'},
    {0x57, U'\u0AC5'},  {0x59, U'\u0AC7'},  {0x5A, U'\u0AC8'},  {0x5B, U'\u0AC9'},  {0x5D, U'\u0ACB'},
    {0x5E, U'\u0ACC'},  {0x5F, U'\u0ACD'},  {0x60, U'\u0AD0'},  {0x7B, U'\u0AE0'},  {0x7C, U'\u0AE1'},
    {0x7D, U'\u0AE2'},  {0x7E, U'\u0AE3'},  {0x7F, U'\u0AF1'},
});

// TS 23.038 annex A.3.6: Hindi national language locking shift table (identifier 6).
inline constexpr Gsm7Table kHindiLockingShift = Gsm7TableWith(kIndicLockingShiftCommon, {
    {0x00, U'\u0901'},  {0x01, U'\u0902'},  {0x02, U'\u0903'},  {0x03, U'\u0905'},  {0x04, U'\u0906'},
    {0x05, U'\u0907'},  {0x06, U'\u0908'},  {0x07, U'\u0909'},  {0x08, U'\u090A'},  {0x09, U'\u090B'},
    {0x0B, U'\u090C'},  {0x0C, U'\u090D'},  {0x0E, U'\u090E'},  {0x0F, U'\u090F'},  {0x10, U'\u0910'},
    {0x11, U'\u0911'},  {0x12, U'\u0912'},  {0x13, U'\u0913'},  {0x14, U'\u0914'},  {0x15, U'\u0915'},
    {0x16, U'\u0916'},  {0x17, U'\u0917'},  {0x18, U'\u0918'},  {0x19, U'\u0919'},  {0x1A, U'\u091A'},
    {0x1C, U'\u091B'},  {0x1D, U'\u091C'},  {0x1E, U'\u091D'},  {0x1F, U'\u091E'},  {0x22, U'\u091F'},
    {0x23, U'\u0920'},  {0x24, U'\u0921'},  {0x25, U'\u0922'},  {0x26, U'\u0923'},  {0x27, U'\u0924'},
    {0x2A, U'\u0925'},  {0x2B, U'\u0926'},  {0x2D, U'\u0927'},  {0x2F, U'\u0928'},  {0x3C, U'\u0929'},
    {0x3D, U'\u092A'},  {0x3E, U'\u092B'},  {0x40, U'\u092C'},  {0x41, U'\u092D'},  {0x42, U'\u092E'},
    {0x43, U'\u092F'},  {0x44, U'\u0930'},  {0x45, U'\u0931'},  {0x46, U'\u0932'},  {0x47, U'\u0933'},
    {0x48, U'\u0934'},  {0x49, U'\u0935'},  {0x4A, U'\u0936'},  {0x4B, U'\u0937'},  {0x4C, U'\u0938'},
    {0x4D, U'\u0939'},  {0x4E, U'\u093C'},  {0x4F, U'\u093D'},  {0x50, U'\u093E'},  {0x51, U'\u093F'},
    {0x52, U'\u0940'},  {0x53, U'\u0941'},  {0x54, U'\u0942'},  {0x55, U'\u0943'},  {0x56, U'\u0944'},
    {0x57, U'\u0945'},  {0x58, U'\u0946'},  {0x59, U'\u0947'},  {0x5A, U'\u0948'},  {0x5B, U'\u0949'},
    {0x5C, U'\u094A'},  {0x5D, U'\u094B'},  {0x5E, U'\u094C'},  {0x5F, U'\u094D'},  {0x60, U'\u0950'},
    {0x7B, U'\u0972'},  {0x7C, U'\u097B'},  {0x7D, U'\u097C'},  {0x7E, U'\u097E'},  {0x7F, U'\u097F'},
});

// TS 23.038 annex A.3.7: Kannada national language locking shift table (identifier 7).
inline constexpr Gsm7Table kKannadaLockingShift = Gsm7TableWith(kIndicLockingShiftCommon, {
    {0x01, U'\u0C82'},  {0x02, U'\u0C83'},  {0x03, U'\u0C85'},  {0x04, U'\u0C86'},  {0x05, U'\u0C87'},
    {0x06, U'\u0C88'},  {0x07, U'\u0C89'},  {0x08, U'\u0C8A'},  {0x09, U'\u0C8B'},  {0x0B, U'\u0C8C'},
    {0x0E, U'\u0C8E'},  {0x0F, U'\u0C8F'},  {0x10, U'\u0C90'},  {0x12, U'\u0C92'},  {0x13, U'\u0C93'},
    {0x14, U'\u0C94'},  {0x15, U'\u0C95'},  {0x16, U'\u0C96'},  {0x17, U'\u0C97'},  {0x18, U'\u0C98'},
    {0x19, U'\u0C99'},  {0x1A, U'\u0C9A'},  {0x1C, U'\u0C9B'},  {0x1D, U'\u0C9C'},  {0x1E, U'\u0C9D'},
    {0x1F, U'\u0C9E'},  {0x22, U'\u0C9F'},  {0x23, U'\u0CA0'},  {0x24, U'\u0CA1'},  {0x25, U'\u0CA2'},
    {0x26, U'\u0CA3'},  {0x27, U'\u0CA4'},  {0x2A, U'\u0CA5'},  {0x2B, U'\u0CA6'},  {0x2D, U'\u0CA7'},
    {0x2F, U'\u0CA8'},  {0x3D, U'\u0CAA'},  {0x3E, U'\u0CAB'},  {0x40, U'\u0CAC'},  {0x41, U'\u0CAD'},
    {0x42, U'\u0CAE'},  {0x43, U'\u0CAF'},  {0x44, U'\u0CB0'},  {0x45, U'\u0CB1'},  {0x46, U'\u0CB2'},
    {0x47, U'\u0CB3'},  {0x49, U'\u0CB5'},  {0x4A, U'\u0CB6'},  {0x4B, U'\u0CB7'},  {0x4C, U'\u0CB8'},
    {0x4D, U'\u0CB9'},  {0x4E, U'\u0CBC'},  {0x4F, U'\u0CBD'},  {0x50, U'\u0CBE'},  {0x51, U'\u0CBF'},
    {0x52, U'\u0CC0'},  {0x53, U'\u0CC1'},  {0x54, U'\u0CC2'},  {0x55, U'\u0CC3'},  {0x56, U'\u0CC4'},
    {0x58, U'\u0CC6'},  {0x59, U'\u0CC7'},  {0x5A, U'\u0CC8'},  {0x5C, U'\u0CCA'},  {0x5D, U'\u0CCB'},
    {0x5E, U'\u0CCC'},  {0x5F, U'\u0CCD'},  {0x60, U'\u0CD5'},  {0x7B, U'\u0CD6'},  {0x7C, U'\u0CE0'},
    {0x7D, U'\u0CE1'},  {0x7E, U'\u0CE2'},  {0x7F, U'\u0CE3'},
});

// TS 23.038 annex A.3.8: Malayalam national language locking shift table (identifier 8).
inline constexpr Gsm7Table kMalayalamLockingShift = Gsm7TableWith(kIndicLockingShiftCommon, {
    {0x01, U'\u0D02'},  {0x02, U'\u0D03'},  {0x03, U'\u0D05'},  {0x04, U'\u0D06'},  {0x05, U'\u0D07'},
    {0x06, U'\u0D08'},  {0x07, U'\u0D09'},  {0x08, U'\u0D0A'},  {0x09, U'\u0D0B'},  {0x0B, U'\u0D0C'},
    {0x0E, U'\u0D0E'},  {0x0F, U'\u0D0F'},  {0x10, U'\u0D10'},  {0x12, U'\u0D12'},  {0x13, U'\u0D13'},
    {0x14, U'\u0D14'},  {0x15, U'\u0D15'},  {0x16, U'\u0D16'},  {0x17, U'\u0D17'},  {0x18, U'\u0D18'},
    {0x19, U'\u0D19'},  {0x1A, U'\u0D1A'},  {0x1C, U'\u0D1B'},  {0x1D, U'\u0D1C'},  {0x1E, U'\u0D1D'},
    {0x1F, U'\u0D1E'},  {0x22, U'\u0D1F'},  {0x23, U'\u0D20'},  {0x24, U'\u0D21'},  {0x25, U'\u0D22'},
    {0x26, U'\u0D23'},  {0x27, U'\u0D24'},  {0x2A, U'\u0D25'},  {0x2B, U'\u0D26'},  {0x2D, U'\u0D27'},
    {0x2F, U'\u0D28'},  {0x3D, U'\u0D2A'},  {0x3E, U'\u0D2B'},  {0x40, U'\u0D2C'},  {0x41, U'\u0D2D'},
    {0x42, U'\u0D2E'},  {0x43, U'\u0D2F'},  {0x44, U'\u0D30'},  {0x45, U'\u0D31'},  {0x46, U'\u0D32'},
    {0x47, U'\u0D33'},  {0x48, U'\u0D34'},  {0x49, U'\u0D35'},  {0x4A, U'\u0D36'},  {0x4B, U'\u0D37'},
    {0x4C, U'\u0D38'},  {0x4D, U'\u0D39'},  {0x4F, U'\u0D3D'},  {0x50, U'\u0D3E'},  {0x51, U'\u0D3F'},
    {0x52, U'\u0D40'},  {0x53, U'\u0D41'},  {0x54, U'\u0D42'},  {0x55, U'\u0D43'},  {0x56, U'\u0D44'},
    {0x58, U'\u0D46'},  {0x59, U'\u0D47'},  {0x5A, U'\u0D48'},  {0x5C, U'\u0D4A'},  {0x5D, U'\u0D4B'},
    {0x5E, U'\u0D4C'},  {0x5F, U'\u0D4D'},  {0x60, U'\u0D57'},  {0x7B, U'\u0D60'},  {0x7C, U'\u0D61'},
    {0x7D, U'\u0D62'},  {0x7E, U'\u0D63'},  {0x7F, U'\u0D79'},
});

// TS 23.038 annex A.3.9: Oriya national language locking shift table (identifier 9).
inline constexpr Gsm7Table kOriyaLockingShift = Gsm7TableWith(kIndicLockingShiftCommon, {
    {0x00, U'\u0B01'},  {0x01, U'\u0B02'},  {0x02, U'\u0B03'},  {0x03, U'\u0B05'},  {0x04, U'\u0B06'},
    {0x05, U'\u0B07'},  {0x06, U'\u0B08'},  {0x07, U'\u0B09'},  {0x08, U'\u0B0A'},  {0x09, U'\u0B0B'},
    {0x0B, U'\u0B0C'},  {0x0F, U'\u0B0F'},  {0x10, U'\u0B10'},  {0x13, U'\u0B13'},  {0x14, U'\u0B14'},
    {0x15, U'\u0B15'},  {0x16, U'\u0B16'},  {0x17, U'\u0B17'},  {0x18, U'\u0B18'},  {0x19, U'\u0B19'},
    {0x1A, U'\u0B1A'},  {0x1C, U'\u0B1B'},  {0x1D, U'\u0B1C'},  {0x1E, U'\u0B1D'},  {0x1F, U'\u0B1E'},
    {0x22, U'\u0B1F'},  {0x23, U'\u0B20'},  {0x24, U'\u0B21'},  {0x25, U'\u0B22'},  {0x26, U'\u0B23'},
    {0x27, U'\u0B24'},  {0x2A, U'\u0B25'},  {0x2B, U'\u0B26'},  {0x2D, U'\u0B27'},  {0x2F, U'\u0B28'},
    {0x3D, U'\u0B2A'},  {0x3E, U'\u0B2B'},  {0x40, U'\u0B2C'},  {0x41, U'\u0B2D'},  {0x42, U'\u0B2E'},
    {0x43, U'\u0B2F'},  {0x44, U'\u0B30'},  {0x46, U'\u0B32'},  {0x47, U'\u0B33'},  {0x49, U'\u0B35'},
    {0x4A, U'\u0B36'},  {0x4B, U'\u0B37'},  {0x4C, U'\u0B38'},  {0x4D, U'\u0B39'},  {0x4E, U'\u0B3C'},
    {0x4F, U'\u0B3D'},  {0x50, U'\u0B3E'},  {0x51, U'\u0B3F'},  {0x52, U'\u0B40'},  {0x53, U'\u0B41'},
    {0x54, U'\u0B42'},  {0x55, U'\u0B43'},  {0x56, U'\u0B44'},  {0x59, U'\u0B47'},  {0x5A, U'\u0B48'},
    {0x5D, U'\u0B4B'},  {0x5E, U'\u0B4C'},  {0x5F, U'\u0B4D'},  {0x60, U'\u0B56'},  {0x7B, U'\u0B57'},
    {0x7C, U'\u0B60'},  {0x7D, U'\u0B61'},  {0x7E, U'\u0B62'},  {0x7F, U'\u0B63'},
});

// TS 23.038 annex A.3.10: Punjabi national language locking shift table (identifier 10).
inline constexpr Gsm7Table kPunjabiLockingShift = Gsm7TableWith(kIndicLockingShiftCommon, {
    {0x00, U'\u0A01'},  {0x01, U'\u0A02'},  {0x02, U'\u0A03'},  {0x03, U'\u0A05'},  {0x04, U'\u0A06'},
    {0x05, U'\u0A07'},  {0x06, U'\u0A08'},  {0x07, U'\u0A09'},  {0x08, U'\u0A0A'},  {0x0F, U'\u0A0F'},
    {0x10, U'\u0A10'},  {0x13, U'\u0A13'},  {0x14, U'\u0A14'},  {0x15, U'\u0A15'},  {0x16, U'\u0A16'},
    {0x17, U'\u0A17'},  {0x18, U'\u0A18'},  {0x19, U'\u0A19'},  {0x1A, U'\u0A1A'},  {0x1C, U'\u0A1B'},
    {0x1D, U'\u0A1C'},  {0x1E, U'\u0A1D'},  {0x1F, U'\u0A1E'},  {0x22, U'\u0A1F'},  {0x23, U'\u0A20'},
    {0x24, U'\u0A21'},  {0x25, U'\u0A22'},  {0x26, U'\u0A23'},  {0x27, U'\u0A24'},  {0x2A, U'\u0A25'},
    {0x2B, U'\u0A26'},  {0x2D, U'\u0A27'},  {0x2F, U'\u0A28'},  {0x3D, U'\u0A2A'},  {0x3E, U'\u0A2B'},
    {0x40, U'\u0A2C'},  {0x41, U'\u0A2D'},  {0x42, U'\u0A2E'},  {0x43, U'\u0A2F'},  {0x44, U'\u0A30'},
    {0x46, U'\u0A32'},  {0x47, U'\u0A33'},  {0x49, U'\u0A35'},  {0x4A, U'\u0A36'},  {0x4C, U'\u0A38'},
    {0x4D, U'\u0A39'},  {0x4E, U'\u0A3C'},  {0x50, U'\u0A3E'},  {0x51, U'\u0A3F'},  {0x52, U'\u0A40'},
    {0x53, U'\u0A41'},  {0x54, U'\u0A42'},  {0x59, U'\u0A47'},  {0x5A, U'\u0A48'},  {0x5D, U'\u0A4B'},
    {0x5E, U'\u0A4C'},  {0x5F, U'\u0A4D'},  {0x60, U'\u0A51'},  {0x7B, U'\u0A70'},  {0x7C, U'\u0A71'},
    {0x7D, U'\u0A72'},  {0x7E, U'\u0A73'},  {0x7F, U'\u0A74'},
});

// TS 23.038 annex A.3.11: Tamil national language locking shift table (identifier 11).
inline constexpr Gsm7Table kTamilLockingShift = Gsm7TableWith(kIndicLockingShiftCommon, {
    {0x01, U'\u0B82'},  {0x02, U'\u0B83'},  {0x03, U'\u0B85'},  {0x04, U'\u0B86'},  {0x05, U'\u0B87'},
    {0x06, U'\u0B88'},  {0x07, U'\u0B89'},  {0x08, U'\u0B8A'},  {0x0E, U'\u0B8E'},  {0x0F, U'\u0B8F'},
    {0x10, U'\u0B90'},  {0x12, U'\u0B92'},  {0x13, U'\u0B93'},  {0x14, U'\u0B94'},  {0x15, U'\u0B95'},
    {0x19, U'\u0B99'},  {0x1A, U'\u0B9A'},  {0x1D, U'\u0B9C'},  {0x1F, U'\u0B9E'},  {0x22, U'\u0B9F'},
    {0x26, U'\u0BA3'},  {0x27, U'\u0BA4'},  {0x2F, U'\u0BA8'},  {0x3C, U'\u0BA9'},  {0x3D, U'\u0BAA'},
    {0x42, U'\u0BAE'},  {0x43, U'\u0BAF'},  {0x44, U'\u0BB0'},  {0x45, U'\u0BB1'},  {0x46, U'\u0BB2'},
    {0x47, U'\u0BB3'},  {0x48, U'\u0BB4'},  {0x49, U'\u0BB5'},  {0x4A, U'\u0BB6'},  {0x4B, U'\u0BB7'},
    {0x4C, U'\u0BB8'},  {0x4D, U'\u0BB9'},  {0x50, U'\u0BBE'},  {0x51, U'\u0BBF'},  {0x52, U'\u0BC0'},
    {0x53, U'\u0BC1'},  {0x54, U'\u0BC2'},  {0x58, U'\u0BC6'},  {0x59, U'\u0BC7'},  {0x5A, U'\u0BC8'},
    {0x5C, U'\u0BCA'},  {0x5D, U'\u0BCB'},  {0x5E, U'\u0BCC'},  {0x5F, U'\u0BCD'},  {0x60, U'\u0BD0'},
    {0x7B, U'\u0BD7'},  {0x7C, U'\u0BF0'},  {0x7D, U'\u0BF1'},  {0x7E, U'\u0BF2'},  {0x7F, U'\u0BF9'},
});

// TS 23.038 annex A.3.12: Telugu national language locking shift table (identifier 12).
inline constexpr Gsm7Table kTeluguLockingShift = Gsm7TableWith(kIndicLockingShiftCommon, {
    {0x00, U'\u0C01'},  {0x01, U'\u0C02'},  {0x02, U'\u0C03'},  {0x03, U'\u0C05'},  {0x04, U'\u0C06'},
    {0x05, U'\u0C07'},  {0x06, U'\u0C08'},  {0x07, U'\u0C09'},  {0x08, U'\u0C0A'},  {0x09, U'\u0C0B'},
    {0x0B, U'\u0C0C'},  {0x0E, U'\u0C0E'},  {0x0F, U'\u0C0F'},  {0x10, U'\u0C10'},  {0x12, U'\u0C12'},
    {0x13, U'\u0C13'},  {0x14, U'\u0C14'},  {0x15, U'\u0C15'},  {0x16, U'\u0C16'},  {0x17, U'\u0C17'},
    {0x18, U'\u0C18'},  {0x19, U'\u0C19'},  {0x1A, U'\u0C1A'},  {0x1C, U'\u0C1B'},  {0x1D, U'\u0C1C'},
    {0x1E, U'\u0C1D'},  {0x1F, U'\u0C1E'},  {0x22, U'\u0C1F'},  {0x23, U'\u0C20'},  {0x24, U'\u0C21'},
    {0x25, U'\u0C22'},  {0x26, U'\u0C23'},  {0x27, U'\u0C24'},  {0x2A, U'\u0C25'},  {0x2B, U'\u0C26'},
    {0x2D, U'\u0C27'},  {0x2F, U'\u0C28'},  {0x3D, U'\u0C2A'},  {0x3E, U'\u0C2B'},  {0x40, U'\u0C2C'},
    {0x41, U'\u0C2D'},  {0x42, U'\u0C2E'},  {0x43, U'\u0C2F'},  {0x44, U'\u0C30'},  {0x45, U'\u0C31'},
    {0x46, U'\u0C32'},  {0x47, U'\u0C33'},  {0x49, U'\u0C35'},  {0x4A, U'\u0C36'},  {0x4B, U'\u0C37'},
    {0x4C, U'\u0C38'},  {0x4D, U'\u0C39'},  {0x4F, U'\u0C3D'},  {0x50, U'\u0C3E'},  {0x51, U'\u0C3F'},
    {0x52, U'\u0C40'},  {0x53, U'\u0C41'},  {0x54, U'\u0C42'},  {0x55, U'\u0C43'},  {0x56, U'\u0C44'},
    {0x58, U'\u0C46'},  {0x59, U'\u0C47'},  {0x5A, U'\u0C48'},  {0x5C, U'\u0C4A'},  {0x5D, U'\u0C4B'},
    {0x5E, U'\u0C4C'},  {0x5F, U'\u0C4D'},  {0x60, U'\u0C55'},  {0x7B, U'\u0C56'},  {0x7C, U'\u0C60'},
    {0x7D, U'\u0C61'},  {0x7E, U'\u0C62'},  {0x7F, U'\u0C63'},
});

// TS 23.038 annex A.3.13: Urdu national language locking shift table (identifier 13).
inline constexpr Gsm7Table kUrduLockingShift = Gsm7TableWith(kIndicLockingShiftCommon, {
    {0x00, U'\u0627'},  {0x01, U'\u0622'},  {0x02, U'\u0628'},  {0x03, U'\u067B'},  {0x04, U'\u0680'},
    {0x05, U'\u067E'},  {0x06, U'\u06A6'},  {0x07, U'\u062A'},  {0x08, U'\u06C2'},  {0x09, U'\u067F'},
    {0x0B, U'\u0679'},  {0x0C, U'\u067D'},  {0x0E, U'\u067A'},  {0x0F, U'\u067C'},  {0x10, U'\u062B'},
    {0x11, U'\u062C'},  {0x12, U'\u0681'},  {0x13, U'\u0684'},  {0x14, U'\u0683'},  {0x15, U'\u0685'},
    {0x16, U'\u0686'},  {0x17, U'\u0687'},  {0x18, U'\u062D'},  {0x19, U'\u062E'},  {0x1A, U'\u062F'},
    {0x1C, U'\u068C'},  {0x1D, U'\u0688'},  {0x1E, U'\u0689'},  {0x1F, U'\u068A'},  {0x22, U'\u068F'},
    {0x23, U'\u068D'},  {0x24, U'\u0630'},  {0x25, U'\u0631'},  {0x26, U'\u0691'},  {0x27, U'\u0693'},
    {0x2A, U'\u0699'},  {0x2B, U'\u0632'},  {0x2D, U'\u0696'},  {0x2F, U'\u0698'},  {0x3C, U'\u069A'},
    {0x3D, U'\u0633'},  {0x3E, U'\u0634'},  {0x40, U'\u0635'},  {0x41, U'\u0636'},  {0x42, U'\u0637'},
    {0x43, U'\u0638'},  {0x44, U'\u0639'},  {0x45, U'\u0641'},  {0x46, U'\u0642'},  {0x47, U'\u06A9'},
    {0x48, U'\u06AA'},  {0x49, U'\u06AB'},  {0x4A, U'\u06AF'},  {0x4B, U'\u06B3'},  {0x4C, U'\u06B1'},
    {0x4D, U'\u0644'},  {0x4E, U'\u0645'},  {0x4F, U'\u0646'},  {0x50, U'\u06BA'},  {0x51, U'\u06BB'},
    {0x52, U'\u06BC'},  {0x53, U'\u0648'},  {0x54, U'\u06C4'},  {0x55, U'\u06D5'},  {0x56, U'\u06C1'},
    {0x57, U'\u06BE'},  {0x58, U'\u0621'},  {0x59, U'\u06CC'},  {0x5A, U'\u06D0'},  {0x5B, U'\u06D2'},
    {0x5C, U'\u064D'},  {0x5D, U'\u0650'},  {0x5E, U'\u064F'},  {0x5F, U'\u0657'},  {0x60, U'\u0654'},
    {0x7B, U'\u0655'},  {0x7C, U'\u0651'},  {0x7D, U'\u0653'},  {0x7E, U'\u0656'},  {0x7F, U'\u0670'},
});
// clang-format on

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_NATIONAL_LOCKING_SHIFT_TABLES_H_

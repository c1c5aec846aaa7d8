// Implements TS 23.038 annex A.2 (Release 9 and later): the national language
// single shift tables, which replace the GSM 7 bit default alphabet extension
// table after ESC when a user data header carries IE 0x24 (TS 23.040
// §9.2.3.24.15). Data only; look-ups are in gsm7_tables.h.
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

#include "modem/pdu/gsm7_tables.h"

namespace tellal::pdu {

// TS 23.038 annex A.2.1: Turkish national language single shift table (identifier 1).
inline constexpr Gsm7Table kTurkishSingleShift = {
    kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x00
    kNoChar, kNoChar,   U'\f',   kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x08
    kNoChar, kNoChar,   kNoChar, kNoChar,   U'^',    kNoChar,   kNoChar, kNoChar,    // 0x10
    kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x18
    kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x20
    U'{',    U'}',      kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, U'\\',      // 0x28
    kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x30
    kNoChar, kNoChar,   kNoChar, kNoChar,   U'[',    U'~',      U']',    kNoChar,    // 0x38
    U'|',    kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, U'\u011E',  // 0x40
    kNoChar, U'\u0130', kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x48
    kNoChar, kNoChar,   kNoChar, U'\u015E', kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x50
    kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x58
    kNoChar, kNoChar,   kNoChar, U'\u00E7', kNoChar, U'\u20AC', kNoChar, U'\u011F',  // 0x60
    kNoChar, U'\u0131', kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x68
    kNoChar, kNoChar,   kNoChar, U'\u015F', kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x70
    kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x78
};

// TS 23.038 annex A.2.2: Spanish national language single shift table (identifier 2).
inline constexpr Gsm7Table kSpanishSingleShift = {
    kNoChar, kNoChar,   kNoChar, kNoChar, kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x00
    kNoChar, U'\u00E7', U'\f',   kNoChar, kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x08
    kNoChar, kNoChar,   kNoChar, kNoChar, U'^',    kNoChar,   kNoChar, kNoChar,    // 0x10
    kNoChar, kNoChar,   kNoChar, kNoChar, kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x18
    kNoChar, kNoChar,   kNoChar, kNoChar, kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x20
    U'{',    U'}',      kNoChar, kNoChar, kNoChar, kNoChar,   kNoChar, U'\\',      // 0x28
    kNoChar, kNoChar,   kNoChar, kNoChar, kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x30
    kNoChar, kNoChar,   kNoChar, kNoChar, U'[',    U'~',      U']',    kNoChar,    // 0x38
    U'|',    U'\u00C1', kNoChar, kNoChar, kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x40
    kNoChar, U'\u00CD', kNoChar, kNoChar, kNoChar, kNoChar,   kNoChar, U'\u00D3',  // 0x48
    kNoChar, kNoChar,   kNoChar, kNoChar, kNoChar, U'\u00DA', kNoChar, kNoChar,    // 0x50
    kNoChar, kNoChar,   kNoChar, kNoChar, kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x58
    kNoChar, U'\u00E1', kNoChar, kNoChar, kNoChar, U'\u20AC', kNoChar, kNoChar,    // 0x60
    kNoChar, U'\u00ED', kNoChar, kNoChar, kNoChar, kNoChar,   kNoChar, U'\u00F3',  // 0x68
    kNoChar, kNoChar,   kNoChar, kNoChar, kNoChar, U'\u00FA', kNoChar, kNoChar,    // 0x70
    kNoChar, kNoChar,   kNoChar, kNoChar, kNoChar, kNoChar,   kNoChar, kNoChar,    // 0x78
};

// TS 23.038 annex A.2.3: Portuguese national language single shift table (identifier 3).
inline constexpr Gsm7Table kPortugueseSingleShift = {
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u00EA', kNoChar,   kNoChar,    // 0x00
    kNoChar,   U'\u00E7', U'\f',     U'\u00D4', U'\u00F4', kNoChar,   U'\u00C1', U'\u00E1',  // 0x08
    kNoChar,   kNoChar,   U'\u03A6', U'\u0393', U'^',      U'\u03A9', U'\u03A0', U'\u03A8',  // 0x10
    U'\u03A3', U'\u0398', kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u00CA',  // 0x18
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x20
    U'{',      U'}',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\\',      // 0x28
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x30
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'[',      U'~',      U']',      kNoChar,    // 0x38
    U'|',      U'\u00C0', kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x40
    kNoChar,   U'\u00CD', kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u00D3',  // 0x48
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u00DA', kNoChar,   kNoChar,    // 0x50
    kNoChar,   kNoChar,   kNoChar,   U'\u00C3', U'\u00D5', kNoChar,   kNoChar,   kNoChar,    // 0x58
    kNoChar,   U'\u00C2', kNoChar,   kNoChar,   kNoChar,   U'\u20AC', kNoChar,   kNoChar,    // 0x60
    kNoChar,   U'\u00ED', kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u00F3',  // 0x68
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u00FA', kNoChar,   kNoChar,    // 0x70
    kNoChar,   kNoChar,   kNoChar,   U'\u00E3', U'\u00F5', kNoChar,   kNoChar,   U'\u00E2',  // 0x78
};

// TS 23.038 annex A.2.4: Bengali national language single shift table (identifier 4).
inline constexpr Gsm7Table kBengaliSingleShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00BF', U'"',      U'\u00A4', U'%',       // 0x00
    U'&',      U'\'',     U'\f',     U'*',      U'+',      kNoChar,   U'-',      U'/',       // 0x08
    U'<',      U'=',      U'>',      U'\u00A1', U'^',      U'\u00A1', U'_',      U'#',       // 0x10
    U'*',      U'\u09E6', U'\u09E7', kNoChar,   U'\u09E8', U'\u09E9', U'\u09EA', U'\u09EB',  // 0x18
    U'\u09EC', U'\u09ED', U'\u09EE', U'\u09EF', U'\u09DF', U'\u09E0', U'\u09E1', U'\u09E2',  // 0x20
    U'{',      U'}',      U'\u09E3', U'\u09F2', U'\u09F3', U'\u09F4', U'\u09F5', U'\\',      // 0x28
    U'\u09F6', U'\u09F7', U'\u09F8', U'\u09F9', U'\u09FA', kNoChar,   kNoChar,   kNoChar,    // 0x30
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'[',      U'~',      U']',      kNoChar,    // 0x38
    U'|',      U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x58
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u20AC', kNoChar,   kNoChar,    // 0x60
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x68
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x70
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x78
};

// TS 23.038 annex A.2.5: Gujarati national language single shift table (identifier 5).
inline constexpr Gsm7Table kGujaratiSingleShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00BF', U'"',      U'\u00A4', U'%',       // 0x00
    U'&',      U'\'',     U'\f',     U'*',      U'+',      kNoChar,   U'-',      U'/',       // 0x08
    U'<',      U'=',      U'>',      U'\u00A1', U'^',      U'\u00A1', U'_',      U'#',       // 0x10
    U'*',      U'\u0964', U'\u0965', kNoChar,   U'\u0AE6', U'\u0AE7', U'\u0AE8', U'\u0AE9',  // 0x18
    U'\u0AEA', U'\u0AEB', U'\u0AEC', U'\u0AED', U'\u0AEE', U'\u0AEF', kNoChar,   kNoChar,    // 0x20
    U'{',      U'}',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\\',      // 0x28
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x30
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'[',      U'~',      U']',      kNoChar,    // 0x38
    U'|',      U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x58
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u20AC', kNoChar,   kNoChar,    // 0x60
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x68
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x70
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x78
};

// TS 23.038 annex A.2.6: Hindi national language single shift table (identifier 6).
inline constexpr Gsm7Table kHindiSingleShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00BF', U'"',      U'\u00A4', U'%',       // 0x00
    U'&',      U'\'',     U'\f',     U'*',      U'+',      kNoChar,   U'-',      U'/',       // 0x08
    U'<',      U'=',      U'>',      U'\u00A1', U'^',      U'\u00A1', U'_',      U'#',       // 0x10
    U'*',      U'\u0964', U'\u0965', kNoChar,   U'\u0966', U'\u0967', U'\u0968', U'\u0969',  // 0x18
    U'\u096A', U'\u096B', U'\u096C', U'\u096D', U'\u096E', U'\u096F', U'\u0951', U'\u0952',  // 0x20
    U'{',      U'}',      U'\u0953', U'\u0954', U'\u0958', U'\u0959', U'\u095A', U'\\',      // 0x28
    U'\u095B', U'\u095C', U'\u095D', U'\u095E', U'\u095F', U'\u0960', U'\u0961', U'\u0962',  // 0x30
    U'\u0963', U'\u0970', U'\u0971', kNoChar,   U'[',      U'~',      U']',      kNoChar,    // 0x38
    U'|',      U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x58
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u20AC', kNoChar,   kNoChar,    // 0x60
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x68
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x70
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x78
};

// TS 23.038 annex A.2.7: Kannada national language single shift table (identifier 7).
inline constexpr Gsm7Table kKannadaSingleShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00BF', U'"',      U'\u00A4', U'%',       // 0x00
    U'&',      U'\'',     U'\f',     U'*',      U'+',      kNoChar,   U'-',      U'/',       // 0x08
    U'<',      U'=',      U'>',      U'\u00A1', U'^',      U'\u00A1', U'_',      U'#',       // 0x10
    U'*',      U'\u0964', U'\u0965', kNoChar,   U'\u0CE6', U'\u0CE7', U'\u0CE8', U'\u0CE9',  // 0x18
    U'\u0CEA', U'\u0CEB', U'\u0CEC', U'\u0CED', U'\u0CEE', U'\u0CEF', U'\u0CDE', U'\u0CF1',  // 0x20
    U'{',      U'}',      U'\u0CF2', kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\\',      // 0x28
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x30
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'[',      U'~',      U']',      kNoChar,    // 0x38
    U'|',      U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x58
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u20AC', kNoChar,   kNoChar,    // 0x60
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x68
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x70
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x78
};

// TS 23.038 annex A.2.8: Malayalam national language single shift table (identifier 8).
inline constexpr Gsm7Table kMalayalamSingleShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00BF', U'"',      U'\u00A4', U'%',       // 0x00
    U'&',      U'\'',     U'\f',     U'*',      U'+',      kNoChar,   U'-',      U'/',       // 0x08
    U'<',      U'=',      U'>',      U'\u00A1', U'^',      U'\u00A1', U'_',      U'#',       // 0x10
    U'*',      U'\u0964', U'\u0965', kNoChar,   U'\u0D66', U'\u0D67', U'\u0D68', U'\u0D69',  // 0x18
    U'\u0D6A', U'\u0D6B', U'\u0D6C', U'\u0D6D', U'\u0D6E', U'\u0D6F', U'\u0D70', U'\u0D71',  // 0x20
    U'{',      U'}',      U'\u0D72', U'\u0D73', U'\u0D74', U'\u0D75', U'\u0D7A', U'\\',      // 0x28
    U'\u0D7B', U'\u0D7C', U'\u0D7D', U'\u0D7E', U'\u0D7F', kNoChar,   kNoChar,   kNoChar,    // 0x30
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'[',      U'~',      U']',      kNoChar,    // 0x38
    U'|',      U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x58
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u20AC', kNoChar,   kNoChar,    // 0x60
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x68
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x70
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x78
};

// TS 23.038 annex A.2.9: Oriya national language single shift table (identifier 9).
inline constexpr Gsm7Table kOriyaSingleShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00BF', U'"',      U'\u00A4', U'%',       // 0x00
    U'&',      U'\'',     U'\f',     U'*',      U'+',      kNoChar,   U'-',      U'/',       // 0x08
    U'<',      U'=',      U'>',      U'\u00A1', U'^',      U'\u00A1', U'_',      U'#',       // 0x10
    U'*',      U'\u0964', U'\u0965', kNoChar,   U'\u0B66', U'\u0B67', U'\u0B68', U'\u0B69',  // 0x18
    U'\u0B6A', U'\u0B6B', U'\u0B6C', U'\u0B6D', U'\u0B6E', U'\u0B6F', U'\u0B5C', U'\u0B5D',  // 0x20
    U'{',      U'}',      U'\u0B5F', U'\u0B70', U'\u0B71', kNoChar,   kNoChar,   U'\\',      // 0x28
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x30
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'[',      U'~',      U']',      kNoChar,    // 0x38
    U'|',      U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x58
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u20AC', kNoChar,   kNoChar,    // 0x60
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x68
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x70
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x78
};

// TS 23.038 annex A.2.10: Punjabi national language single shift table (identifier 10).
inline constexpr Gsm7Table kPunjabiSingleShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00BF', U'"',      U'\u00A4', U'%',       // 0x00
    U'&',      U'\'',     U'\f',     U'*',      U'+',      kNoChar,   U'-',      U'/',       // 0x08
    U'<',      U'=',      U'>',      U'\u00A1', U'^',      U'\u00A1', U'_',      U'#',       // 0x10
    U'*',      U'\u0964', U'\u0965', kNoChar,   U'\u0A66', U'\u0A67', U'\u0A68', U'\u0A69',  // 0x18
    U'\u0A6A', U'\u0A6B', U'\u0A6C', U'\u0A6D', U'\u0A6E', U'\u0A6F', U'\u0A59', U'\u0A5A',  // 0x20
    U'{',      U'}',      U'\u0A5B', U'\u0A5C', U'\u0A5E', U'\u0A75', kNoChar,   U'\\',      // 0x28
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x30
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'[',      U'~',      U']',      kNoChar,    // 0x38
    U'|',      U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x58
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u20AC', kNoChar,   kNoChar,    // 0x60
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x68
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x70
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x78
};

// TS 23.038 annex A.2.11: Tamil national language single shift table (identifier 11).
inline constexpr Gsm7Table kTamilSingleShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00BF', U'"',      U'\u00A4', U'%',       // 0x00
    U'&',      U'\'',     U'\f',     U'*',      U'+',      kNoChar,   U'-',      U'/',       // 0x08
    U'<',      U'=',      U'>',      U'\u00A1', U'^',      U'\u00A1', U'_',      U'#',       // 0x10
    U'*',      U'\u0964', U'\u0965', kNoChar,   U'\u0BE6', U'\u0BE7', U'\u0BE8', U'\u0BE9',  // 0x18
    U'\u0BEA', U'\u0BEB', U'\u0BEC', U'\u0BED', U'\u0BEE', U'\u0BEF', U'\u0BF3', U'\u0BF4',  // 0x20
    U'{',      U'}',      U'\u0BF5', U'\u0BF6', U'\u0BF7', U'\u0BF8', U'\u0BFA', U'\\',      // 0x28
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x30
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'[',      U'~',      U']',      kNoChar,    // 0x38
    U'|',      U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x58
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u20AC', kNoChar,   kNoChar,    // 0x60
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x68
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x70
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x78
};

// TS 23.038 annex A.2.12: Telugu national language single shift table (identifier 12).
inline constexpr Gsm7Table kTeluguSingleShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00BF', U'"',      U'\u00A4', U'%',       // 0x00
    U'&',      U'\'',     U'\f',     U'*',      U'+',      kNoChar,   U'-',      U'/',       // 0x08
    U'<',      U'=',      U'>',      U'\u00A1', U'^',      U'\u00A1', U'_',      U'#',       // 0x10
    U'*',      kNoChar,   kNoChar,   kNoChar,   U'\u0C66', U'\u0C67', U'\u0C68', U'\u0C69',  // 0x18
    U'\u0C6A', U'\u0C6B', U'\u0C6C', U'\u0C6D', U'\u0C6E', U'\u0C6F', U'\u0C58', U'\u0C59',  // 0x20
    U'{',      U'}',      U'\u0C78', U'\u0C79', U'\u0C7A', U'\u0C7B', U'\u0C7C', U'\\',      // 0x28
    U'\u0C7D', U'\u0C7E', U'\u0C7F', kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x30
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'[',      U'~',      U']',      kNoChar,    // 0x38
    U'|',      U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x58
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u20AC', kNoChar,   kNoChar,    // 0x60
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x68
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x70
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x78
};

// TS 23.038 annex A.2.13: Urdu national language single shift table (identifier 13).
inline constexpr Gsm7Table kUrduSingleShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00BF', U'"',      U'\u00A4', U'%',       // 0x00
    U'&',      U'\'',     U'\f',     U'*',      U'+',      kNoChar,   U'-',      U'/',       // 0x08
    U'<',      U'=',      U'>',      U'\u00A1', U'^',      U'\u00A1', U'_',      U'#',       // 0x10
    U'*',      U'\u0600', U'\u0601', kNoChar,   U'\u06F0', U'\u06F1', U'\u06F2', U'\u06F3',  // 0x18
    U'\u06F4', U'\u06F5', U'\u06F6', U'\u06F7', U'\u06F8', U'\u06F9', U'\u060C', U'\u060D',  // 0x20
    U'{',      U'}',      U'\u060E', U'\u060F', U'\u0610', U'\u0611', U'\u0612', U'\\',      // 0x28
    U'\u0613', U'\u0614', U'\u061B', U'\u061F', U'\u0640', U'\u0652', U'\u0658', U'\u066B',  // 0x30
    U'\u066C', U'\u0672', U'\u0673', U'\u06CD', U'[',      U'~',      U']',      U'\u06D4',  // 0x38
    U'|',      U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x58
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   U'\u20AC', kNoChar,   kNoChar,    // 0x60
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x68
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x70
    kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,   kNoChar,    // 0x78
};

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_NATIONAL_SINGLE_SHIFT_TABLES_H_

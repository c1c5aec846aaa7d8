// Implements TS 23.038 annex A.3 (Release 9 and later): the national language
// locking shift tables, which replace the GSM 7 bit default alphabet when a
// user data header carries IE 0x25 (TS 23.040 §9.2.3.24.16). A.3.2 (Spanish)
// is void: Spanish has a single shift table only. Data only; look-ups are in
// gsm7_tables.h.
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

#include "modem/pdu/gsm7_tables.h"

namespace tellal::pdu {

// TS 23.038 annex A.3.1: Turkish national language locking shift table (identifier 1).
inline constexpr Gsm7Table kTurkishLockingShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u20AC', U'\u00E9', U'\u00F9', U'\u0131',  // 0x00
    U'\u00F2', U'\u00C7', U'\n',     U'\u011E', U'\u011F', U'\r',     U'\u00C5', U'\u00E5',  // 0x08
    U'\u0394', U'_',      U'\u03A6', U'\u0393', U'\u039B', U'\u03A9', U'\u03A0', U'\u03A8',  // 0x10
    U'\u03A3', U'\u0398', U'\u039E', kNoChar,   U'\u015E', U'\u015F', U'\u00DF', U'\u00C9',  // 0x18
    U' ',      U'!',      U'"',      U'#',      U'\u00A4', U'%',      U'&',      U'\'',      // 0x20
    U'(',      U')',      U'*',      U'+',      U',',      U'-',      U'.',      U'/',       // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      U'<',      U'=',      U'>',      U'?',       // 0x38
    U'\u0130', U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      U'\u00C4', U'\u00D6', U'\u00D1', U'\u00DC', U'\u00A7',  // 0x58
    U'\u00E7', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u00E4', U'\u00F6', U'\u00F1', U'\u00FC', U'\u00E0',  // 0x78
};

// TS 23.038 annex A.3.3: Portuguese national language locking shift table (identifier 3).
inline constexpr Gsm7Table kPortugueseLockingShift = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00EA', U'\u00E9', U'\u00FA', U'\u00ED',  // 0x00
    U'\u00F3', U'\u00E7', U'\n',     U'\u00D4', U'\u00F4', U'\r',     U'\u00C1', U'\u00E1',  // 0x08
    U'\u0394', U'_',      U'\u00AA', U'\u00C7', U'\u00C0', U'\u221E', U'^',      U'\\',      // 0x10
    U'\u20AC', U'\u00D3', U'|',      kNoChar,   U'\u00C2', U'\u00E2', U'\u00CA', U'\u00C9',  // 0x18
    U' ',      U'!',      U'"',      U'#',      U'\u00BA', U'%',      U'&',      U'\'',      // 0x20
    U'(',      U')',      U'*',      U'+',      U',',      U'-',      U'.',      U'/',       // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      U'<',      U'=',      U'>',      U'?',       // 0x38
    U'\u00CD', U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      U'\u00C3', U'\u00D5', U'\u00DA', U'\u00DC', U'\u00A7',  // 0x58
    U'~',      U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u00E3', U'\u00F5', U'`',      U'\u00FC', U'\u00E0',  // 0x78
};

// TS 23.038 annex A.3.4: Bengali national language locking shift table (identifier 4).
inline constexpr Gsm7Table kBengaliLockingShift = {
    U'\u0981', U'\u0982', U'\u0983', U'\u0985', U'\u0986', U'\u0987', U'\u0988', U'\u0989',  // 0x00
    U'\u098A', U'\u098B', U'\n',     U'\u098C', kNoChar,   U'\r',     kNoChar,   U'\u098F',  // 0x08
    U'\u0990', kNoChar,   kNoChar,   U'\u0993', U'\u0994', U'\u0995', U'\u0996', U'\u0997',  // 0x10
    U'\u0998', U'\u0999', U'\u099A', kNoChar,   U'\u099B', U'\u099C', U'\u099D', U'\u099E',  // 0x18
    U' ',      U'!',      U'\u099F', U'\u09A0', U'\u09A1', U'\u09A2', U'\u09A3', U'\u09A4',  // 0x20
    U')',      U'(',      U'\u09A5', U'\u09A6', U',',      U'\u09A7', U'.',      U'\u09A8',  // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      kNoChar,   U'\u09AA', U'\u09AB', U'?',       // 0x38
    U'\u09AC', U'\u09AD', U'\u09AE', U'\u09AF', U'\u09B0', kNoChar,   U'\u09B2', kNoChar,    // 0x40
    kNoChar,   kNoChar,   U'\u09B6', U'\u09B7', U'\u09B8', U'\u09B9', U'\u09BC', U'\u09BD',  // 0x48
    U'\u09BE', U'\u09BF', U'\u09C0', U'\u09C1', U'\u09C2', U'\u09C3', U'\u09C4', kNoChar,    // 0x50
    kNoChar,   U'\u09C7', U'\u09C8', kNoChar,   kNoChar,   U'\u09CB', U'\u09CC', U'\u09CD',  // 0x58
    U'\u09CE', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u09D7', U'\u09DC', U'\u09DD', U'\u09F0', U'\u09F1',  // 0x78
};

// TS 23.038 annex A.3.5: Gujarati national language locking shift table (identifier 5).
inline constexpr Gsm7Table kGujaratiLockingShift = {
    U'\u0A81', U'\u0A82', U'\u0A83', U'\u0A85', U'\u0A86', U'\u0A87', U'\u0A88', U'\u0A89',  // 0x00
    U'\u0A8A', U'\u0A8B', U'\n',     U'\u0A8C', U'\u0A8D', U'\r',     kNoChar,   U'\u0A8F',  // 0x08
    U'\u0A90', U'\u0A91', kNoChar,   U'\u0A93', U'\u0A94', U'\u0A95', U'\u0A96', U'\u0A97',  // 0x10
    U'\u0A98', U'\u0A99', U'\u0A9A', kNoChar,   U'\u0A9B', U'\u0A9C', U'\u0A9D', U'\u0A9E',  // 0x18
    U' ',      U'!',      U'\u0A9F', U'\u0AA0', U'\u0AA1', U'\u0AA2', U'\u0AA3', U'\u0AA4',  // 0x20
    U')',      U'(',      U'\u0AA5', U'\u0AA6', U',',      U'\u0AA7', U'.',      U'\u0AA8',  // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      kNoChar,   U'\u0AAA', U'\u0AAB', U'?',       // 0x38
    U'\u0AAC', U'\u0AAD', U'\u0AAE', U'\u0AAF', U'\u0AB0', kNoChar,   U'\u0AB2', U'\u0AB3',  // 0x40
    kNoChar,   U'\u0AB5', U'\u0AB6', U'\u0AB7', U'\u0AB8', U'\u0AB9', U'\u0ABC', U'\u0ABD',  // 0x48
    U'\u0ABE', U'\u0ABF', U'\u0AC0', U'\u0AC1', U'\u0AC2', U'\u0AC3', U'\u0AC4', U'\u0AC5',  // 0x50
    kNoChar,   U'\u0AC7', U'\u0AC8', U'\u0AC9', kNoChar,   U'\u0ACB', U'\u0ACC', U'\u0ACD',  // 0x58
    U'\u0AD0', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u0AE0', U'\u0AE1', U'\u0AE2', U'\u0AE3', U'\u0AF1',  // 0x78
};

// TS 23.038 annex A.3.6: Hindi national language locking shift table (identifier 6).
inline constexpr Gsm7Table kHindiLockingShift = {
    U'\u0901', U'\u0902', U'\u0903', U'\u0905', U'\u0906', U'\u0907', U'\u0908', U'\u0909',  // 0x00
    U'\u090A', U'\u090B', U'\n',     U'\u090C', U'\u090D', U'\r',     U'\u090E', U'\u090F',  // 0x08
    U'\u0910', U'\u0911', U'\u0912', U'\u0913', U'\u0914', U'\u0915', U'\u0916', U'\u0917',  // 0x10
    U'\u0918', U'\u0919', U'\u091A', kNoChar,   U'\u091B', U'\u091C', U'\u091D', U'\u091E',  // 0x18
    U' ',      U'!',      U'\u091F', U'\u0920', U'\u0921', U'\u0922', U'\u0923', U'\u0924',  // 0x20
    U')',      U'(',      U'\u0925', U'\u0926', U',',      U'\u0927', U'.',      U'\u0928',  // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      U'\u0929', U'\u092A', U'\u092B', U'?',       // 0x38
    U'\u092C', U'\u092D', U'\u092E', U'\u092F', U'\u0930', U'\u0931', U'\u0932', U'\u0933',  // 0x40
    U'\u0934', U'\u0935', U'\u0936', U'\u0937', U'\u0938', U'\u0939', U'\u093C', U'\u093D',  // 0x48
    U'\u093E', U'\u093F', U'\u0940', U'\u0941', U'\u0942', U'\u0943', U'\u0944', U'\u0945',  // 0x50
    U'\u0946', U'\u0947', U'\u0948', U'\u0949', U'\u094A', U'\u094B', U'\u094C', U'\u094D',  // 0x58
    U'\u0950', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u0972', U'\u097B', U'\u097C', U'\u097E', U'\u097F',  // 0x78
};

// TS 23.038 annex A.3.7: Kannada national language locking shift table (identifier 7).
inline constexpr Gsm7Table kKannadaLockingShift = {
    kNoChar,   U'\u0C82', U'\u0C83', U'\u0C85', U'\u0C86', U'\u0C87', U'\u0C88', U'\u0C89',  // 0x00
    U'\u0C8A', U'\u0C8B', U'\n',     U'\u0C8C', kNoChar,   U'\r',     U'\u0C8E', U'\u0C8F',  // 0x08
    U'\u0C90', kNoChar,   U'\u0C92', U'\u0C93', U'\u0C94', U'\u0C95', U'\u0C96', U'\u0C97',  // 0x10
    U'\u0C98', U'\u0C99', U'\u0C9A', kNoChar,   U'\u0C9B', U'\u0C9C', U'\u0C9D', U'\u0C9E',  // 0x18
    U' ',      U'!',      U'\u0C9F', U'\u0CA0', U'\u0CA1', U'\u0CA2', U'\u0CA3', U'\u0CA4',  // 0x20
    U')',      U'(',      U'\u0CA5', U'\u0CA6', U',',      U'\u0CA7', U'.',      U'\u0CA8',  // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      kNoChar,   U'\u0CAA', U'\u0CAB', U'?',       // 0x38
    U'\u0CAC', U'\u0CAD', U'\u0CAE', U'\u0CAF', U'\u0CB0', U'\u0CB1', U'\u0CB2', U'\u0CB3',  // 0x40
    kNoChar,   U'\u0CB5', U'\u0CB6', U'\u0CB7', U'\u0CB8', U'\u0CB9', U'\u0CBC', U'\u0CBD',  // 0x48
    U'\u0CBE', U'\u0CBF', U'\u0CC0', U'\u0CC1', U'\u0CC2', U'\u0CC3', U'\u0CC4', kNoChar,    // 0x50
    U'\u0CC6', U'\u0CC7', U'\u0CC8', kNoChar,   U'\u0CCA', U'\u0CCB', U'\u0CCC', U'\u0CCD',  // 0x58
    U'\u0CD5', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u0CD6', U'\u0CE0', U'\u0CE1', U'\u0CE2', U'\u0CE3',  // 0x78
};

// TS 23.038 annex A.3.8: Malayalam national language locking shift table (identifier 8).
inline constexpr Gsm7Table kMalayalamLockingShift = {
    kNoChar,   U'\u0D02', U'\u0D03', U'\u0D05', U'\u0D06', U'\u0D07', U'\u0D08', U'\u0D09',  // 0x00
    U'\u0D0A', U'\u0D0B', U'\n',     U'\u0D0C', kNoChar,   U'\r',     U'\u0D0E', U'\u0D0F',  // 0x08
    U'\u0D10', kNoChar,   U'\u0D12', U'\u0D13', U'\u0D14', U'\u0D15', U'\u0D16', U'\u0D17',  // 0x10
    U'\u0D18', U'\u0D19', U'\u0D1A', kNoChar,   U'\u0D1B', U'\u0D1C', U'\u0D1D', U'\u0D1E',  // 0x18
    U' ',      U'!',      U'\u0D1F', U'\u0D20', U'\u0D21', U'\u0D22', U'\u0D23', U'\u0D24',  // 0x20
    U')',      U'(',      U'\u0D25', U'\u0D26', U',',      U'\u0D27', U'.',      U'\u0D28',  // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      kNoChar,   U'\u0D2A', U'\u0D2B', U'?',       // 0x38
    U'\u0D2C', U'\u0D2D', U'\u0D2E', U'\u0D2F', U'\u0D30', U'\u0D31', U'\u0D32', U'\u0D33',  // 0x40
    U'\u0D34', U'\u0D35', U'\u0D36', U'\u0D37', U'\u0D38', U'\u0D39', kNoChar,   U'\u0D3D',  // 0x48
    U'\u0D3E', U'\u0D3F', U'\u0D40', U'\u0D41', U'\u0D42', U'\u0D43', U'\u0D44', kNoChar,    // 0x50
    U'\u0D46', U'\u0D47', U'\u0D48', kNoChar,   U'\u0D4A', U'\u0D4B', U'\u0D4C', U'\u0D4D',  // 0x58
    U'\u0D57', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u0D60', U'\u0D61', U'\u0D62', U'\u0D63', U'\u0D79',  // 0x78
};

// TS 23.038 annex A.3.9: Oriya national language locking shift table (identifier 9).
inline constexpr Gsm7Table kOriyaLockingShift = {
    U'\u0B01', U'\u0B02', U'\u0B03', U'\u0B05', U'\u0B06', U'\u0B07', U'\u0B08', U'\u0B09',  // 0x00
    U'\u0B0A', U'\u0B0B', U'\n',     U'\u0B0C', kNoChar,   U'\r',     kNoChar,   U'\u0B0F',  // 0x08
    U'\u0B10', kNoChar,   kNoChar,   U'\u0B13', U'\u0B14', U'\u0B15', U'\u0B16', U'\u0B17',  // 0x10
    U'\u0B18', U'\u0B19', U'\u0B1A', kNoChar,   U'\u0B1B', U'\u0B1C', U'\u0B1D', U'\u0B1E',  // 0x18
    U' ',      U'!',      U'\u0B1F', U'\u0B20', U'\u0B21', U'\u0B22', U'\u0B23', U'\u0B24',  // 0x20
    U')',      U'(',      U'\u0B25', U'\u0B26', U',',      U'\u0B27', U'.',      U'\u0B28',  // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      kNoChar,   U'\u0B2A', U'\u0B2B', U'?',       // 0x38
    U'\u0B2C', U'\u0B2D', U'\u0B2E', U'\u0B2F', U'\u0B30', kNoChar,   U'\u0B32', U'\u0B33',  // 0x40
    kNoChar,   U'\u0B35', U'\u0B36', U'\u0B37', U'\u0B38', U'\u0B39', U'\u0B3C', U'\u0B3D',  // 0x48
    U'\u0B3E', U'\u0B3F', U'\u0B40', U'\u0B41', U'\u0B42', U'\u0B43', U'\u0B44', kNoChar,    // 0x50
    kNoChar,   U'\u0B47', U'\u0B48', kNoChar,   kNoChar,   U'\u0B4B', U'\u0B4C', U'\u0B4D',  // 0x58
    U'\u0B56', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u0B57', U'\u0B60', U'\u0B61', U'\u0B62', U'\u0B63',  // 0x78
};

// TS 23.038 annex A.3.10: Punjabi national language locking shift table (identifier 10).
inline constexpr Gsm7Table kPunjabiLockingShift = {
    U'\u0A01', U'\u0A02', U'\u0A03', U'\u0A05', U'\u0A06', U'\u0A07', U'\u0A08', U'\u0A09',  // 0x00
    U'\u0A0A', kNoChar,   U'\n',     kNoChar,   kNoChar,   U'\r',     kNoChar,   U'\u0A0F',  // 0x08
    U'\u0A10', kNoChar,   kNoChar,   U'\u0A13', U'\u0A14', U'\u0A15', U'\u0A16', U'\u0A17',  // 0x10
    U'\u0A18', U'\u0A19', U'\u0A1A', kNoChar,   U'\u0A1B', U'\u0A1C', U'\u0A1D', U'\u0A1E',  // 0x18
    U' ',      U'!',      U'\u0A1F', U'\u0A20', U'\u0A21', U'\u0A22', U'\u0A23', U'\u0A24',  // 0x20
    U')',      U'(',      U'\u0A25', U'\u0A26', U',',      U'\u0A27', U'.',      U'\u0A28',  // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      kNoChar,   U'\u0A2A', U'\u0A2B', U'?',       // 0x38
    U'\u0A2C', U'\u0A2D', U'\u0A2E', U'\u0A2F', U'\u0A30', kNoChar,   U'\u0A32', U'\u0A33',  // 0x40
    kNoChar,   U'\u0A35', U'\u0A36', kNoChar,   U'\u0A38', U'\u0A39', U'\u0A3C', kNoChar,    // 0x48
    U'\u0A3E', U'\u0A3F', U'\u0A40', U'\u0A41', U'\u0A42', kNoChar,   kNoChar,   kNoChar,    // 0x50
    kNoChar,   U'\u0A47', U'\u0A48', kNoChar,   kNoChar,   U'\u0A4B', U'\u0A4C', U'\u0A4D',  // 0x58
    U'\u0A51', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u0A70', U'\u0A71', U'\u0A72', U'\u0A73', U'\u0A74',  // 0x78
};

// TS 23.038 annex A.3.11: Tamil national language locking shift table (identifier 11).
inline constexpr Gsm7Table kTamilLockingShift = {
    kNoChar,   U'\u0B82', U'\u0B83', U'\u0B85', U'\u0B86', U'\u0B87', U'\u0B88', U'\u0B89',  // 0x00
    U'\u0B8A', kNoChar,   U'\n',     kNoChar,   kNoChar,   U'\r',     U'\u0B8E', U'\u0B8F',  // 0x08
    U'\u0B90', kNoChar,   U'\u0B92', U'\u0B93', U'\u0B94', U'\u0B95', kNoChar,   kNoChar,    // 0x10
    kNoChar,   U'\u0B99', U'\u0B9A', kNoChar,   kNoChar,   U'\u0B9C', kNoChar,   U'\u0B9E',  // 0x18
    U' ',      U'!',      U'\u0B9F', kNoChar,   kNoChar,   kNoChar,   U'\u0BA3', U'\u0BA4',  // 0x20
    U')',      U'(',      kNoChar,   kNoChar,   U',',      kNoChar,   U'.',      U'\u0BA8',  // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      U'\u0BA9', U'\u0BAA', kNoChar,   U'?',       // 0x38
    kNoChar,   kNoChar,   U'\u0BAE', U'\u0BAF', U'\u0BB0', U'\u0BB1', U'\u0BB2', U'\u0BB3',  // 0x40
    U'\u0BB4', U'\u0BB5', U'\u0BB6', U'\u0BB7', U'\u0BB8', U'\u0BB9', kNoChar,   kNoChar,    // 0x48
    U'\u0BBE', U'\u0BBF', U'\u0BC0', U'\u0BC1', U'\u0BC2', kNoChar,   kNoChar,   kNoChar,    // 0x50
    U'\u0BC6', U'\u0BC7', U'\u0BC8', kNoChar,   U'\u0BCA', U'\u0BCB', U'\u0BCC', U'\u0BCD',  // 0x58
    U'\u0BD0', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u0BD7', U'\u0BF0', U'\u0BF1', U'\u0BF2', U'\u0BF9',  // 0x78
};

// TS 23.038 annex A.3.12: Telugu national language locking shift table (identifier 12).
inline constexpr Gsm7Table kTeluguLockingShift = {
    U'\u0C01', U'\u0C02', U'\u0C03', U'\u0C05', U'\u0C06', U'\u0C07', U'\u0C08', U'\u0C09',  // 0x00
    U'\u0C0A', U'\u0C0B', U'\n',     U'\u0C0C', kNoChar,   U'\r',     U'\u0C0E', U'\u0C0F',  // 0x08
    U'\u0C10', kNoChar,   U'\u0C12', U'\u0C13', U'\u0C14', U'\u0C15', U'\u0C16', U'\u0C17',  // 0x10
    U'\u0C18', U'\u0C19', U'\u0C1A', kNoChar,   U'\u0C1B', U'\u0C1C', U'\u0C1D', U'\u0C1E',  // 0x18
    U' ',      U'!',      U'\u0C1F', U'\u0C20', U'\u0C21', U'\u0C22', U'\u0C23', U'\u0C24',  // 0x20
    U')',      U'(',      U'\u0C25', U'\u0C26', U',',      U'\u0C27', U'.',      U'\u0C28',  // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      kNoChar,   U'\u0C2A', U'\u0C2B', U'?',       // 0x38
    U'\u0C2C', U'\u0C2D', U'\u0C2E', U'\u0C2F', U'\u0C30', U'\u0C31', U'\u0C32', U'\u0C33',  // 0x40
    kNoChar,   U'\u0C35', U'\u0C36', U'\u0C37', U'\u0C38', U'\u0C39', kNoChar,   U'\u0C3D',  // 0x48
    U'\u0C3E', U'\u0C3F', U'\u0C40', U'\u0C41', U'\u0C42', U'\u0C43', U'\u0C44', kNoChar,    // 0x50
    U'\u0C46', U'\u0C47', U'\u0C48', kNoChar,   U'\u0C4A', U'\u0C4B', U'\u0C4C', U'\u0C4D',  // 0x58
    U'\u0C55', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u0C56', U'\u0C60', U'\u0C61', U'\u0C62', U'\u0C63',  // 0x78
};

// TS 23.038 annex A.3.13: Urdu national language locking shift table (identifier 13).
inline constexpr Gsm7Table kUrduLockingShift = {
    U'\u0627', U'\u0622', U'\u0628', U'\u067B', U'\u0680', U'\u067E', U'\u06A6', U'\u062A',  // 0x00
    U'\u06C2', U'\u067F', U'\n',     U'\u0679', U'\u067D', U'\r',     U'\u067A', U'\u067C',  // 0x08
    U'\u062B', U'\u062C', U'\u0681', U'\u0684', U'\u0683', U'\u0685', U'\u0686', U'\u0687',  // 0x10
    U'\u062D', U'\u062E', U'\u062F', kNoChar,   U'\u068C', U'\u0688', U'\u0689', U'\u068A',  // 0x18
    U' ',      U'!',      U'\u068F', U'\u068D', U'\u0630', U'\u0631', U'\u0691', U'\u0693',  // 0x20
    U')',      U'(',      U'\u0699', U'\u0632', U',',      U'\u0696', U'.',      U'\u0698',  // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      U'\u069A', U'\u0633', U'\u0634', U'?',       // 0x38
    U'\u0635', U'\u0636', U'\u0637', U'\u0638', U'\u0639', U'\u0641', U'\u0642', U'\u06A9',  // 0x40
    U'\u06AA', U'\u06AB', U'\u06AF', U'\u06B3', U'\u06B1', U'\u0644', U'\u0645', U'\u0646',  // 0x48
    U'\u06BA', U'\u06BB', U'\u06BC', U'\u0648', U'\u06C4', U'\u06D5', U'\u06C1', U'\u06BE',  // 0x50
    U'\u0621', U'\u06CC', U'\u06D0', U'\u06D2', U'\u064D', U'\u0650', U'\u064F', U'\u0657',  // 0x58
    U'\u0654', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u0655', U'\u0651', U'\u0653', U'\u0656', U'\u0670',  // 0x78
};

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_NATIONAL_LOCKING_SHIFT_TABLES_H_

// Implements TS 23.038 §6.2.1 (GSM 7 bit default alphabet) and §6.2.1.1 (GSM
// 7 bit default alphabet extension table). Data only; look-ups are in
// gsm7_tables.h. Kept in a header so encoders can build their reverse maps
// at compile time.
#ifndef TELLAL_MODEM_PDU_GSM7_DEFAULT_TABLES_H_
#define TELLAL_MODEM_PDU_GSM7_DEFAULT_TABLES_H_

#include "modem/pdu/gsm7_tables.h"

namespace tellal::pdu {

// TS 23.038 §6.2.1: GSM 7 bit default alphabet.
inline constexpr Gsm7Table kDefaultAlphabet = {
    U'@', U'£', U'$', U'¥', U'è', U'é', U'ù', U'ì',  U'ò', U'Ç', U'\n', U'Ø',    U'ø', U'\r', U'Å', U'å',
    U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ',  U'Σ', U'Θ', U'Ξ',  kNoChar, U'Æ', U'æ',  U'ß', U'É',
    U' ', U'!', U'"', U'#', U'¤', U'%', U'&', U'\'', U'(', U')', U'*',  U'+',    U',', U'-',  U'.', U'/',
    U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7',  U'8', U'9', U':',  U';',    U'<', U'=',  U'>', U'?',
    U'¡', U'A', U'B', U'C', U'D', U'E', U'F', U'G',  U'H', U'I', U'J',  U'K',    U'L', U'M',  U'N', U'O',
    U'P', U'Q', U'R', U'S', U'T', U'U', U'V', U'W',  U'X', U'Y', U'Z',  U'Ä',    U'Ö', U'Ñ',  U'Ü', U'§',
    U'¿', U'a', U'b', U'c', U'd', U'e', U'f', U'g',  U'h', U'i', U'j',  U'k',    U'l', U'm',  U'n', U'o',
    U'p', U'q', U'r', U's', U't', U'u', U'v', U'w',  U'x', U'y', U'z',  U'ä',    U'ö', U'ñ',  U'ü', U'à',
};

// TS 23.038 §6.2.1.1: GSM 7 bit default alphabet extension table. 0x0D (CR2)
// and 0x1B (SS2) are reserved and carry no character.
inline constexpr Gsm7Table kDefaultExtension = Gsm7TableWith(kEmptyGsm7Table, {
                                                                                  {0x0A, U'\f'},
                                                                                  {0x14, U'^'},
                                                                                  {0x28, U'{'},
                                                                                  {0x29, U'}'},
                                                                                  {0x2F, U'\\'},
                                                                                  {0x3C, U'['},
                                                                                  {0x3D, U'~'},
                                                                                  {0x3E, U']'},
                                                                                  {0x40, U'|'},
                                                                                  {0x65, U'€'},
                                                                              });

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_GSM7_DEFAULT_TABLES_H_

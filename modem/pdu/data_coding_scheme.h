// TP-DCS (TS 23.038 §4): alphabet, message class, compression and message
// waiting indication.
#ifndef TELLAL_MODEM_PDU_DATA_CODING_SCHEME_H_
#define TELLAL_MODEM_PDU_DATA_CODING_SCHEME_H_

#include <cstdint>
#include <optional>

namespace tellal::pdu {

enum class Alphabet { kGsm7, kEightBit, kUcs2 };
const char* AlphabetName(Alphabet a);  // "gsm7", "8bit", "ucs2"

enum class WaitingKind { kVoicemail, kFax, kEmail, kOther };
const char* WaitingKindName(WaitingKind k);

struct MessageWaiting {
  WaitingKind kind = WaitingKind::kVoicemail;
  bool active = false;  // indication set (true) or cleared (false)
  bool store = false;   // "store message" group; false means "discard message"
};

struct DataCodingScheme {
  Alphabet alphabet = Alphabet::kGsm7;
  std::optional<int> message_class;  // 0 (flash) .. 3
  bool compressed = false;
  bool auto_delete = false;  // "marked for automatic deletion" group
  std::optional<MessageWaiting> waiting;
  // A reserved coding group (1000..1011) or the reserved alphabet 11 of the
  // general group: read as the default alphabet, flagged so a caller can say so.
  bool reserved = false;
};

// Never fails: reserved codings are read as the GSM 7 bit default alphabet,
// as §4 tells receivers to do ("Any reserved codings shall be assumed to be
// the GSM 7 bit default alphabet"), and marked `reserved`.
DataCodingScheme ParseDcs(uint8_t dcs);

// The general data coding group: class 0 when `flash`, no class otherwise.
uint8_t MakeDcs(Alphabet alphabet, bool flash);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_DATA_CODING_SCHEME_H_

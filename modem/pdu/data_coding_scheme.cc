#include "modem/pdu/data_coding_scheme.h"
#include "modem/text/enum_names.h"

namespace tellal::pdu {

constexpr text::EnumName<Alphabet> kAlphabetNames[] = {
    {Alphabet::kGsm7, "gsm7"}, {Alphabet::kEightBit, "8bit"}, {Alphabet::kUcs2, "ucs2"}};

const char* AlphabetName(Alphabet a) { return text::NameOf(kAlphabetNames, a, "gsm7").data(); }

constexpr text::EnumName<WaitingKind> kWaitingKindNames[] = {{WaitingKind::kVoicemail, "voicemail"},
                                                             {WaitingKind::kFax, "fax"},
                                                             {WaitingKind::kEmail, "email"},
                                                             {WaitingKind::kOther, "other"}};

const char* WaitingKindName(WaitingKind k) { return text::NameOf(kWaitingKindNames, k, "other").data(); }

DataCodingScheme ParseDcs(uint8_t dcs) {
  DataCodingScheme out;
  const uint8_t group = dcs >> 4;
  if (group <= 0x7) {
    // 00xx / 01xx: general data coding, optionally marked for deletion.
    out.auto_delete = (group & 0x4) != 0;
    out.compressed = (dcs & 0x20) != 0;
    if (dcs & 0x10) out.message_class = dcs & 0x03;
    switch (dcs >> 2 & 0x03) {
      case 1:
        out.alphabet = Alphabet::kEightBit;
        break;
      case 2:
        out.alphabet = Alphabet::kUcs2;
        break;
      case 3:
        out.reserved = true;
        out.alphabet = Alphabet::kGsm7;
        break;
      default:
        out.alphabet = Alphabet::kGsm7;
        break;
    }
  } else if (group >= 0xC && group <= 0xE) {
    MessageWaiting w;
    w.kind = static_cast<WaitingKind>(dcs & 0x03);
    w.active = (dcs & 0x08) != 0;
    w.store = group != 0xC;
    out.waiting = w;
    out.alphabet = group == 0xE ? Alphabet::kUcs2 : Alphabet::kGsm7;
  } else if (group == 0xF) {
    out.alphabet = dcs & 0x04 ? Alphabet::kEightBit : Alphabet::kGsm7;
    out.message_class = dcs & 0x03;
  }
  if (group >= 0x8 && group <= 0xB) out.reserved = true;  // default alphabet, no class
  return out;
}

uint8_t MakeDcs(Alphabet alphabet, bool flash) {
  uint8_t dcs = 0;
  if (alphabet == Alphabet::kEightBit) dcs = 0x04;
  if (alphabet == Alphabet::kUcs2) dcs = 0x08;
  if (flash) dcs |= 0x10;  // class meaningful, class 0
  return dcs;
}

}  // namespace tellal::pdu

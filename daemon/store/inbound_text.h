// InboundText: the text of an inbound message from its parts' payloads,
// the same for every store implementation. Internal to daemon/store.
//
// Parts are added in seq order. Consecutive UCS-2 parts are joined as
// UTF-16 units before conversion, so a surrogate pair split across two parts
// becomes one character (TS 23.040 §9.2.3.24.1 lets a sender split
// anywhere). A missing part breaks the run: units either side of a gap
// belong to different characters.
#ifndef TELLAL_DAEMON_STORE_INBOUND_TEXT_H_
#define TELLAL_DAEMON_STORE_INBOUND_TEXT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "daemon/store/records.h"

namespace tellal::store {

// What a store keeps of a part's content: its UTF-16BE octets when it came
// as UCS-2, its UTF-8 text otherwise.
struct PartPayload {
  bool ucs2 = false;
  std::vector<uint8_t> octets;
};
PartPayload PayloadOf(const InboundPart& part);

class InboundText {
 public:
  void Add(int seq, const PartPayload& payload);
  // The text so far; call once, after the last Add.
  std::string Finish();

 private:
  void Flush();

  int last_seq_ = 0;
  std::vector<uint16_t> units_;
  std::string text_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_INBOUND_TEXT_H_

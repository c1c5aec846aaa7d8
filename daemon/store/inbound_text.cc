#include "daemon/store/inbound_text.h"

#include <utility>

#include "modem/pdu/utf8.h"

namespace tellal::store {

PartPayload PayloadOf(const InboundPart& part) {
  if (part.ucs2) return PartPayload{true, *part.ucs2};
  return PartPayload{false, std::vector<uint8_t>(part.text.begin(), part.text.end())};
}

void InboundText::Add(int seq, const PartPayload& payload) {
  if (!payload.ucs2 || seq != last_seq_ + 1) Flush();
  last_seq_ = seq;
  if (payload.ucs2) {
    // An odd trailing octet cannot form a unit; a broken phone's half
    // character is dropped rather than failing the whole message.
    const std::vector<uint8_t>& o = payload.octets;
    for (size_t i = 0; i + 1 < o.size(); i += 2) units_.push_back(static_cast<uint16_t>(o[i] << 8 | o[i + 1]));
  } else {
    text_.append(payload.octets.begin(), payload.octets.end());
  }
}

std::string InboundText::Finish() {
  Flush();
  return std::move(text_);
}

void InboundText::Flush() {
  if (units_.empty()) return;
  pdu::AppendUtf16AsUtf8(units_.data(), units_.size(), text_);
  units_.clear();
}

}  // namespace tellal::store

#include "daemon/store/validation.h"

#include <string>

namespace tellal::store {

Status ValidateNewMessage(const NewMessage& m) {
  if (m.to.empty()) return Error::InvalidArgument("to: empty destination");
  if (m.encoding.empty()) return Error::InvalidArgument("encoding: empty");
  if (m.segments < 1 || m.segments > 255) {
    return Error::InvalidArgument("segments: " + std::to_string(m.segments) + " is outside 1..255");
  }
  if (m.client_ref && m.client_ref->empty()) return Error::InvalidArgument("client_ref: empty");
  if (m.modem && m.modem->empty()) return Error::InvalidArgument("modem: empty");
  if (m.dlr_url && m.dlr_url->empty()) return Error::InvalidArgument("dlr_url: empty");
  return Status::Ok();
}

Status ValidateInboundPart(const InboundPart& p) {
  if (p.modem.empty()) return Error::InvalidArgument("modem: empty");
  if (p.sender.empty()) return Error::InvalidArgument("sender: empty");
  if (p.total < 1 || p.total > 255) {
    return Error::InvalidArgument("total: " + std::to_string(p.total) + " is outside 1..255");
  }
  if (p.seq < 1 || p.seq > p.total) {
    return Error::InvalidArgument("seq: " + std::to_string(p.seq) + " is outside 1.." + std::to_string(p.total));
  }
  return Status::Ok();
}

Status ValidateUndecodable(const UndecodableInbound& p) {
  if (p.modem.empty()) return Error::InvalidArgument("modem: empty");
  if (p.raw_pdu.empty()) return Error::InvalidArgument("raw_pdu: empty");
  if (p.reason.empty()) return Error::InvalidArgument("reason: empty");
  return Status::Ok();
}

Status ValidateMessageReference(int mr) {
  if (mr < 0 || mr > 255) return Error::InvalidArgument("mr " + std::to_string(mr) + " is outside 0..255");
  return Status::Ok();
}

}  // namespace tellal::store

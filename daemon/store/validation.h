// The checks every store implementation applies before writing a record,
// so that all of them refuse the same input with the same message. Each
// failure is kInvalidArgument and names the field. Internal to daemon/store.
#ifndef TELLAL_DAEMON_STORE_VALIDATION_H_
#define TELLAL_DAEMON_STORE_VALIDATION_H_

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

// A destination, an encoding, 1..255 segments; optional strings, when
// present, are not empty.
Status ValidateNewMessage(const NewMessage& message);

// A modem and a sender; total 1..255 and seq 1..total.
Status ValidateInboundPart(const InboundPart& part);

// A modem, a raw PDU and a reason, none empty. The raw PDU need not be hex:
// whatever the modem printed is kept, so that it can leave the SIM.
Status ValidateUndecodable(const UndecodableInbound& pdu);

// A TP-MR is one octet (TS 23.040 §9.2.3.6).
Status ValidateMessageReference(int mr);

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_VALIDATION_H_

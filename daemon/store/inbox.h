// Inbox: received messages. Parts of concatenated SMS wait until their set
// is complete, then the assembled message reaches the inbox.
//
// Contract for every implementation:
//  - Every change is one transaction, committed before the call returns
//    (inside an open Group: part of it), so a part the driver deletes from
//    the SIM after StoreInboundPart returned is never lost.
//  - Time arguments are the caller's clock (records.h).
//  - Errors: a malformed part, limit or cursor is kInvalidArgument, naming
//    the field; storage failures keep the storage's code. Nothing throws.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store; nothing returned refers back into it.
#ifndef TELLAL_DAEMON_STORE_INBOX_H_
#define TELLAL_DAEMON_STORE_INBOX_H_

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

class Inbox {
 public:
  virtual ~Inbox() = default;

  // Stores a received message or part, and when the part completes its set
  // (same modem, sender, ref, total), writes the assembled message to the
  // inbox in the same transaction. Duplicate rule: a part with the same
  // modem, sender, ref, total, seq, SMSC time stamp and content as one
  // already stored is ignored — that is the driver re-reading a SIM slot it
  // could not delete before a crash. A different part for an occupied slot
  // of an incomplete set means the sender reused the reference: the old set
  // goes to the inbox as partial and a new set starts.
  virtual Result<InboundResult> StoreInboundPart(const InboundPart& part) = 0;
  // Writes an inbox row flagged undecodable, at once: such a PDU never
  // joins a multipart set, so no set waits on it. Duplicate rule: the same
  // modem and raw PDU (compared in upper case) as an undecodable row
  // already stored is ignored (kDuplicate with that row's id) — the raw PDU
  // carries the SMSC time stamp, so two received messages differ. Otherwise
  // kCompleted with the new row's id.
  virtual Result<InboundResult> StoreUndecodable(const UndecodableInbound& pdu) = 0;
  // Incomplete sets whose newest part arrived before `older_than` go to the
  // inbox as partial messages (missing parts are simply absent from the
  // text). Parts of assembled messages older than that are forgotten: the
  // duplicate check only needs to outlive a driver restart. Returns the
  // number of partial messages written.
  virtual Result<int> ExpirePartialInbound(Millis older_than) = 0;

  virtual Result<std::optional<InboxMessage>> GetInbox(int64_t id) = 0;
  // limit: 1..kMaxPageSize; cursor: "" or a next_cursor of this listing.
  virtual Result<Page<InboxMessage>> ListInbox(const InboxFilter& filter, int limit, const std::string& cursor) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_INBOX_H_

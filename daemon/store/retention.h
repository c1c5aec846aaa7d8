// Retention: how old history leaves the store, and how its write-ahead log
// is kept small.
//
// Contract for every implementation:
//  - A purge deletes at most `limit` rows in one transaction (inside an
//    open Group: part of it), oldest first, so a caller can spread a large
//    purge over many short turns of its loop. A count below `limit` means
//    nothing older than the cutoff is left.
//  - Messages: only final states (sent, delivered, failed, expired,
//    cancelled, unknown), judged by the time they reached that state;
//    their segments go with them. Queued and sending messages are never
//    touched, so the queue's counts (CountQueued) stay exact.
//  - Inbox: entries received before the cutoff, with the parts they were
//    assembled from.
//  - Webhook history: deliveries that finished (delivered, or failed for
//    good) before the cutoff, with their attempts, then events older than
//    the cutoff that no delivery refers to. Pending deliveries and their
//    events are never touched; then Kannel dlr-url calls that finished
//    (done, or failed for good) before the cutoff, pending ones never. Not
//    archived: the messages they reported on are.
//  - `archive`, when set, sees the rows of a batch before they are deleted;
//    if it fails, nothing of that batch is deleted and its error is
//    returned with its code (a full disk stays kNoSpace).
//  - Time arguments are the caller's clock (records.h).
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store.
#ifndef TELLAL_DAEMON_STORE_RETENTION_H_
#define TELLAL_DAEMON_STORE_RETENTION_H_

#include <functional>
#include <vector>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

class Retention {
 public:
  using MessageArchive = std::function<Status(const std::vector<Message>&)>;
  using InboxArchive = std::function<Status(const std::vector<InboxMessage>&)>;

  virtual ~Retention() = default;

  // Returns the number of messages deleted.
  virtual Result<int> PurgeMessages(Millis cutoff, int limit, const MessageArchive& archive) = 0;
  // Returns the number of inbox entries deleted.
  virtual Result<int> PurgeInbox(Millis cutoff, int limit, const InboxArchive& archive) = 0;
  // Returns the number of deliveries, events and dlr-url calls deleted
  // together: up to `limit` deliveries, then, if fewer, events up to the
  // rest of `limit`, then dlr-url calls up to what is left.
  virtual Result<int> PurgeWebhookHistory(Millis cutoff, int limit) = 0;

  // Copies the write-ahead log into the database and truncates it to zero
  // bytes, when no reader holds it (otherwise as much as readers allow; not
  // an error). For a quiet moment: it waits for the disk.
  virtual Status CheckpointLog() = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_RETENTION_H_

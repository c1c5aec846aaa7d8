// Store: the daemon's durable state behind one storage connection, handed
// out by concern — the outbound queue, the per-SIM send log, the inbox,
// the PINs SIMs refused, the times a clock step moves, the retention of
// old history, contacts, consent, campaigns, webhooks, Kannel dlr-url calls,
// keyword rules, polls, conversations and the messages' aggregate counts —
// plus the group commit
// that spans them.
//
// Only the composition root (Service::Start) knows which implementation it
// opened (daemon/store/sqlite/ today); everything else takes the concern it
// needs, so a second storage engine needs no change outside daemon/store/.
//
// Thread affinity: single thread (the daemon's io_context thread).
// Lifetime: the Store owns its connection and its concerns; references it
// hands out live as long as the Store.
#ifndef TELLAL_DAEMON_STORE_STORE_H_
#define TELLAL_DAEMON_STORE_STORE_H_

#include "daemon/store/campaigns.h"
#include "daemon/store/consents.h"
#include "daemon/store/contacts.h"
#include "daemon/store/conversations.h"
#include "daemon/store/dlr_calls.h"
#include "daemon/store/elapsed_times.h"
#include "daemon/store/group_commit.h"
#include "daemon/store/inbox.h"
#include "daemon/store/message_stats.h"
#include "daemon/store/outbound_queue.h"
#include "daemon/store/polls.h"
#include "daemon/store/refused_pins.h"
#include "daemon/store/retention.h"
#include "daemon/store/rules.h"
#include "daemon/store/send_log.h"
#include "daemon/store/webhooks.h"

namespace tellal::store {

class Store : public GroupCommit {
 public:
  virtual OutboundQueue& queue() = 0;
  virtual SendLog& send_log() = 0;
  virtual Inbox& inbox() = 0;
  virtual RefusedPins& refused_pins() = 0;
  virtual Retention& retention() = 0;
  virtual ElapsedTimes& elapsed_times() = 0;
  virtual Contacts& contacts() = 0;
  virtual Consents& consents() = 0;
  virtual Campaigns& campaigns() = 0;
  virtual Webhooks& webhooks() = 0;
  virtual DlrCalls& dlr_calls() = 0;
  virtual Rules& rules() = 0;
  virtual Polls& polls() = 0;
  virtual Conversations& conversations() = 0;
  virtual MessageStats& message_stats() = 0;

  // Gives back memory the storage engine caches (pages are read again from
  // the OS cache when needed): for a daemon that has gone quiet.
  virtual void ReleaseMemory() = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_STORE_H_

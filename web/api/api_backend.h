// ApiBackend: everything the HTTP API needs from the running daemon, and
// nothing more. The daemon implements it (daemon/service); tests implement
// it with an in-memory fake. The API layer validates and normalises every
// request before calling in, so the backend never sees a malformed value.
//
// Thread safety: every method may be called from any HTTP worker thread,
// concurrently. Implementations hand the work to the daemon's io thread and
// wait for it; none of them throws.
#ifndef TELLAL_WEB_API_API_BACKEND_H_
#define TELLAL_WEB_API_API_BACKEND_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "daemon/core/campaign_runner.h"
#include "daemon/store/campaigns.h"
#include "daemon/store/consents.h"
#include "daemon/store/contacts.h"
#include "daemon/store/conversations.h"
#include "daemon/store/message_stats.h"
#include "daemon/store/polls.h"
#include "daemon/store/records.h"
#include "daemon/store/rules.h"
#include "daemon/store/webhooks.h"
#include "modem/result.h"
#include "web/metrics/metrics_snapshot.h"

namespace tellal::web {

// One segment of an outbound message as the API reports it.
struct SegmentView {
  int seq = 1;
  std::string state;  // "sent", "pending", "delivered", "failed", "expired"
  std::optional<std::string> modem;
  std::optional<int> mr;
  std::optional<store::Millis> sent_at;
  std::optional<store::Millis> reported_at;
};

struct MessageDetail {
  store::Message message;
  std::vector<SegmentView> segments;  // only those handed to a modem so far
};

struct HealthView {
  std::string status;  // "ok" (some modem ready), "degraded" (none ready), "starting"
  int modems_total = 0;
  int modems_ready = 0;
  int64_t queued = 0;  // messages waiting
  std::string version;
};

// What the daemon adds to a message beyond store::NewMessage when it came
// through Kannel's sendsms: where to report delivery states.
struct DeliveryCallback {
  std::string url;  // http:// URL with Kannel's %d/%p/%A... escapes unexpanded
  int mask = 0;     // Kannel dlr-mask bits: 1 delivered, 2 failed, 4 buffered, 8 smsc ack, 16 smsc reject
};

struct SubmitItem {
  store::NewMessage message;
  std::optional<DeliveryCallback> callback;
};

// The daemon's audience: contacts, groups, consent and the blocked list.
struct Audience {
  store::Contacts& contacts;
  store::Consents& consents;
};

// The daemon's campaigns: their store, the consents a preview checks, and
// the engine that starts, pauses, resumes and cancels them.
struct CampaignDesk {
  store::Campaigns& campaigns;
  store::Consents& consents;
  core::CampaignRunner& runner;
};

// The daemon's keyword rules and polls, and the contacts whose groups the
// rules' actions name.
struct RuleDesk {
  store::Rules& rules;
  store::Polls& polls;
  store::Contacts& contacts;
};

class ApiBackend {
 public:
  virtual ~ApiBackend() = default;

  // Queues every item, all or nothing, in one durable transaction (the
  // daemon groups concurrent submissions into one commit). Outcomes follow
  // the input order.
  virtual Result<std::vector<store::EnqueueOutcome>> Submit(std::vector<SubmitItem> items) = 0;
  virtual Result<std::optional<MessageDetail>> GetMessage(int64_t id) = 0;
  virtual Result<store::Page<store::Message>> ListMessages(const store::MessageFilter& filter, int limit,
                                                           const std::string& cursor) = 0;
  virtual Result<store::CancelOutcome> Cancel(int64_t id) = 0;
  virtual Result<store::Page<store::InboxMessage>> ListInbox(const store::InboxFilter& filter, int limit,
                                                             const std::string& cursor) = 0;
  virtual std::vector<ModemView> Modems() = 0;
  virtual HealthView Health() = 0;
  virtual MetricsSnapshot Metrics() = 0;
  // Runs `work` on the daemon's thread against its audience, in ONE
  // transaction: committed (durably, like accepted messages) when work
  // returns Ok, rolled back otherwise — so a request that changes several
  // things (a contact and its consent, an import of many rows) changes all
  // or nothing. `work` runs before this returns; it may capture by
  // reference. Errors: work's own, or the storage's.
  virtual Status WithAudience(const std::function<Status(Audience&)>& work) = 0;
  // Runs `work` on the daemon's thread with its campaigns. Unlike
  // WithAudience there is no enclosing transaction: each store call and
  // each runner action commits on its own (a campaign's start resolves its
  // audience and changes its state in one commit).
  virtual Status WithCampaigns(const std::function<Status(CampaignDesk&)>& work) = 0;
  // Runs `work` on the daemon's thread with its webhooks; like
  // WithCampaigns, each store call commits on its own, and the outbox's
  // runner is woken by what they write.
  virtual Status WithWebhooks(const std::function<Status(store::Webhooks&)>& work) = 0;
  // Runs `work` on the daemon's thread with its rules and polls, in ONE
  // transaction, as WithAudience does (a rule is checked against the groups
  // and polls it names and saved together).
  virtual Status WithRules(const std::function<Status(RuleDesk&)>& work) = 0;
  // Runs `work` on the daemon's thread with its conversations. No
  // enclosing transaction: reads change nothing and MarkRead commits on its
  // own.
  virtual Status WithConversations(const std::function<Status(store::Conversations&)>& work) = 0;
  // Runs `work` on the daemon's thread with the messages' aggregate counts
  // (the dashboard's). No enclosing transaction: it only reads.
  virtual Status WithStats(const std::function<Status(store::MessageStats&)>& work) = 0;
};

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_API_BACKEND_H_

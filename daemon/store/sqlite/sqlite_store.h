// SqliteStore: the Store in one SQLite file in WAL mode, with a versioned
// schema (schema.h) and prepared, cached statements only. The outbound
// queue, the send log, the inbox and the refused PINs share its one
// connection, so a group commit spans them (refused PINs commit on their own).
//
// Durability: see schema.h. With the default ConnectionOptions a commit
// survives kill -9 at any moment; GroupSync::kDisk or synchronous_full adds
// power loss.
//
// Thread affinity: single thread (the connection is opened NOMUTEX).
// Lifetime: owns the connection; the concerns it hands out live as long as
// it does.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_STORE_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "daemon/store/sqlite/schema.h"
#include "daemon/store/sqlite/sqlite_campaigns.h"
#include "daemon/store/sqlite/sqlite_consents.h"
#include "daemon/store/sqlite/sqlite_contacts.h"
#include "daemon/store/sqlite/sqlite_conversations.h"
#include "daemon/store/sqlite/sqlite_dlr_calls.h"
#include "daemon/store/sqlite/sqlite_elapsed_times.h"
#include "daemon/store/sqlite/sqlite_handle.h"
#include "daemon/store/sqlite/sqlite_inbox.h"
#include "daemon/store/sqlite/sqlite_message_stats.h"
#include "daemon/store/sqlite/sqlite_outbound_queue.h"
#include "daemon/store/sqlite/sqlite_polls.h"
#include "daemon/store/sqlite/sqlite_refused_pins.h"
#include "daemon/store/sqlite/sqlite_retention.h"
#include "daemon/store/sqlite/sqlite_rules.h"
#include "daemon/store/sqlite/sqlite_send_log.h"
#include "daemon/store/sqlite/sqlite_webhooks.h"
#include "daemon/store/store.h"

namespace tellal::store {

class SqliteStore final : public Store {
 public:
  // Opens or creates the file, configures the connection and migrates.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, const ConnectionOptions& options = {});
  // A private in-memory database, for tests.
  static Result<std::unique_ptr<SqliteStore>> OpenInMemory();

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  OutboundQueue& queue() override { return queue_; }
  SendLog& send_log() override { return send_log_; }
  Inbox& inbox() override { return inbox_; }
  RefusedPins& refused_pins() override { return refused_pins_; }
  Retention& retention() override { return retention_; }
  ElapsedTimes& elapsed_times() override { return elapsed_times_; }
  Contacts& contacts() override { return contacts_; }
  Consents& consents() override { return consents_; }
  Campaigns& campaigns() override { return campaigns_; }
  Webhooks& webhooks() override { return webhooks_; }
  DlrCalls& dlr_calls() override { return dlr_calls_; }
  Rules& rules() override { return rules_; }
  Polls& polls() override { return polls_; }
  Conversations& conversations() override { return conversations_; }
  MessageStats& message_stats() override { return message_stats_; }
  Result<Group> BeginGroup(GroupSync sync) override;
  void ReleaseMemory() override;

  // Failure injection for tests: the next `count` outermost COMMITs of this
  // connection fail and roll back, as a crash or an I/O error at the
  // commit would leave them (see Database::FailNextCommits).
  void FailNextCommits(int count) { db_->FailNextCommits(count); }

 private:
  SqliteStore(std::unique_ptr<Database> db, bool synchronous_full);

  std::unique_ptr<Database> db_;
  bool synchronous_full_;  // every commit already waits for the disk
  SqliteSendLog send_log_;
  SqliteOutboundQueue queue_;  // logs sends in send_log_
  SqliteInbox inbox_;
  SqliteRefusedPins refused_pins_;
  SqliteRetention retention_;
  SqliteElapsedTimes elapsed_times_;
  SqliteContacts contacts_;
  SqliteConsents consents_;
  SqliteCampaigns campaigns_;
  SqliteWebhooks webhooks_;
  SqliteDlrCalls dlr_calls_;  // hears of its inserts through webhooks_'s update hook
  SqliteRules rules_;
  SqlitePolls polls_;
  SqliteConversations conversations_;
  SqliteMessageStats message_stats_;  // reads queue_'s counts
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_STORE_H_

// SqliteWebhooks: the Webhooks in the webhooks, webhook_subscriptions,
// webhook_events, webhook_deliveries and webhook_attempts tables (schema
// version 14), whose triggers write events in the writer's transaction.
//
// Watches the connection's row inserts (sqlite3_update_hook, which SQLite
// also calls for rows its triggers insert): a webhook_deliveries row runs
// the OnEventWritten callback. It owns the connection's update hook (SQLite
// allows one per connection) and shares it: WatchInserts forwards inserts
// into one more table to another concern of the same store.
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_WEBHOOKS_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_WEBHOOKS_H_

#include <functional>

#include "daemon/store/sqlite/sqlite_handle.h"
#include "daemon/store/webhooks.h"

namespace tellal::store {

class SqliteWebhooks final : public Webhooks {
 public:
  explicit SqliteWebhooks(Database& db);
  ~SqliteWebhooks() override;
  SqliteWebhooks(const SqliteWebhooks&) = delete;
  SqliteWebhooks& operator=(const SqliteWebhooks&) = delete;

  Result<Webhook> CreateWebhook(const NewWebhook& webhook, Millis now) override;
  Result<std::optional<Webhook>> GetWebhook(int64_t id) override;
  Result<std::vector<Webhook>> ListWebhooks() override;
  Result<std::optional<Webhook>> UpdateWebhook(int64_t id, const WebhookPatch& patch, Millis now) override;
  Result<bool> DeleteWebhook(int64_t id) override;
  Result<std::optional<WebhookDelivery>> QueueTestEvent(int64_t id, Millis now) override;
  Result<Page<WebhookDelivery>> ListDeliveries(int64_t webhook_id, int limit, const std::string& cursor) override;
  Result<std::optional<WebhookDelivery>> GetDelivery(int64_t webhook_id, int64_t delivery_id) override;
  Result<std::optional<WebhookDelivery>> RetryDelivery(int64_t webhook_id, int64_t delivery_id, Millis now) override;
  Result<std::vector<DueDelivery>> HeadDeliveries() override;
  Status RecordAttempt(const AttemptResult& result) override;
  void OnEventWritten(std::function<void()> written) override { written_ = std::move(written); }

  // Calls `inserted` for each row inserted into `table` (a string literal:
  // kept, not copied), inside the writer's transaction like OnEventWritten.
  // One table at most; a second call replaces the first. The hook's cost per
  // row stays one comparison of the operation and, for an insert, two
  // string comparisons at most.
  void WatchInserts(const char* table, std::function<void()> inserted);

  // Creates the message-state event trigger when an enabled endpoint
  // subscribes to a message-state event and drops it when none does
  // (webhooks_sql.h says why); every change of subscriptions here does the
  // same in its transaction. Called at open, after the migrations.
  Status MatchMessageStateTrigger();

 private:
  static void RowChanged(void* self, int operation, const char* database, const char* table, int64_t rowid);
  void Written() const;
  Status Subscribe(int64_t id, const std::vector<std::string>& events, bool enabled);
  // MatchMessageStateTrigger inside the caller's transaction.
  Status FollowSubscriptions();
  Status AddAttempts(WebhookDelivery& delivery);

  Database& db_;
  std::function<void()> written_;
  const char* watched_table_ = nullptr;
  std::function<void()> watched_inserted_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_WEBHOOKS_H_

#include "daemon/store/sqlite/sqlite_webhooks.h"

#include <sqlite3.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "daemon/store/page_cursor.h"
#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/webhooks_sql.h"

namespace tellal::store {
namespace {

constexpr char kDeliveryCursor = 'w';

std::vector<std::string> ParseEvents(const std::string& text) {
  std::vector<std::string> events;
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return events;
  for (const auto& item : parsed) {
    if (item.is_string()) events.push_back(item.get<std::string>());
  }
  return events;
}

std::string EventsText(const std::vector<std::string>& events) { return nlohmann::json(events).dump(); }

Webhook ReadWebhookRow(const Statement& q) {
  Webhook w;
  w.id = q.ColumnInt64(0);
  w.url = q.ColumnText(1);
  w.events = ParseEvents(q.ColumnText(2));
  w.secret = q.ColumnText(3);
  w.enabled = q.ColumnInt64(4) != 0;
  w.disabled_reason = q.OptionalText(5);
  w.created_at = q.ColumnInt64(6);
  w.updated_at = q.ColumnInt64(7);
  return w;
}

DeliveryState ParseDeliveryState(const std::string& text) {
  if (text == "delivered") return DeliveryState::kDelivered;
  if (text == "failed") return DeliveryState::kFailed;
  return DeliveryState::kPending;
}

WebhookDelivery ReadDeliveryRow(const Statement& q) {
  WebhookDelivery d;
  d.id = q.ColumnInt64(0);
  d.webhook_id = q.ColumnInt64(1);
  d.event_id = q.ColumnInt64(2);
  d.event_type = q.ColumnText(3);
  d.message_id = q.ColumnText(4);
  d.state = ParseDeliveryState(q.ColumnText(5));
  d.attempts = static_cast<int>(q.ColumnInt64(6));
  if (d.state == DeliveryState::kPending) d.next_attempt_at = q.OptionalInt64(7);
  d.finished_at = q.OptionalInt64(8);
  return d;
}

WebhookAttempt ReadAttemptRow(const Statement& q) {
  WebhookAttempt a;
  a.attempt = static_cast<int>(q.ColumnInt64(0));
  a.attempted_at = q.ColumnInt64(1);
  a.duration_ms = q.ColumnInt64(2);
  if (auto status = q.OptionalInt64(3)) a.http_status = static_cast<int>(*status);
  a.error = q.ColumnText(4);
  return a;
}

DueDelivery ReadDueRow(const Statement& q) {
  DueDelivery d;
  d.delivery_id = q.ColumnInt64(0);
  d.webhook_id = q.ColumnInt64(1);
  d.url = q.ColumnText(2);
  d.secret = q.ColumnText(3);
  d.message_id = q.ColumnText(4);
  d.body = q.ColumnText(5);
  d.attempts = static_cast<int>(q.ColumnInt64(6));
  d.schedule_step = static_cast<int>(q.ColumnInt64(7));
  d.next_attempt_at = q.ColumnInt64(8);
  return d;
}

Status ValidateEvents(const std::vector<std::string>& events) {
  std::set<std::string> seen;
  for (const std::string& e : events) {
    if (!IsWebhookEventType(e)) return Error::InvalidArgument("events: '" + e + "' is not an event type");
    if (!seen.insert(e).second) return Error::InvalidArgument("events: '" + e + "' is listed twice");
  }
  return Status::Ok();
}

const char* AttemptStateName(AttemptResult::Next next) {
  switch (next) {
    case AttemptResult::Next::kDelivered:
      return "delivered";
    case AttemptResult::Next::kFailed:
      return "failed";
    case AttemptResult::Next::kRetry:
      return "pending";
  }
  return "pending";
}

}  // namespace

SqliteWebhooks::SqliteWebhooks(Database& db) : db_(db) {
  sqlite3_update_hook(
      db_.raw(),
      [](void* self, int operation, const char* database, const char* table, sqlite3_int64 rowid) {
        RowChanged(self, operation, database, table, rowid);
      },
      this);
}

SqliteWebhooks::~SqliteWebhooks() { sqlite3_update_hook(db_.raw(), nullptr, nullptr); }

void SqliteWebhooks::RowChanged(void* self, int operation, const char*, const char* table, int64_t) {
  // Called for every row change of a rowid table on this connection (the
  // dispatcher's hot path too): one comparison, and only a delivery row
  // goes further.
  if (operation != SQLITE_INSERT) return;
  const auto* webhooks = static_cast<const SqliteWebhooks*>(self);
  if (std::strcmp(table, "webhook_deliveries") == 0) {
    webhooks->Written();
  } else if (webhooks->watched_table_ != nullptr && std::strcmp(table, webhooks->watched_table_) == 0) {
    // A C callback: nothing may escape into SQLite.
    try {
      if (webhooks->watched_inserted_) webhooks->watched_inserted_();
    } catch (...) {
    }
  }
}

void SqliteWebhooks::WatchInserts(const char* table, std::function<void()> inserted) {
  watched_table_ = table;
  watched_inserted_ = std::move(inserted);
}

void SqliteWebhooks::Written() const {
  // A C callback: nothing may escape into SQLite.
  try {
    if (written_) written_();
  } catch (...) {
  }
}

Status SqliteWebhooks::Subscribe(int64_t id, const std::vector<std::string>& events, bool enabled) {
  Status s = Run(db_, sql::kClearSubscriptions, id);
  if (!s) return s;
  if (enabled) {
    for (const std::string& e : events) {
      s = Run(db_, sql::kInsertSubscription, e, id);
      if (!s) return s;
    }
  }
  return FollowSubscriptions();
}

Status SqliteWebhooks::FollowSubscriptions() {
  auto wanted = QueryOne<int64_t>(db_, sql::kMessageStateSubscribed);
  if (!wanted) return wanted.error();
  auto present = QueryOne<int64_t>(db_, sql::kTriggerExists, sql::kMessageStateTriggerName);
  if (!present) return present.error();
  const bool want = wanted->value_or(0) != 0;
  if (want == (present->value_or(0) != 0)) return Status::Ok();
  return db_.Exec(std::string(want ? sql::kCreateMessageStateTrigger : sql::kDropMessageStateTrigger));
}

Status SqliteWebhooks::MatchMessageStateTrigger() {
  return InTransaction(db_, "MatchMessageStateTrigger", [&]() -> Status { return FollowSubscriptions(); });
}

Result<Webhook> SqliteWebhooks::CreateWebhook(const NewWebhook& w, Millis now) {
  if (w.url.empty()) return Error::InvalidArgument("CreateWebhook: url: missing");
  Status valid = ValidateEvents(w.events);
  if (!valid) return Wrap("CreateWebhook", valid.error());
  auto created = InTransaction(db_, "CreateWebhook", [&]() -> Result<int64_t> {
    Status s = Run(db_, sql::kInsertWebhook, w.url, EventsText(w.events), w.secret, w.enabled, now);
    if (!s) return s.error();
    const int64_t id = db_.LastInsertRowId();
    s = Subscribe(id, w.events, w.enabled);
    if (!s) return s.error();
    return id;
  });
  if (!created) return created.error();
  auto read = GetWebhook(*created);
  if (!read) return read.error();
  if (!*read) return Error::Internal("CreateWebhook: the new webhook was not found");
  return std::move(**read);
}

Result<std::optional<Webhook>> SqliteWebhooks::GetWebhook(int64_t id) {
  auto row = MapOne(db_, sql::kGetWebhook, ReadWebhookRow, id);
  if (!row) return Wrap("GetWebhook", row.error());
  return row;
}

Result<std::vector<Webhook>> SqliteWebhooks::ListWebhooks() {
  auto rows = MapAll(db_, sql::kListWebhooks, ReadWebhookRow);
  if (!rows) return Wrap("ListWebhooks", rows.error());
  return rows;
}

Result<std::optional<Webhook>> SqliteWebhooks::UpdateWebhook(int64_t id, const WebhookPatch& patch, Millis now) {
  if (patch.url && patch.url->empty()) return Error::InvalidArgument("UpdateWebhook: url: missing");
  if (patch.events) {
    Status valid = ValidateEvents(*patch.events);
    if (!valid) return Wrap("UpdateWebhook", valid.error());
  }
  bool enabled_now = false;
  auto updated = InTransaction(db_, "UpdateWebhook", [&]() -> Result<std::optional<Webhook>> {
    auto current = MapOne(db_, sql::kGetWebhook, ReadWebhookRow, id);
    if (!current) return current.error();
    if (!*current) return std::optional<Webhook>();
    Webhook w = std::move(**current);
    if (patch.url) w.url = *patch.url;
    if (patch.events) w.events = *patch.events;
    if (patch.secret) w.secret = *patch.secret;
    if (patch.enabled) {
      enabled_now = *patch.enabled && !w.enabled;
      w.enabled = *patch.enabled;
      if (w.enabled) w.disabled_reason.reset();
    }
    w.updated_at = now;
    Status s = Run(db_, sql::kUpdateWebhook, id, w.url, EventsText(w.events), w.secret, w.enabled, w.disabled_reason,
                   now);
    if (!s) return s.error();
    s = Subscribe(id, w.events, w.enabled);
    if (!s) return s.error();
    return std::optional<Webhook>(std::move(w));
  });
  // An endpoint enabled again may have deliveries waiting.
  if (updated && enabled_now) Written();
  return updated;
}

Result<bool> SqliteWebhooks::DeleteWebhook(int64_t id) {
  return InTransaction(db_, "DeleteWebhook", [&]() -> Result<bool> {
    Status s = Run(db_, sql::kDeleteWebhookAttempts, id);
    if (!s) return s.error();
    s = Run(db_, sql::kDeleteWebhookDeliveries, id);
    if (!s) return s.error();
    s = Run(db_, sql::kClearSubscriptions, id);
    if (!s) return s.error();
    s = FollowSubscriptions();
    if (!s) return s.error();
    s = Run(db_, sql::kDeleteWebhook, id);
    if (!s) return s.error();
    return db_.Changes() > 0;
  });
}

Status SqliteWebhooks::AddAttempts(WebhookDelivery& delivery) {
  auto attempts = MapAll(db_, sql::kListAttempts, ReadAttemptRow, delivery.id);
  if (!attempts) return attempts.error();
  delivery.history = std::move(*attempts);
  return Status::Ok();
}

Result<std::optional<WebhookDelivery>> SqliteWebhooks::QueueTestEvent(int64_t id, Millis now) {
  auto queued = InTransaction(db_, "QueueTestEvent", [&]() -> Result<std::optional<int64_t>> {
    auto exists = MapOne(db_, sql::kGetWebhook, ReadWebhookRow, id);
    if (!exists) return exists.error();
    if (!*exists) return std::optional<int64_t>();
    Status s = Run(db_, sql::kInsertTestEvent, id, now);
    if (!s) return s.error();
    auto delivery = QueryOne<int64_t>(db_, sql::kNewestDelivery, id);
    if (!delivery) return delivery.error();
    return *delivery;
  });
  if (!queued) return queued.error();
  if (!*queued) return std::optional<WebhookDelivery>();
  return GetDelivery(id, **queued);
}

Result<Page<WebhookDelivery>> SqliteWebhooks::ListDeliveries(int64_t webhook_id, int limit,
                                                            const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap("ListDeliveries", valid.error());
  auto before = ParseCursor(kDeliveryCursor, cursor);
  if (!before) return Wrap("ListDeliveries", before.error());
  auto rows = MapAll(db_, sql::kListDeliveries, ReadDeliveryRow, webhook_id, *before, limit + 1);
  if (!rows) return Wrap("ListDeliveries", rows.error());
  Page<WebhookDelivery> page = MakePage(std::move(*rows), limit, kDeliveryCursor);
  for (WebhookDelivery& d : page.items) {
    Status s = AddAttempts(d);
    if (!s) return Wrap("ListDeliveries", s.error());
  }
  return page;
}

Result<std::optional<WebhookDelivery>> SqliteWebhooks::GetDelivery(int64_t webhook_id, int64_t delivery_id) {
  auto row = MapOne(db_, sql::kGetDelivery, ReadDeliveryRow, webhook_id, delivery_id);
  if (!row) return Wrap("GetDelivery", row.error());
  if (*row) {
    Status s = AddAttempts(**row);
    if (!s) return Wrap("GetDelivery", s.error());
  }
  return row;
}

Result<std::optional<WebhookDelivery>> SqliteWebhooks::RetryDelivery(int64_t webhook_id, int64_t delivery_id,
                                                                     Millis now) {
  auto changed = InTransaction(db_, "RetryDelivery", [&]() -> Result<bool> {
    Status s = Run(db_, sql::kRetryDelivery, webhook_id, delivery_id, now);
    if (!s) return s.error();
    return db_.Changes() > 0;
  });
  if (!changed) return changed.error();
  if (!*changed) return std::optional<WebhookDelivery>();
  Written();
  return GetDelivery(webhook_id, delivery_id);
}

Result<std::vector<DueDelivery>> SqliteWebhooks::HeadDeliveries() {
  auto rows = MapAll(db_, sql::kHeadDeliveries, ReadDueRow);
  if (!rows) return Wrap("HeadDeliveries", rows.error());
  return rows;
}

Status SqliteWebhooks::RecordAttempt(const AttemptResult& r) {
  return InTransaction(db_, "RecordAttempt", [&]() -> Status {
    const WebhookAttempt& a = r.attempt;
    const std::optional<int64_t> status = a.http_status ? std::optional<int64_t>(*a.http_status) : std::nullopt;
    const std::optional<std::string> error = a.error.empty() ? std::nullopt : std::optional<std::string>(a.error);
    Status s = Run(db_, sql::kInsertAttempt, r.delivery_id, a.attempted_at, a.duration_ms, status, error);
    if (!s) return s;
    if (db_.Changes() == 0) return Error::NotFound("no delivery " + std::to_string(r.delivery_id));
    const bool retry = r.next == AttemptResult::Next::kRetry;
    s = Run(db_, sql::kFinishAttempt, r.delivery_id, status, error, AttemptStateName(r.next), retry ? 1 : 0,
            retry ? std::optional<int64_t>(r.retry_at) : std::nullopt, a.attempted_at + a.duration_ms);
    if (!s) return s;
    if (r.disable_endpoint) {
      auto webhook = QueryOne<int64_t>(db_, sql::kWebhookOfDelivery, r.delivery_id);
      if (!webhook) return webhook.error();
      if (*webhook) {
        s = Run(db_, sql::kDisableWebhook, **webhook, *r.disable_endpoint, a.attempted_at + a.duration_ms);
        if (!s) return s;
        s = Run(db_, sql::kClearSubscriptions, **webhook);
        if (!s) return s;
        s = FollowSubscriptions();
        if (!s) return s;
      }
    }
    return Status::Ok();
  });
}

}  // namespace tellal::store

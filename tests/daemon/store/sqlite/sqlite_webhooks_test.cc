#include "daemon/store/sqlite/sqlite_webhooks.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/webhooks_sql.h"
#include "store_testing.h"

namespace tellal::store {
namespace {

using nlohmann::json;
using testing::MigratedDatabase;
using testing::QueryPlan;

constexpr char kSecret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

// The triggers are SQL, so the scenarios write rows as any module would,
// on a migrated database with SqliteWebhooks registered on it.
struct Rig {
  std::unique_ptr<Database> db = MigratedDatabase();
  SqliteWebhooks webhooks{*db};
  int written = 0;

  Rig() { webhooks.OnEventWritten([this] { ++written; }); }

  int64_t Add(std::vector<std::string> events, bool enabled = true, const std::string& url = "http://127.0.0.1/h") {
    auto w = webhooks.CreateWebhook(NewWebhook{url, std::move(events), kSecret, enabled}, 1000);
    REQUIRE(w.ok());
    return w->id;
  }
  void Exec(const std::string& sql) { REQUIRE(db->Exec(sql).ok()); }
  int64_t Count(const std::string& sql) {
    auto n = QueryOne<int64_t>(*db, sql);
    REQUIRE(n.ok());
    return n->value_or(-1);
  }
  int64_t AddMessage(const std::string& state = "sending") {
    Exec(
        "INSERT INTO messages (destination, body, encoding, segment_count, priority, state, report_requested, flash,"
        " not_before, created_at, client_ref) VALUES ('+905551112233', 'hi', 'gsm7', 1, 1, '" +
        state + "', 0, 0, 0, 500, 'ref-' || (SELECT count(*) FROM messages))");
    return db->LastInsertRowId();
  }
  std::vector<DueDelivery> Heads() {
    auto heads = webhooks.HeadDeliveries();
    REQUIRE(heads.ok());
    return *heads;
  }
  void Deliver(const DueDelivery& d) {
    AttemptResult r;
    r.delivery_id = d.delivery_id;
    r.attempt = WebhookAttempt{0, 5000, 12, 200, ""};
    r.next = AttemptResult::Next::kDelivered;
    REQUIRE(webhooks.RecordAttempt(r).ok());
  }
};

json Body(const DueDelivery& d) { return json::parse(d.body); }

TEST_CASE("NoEventIsWrittenWithoutAnEnabledSubscriber", "[sqlite_webhooks]") {
  Rig rig;
  rig.Add({"message.delivered"});
  rig.Add({"message.sent"}, /*enabled=*/false);
  const int64_t id = rig.AddMessage();
  rig.Exec("UPDATE messages SET state = 'sent', sent_at = 2000 WHERE id = " + std::to_string(id));
  CHECK(rig.Count("SELECT count(*) FROM webhook_events") == 0);
  CHECK(rig.written == 0);
  CHECK(rig.Heads().empty());
}

TEST_CASE("AMessageStateChangeWritesOneDeliveryPerSubscribedEndpoint", "[sqlite_webhooks]") {
  auto [state, type, column] = GENERATE(table<std::string, std::string, std::string>({
      {"sent", "message.sent", "sent_at"},
      {"delivered", "message.delivered", "delivered_at"},
      {"failed", "message.failed", "failed_at"},
      {"unknown", "message.unknown", "unknown_at"},
  }));
  Rig rig;
  const int64_t a = rig.Add({type});
  const int64_t b = rig.Add({"message.received", type});
  rig.Add({"message.received"});
  const int64_t id = rig.AddMessage();
  rig.Exec("UPDATE messages SET state = '" + state + "', " + column + " = 1700000000123, modem = 'sim1' WHERE id = " +
           std::to_string(id));
  CHECK(rig.written == 2);  // once per delivery row the trigger wrote
  auto heads = rig.Heads();
  REQUIRE(heads.size() == 2);
  CHECK(heads[0].webhook_id == a);
  CHECK(heads[1].webhook_id == b);
  CHECK(heads[0].body == heads[1].body);
  CHECK(heads[0].message_id == heads[1].message_id);
  CHECK(heads[0].next_attempt_at == 1700000000123);
  const json body = Body(heads[0]);
  CHECK(body["type"] == type);
  CHECK(body["timestamp"] == "2023-11-14T22:13:20.123Z");
  CHECK(body["data"]["id"] == id);
  CHECK(body["data"]["state"] == state);
  CHECK(body["data"]["modem"] == "sim1");
  CHECK(body["data"]["destination"] == "+905551112233");
  // Re-writing the same state is no new event.
  rig.Exec("UPDATE messages SET state = '" + state + "' WHERE id = " + std::to_string(id));
  CHECK(rig.Count("SELECT count(*) FROM webhook_events") == 1);
}

TEST_CASE("StatesNobodyCanSubscribeToWriteNoEvent", "[sqlite_webhooks]") {
  Rig rig;
  rig.Add({"message.sent", "message.delivered", "message.failed", "message.unknown"});
  const int64_t id = rig.AddMessage("queued");
  rig.Exec("UPDATE messages SET state = 'cancelled', cancelled_at = 1 WHERE id = " + std::to_string(id));
  rig.Exec("UPDATE messages SET state = 'sending' WHERE id = " + std::to_string(rig.AddMessage("queued")));
  CHECK(rig.Count("SELECT count(*) FROM webhook_events") == 0);
}

TEST_CASE("AnInboxEntryIsMessageReceivedThroughTheRealInbox", "[sqlite_webhooks]") {
  auto store = testing::MemoryStore();
  int written = 0;
  store->webhooks().OnEventWritten([&] { ++written; });
  auto w = store->webhooks().CreateWebhook(NewWebhook{"http://127.0.0.1/h", {"message.received"}, kSecret, true}, 1);
  REQUIRE(w.ok());
  InboundPart part;
  part.modem = "sim1";
  part.sender = "+905551112233";
  part.text = "Merhaba \"dünya\"";
  part.smsc_time = "2026-06-01T10:00:00+03:00";
  part.received_at = 1700000000000;
  REQUIRE(store->inbox().StoreInboundPart(part).ok());
  // The first of two parts is not a message yet.
  InboundPart first = part;
  first.ref = 7;
  first.total = 2;
  first.text = "yarım";
  REQUIRE(store->inbox().StoreInboundPart(first).ok());
  CHECK(written == 1);
  auto heads = store->webhooks().HeadDeliveries();
  REQUIRE(heads.ok());
  REQUIRE(heads->size() == 1);
  const json body = Body(heads->front());
  CHECK(body["type"] == "message.received");
  CHECK(body["data"]["body"] == "Merhaba \"dünya\"");
  CHECK(body["data"]["sender"] == "+905551112233");
  CHECK(body["data"]["partial"] == false);
  CHECK(body["data"]["parts_total"] == 1);
  // Given up incomplete, the set is a partial message: one more event.
  REQUIRE(store->inbox().ExpirePartialInbound(1800000000000).ok());
  CHECK(written == 2);
  auto page = store->webhooks().ListDeliveries(w->id, 10, "");
  REQUIRE(page.ok());
  REQUIRE(page->items.size() == 2);
  CHECK(page->items[0].event_type == "message.received");
}

TEST_CASE("ConsentStatusChangesAreOptOutAndOptInEvents", "[sqlite_webhooks]") {
  Rig rig;
  rig.Add({"contact.opted_out", "contact.opted_in"});
  const std::string insert =
      "INSERT INTO consents (number, status, type, recipient_type, source, consent_date, recorded_at) VALUES "
      "('+905551112233', ";
  rig.Exec(insert + "'RET', 'MESAJ', 'BIREYSEL', 'HS_MESAJ', 1000, 1100)");
  rig.Exec(insert + "'RET', 'MESAJ', 'BIREYSEL', 'HS_MESAJ', 2000, 2100)");  // no change
  rig.Exec(insert + "'ONAY', 'MESAJ', 'BIREYSEL', 'HS_WEB', 500, 2200)");    // older: does not decide
  rig.Exec(insert + "'ONAY', 'MESAJ', 'BIREYSEL', 'HS_WEB', 3000, 3100)");
  auto rows = QueryAll<std::string, std::string, int64_t>(
      *rig.db, "SELECT type, json_extract(data, '$.source'), occurred_at FROM webhook_events ORDER BY id");
  REQUIRE(rows.ok());
  CHECK(*rows == std::vector<std::tuple<std::string, std::string, int64_t>>{{"contact.opted_out", "HS_MESAJ", 1100},
                                                                            {"contact.opted_in", "HS_WEB", 3100}});
}

TEST_CASE("ACampaignReachingCompletedIsOneEvent", "[sqlite_webhooks]") {
  Rig rig;
  rig.Add({"campaign.completed"});
  rig.Exec(
      "INSERT INTO campaigns (name, category, spec, rate_per_minute, footer, state, created_at, recipients)"
      " VALUES ('yaz', 1, '{}', 0, 1, 'running', 1, 3)");
  rig.Exec("UPDATE campaigns SET state = 'paused'");
  rig.Exec("UPDATE campaigns SET state = 'completed', finished_at = 9000");
  rig.Exec("UPDATE campaigns SET state = 'completed'");
  auto heads = rig.Heads();
  REQUIRE(heads.size() == 1);
  const json body = Body(heads[0]);
  CHECK(body["type"] == "campaign.completed");
  CHECK(body["data"]["name"] == "yaz");
  CHECK(body["data"]["recipients"] == 3);
  CHECK(rig.Count("SELECT count(*) FROM webhook_events") == 1);
}

TEST_CASE("AnotherModuleEmitsByInsertingAnEvent", "[sqlite_webhooks]") {
  Rig rig;
  const int64_t w = rig.Add({"poll.vote"});
  REQUIRE(Run(*rig.db, "INSERT INTO webhook_events (type, data, occurred_at) VALUES (?1, ?2, ?3)", "poll.vote",
              R"({"poll_id":4,"choice":"B"})", int64_t{1000})
              .ok());
  auto heads = rig.Heads();
  REQUIRE(heads.size() == 1);
  CHECK(heads[0].webhook_id == w);
  CHECK(heads[0].body == R"({"type":"poll.vote","timestamp":"1970-01-01T00:00:01.000Z","data":{"poll_id":4,"choice":"B"}})");
  CHECK(heads[0].message_id.starts_with("msg_"));
  CHECK(heads[0].message_id.ends_with("_1"));
  CHECK(rig.written == 1);
}

TEST_CASE("EachEndpointIsServedOldestFirstAndAFailureHoldsItsLine", "[sqlite_webhooks]") {
  Rig rig;
  rig.Add({"message.sent"});
  const int64_t m1 = rig.AddMessage();
  const int64_t m2 = rig.AddMessage();
  rig.Exec("UPDATE messages SET state = 'sent', sent_at = 10 WHERE id = " + std::to_string(m2));
  rig.Exec("UPDATE messages SET state = 'sent', sent_at = 20 WHERE id = " + std::to_string(m1));
  auto heads = rig.Heads();
  REQUIRE(heads.size() == 1);
  CHECK(Body(heads[0])["data"]["id"] == m2);
  const DueDelivery first = heads[0];

  AttemptResult retry;
  retry.delivery_id = first.delivery_id;
  retry.attempt = WebhookAttempt{0, 100, 7, 503, "HTTP 503"};
  retry.next = AttemptResult::Next::kRetry;
  retry.retry_at = 5100;
  REQUIRE(rig.webhooks.RecordAttempt(retry).ok());
  heads = rig.Heads();
  REQUIRE(heads.size() == 1);
  CHECK(heads[0].delivery_id == first.delivery_id);  // still the head
  CHECK(heads[0].attempts == 1);
  CHECK(heads[0].schedule_step == 1);
  CHECK(heads[0].next_attempt_at == 5100);
  CHECK(heads[0].body == first.body);
  CHECK(heads[0].message_id == first.message_id);

  rig.Deliver(heads[0]);
  heads = rig.Heads();
  REQUIRE(heads.size() == 1);
  CHECK(Body(heads[0])["data"]["id"] == m1);

  auto d = rig.webhooks.GetDelivery(first.webhook_id, first.delivery_id);
  REQUIRE(d.ok());
  REQUIRE(d->has_value());
  CHECK((*d)->state == DeliveryState::kDelivered);
  CHECK((*d)->attempts == 2);
  CHECK_FALSE((*d)->next_attempt_at);
  REQUIRE((*d)->history.size() == 2);
  CHECK((*d)->history[0].attempt == 1);
  CHECK((*d)->history[0].http_status == 503);
  CHECK((*d)->history[0].error == "HTTP 503");
  CHECK((*d)->history[1].attempt == 2);
  CHECK((*d)->history[1].http_status == 200);
  CHECK((*d)->history[1].error.empty());
}

TEST_CASE("GoneDisablesTheEndpointAndItsSubscriptions", "[sqlite_webhooks]") {
  Rig rig;
  const int64_t w = rig.Add({"message.sent"});
  rig.Exec("UPDATE messages SET state = 'sent' WHERE id = " + std::to_string(rig.AddMessage()));
  auto heads = rig.Heads();
  REQUIRE(heads.size() == 1);
  AttemptResult gone;
  gone.delivery_id = heads[0].delivery_id;
  gone.attempt = WebhookAttempt{0, 100, 3, 410, "HTTP 410"};
  gone.next = AttemptResult::Next::kFailed;
  gone.disable_endpoint = "the endpoint answered 410 Gone";
  REQUIRE(rig.webhooks.RecordAttempt(gone).ok());
  auto hook = rig.webhooks.GetWebhook(w);
  REQUIRE(hook.ok());
  CHECK_FALSE((*hook)->enabled);
  CHECK((*hook)->disabled_reason == "the endpoint answered 410 Gone");
  CHECK(rig.Count("SELECT count(*) FROM webhook_subscriptions") == 0);
  CHECK(rig.Count("SELECT count(*) FROM sqlite_schema WHERE name = 'webhook_message_state'") == 0);
  rig.Exec("UPDATE messages SET state = 'sent' WHERE id = " + std::to_string(rig.AddMessage()));
  CHECK(rig.Count("SELECT count(*) FROM webhook_events") == 1);
  CHECK(rig.Heads().empty());

  // Enabled again: subscribed again, reason gone, the runner woken.
  const int before = rig.written;
  WebhookPatch enable;
  enable.enabled = true;
  auto updated = rig.webhooks.UpdateWebhook(w, enable, 2000);
  REQUIRE(updated.ok());
  CHECK((*updated)->enabled);
  CHECK_FALSE((*updated)->disabled_reason);
  CHECK(rig.written == before + 1);
  CHECK(rig.Count("SELECT count(*) FROM webhook_subscriptions") == 1);
  CHECK(rig.Count("SELECT count(*) FROM sqlite_schema WHERE name = 'webhook_message_state'") == 1);
}

TEST_CASE("ATestPingGoesToItsEndpointAloneEvenDisabled", "[sqlite_webhooks]") {
  Rig rig;
  const int64_t a = rig.Add({"message.sent"}, /*enabled=*/false);
  rig.Add({"message.sent"});
  auto ping = rig.webhooks.QueueTestEvent(a, 4000);
  REQUIRE(ping.ok());
  REQUIRE(ping->has_value());
  CHECK((*ping)->event_type == "webhook.test");
  CHECK((*ping)->webhook_id == a);
  CHECK((*ping)->state == DeliveryState::kPending);
  CHECK(rig.Count("SELECT count(*) FROM webhook_deliveries") == 1);
  CHECK(rig.written == 1);
  auto none = rig.webhooks.QueueTestEvent(99, 4000);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
}

TEST_CASE("AManualRetryMakesAFailedDeliveryPendingWithTheScheduleStartedOver", "[sqlite_webhooks]") {
  Rig rig;
  const int64_t w = rig.Add({"message.sent"});
  rig.Exec("UPDATE messages SET state = 'sent' WHERE id = " + std::to_string(rig.AddMessage()));
  auto heads = rig.Heads();
  REQUIRE(heads.size() == 1);
  AttemptResult failed;
  failed.delivery_id = heads[0].delivery_id;
  failed.attempt = WebhookAttempt{0, 100, 3, std::nullopt, "connection refused"};
  failed.next = AttemptResult::Next::kFailed;
  REQUIRE(rig.webhooks.RecordAttempt(failed).ok());
  CHECK(rig.Heads().empty());
  const int before = rig.written;
  auto retried = rig.webhooks.RetryDelivery(w, heads[0].delivery_id, 7000);
  REQUIRE(retried.ok());
  REQUIRE(retried->has_value());
  CHECK((*retried)->state == DeliveryState::kPending);
  CHECK((*retried)->next_attempt_at == 7000);
  CHECK(rig.written == before + 1);
  heads = rig.Heads();
  REQUIRE(heads.size() == 1);
  CHECK(heads[0].schedule_step == 0);
  CHECK(heads[0].attempts == 1);
  auto wrong = rig.webhooks.RetryDelivery(w + 1, heads[0].delivery_id, 7000);
  REQUIRE(wrong.ok());
  CHECK_FALSE(wrong->has_value());
}

TEST_CASE("WebhooksAreCreatedUpdatedListedAndDeletedWithTheirDeliveries", "[sqlite_webhooks]") {
  Rig rig;
  const int64_t a = rig.Add({"message.sent"});
  const int64_t b = rig.Add({"message.received"});
  WebhookPatch patch;
  patch.url = "https://example.org/x";
  patch.events = std::vector<std::string>{"message.failed"};
  auto updated = rig.webhooks.UpdateWebhook(a, patch, 3000);
  REQUIRE(updated.ok());
  CHECK((*updated)->url == "https://example.org/x");
  CHECK((*updated)->events == std::vector<std::string>{"message.failed"});
  CHECK((*updated)->updated_at == 3000);
  CHECK((*updated)->created_at == 1000);
  rig.Exec("UPDATE messages SET state = 'failed' WHERE id = " + std::to_string(rig.AddMessage()));
  CHECK(rig.Count("SELECT count(*) FROM webhook_deliveries") == 1);
  auto list = rig.webhooks.ListWebhooks();
  REQUIRE(list.ok());
  REQUIRE(list->size() == 2);
  CHECK((*list)[1].id == b);
  auto deleted = rig.webhooks.DeleteWebhook(a);
  REQUIRE(deleted.ok());
  CHECK(*deleted);
  CHECK(rig.Count("SELECT count(*) FROM webhook_deliveries") == 0);
  CHECK(rig.Count("SELECT count(*) FROM webhook_subscriptions") == 1);
  auto again = rig.webhooks.DeleteWebhook(a);
  REQUIRE(again.ok());
  CHECK_FALSE(*again);
  auto missing = rig.webhooks.UpdateWebhook(a, patch, 3000);
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());
}

TEST_CASE("UnknownOrRepeatedEventTypesAreRefusedNamingEvents", "[sqlite_webhooks]") {
  auto events = GENERATE(std::vector<std::string>{"message.lost"}, std::vector<std::string>{"webhook.test"},
                         std::vector<std::string>{"message.sent", "message.sent"});
  Rig rig;
  auto w = rig.webhooks.CreateWebhook(NewWebhook{"http://x/", events, kSecret, true}, 1);
  REQUIRE_FALSE(w.ok());
  CHECK(w.error().code == ErrorCode::kInvalidArgument);
  CHECK_THAT(w.error().message, Catch::Contains("events: "));
}

TEST_CASE("DeliveriesPageNewestFirst", "[sqlite_webhooks]") {
  Rig rig;
  const int64_t w = rig.Add({"message.sent"});
  for (int i = 0; i < 5; ++i) rig.Exec("UPDATE messages SET state = 'sent' WHERE id = " + std::to_string(rig.AddMessage()));
  auto first = rig.webhooks.ListDeliveries(w, 3, "");
  REQUIRE(first.ok());
  REQUIRE(first->items.size() == 3);
  CHECK(first->items[0].id > first->items[2].id);
  REQUIRE_FALSE(first->next_cursor.empty());
  auto second = rig.webhooks.ListDeliveries(w, 3, first->next_cursor);
  REQUIRE(second.ok());
  CHECK(second->items.size() == 2);
  CHECK(second->next_cursor.empty());
  CHECK(second->items[0].id < first->items[2].id);
  CHECK_FALSE(rig.webhooks.ListDeliveries(w, 3, "m1").ok());
}

// Without an endpoint for message states, no trigger runs on a send at all.
TEST_CASE("TheMessageStateTriggerExistsOnlyWhileAnEnabledEndpointWantsMessageStates", "[sqlite_webhooks]") {
  Rig rig;
  auto trigger = [&] {
    return rig.Count("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'webhook_message_state'");
  };
  CHECK(trigger() == 0);  // schema version 17 drops it
  const int64_t received = rig.Add({"message.received", "contact.opted_out"});
  CHECK(trigger() == 0);
  const int64_t failed = rig.Add({"message.failed"}, /*enabled=*/false);
  CHECK(trigger() == 0);

  WebhookPatch enable;
  enable.enabled = true;
  REQUIRE(rig.webhooks.UpdateWebhook(failed, enable, 2000).ok());
  CHECK(trigger() == 1);
  const int64_t sent = rig.Add({"message.sent"});
  CHECK(trigger() == 1);
  // The trigger is the real one: a failure becomes an event.
  rig.Exec("UPDATE messages SET state = 'failed', failed_at = 3000 WHERE id = " + std::to_string(rig.AddMessage()));
  CHECK(rig.Count("SELECT count(*) FROM webhook_events WHERE type = 'message.failed'") == 1);

  WebhookPatch disable;
  disable.enabled = false;
  REQUIRE(rig.webhooks.UpdateWebhook(failed, disable, 3000).ok());
  CHECK(trigger() == 1);  // message.sent still wanted
  WebhookPatch other_events;
  other_events.events = std::vector<std::string>{"message.received"};
  REQUIRE(rig.webhooks.UpdateWebhook(sent, other_events, 3000).ok());
  CHECK(trigger() == 0);
  rig.Exec("UPDATE messages SET state = 'sent', sent_at = 4000 WHERE id = " + std::to_string(rig.AddMessage()));
  CHECK(rig.Count("SELECT count(*) FROM webhook_events WHERE type = 'message.sent'") == 0);

  const int64_t delivered = rig.Add({"message.delivered"});
  CHECK(trigger() == 1);
  auto deleted = rig.webhooks.DeleteWebhook(delivered);
  REQUIRE(deleted.ok());
  CHECK(trigger() == 0);

  // A subscription written behind the store's back (the sqlite3 shell) is
  // followed when the store matches the trigger again, as at open.
  rig.Exec("INSERT INTO webhook_subscriptions (event_type, webhook_id) VALUES ('message.unknown', " +
           std::to_string(received) + ")");
  CHECK(trigger() == 0);
  REQUIRE(rig.webhooks.MatchMessageStateTrigger().ok());
  CHECK(trigger() == 1);
}

TEST_CASE("TheHotPathCheckAndTheHeadOfLineAreIndexLookups", "[sqlite_webhooks]") {
  auto db = MigratedDatabase();
  CHECK_THAT(QueryPlan(*db, "SELECT 1 FROM webhook_subscriptions WHERE event_type = 'message.sent'"),
             Catch::Contains("USING PRIMARY KEY") || Catch::Contains("USING COVERING INDEX"));
  const std::string heads = QueryPlan(*db, sql::kHeadDeliveries);
  CHECK_THAT(heads, Catch::Contains("webhook_deliveries_pending"));
  CHECK_THAT(heads, !Catch::Contains("SCAN d"));
  CHECK_THAT(QueryPlan(*db, sql::kListDeliveries), Catch::Contains("webhook_deliveries_by_webhook"));
}

}  // namespace
}  // namespace tellal::store

namespace tellal::store {
namespace {

// Events other modules emit through their own rows: the rules module's
// hits and the polls module's votes, each in the writer's transaction.
TEST_CASE("ARuleHitWithAWebhookActionAndAPollVoteBecomeEvents", "[sqlite_webhooks]") {
  Rig rig;
  const int64_t endpoint = rig.Add({"rule.matched", "poll.vote"});
  rig.Exec(
      "INSERT INTO inbox (modem, sim, sender, body, smsc_time, received_at, parts_received, parts_total)"
      " VALUES ('sim2', '8990', '+905321112233', 'BILGI lutfen', '26/12/06,10:00:00+12', 7000, 1, 1)");
  const int64_t inbox_id = rig.db->LastInsertRowId();
  rig.Exec(
      "INSERT INTO rules (match, pattern, modem, actions, sort_order, enabled, created_at, updated_at)"
      " VALUES ('keyword', 'BILGI', NULL, '[{\"type\": \"webhook\"}]', 1, 1, 1, 1)");
  const int64_t rule_id = rig.db->LastInsertRowId();
  // A hit without a webhook action is no event.
  rig.Exec("INSERT INTO rule_hits (inbox_id, rule_id, webhook, matched_at) VALUES (" + std::to_string(inbox_id) +
           " + 1000, " + std::to_string(rule_id) + ", 0, 7000)");
  CHECK(rig.Count("SELECT count(*) FROM webhook_events") == 0);
  rig.Exec("INSERT INTO rule_hits (inbox_id, rule_id, webhook, matched_at) VALUES (" + std::to_string(inbox_id) +
           ", " + std::to_string(rule_id) + ", 1, 7001)");
  rig.Exec(
      "INSERT INTO polls (name, keyword, options, votes_per_number, reply_valid, reply_invalid, reply_closed,"
      " created_at, updated_at) VALUES ('Yeni sube', 'ANKET', '[]', 'once', '', '', '', 1, 1)");
  const int64_t poll_id = rig.db->LastInsertRowId();
  rig.Exec("INSERT INTO poll_votes (poll_id, number, option, inbox_id, voted_at, counted) VALUES (" +
           std::to_string(poll_id) + ", '+905321112233', 'EVET', " + std::to_string(inbox_id) + ", 7002, 1)");

  const auto heads = rig.Heads();
  REQUIRE(heads.size() == 1);
  CHECK(heads[0].webhook_id == endpoint);
  const json hit = Body(heads[0]);
  CHECK(hit["type"] == "rule.matched");
  CHECK(hit["data"]["rule_id"] == rule_id);
  CHECK(hit["data"]["inbox_id"] == inbox_id);
  CHECK(hit["data"]["sender"] == "+905321112233");
  CHECK(hit["data"]["body"] == "BILGI lutfen");
  CHECK(hit["data"]["modem"] == "sim2");
  rig.Deliver(heads[0]);
  const auto next = rig.Heads();
  REQUIRE(next.size() == 1);
  const json vote = Body(next[0]);
  CHECK(vote["type"] == "poll.vote");
  CHECK(vote["data"]["poll_id"] == poll_id);
  CHECK(vote["data"]["poll"] == "Yeni sube");
  CHECK(vote["data"]["option"] == "EVET");
  CHECK(vote["data"]["counted"] == true);
  CHECK(rig.written == 2);
}

}  // namespace
}  // namespace tellal::store

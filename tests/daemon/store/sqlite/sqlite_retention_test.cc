#include "daemon/store/sqlite/sqlite_retention.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "../temp_dir.h"
#include "store_testing.h"

using namespace tellal;
using namespace tellal::store;
using tellal::store::testing::FileStore;
using tellal::store::testing::MemoryStore;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;
constexpr Millis kDay = 24 * 3'600'000LL;

NewMessage Text(const std::string& to) {
  NewMessage m;
  m.to = to;
  m.text = "merhaba";
  m.encoding = "gsm7";
  return m;
}

int64_t Enqueue(SqliteStore& store, Millis at, Priority priority = Priority::kNormal) {
  NewMessage m = Text("+905321234567");
  m.priority = priority;
  auto outcome = store.queue().Enqueue(m, at);
  REQUIRE(outcome.ok());
  return outcome->id;
}

// Queued at `at`, sent by m1 a minute later.
int64_t Sent(SqliteStore& store, Millis at) {
  const int64_t id = Enqueue(store, at);
  auto claimed = store.queue().ClaimMessage(id, "m1", at + 60'000);
  REQUIRE(claimed.ok());
  REQUIRE(claimed->has_value());
  REQUIRE(store.queue().MarkSegmentSent(id, 1, "m1", 7, at + 60'000).ok());
  REQUIRE(store.queue().MarkSent(id, at + 60'000).ok());
  return id;
}

bool Exists(SqliteStore& store, int64_t id) {
  auto m = store.queue().GetMessage(id);
  REQUIRE(m.ok());
  return m->has_value();
}

int64_t StoredMessages(SqliteStore& store) {
  auto page = store.queue().ListMessages({}, kMaxPageSize, "");
  REQUIRE(page.ok());
  return static_cast<int64_t>(page->items.size());
}

int64_t QueuedCount(SqliteStore& store) {
  auto counts = store.queue().CountQueued();
  REQUIRE(counts.ok());
  int64_t n = 0;
  for (const auto& [priority, count] : *counts) n += count;
  return n;
}

int64_t QueuedListed(SqliteStore& store) {
  MessageFilter queued;
  queued.state = MessageState::kQueued;
  auto page = store.queue().ListMessages(queued, kMaxPageSize, "");
  REQUIRE(page.ok());
  return static_cast<int64_t>(page->items.size());
}

InboundPart Part(int seq, int total, Millis at) {
  InboundPart p;
  p.modem = "m1";
  p.sender = "+905551110000";
  p.ref = 9;
  p.total = total;
  p.seq = seq;
  p.text = "part" + std::to_string(seq);
  p.smsc_time = "2026-06-01T10:00:0" + std::to_string(seq) + "+03:00";
  p.received_at = at;
  return p;
}

int64_t Received(SqliteStore& store, Millis at, int total = 1) {
  std::optional<int64_t> id;
  for (int seq = 1; seq <= total; ++seq) {
    auto r = store.inbox().StoreInboundPart(Part(seq, total, at));
    REQUIRE(r.ok());
    id = r->inbox_id;
  }
  REQUIRE(id.has_value());
  return *id;
}

}  // namespace

TEST_CASE("APurgeDeletesOnlyFinalMessagesThatEndedBeforeTheCutoff", "[store][retention]") {
  auto store = MemoryStore();
  const Millis cutoff = kT0 + 10 * kDay;
  const int64_t old_sent = Sent(*store, kT0);
  const int64_t old_cancelled = Enqueue(*store, kT0);
  REQUIRE(store->queue().Cancel(old_cancelled, kT0 + 1).ok());
  const int64_t old_failed = Enqueue(*store, kT0);
  REQUIRE(store->queue().MarkFailed(old_failed, {"CMS 500", "refused"}, kT0 + 2).ok());
  const int64_t old_queued = Enqueue(*store, kT0, Priority::kOtp);  // still waiting: never purged
  const int64_t old_sending = Enqueue(*store, kT0, Priority::kBulk);
  REQUIRE(store->queue().ClaimMessage(old_sending, "m2", kT0 + 3).ok());
  // Created before the cutoff but final only after it: kept.
  const int64_t late_failure = Enqueue(*store, kT0);
  REQUIRE(store->queue().MarkFailed(late_failure, {"CMS 500", "refused"}, cutoff + 1).ok());
  const int64_t recent = Sent(*store, cutoff + kDay);

  auto deleted = store->retention().PurgeMessages(cutoff, 100, nullptr);
  REQUIRE(deleted.ok());
  CHECK(*deleted == 3);
  CHECK_FALSE(Exists(*store, old_sent));
  CHECK_FALSE(Exists(*store, old_cancelled));
  CHECK_FALSE(Exists(*store, old_failed));
  CHECK(Exists(*store, old_queued));
  CHECK(Exists(*store, old_sending));
  CHECK(Exists(*store, late_failure));
  CHECK(Exists(*store, recent));
  auto segments = store->queue().ListSegments(old_sent);
  REQUIRE(segments.ok());
  CHECK(segments->empty());
  // The kept counts still match the queue.
  CHECK(QueuedCount(*store) == 1);
  CHECK(QueuedCount(*store) == QueuedListed(*store));
  // Nothing more to do.
  auto again = store->retention().PurgeMessages(cutoff, 100, nullptr);
  REQUIRE(again.ok());
  CHECK(*again == 0);
}

TEST_CASE("APurgeTakesAtMostItsLimitOldestFirst", "[store][retention]") {
  auto store = MemoryStore();
  std::vector<int64_t> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(Sent(*store, kT0 + i * 1000));
  const Millis cutoff = kT0 + kDay;
  auto first = store->retention().PurgeMessages(cutoff, 3, nullptr);
  REQUIRE(first.ok());
  CHECK(*first == 3);
  CHECK_FALSE(Exists(*store, ids[0]));
  CHECK_FALSE(Exists(*store, ids[2]));
  CHECK(Exists(*store, ids[3]));
  auto second = store->retention().PurgeMessages(cutoff, 3, nullptr);
  auto third = store->retention().PurgeMessages(cutoff, 3, nullptr);
  REQUIRE(second.ok());
  REQUIRE(third.ok());
  CHECK(*second == 3);
  CHECK(*third == 1);  // fewer than the limit: done
  CHECK(StoredMessages(*store) == 0);
}

TEST_CASE("APurgeRefusesALimitOutsideAPage", "[store][retention]") {
  auto store = MemoryStore();
  const int limit = GENERATE(0, -1, kMaxPageSize + 1);
  auto r = store->retention().PurgeMessages(kT0, limit, nullptr);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().Is(ErrorCode::kInvalidArgument));
}

TEST_CASE("TheArchiveSeesEachBatchBeforeItIsDeleted", "[store][retention]") {
  auto store = MemoryStore();
  const int64_t a = Sent(*store, kT0);
  const int64_t b = Sent(*store, kT0 + 1);
  std::vector<int64_t> archived;
  auto deleted = store->retention().PurgeMessages(kT0 + kDay, 10, [&](const std::vector<Message>& batch) {
    for (const Message& m : batch) {
      archived.push_back(m.id);
      CHECK(m.state == MessageState::kSent);
      CHECK(Exists(*store, m.id));  // not deleted yet
    }
    return Status::Ok();
  });
  REQUIRE(deleted.ok());
  CHECK(*deleted == 2);
  CHECK(archived == std::vector<int64_t>{a, b});
}

TEST_CASE("AFailedArchiveKeepsTheBatchAndItsErrorCode", "[store][retention]") {
  auto store = MemoryStore();
  const int64_t id = Sent(*store, kT0);
  const int64_t entry = Received(*store, kT0);
  auto messages = store->retention().PurgeMessages(
      kT0 + kDay, 10, [](const std::vector<Message>&) -> Status { return Error::NoSpace("archive: disk full"); });
  REQUIRE_FALSE(messages.ok());
  CHECK(messages.error().Is(ErrorCode::kNoSpace));
  CHECK(Exists(*store, id));
  auto inbox = store->retention().PurgeInbox(
      kT0 + kDay, 10, [](const std::vector<InboxMessage>&) -> Status { return Error::IoError("archive: EIO"); });
  REQUIRE_FALSE(inbox.ok());
  CHECK(inbox.error().Is(ErrorCode::kIoError));
  auto kept = store->inbox().GetInbox(entry);
  REQUIRE(kept.ok());
  CHECK(kept->has_value());
}

TEST_CASE("AnInboxPurgeDeletesOldEntriesWithTheirParts", "[store][retention]") {
  auto store = MemoryStore();
  const int64_t old_entry = Received(*store, kT0, 3);
  const int64_t recent = Received(*store, kT0 + 5 * kDay);
  auto deleted = store->retention().PurgeInbox(kT0 + kDay, 10, nullptr);
  REQUIRE(deleted.ok());
  CHECK(*deleted == 1);
  auto gone = store->inbox().GetInbox(old_entry);
  REQUIRE(gone.ok());
  CHECK_FALSE(gone->has_value());
  auto kept = store->inbox().GetInbox(recent);
  REQUIRE(kept.ok());
  CHECK(kept->has_value());
  // The parts went too: the same three parts arriving again make a new
  // entry instead of being taken for duplicates of a deleted one.
  const int64_t again = Received(*store, kT0, 3);
  CHECK(again != old_entry);
}

TEST_CASE("ACheckpointEmptiesTheWriteAheadLog", "[store][retention][wal]") {
  store::testing::TempDir dir;
  const std::string path = dir.File("tellal.db");
  auto store = FileStore(path);
  for (int i = 0; i < 200; ++i) Sent(*store, kT0 + i);
  REQUIRE(std::filesystem::file_size(path + "-wal") > 0);
  REQUIRE(store->retention().CheckpointLog().ok());
  CHECK(std::filesystem::file_size(path + "-wal") == 0);
}

namespace {

// A test ping to endpoint `webhook` at `at`, finished as `next` at once.
int64_t Ping(SqliteStore& store, int64_t webhook, Millis at, AttemptResult::Next next) {
  auto queued = store.webhooks().QueueTestEvent(webhook, at);
  REQUIRE(queued.ok());
  REQUIRE(queued->has_value());
  AttemptResult r;
  r.delivery_id = (*queued)->id;
  r.attempt = WebhookAttempt{0, at, 20, next == AttemptResult::Next::kDelivered ? 200 : 503, ""};
  r.next = next;
  r.retry_at = at + 5 * 60'000;
  REQUIRE(store.webhooks().RecordAttempt(r).ok());
  return (*queued)->id;
}

int64_t Count(SqliteStore& store, const std::string& table) {
  auto page = store.webhooks().ListWebhooks();
  REQUIRE(page.ok());
  int64_t n = 0;
  for (const Webhook& w : *page) {
    auto deliveries = store.webhooks().ListDeliveries(w.id, kMaxPageSize, "");
    REQUIRE(deliveries.ok());
    if (table == "deliveries") n += static_cast<int64_t>(deliveries->items.size());
    if (table == "attempts") {
      for (const WebhookDelivery& d : deliveries->items) n += static_cast<int64_t>(d.history.size());
    }
  }
  return n;
}

}  // namespace

TEST_CASE("AWebhookPurgeDeletesFinishedDeliveriesWithTheirAttemptsThenSpentEvents", "[store][retention]") {
  auto store = MemoryStore();
  auto hook = store->webhooks().CreateWebhook(NewWebhook{"http://127.0.0.1:9/h", {"message.sent"}, "whsec_AAAA", true}, kT0);
  REQUIRE(hook.ok());
  const Millis old = kT0 - 100 * kDay;
  Ping(*store, hook->id, old, AttemptResult::Next::kDelivered);
  Ping(*store, hook->id, old + 1, AttemptResult::Next::kFailed);
  // Still retrying, however old: never touched, nor its event.
  const int64_t pending = Ping(*store, hook->id, old + 2, AttemptResult::Next::kRetry);
  const int64_t recent = Ping(*store, hook->id, kT0 - kDay, AttemptResult::Next::kDelivered);
  REQUIRE(Count(*store, "deliveries") == 4);

  // Two deliveries, then one of the two events they leave spent.
  auto first = store->retention().PurgeWebhookHistory(kT0 - 90 * kDay, 3);
  REQUIRE(first.ok());
  CHECK(*first == 3);
  auto second = store->retention().PurgeWebhookHistory(kT0 - 90 * kDay, 3);
  REQUIRE(second.ok());
  CHECK(*second == 1);
  auto third = store->retention().PurgeWebhookHistory(kT0 - 90 * kDay, 3);
  REQUIRE(third.ok());
  CHECK(*third == 0);

  CHECK(Count(*store, "deliveries") == 2);
  CHECK(Count(*store, "attempts") == 2);
  auto kept = store->webhooks().GetDelivery(hook->id, pending);
  REQUIRE(kept.ok());
  REQUIRE(kept->has_value());
  CHECK((*kept)->state == DeliveryState::kPending);
  auto kept_recent = store->webhooks().GetDelivery(hook->id, recent);
  REQUIRE(kept_recent.ok());
  CHECK(kept_recent->has_value());
  // The pending delivery can still be sent: its event is there.
  auto heads = store->webhooks().HeadDeliveries();
  REQUIRE(heads.ok());
  REQUIRE(heads->size() == 1);
  CHECK((*heads)[0].delivery_id == pending);
  CHECK_FALSE((*heads)[0].body.empty());
}

TEST_CASE("EventsOfADeletedEndpointArePurgedOnceOld", "[store][retention]") {
  auto store = MemoryStore();
  auto hook = store->webhooks().CreateWebhook(NewWebhook{"http://127.0.0.1:9/h", {"message.sent"}, "whsec_AAAA", true}, kT0);
  REQUIRE(hook.ok());
  Ping(*store, hook->id, kT0 - 100 * kDay, AttemptResult::Next::kRetry);
  Ping(*store, hook->id, kT0 - kDay, AttemptResult::Next::kRetry);
  REQUIRE(store->webhooks().DeleteWebhook(hook->id).ok());
  auto purged = store->retention().PurgeWebhookHistory(kT0 - 90 * kDay, 10);
  REQUIRE(purged.ok());
  CHECK(*purged == 1);  // the old event; the recent one waits for its age
  auto again = store->retention().PurgeWebhookHistory(kT0, 10);
  REQUIRE(again.ok());
  CHECK(*again == 1);
}

namespace tellal::store {
namespace {

// A cancelled message with a dlr-url: one call (type 16), written by the
// store's trigger at `at`; `finish` records its outcome then.
int64_t CancelledWithCall(SqliteStore& store, Millis at, std::optional<DlrCallOutcome::Next> finish) {
  NewMessage m;
  m.to = "+905321112233";
  m.text = "hi";
  m.encoding = "gsm7";
  m.dlr_url = "http://127.0.0.1:9/dlr?type=%d";
  m.dlr_mask = 16;
  auto queued = store.queue().Enqueue(m, at);
  REQUIRE(queued.ok());
  REQUIRE(store.queue().Cancel(queued->id, at).ok());
  if (finish) {
    auto calls = store.dlr_calls().CallsFor(queued->id);
    REQUIRE(calls.ok());
    REQUIRE(calls->size() == 1);
    DlrCallOutcome o;
    o.call_id = (*calls)[0].id;
    o.finished_at = at;
    o.next = *finish;
    if (*finish == DlrCallOutcome::Next::kRetry) o.retry_at = at + 1000;
    REQUIRE(store.dlr_calls().RecordAttempt(o).ok());
  }
  return queued->id;
}

size_t CallsOf(SqliteStore& store, int64_t message) {
  auto calls = store.dlr_calls().CallsFor(message);
  REQUIRE(calls.ok());
  return calls->size();
}

}  // namespace

TEST_CASE("AWebhookHistoryPurgeAlsoDeletesFinishedDlrCallsButNeverPendingOnes", "[store][retention]") {
  auto store = MemoryStore();
  const Millis old = kT0 - 100 * kDay;
  const int64_t done = CancelledWithCall(*store, old, DlrCallOutcome::Next::kDone);
  const int64_t failed = CancelledWithCall(*store, old + 1, DlrCallOutcome::Next::kFailed);
  const int64_t retrying = CancelledWithCall(*store, old + 2, DlrCallOutcome::Next::kRetry);
  const int64_t waiting = CancelledWithCall(*store, old + 3, std::nullopt);
  const int64_t recent = CancelledWithCall(*store, kT0 - kDay, DlrCallOutcome::Next::kDone);

  // The limit holds, oldest first.
  auto first = store->retention().PurgeWebhookHistory(kT0 - 90 * kDay, 1);
  REQUIRE(first.ok());
  CHECK(*first == 1);
  CHECK(CallsOf(*store, done) == 0);
  CHECK(CallsOf(*store, failed) == 1);
  auto second = store->retention().PurgeWebhookHistory(kT0 - 90 * kDay, 10);
  REQUIRE(second.ok());
  CHECK(*second == 1);
  auto third = store->retention().PurgeWebhookHistory(kT0 - 90 * kDay, 10);
  REQUIRE(third.ok());
  CHECK(*third == 0);

  CHECK(CallsOf(*store, failed) == 0);
  CHECK(CallsOf(*store, retrying) == 1);
  CHECK(CallsOf(*store, waiting) == 1);
  CHECK(CallsOf(*store, recent) == 1);
}

}  // namespace tellal::store

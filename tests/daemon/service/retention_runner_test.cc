#include "daemon/service/retention_runner.h"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "daemon/store/sqlite/sqlite_store.h"
#include "tests/daemon/store/temp_dir.h"

namespace tellal::service {
namespace {

using namespace std::chrono_literals;

constexpr store::Millis kDay = 24LL * 3600 * 1000;
constexpr store::Millis kNow = 1'780'000'000'000;  // 2026-05-28T20:26:40Z

std::unique_ptr<store::SqliteStore> Store() {
  auto store = store::SqliteStore::OpenInMemory();
  REQUIRE(store.ok());
  return std::move(store).value();
}

int64_t Cancelled(store::Store& store, store::Millis at) {
  store::NewMessage m;
  m.to = "+905321234567";
  m.text = "merhaba";
  m.encoding = "gsm7";
  auto id = store.queue().Enqueue(m, at);
  REQUIRE(id.ok());
  REQUIRE(store.queue().Cancel(id->id, at).ok());
  return id->id;
}

int64_t Received(store::Store& store, store::Millis at, const std::string& text) {
  store::InboundPart p;
  p.modem = "m1";
  p.sender = "+905551110000";
  p.text = text;
  p.smsc_time = "2026-01-01T10:00:00+03:00";
  p.received_at = at;
  auto r = store.inbox().StoreInboundPart(p);
  REQUIRE(r.ok());
  return *r->inbox_id;
}

// A test ping to `webhook` at `at`, delivered at once.
int64_t Delivered(store::Store& store, int64_t webhook, store::Millis at) {
  auto queued = store.webhooks().QueueTestEvent(webhook, at);
  REQUIRE(queued.ok());
  REQUIRE(queued->has_value());
  store::AttemptResult r;
  r.delivery_id = (*queued)->id;
  r.attempt = store::WebhookAttempt{0, at, 20, 200, ""};
  r.next = store::AttemptResult::Next::kDelivered;
  REQUIRE(store.webhooks().RecordAttempt(r).ok());
  return (*queued)->id;
}

int64_t StoredMessages(store::Store& store) {
  int64_t n = 0;
  std::string cursor;
  do {
    auto page = store.queue().ListMessages({}, store::kMaxPageSize, cursor);
    REQUIRE(page.ok());
    n += static_cast<int64_t>(page->items.size());
    cursor = page->next_cursor;
  } while (!cursor.empty());
  return n;
}

RetentionOptions Options(int keep_days) {
  RetentionOptions o;
  o.keep_days = keep_days;
  o.first_run = 0ms;
  o.batch = 500;
  o.now = [] { return kNow; };
  return o;
}

std::vector<nlohmann::json> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

}  // namespace

TEST_CASE("ARunDeletesOneBatchPerHandlerUntilNothingOldIsLeft", "[retention]") {
  boost::asio::io_context io;
  auto store = Store();
  for (int i = 0; i < 1200; ++i) Cancelled(*store, kNow - 100 * kDay + i);
  const int64_t recent = Cancelled(*store, kNow - 10 * kDay);
  Received(*store, kNow - 100 * kDay, "old");
  const int64_t kept_entry = Received(*store, kNow - kDay, "new");
  auto hook = store->webhooks().CreateWebhook(
      store::NewWebhook{"http://127.0.0.1:9/h", {"message.sent"}, "whsec_AAAA", true}, kNow);
  REQUIRE(hook.ok());
  const int64_t old_delivery = Delivered(*store, hook->id, kNow - 100 * kDay);
  const int64_t recent_delivery = Delivered(*store, hook->id, kNow - kDay);
  REQUIRE(old_delivery != recent_delivery);
  RetentionRunner runner(io, store->retention(), Options(90));
  runner.Start();

  // The timer's handler deletes the first batch and nothing more.
  REQUIRE(io.run_one() == 1);
  CHECK(StoredMessages(*store) == 1201 - 500);
  while (runner.last_run().runs == 0) REQUIRE(io.run_one() == 1);
  CHECK(runner.last_run().messages == 1200);
  CHECK(runner.last_run().inbox == 1);
  CHECK(runner.last_run().webhook_history == 2);  // the old delivery, then its event
  CHECK(StoredMessages(*store) == 1);
  auto deliveries = store->webhooks().ListDeliveries(hook->id, store::kMaxPageSize, "");
  REQUIRE(deliveries.ok());
  REQUIRE(deliveries->items.size() == 1);
  CHECK(deliveries->items[0].id == recent_delivery);
  auto kept = store->queue().GetMessage(recent);
  REQUIRE(kept.ok());
  CHECK(kept->has_value());
  auto entry = store->inbox().GetInbox(kept_entry);
  REQUIRE(entry.ok());
  CHECK(entry->has_value());
  runner.Stop();
}

TEST_CASE("KeepDaysZeroKeepsEverything", "[retention]") {
  boost::asio::io_context io;
  auto store = Store();
  Cancelled(*store, kNow - 3650 * kDay);
  Received(*store, kNow - 3650 * kDay, "old");
  RetentionRunner runner(io, store->retention(), Options(0));
  runner.Start();
  while (runner.last_run().runs == 0) REQUIRE(io.run_one() == 1);
  CHECK(runner.last_run().messages == 0);
  CHECK(StoredMessages(*store) == 1);
  runner.Stop();
}

TEST_CASE("WithAnArchiveEachDeletedRowIsWrittenFirstByMonth", "[retention]") {
  boost::asio::io_context io;
  store::testing::TempDir dir;
  auto store = Store();
  const int64_t a = Cancelled(*store, kNow - 100 * kDay);  // 2026-02-17
  const int64_t b = Cancelled(*store, kNow - 130 * kDay);  // 2026-01-18
  Received(*store, kNow - 100 * kDay, "EVET, \"tamam\"");
  RetentionOptions options = Options(90);
  options.archive.emplace(dir.File("archive"));
  RetentionRunner runner(io, store->retention(), std::move(options));
  runner.Start();
  while (runner.last_run().runs == 0) REQUIRE(io.run_one() == 1);
  CHECK(runner.last_run().messages == 2);

  auto february = Lines(dir.File("archive/messages-2026-02.jsonl"));
  auto january = Lines(dir.File("archive/messages-2026-01.jsonl"));
  REQUIRE(february.size() == 1);
  REQUIRE(january.size() == 1);
  CHECK(february[0]["id"] == a);
  CHECK(february[0]["state"] == "cancelled");
  CHECK(january[0]["id"] == b);
  auto inbox = Lines(dir.File("archive/inbox-2026-02.jsonl"));
  REQUIRE(inbox.size() == 1);
  CHECK(inbox[0]["text"] == "EVET, \"tamam\"");
  runner.Stop();
}

TEST_CASE("AnArchiveThatCannotBeWrittenKeepsTheRows", "[retention]") {
  boost::asio::io_context io;
  store::testing::TempDir dir;
  std::ofstream(dir.File("not-a-directory")) << "x";
  auto store = Store();
  Cancelled(*store, kNow - 100 * kDay);
  RetentionOptions options = Options(90);
  options.archive.emplace(dir.File("not-a-directory"));
  RetentionRunner runner(io, store->retention(), std::move(options));
  runner.Start();
  while (runner.last_run().runs == 0) REQUIRE(io.run_one() == 1);
  CHECK(runner.last_run().messages == 0);
  CHECK(StoredMessages(*store) == 1);
  runner.Stop();
}

}  // namespace tellal::service

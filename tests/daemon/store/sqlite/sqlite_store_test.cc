// The SqliteStore as a whole: one connection shared by the queue, the send
// log and the inbox, so a group commit spans all three.
#include "daemon/store/sqlite/sqlite_store.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "store_testing.h"
#include "tests/daemon/store/temp_dir.h"

using namespace tellal::store;
using tellal::store::testing::FileStore;
using tellal::store::testing::MemoryStore;
using tellal::store::testing::TempDir;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;

NewMessage Msg() {
  NewMessage m;
  m.to = "+905321234567";
  m.text = "hello";
  m.encoding = "gsm7";
  return m;
}

int64_t Enqueue(OutboundQueue& queue, const NewMessage& m) {
  auto r = queue.Enqueue(m, kT0);
  REQUIRE(r.ok());
  return r->id;
}

InboundPart Part() {
  InboundPart p;
  p.modem = "sim1";
  p.sender = "+905551110000";
  p.text = "merhaba";
  p.smsc_time = "2026-06-01T10:00:00+03:00";
  p.received_at = kT0;
  return p;
}

size_t Count(Store& store) {
  auto messages = store.queue().ListMessages({}, kMaxPageSize, "");
  auto inbox = store.inbox().ListInbox({}, kMaxPageSize, "");
  auto sends = store.send_log().CountSends("sim1", 0);
  REQUIRE(messages.ok());
  REQUIRE(inbox.ok());
  REQUIRE(sends.ok());
  return messages->items.size() + inbox->items.size() + static_cast<size_t>(*sends);
}

}  // namespace

TEST_CASE("A group commit holds several operations and rolls back whole", "[store][group]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  {
    auto group = store->BeginGroup(GroupSync::kConnection);
    REQUIRE(group.ok());
    Enqueue(queue, Msg());
    Enqueue(queue, Msg());
    // Not committed: the destructor rolls both back.
  }
  auto page = queue.ListMessages({}, 10, "");
  REQUIRE(page.ok());
  CHECK(page->items.empty());

  auto group = store->BeginGroup(GroupSync::kConnection);
  REQUIRE(group.ok());
  const int64_t id = Enqueue(queue, Msg());
  auto claimed = queue.ClaimNext("sim1", kT0);
  REQUIRE(claimed.ok());
  REQUIRE(queue.MarkSegmentSent(id, 1, "sim1", 7, kT0 + 1).ok());
  REQUIRE(queue.MarkSent(id, kT0 + 2).ok());
  // A failing inner operation rolls back only itself.
  CHECK_FALSE(queue.MarkSent(id, kT0 + 3).ok());
  REQUIRE(group->Commit().ok());
  CHECK(queue.GetMessage(id).value()->state == MessageState::kSent);
  CHECK(queue.GetMessage(id).value()->sent_at == kT0 + 2);
}

TEST_CASE("A group spans the queue, the send log and the inbox", "[store][group]") {
  const bool commit = GENERATE(true, false);
  const GroupSync sync = GENERATE(GroupSync::kConnection, GroupSync::kDisk);
  CAPTURE(commit, sync == GroupSync::kDisk);
  TempDir dir;
  const std::string path = dir.File("group.db");
  auto store = FileStore(path);
  {
    auto group = store->BeginGroup(sync);
    REQUIRE(group.ok());
    const int64_t id = Enqueue(store->queue(), Msg());
    REQUIRE(store->queue().ClaimNext("sim1", kT0).ok());
    REQUIRE(store->queue().MarkSegmentSent(id, 1, "sim1", 7, kT0).ok());  // also a send-log entry
    REQUIRE(store->inbox().StoreInboundPart(Part()).ok());
    CHECK(Count(*store) == 3);
    if (commit) REQUIRE(group->Commit().ok());
  }
  // Another connection sees all of it or none of it.
  auto other = FileStore(path);
  CHECK(Count(*other) == (commit ? 3u : 0u));
}

TEST_CASE("ReleaseMemoryKeepsTheData", "[store]") {
  auto store = MemoryStore();
  const int64_t id = Enqueue(store->queue(), Msg());
  store->ReleaseMemory();
  auto message = store->queue().GetMessage(id);
  REQUIRE(message.ok());
  REQUIRE(message->has_value());
  CHECK((*message)->text == "hello");
}

TEST_CASE("AnInjectedCommitFailureRollsTheWholeGroupBack", "[store][group]") {
  auto store = MemoryStore();
  auto group = store->BeginGroup(GroupSync::kConnection);
  REQUIRE(group.ok());
  const int64_t a = Enqueue(store->queue(), Msg());
  const int64_t b = Enqueue(store->queue(), Msg());
  store->FailNextCommits(1);
  tellal::Status committed = group->Commit();
  REQUIRE_FALSE(committed.ok());
  CHECK(committed.error().Is(tellal::ErrorCode::kIoError));
  for (int64_t id : {a, b}) {
    auto m = store->queue().GetMessage(id);
    REQUIRE(m.ok());
    CHECK_FALSE(m->has_value());
  }
  auto counts = store->queue().CountQueued();
  REQUIRE(counts.ok());
  for (const auto& [priority, n] : *counts) CHECK(n == 0);
  // Only the armed commit fails.
  const int64_t c = Enqueue(store->queue(), Msg());
  auto kept = store->queue().GetMessage(c);
  REQUIRE(kept.ok());
  CHECK(kept->has_value());
}

// The WAL policy of schema.h: a burst far larger than the limit grows the
// WAL, and ordinary traffic afterwards (with another connection reading in
// between, as the sqlite3 shell or a backup would) brings it back under
// kWalSizeLimitBytes instead of leaving it at the burst's size.
TEST_CASE("TheWriteAheadLogShrinksBackUnderItsLimitAfterABurst", "[store][wal]") {
  TempDir dir;
  const std::string path = dir.File("tellal.db");
  auto store = FileStore(path);
  auto reader = Database::Open(path);
  REQUIRE(reader.ok());
  auto wal_size = [&] { return static_cast<int64_t>(std::filesystem::file_size(path + "-wal")); };

  std::vector<NewMessage> burst(20'000, Msg());
  for (size_t i = 0; i < burst.size(); ++i) burst[i].text = std::string(400, 'a' + static_cast<char>(i % 26));
  REQUIRE(store->queue().EnqueueBatch(burst, kT0).ok());
  REQUIRE(wal_size() > kWalSizeLimitBytes);

  int64_t peak = 0;
  for (int i = 0; i < 3000; ++i) {
    const Millis now = kT0 + 1000 + i;
    auto claimed = store->queue().ClaimNext("m1", now);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->has_value());
    const int64_t id = (*claimed)->id;
    REQUIRE(store->queue().MarkSegmentSent(id, 1, "m1", i % 256, now).ok());
    REQUIRE(store->queue().MarkSent(id, now).ok());
    Enqueue(store->queue(), Msg());
    if (i % 100 == 0) {
      auto q = (*reader)->Query("SELECT count(*) FROM messages WHERE state = 'sent'");
      REQUIRE(q.ok());
      REQUIRE(q->Step().ok());
    }
    if (i >= 1000) peak = std::max(peak, wal_size());
  }
  INFO("WAL size at most " << peak << " bytes over the last 2000 cycles");
  CHECK(peak <= kWalSizeLimitBytes);
}

// The service extends its start timeout from this call (a rebuild of a
// large messages table outlasts systemd's default): it must come before
// any step runs, once, and only when there is a step to run.
TEST_CASE("OpeningAnOutdatedFileSaysSoOnceBeforeMigrating", "[store][schema]") {
  TempDir dir;
  const std::string path = dir.File("tellal.db");
  std::vector<std::pair<int, int>> calls;
  ConnectionOptions options;
  options.before_migrating = [&](int from, int to) {
    // Nothing is migrated yet when it is called.
    auto peek = Database::Open(path);
    REQUIRE(peek.ok());
    CHECK(*SchemaVersion(**peek) == from);
    calls.emplace_back(from, to);
  };
  const int latest = StoreMigrations().back().version;
  {
    auto store = SqliteStore::Open(path, options);
    REQUIRE(store.ok());
  }
  CHECK(calls == std::vector<std::pair<int, int>>{{0, latest}});
  {
    auto store = SqliteStore::Open(path, options);
    REQUIRE(store.ok());
  }
  CHECK(calls.size() == 1);  // up to date: not called again
}

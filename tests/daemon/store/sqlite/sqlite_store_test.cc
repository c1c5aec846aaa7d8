// The SqliteStore as a whole: one connection shared by the queue, the send
// log and the inbox, so a group commit spans all three.
#include "daemon/store/sqlite/sqlite_store.h"

#include <catch2/catch.hpp>

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

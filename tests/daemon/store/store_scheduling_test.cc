// The store calls the dispatcher uses to sleep until work is due, to expire
// without a scan, to group commits, and to report segments and counters.
#include <catch2/catch.hpp>

#include "daemon/store/message_store.h"
#include "temp_dir.h"

using namespace tellal::store;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;

std::unique_ptr<MessageStore> Memory() {
  auto store = MessageStore::OpenInMemory();
  REQUIRE(store.ok());
  return std::move(store).value();
}

NewMessage Msg(std::optional<Millis> not_before = {}, std::optional<Millis> valid_until = {},
               Priority priority = Priority::kNormal) {
  NewMessage m;
  m.to = "+905321234567";
  m.text = "hello";
  m.encoding = "gsm7";
  m.priority = priority;
  m.not_before = not_before;
  m.valid_until = valid_until;
  return m;
}

int64_t Enqueue(MessageStore& store, const NewMessage& m) {
  auto r = store.Enqueue(m, kT0);
  REQUIRE(r.ok());
  return r->id;
}

}  // namespace

TEST_CASE("NextDue is the earliest future not_before or validity deadline") {
  auto store = Memory();
  auto none = store->NextDue(kT0);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());

  Enqueue(*store, Msg());                        // due now: not a future event
  Enqueue(*store, Msg(kT0 + 5000));              // scheduled
  Enqueue(*store, Msg(kT0 + 9000, kT0 + 3000));  // expires before it is due
  auto next = store->NextDue(kT0);
  REQUIRE(next.ok());
  REQUIRE(next->has_value());
  CHECK(**next == kT0 + 3000);

  auto later = store->NextDue(kT0 + 4000);
  REQUIRE(later.ok());
  CHECK(**later == kT0 + 5000);
}

TEST_CASE("ExpireDue expires only queued messages past their deadline") {
  auto store = Memory();
  const int64_t keep = Enqueue(*store, Msg({}, kT0 + 10'000));
  const int64_t gone = Enqueue(*store, Msg({}, kT0 + 1'000));
  const int64_t claimed = Enqueue(*store, Msg({}, kT0 + 2'000, Priority::kOtp));
  auto c = store->ClaimNext("sim1", kT0);
  REQUIRE(c.ok());
  REQUIRE((*c)->id == claimed);

  auto expired = store->ExpireDue(kT0 + 5'000);
  REQUIRE(expired.ok());
  CHECK(*expired == std::vector<int64_t>{gone});
  CHECK(store->GetMessage(gone).value()->state == MessageState::kExpired);
  CHECK(store->GetMessage(gone).value()->expired_at == kT0 + 5'000);
  CHECK(store->GetMessage(keep).value()->state == MessageState::kQueued);
  CHECK(store->GetMessage(claimed).value()->state == MessageState::kSending);
}

TEST_CASE("A group commit holds several operations and rolls back whole") {
  auto store = Memory();
  {
    auto group = store->BeginGroup();
    REQUIRE(group.ok());
    Enqueue(*store, Msg());
    Enqueue(*store, Msg());
    // Not committed: the destructor rolls both back.
  }
  auto page = store->ListMessages({}, 10, "");
  REQUIRE(page.ok());
  CHECK(page->items.empty());

  auto group = store->BeginGroup();
  REQUIRE(group.ok());
  const int64_t id = Enqueue(*store, Msg());
  auto claimed = store->ClaimNext("sim1", kT0);
  REQUIRE(claimed.ok());
  REQUIRE(store->MarkSegmentSent(id, 1, "sim1", 7, kT0 + 1).ok());
  REQUIRE(store->MarkSent(id, kT0 + 2).ok());
  // A failing inner operation rolls back only itself.
  CHECK_FALSE(store->MarkSent(id, kT0 + 3).ok());
  REQUIRE(group->Commit().ok());
  CHECK(store->GetMessage(id).value()->state == MessageState::kSent);
  CHECK(store->GetMessage(id).value()->sent_at == kT0 + 2);
}

TEST_CASE("ListSegments, SendTimes and CountQueued report what happened") {
  auto store = Memory();
  NewMessage two = Msg();
  two.segments = 2;
  two.dlr_url = "http://127.0.0.1:9/dlr?id=%I&s=%d";
  two.dlr_mask = 3;
  const int64_t id = Enqueue(*store, two);
  Enqueue(*store, Msg({}, {}, Priority::kBulk));
  Enqueue(*store, Msg({}, {}, Priority::kBulk));

  auto counts = store->CountQueued();
  REQUIRE(counts.ok());
  CHECK(*counts ==
        std::vector<std::pair<Priority, int64_t>>{{Priority::kOtp, 0}, {Priority::kNormal, 1}, {Priority::kBulk, 2}});

  auto m = store->ClaimNext("sim2", kT0);
  REQUIRE(m.ok());
  REQUIRE((*m)->id == id);
  CHECK((*m)->dlr_url == two.dlr_url);
  CHECK((*m)->dlr_mask == 3);
  REQUIRE(store->MarkSegmentSent(id, 2, "sim2", 41, kT0 + 20).ok());
  REQUIRE(store->MarkSegmentSent(id, 1, "sim2", 40, kT0 + 10).ok());
  auto segments = store->ListSegments(id);
  REQUIRE(segments.ok());
  REQUIRE(segments->size() == 2);
  CHECK((*segments)[0].seq == 1);
  CHECK((*segments)[0].mr == 40);
  CHECK((*segments)[0].modem == "sim2");
  CHECK((*segments)[0].state == "sent");
  CHECK((*segments)[1].sent_at == kT0 + 20);

  auto times = store->SendTimes("sim2", kT0 + 5);
  REQUIRE(times.ok());
  CHECK(*times == std::vector<Millis>{kT0 + 10, kT0 + 20});
  CHECK(store->SendTimes("sim2", kT0 + 15).value() == std::vector<Millis>{kT0 + 20});
  CHECK(store->SendTimes("sim1", 0).value().empty());
}

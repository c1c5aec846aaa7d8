#include <catch2/catch.hpp>

#include "daemon/store/message_store.h"

using namespace tellal::store;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;
constexpr Millis kHour = 3'600'000;

std::unique_ptr<MessageStore> Memory() {
  auto store = MessageStore::OpenInMemory();
  REQUIRE(store.ok());
  return std::move(store).value();
}

InboundPart Part(int seq, int total, const std::string& text, Millis at = kT0) {
  InboundPart p;
  p.modem = "m1";
  p.sim = "8990011234567890123";
  p.sender = "+905551110000";
  p.ref = 0x42;
  p.total = total;
  p.seq = seq;
  p.text = text;
  p.smsc_time = "2026-06-01T10:00:0" + std::to_string(seq) + "+03:00";
  p.received_at = at;
  return p;
}

InboundResult Store(MessageStore& store, const InboundPart& part) {
  auto r = store.StoreInboundPart(part);
  REQUIRE(r.ok());
  return *r;
}

InboxMessage Inbox(MessageStore& store, int64_t id) {
  auto m = store.GetInbox(id);
  REQUIRE(m.ok());
  REQUIRE(m->has_value());
  return **m;
}

size_t InboxSize(MessageStore& store) {
  auto page = store.ListInbox({}, 1000, "");
  REQUIRE(page.ok());
  return page->items.size();
}

}  // namespace

TEST_CASE("ASingleMessageGoesStraightToTheInbox", "[inbound]") {
  auto store = Memory();
  InboundResult r = Store(*store, Part(1, 1, "merhaba"));
  REQUIRE(r.outcome == InboundOutcome::kCompleted);
  InboxMessage m = Inbox(*store, *r.inbox_id);
  CHECK(m.text == "merhaba");
  CHECK(m.sender == "+905551110000");
  CHECK(m.sim == "8990011234567890123");
  CHECK(m.smsc_time == "2026-06-01T10:00:01+03:00");
  CHECK(m.parts_received == 1);
  CHECK_FALSE(m.partial);
}

TEST_CASE("PartsAreReassembledInAnyOrder", "[inbound]") {
  const std::vector<std::vector<int>> orders = {{1, 2, 3}, {3, 1, 2}, {2, 3, 1}};
  for (const auto& order : orders) {
    auto store = Memory();
    const std::vector<std::string> texts = {"", "one ", "two ", "three"};
    InboundResult last;
    for (size_t i = 0; i < order.size(); ++i) {
      last = Store(*store, Part(order[i], 3, texts[order[i]], kT0 + static_cast<Millis>(i)));
      CHECK(last.outcome == (i + 1 < order.size() ? InboundOutcome::kPartStored : InboundOutcome::kCompleted));
    }
    InboxMessage m = Inbox(*store, *last.inbox_id);
    CHECK(m.text == "one two three");
    CHECK(m.parts_received == 3);
    CHECK(m.parts_total == 3);
    CHECK(m.smsc_time == "2026-06-01T10:00:01+03:00");  // part 1's
    CHECK(m.received_at == kT0 + 2);
    CHECK(InboxSize(*store) == 1);
  }
}

TEST_CASE("ASurrogatePairSplitAcrossUcs2PartsIsRejoined", "[inbound]") {
  auto store = Memory();
  // "a" U+1F600 "b" in UTF-16BE, split inside the surrogate pair.
  InboundPart one = Part(1, 2, "");
  one.ucs2 = std::vector<uint8_t>{0x00, 0x61, 0xD8, 0x3D};
  InboundPart two = Part(2, 2, "");
  two.ucs2 = std::vector<uint8_t>{0xDE, 0x00, 0x00, 0x62};
  Store(*store, two);
  InboundResult r = Store(*store, one);
  REQUIRE(r.outcome == InboundOutcome::kCompleted);
  CHECK(Inbox(*store, *r.inbox_id).text ==
        "a\xF0\x9F\x98\x80"
        "b");
}

TEST_CASE("AReReadOfTheSameSimMessageIsIgnored", "[inbound]") {
  auto store = Memory();
  SECTION("a single message") {
    InboundResult first = Store(*store, Part(1, 1, "hi"));
    InboundResult again = Store(*store, Part(1, 1, "hi", kT0 + 5000));
    CHECK(again.outcome == InboundOutcome::kDuplicate);
    CHECK(again.inbox_id == first.inbox_id);
    CHECK(InboxSize(*store) == 1);
  }
  SECTION("a part of an incomplete set") {
    Store(*store, Part(1, 2, "a"));
    CHECK(Store(*store, Part(1, 2, "a")).outcome == InboundOutcome::kDuplicate);
    CHECK(Store(*store, Part(2, 2, "b")).outcome == InboundOutcome::kCompleted);
    CHECK(InboxSize(*store) == 1);
  }
  SECTION("a part of an assembled set") {
    Store(*store, Part(1, 2, "a"));
    InboundResult done = Store(*store, Part(2, 2, "b"));
    InboundResult again = Store(*store, Part(1, 2, "a"));
    CHECK(again.outcome == InboundOutcome::kDuplicate);
    CHECK(again.inbox_id == done.inbox_id);
    CHECK(InboxSize(*store) == 1);
  }
  SECTION("the same text sent again later is a new message") {
    Store(*store, Part(1, 1, "ok"));
    InboundPart later = Part(1, 1, "ok");
    later.smsc_time = "2026-06-01T11:30:00+03:00";
    CHECK(Store(*store, later).outcome == InboundOutcome::kCompleted);
    CHECK(InboxSize(*store) == 2);
  }
}

TEST_CASE("AnIncompleteSetExpiresAsAPartialMessage", "[inbound]") {
  auto store = Memory();
  Store(*store, Part(1, 3, "start "));
  Store(*store, Part(3, 3, "end"));
  auto none = store->ExpirePartialInbound(kT0);  // not older than its newest part yet
  REQUIRE(none.ok());
  CHECK(*none == 0);
  auto expired = store->ExpirePartialInbound(kT0 + kHour);
  REQUIRE(expired.ok());
  CHECK(*expired == 1);
  auto page = store->ListInbox({}, 10, "");
  REQUIRE(page.ok());
  REQUIRE(page->items.size() == 1);
  const InboxMessage& m = page->items[0];
  CHECK(m.partial);
  CHECK(m.text == "start end");
  CHECK(m.parts_received == 2);
  CHECK(m.parts_total == 3);
  // The late part starts a fresh set rather than rewriting the inbox.
  CHECK(Store(*store, Part(2, 3, "middle ", kT0 + 2 * kHour)).outcome == InboundOutcome::kPartStored);
}

TEST_CASE("AReusedReferenceClosesTheOldIncompleteSet", "[inbound]") {
  auto store = Memory();
  Store(*store, Part(1, 2, "old "));
  InboundPart reused = Part(1, 2, "new ");
  reused.smsc_time = "2026-06-02T09:00:00+03:00";
  CHECK(Store(*store, reused).outcome == InboundOutcome::kPartStored);
  InboundResult done = Store(*store, Part(2, 2, "tail"));
  REQUIRE(done.outcome == InboundOutcome::kCompleted);
  CHECK(Inbox(*store, *done.inbox_id).text == "new tail");
  auto page = store->ListInbox({}, 10, "");
  REQUIRE(page->items.size() == 2);
  CHECK(page->items[1].partial);
  CHECK(page->items[1].text == "old ");
}

TEST_CASE("InboxPagesFilterBySenderAndTime", "[inbound]") {
  auto store = Memory();
  for (int i = 0; i < 5; ++i) {
    InboundPart p = Part(1, 1, "m" + std::to_string(i), kT0 + i * kHour);
    p.sender = i % 2 ? "+2" : "+1";
    Store(*store, p);
  }
  auto first = store->ListInbox({"+1", {}}, 2, "");
  REQUIRE(first.ok());
  REQUIRE(first->items.size() == 2);
  CHECK(first->items[0].text == "m4");
  CHECK(first->items[1].text == "m2");
  auto second = store->ListInbox({"+1", {}}, 2, first->next_cursor);
  REQUIRE(second.ok());
  REQUIRE(second->items.size() == 1);
  CHECK(second->items[0].text == "m0");
  CHECK(second->next_cursor.empty());
  auto recent = store->ListInbox({{}, kT0 + 3 * kHour}, 10, "");
  REQUIRE(recent.ok());
  CHECK(recent->items.size() == 2);
}

TEST_CASE("InvalidPartsAreRejectedWithTheField", "[inbound]") {
  auto store = Memory();
  auto r = store->StoreInboundPart(Part(3, 2, "x"));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Catch::Contains("seq: 3 is outside 1..2"));
}

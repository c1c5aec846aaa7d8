#include "daemon/store/sqlite/sqlite_inbox.h"

#include <catch2/catch.hpp>

#include "store_testing.h"

using namespace tellal::store;
using tellal::store::testing::MemoryStore;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;
constexpr Millis kHour = 3'600'000;

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

InboundResult Put(Inbox& inbox, const InboundPart& part) {
  auto r = inbox.StoreInboundPart(part);
  REQUIRE(r.ok());
  return *r;
}

InboxMessage Entry(Inbox& inbox, int64_t id) {
  auto m = inbox.GetInbox(id);
  REQUIRE(m.ok());
  REQUIRE(m->has_value());
  return **m;
}

size_t InboxSize(Inbox& inbox) {
  auto page = inbox.ListInbox({}, 1000, "");
  REQUIRE(page.ok());
  return page->items.size();
}

}  // namespace

TEST_CASE("ASingleMessageGoesStraightToTheInbox", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  InboundResult r = Put(inbox, Part(1, 1, "merhaba"));
  REQUIRE(r.outcome == InboundOutcome::kCompleted);
  InboxMessage m = Entry(inbox, *r.inbox_id);
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
    auto store = MemoryStore();
    Inbox& inbox = store->inbox();
    const std::vector<std::string> texts = {"", "one ", "two ", "three"};
    InboundResult last;
    for (size_t i = 0; i < order.size(); ++i) {
      last = Put(inbox, Part(order[i], 3, texts[order[i]], kT0 + static_cast<Millis>(i)));
      CHECK(last.outcome == (i + 1 < order.size() ? InboundOutcome::kPartStored : InboundOutcome::kCompleted));
    }
    InboxMessage m = Entry(inbox, *last.inbox_id);
    CHECK(m.text == "one two three");
    CHECK(m.parts_received == 3);
    CHECK(m.parts_total == 3);
    CHECK(m.smsc_time == "2026-06-01T10:00:01+03:00");  // part 1's
    CHECK(m.received_at == kT0 + 2);
    CHECK(InboxSize(inbox) == 1);
  }
}

TEST_CASE("ASurrogatePairSplitAcrossUcs2PartsIsRejoined", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  // "a" U+1F600 "b" in UTF-16BE, split inside the surrogate pair.
  InboundPart one = Part(1, 2, "");
  one.ucs2 = std::vector<uint8_t>{0x00, 0x61, 0xD8, 0x3D};
  InboundPart two = Part(2, 2, "");
  two.ucs2 = std::vector<uint8_t>{0xDE, 0x00, 0x00, 0x62};
  Put(inbox, two);
  InboundResult r = Put(inbox, one);
  REQUIRE(r.outcome == InboundOutcome::kCompleted);
  CHECK(Entry(inbox, *r.inbox_id).text ==
        "a\xF0\x9F\x98\x80"
        "b");
}

TEST_CASE("AReReadOfTheSameSimMessageIsIgnored", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  SECTION("a single message") {
    InboundResult first = Put(inbox, Part(1, 1, "hi"));
    InboundResult again = Put(inbox, Part(1, 1, "hi", kT0 + 5000));
    CHECK(again.outcome == InboundOutcome::kDuplicate);
    CHECK(again.inbox_id == first.inbox_id);
    CHECK(InboxSize(inbox) == 1);
  }
  SECTION("a part of an incomplete set") {
    Put(inbox, Part(1, 2, "a"));
    CHECK(Put(inbox, Part(1, 2, "a")).outcome == InboundOutcome::kDuplicate);
    CHECK(Put(inbox, Part(2, 2, "b")).outcome == InboundOutcome::kCompleted);
    CHECK(InboxSize(inbox) == 1);
  }
  SECTION("a part of an assembled set") {
    Put(inbox, Part(1, 2, "a"));
    InboundResult done = Put(inbox, Part(2, 2, "b"));
    InboundResult again = Put(inbox, Part(1, 2, "a"));
    CHECK(again.outcome == InboundOutcome::kDuplicate);
    CHECK(again.inbox_id == done.inbox_id);
    CHECK(InboxSize(inbox) == 1);
  }
  SECTION("the same text sent again later is a new message") {
    Put(inbox, Part(1, 1, "ok"));
    InboundPart later = Part(1, 1, "ok");
    later.smsc_time = "2026-06-01T11:30:00+03:00";
    CHECK(Put(inbox, later).outcome == InboundOutcome::kCompleted);
    CHECK(InboxSize(inbox) == 2);
  }
}

TEST_CASE("AnIncompleteSetExpiresAsAPartialMessage", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  Put(inbox, Part(1, 3, "start "));
  Put(inbox, Part(3, 3, "end"));
  auto none = inbox.ExpirePartialInbound(kT0);  // not older than its newest part yet
  REQUIRE(none.ok());
  CHECK(*none == 0);
  auto expired = inbox.ExpirePartialInbound(kT0 + kHour);
  REQUIRE(expired.ok());
  CHECK(*expired == 1);
  auto page = inbox.ListInbox({}, 10, "");
  REQUIRE(page.ok());
  REQUIRE(page->items.size() == 1);
  const InboxMessage& m = page->items[0];
  CHECK(m.partial);
  CHECK(m.text == "start end");
  CHECK(m.parts_received == 2);
  CHECK(m.parts_total == 3);
  // The late part starts a fresh set rather than rewriting the inbox.
  CHECK(Put(inbox, Part(2, 3, "middle ", kT0 + 2 * kHour)).outcome == InboundOutcome::kPartStored);
}

TEST_CASE("AReusedReferenceClosesTheOldIncompleteSet", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  Put(inbox, Part(1, 2, "old "));
  InboundPart reused = Part(1, 2, "new ");
  reused.smsc_time = "2026-06-02T09:00:00+03:00";
  CHECK(Put(inbox, reused).outcome == InboundOutcome::kPartStored);
  InboundResult done = Put(inbox, Part(2, 2, "tail"));
  REQUIRE(done.outcome == InboundOutcome::kCompleted);
  CHECK(Entry(inbox, *done.inbox_id).text == "new tail");
  auto page = inbox.ListInbox({}, 10, "");
  REQUIRE(page->items.size() == 2);
  CHECK(page->items[1].partial);
  CHECK(page->items[1].text == "old ");
}

TEST_CASE("InboxPagesFilterBySenderAndTime", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  for (int i = 0; i < 5; ++i) {
    InboundPart p = Part(1, 1, "m" + std::to_string(i), kT0 + i * kHour);
    p.sender = i % 2 ? "+2" : "+1";
    Put(inbox, p);
  }
  auto first = inbox.ListInbox({"+1", {}, {}}, 2, "");
  REQUIRE(first.ok());
  REQUIRE(first->items.size() == 2);
  CHECK(first->items[0].text == "m4");
  CHECK(first->items[1].text == "m2");
  auto second = inbox.ListInbox({"+1", {}, {}}, 2, first->next_cursor);
  REQUIRE(second.ok());
  REQUIRE(second->items.size() == 1);
  CHECK(second->items[0].text == "m0");
  CHECK(second->next_cursor.empty());
  auto recent = inbox.ListInbox({{}, kT0 + 3 * kHour, {}}, 10, "");
  REQUIRE(recent.ok());
  CHECK(recent->items.size() == 2);
  auto window = inbox.ListInbox({{}, kT0 + 3 * kHour, kT0 + 4 * kHour}, 10, "");
  REQUIRE(window.ok());
  CHECK(window->items.size() == 1);  // until is exclusive
}

TEST_CASE("InvalidPartsAreRejectedWithTheField", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  auto r = inbox.StoreInboundPart(Part(3, 2, "x"));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Catch::Contains("seq: 3 is outside 1..2"));
}

namespace {

UndecodableInbound Undecodable(const std::string& raw_pdu, Millis at = kT0) {
  UndecodableInbound u;
  u.modem = "m1";
  u.sim = "8990011234567890123";
  u.sender = "+905551110000";
  u.raw_pdu = raw_pdu;
  u.reason = "compressed-user-data: TP-DCS: compressed user data (TS 23.042) is not supported";
  u.smsc_time = "2026-06-01T10:00:00+03:00";
  u.received_at = at;
  return u;
}

InboundResult PutUndecodable(Inbox& inbox, const UndecodableInbound& pdu) {
  auto r = inbox.StoreUndecodable(pdu);
  REQUIRE(r.ok());
  return *r;
}

}  // namespace

TEST_CASE("AnUndecodablePduGoesToTheInboxFlaggedWithItsRawPduAndReason", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  InboundResult r = PutUndecodable(inbox, Undecodable("0791448720003023240DD0e474d81c0ebb010024"));
  REQUIRE(r.outcome == InboundOutcome::kCompleted);
  InboxMessage m = Entry(inbox, *r.inbox_id);
  CHECK(m.undecodable);
  CHECK(m.raw_pdu == "0791448720003023240DD0E474D81C0EBB010024");  // upper case
  CHECK(m.undecodable_reason == "compressed-user-data: TP-DCS: compressed user data (TS 23.042) is not supported");
  CHECK(m.text.empty());
  CHECK(m.sender == "+905551110000");
  CHECK(m.sim == "8990011234567890123");
  CHECK(m.smsc_time == "2026-06-01T10:00:00+03:00");
  CHECK(m.received_at == kT0);
  CHECK(m.parts_received == 1);
  CHECK(m.parts_total == 1);
  CHECK_FALSE(m.partial);
}

TEST_CASE("AnOrdinaryMessageIsNotFlaggedUndecodable", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  InboxMessage m = Entry(inbox, *Put(inbox, Part(1, 1, "merhaba")).inbox_id);
  CHECK_FALSE(m.undecodable);
  CHECK_FALSE(m.raw_pdu.has_value());
  CHECK_FALSE(m.undecodable_reason.has_value());
}

TEST_CASE("AnUndecodablePduWhoseSenderAndTimeCouldNotBeReadIsStoredAllTheSame", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  UndecodableInbound u = Undecodable("00040B91");
  u.sender.clear();
  u.smsc_time.clear();
  u.sim.reset();
  InboxMessage m = Entry(inbox, *PutUndecodable(inbox, u).inbox_id);
  CHECK(m.undecodable);
  CHECK(m.sender.empty());
  CHECK(m.smsc_time.empty());
  CHECK_FALSE(m.sim.has_value());
}

TEST_CASE("TheSameUndecodablePduReadAgainIsADuplicate", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  InboundResult first = PutUndecodable(inbox, Undecodable("00040B91AB"));
  SECTION("in any case of hex") {
    InboundResult again = PutUndecodable(inbox, Undecodable("00040b91ab", kT0 + kHour));
    CHECK(again.outcome == InboundOutcome::kDuplicate);
    CHECK(again.inbox_id == first.inbox_id);
    CHECK(InboxSize(inbox) == 1);
  }
  SECTION("but not another PDU, nor the same PDU on another modem") {
    CHECK(PutUndecodable(inbox, Undecodable("00040B91AC")).outcome == InboundOutcome::kCompleted);
    UndecodableInbound elsewhere = Undecodable("00040B91AB");
    elsewhere.modem = "m2";
    CHECK(PutUndecodable(inbox, elsewhere).outcome == InboundOutcome::kCompleted);
    CHECK(InboxSize(inbox) == 3);
  }
}

TEST_CASE("AnUndecodablePduDoesNotHoldUpAMultipartSet", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  Put(inbox, Part(1, 2, "first "));
  PutUndecodable(inbox, Undecodable("00040B91AB"));
  InboundResult done = Put(inbox, Part(2, 2, "second"));
  REQUIRE(done.outcome == InboundOutcome::kCompleted);
  CHECK(Entry(inbox, *done.inbox_id).text == "first second");
  CHECK(InboxSize(inbox) == 2);
}

TEST_CASE("InvalidUndecodablePdusAreRejectedWithTheField", "[inbound]") {
  auto [modem, raw_pdu, reason, expected] = GENERATE(table<std::string, std::string, std::string, std::string>({
      {"", "AB", "why", "modem: empty"},
      {"m1", "", "why", "raw_pdu: empty"},
      {"m1", "AB", "", "reason: empty"},
  }));
  auto store = MemoryStore();
  UndecodableInbound u = Undecodable(raw_pdu);
  u.modem = modem;
  u.reason = reason;
  auto r = store->inbox().StoreUndecodable(u);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == tellal::ErrorCode::kInvalidArgument);
  CHECK_THAT(r.error().message, Catch::Contains(expected));
}

TEST_CASE("WhateverTheModemPrintedIsKeptEvenWhenItIsNotHex", "[inbound]") {
  auto store = MemoryStore();
  Inbox& inbox = store->inbox();
  InboundResult r = PutUndecodable(inbox, Undecodable("07914G~"));
  REQUIRE(r.outcome == InboundOutcome::kCompleted);
  CHECK(Entry(inbox, *r.inbox_id).raw_pdu == "07914G~");
}

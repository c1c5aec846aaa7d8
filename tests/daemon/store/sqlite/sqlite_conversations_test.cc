#include "daemon/store/sqlite/sqlite_conversations.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/sqlite/bind_and_run.h"
#include "store_testing.h"
#include "tests/daemon/store/temp_dir.h"

using namespace tellal;
using namespace tellal::store;
using tellal::store::testing::FileStore;
using tellal::store::testing::MemoryStore;
using tellal::store::testing::TempDir;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;
constexpr Millis kMinute = 60'000;

constexpr const char* kAyse = "+905321110001";
constexpr const char* kBurak = "+905321110002";

int64_t Received(SqliteStore& store, const std::string& from, const std::string& modem, Millis at,
                 const std::string& text = "merhaba") {
  InboundPart p;
  p.modem = modem;
  p.sender = from;
  p.text = text;
  // A distinct SMSC time stamp each, or the same text twice is the
  // duplicate of a re-read SIM slot (inbox.h).
  static int serial = 0;
  ++serial;
  p.smsc_time = "2026-06-01T10:" + std::to_string(10 + serial / 60) + ":" + std::to_string(10 + serial % 50) + "+03:00";
  p.received_at = at;
  auto r = store.inbox().StoreInboundPart(p);
  REQUIRE(r.ok());
  REQUIRE(r->inbox_id.has_value());
  return *r->inbox_id;
}

int64_t Queued(SqliteStore& store, const std::string& to, Millis at, const std::string& text = "cevap",
               std::optional<std::string> pin = std::nullopt) {
  NewMessage m;
  m.to = to;
  m.text = text;
  m.encoding = "gsm7";
  m.modem = std::move(pin);
  auto outcome = store.queue().Enqueue(m, at);
  REQUIRE(outcome.ok());
  return outcome->id;
}

std::vector<ConversationSummary> List(SqliteStore& store, ConversationFilter filter = {}, int limit = 100) {
  auto page = store.conversations().ListConversations(filter, limit, "");
  REQUIRE(page.ok());
  return page->items;
}

ConversationSummary Get(SqliteStore& store, const std::string& number) {
  auto found = store.conversations().GetConversation(number);
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  return **found;
}

std::vector<std::string> Numbers(const std::vector<ConversationSummary>& rows) {
  std::vector<std::string> numbers;
  for (const auto& r : rows) numbers.push_back(r.number);
  return numbers;
}

// "in:<id>" / "out:<id>" per entry, in page order.
std::vector<std::string> Ids(const std::vector<ConversationEntry>& entries) {
  std::vector<std::string> ids;
  for (const auto& e : entries) {
    ids.push_back((e.direction == Direction::kInbound ? "in:" : "out:") + std::to_string(e.id));
  }
  return ids;
}

std::string In(int64_t id) { return "in:" + std::to_string(id); }
std::string Out(int64_t id) { return "out:" + std::to_string(id); }

}  // namespace

TEST_CASE("TheListingHasOneRowPerNumberNewestActivityFirst", "[store][conversations]") {
  auto store = MemoryStore();
  const int64_t a_in = Received(*store, kAyse, "m1", kT0, "fiyat nedir?");
  const int64_t b_out = Queued(*store, kBurak, kT0 + kMinute, "kampanya");
  const int64_t b_in = Received(*store, kBurak, "m2", kT0 + 2 * kMinute, "ilgileniyorum");
  const int64_t a_out = Queued(*store, kAyse, kT0 + 3 * kMinute, "100 TL");
  (void)b_out;

  auto rows = List(*store);
  REQUIRE(Numbers(rows) == std::vector<std::string>{kAyse, kBurak});

  const ConversationSummary& ayse = rows[0];
  CHECK(ayse.last.direction == Direction::kOutbound);
  CHECK(ayse.last.id == a_out);
  CHECK(ayse.last.text == "100 TL");
  CHECK(ayse.last.at == kT0 + 3 * kMinute);
  CHECK(ayse.last.state == MessageState::kQueued);
  CHECK(ayse.unread == 1);
  CHECK(ayse.last_inbound_modem == "m1");
  CHECK_FALSE(ayse.contact_name.has_value());

  const ConversationSummary& burak = rows[1];
  CHECK(burak.last.direction == Direction::kInbound);
  CHECK(burak.last.id == b_in);
  CHECK(burak.last.text == "ilgileniyorum");
  CHECK(burak.last.modem == "m2");
  CHECK_FALSE(burak.last.state.has_value());
  CHECK_FALSE(burak.last.read);
  CHECK(burak.unread == 1);
  CHECK(burak.last_inbound_modem == "m2");
  (void)a_in;
}

TEST_CASE("ANewEntryMovesItsConversationToTheTop", "[store][conversations]") {
  auto store = MemoryStore();
  Received(*store, kAyse, "m1", kT0);
  Received(*store, kBurak, "m1", kT0 + kMinute);
  CHECK(Numbers(List(*store)) == std::vector<std::string>{kBurak, kAyse});
  Received(*store, kAyse, "m1", kT0 + 2 * kMinute);
  CHECK(Numbers(List(*store)) == std::vector<std::string>{kAyse, kBurak});
  Queued(*store, kBurak, kT0 + 3 * kMinute);
  CHECK(Numbers(List(*store)) == std::vector<std::string>{kBurak, kAyse});
}

TEST_CASE("TheReplyTargetIsTheModemTheNumberLastWroteTo", "[store][conversations]") {
  auto store = MemoryStore();
  Received(*store, kAyse, "m1", kT0);
  CHECK(Get(*store, kAyse).last_inbound_modem == "m1");
  Received(*store, kAyse, "m3", kT0 + kMinute);
  CHECK(Get(*store, kAyse).last_inbound_modem == "m3");
  // An outbound message on another SIM does not move it: it is where the
  // customer writes that matters.
  Queued(*store, kAyse, kT0 + 2 * kMinute, "cevap", std::string("m2"));
  CHECK(Get(*store, kAyse).last_inbound_modem == "m3");
  // Never wrote: its sent messages read as a thread, but with no target.
  Queued(*store, kBurak, kT0);
  CHECK_FALSE(Get(*store, kBurak).last_inbound_modem);
  auto missing = store->conversations().GetConversation("+905329999999");
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());
}

TEST_CASE("MarkReadClearsTheUnreadCountUntilTheNextInboundEntry", "[store][conversations]") {
  auto store = MemoryStore();
  Received(*store, kAyse, "m1", kT0);
  Received(*store, kAyse, "m1", kT0 + kMinute);
  Received(*store, kBurak, "m1", kT0 + kMinute);
  Queued(*store, kAyse, kT0 + 2 * kMinute);
  CHECK(Get(*store, kAyse).unread == 2);

  auto marked = store->conversations().MarkRead(kAyse, kT0 + 3 * kMinute);
  REQUIRE(marked.ok());
  CHECK(*marked == std::optional<int>(2));
  CHECK(Get(*store, kAyse).unread == 0);
  CHECK(Get(*store, kBurak).unread == 1);  // others untouched

  auto again = store->conversations().MarkRead(kAyse, kT0 + 4 * kMinute);
  REQUIRE(again.ok());
  CHECK(*again == std::optional<int>(0));

  auto thread = store->conversations().ListThread(kAyse, 10, "");
  REQUIRE(thread.ok());
  for (const ConversationEntry& e : thread->items) {
    if (e.direction == Direction::kInbound) CHECK(e.read);
  }

  Received(*store, kAyse, "m1", kT0 + 5 * kMinute);
  CHECK(Get(*store, kAyse).unread == 1);

  auto unknown = store->conversations().MarkRead("+905329999999", kT0);
  REQUIRE(unknown.ok());
  CHECK_FALSE(unknown->has_value());
}

TEST_CASE("AThreadMergesBothDirectionsInTimeOrder", "[store][conversations]") {
  auto store = MemoryStore();
  const int64_t in1 = Received(*store, kAyse, "m1", kT0, "soru 1");
  const int64_t out1 = Queued(*store, kAyse, kT0 + kMinute, "cevap 1");
  Received(*store, kBurak, "m1", kT0 + kMinute, "başka biri");
  const int64_t in2 = Received(*store, kAyse, "m2", kT0 + 2 * kMinute, "soru 2");
  // Same millisecond: the inbound entry comes first.
  const int64_t out2 = Queued(*store, kAyse, kT0 + 2 * kMinute, "cevap 2", std::string("m2"));

  auto page = store->conversations().ListThread(kAyse, 10, "");
  REQUIRE(page.ok());
  CHECK(Ids(page->items) == std::vector<std::string>{In(in1), Out(out1), In(in2), Out(out2)});
  CHECK(page->next_cursor.empty());
  const ConversationEntry& last = page->items.back();
  CHECK(last.text == "cevap 2");
  CHECK(last.modem == "m2");  // pinned, not yet sent
  CHECK(last.state == MessageState::kQueued);
  CHECK(page->items[2].modem == "m2");
  CHECK(page->items[2].text == "soru 2");

  auto none = store->conversations().ListThread("+905329999999", 10, "");
  REQUIRE(none.ok());
  CHECK(none->items.empty());
}

TEST_CASE("AThreadPagesFromTheNewestBackwards", "[store][conversations]") {
  auto store = MemoryStore();
  std::vector<std::string> expected;  // oldest first
  for (int i = 0; i < 7; ++i) {
    const Millis at = kT0 + i * kMinute;
    expected.push_back(i % 2 == 0 ? In(Received(*store, kAyse, "m1", at)) : Out(Queued(*store, kAyse, at)));
  }
  // limit 3: pages [4..6], [1..3], [0], each oldest first within itself.
  std::vector<std::vector<std::string>> pages;
  std::string cursor;
  do {
    auto page = store->conversations().ListThread(kAyse, 3, cursor);
    REQUIRE(page.ok());
    pages.push_back(Ids(page->items));
    cursor = page->next_cursor;
  } while (!cursor.empty() && pages.size() < 10);
  REQUIRE(pages.size() == 3);
  CHECK(pages[0] == std::vector<std::string>(expected.begin() + 4, expected.end()));
  CHECK(pages[1] == std::vector<std::string>(expected.begin() + 1, expected.begin() + 4));
  CHECK(pages[2] == std::vector<std::string>(expected.begin(), expected.begin() + 1));
}

TEST_CASE("TheListingPagesWithoutGapsOrRepeats", "[store][conversations]") {
  auto store = MemoryStore();
  std::vector<std::string> expected;  // newest first
  for (int i = 0; i < 9; ++i) {
    const std::string number = "+9053211100" + std::to_string(10 + i);
    // Pairs share a time, so the number breaks the tie.
    Received(*store, number, "m1", kT0 + (i / 2) * kMinute);
    expected.insert(expected.begin(), number);
  }
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = store->conversations().ListConversations({}, 2, cursor);
    REQUIRE(page.ok());
    for (const auto& r : page->items) seen.push_back(r.number);
    cursor = page->next_cursor;
    ++pages;
  } while (!cursor.empty() && pages < 20);
  CHECK(pages == 5);
  CHECK(seen == expected);
}

TEST_CASE("MalformedLimitsAndCursorsAreRejectedNamingTheField", "[store][conversations]") {
  auto store = MemoryStore();
  Received(*store, kAyse, "m1", kT0);
  using Row = std::tuple<int, std::string, std::string>;
  auto [limit, cursor, field] = GENERATE(table<int, std::string, std::string>({
      Row{0, "", "limit"},
      Row{kMaxPageSize + 1, "", "limit"},
      Row{10, "m12", "cursor"},
      Row{10, "v", "cursor"},
      Row{10, "vx:+90", "cursor"},
      Row{10, "t1:2:3", "cursor"},
      Row{10, "t1:0:", "cursor"},
  }));
  INFO(limit << " " << cursor);
  auto list = store->conversations().ListConversations({}, limit, cursor);
  REQUIRE_FALSE(list.ok());
  CHECK(list.error().Is(ErrorCode::kInvalidArgument));
  CHECK_THAT(list.error().message, Catch::Contains(field));
  auto thread = store->conversations().ListThread(kAyse, limit, cursor);
  REQUIRE_FALSE(thread.ok());
  CHECK(thread.error().Is(ErrorCode::kInvalidArgument));
  CHECK_THAT(thread.error().message, Catch::Contains(field));
}

TEST_CASE("TheQueryMatchesANumberPrefixOrTheContactsName", "[store][conversations]") {
  auto store = MemoryStore();
  Received(*store, kAyse, "m1", kT0);
  Received(*store, kBurak, "m1", kT0 + kMinute);
  Received(*store, "+4915112345678", "m1", kT0 + 2 * kMinute);
  ContactChange c;
  c.number = kAyse;
  c.name = "Ayşe Yılmaz";
  REQUIRE(store->contacts().CreateContact(c, false, kT0).ok());

  using Row = std::tuple<std::string, std::vector<std::string>>;
  auto [query, expected] = GENERATE(table<std::string, std::vector<std::string>>({
      Row{"+90532", {kBurak, kAyse}}, Row{"+49", {"+4915112345678"}}, Row{"ayse", {kAyse}},  // folded: ş matches s
      Row{"YILMAZ", {kAyse}},                                                                // and case
      Row{"%", {}},    // a wildcard matches itself only
      Row{"532", {}},  // a prefix, not anywhere in the number
  }));
  INFO(query);
  ConversationFilter filter;
  filter.query = query;
  CHECK(Numbers(List(*store, filter)) == expected);
  CHECK(Get(*store, kAyse).contact_name == "Ayşe Yılmaz");
}

TEST_CASE("RetentionKeepsTheSummaryRight", "[store][conversations]") {
  auto store = MemoryStore();
  constexpr Millis kDay = 24 * 60 * kMinute;
  Received(*store, kAyse, "m1", kT0, "eski");
  const int64_t recent = Received(*store, kAyse, "m2", kT0 + 5 * kDay, "yeni");
  Received(*store, kBurak, "m1", kT0, "eski");
  REQUIRE(store->conversations().MarkRead(kAyse, kT0 + 5 * kDay).ok());
  Received(*store, kAyse, "m2", kT0 + 6 * kDay, "en yeni");
  CHECK(Get(*store, kAyse).unread == 1);

  // The old entries go: Burak's conversation with them, Ayşe's keeps its
  // newest entry and count.
  auto purged = store->retention().PurgeInbox(kT0 + kDay, 100, nullptr);
  REQUIRE(purged.ok());
  CHECK(*purged == 2);
  CHECK(Numbers(List(*store)) == std::vector<std::string>{kAyse});
  CHECK(Get(*store, kAyse).unread == 1);

  // An older, read entry goes: the count and the newest entry stay.
  auto purged_more = store->retention().PurgeInbox(kT0 + 6 * kDay + 1, 1, nullptr);
  REQUIRE(purged_more.ok());
  REQUIRE(*purged_more == 1);  // the oldest first: `recent`
  auto after = Get(*store, kAyse);
  CHECK(after.last.text == "en yeni");
  CHECK(after.unread == 1);
  (void)recent;
}

TEST_CASE("RetentionOfTheNewestEntryFallsBackToTheOneBefore", "[store][conversations]") {
  auto store = MemoryStore();
  const int64_t in = Received(*store, kAyse, "m1", kT0, "soru");
  const int64_t out = Queued(*store, kAyse, kT0 + kMinute, "cevap");
  REQUIRE(store->queue().Cancel(out, kT0 + 2 * kMinute).ok());
  CHECK(Get(*store, kAyse).last.id == out);
  auto purged = store->retention().PurgeMessages(kT0 + 10 * kMinute, 10, nullptr);
  REQUIRE(purged.ok());
  REQUIRE(*purged == 1);
  const ConversationSummary after = Get(*store, kAyse);
  CHECK(after.last.direction == Direction::kInbound);
  CHECK(after.last.id == in);
  CHECK(Numbers(List(*store)) == std::vector<std::string>{kAyse});

  // A message still queued does not keep the conversation listed once the
  // last inbox entry goes; the number reads as one that never wrote.
  const int64_t pending = Queued(*store, kAyse, kT0 + 11 * kMinute, "hala kuyrukta");
  CHECK(Get(*store, kAyse).last.id == pending);
  auto gone = store->retention().PurgeInbox(kT0 + 10 * kMinute, 10, nullptr);
  REQUIRE(gone.ok());
  REQUIRE(*gone == 1);
  CHECK(List(*store).empty());
  const ConversationSummary outbound_only = Get(*store, kAyse);
  CHECK(outbound_only.last.direction == Direction::kOutbound);
  CHECK(outbound_only.last.id == pending);
  CHECK(outbound_only.unread == 0);
  CHECK_FALSE(outbound_only.last_inbound_modem);
  auto thread = store->conversations().ListThread(kAyse, 10, "");
  REQUIRE(thread.ok());
  CHECK(Ids(thread->items) == std::vector<std::string>{Out(pending)});
}

TEST_CASE("AnUndecodablePduWithoutASenderHasNoConversation", "[store][conversations]") {
  auto store = MemoryStore();
  UndecodableInbound pdu;
  pdu.modem = "m1";
  pdu.raw_pdu = "00FF";
  pdu.reason = "reserved DCS";
  pdu.received_at = kT0;
  REQUIRE(store->inbox().StoreUndecodable(pdu).ok());
  CHECK(List(*store).empty());
  pdu.sender = kAyse;
  pdu.raw_pdu = "00FE";
  REQUIRE(store->inbox().StoreUndecodable(pdu).ok());
  auto rows = List(*store);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].last.undecodable);
  CHECK(rows[0].unread == 1);
}

TEST_CASE("ARolledBackGroupLeavesNoConversation", "[store][conversations]") {
  auto store = MemoryStore();
  {
    auto group = store->BeginGroup(GroupSync::kConnection);
    REQUIRE(group.ok());
    Received(*store, kAyse, "m1", kT0);
    Received(*store, kBurak, "m1", kT0);
    Queued(*store, kBurak, kT0 + kMinute);
    CHECK(List(*store).size() == 2);
    CHECK(Get(*store, kBurak).last.direction == Direction::kOutbound);
  }  // not committed: rolls back
  CHECK(List(*store).empty());
}

TEST_CASE("TheMigrationSummarisesTheHistoryAlreadyStored", "[store][conversations][schema]") {
  const std::vector<Migration>& all = StoreMigrations();
  auto step = std::find_if(all.begin(), all.end(), [](const Migration& m) {
    return std::string_view(m.sql).find("CREATE TABLE conversations") != std::string_view::npos;
  });
  REQUIRE(step != all.end());
  auto opened = Database::Open(":memory:");
  REQUIRE(opened.ok());
  Database& db = **opened;
  REQUIRE(Migrate(db, std::vector<Migration>(all.begin(), step)).ok());
  REQUIRE(db.Exec("INSERT INTO inbox (modem, sender, body, smsc_time, received_at, parts_received, parts_total)"
                  " VALUES ('m1', '+905321110001', 'a', '', 1000, 1, 1), ('m2', '+905321110001', 'b', '', 3000, 1, 1),"
                  " ('m1', '', '', '', 4000, 1, 1), ('m1', '+905321110002', 'c', '', 2000, 1, 1)")
              .ok());
  REQUIRE(db.Exec("INSERT INTO messages (destination, body, encoding, segment_count, priority, state,"
                  " report_requested, flash, not_before, created_at) VALUES"
                  " ('+905321110002', 'x', 'gsm7', 1, 1, 'sent', 0, 0, 5000, 5000),"
                  " ('+905321110003', 'y', 'gsm7', 1, 1, 'queued', 0, 0, 500, 500),"
                  " ('+905321110001', 'z', 'gsm7', 1, 1, 'sent', 0, 0, 200, 200)")
              .ok());
  REQUIRE(Migrate(db, all).ok());
  auto q = db.Query(
      "SELECT number || '|' || last_at || '|' || coalesce(last_inbox_id, '-') || '|' ||"
      " coalesce(last_message_id, '-') || '|' || coalesce(last_modem, '-') || '|' || unread"
      " FROM conversations ORDER BY number");
  REQUIRE(q.ok());
  std::vector<std::string> rows;
  for (;;) {
    auto row = q->Step();
    REQUIRE(row.ok());
    if (!*row) break;
    rows.push_back(q->ColumnText(0));
  }
  // +905321110003 was only ever sent to: no conversation. The others keep
  // their newest message, whichever side is newer.
  CHECK(rows == std::vector<std::string>{"+905321110001|3000|2|3|m2|2", "+905321110002|5000|4|1|m1|1"});
}

TEST_CASE("ANumberThatNeverWroteIsListedOnceItWritesWithTheMessagesSentBefore", "[store][conversations]") {
  TempDir dir;
  const std::string path = dir.File("c.db");
  auto store = FileStore(path);
  constexpr const char* kCampaignTarget = "+905321110009";
  Received(*store, kAyse, "m1", kT0);
  std::vector<int64_t> sent;
  for (int i = 0; i < 3; ++i) sent.push_back(Queued(*store, kCampaignTarget, kT0 + (i + 1) * kMinute, "kampanya"));
  const int64_t newest = *std::max_element(sent.begin(), sent.end());

  // Sent to, never wrote: not listed, but its outbound thread can be read,
  // summarised by the newest message.
  CHECK(Numbers(List(*store)) == std::vector<std::string>{kAyse});
  const ConversationSummary outbound_only = Get(*store, kCampaignTarget);
  CHECK(outbound_only.number == kCampaignTarget);
  CHECK(outbound_only.unread == 0);
  CHECK_FALSE(outbound_only.last_inbound_modem);
  CHECK(outbound_only.last.direction == Direction::kOutbound);
  CHECK(outbound_only.last.id == newest);
  CHECK(outbound_only.last.text == "kampanya");
  auto nobody = store->conversations().GetConversation("+905329999999");
  REQUIRE(nobody.ok());
  CHECK_FALSE(nobody->has_value());

  const int64_t answer = Received(*store, kCampaignTarget, "m2", kT0 + 10 * kMinute, "DUR");
  CHECK(Numbers(List(*store)) == std::vector<std::string>{kCampaignTarget, kAyse});
  const ConversationSummary s = Get(*store, kCampaignTarget);
  CHECK(s.last.direction == Direction::kInbound);
  CHECK(s.last.id == answer);
  CHECK(s.unread == 1);
  CHECK(s.last_inbound_modem == "m2");

  // The summary row carries the newest of the three, read from the file
  // the store wrote.
  auto opened = Database::Open(path);
  REQUIRE(opened.ok());
  auto row = QueryOne<std::optional<int64_t>, int64_t, int64_t>(
      **opened, "SELECT last_message_id, last_at, last_inbox_id FROM conversations WHERE number = ?1",
      std::string(kCampaignTarget));
  REQUIRE(row.ok());
  REQUIRE(row->has_value());
  CHECK(std::get<0>(**row) == std::optional<int64_t>(newest));
  CHECK(std::get<1>(**row) == kT0 + 10 * kMinute);
  CHECK(std::get<2>(**row) == answer);

  auto thread = store->conversations().ListThread(kCampaignTarget, 10, "");
  REQUIRE(thread.ok());
  const std::vector<std::string> expected{Out(sent[0]), Out(sent[1]), Out(sent[2]), In(answer)};
  CHECK(Ids(thread->items) == expected);

  // A later message to it now moves its conversation.
  const int64_t reply = Queued(*store, kCampaignTarget, kT0 + 11 * kMinute, "tamam");
  CHECK(Get(*store, kCampaignTarget).last.id == reply);
}

TEST_CASE("AFirstEntryOlderThanTheMessageSentBeforeShowsThatMessageAsTheLast", "[store][conversations]") {
  // After the clock stepped back, a number's first entry can be older than
  // a message queued to it before; the summary's time is the newer of the
  // two either way.
  auto store = MemoryStore();
  const int64_t sent = Queued(*store, kAyse, kT0 + 5 * kMinute, "kampanya");
  Received(*store, kAyse, "m1", kT0, "merhaba");
  const ConversationSummary s = Get(*store, kAyse);
  CHECK(s.last.direction == Direction::kOutbound);
  CHECK(s.last.id == sent);
  CHECK(s.last.at == kT0 + 5 * kMinute);
  CHECK(s.last_inbound_modem == "m1");
}

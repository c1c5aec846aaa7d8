// The send-time policy of SqliteOutboundQueue (outbound_queue.h, ClaimNext):
// consent, quiet hours and frequency caps for commercial messages, checked
// when a message comes up rather than when it was accepted.
#include <catch2/catch.hpp>
#include <vector>

#include "daemon/store/sqlite/sqlite_outbound_queue.h"
#include "store_testing.h"

using namespace tellal::store;
using tellal::store::testing::MemoryStore;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;
constexpr Millis kHour = 60 * 60'000;
constexpr Millis kDay = 24 * kHour;

NewMessage Msg(const std::string& to, Category category, const std::string& text = "kampanya") {
  NewMessage m;
  m.to = to;
  m.text = text;
  m.encoding = "gsm7";
  m.category = category;
  return m;
}

int64_t Enqueue(OutboundQueue& queue, const NewMessage& m, Millis now = kT0) {
  auto r = queue.Enqueue(m, now);
  REQUIRE(r.ok());
  return r->id;
}

std::optional<Message> ClaimNext(OutboundQueue& queue, Millis now, const CommercialRules& rules = {}) {
  auto r = queue.ClaimNext("m1", now, rules);
  REQUIRE(r.ok());
  return *r;
}

Message Get(OutboundQueue& queue, int64_t id) {
  auto m = queue.GetMessage(id);
  REQUIRE(m.ok());
  REQUIRE(m->has_value());
  return **m;
}

void Consent(SqliteStore& store, const std::string& number, const char* status, Millis date) {
  NewConsent c;
  c.number = number;
  c.status = status;
  c.source = "HS_MESAJ";
  c.consent_date = date;
  REQUIRE(store.consents().RecordConsent(c, date).ok());
}

// Claims the next message and reports it sent, as the dispatcher would.
int64_t SendNext(OutboundQueue& queue, Millis now, const CommercialRules& rules = {}) {
  auto m = ClaimNext(queue, now, rules);
  REQUIRE(m);
  REQUIRE(queue.MarkSegmentSent(m->id, 1, "m1", static_cast<int>(m->id % 256), now).ok());
  REQUIRE(queue.MarkSent(m->id, now).ok());
  return m->id;
}

}  // namespace

TEST_CASE("ACommercialMessageToANumberThatOptedOutIsSuppressedWhenItComesUp", "[store][policy]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  const std::string number = "+905551110000";
  const int64_t commercial = Enqueue(queue, Msg(number, Category::kCommercial));
  const int64_t informational = Enqueue(queue, Msg(number, Category::kInformational, "randevu"));
  // The refusal arrives after both were accepted.
  Consent(*store, number, "RET", kT0 + 1);

  auto claimed = ClaimNext(queue, kT0 + 2);
  REQUIRE(claimed);
  CHECK(claimed->id == informational);  // a reminder still goes
  const Message m = Get(queue, commercial);
  CHECK(m.state == MessageState::kSuppressed);
  CHECK(m.error_code == "opted_out");
  CHECK(m.suppressed_at == kT0 + 2);
  CHECK(m.attempts == 0);
  CHECK_FALSE(m.sending_at);

  SECTION("a later opt-in lets the next commercial message go") {
    Consent(*store, number, "ONAY", kT0 + 3);
    const int64_t next = Enqueue(queue, Msg(number, Category::kCommercial), kT0 + 3);
    auto again = ClaimNext(queue, kT0 + 4);
    REQUIRE(again);
    CHECK(again->id == next);
    CHECK(again->category == Category::kCommercial);
  }
  SECTION("a failover does not take an opted-out commercial message either") {
    const int64_t next = Enqueue(queue, Msg(number, Category::kCommercial), kT0 + 3);
    auto r = queue.ClaimMessage(next, "m2", kT0 + 4, CommercialRules{});
    REQUIRE(r.ok());
    CHECK_FALSE(r->has_value());
    CHECK(Get(queue, next).state == MessageState::kQueued);
  }
}

TEST_CASE("QuietHoursHoldEveryQueuedCommercialMessageUntilTheyEndAndNothingElse", "[store][policy]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  const int64_t c1 = Enqueue(queue, Msg("+905551110001", Category::kCommercial));
  const int64_t c2 = Enqueue(queue, Msg("+905551110002", Category::kCommercial));
  const int64_t info = Enqueue(queue, Msg("+905551110003", Category::kInformational));
  CommercialRules quiet;
  quiet.held_until = kT0 + 10 * kHour;

  auto claimed = ClaimNext(queue, kT0 + 1, quiet);
  REQUIRE(claimed);
  CHECK(claimed->id == info);
  CHECK(ClaimNext(queue, kT0 + 2, quiet) == std::nullopt);
  for (int64_t id : {c1, c2}) {
    const Message m = Get(queue, id);
    CHECK(m.state == MessageState::kQueued);
    CHECK(m.not_before == kT0 + 10 * kHour);  // shown to people as when it will go
    CHECK(m.attempts == 0);
  }
  auto due = queue.NextDue(kT0 + 2);
  REQUIRE(due.ok());
  CHECK(*due == kT0 + 10 * kHour);

  SECTION("a failover inside quiet hours leaves it queued") {
    auto r = queue.ClaimMessage(c1, "m2", kT0 + 3, quiet);
    REQUIRE(r.ok());
    CHECK_FALSE(r->has_value());
  }
  SECTION("when they end, the held messages go in their order") {
    CHECK(ClaimNext(queue, kT0 + 10 * kHour)->id == c1);
    CHECK(ClaimNext(queue, kT0 + 10 * kHour)->id == c2);
  }
  SECTION("a scheduled commercial message due after quiet hours keeps its time") {
    NewMessage later = Msg("+905551110004", Category::kCommercial);
    later.not_before = kT0 + 12 * kHour;
    const int64_t id = Enqueue(queue, later);
    CHECK(ClaimNext(queue, kT0 + 5, quiet) == std::nullopt);
    CHECK(Get(queue, id).not_before == kT0 + 12 * kHour);
  }
}

// The hold is one statement per queue group (pinned modem, priority): it
// reaches commercial messages of every priority and every pinned modem,
// not only the group of the candidate that met quiet hours.
TEST_CASE("QuietHoursHoldCommercialMessagesOfEveryPriorityAndPinnedModem", "[store][policy]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  const int64_t first = Enqueue(queue, Msg("+905551110001", Category::kCommercial));
  std::vector<int64_t> others;
  for (const char* pinned : {"", "m2", "m7"}) {
    for (Priority p : {Priority::kNormal, Priority::kBulk}) {
      NewMessage m = Msg("+905551110002", Category::kCommercial);
      m.priority = p;
      if (*pinned) m.modem = pinned;
      others.push_back(Enqueue(queue, m));
    }
  }
  NewMessage info = Msg("+905551110003", Category::kInformational);
  info.modem = "m2";
  const int64_t info_id = Enqueue(queue, info);
  CommercialRules quiet;
  quiet.held_until = kT0 + 10 * kHour;

  CHECK(ClaimNext(queue, kT0 + 1, quiet) == std::nullopt);  // m1 meets `first`, holds them all
  CHECK(Get(queue, first).not_before == kT0 + 10 * kHour);
  for (int64_t id : others) {
    INFO("message " << id);
    CHECK(Get(queue, id).not_before == kT0 + 10 * kHour);
  }
  CHECK(Get(queue, info_id).not_before == kT0);
  auto m2 = queue.ClaimNext("m2", kT0 + 2, quiet);
  REQUIRE(m2.ok());
  REQUIRE(m2->has_value());
  CHECK((*m2)->id == info_id);  // the informational message pinned to m2 still goes
}

TEST_CASE("AMultipartCommercialMessageWithPartsOutFinishesInsideQuietHours", "[store][policy]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  NewMessage two = Msg("+905551110001", Category::kCommercial);
  two.segments = 2;
  const int64_t id = Enqueue(queue, two);
  auto m = ClaimNext(queue, kT0);
  REQUIRE(m);
  REQUIRE(queue.MarkSegmentSent(id, 1, "m1", 9, kT0).ok());
  REQUIRE(queue.Pause(id, kT0 + 1000, kT0 + kDay, MessageError{"CMS 500", "unknown error"}).ok());
  CommercialRules quiet;
  quiet.held_until = kT0 + 10 * kHour;
  auto resumed = ClaimNext(queue, kT0 + 1000, quiet);
  REQUIRE(resumed);
  CHECK(resumed->id == id);
}

TEST_CASE("FrequencyCapsCountCommercialMessagesPerNumberAcrossTheDayAndThirtyDays", "[store][policy]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  const std::string number = "+905551110000";
  CommercialRules rules;
  rules.cap_per_day = 1;
  rules.cap_per_30_days = 2;
  rules.day_start = kT0 - kHour;

  SECTION("the second commercial message of the day is suppressed; others still go") {
    Enqueue(queue, Msg(number, Category::kCommercial));
    SendNext(queue, kT0, rules);
    const int64_t second = Enqueue(queue, Msg(number, Category::kCommercial));
    const int64_t other_number = Enqueue(queue, Msg("+905552220000", Category::kCommercial));
    const int64_t reminder = Enqueue(queue, Msg(number, Category::kInformational));
    CHECK(ClaimNext(queue, kT0 + 1, rules)->id == other_number);
    CHECK(ClaimNext(queue, kT0 + 1, rules)->id == reminder);
    const Message m = Get(queue, second);
    CHECK(m.state == MessageState::kSuppressed);
    CHECK(m.error_code == "cap_per_day");
    CHECK_THAT(*m.error_text, Catch::Contains("1 commercial messages today"));
  }
  SECTION("yesterday's message counts for 30 days, not for today; 31 days ago not at all") {
    Enqueue(queue, Msg(number, Category::kCommercial), kT0 - 31 * kDay);
    SendNext(queue, kT0 - 31 * kDay);
    Enqueue(queue, Msg(number, Category::kCommercial), kT0 - 2 * kHour);
    SendNext(queue, kT0 - 2 * kHour);
    const int64_t today = Enqueue(queue, Msg(number, Category::kCommercial));
    CHECK(SendNext(queue, kT0, rules) == today);  // one in 30 days so far
    rules.day_start = kT0 + kDay;                  // the next day
    const int64_t third = Enqueue(queue, Msg(number, Category::kCommercial), kT0 + kDay);
    CHECK(ClaimNext(queue, kT0 + kDay + 1, rules) == std::nullopt);
    const Message m = Get(queue, third);
    CHECK(m.state == MessageState::kSuppressed);
    CHECK(m.error_code == "cap_per_30_days");
  }
  SECTION("a message that failed before going out does not count") {
    const int64_t first = Enqueue(queue, Msg(number, Category::kCommercial));
    auto m = ClaimNext(queue, kT0, rules);
    REQUIRE(m);
    REQUIRE(queue.MarkFailed(first, MessageError{"CMS 38", "network out of order"}, kT0).ok());
    const int64_t second = Enqueue(queue, Msg(number, Category::kCommercial));
    CHECK(ClaimNext(queue, kT0 + 1, rules)->id == second);
  }
  SECTION("zero caps mean no cap") {
    Enqueue(queue, Msg(number, Category::kCommercial));
    Enqueue(queue, Msg(number, Category::kCommercial));
    SendNext(queue, kT0);
    CHECK(ClaimNext(queue, kT0 + 1, CommercialRules{}));
  }
}

TEST_CASE("ListingFiltersByCategoryAndState", "[store][policy]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  Enqueue(queue, Msg("+905551110000", Category::kCommercial));
  const int64_t info = Enqueue(queue, Msg("+905551110000", Category::kInformational));
  MessageFilter filter;
  filter.category = Category::kInformational;
  auto page = queue.ListMessages(filter, 10, "");
  REQUIRE(page.ok());
  REQUIRE(page->items.size() == 1);
  CHECK(page->items[0].id == info);
  REQUIRE(store->consents().Block("+905551110000", "complained", kT0).value());
  CHECK(ClaimNext(queue, kT0 + 1) == std::nullopt);
  filter = {};
  filter.state = MessageState::kSuppressed;
  page = queue.ListMessages(filter, 10, "");
  REQUIRE(page.ok());
  CHECK(page->items.size() == 2);
}

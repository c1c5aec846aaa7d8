#include "daemon/store/message_store.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "daemon/store/store_queries.h"
#include "temp_dir.h"

using namespace tellal::store;
using tellal::store::testing::TempDir;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;  // an arbitrary fixed "now"
constexpr Millis kMinute = 60'000;
constexpr Millis kDay = 24 * 60 * kMinute;

std::unique_ptr<MessageStore> Memory() {
  auto store = MessageStore::OpenInMemory();
  REQUIRE(store.ok());
  return std::move(store).value();
}

std::unique_ptr<MessageStore> OpenFile(const std::string& path) {
  auto store = MessageStore::Open(path);
  REQUIRE(store.ok());
  return std::move(store).value();
}

NewMessage Msg(const std::string& to, Priority priority = Priority::kNormal) {
  NewMessage m;
  m.to = to;
  m.text = "hello";
  m.encoding = "gsm7";
  m.priority = priority;
  return m;
}

int64_t Enqueue(MessageStore& store, const NewMessage& m, Millis now = kT0) {
  auto r = store.Enqueue(m, now);
  REQUIRE(r.ok());
  REQUIRE(r->created);
  return r->id;
}

Message Claim(MessageStore& store, const std::string& modem, Millis now = kT0) {
  auto r = store.ClaimNext(modem, now);
  REQUIRE(r.ok());
  REQUIRE(r->has_value());
  return **r;
}

bool NothingToClaim(MessageStore& store, const std::string& modem, Millis now = kT0) {
  auto r = store.ClaimNext(modem, now);
  REQUIRE(r.ok());
  return !r->has_value();
}

MessageState StateOf(MessageStore& store, int64_t id) {
  auto m = store.GetMessage(id);
  REQUIRE(m.ok());
  REQUIRE(m->has_value());
  return (*m)->state;
}

// Claims `id` on `modem` and records every segment with consecutive mrs.
void SendAll(MessageStore& store, const std::string& modem, int first_mr, Millis at) {
  Message m = Claim(store, modem, at);
  for (int seq = 1; seq <= m.segments; ++seq) {
    REQUIRE(store.MarkSegmentSent(m.id, seq, modem, (first_mr + seq - 1) % 256, at).ok());
  }
  REQUIRE(store.MarkSent(m.id, at).ok());
}

StatusReport Report(const std::string& modem, int mr, const std::string& to, uint8_t st) {
  return StatusReport{modem, mr, to, st, "2026-06-01T10:00:00+03:00"};
}

std::string QueryPlan(Database& db, const std::string& sql) {
  auto q = db.Query("EXPLAIN QUERY PLAN " + sql);
  REQUIRE(q.ok());
  std::string plan;
  for (;;) {
    auto row = q->Step();
    REQUIRE(row.ok());
    if (!*row) break;
    plan += q->ColumnText(3) + "\n";
  }
  return plan;
}

}  // namespace

TEST_CASE("TheSameClientRefTwiceCreatesOneMessage", "[store]") {
  auto store = Memory();
  NewMessage m = Msg("+905551110000");
  m.client_ref = "order-17";
  auto first = store->Enqueue(m, kT0);
  REQUIRE(first.ok());
  CHECK(first->created);
  m.text = "a retry with other text";
  auto second = store->Enqueue(m, kT0 + 1000);
  REQUIRE(second.ok());
  CHECK_FALSE(second->created);
  CHECK(second->id == first->id);
  CHECK((*store->GetMessage(first->id))->text == "hello");
  auto page = store->ListMessages({}, 10, "");
  REQUIRE(page.ok());
  CHECK(page->items.size() == 1);
}

TEST_CASE("ABatchIsAllOrNothing", "[store]") {
  auto store = Memory();
  std::vector<NewMessage> batch = {Msg("+1"), Msg("+2"), Msg("+3"), Msg("+4")};
  SECTION("an invalid message in the middle leaves nothing") {
    batch[2].segments = 0;
    auto r = store->EnqueueBatch(batch, kT0);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("message 2: segments: 0"));
    CHECK(store->ListMessages({}, 10, "")->items.empty());
  }
  SECTION("a valid batch is stored in order, repeats inside it deduplicated") {
    batch[1].client_ref = "k";
    batch[3].client_ref = "k";
    auto r = store->EnqueueBatch(batch, kT0);
    REQUIRE(r.ok());
    REQUIRE(r->size() == 4);
    CHECK((*r)[3].id == (*r)[1].id);
    CHECK_FALSE((*r)[3].created);
    CHECK(store->ListMessages({}, 10, "")->items.size() == 3);
  }
}

TEST_CASE("ClaimTakesPriorityThenAge", "[store]") {
  auto store = Memory();
  const int64_t bulk = Enqueue(*store, Msg("+1", Priority::kBulk), kT0);
  const int64_t normal_old = Enqueue(*store, Msg("+2", Priority::kNormal), kT0 + 1);
  const int64_t normal_new = Enqueue(*store, Msg("+3", Priority::kNormal), kT0 + 2);
  const int64_t otp = Enqueue(*store, Msg("+4", Priority::kOtp), kT0 + 3);
  const Millis now = kT0 + 10;
  CHECK(Claim(*store, "m1", now).id == otp);
  CHECK(Claim(*store, "m1", now).id == normal_old);
  CHECK(Claim(*store, "m1", now).id == normal_new);
  CHECK(Claim(*store, "m1", now).id == bulk);
  CHECK(NothingToClaim(*store, "m1", now));
}

TEST_CASE("ClaimWaitsForNotBefore", "[store]") {
  auto store = Memory();
  NewMessage later = Msg("+1", Priority::kOtp);
  later.not_before = kT0 + kMinute;
  const int64_t scheduled = Enqueue(*store, later);
  const int64_t bulk = Enqueue(*store, Msg("+2", Priority::kBulk));
  CHECK(Claim(*store, "m1", kT0).id == bulk);  // the scheduled OTP does not block it
  CHECK(NothingToClaim(*store, "m1", kT0 + kMinute - 1));
  CHECK(Claim(*store, "m1", kT0 + kMinute).id == scheduled);
}

TEST_CASE("AMessagePastItsValidityExpiresInsteadOfSending", "[store]") {
  auto store = Memory();
  NewMessage stale = Msg("+1", Priority::kOtp);
  stale.valid_until = kT0 + 5000;
  const int64_t expired = Enqueue(*store, stale);
  const int64_t fresh = Enqueue(*store, Msg("+2"));
  CHECK(Claim(*store, "m1", kT0 + 5001).id == fresh);
  auto m = store->GetMessage(expired);
  CHECK((*m)->state == MessageState::kExpired);
  CHECK((*m)->expired_at == kT0 + 5001);
  CHECK((*m)->attempts == 0);
}

TEST_CASE("AMessagePinnedToAModemGoesOnlyToThatModem", "[store]") {
  auto store = Memory();
  NewMessage pinned = Msg("+1", Priority::kOtp);
  pinned.modem = "m2";
  const int64_t for_m2 = Enqueue(*store, pinned);
  const int64_t anyone = Enqueue(*store, Msg("+2", Priority::kBulk));
  CHECK(Claim(*store, "m1").id == anyone);
  CHECK(NothingToClaim(*store, "m1"));
  CHECK(Claim(*store, "m2").id == for_m2);
}

TEST_CASE("ClaimMarksSendingBeforeReturning", "[store]") {
  TempDir dir;
  const std::string path = dir.File("q.db");
  auto store = OpenFile(path);
  const int64_t id = Enqueue(*store, Msg("+905551110000"));
  Message claimed = Claim(*store, "m1", kT0 + 7);
  CHECK(claimed.id == id);
  CHECK(claimed.state == MessageState::kSending);
  CHECK(claimed.modem == "m1");
  CHECK(claimed.attempts == 1);
  CHECK(claimed.sending_at == kT0 + 7);
  // A second connection sees it committed while the first still holds it.
  auto other = OpenFile(path);
  CHECK(StateOf(*other, id) == MessageState::kSending);
}

TEST_CASE("RequeueBacksOffAndCountsAttempts", "[store]") {
  auto store = Memory();
  const int64_t id = Enqueue(*store, Msg("+1"));
  Claim(*store, "m1");
  REQUIRE(store->Requeue(id, kT0 + kMinute, {"CMS 500", "unknown error"}).ok());
  CHECK(NothingToClaim(*store, "m1", kT0 + 1));
  Message again = Claim(*store, "m2", kT0 + kMinute);
  CHECK(again.attempts == 2);
  CHECK(again.modem == "m2");
  CHECK(again.error_code == "CMS 500");
}

TEST_CASE("TransitionsFromTheWrongStateAreRefused", "[store]") {
  auto store = Memory();
  const int64_t id = Enqueue(*store, Msg("+1"));
  tellal::Status s = store->MarkSent(id, kT0);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "MarkSent(" + std::to_string(id) + "): message is queued, expected sending");
  CHECK_FALSE(store->MarkSegmentSent(id, 1, "m1", 5, kT0).ok());
  CHECK_FALSE(store->MarkUnknown(999, {"timeout", "no answer"}, kT0).ok());
  Claim(*store, "m1");
  CHECK_FALSE(store->MarkSegmentSent(id, 1, "m2", 5, kT0).ok());  // claimed by m1
  CHECK_FALSE(store->MarkSegmentSent(id, 2, "m1", 5, kT0).ok());  // only one segment
  tellal::Status early = store->MarkSent(id, kT0);
  CHECK_THAT(early.message(), Catch::Contains("0 of 1 segments recorded"));
}

TEST_CASE("CancelTakesOnlyQueuedMessages", "[store]") {
  auto store = Memory();
  const int64_t queued = Enqueue(*store, Msg("+1"));
  const int64_t sending = Enqueue(*store, Msg("+2"));
  CHECK(*store->Cancel(queued, kT0) == CancelOutcome::kCancelled);
  Claim(*store, "m1");
  CHECK(*store->Cancel(sending, kT0) == CancelOutcome::kNotQueued);
  CHECK(*store->Cancel(12345, kT0) == CancelOutcome::kNotFound);
  CHECK(StateOf(*store, queued) == MessageState::kCancelled);
  CHECK(StateOf(*store, sending) == MessageState::kSending);
  CHECK(NothingToClaim(*store, "m1"));
}

TEST_CASE("ACrashWhileSendingLeavesUnknownAndNotResent", "[store]") {
  TempDir dir;
  const std::string path = dir.File("crash.db");
  NewMessage two = Msg("+2");
  two.segments = 2;
  int64_t half_sent = 0, fully_recorded = 0, untouched = 0;
  {
    auto store = OpenFile(path);
    half_sent = Enqueue(*store, two);
    fully_recorded = Enqueue(*store, Msg("+3"));
    untouched = Enqueue(*store, Msg("+4"));
    Claim(*store, "m1");
    REQUIRE(store->MarkSegmentSent(half_sent, 1, "m1", 10, kT0).ok());
    Claim(*store, "m2");
    REQUIRE(store->MarkSegmentSent(fully_recorded, 1, "m2", 11, kT0).ok());
  }  // closed without MarkSent, as a crash would leave it
  auto store = OpenFile(path);
  auto outcome = store->RecoverAfterCrash(/*resend_unknown=*/false, kT0 + 1000);
  REQUIRE(outcome.ok());
  CHECK(outcome->unknown == 1);
  CHECK(outcome->sent == 1);
  CHECK(outcome->requeued == 0);
  CHECK(StateOf(*store, half_sent) == MessageState::kUnknown);
  CHECK(StateOf(*store, fully_recorded) == MessageState::kSent);
  CHECK(Claim(*store, "m1", kT0 + 1000).id == untouched);
  CHECK(NothingToClaim(*store, "m1", kT0 + 1000));
}

TEST_CASE("ACrashWhileSendingRequeuesWithResendUnknown", "[store]") {
  TempDir dir;
  const std::string path = dir.File("crash.db");
  int64_t id = 0;
  {
    auto store = OpenFile(path);
    id = Enqueue(*store, Msg("+1"));
    Claim(*store, "m1");
  }
  auto store = OpenFile(path);
  auto outcome = store->RecoverAfterCrash(/*resend_unknown=*/true, kT0 + 1000);
  REQUIRE(outcome.ok());
  CHECK(outcome->requeued == 1);
  Message again = Claim(*store, "m1", kT0 + 1000);
  CHECK(again.id == id);
  CHECK(again.attempts == 2);
}

TEST_CASE("KillNineAtAnyMomentLosesNoAcceptedMessage", "[store]") {
  TempDir dir;
  const std::string path = dir.File("kill.db");
  { OpenFile(path); }  // create and migrate before the child races ahead
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(fds[0]);
    auto store = MessageStore::Open(path);
    if (!store.ok()) _exit(2);
    for (int i = 0;; ++i) {
      auto r = (*store)->Enqueue(Msg("+90555" + std::to_string(i)), kT0 + i);
      if (!r.ok()) _exit(3);
      // Reported only after Enqueue returned: these ids were accepted.
      if (write(fds[1], &r->id, sizeof r->id) != sizeof r->id) _exit(4);
      if (i % 3 == 0 && !(*store)->ClaimNext("m1", kT0 + i).ok()) _exit(5);
    }
  }
  close(fds[1]);
  std::vector<int64_t> accepted;
  while (accepted.size() < 300) {
    int64_t id = 0;
    REQUIRE(read(fds[0], &id, sizeof id) == static_cast<ssize_t>(sizeof id));
    accepted.push_back(id);
  }
  REQUIRE(kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  close(fds[0]);
  REQUIRE(WIFSIGNALED(status));

  auto store = OpenFile(path);
  auto recovered = store->RecoverAfterCrash(false, kT0 + kDay);
  REQUIRE(recovered.ok());
  for (int64_t id : accepted) {
    auto m = store->GetMessage(id);
    REQUIRE(m.ok());
    REQUIRE(m->has_value());
    CHECK(((*m)->state == MessageState::kQueued || (*m)->state == MessageState::kUnknown));
  }
  auto sending = store->ListMessages({MessageState::kSending, {}, {}}, 10, "");
  CHECK(sending->items.empty());
}

TEST_CASE("AStatusReportMatchesTheRecentSegmentWithThatReference", "[store][reports]") {
  auto store = Memory();
  const Millis window = 3 * kDay;
  // mr 7 used on day 0 and again on day 5 for the same recipient.
  const int64_t old_id = Enqueue(*store, Msg("+905551110000"), kT0);
  SendAll(*store, "m1", 7, kT0);
  const int64_t new_id = Enqueue(*store, Msg("+905551110000"), kT0 + 5 * kDay);
  SendAll(*store, "m1", 7, kT0 + 5 * kDay);
  const Millis now = kT0 + 5 * kDay + kMinute;

  SECTION("the recent one matches") {
    auto match = store->ApplyStatusReport(Report("m1", 7, "+905551110000", 0x00), now, window);
    REQUIRE(match.ok());
    REQUIRE(match->has_value());
    CHECK((*match)->message_id == new_id);
    CHECK((*match)->message_state == MessageState::kDelivered);
    CHECK(StateOf(*store, old_id) == MessageState::kSent);
  }
  SECTION("a different recipient does not match") {
    auto match = store->ApplyStatusReport(Report("m1", 7, "+905552220000", 0x00), now, window);
    REQUIRE(match.ok());
    CHECK_FALSE(match->has_value());
  }
  SECTION("another modem's reference does not match") {
    auto match = store->ApplyStatusReport(Report("m2", 7, "+905551110000", 0x00), now, window);
    REQUIRE(match.ok());
    CHECK_FALSE(match->has_value());
  }
  SECTION("outside the window does not match") {
    auto match = store->ApplyStatusReport(Report("m1", 7, "+905551110000", 0x00), kT0 + 5 * kDay + window + 1, window);
    REQUIRE(match.ok());
    CHECK_FALSE(match->has_value());
  }
}

TEST_CASE("ReferencesWrapAt256", "[store][reports]") {
  auto store = Memory();
  NewMessage three = Msg("+1");
  three.segments = 3;
  const int64_t id = Enqueue(*store, three);
  SendAll(*store, "m1", 254, kT0);  // mrs 254, 255, 0
  auto match = store->ApplyStatusReport(Report("m1", 0, "+1", 0x00), kT0 + 1, kDay);
  REQUIRE(match.ok());
  REQUIRE(match->has_value());
  CHECK((*match)->message_id == id);
  CHECK((*match)->seq == 3);
}

TEST_CASE("AMultipartMessageIsDeliveredOnlyWhenEverySegmentIs", "[store][reports]") {
  auto store = Memory();
  NewMessage two = Msg("+1");
  two.segments = 2;
  const int64_t id = Enqueue(*store, two);
  SendAll(*store, "m1", 40, kT0);
  auto first = store->ApplyStatusReport(Report("m1", 40, "+1", 0x00), kT0 + 1, kDay);
  REQUIRE(first.ok());
  CHECK((*first)->message_state == MessageState::kSent);
  auto pending = store->ApplyStatusReport(Report("m1", 41, "+1", 0x21), kT0 + 2, kDay);
  REQUIRE(pending.ok());
  CHECK((*pending)->message_state == MessageState::kSent);
  auto second = store->ApplyStatusReport(Report("m1", 41, "+1", 0x00), kT0 + 3, kDay);
  REQUIRE(second.ok());
  CHECK((*second)->message_state == MessageState::kDelivered);
  CHECK((*store->GetMessage(id))->delivered_at == kT0 + 3);
}

TEST_CASE("APermanentlyFailedSegmentFailsTheMessage", "[store][reports]") {
  auto store = Memory();
  NewMessage two = Msg("+1");
  two.segments = 2;
  const int64_t id = Enqueue(*store, two);
  SendAll(*store, "m1", 1, kT0);
  REQUIRE(store->ApplyStatusReport(Report("m1", 1, "+1", 0x00), kT0 + 1, kDay).ok());
  auto failed = store->ApplyStatusReport(Report("m1", 2, "+1", 0x41), kT0 + 2, kDay);
  REQUIRE(failed.ok());
  CHECK((*failed)->message_state == MessageState::kFailed);
  auto m = *store->GetMessage(id);
  CHECK(m->error_code == "TP-ST 0x41");
  CHECK(m->error_text == "incompatible destination");
}

TEST_CASE("AReportArrivingBeforeMarkSentIsAppliedByIt", "[store][reports]") {
  auto store = Memory();
  NewMessage two = Msg("+1");
  two.segments = 2;
  const int64_t id = Enqueue(*store, two);
  Claim(*store, "m1");
  REQUIRE(store->MarkSegmentSent(id, 1, "m1", 3, kT0).ok());
  auto early = store->ApplyStatusReport(Report("m1", 3, "+1", 0x00), kT0 + 1, kDay);
  REQUIRE(early.ok());
  CHECK((*early)->message_state == MessageState::kSending);
  REQUIRE(store->MarkSegmentSent(id, 2, "m1", 4, kT0 + 2).ok());
  REQUIRE(store->ApplyStatusReport(Report("m1", 4, "+1", 0x00), kT0 + 3, kDay).ok());
  REQUIRE(store->MarkSent(id, kT0 + 4).ok());
  CHECK(StateOf(*store, id) == MessageState::kDelivered);
}

TEST_CASE("SendCountsSurviveARestart", "[store][counters]") {
  TempDir dir;
  const std::string path = dir.File("c.db");
  {
    auto store = OpenFile(path);
    NewMessage three = Msg("+1");
    three.segments = 3;
    Enqueue(*store, three);
    Enqueue(*store, Msg("+2"));
    SendAll(*store, "m1", 0, kT0);                // 3 SMS
    SendAll(*store, "m1", 9, kT0 + 2 * kMinute);  // 1 SMS
  }
  auto store = OpenFile(path);
  CHECK(*store->CountSends("m1", kT0) == 4);                          // since "midnight"
  CHECK(*store->CountSends("m1", kT0 + 2 * kMinute - kMinute) == 1);  // sliding minute
  CHECK(*store->CountSends("m2", kT0) == 0);
  REQUIRE(store->PruneSendLog(kT0 + 1).ok());
  CHECK(*store->CountSends("m1", 0) == 1);
}

TEST_CASE("ListingPagesAreStableWhileMessagesArrive", "[store][list]") {
  auto store = Memory();
  std::vector<int64_t> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(Enqueue(*store, Msg(i % 2 ? "+odd" : "+even"), kT0 + i));
  auto first = store->ListMessages({}, 3, "");
  REQUIRE(first.ok());
  REQUIRE(first->items.size() == 3);
  CHECK(first->items[0].id == ids[6]);
  REQUIRE_FALSE(first->next_cursor.empty());
  Enqueue(*store, Msg("+new"),
          kT0 + 100);  // newer rows do not shift later pages
  auto second = store->ListMessages({}, 3, first->next_cursor);
  REQUIRE(second.ok());
  CHECK(second->items[0].id == ids[3]);
  auto third = store->ListMessages({}, 3, second->next_cursor);
  REQUIRE(third.ok());
  REQUIRE(third->items.size() == 1);
  CHECK(third->items[0].id == ids[0]);
  CHECK(third->next_cursor.empty());

  auto even = store->ListMessages({std::nullopt, "+even", kT0 + 2}, 10, "");
  REQUIRE(even.ok());
  CHECK(even->items.size() == 3);  // created at +2, +4, +6
  Claim(*store, "m1", kT0 + 200);
  auto sending = store->ListMessages({MessageState::kSending, {}, {}}, 10, "");
  CHECK(sending->items.size() == 1);

  CHECK_FALSE(store->ListMessages({}, 3, "bogus").ok());
  CHECK_FALSE(store->ListMessages({}, 3, "i5").ok());  // an inbox cursor
  CHECK_FALSE(store->ListMessages({}, 0, "").ok());
}

TEST_CASE("TheClaimQueriesSeekAnIndexInsteadOfScanning", "[store][plan]") {
  auto db = Database::Open(":memory:");
  REQUIRE(db.ok());
  REQUIRE(Migrate(**db, StoreMigrations()).ok());
  for (const char* sql : {sql::kClaimUnpinned, sql::kClaimPinned}) {
    const std::string plan = QueryPlan(**db, sql);
    INFO(plan);
    CHECK_THAT(plan, Catch::Contains("SEARCH messages USING INDEX messages_queue"));
    CHECK_THAT(plan, !Catch::Contains("SCAN"));
    CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));  // no sort: the index is the order
  }
  const std::string report = QueryPlan(**db, sql::kMatchSegment);
  INFO(report);
  CHECK_THAT(report, Catch::Contains("SEARCH segments USING") &&
                         Catch::Contains("INDEX segments_by_reference (modem=? AND mr=? AND "
                                         "destination=? AND sent_at>? AND sent_at<?)"));
  CHECK_THAT(report, !Catch::Contains("SCAN"));
}

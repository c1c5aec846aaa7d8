#include "daemon/store/sqlite/sqlite_outbound_queue.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <random>

#include "store_testing.h"
#include "tests/daemon/store/temp_dir.h"

using namespace tellal::store;
using tellal::store::testing::FileStore;
using tellal::store::testing::MemoryStore;
using tellal::store::testing::TempDir;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;  // an arbitrary fixed "now"
constexpr Millis kMinute = 60'000;
constexpr Millis kDay = 24 * 60 * kMinute;

NewMessage Msg(const std::string& to, Priority priority = Priority::kNormal) {
  NewMessage m;
  m.to = to;
  m.text = "hello";
  m.encoding = "gsm7";
  m.priority = priority;
  return m;
}

int64_t Enqueue(OutboundQueue& queue, const NewMessage& m, Millis now = kT0) {
  auto r = queue.Enqueue(m, now);
  REQUIRE(r.ok());
  REQUIRE(r->created);
  return r->id;
}

Message Claim(OutboundQueue& queue, const std::string& modem, Millis now = kT0) {
  auto r = queue.ClaimNext(modem, now);
  REQUIRE(r.ok());
  REQUIRE(r->has_value());
  return **r;
}

bool NothingToClaim(OutboundQueue& queue, const std::string& modem, Millis now = kT0) {
  auto r = queue.ClaimNext(modem, now);
  REQUIRE(r.ok());
  return !r->has_value();
}

MessageState StateOf(OutboundQueue& queue, int64_t id) {
  auto m = queue.GetMessage(id);
  REQUIRE(m.ok());
  REQUIRE(m->has_value());
  return (*m)->state;
}

// Claims `id` on `modem` and records every segment with consecutive mrs.
void SendAll(OutboundQueue& queue, const std::string& modem, int first_mr, Millis at) {
  Message m = Claim(queue, modem, at);
  for (int seq = 1; seq <= m.segments; ++seq) {
    REQUIRE(queue.MarkSegmentSent(m.id, seq, modem, (first_mr + seq - 1) % 256, at).ok());
  }
  REQUIRE(queue.MarkSent(m.id, at).ok());
}

// A message for the scheduling tests: when it may go and until when.
// A message whose sender asked for delivery reports.
NewMessage Reported(const std::string& to) {
  NewMessage m = Msg(to);
  m.report_requested = true;
  return m;
}

NewMessage Timed(std::optional<Millis> not_before = {}, std::optional<Millis> valid_until = {},
                 Priority priority = Priority::kNormal) {
  NewMessage m = Msg("+905321234567", priority);
  m.not_before = not_before;
  m.valid_until = valid_until;
  return m;
}

StatusReport Report(const std::string& modem, int mr, const std::string& to, uint8_t st) {
  return StatusReport{modem, mr, to, st, "2026-06-01T10:00:00+03:00"};
}

}  // namespace

TEST_CASE("TheSameClientRefTwiceCreatesOneMessage", "[store]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  NewMessage m = Msg("+905551110000");
  m.client_ref = "order-17";
  auto first = queue.Enqueue(m, kT0);
  REQUIRE(first.ok());
  CHECK(first->created);
  m.text = "a retry with other text";
  auto second = queue.Enqueue(m, kT0 + 1000);
  REQUIRE(second.ok());
  CHECK_FALSE(second->created);
  CHECK(second->id == first->id);
  CHECK((*queue.GetMessage(first->id))->text == "hello");
  auto page = queue.ListMessages({}, 10, "");
  REQUIRE(page.ok());
  CHECK(page->items.size() == 1);
}

TEST_CASE("ABatchIsAllOrNothing", "[store]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  std::vector<NewMessage> batch = {Msg("+1"), Msg("+2"), Msg("+3"), Msg("+4")};
  SECTION("an invalid message in the middle leaves nothing") {
    batch[2].segments = 0;
    auto r = queue.EnqueueBatch(batch, kT0);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("message 2: segments: 0"));
    CHECK(queue.ListMessages({}, 10, "")->items.empty());
  }
  SECTION("a valid batch is stored in order, repeats inside it deduplicated") {
    batch[1].client_ref = "k";
    batch[3].client_ref = "k";
    auto r = queue.EnqueueBatch(batch, kT0);
    REQUIRE(r.ok());
    REQUIRE(r->size() == 4);
    CHECK((*r)[3].id == (*r)[1].id);
    CHECK_FALSE((*r)[3].created);
    CHECK(queue.ListMessages({}, 10, "")->items.size() == 3);
  }
}

TEST_CASE("ClaimTakesPriorityThenAge", "[store]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  const int64_t bulk = Enqueue(queue, Msg("+1", Priority::kBulk), kT0);
  const int64_t normal_old = Enqueue(queue, Msg("+2", Priority::kNormal), kT0 + 1);
  const int64_t normal_new = Enqueue(queue, Msg("+3", Priority::kNormal), kT0 + 2);
  const int64_t otp = Enqueue(queue, Msg("+4", Priority::kOtp), kT0 + 3);
  const Millis now = kT0 + 10;
  CHECK(Claim(queue, "m1", now).id == otp);
  CHECK(Claim(queue, "m1", now).id == normal_old);
  CHECK(Claim(queue, "m1", now).id == normal_new);
  CHECK(Claim(queue, "m1", now).id == bulk);
  CHECK(NothingToClaim(queue, "m1", now));
}

TEST_CASE("ClaimWaitsForNotBefore", "[store]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  NewMessage later = Msg("+1", Priority::kOtp);
  later.not_before = kT0 + kMinute;
  const int64_t scheduled = Enqueue(queue, later);
  const int64_t bulk = Enqueue(queue, Msg("+2", Priority::kBulk));
  CHECK(Claim(queue, "m1", kT0).id == bulk);  // the scheduled OTP does not block it
  CHECK(NothingToClaim(queue, "m1", kT0 + kMinute - 1));
  CHECK(Claim(queue, "m1", kT0 + kMinute).id == scheduled);
}

TEST_CASE("AMessagePastItsValidityExpiresInsteadOfSending", "[store]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  NewMessage stale = Msg("+1", Priority::kOtp);
  stale.valid_until = kT0 + 5000;
  const int64_t expired = Enqueue(queue, stale);
  const int64_t fresh = Enqueue(queue, Msg("+2"));
  CHECK(Claim(queue, "m1", kT0 + 5001).id == fresh);
  auto m = queue.GetMessage(expired);
  CHECK((*m)->state == MessageState::kExpired);
  CHECK((*m)->expired_at == kT0 + 5001);
  CHECK((*m)->attempts == 0);
}

TEST_CASE("AMessagePinnedToAModemGoesOnlyToThatModem", "[store]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  NewMessage pinned = Msg("+1", Priority::kOtp);
  pinned.modem = "m2";
  const int64_t for_m2 = Enqueue(queue, pinned);
  const int64_t anyone = Enqueue(queue, Msg("+2", Priority::kBulk));
  CHECK(Claim(queue, "m1").id == anyone);
  CHECK(NothingToClaim(queue, "m1"));
  CHECK(Claim(queue, "m2").id == for_m2);
}

TEST_CASE("ClaimMarksSendingBeforeReturning", "[store]") {
  TempDir dir;
  const std::string path = dir.File("q.db");
  auto store = FileStore(path);
  OutboundQueue& queue = store->queue();
  const int64_t id = Enqueue(queue, Msg("+905551110000"));
  Message claimed = Claim(queue, "m1", kT0 + 7);
  CHECK(claimed.id == id);
  CHECK(claimed.state == MessageState::kSending);
  CHECK(claimed.modem == "m1");
  CHECK(claimed.attempts == 1);
  CHECK(claimed.sending_at == kT0 + 7);
  // A second connection sees it committed while the first still holds it.
  auto other = FileStore(path);
  CHECK(StateOf(other->queue(), id) == MessageState::kSending);
}

TEST_CASE("RequeueBacksOffAndCountsAttempts", "[store]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  const int64_t id = Enqueue(queue, Msg("+1"));
  Claim(queue, "m1");
  REQUIRE(queue.Requeue(id, kT0 + kMinute, {"CMS 500", "unknown error"}).ok());
  CHECK(NothingToClaim(queue, "m1", kT0 + 1));
  Message again = Claim(queue, "m2", kT0 + kMinute);
  CHECK(again.attempts == 2);
  CHECK(again.modem == "m2");
  CHECK(again.error_code == "CMS 500");
}

TEST_CASE("TransitionsFromTheWrongStateAreRefused", "[store]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  const int64_t id = Enqueue(queue, Msg("+1"));
  tellal::Status s = queue.MarkSent(id, kT0);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "MarkSent(" + std::to_string(id) + "): message is queued, expected sending");
  CHECK_FALSE(queue.MarkSegmentSent(id, 1, "m1", 5, kT0).ok());
  CHECK_FALSE(queue.MarkUnknown(999, {"timeout", "no answer"}, kT0).ok());
  Claim(queue, "m1");
  CHECK_FALSE(queue.MarkSegmentSent(id, 1, "m2", 5, kT0).ok());  // claimed by m1
  CHECK_FALSE(queue.MarkSegmentSent(id, 2, "m1", 5, kT0).ok());  // only one segment
  tellal::Status early = queue.MarkSent(id, kT0);
  CHECK_THAT(early.message(), Catch::Contains("0 of 1 segments recorded"));
}

TEST_CASE("CancelTakesOnlyQueuedMessages", "[store]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  const int64_t queued = Enqueue(queue, Msg("+1"));
  const int64_t sending = Enqueue(queue, Msg("+2"));
  CHECK(*queue.Cancel(queued, kT0) == CancelOutcome::kCancelled);
  Claim(queue, "m1");
  CHECK(*queue.Cancel(sending, kT0) == CancelOutcome::kNotQueued);
  CHECK(*queue.Cancel(12345, kT0) == CancelOutcome::kNotFound);
  CHECK(StateOf(queue, queued) == MessageState::kCancelled);
  CHECK(StateOf(queue, sending) == MessageState::kSending);
  CHECK(NothingToClaim(queue, "m1"));
}

TEST_CASE("ACrashWhileSendingLeavesUnknownAndNotResent", "[store]") {
  TempDir dir;
  const std::string path = dir.File("crash.db");
  NewMessage two = Msg("+2");
  two.segments = 2;
  int64_t half_sent = 0, fully_recorded = 0, untouched = 0;
  {
    auto store = FileStore(path);
    OutboundQueue& queue = store->queue();
    half_sent = Enqueue(queue, two);
    fully_recorded = Enqueue(queue, Msg("+3"));
    untouched = Enqueue(queue, Msg("+4"));
    Claim(queue, "m1");
    REQUIRE(queue.MarkSegmentSent(half_sent, 1, "m1", 10, kT0).ok());
    Claim(queue, "m2");
    REQUIRE(queue.MarkSegmentSent(fully_recorded, 1, "m2", 11, kT0).ok());
  }  // closed without MarkSent, as a crash would leave it
  auto store = FileStore(path);
  OutboundQueue& queue = store->queue();
  auto outcome = queue.RecoverAfterCrash(/*resend_unknown=*/false, kT0 + 1000);
  REQUIRE(outcome.ok());
  CHECK(outcome->unknown == 1);
  CHECK(outcome->sent == 1);
  CHECK(outcome->requeued == 0);
  CHECK(StateOf(queue, half_sent) == MessageState::kUnknown);
  CHECK(StateOf(queue, fully_recorded) == MessageState::kSent);
  CHECK(Claim(queue, "m1", kT0 + 1000).id == untouched);
  CHECK(NothingToClaim(queue, "m1", kT0 + 1000));
}

TEST_CASE("ACrashWhileSendingRequeuesWithResendUnknown", "[store]") {
  TempDir dir;
  const std::string path = dir.File("crash.db");
  int64_t id = 0;
  {
    auto store = FileStore(path);
    OutboundQueue& queue = store->queue();
    id = Enqueue(queue, Msg("+1"));
    Claim(queue, "m1");
  }
  auto store = FileStore(path);
  OutboundQueue& queue = store->queue();
  auto outcome = queue.RecoverAfterCrash(/*resend_unknown=*/true, kT0 + 1000);
  REQUIRE(outcome.ok());
  CHECK(outcome->requeued == 1);
  Message again = Claim(queue, "m1", kT0 + 1000);
  CHECK(again.id == id);
  CHECK(again.attempts == 2);
}

TEST_CASE("KillNineAtAnyMomentLosesNoAcceptedMessage", "[store]") {
  TempDir dir;
  const std::string path = dir.File("kill.db");
  { FileStore(path); }  // create and migrate before the child races ahead
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(fds[0]);
    auto store = SqliteStore::Open(path);
    if (!store.ok()) _exit(2);
    OutboundQueue& queue = (*store)->queue();
    for (int i = 0;; ++i) {
      auto r = queue.Enqueue(Msg("+90555" + std::to_string(i)), kT0 + i);
      if (!r.ok()) _exit(3);
      // Reported only after Enqueue returned: these ids were accepted.
      if (write(fds[1], &r->id, sizeof r->id) != sizeof r->id) _exit(4);
      if (i % 3 == 0 && !queue.ClaimNext("m1", kT0 + i).ok()) _exit(5);
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

  auto store = FileStore(path);
  OutboundQueue& queue = store->queue();
  auto recovered = queue.RecoverAfterCrash(false, kT0 + kDay);
  REQUIRE(recovered.ok());
  for (int64_t id : accepted) {
    auto m = queue.GetMessage(id);
    REQUIRE(m.ok());
    REQUIRE(m->has_value());
    CHECK(((*m)->state == MessageState::kQueued || (*m)->state == MessageState::kUnknown));
  }
  auto sending = queue.ListMessages({MessageState::kSending, {}, {}, {}, {}}, 10, "");
  CHECK(sending->items.empty());
}

TEST_CASE("AStatusReportMatchesTheRecentSegmentWithThatReference", "[store][reports]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  const Millis window = 3 * kDay;
  // mr 7 used on day 0 and again on day 5 for the same recipient.
  const int64_t old_id = Enqueue(queue, Reported("+905551110000"), kT0);
  SendAll(queue, "m1", 7, kT0);
  const int64_t new_id = Enqueue(queue, Reported("+905551110000"), kT0 + 5 * kDay);
  SendAll(queue, "m1", 7, kT0 + 5 * kDay);
  const Millis now = kT0 + 5 * kDay + kMinute;

  SECTION("the recent one matches") {
    auto match = queue.ApplyStatusReport(Report("m1", 7, "+905551110000", 0x00), now, window);
    REQUIRE(match.ok());
    REQUIRE(match->has_value());
    CHECK((*match)->message_id == new_id);
    CHECK((*match)->message_state == MessageState::kDelivered);
    CHECK(StateOf(queue, old_id) == MessageState::kSent);
  }
  SECTION("a different recipient does not match") {
    auto match = queue.ApplyStatusReport(Report("m1", 7, "+905552220000", 0x00), now, window);
    REQUIRE(match.ok());
    CHECK_FALSE(match->has_value());
  }
  SECTION("another modem's reference does not match") {
    auto match = queue.ApplyStatusReport(Report("m2", 7, "+905551110000", 0x00), now, window);
    REQUIRE(match.ok());
    CHECK_FALSE(match->has_value());
  }
  SECTION("outside the window does not match") {
    auto match = queue.ApplyStatusReport(Report("m1", 7, "+905551110000", 0x00), kT0 + 5 * kDay + window + 1, window);
    REQUIRE(match.ok());
    CHECK_FALSE(match->has_value());
  }
}

TEST_CASE("ReferencesWrapAt256", "[store][reports]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  NewMessage three = Reported("+1");
  three.segments = 3;
  const int64_t id = Enqueue(queue, three);
  SendAll(queue, "m1", 254, kT0);  // mrs 254, 255, 0
  auto match = queue.ApplyStatusReport(Report("m1", 0, "+1", 0x00), kT0 + 1, kDay);
  REQUIRE(match.ok());
  REQUIRE(match->has_value());
  CHECK((*match)->message_id == id);
  CHECK((*match)->seq == 3);
}

TEST_CASE("AMultipartMessageIsDeliveredOnlyWhenEverySegmentIs", "[store][reports]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  NewMessage two = Reported("+1");
  two.segments = 2;
  const int64_t id = Enqueue(queue, two);
  SendAll(queue, "m1", 40, kT0);
  auto first = queue.ApplyStatusReport(Report("m1", 40, "+1", 0x00), kT0 + 1, kDay);
  REQUIRE(first.ok());
  CHECK((*first)->message_state == MessageState::kSent);
  auto pending = queue.ApplyStatusReport(Report("m1", 41, "+1", 0x21), kT0 + 2, kDay);
  REQUIRE(pending.ok());
  CHECK((*pending)->message_state == MessageState::kSent);
  auto second = queue.ApplyStatusReport(Report("m1", 41, "+1", 0x00), kT0 + 3, kDay);
  REQUIRE(second.ok());
  CHECK((*second)->message_state == MessageState::kDelivered);
  CHECK((*queue.GetMessage(id))->delivered_at == kT0 + 3);
}

TEST_CASE("APermanentlyFailedSegmentFailsTheMessage", "[store][reports]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  NewMessage two = Reported("+1");
  two.segments = 2;
  const int64_t id = Enqueue(queue, two);
  SendAll(queue, "m1", 1, kT0);
  REQUIRE(queue.ApplyStatusReport(Report("m1", 1, "+1", 0x00), kT0 + 1, kDay).ok());
  auto failed = queue.ApplyStatusReport(Report("m1", 2, "+1", 0x41), kT0 + 2, kDay);
  REQUIRE(failed.ok());
  CHECK((*failed)->message_state == MessageState::kFailed);
  auto m = *queue.GetMessage(id);
  CHECK(m->error_code == "TP-ST 0x41");
  CHECK(m->error_text == "incompatible destination");
}

TEST_CASE("AReportArrivingBeforeMarkSentIsAppliedByIt", "[store][reports]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  NewMessage two = Reported("+1");
  two.segments = 2;
  const int64_t id = Enqueue(queue, two);
  Claim(queue, "m1");
  REQUIRE(queue.MarkSegmentSent(id, 1, "m1", 3, kT0).ok());
  auto early = queue.ApplyStatusReport(Report("m1", 3, "+1", 0x00), kT0 + 1, kDay);
  REQUIRE(early.ok());
  CHECK((*early)->message_state == MessageState::kSending);
  REQUIRE(queue.MarkSegmentSent(id, 2, "m1", 4, kT0 + 2).ok());
  REQUIRE(queue.ApplyStatusReport(Report("m1", 4, "+1", 0x00), kT0 + 3, kDay).ok());
  REQUIRE(queue.MarkSent(id, kT0 + 4).ok());
  CHECK(StateOf(queue, id) == MessageState::kDelivered);
}

TEST_CASE("AReportForAMessageSentWithoutARequestMatchesNothing", "[store][reports]") {
  // Such a segment is not indexed for matching (schema version 9): the
  // SMSC was not asked for a report, and a stray one changes nothing.
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  const int64_t id = Enqueue(queue, Msg("+1"));
  SendAll(queue, "m1", 9, kT0);
  auto match = queue.ApplyStatusReport(Report("m1", 9, "+1", 0x00), kT0 + 1, kDay);
  REQUIRE(match.ok());
  CHECK_FALSE(match->has_value());
  CHECK(StateOf(queue, id) == MessageState::kSent);
}

TEST_CASE("ListingPagesAreStableWhileMessagesArrive", "[store][list]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  std::vector<int64_t> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(Enqueue(queue, Msg(i % 2 ? "+odd" : "+even"), kT0 + i));
  auto first = queue.ListMessages({}, 3, "");
  REQUIRE(first.ok());
  REQUIRE(first->items.size() == 3);
  CHECK(first->items[0].id == ids[6]);
  REQUIRE_FALSE(first->next_cursor.empty());
  Enqueue(queue, Msg("+new"),
          kT0 + 100);  // newer rows do not shift later pages
  auto second = queue.ListMessages({}, 3, first->next_cursor);
  REQUIRE(second.ok());
  CHECK(second->items[0].id == ids[3]);
  auto third = queue.ListMessages({}, 3, second->next_cursor);
  REQUIRE(third.ok());
  REQUIRE(third->items.size() == 1);
  CHECK(third->items[0].id == ids[0]);
  CHECK(third->next_cursor.empty());

  auto even = queue.ListMessages({std::nullopt, "+even", kT0 + 2, {}, {}}, 10, "");
  REQUIRE(even.ok());
  CHECK(even->items.size() == 3);  // created at +2, +4, +6
  auto window = queue.ListMessages({std::nullopt, std::nullopt, kT0 + 2, kT0 + 5, {}}, 10, "");
  REQUIRE(window.ok());
  CHECK(window->items.size() == 3);  // created at +2, +3, +4: until is exclusive
  Claim(queue, "m1", kT0 + 200);
  auto sending = queue.ListMessages({MessageState::kSending, {}, {}, {}, {}}, 10, "");
  CHECK(sending->items.size() == 1);

  CHECK_FALSE(queue.ListMessages({}, 3, "bogus").ok());
  CHECK_FALSE(queue.ListMessages({}, 3, "i5").ok());  // an inbox cursor
  CHECK_FALSE(queue.ListMessages({}, 0, "").ok());
}

TEST_CASE("NextDue is the earliest future not_before or validity deadline", "[store][schedule]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  auto none = queue.NextDue(kT0);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());

  Enqueue(queue, Timed());                        // due now: not a future event
  Enqueue(queue, Timed(kT0 + 5000));              // scheduled
  Enqueue(queue, Timed(kT0 + 9000, kT0 + 3000));  // expires before it is due
  auto next = queue.NextDue(kT0);
  REQUIRE(next.ok());
  REQUIRE(next->has_value());
  CHECK(**next == kT0 + 3000);

  auto later = queue.NextDue(kT0 + 4000);
  REQUIRE(later.ok());
  CHECK(**later == kT0 + 5000);
}

// NextDue seeks messages_queue once per (pinned modem, priority) group:
// whichever group holds the earliest scheduled message, it is found, and
// earlier-sorting groups with later messages do not hide it.
TEST_CASE("NextDue finds the earliest scheduled message in whichever queue group holds it", "[store][schedule]") {
  struct Placement {
    const char* group;
    std::optional<std::string> pinned;
    Priority priority;
  };
  const Placement where = GENERATE(values<Placement>({
      {"unpinned otp", std::nullopt, Priority::kOtp},
      {"unpinned bulk", std::nullopt, Priority::kBulk},
      {"pinned to m1, normal", std::string("m1"), Priority::kNormal},
      {"pinned to m9, bulk (the last group)", std::string("m9"), Priority::kBulk},
  }));
  INFO(where.group);
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  // Decoys later than the answer in every group, and one due now.
  for (const std::optional<std::string>& pinned : {std::optional<std::string>(), std::optional<std::string>("m1"),
                                                   std::optional<std::string>("m5"), std::optional<std::string>("m9")}) {
    for (Priority p : {Priority::kOtp, Priority::kNormal, Priority::kBulk}) {
      NewMessage decoy = Timed(kT0 + 50'000, {}, p);
      decoy.modem = pinned;
      Enqueue(queue, decoy);
    }
  }
  Enqueue(queue, Timed());
  NewMessage answer = Timed(kT0 + 7'000, {}, where.priority);
  answer.modem = where.pinned;
  Enqueue(queue, answer);

  auto next = queue.NextDue(kT0);
  REQUIRE(next.ok());
  REQUIRE(next->has_value());
  CHECK(**next == kT0 + 7'000);
  auto after = queue.NextDue(kT0 + 7'000);
  REQUIRE(after.ok());
  CHECK(*after == std::optional<Millis>(kT0 + 50'000));
}

TEST_CASE("ExpireDue expires only queued messages past their deadline", "[store][schedule]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  const int64_t keep = Enqueue(queue, Timed({}, kT0 + 10'000));
  const int64_t gone = Enqueue(queue, Timed({}, kT0 + 1'000));
  const int64_t claimed = Enqueue(queue, Timed({}, kT0 + 2'000, Priority::kOtp));
  auto c = queue.ClaimNext("sim1", kT0);
  REQUIRE(c.ok());
  REQUIRE((*c)->id == claimed);

  auto expired = queue.ExpireDue(kT0 + 5'000);
  REQUIRE(expired.ok());
  CHECK(*expired == std::vector<int64_t>{gone});
  CHECK(queue.GetMessage(gone).value()->state == MessageState::kExpired);
  CHECK(queue.GetMessage(gone).value()->expired_at == kT0 + 5'000);
  CHECK(queue.GetMessage(keep).value()->state == MessageState::kQueued);
  CHECK(queue.GetMessage(claimed).value()->state == MessageState::kSending);
}

TEST_CASE("ListSegments, SendTimes and CountQueued report what happened", "[store][list]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  NewMessage two = Timed();
  two.segments = 2;
  two.dlr_url = "http://127.0.0.1:9/dlr?id=%I&s=%d";
  two.dlr_mask = 3;
  const int64_t id = Enqueue(queue, two);
  Enqueue(queue, Timed({}, {}, Priority::kBulk));
  Enqueue(queue, Timed({}, {}, Priority::kBulk));

  auto counts = queue.CountQueued();
  REQUIRE(counts.ok());
  CHECK(*counts ==
        std::vector<std::pair<Priority, int64_t>>{{Priority::kOtp, 0}, {Priority::kNormal, 1}, {Priority::kBulk, 2}});

  auto m = queue.ClaimNext("sim2", kT0);
  REQUIRE(m.ok());
  REQUIRE((*m)->id == id);
  CHECK((*m)->dlr_url == two.dlr_url);
  CHECK((*m)->dlr_mask == 3);
  REQUIRE(queue.MarkSegmentSent(id, 2, "sim2", 41, kT0 + 20).ok());
  REQUIRE(queue.MarkSegmentSent(id, 1, "sim2", 40, kT0 + 10).ok());
  auto segments = queue.ListSegments(id);
  REQUIRE(segments.ok());
  REQUIRE(segments->size() == 2);
  CHECK((*segments)[0].seq == 1);
  CHECK((*segments)[0].mr == 40);
  CHECK((*segments)[0].modem == "sim2");
  CHECK((*segments)[0].state == "sent");
  CHECK((*segments)[1].sent_at == kT0 + 20);

  auto times = store->send_log().SendTimes("sim2", kT0 + 5);
  REQUIRE(times.ok());
  CHECK(*times == std::vector<Millis>{kT0 + 10, kT0 + 20});
  CHECK(store->send_log().SendTimes("sim2", kT0 + 15).value() == std::vector<Millis>{kT0 + 20});
  CHECK(store->send_log().SendTimes("sim1", 0).value().empty());
}

namespace {

// What CountQueued must say, read message by message.
std::vector<std::pair<Priority, int64_t>> CountedByHand(OutboundQueue& queue, const std::vector<int64_t>& ids) {
  std::vector<std::pair<Priority, int64_t>> counts = {
      {Priority::kOtp, 0}, {Priority::kNormal, 0}, {Priority::kBulk, 0}};
  for (int64_t id : ids) {
    auto m = queue.GetMessage(id);
    REQUIRE(m.ok());
    REQUIRE(m->has_value());
    if ((*m)->state == MessageState::kQueued) ++counts[static_cast<size_t>((*m)->priority)].second;
  }
  return counts;
}

}  // namespace

TEST_CASE("CountQueued follows every state change, rolled-back groups and failed calls included", "[store][count]") {
  const uint32_t seed = GENERATE(1u, 2u, 3u);
  std::mt19937 random(seed);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<uint32_t>(n)); };
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  std::vector<int64_t> ids;
  std::vector<int64_t> sending;
  Millis now = kT0;
  const MessageError temporary{"cms", "+CMS ERROR: 38"};

  auto step = [&] {
    now += 1000;
    switch (pick(10)) {
      case 0:
      case 1: {  // one message, sometimes scheduled or short-lived
        NewMessage m =
            Timed(pick(4) == 0 ? std::optional<Millis>(now + 5000) : std::nullopt,
                  pick(4) == 0 ? std::optional<Millis>(now + 3000) : std::nullopt, static_cast<Priority>(pick(3)));
        m.segments = 1 + pick(2);
        ids.push_back(Enqueue(queue, m, now));
        break;
      }
      case 2: {  // a batch, which a bad message undoes whole
        std::vector<NewMessage> batch = {Msg("+905321234567", static_cast<Priority>(pick(3))),
                                         Msg("+905321234568", static_cast<Priority>(pick(3)))};
        if (pick(3) == 0) batch.push_back(Msg("not a number"));
        auto r = queue.EnqueueBatch(batch, now);
        if (r.ok()) {
          for (const EnqueueOutcome& o : *r) ids.push_back(o.id);
        }
        break;
      }
      case 3:
      case 4: {
        auto m = queue.ClaimNext(pick(2) == 0 ? "sim1" : "sim2", now);
        REQUIRE(m.ok());
        if (m->has_value()) sending.push_back((*m)->id);
        break;
      }
      case 5: {  // the claimed message's fate
        if (sending.empty()) break;
        const int64_t id = sending.back();
        sending.pop_back();
        Message m = *queue.GetMessage(id).value();
        switch (pick(5)) {
          case 0:
            for (int seq = 1; seq <= m.segments; ++seq)
              REQUIRE(queue.MarkSegmentSent(id, seq, *m.modem, seq, now).ok());
            REQUIRE(queue.MarkSent(id, now).ok());
            break;
          case 1:
            REQUIRE(queue.Requeue(id, now + 2000, temporary).ok());
            break;
          case 2:
            REQUIRE(queue.MarkUnknown(id, temporary, now).ok());
            break;
          case 3:
            REQUIRE(queue.MarkFailed(id, temporary, now).ok());
            break;
          default:
            if (m.segments > 1) {
              REQUIRE(queue.MarkSegmentSent(id, 1, *m.modem, 7, now).ok());
              REQUIRE(queue.Pause(id, now + 1000, now + 4000, temporary).ok());
            } else {
              REQUIRE(queue.Requeue(id, now, temporary).ok());
            }
        }
        break;
      }
      case 6:
        if (!ids.empty()) REQUIRE(queue.Cancel(ids[static_cast<size_t>(pick(static_cast<int>(ids.size())))], now).ok());
        break;
      case 7:
        REQUIRE(queue.ExpireDue(now).ok());
        break;
      case 8:
        if (!ids.empty()) {  // any state: a conflict for most, which must change nothing
          tellal::Status failed =
              queue.MarkFailed(ids[static_cast<size_t>(pick(static_cast<int>(ids.size())))], temporary, now);
          CHECK((failed.ok() || failed.error().code == tellal::ErrorCode::kConflict));
        }
        break;
      default: {  // a crash and the start-up after it
        REQUIRE(queue.RecoverAfterCrash(pick(2) == 0, now).ok());
        sending.clear();
      }
    }
  };

  for (int i = 0; i < 400; ++i) {
    INFO("seed " << seed << ", step " << i);
    if (pick(8) == 0) {
      // A group of steps that is committed or thrown away whole.
      const std::vector<int64_t> ids_before = ids;
      const std::vector<int64_t> sending_before = sending;
      const bool commit = pick(2) == 0;
      {
        auto group = store->BeginGroup(GroupSync::kConnection);
        REQUIRE(group.ok());
        for (int k = 0; k < 3; ++k) step();
        if (commit) REQUIRE(group->Commit().ok());
      }  // uncommitted: rolled back here
      if (!commit) {
        ids = ids_before;
        sending = sending_before;
      }
    } else {
      step();
    }
    auto counts = queue.CountQueued();
    REQUIRE(counts.ok());
    REQUIRE(*counts == CountedByHand(queue, ids));
  }
}

TEST_CASE("AMessageToABlockedNumberIsSuppressedWhenItComesUpAndIsNeverClaimed", "[store][claim][blocked]") {
  auto store = MemoryStore();
  OutboundQueue& queue = store->queue();
  // Accepted before the number was blocked: the check is at send time.
  const int64_t blocked = Enqueue(queue, Msg("+905551110000"));
  const int64_t other = Enqueue(queue, Msg("+905552220000"));
  REQUIRE(store->consents().Block("+905551110000", "asked by phone", kT0).value());

  SECTION("ClaimNext suppresses it on the way and takes the next one") {
    auto claimed = queue.ClaimNext("m1", kT0 + 1);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->has_value());
    CHECK((*claimed)->id == other);
    auto m = *queue.GetMessage(blocked);
    CHECK(m->state == MessageState::kSuppressed);
    CHECK(m->error_code == "blocked");
    CHECK(m->error_text == "the number is on the blocked list");
    CHECK(m->suppressed_at == kT0 + 1);
    CHECK_FALSE(m->failed_at);
    CHECK(m->attempts == 0);
  }
  SECTION("a failover does not take it either") {
    auto claimed = queue.ClaimMessage(blocked, "m2", kT0 + 1);
    REQUIRE(claimed.ok());
    CHECK_FALSE(claimed->has_value());
    CHECK(StateOf(queue, blocked) == MessageState::kQueued);
  }
  SECTION("once unblocked, it goes") {
    REQUIRE(store->consents().Unblock("+905551110000").value());
    auto claimed = queue.ClaimNext("m1", kT0 + 1);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->has_value());
    CHECK((*claimed)->id == blocked);
  }
}

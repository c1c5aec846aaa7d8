// SqliteElapsedTimes against its contract (daemon/store/elapsed_times.h):
// which stored times a clock step moves and which it leaves, through the
// other concerns' own reads, and the latest recorded time.
#include "daemon/store/sqlite/sqlite_elapsed_times.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "daemon/store/sqlite/elapsed_times_sql.h"
#include "store_testing.h"
#include "tests/daemon/store/temp_dir.h"

using namespace tellal::store;
using tellal::store::testing::FileStore;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;
using tellal::store::testing::TempDir;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;
constexpr Millis kSecond = 1000;
constexpr Millis kMinute = 60 * kSecond;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr Millis kReportWindow = 7 * kDay;
constexpr const char* kTo = "+905321234567";

NewMessage Msg(const std::string& text) {
  NewMessage m;
  m.to = kTo;
  m.text = text;
  m.encoding = "gsm7";
  m.segments = 1;
  return m;
}

Message Get(OutboundQueue& queue, int64_t id) {
  auto m = queue.GetMessage(id);
  REQUIRE(m.ok());
  REQUIRE(m->has_value());
  return **m;
}

// Sends message `id` through `modem` with TP-MR `mr` at `at`, asking for a
// delivery report.
void SendWithReport(OutboundQueue& queue, int64_t id, const std::string& modem, int mr, Millis at) {
  auto claimed = queue.ClaimMessage(id, modem, at);
  REQUIRE(claimed.ok());
  REQUIRE(claimed->has_value());
  REQUIRE(queue.MarkSegmentSent(id, 1, modem, mr, at).ok());
  REQUIRE(queue.MarkSent(id, at).ok());
}

StatusReport Delivered(const std::string& modem, int mr) {
  StatusReport r;
  r.modem = modem;
  r.mr = mr;
  r.recipient = kTo;
  r.status = 0;  // TP-ST 0: received by the SME
  return r;
}

}  // namespace

TEST_CASE("AStepMovesWhatMeasuresElapsedTimeAndKeepsScheduledSendsOnTheWallClock", "[store][clock]") {
  const Millis delta = GENERATE(values<Millis>({kDay, -kDay, 5 * 365 * kDay, -5 * 365 * kDay}));
  INFO("step " << delta);
  TempDir dir;
  auto store = FileStore(dir.File("t.db"));
  OutboundQueue& queue = store->queue();
  const Millis now = kT0 + kHour;

  // Due since it was accepted; never tried.
  auto due = queue.Enqueue(Msg("due"), kT0);
  REQUIRE(due.ok());
  // Scheduled by a person for later today.
  NewMessage scheduled_message = Msg("scheduled");
  scheduled_message.not_before = now + 2 * kHour;
  auto scheduled = queue.Enqueue(scheduled_message, kT0);
  REQUIRE(scheduled.ok());
  // A one-time code that failed once and waits out its back-off.
  NewMessage code_message = Msg("code");
  code_message.valid_until = now + 5 * kMinute;
  auto code = queue.Enqueue(code_message, kT0);
  REQUIRE(code.ok());
  REQUIRE(queue.ClaimMessage(code->id, "gsm0", now).ok());
  REQUIRE(queue.Requeue(code->id, now + 30 * kSecond, MessageError{"CMS 38", "network out of order"}).ok());
  // Sent a minute ago, its report not in yet; and one sent too long ago.
  NewMessage reported = Msg("recent");
  reported.report_requested = true;
  auto recent = queue.Enqueue(reported, kT0);
  REQUIRE(recent.ok());
  SendWithReport(queue, recent->id, "gsm0", 7, now - kMinute);
  reported.text = "old";
  auto old = queue.Enqueue(reported, kT0 - 10 * kDay);
  REQUIRE(old.ok());
  SendWithReport(queue, old->id, "gsm1", 9, now - 8 * kDay);
  // Half of a two-part inbound message.
  InboundPart part;
  part.modem = "gsm0";
  part.sender = kTo;
  part.ref = 3;
  part.total = 2;
  part.seq = 1;
  part.text = "first half";
  part.received_at = now - kMinute;
  REQUIRE(store->inbox().StoreInboundPart(part).ok());

  // A webhook delivery waiting 5 minutes for its retry, and one delivered.
  Webhooks& webhooks = store->webhooks();
  auto hook = webhooks.CreateWebhook(NewWebhook{"http://127.0.0.1:9/h", {"message.received"}, "whsec_AAAA", true}, kT0);
  REQUIRE(hook.ok());
  auto retrying = webhooks.QueueTestEvent(hook->id, now - kMinute);
  REQUIRE(retrying.ok());
  REQUIRE(retrying->has_value());
  AttemptResult failed_once;
  failed_once.delivery_id = (*retrying)->id;
  failed_once.attempt = WebhookAttempt{0, now - kMinute, 10, 503, "HTTP 503"};
  failed_once.next = AttemptResult::Next::kRetry;
  failed_once.retry_at = now + 5 * kMinute;
  REQUIRE(webhooks.RecordAttempt(failed_once).ok());
  auto other = webhooks.CreateWebhook(NewWebhook{"http://127.0.0.1:9/g", {"message.received"}, "whsec_AAAA", true}, kT0);
  REQUIRE(other.ok());
  auto done = webhooks.QueueTestEvent(other->id, now - kMinute);
  REQUIRE(done.ok());
  AttemptResult delivered;
  delivered.delivery_id = (*done)->id;
  delivered.attempt = WebhookAttempt{0, now - kMinute, 10, 200, ""};
  delivered.next = AttemptResult::Next::kDelivered;
  REQUIRE(webhooks.RecordAttempt(delivered).ok());

  // A Kannel dlr-url call (the "sent" report of a message sent a minute
  // ago) whose receiver answered 503, retried in 5 minutes.
  NewMessage with_dlr = Msg("kannel");
  with_dlr.dlr_url = "http://192.0.2.1/dlr?id=%i&type=%d";
  with_dlr.dlr_mask = 31;
  auto kannel = queue.Enqueue(with_dlr, kT0);
  REQUIRE(kannel.ok());
  SendWithReport(queue, kannel->id, "gsm2", 11, now - kMinute);
  auto calls = store->dlr_calls().CallsFor(kannel->id);
  REQUIRE(calls.ok());
  REQUIRE(calls->size() == 1);
  DlrCallOutcome busy;
  busy.call_id = (*calls)[0].id;
  busy.finished_at = now - kMinute + 10;
  busy.http_status = 503;
  busy.error = "HTTP 503";
  busy.next = DlrCallOutcome::Next::kRetry;
  busy.retry_at = now + 5 * kMinute;
  REQUIRE(store->dlr_calls().RecordAttempt(busy).ok());

  REQUIRE(store->elapsed_times().ShiftElapsedTimes(delta, now, now - kReportWindow).ok());
  const Millis after = now + delta;

  // The retry still comes 5 minutes after the step's "now"; the finished
  // delivery keeps its record.
  auto heads = webhooks.HeadDeliveries();
  REQUIRE(heads.ok());
  REQUIRE(heads->size() == 1);
  CHECK((*heads)[0].delivery_id == (*retrying)->id);
  CHECK((*heads)[0].next_attempt_at == after + 5 * kMinute);
  auto finished = webhooks.GetDelivery(other->id, (*done)->id);
  REQUIRE(finished.ok());
  REQUIRE(finished->has_value());
  CHECK((*finished)->finished_at == now - kMinute + 10);
  // So does the dlr-url call's; the state time it reports stays.
  auto kannel_calls = store->dlr_calls().CallsFor(kannel->id);
  REQUIRE(kannel_calls.ok());
  REQUIRE(kannel_calls->size() == 1);
  CHECK((*kannel_calls)[0].next_attempt_at == after + 5 * kMinute);
  CHECK((*kannel_calls)[0].state_at == now - kMinute);

  CHECK(Get(queue, due->id).not_before == kT0 + delta);
  CHECK(Get(queue, scheduled->id).not_before == now + 2 * kHour);
  const Message moved_code = Get(queue, code->id);
  CHECK(moved_code.not_before == after + 30 * kSecond);
  CHECK(moved_code.valid_until == after + 5 * kMinute);
  // Display times stay as they were recorded.
  CHECK(moved_code.created_at == kT0);

  // The rate window and the day's count moved with the step.
  CHECK(store->send_log().CountSends("gsm0", after - kMinute).value() == 1);
  CHECK(store->send_log().CountSends("gsm0", after - kMinute + 1).value() == 0);
  // The recent report still matches from the new "now"; the old segment was
  // past the window already and stays where it was.
  auto matched = queue.ApplyStatusReport(Delivered("gsm0", 7), after, kReportWindow);
  REQUIRE(matched.ok());
  REQUIRE(matched->has_value());
  CHECK((*matched)->message_id == recent->id);
  auto stale = queue.ApplyStatusReport(Delivered("gsm1", 9), now, kReportWindow + kDay);
  REQUIRE(stale.ok());
  CHECK(stale->has_value());

  // The incomplete inbound set is a minute old on the new clock.
  CHECK(store->inbox().ExpirePartialInbound(after - kMinute - 1).value() == 0);
  CHECK(store->inbox().ExpirePartialInbound(after - kMinute + 1).value() == 1);
}

TEST_CASE("ALatestRecordedTimeIsTheLastEventOfAnyKind", "[store][clock]") {
  TempDir dir;
  auto store = FileStore(dir.File("t.db"));
  CHECK(store->elapsed_times().LatestRecordedTime().value() == std::nullopt);
  auto queued = store->queue().Enqueue(Msg("a"), kT0);
  REQUIRE(queued.ok());
  CHECK(store->elapsed_times().LatestRecordedTime().value() == kT0);
  SendWithReport(store->queue(), queued->id, "gsm0", 1, kT0 + kMinute);
  CHECK(store->elapsed_times().LatestRecordedTime().value() == kT0 + kMinute);
  InboundPart part;
  part.modem = "gsm0";
  part.sender = kTo;
  part.text = "hi";
  part.received_at = kT0 + kHour;
  REQUIRE(store->inbox().StoreInboundPart(part).ok());
  CHECK(store->elapsed_times().LatestRecordedTime().value() == kT0 + kHour);
}

TEST_CASE("ReadingTheLatestTimeSeeksTheEndOfAnIndex", "[store][clock][plan]") {
  auto [name, statement, index] = GENERATE(table<const char*, std::string_view, const char*>({
      {"kLatestCreated", sql::kLatestCreated, "messages_by_created"},
      {"kLatestReceived", sql::kLatestReceived, "inbox_by_received"},
      {"kLatestPartReceived", sql::kLatestPartReceived, "inbound_parts_by_received"},
  }));
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, statement);
  INFO(name << ":\n" << plan);
  CHECK_THAT(plan, Catch::Contains("SEARCH"));
  CHECK_THAT(plan, Catch::Contains(index));
}

TEST_CASE("MovingQueuedTimesUsesThePartialIndexesOfQueuedMessages", "[store][clock][plan]") {
  auto [name, statement] = GENERATE(table<const char*, std::string_view>({
      {"kShiftNotBefore", sql::kShiftNotBefore},
  }));
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, statement);
  INFO(name << ":\n" << plan);
  CHECK_THAT(plan, !Catch::Contains("SCAN messages"));
}

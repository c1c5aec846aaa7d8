// The dispatcher with a real SQLite store on a temporary directory and fake
// modems (tests/support/fake_modem.h) that answer each send from a script,
// all on one io_context: no serial ports, no AT, no real time. The
// dispatcher's "now", next midnight and day start come from a clock the
// tests set (a day of the fake calendar is a multiple of 24 h since the
// epoch), so rate windows, back-offs, rests, daily limits and expiry are
// stepped, never waited for. The real driver is tested against virtual
// modems in tests/modem/driver and end to end in tests/integration.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <set>

#include "tests/daemon/core/dispatcher_rig.h"

namespace tellal::core {
namespace {

using namespace dispatcher_rig;

// --- Commits ---------------------------------------------------------------

TEST_CASE("ResultsOfModemsFinishingTogetherShareOneCommit", "[dispatcher][commit]") {
  const auto gather = GENERATE(values<std::chrono::microseconds>({0us, std::chrono::hours(1)}));
  INFO("commit_gather " << gather.count() << " us");
  DispatcherOptions options;
  options.commit_gather = gather;
  Rig rig(options);
  std::vector<testing::FakeModem*> modems;
  for (const char* id : {"gsm0", "gsm1", "gsm2", "gsm3"}) modems.push_back(&rig.AddModem(id));
  rig.WaitReady();
  rig.Poll();
  for (testing::FakeModem* modem : modems) modem->Hold();
  for (int i = 0; i < 4; ++i) rig.Enqueue(Msg("m" + std::to_string(i)));
  const int before = rig.groups.begun;
  rig.dispatcher->Wake();
  rig.Poll();
  REQUIRE(rig.Count(MessageState::kSending) == 4);
  // The modems answer one after another, each in a turn of its own.
  for (testing::FakeModem* modem : modems) {
    REQUIRE(modem->ReleaseOne());
    rig.Poll();
  }
  // No timer needs to fire: the wait ends when the last modem finishes.
  rig.Expect([&] { return rig.Count(MessageState::kSent) == 4; });
  // One commit claims all four; then one per result, or one for all four.
  CHECK(rig.groups.begun - before == (gather.count() == 0 ? 5 : 2));
}

TEST_CASE("AResultWaitsForOtherModemsAtMostTheGatherTime", "[dispatcher][commit]") {
  DispatcherOptions options;
  options.commit_gather = 20ms;
  Rig rig(options);
  rig.AddModem("gsm0");
  testing::FakeModem& slow = rig.AddModem("gsm1");
  rig.WaitReady();
  slow.Hold();
  const int64_t first = rig.Enqueue(Msg("first"));
  const int64_t second = rig.Enqueue(Msg("second"));
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.State(first) == MessageState::kSent || rig.State(second) == MessageState::kSent; });
  // The held send is still in flight: the other result did not wait for it.
  CHECK(slow.held() == 1);
  CHECK(rig.Count(MessageState::kSending) == 1);
  slow.ReleaseAll();
  rig.Expect([&] { return rig.Count(MessageState::kSent) == 2; });
}

TEST_CASE("AFailedCommitOfAClaimSendsNothingAndTheClaimIsRetried", "[dispatcher][commit]") {
  Rig rig;
  rig.AddModem("gsm0");
  rig.WaitReady();
  rig.Poll();
  const int64_t id = rig.Enqueue(Msg("claimed twice"));
  rig.store->FailNextCommits(1);
  rig.dispatcher->Wake();
  rig.Poll();
  // The claim was rolled back: no AT+CMGS went out for it.
  CHECK(rig.CmgsCount("gsm0") == 0);
  CHECK(rig.State(id) == MessageState::kQueued);
  // The dispatcher retries by itself (after its back-off) and sends it once.
  rig.Expect([&] { return rig.State(id) == MessageState::kSent; });
  CHECK(rig.CmgsCount("gsm0") == 1);
}

TEST_CASE("AFailedCommitOfResultsLeavesNothingSendingAndSendsNothingTwice", "[dispatcher][commit]") {
  const bool crash = GENERATE(false, true);
  INFO((crash ? "the daemon dies before the retry" : "the retry commits"));
  Rig rig;
  testing::FakeModem& gsm0 = rig.AddModem("gsm0");
  rig.WaitReady();
  rig.Poll();
  gsm0.Hold();
  const int64_t id = rig.Enqueue(Msg("answered"));
  rig.dispatcher->Wake();
  rig.Poll();
  REQUIRE(rig.State(id) == MessageState::kSending);
  // The +CMGS answer arrives; the commit recording it fails.
  rig.store->FailNextCommits(1);
  REQUIRE(gsm0.ReleaseOne());
  rig.Poll();
  CHECK(rig.State(id) == MessageState::kSending);
  if (crash) {
    rig.Restart();
    auto recovered = rig.store->queue().RecoverAfterCrash(/*resend_unknown=*/false, rig.Now());
    REQUIRE(recovered.ok());
    // It may have gone out: unknown, never resent.
    CHECK(rig.State(id) == MessageState::kUnknown);
    CHECK(rig.Count(MessageState::kSending) == 0);
    rig.AddModem("gsm0");
    rig.WaitReady();
    rig.Poll();
    CHECK(rig.CmgsCount("gsm0") == 0);
  } else {
    rig.Expect([&] { return rig.State(id) == MessageState::kSent; });
    CHECK(rig.CmgsCount("gsm0") == 1);
  }
}

// --- Order and balancing -----------------------------------------------------

TEST_CASE("MessagesGoByPriorityThenAge", "[dispatcher]") {
  Rig rig;
  std::vector<std::pair<std::string, Priority>> queued = {
      {"bulk-1", Priority::kBulk},     {"normal-1", Priority::kNormal}, {"otp-1", Priority::kOtp},
      {"normal-2", Priority::kNormal}, {"otp-2", Priority::kOtp},       {"bulk-2", Priority::kBulk},
      {"otp-3", Priority::kOtp},
  };
  std::vector<int64_t> ids;
  for (const auto& [text, priority] : queued) {
    ids.push_back(rig.Enqueue(Msg(text, priority)));
    rig.clock += kSecond;
  }
  rig.AddModem("gsm0");
  rig.Expect([&] { return rig.Count(MessageState::kSent) == 7; });
  CHECK(rig.Texts("gsm0") ==
        std::vector<std::string>{"otp-1", "otp-2", "otp-3", "normal-1", "normal-2", "bulk-1", "bulk-2"});
  for (int64_t id : ids) {
    const store::Message m = rig.Get(id);
    CHECK(m.modem == std::optional<std::string>("gsm0"));
    CHECK(m.attempts == 1);
    CHECK(m.sent_at == std::optional<Millis>(rig.clock));
  }
}

TEST_CASE("AnEarlierScheduledTimeCountsAsOlder", "[dispatcher]") {
  // Age is the time a message became due (accept time, or its schedule).
  Rig rig;
  const int64_t plain = rig.Enqueue(Msg("accepted-now"));
  store::NewMessage scheduled = Msg("due-earlier");
  scheduled.not_before = rig.clock - kHour;
  rig.clock += kSecond;
  const int64_t early = rig.Enqueue(scheduled);
  rig.AddModem("gsm0");
  rig.Expect([&] { return rig.State(plain) == MessageState::kSent && rig.State(early) == MessageState::kSent; });
  CHECK(rig.Texts("gsm0") == std::vector<std::string>{"due-earlier", "accepted-now"});
}

TEST_CASE("TheModemThatSentLeastTodayIsServedFirst", "[dispatcher]") {
  Rig rig;
  // Counts restored from the send log: a 3, b 1, c 0 (and c's sends from
  // yesterday do not count).
  rig.PriorSends("a", 3, kT0 - kHour);
  rig.PriorSends("b", 1, kT0 - 2 * kHour);
  rig.PriorSends("c", 5, kMidnight - kHour);
  rig.AddModem("a");
  rig.AddModem("b");
  rig.AddModem("c");
  rig.WaitReady();
  CHECK(rig.Counters("a").sent_today == 3);
  CHECK(rig.Counters("b").sent_today == 1);
  CHECK(rig.Counters("c").sent_today == 0);

  const int64_t otp = rig.Enqueue(Msg("otp", Priority::kOtp));
  const int64_t normal = rig.Enqueue(Msg("normal"));
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.State(otp) == MessageState::kSent && rig.State(normal) == MessageState::kSent; });
  CHECK(rig.Get(otp).modem == std::optional<std::string>("c"));
  CHECK(rig.Get(normal).modem == std::optional<std::string>("b"));
  CHECK(rig.CmgsCount("a") == 0);
  CHECK(rig.Counters("a").sent_today == 3);
  CHECK(rig.Counters("b").sent_today == 2);
  CHECK(rig.Counters("c").sent_today == 1);
}

TEST_CASE("FreeModemsEachTakeAMessage", "[dispatcher]") {
  Rig rig;
  for (const char* id : {"a", "b", "c"}) rig.AddModem(id);
  rig.WaitReady();
  for (int i = 0; i < 3; ++i) rig.Enqueue(Msg("spread " + std::to_string(i)));
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.Count(MessageState::kSent) == 3; });
  for (const char* id : {"a", "b", "c"}) {
    CAPTURE(id);
    CHECK(rig.modems.at(id)->submitted().size() == 1);
    CHECK(rig.Counters(id).sent_today == 1);
  }
  CHECK(rig.dispatcher->SentTotal() == 3);
}

// --- Limits -------------------------------------------------------------------

TEST_CASE("RatePerMinuteIsHonouredPerModem", "[dispatcher]") {
  Rig rig;
  for (int i = 0; i < 5; ++i) rig.Enqueue(Msg("rate " + std::to_string(i)));
  rig.AddModem("gsm0", ModemLimits{2, std::nullopt});
  rig.Expect([&] { return rig.Count(MessageState::kSent) == 2; });
  rig.Poll();
  CHECK(rig.Count(MessageState::kSending) == 0);
  CHECK(rig.Count(MessageState::kQueued) == 3);
  CHECK(rig.CmgsCount("gsm0") == 2);
  const ModemCounters counters = rig.Counters("gsm0");
  CHECK(counters.rate_per_minute == std::optional<int>(2));
  CHECK(counters.sent_today == 2);

  // Both went out at kT0 (the clock stands still): the window opens at kT0 + 60 s.
  rig.clock = kT0 + kMinute - 1;
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.Count(MessageState::kSending) == 0);
  CHECK(rig.Count(MessageState::kSent) == 2);

  rig.clock = kT0 + kMinute;
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.Count(MessageState::kSent) == 4; });
  rig.Poll();
  CHECK(rig.Count(MessageState::kSending) == 0);
  CHECK(rig.Count(MessageState::kQueued) == 1);

  rig.clock = kT0 + 2 * kMinute;
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.Count(MessageState::kSent) == 5; });
  CHECK(rig.CmgsCount("gsm0") == 5);
}

TEST_CASE("RateLimitedModemsShareTheQueueEvenly", "[dispatcher]") {
  Rig rig;
  for (const char* id : {"a", "b", "c"}) rig.AddModem(id, ModemLimits{2, std::nullopt});
  rig.WaitReady();
  for (int i = 0; i < 7; ++i) rig.Enqueue(Msg("even " + std::to_string(i)));
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.Count(MessageState::kSent) == 6; });
  rig.Poll();
  CHECK(rig.Count(MessageState::kSending) == 0);
  CHECK(rig.Count(MessageState::kQueued) == 1);
  for (const char* id : {"a", "b", "c"}) {
    CAPTURE(id);
    CHECK(rig.modems.at(id)->submitted().size() == 2);
  }
  rig.clock += kMinute;
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.Count(MessageState::kSent) == 7; });
}

TEST_CASE("DailyLimitCountsRestoredSendsAndResetsAtMidnight", "[dispatcher]") {
  Rig rig;
  rig.PriorSends("gsm0", 2, kT0 - 2 * kHour);
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(rig.Enqueue(Msg("daily " + std::to_string(i))));
  rig.AddModem("gsm0", ModemLimits{std::nullopt, 3});
  rig.Expect([&] { return rig.State(ids[0]) == MessageState::kSent; });
  rig.Poll();
  CHECK(rig.State(ids[1]) == MessageState::kQueued);
  CHECK(rig.State(ids[2]) == MessageState::kQueued);
  CHECK(rig.Counters("gsm0").sent_today == 3);
  CHECK(rig.Counters("gsm0").daily_limit == std::optional<int>(3));

  rig.clock = FakeNextMidnight(kT0) - 1;
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.Count(MessageState::kSending) == 0);
  CHECK(rig.State(ids[1]) == MessageState::kQueued);

  rig.clock = FakeNextMidnight(kT0);
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.State(ids[2]) == MessageState::kSent; });
  CHECK(rig.State(ids[1]) == MessageState::kSent);
  CHECK(rig.Counters("gsm0").sent_today == 2);
}

TEST_CASE("AMultipartMessageMayOvershootTheRateByItsPartsMinusOne", "[dispatcher]") {
  Rig rig;
  const int64_t long_one = rig.Enqueue(Msg(std::string(400, 'm')));
  rig.clock += kSecond;
  const int64_t short_one = rig.Enqueue(Msg("after"));
  rig.AddModem("gsm0", ModemLimits{1, std::nullopt});
  rig.Expect([&] { return rig.State(long_one) == MessageState::kSent; });
  rig.Poll();
  CHECK(rig.State(short_one) == MessageState::kQueued);
  CHECK(rig.modems.at("gsm0")->submitted().size() == 3);
  CHECK(rig.Counters("gsm0").sent_today == 3);
  // Operators count segments: the window holds three until they are a minute old.
  rig.clock += kMinute - 1;
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.State(short_one) == MessageState::kQueued);
  rig.clock += 1;
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.State(short_one) == MessageState::kSent; });
}

TEST_CASE("NewLimitsApplyAtOnce", "[dispatcher]") {
  Rig rig;
  for (int i = 0; i < 3; ++i) rig.Enqueue(Msg("limits " + std::to_string(i)));
  rig.AddModem("gsm0", ModemLimits{1, std::nullopt});
  rig.Expect([&] { return rig.Count(MessageState::kSent) == 1; });
  rig.Poll();
  CHECK(rig.Count(MessageState::kQueued) == 2);
  rig.dispatcher->SetLimits("gsm0", ModemLimits{3, 100});
  const ModemCounters c = rig.Counters("gsm0");
  CHECK(c.rate_per_minute == std::optional<int>(3));
  CHECK(c.daily_limit == std::optional<int>(100));
  rig.Expect([&] { return rig.Count(MessageState::kSent) == 3; });
}

// --- Outcomes -----------------------------------------------------------------

TEST_CASE("EverySegmentGoesThroughTheClaimingModemInOrder", "[dispatcher]") {
  Rig rig;
  rig.PriorSends("b", 5, kT0 - kHour);
  rig.AddModem("a");
  rig.AddModem("b");
  rig.WaitReady();
  const std::string text = std::string(153, 'x') + std::string(153, 'y') + std::string(10, 'z');
  const int64_t id = rig.Enqueue(Msg(text));
  rig.clock += kSecond;
  const int64_t other = rig.Enqueue(Msg("other"));
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.State(id) == MessageState::kSent && rig.State(other) == MessageState::kSent; });
  CHECK(rig.Get(id).modem == std::optional<std::string>("a"));
  CHECK(rig.Get(other).modem == std::optional<std::string>("b"));

  const std::vector<testing::FakeModem::Submitted>& sent = rig.modems.at("a")->submitted();
  REQUIRE(sent.size() == 3);
  std::vector<store::SegmentRecord> segments = *rig.store->queue().ListSegments(id);
  std::sort(segments.begin(), segments.end(), [](const auto& l, const auto& r) { return l.seq < r.seq; });
  REQUIRE(segments.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    REQUIRE(sent[i].decoded.udh.concat.has_value());
    CHECK(sent[i].decoded.udh.concat->seq == i + 1);
    CHECK(sent[i].decoded.udh.concat->total == 3);
    CHECK(sent[i].decoded.udh.concat->ref == (id & 0xFF));
    CHECK(sent[i].decoded.address.value == kTo);
    // The store keeps each part's TP-MR, for matching its status report.
    CHECK(segments[i].seq == static_cast<int>(i) + 1);
    CHECK(segments[i].modem == "a");
    CHECK(segments[i].mr == sent[i].result.message_reference);
    CHECK(segments[i].state == "sent");
  }
  CHECK(sent[0].decoded.text + sent[1].decoded.text + sent[2].decoded.text == text);

  CHECK(rig.Counters("a").sent_total == 3);
  CHECK(rig.Counters("b").sent_total == 1);
  CHECK(rig.dispatcher->SentTotal() == 4);
  const LatencyHistogram latency = rig.dispatcher->Latency();
  CHECK(latency.count == 4);
  CHECK(latency.counts.back() == 4);  // every send took at most the last bound (60 s)
}

TEST_CASE("AMessageIsSendingInTheStoreBeforeItsFirstPduGoesOut", "[dispatcher]") {
  Rig rig;
  const int64_t id = rig.Enqueue(Msg("write first"));
  std::optional<store::Message> seen;
  testing::FakeModem& vm = rig.AddModem("gsm0");
  vm.AnswerWith([&](const testing::FakeModem::Submitted&) {
    // The network has the PDU, the dispatcher has not heard back: what does
    // the database say to anyone else (or after a crash)?
    auto other = store::SqliteStore::Open(rig.db_path);
    REQUIRE(other.ok());
    auto m = (*other)->queue().GetMessage(id);
    REQUIRE(m.ok());
    REQUIRE(m->has_value());
    seen = **m;
    return testing::FakeModem::Accepted(7);
  });
  rig.Expect([&] { return rig.State(id) == MessageState::kSent; });
  REQUIRE(seen.has_value());
  CHECK(seen->state == MessageState::kSending);
  CHECK(seen->modem == std::optional<std::string>("gsm0"));
  CHECK(seen->attempts == 1);
  CHECK(seen->sending_at == std::optional<Millis>(kT0));
}

TEST_CASE("ATemporaryErrorRequeuesWithDoublingBackOff", "[dispatcher]") {
  DispatcherOptions options;
  options.retry_backoff = 30s;
  options.max_backoff = 100s;
  options.failures_before_rest = 100;
  Rig rig(options);
  const int64_t id = rig.Enqueue(Msg("retry me"));
  testing::FakeModem& vm = rig.AddModem("gsm0");
  vm.AnswerCmsError(38);  // network out of order

  rig.Expect([&] { return rig.Get(id).attempts == 1 && rig.State(id) == MessageState::kQueued; });
  store::Message m = rig.Get(id);
  CHECK(m.error_code == std::optional<std::string>("CMS 38"));
  CHECK_THAT(m.error_text.value_or(""), Catch::Contains("38"));
  CHECK(m.not_before == kT0 + 30 * kSecond);
  rig.Poll();
  CHECK(rig.CmgsCount("gsm0") == 1);

  // Not a moment early.
  rig.clock = kT0 + 30 * kSecond - 1;
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.State(id) == MessageState::kQueued);
  CHECK(rig.Get(id).attempts == 1);

  // The back-off doubles per attempt: 30 s, 60 s, then the 100 s cap.
  const std::vector<Millis> backoffs = {60 * kSecond, 100 * kSecond};
  for (size_t i = 0; i < backoffs.size(); ++i) {
    rig.clock = rig.Get(id).not_before;
    rig.dispatcher->Wake();
    const int attempt = static_cast<int>(i) + 2;
    rig.Expect([&] { return rig.Get(id).attempts == attempt && rig.State(id) == MessageState::kQueued; });
    CHECK(rig.Get(id).not_before == rig.clock + backoffs[i]);
  }

  vm.AnswerOk();
  rig.clock = rig.Get(id).not_before;
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.State(id) == MessageState::kSent; });
  CHECK(rig.Get(id).attempts == 4);
  const ModemCounters c = rig.Counters("gsm0");
  CHECK(c.failed_total == 3);
  CHECK(c.sent_total == 1);
  CHECK_THAT(c.last_error.value_or(""), Catch::Contains("38"));
}

TEST_CASE("APermanentErrorFailsTheMessageWithTheReason", "[dispatcher]") {
  Rig rig;
  const int64_t id = rig.Enqueue(Msg("nobody"));
  rig.AddModem("gsm0").AnswerCmsError(1);  // unassigned (unallocated) number
  rig.Expect([&] { return rig.State(id) == MessageState::kFailed; });
  const store::Message m = rig.Get(id);
  CHECK(m.error_code == std::optional<std::string>("CMS 1"));
  CHECK_THAT(m.error_text.value_or(""), Catch::Contains("unassigned"));
  CHECK(m.attempts == 1);
  CHECK(m.failed_at == std::optional<Millis>(kT0));
  // Never tried again.
  rig.clock += kHour;
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.CmgsCount("gsm0") == 1);
  CHECK(rig.State(id) == MessageState::kFailed);
}

TEST_CASE("ATimeoutAfterThePduWasWrittenIsUnknownAndNeverResent", "[dispatcher]") {
  Rig rig;
  const int64_t id = rig.Enqueue(Msg("maybe sent"));
  // The PDU went out, and no +CMGS came before the driver stopped waiting.
  rig.AddModem("slow").AnswerTimeout();
  rig.Expect([&] { return rig.State(id) == MessageState::kUnknown; });
  const store::Message m = rig.Get(id);
  CHECK(m.error_code == std::optional<std::string>("timeout"));
  CHECK_THAT(m.error_text.value_or(""), Catch::Contains("not resent"));
  CHECK(m.unknown_at == std::optional<Millis>(kT0));
  CHECK(rig.Counters("slow").failed_total == 1);

  // A healthy modem joins and time passes: the message stays where it is.
  rig.AddModem("spare");
  rig.WaitReady();
  rig.clock += kHour;
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.CmgsCount("spare") == 0);
  CHECK(rig.State(id) == MessageState::kUnknown);
}

TEST_CASE("ALaterPartsTemporaryErrorResumesTheRemainingPartsOnTheSameSimAfterBackOff", "[dispatcher][multipart]") {
  DispatcherOptions options;
  options.retry_backoff = 30s;
  options.failures_before_rest = 100;
  Rig rig(options);
  rig.PriorSends("b", 1, kT0 - kHour);  // so "a" claims it
  testing::FakeModem& a = rig.AddModem("a");
  rig.AddModem("b");
  rig.WaitReady();
  // Part 2 meets "network out of order" the first time it is tried.
  bool failed_once = false;
  a.AnswerWith([&](const testing::FakeModem::Submitted& s) {
    if (PartOf(s) == 2 && !failed_once) {
      failed_once = true;
      return testing::FakeModem::CmsError(38);
    }
    return testing::FakeModem::Accepted(40 + PartOf(s));
  });
  const int64_t id = rig.Enqueue(Msg(kThreeParts));
  rig.dispatcher->Wake();
  rig.Expect([&] { return failed_once && rig.State(id) == MessageState::kQueued; });

  // Paused: part 1 is recorded, the message waits for "a" only.
  store::Message m = rig.Get(id);
  CHECK(m.pinned_modem == std::optional<std::string>("a"));
  CHECK(m.not_before == kT0 + 30 * kSecond);
  CHECK(m.error_code == std::optional<std::string>("CMS 38"));
  CHECK(m.resume_until.has_value());
  REQUIRE(m.concat_ref.has_value());
  CHECK(rig.store->queue().ListSegments(id)->size() == 1);

  // The free modem "b" never takes it, before or after the back-off.
  rig.clock = kT0 + 30 * kSecond - 1;
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.State(id) == MessageState::kQueued);
  CHECK(rig.CmgsCount("a") == 2);
  rig.clock = kT0 + 30 * kSecond;
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.State(id) == MessageState::kSent; });

  CHECK(rig.CmgsCount("b") == 0);
  CHECK(rig.CmgsCount("a") == 4);  // 1, 2 (refused), 2, 3
  const int ref = *m.concat_ref;
  CHECK(AcceptedParts(a) == std::vector<std::pair<int, int>>{{ref, 1}, {ref, 2}, {ref, 3}});
  std::string received;
  for (const auto& s : a.submitted()) received += s.decoded.text;
  CHECK(received == kThreeParts);
  m = rig.Get(id);
  CHECK(m.attempts == 2);
  CHECK(m.modem == std::optional<std::string>("a"));
  const std::vector<store::SegmentRecord> segments = *rig.store->queue().ListSegments(id);
  REQUIRE(segments.size() == 3);
  for (int i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(segments[i].seq == i + 1);
    CHECK(segments[i].modem == "a");
    CHECK(segments[i].mr == 41 + i);
  }
  CHECK(segments[0].sent_at == kT0);
  CHECK(segments[1].sent_at == kT0 + 30 * kSecond);
}

TEST_CASE("AResumedSetEndsUnknownPartialWhenItsSimCannotSendBeforeTheDeadline", "[dispatcher][multipart]") {
  DispatcherOptions options;
  options.retry_backoff = 30s;
  options.failures_before_rest = 100;
  Rig rig(options);
  rig.PriorSends("b", 1, kT0 - kHour);
  testing::FakeModem& a = rig.AddModem("a");
  rig.AddModem("b");
  rig.WaitReady();
  a.AnswerWith([&a](const testing::FakeModem::Submitted&) {
    a.AnswerCmsError(38);
    return testing::FakeModem::Accepted(11);
  });
  store::NewMessage n = Msg(kThreeParts);

  SECTION("the SIM goes away until the validity deadline has passed") {
    n.valid_until = kT0 + 10 * kMinute;
    const int64_t id = rig.Enqueue(n);
    rig.dispatcher->Wake();
    rig.Expect([&] { return rig.State(id) == MessageState::kQueued && rig.CmgsCount("a") == 2; });
    a.SetState(modem::ModemState::kAbsent);
    rig.Poll();
    rig.clock = kT0 + 10 * kMinute;  // the deadline itself still counts
    rig.dispatcher->Wake();
    rig.Poll();
    CHECK(rig.State(id) == MessageState::kQueued);
    rig.clock = kT0 + 10 * kMinute + kSecond;
    rig.dispatcher->Wake();
    rig.Expect([&] { return rig.State(id) == MessageState::kUnknown; });
    const store::Message m = rig.Get(id);
    CHECK(m.error_code == std::optional<std::string>("partial"));
    CHECK_THAT(m.error_text.value_or(""), Catch::Contains("sent 1 of 3 parts") && Catch::Contains("a could not"));
    CHECK(m.unknown_at == std::optional<Millis>(kT0 + 10 * kMinute + kSecond));
    CHECK(rig.CmgsCount("b") == 0);
  }
  SECTION("the back-off would end after the validity deadline") {
    n.valid_until = kT0 + 10 * kSecond;
    const int64_t id = rig.Enqueue(n);
    rig.dispatcher->Wake();
    rig.Expect([&] { return rig.State(id) == MessageState::kUnknown; });
    const store::Message m = rig.Get(id);
    CHECK(m.error_code == std::optional<std::string>("partial"));
    CHECK_THAT(m.error_text.value_or(""),
               Catch::Contains("sent 1 of 3 parts") && Catch::Contains("cannot send the rest before the deadline"));
    CHECK(rig.CmgsCount("b") == 0);
  }
  SECTION("a paused set's modem never comes back within the resume window") {
    const int64_t id = rig.Enqueue(n);  // no validity deadline: resume_window (24 h) applies
    rig.dispatcher->Wake();
    rig.Expect([&] { return rig.State(id) == MessageState::kQueued && rig.CmgsCount("a") == 2; });
    CHECK(rig.Get(id).resume_until == std::optional<Millis>(kT0 + kDay));
    a.SetState(modem::ModemState::kAbsent);
    rig.Poll();
    rig.clock = kT0 + kDay + 1;
    rig.dispatcher->Wake();
    rig.Expect([&] { return rig.State(id) == MessageState::kUnknown; });
    CHECK(rig.Get(id).error_code == std::optional<std::string>("partial"));
  }
}

TEST_CASE("AResumedSetEndsUnknownPartialWhenAttemptsRunOut", "[dispatcher][multipart]") {
  DispatcherOptions options;
  options.max_attempts = 3;
  options.retry_backoff = 0ms;
  options.failures_before_rest = 100;
  Rig rig(options);
  testing::FakeModem& a = rig.AddModem("a");
  a.AnswerWith([](const testing::FakeModem::Submitted& s) {
    return PartOf(s) == 1 ? testing::FakeModem::Accepted(1) : testing::FakeModem::CmsError(42);
  });
  const int64_t id = rig.Enqueue(Msg(kThreeParts));
  rig.Expect([&] { return rig.State(id) == MessageState::kUnknown; });
  const store::Message m = rig.Get(id);
  CHECK(m.attempts == 3);
  CHECK(m.error_code == std::optional<std::string>("partial"));
  CHECK_THAT(m.error_text.value_or(""), Catch::Contains("sent 1 of 3 parts") && Catch::Contains("gave up after 3"));
  CHECK(rig.CmgsCount("a") == 4);  // part 1 once, part 2 three times
  CHECK(a.submitted().size() == 1);
}

TEST_CASE("APermanentErrorOnALaterPartEndsUnknownPartial", "[dispatcher][multipart]") {
  Rig rig;
  const int64_t id = rig.Enqueue(Msg(std::string(400, 'p')));
  testing::FakeModem& vm = rig.AddModem("gsm0");
  vm.AnswerWith([&vm](const testing::FakeModem::Submitted&) {
    vm.AnswerCmsError(1);  // unassigned number: no later attempt can do better
    return testing::FakeModem::Accepted(11);
  });
  rig.Expect([&] { return rig.State(id) == MessageState::kUnknown; });
  const store::Message m = rig.Get(id);
  CHECK(m.error_code == std::optional<std::string>("partial"));
  CHECK_THAT(m.error_text.value_or(""), Catch::Contains("sent 1 of 3 parts"));
  vm.AnswerOk();
  rig.clock += kHour;
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.CmgsCount("gsm0") == 2);
  CHECK(rig.State(id) == MessageState::kUnknown);
}

TEST_CASE("ATemporaryErrorBeforeAnyPartWentOutMovesToAnotherReadySimAtOnce", "[dispatcher]") {
  DispatcherOptions options;
  options.retry_backoff = 30s;
  options.failures_before_rest = 100;
  Rig rig(options);
  rig.PriorSends("b", 1, kT0 - kHour);  // "a" is asked first
  auto [code, multipart] = GENERATE(table<int, bool>({{38, false}, {38, true}, {42, true}, {310, false}}));
  CAPTURE(code, multipart);
  rig.AddModem("a").AnswerCmsError(code);
  rig.AddModem("b");
  rig.WaitReady();
  const int64_t id = rig.Enqueue(Msg(multipart ? kThreeParts : "elsewhere"));
  rig.dispatcher->Wake();
  // The clock stands still: no back-off is waited for.
  rig.Expect([&] { return rig.State(id) == MessageState::kSent; });
  const store::Message m = rig.Get(id);
  CHECK(m.modem == std::optional<std::string>("b"));
  CHECK(m.attempts == 2);
  CHECK(m.sending_at == std::optional<Millis>(kT0));
  CHECK(rig.CmgsCount("a") == 1);
  CHECK(rig.modems.at("b")->submitted().size() == (multipart ? 3u : 1u));
}

TEST_CASE("StopPausesAMultipartAfterThePartInFlightAndARestartSendsTheRestOnTheSameSim", "[dispatcher][multipart]") {
  Rig rig;
  const int64_t id = rig.Enqueue(Msg(kThreeParts));
  testing::FakeModem& a = rig.AddModem("a");
  a.Hold();
  rig.Expect([&] { return a.held() == 1; });
  bool done = false;
  rig.dispatcher->Stop([&] { done = true; });
  rig.Poll();
  CHECK_FALSE(done);
  a.ReleaseAll();
  rig.Expect([&] { return done; });
  // One AT+CMGS waited for, not three.
  CHECK(rig.CmgsCount("a") == 1);
  store::Message m = rig.Get(id);
  CHECK(m.state == MessageState::kQueued);
  CHECK(m.pinned_modem == std::optional<std::string>("a"));
  CHECK(m.error_code == std::optional<std::string>("paused"));
  CHECK_THAT(m.error_text.value_or(""), Catch::Contains("sent 1 of 3 parts"));
  REQUIRE(m.concat_ref.has_value());
  const int ref = *m.concat_ref;

  rig.Restart();
  rig.clock += kMinute;
  testing::FakeModem& other = rig.AddModem("other");  // free, and sent least: still not its message
  rig.WaitReady();
  rig.Poll();
  CHECK(rig.State(id) == MessageState::kQueued);
  CHECK(other.send_calls() == 0);
  testing::FakeModem& again = rig.AddModem("a");
  rig.Expect([&] { return rig.State(id) == MessageState::kSent; });
  CHECK(again.send_calls() == 2);
  CHECK(AcceptedParts(again) == std::vector<std::pair<int, int>>{{ref, 2}, {ref, 3}});
  CHECK(other.send_calls() == 0);
  const std::vector<store::SegmentRecord> segments = *rig.store->queue().ListSegments(id);
  REQUIRE(segments.size() == 3);
  for (const auto& segment : segments) CHECK(segment.modem == "a");
}

TEST_CASE("RemovingAModemPausesItsMultipartAfterThePartInFlight", "[dispatcher][multipart]") {
  Rig rig;
  const int64_t id = rig.Enqueue(Msg(kThreeParts));
  testing::FakeModem& a = rig.AddModem("a");
  a.Hold();
  rig.Expect([&] { return a.held() == 1; });
  bool removed = false;
  rig.dispatcher->RemoveModem("a", [&] { removed = true; });
  a.ReleaseAll();
  rig.Expect([&] { return removed; });
  CHECK(rig.CmgsCount("a") == 1);
  CHECK(rig.State(id) == MessageState::kQueued);
  CHECK(rig.Get(id).pinned_modem == std::optional<std::string>("a"));
  CHECK_THAT(rig.Get(id).error_text.value_or(""), Catch::Contains("a was removed"));
}

// Seeded pseudo-random temporary errors on many 3-part messages across
// several modems: every message completes, every part reaches the network
// exactly once, in order, all parts of a message through one SIM.
TEST_CASE("FivePercentTemporaryErrorsOnThreePartMessagesLoseAndRepeatNothing", "[dispatcher][multipart]") {
  const uint32_t seed = GENERATE(1u, 7u, 2026u);
  CAPTURE(seed);
  DispatcherOptions options;
  options.max_attempts = 10;
  options.retry_backoff = 0ms;
  options.failures_before_rest = 1000;
  Rig rig(options);
  std::mt19937 rng(seed);
  int refused = 0;
  const std::vector<std::string> ids = {"m0", "m1", "m2", "m3"};
  for (const std::string& modem_id : ids) {
    testing::FakeModem& vm = rig.AddModem(modem_id);
    vm.AnswerWith([&rng, &refused, mr = 0](const testing::FakeModem::Submitted&) mutable {
      if (rng() % 100 < 5) {
        ++refused;
        return testing::FakeModem::CmsError(rng() % 2 ? 38 : 42);
      }
      return testing::FakeModem::Accepted(mr++ % 256);
    });
  }
  rig.WaitReady();
  constexpr int kMessages = 120;
  std::map<int64_t, std::string> texts;
  for (int i = 0; i < kMessages; ++i) {
    std::string text = "message " + std::to_string(i) + " ";
    while (text.size() < 153 * 2 + 20) text += static_cast<char>('a' + (text.size() + i) % 26);
    texts[rig.Enqueue(Msg(text))] = text;
  }
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.Count(MessageState::kSent) == kMessages; });
  CHECK(refused > 0);  // otherwise this proves nothing

  // Per concatenation reference: the modems that carried it and its parts.
  std::map<int, std::set<std::string>> sims;
  std::map<int, std::vector<int>> parts;
  std::map<int, std::string> received;
  for (const std::string& modem_id : ids) {
    for (const auto& s : rig.modems.at(modem_id)->submitted()) {
      REQUIRE(s.decoded.udh.concat.has_value());
      CHECK(s.decoded.udh.concat->total == 3);
      sims[RefOf(s)].insert(modem_id);
      parts[RefOf(s)].push_back(PartOf(s));
      received[RefOf(s)] += s.decoded.text;
    }
  }
  CHECK(parts.size() == kMessages);
  for (const auto& [id, text] : texts) {
    const store::Message m = rig.Get(id);
    REQUIRE(m.concat_ref.has_value());
    const int ref = *m.concat_ref;
    CAPTURE(id, ref);
    CHECK(m.state == MessageState::kSent);
    CHECK(parts[ref] == std::vector<int>{1, 2, 3});
    CHECK(sims[ref] == std::set<std::string>{*m.modem});
    CHECK(received[ref] == text);
  }
}
TEST_CASE("AfterMaxAttemptsTheMessageFails", "[dispatcher]") {
  DispatcherOptions options;
  options.max_attempts = 3;
  options.retry_backoff = 0ms;
  options.failures_before_rest = 100;
  Rig rig(options);
  const int64_t id = rig.Enqueue(Msg("hopeless"));
  rig.AddModem("gsm0").AnswerCmsError(42);  // congestion: temporary
  rig.Expect([&] { return rig.State(id) == MessageState::kFailed; });
  const store::Message m = rig.Get(id);
  CHECK(m.attempts == 3);
  CHECK(m.error_code == std::optional<std::string>("CMS 42"));
  CHECK_THAT(m.error_text.value_or(""), Catch::Contains("gave up after 3 attempts"));
  rig.Poll();
  CHECK(rig.CmgsCount("gsm0") == 3);
}

TEST_CASE("AModemRestsAfterRepeatedFailuresAndOthersTakeOver", "[dispatcher]") {
  DispatcherOptions options;
  options.retry_backoff = 0ms;
  options.failures_before_rest = 2;
  options.rest = 30s;
  Rig rig(options);
  // The failing modem is the least used, so it is asked first.
  rig.PriorSends("good", 1, kT0 - kHour);
  testing::FakeModem& bad = rig.AddModem("bad");
  bad.AnswerCmsError(38);
  rig.AddModem("good");
  rig.WaitReady();

  // Each message "bad" refuses goes to "good" at once.
  std::vector<int64_t> refused;
  for (const char* text : {"first", "second"}) {
    refused.push_back(rig.Enqueue(Msg(text)));
    rig.dispatcher->Wake();
    rig.Expect([&] { return rig.State(refused.back()) == MessageState::kSent; });
    CHECK(rig.Get(refused.back()).modem == std::optional<std::string>("good"));
    CHECK(rig.Get(refused.back()).attempts == 2);
  }
  CHECK(rig.CmgsCount("bad") == 2);
  ModemCounters c = rig.Counters("bad");
  CHECK(c.resting);
  CHECK(c.failed_total == 2);
  CHECK_FALSE(rig.Counters("good").resting);

  // While it rests, it gets nothing, although it sent least.
  const int64_t third = rig.Enqueue(Msg("third"));
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.State(third) == MessageState::kSent; });
  CHECK(rig.Get(third).modem == std::optional<std::string>("good"));
  CHECK(rig.Get(third).attempts == 1);
  CHECK(rig.CmgsCount("bad") == 2);

  // The rest is over: back in rotation.
  bad.AnswerOk();
  rig.clock += 30 * kSecond;
  CHECK_FALSE(rig.Counters("bad").resting);
  const int64_t fourth = rig.Enqueue(Msg("fourth"));
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.State(fourth) == MessageState::kSent; });
  CHECK(rig.Get(fourth).modem == std::optional<std::string>("bad"));
}

TEST_CASE("AModemFaultRequeuesTheMessageForAnotherModem", "[dispatcher]") {
  DispatcherOptions options;
  options.failures_before_rest = 1;
  Rig rig(options);
  rig.PriorSends("good", 1, kT0 - kHour);
  rig.AddModem("nosim").AnswerCmsError(310);  // (U)SIM not inserted: a modem fault
  rig.AddModem("good");
  rig.WaitReady();
  const int64_t id = rig.Enqueue(Msg("elsewhere"));
  rig.dispatcher->Wake();
  rig.Expect([&] { return rig.State(id) == MessageState::kSent; });
  const store::Message m = rig.Get(id);
  CHECK(m.modem == std::optional<std::string>("good"));
  CHECK(m.attempts == 2);
  CHECK(rig.CmgsCount("nosim") == 1);
  CHECK(rig.Counters("nosim").resting);
  CHECK_THAT(rig.Counters("nosim").last_error.value_or(""), Catch::Contains("310"));
}

// --- Expiry and scheduling ------------------------------------------------------

TEST_CASE("QueuedMessagesExpireOnceTheirValidityHasPassed", "[dispatcher]") {
  Rig rig;  // no modem can take anything
  store::NewMessage n = Msg("too late");
  n.valid_until = kT0 + 5 * kSecond;
  const int64_t id = rig.Enqueue(n);
  const int64_t keeps = rig.Enqueue(Msg("no deadline"));
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.State(id) == MessageState::kQueued);

  // The deadline itself is still valid. (Wake() runs the expiry sweep at
  // most once a second of the dispatcher's clock, so the steps are a
  // second apart.)
  rig.clock = kT0 + 5 * kSecond;
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.State(id) == MessageState::kQueued);

  rig.clock = kT0 + 6 * kSecond;
  rig.dispatcher->Wake();
  rig.Poll();
  const store::Message m = rig.Get(id);
  CHECK(m.state == MessageState::kExpired);
  CHECK(m.expired_at == std::optional<Millis>(kT0 + 6 * kSecond));
  CHECK(m.error_code == std::optional<std::string>("expired"));
  CHECK(rig.State(keeps) == MessageState::kQueued);
}

TEST_CASE("AModemNeverSendsAnExpiredMessage", "[dispatcher]") {
  Rig rig;
  store::NewMessage n = Msg("stale");
  n.valid_until = kT0 + kMinute;
  const int64_t stale = rig.Enqueue(n);
  const int64_t fresh = rig.Enqueue(Msg("fresh"));
  rig.clock = kT0 + kMinute + 1;
  rig.AddModem("gsm0");
  rig.Expect([&] { return rig.State(fresh) == MessageState::kSent; });
  CHECK(rig.State(stale) == MessageState::kExpired);
  CHECK(rig.Texts("gsm0") == std::vector<std::string>{"fresh"});
}

TEST_CASE("TheDispatcherWakesItselfForExpiryAndSchedules", "[dispatcher]") {
  // Real time passes here (a few hundred milliseconds): nothing but the
  // dispatcher's own timer moves these messages.
  Rig rig;
  SECTION("expiry with no modem") {
    rig.GoLive();
    store::NewMessage n = Msg("short-lived");
    n.valid_until = rig.Now() + 200;
    const int64_t id = rig.Enqueue(n);
    rig.dispatcher->Wake();
    rig.Expect([&] { return rig.State(id) == MessageState::kExpired; });
    CHECK(*rig.Get(id).expired_at > *n.valid_until);
  }
  SECTION("a scheduled message") {
    rig.AddModem("gsm0");
    rig.WaitReady();
    rig.GoLive();
    store::NewMessage n = Msg("on time");
    n.not_before = rig.Now() + 300;
    const int64_t id = rig.Enqueue(n);
    rig.dispatcher->Wake();
    rig.Poll();
    CHECK(rig.State(id) == MessageState::kQueued);
    rig.Expect([&] { return rig.State(id) == MessageState::kSent; });
    CHECK(*rig.Get(id).sending_at >= *n.not_before);
  }
}

// --- Removal and stopping --------------------------------------------

TEST_CASE("StopLetsTheSendInFlightFinishAndClaimsNothingNew", "[dispatcher]") {
  Rig rig;
  const int64_t one = rig.Enqueue(Msg("in flight"));
  rig.clock += kSecond;
  const int64_t two = rig.Enqueue(Msg("left queued"));
  testing::FakeModem& gsm0 = rig.AddModem("gsm0");
  gsm0.Hold();
  rig.Expect([&] { return rig.State(one) == MessageState::kSending && gsm0.held() == 1; });

  bool done = false;
  std::optional<MessageState> one_at_done, two_at_done;
  rig.dispatcher->Stop([&] {
    done = true;
    one_at_done = rig.State(one);
    two_at_done = rig.State(two);
  });
  rig.Poll();
  CHECK_FALSE(done);
  gsm0.ReleaseAll();
  rig.Expect([&] { return done; });
  CHECK(one_at_done == MessageState::kSent);
  CHECK(two_at_done == MessageState::kQueued);

  rig.clock += kHour;
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.State(two) == MessageState::kQueued);
  CHECK(rig.CmgsCount("gsm0") == 1);
}

TEST_CASE("StopWithNothingInFlightFinishesAtOnce", "[dispatcher]") {
  Rig rig;
  rig.AddModem("gsm0");
  rig.WaitReady();
  bool done = false;
  rig.dispatcher->Stop([&] { done = true; });
  rig.Expect([&] { return done; });
  const int64_t id = rig.Enqueue(Msg("after stop"));
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.State(id) == MessageState::kQueued);
}

TEST_CASE("RemoveModemWaitsForItsSendAndThenForgetsIt", "[dispatcher]") {
  Rig rig;
  const int64_t one = rig.Enqueue(Msg("in flight"));
  rig.clock += kSecond;
  const int64_t two = rig.Enqueue(Msg("stays"));
  testing::FakeModem& gsm0 = rig.AddModem("gsm0");
  gsm0.Hold();
  rig.Expect([&] { return rig.State(one) == MessageState::kSending && gsm0.held() == 1; });
  bool removed = false;
  rig.dispatcher->RemoveModem("gsm0", [&] { removed = true; });
  rig.Poll();
  CHECK_FALSE(removed);
  gsm0.ReleaseAll();
  rig.Expect([&] { return removed; });
  CHECK(rig.State(one) == MessageState::kSent);
  CHECK(rig.State(two) == MessageState::kQueued);
  CHECK_FALSE(rig.dispatcher->Counters("gsm0").has_value());
  // The driver may go now; the dispatcher does not miss it.
  rig.modems.erase("gsm0");
  rig.dispatcher->Wake();
  rig.Poll();
  CHECK(rig.State(two) == MessageState::kQueued);
}

TEST_CASE("ModemIdsAreUnique", "[dispatcher]") {
  Rig rig;
  rig.AddModem("gsm0");
  Status again = rig.dispatcher->AddModem("gsm0", *rig.modems.at("gsm0"), {});
  REQUIRE_FALSE(again.ok());
  CHECK_THAT(again.message(), Catch::Contains("gsm0"));
  CHECK_FALSE(rig.dispatcher->Counters("gsm9").has_value());
  bool removed = false;
  rig.dispatcher->RemoveModem("gsm9", [&] { removed = true; });
  rig.Expect([&] { return removed; });
}

}  // namespace
}  // namespace tellal::core

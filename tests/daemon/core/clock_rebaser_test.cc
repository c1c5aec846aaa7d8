// Wall-clock steps of +1 day, -1 day and +5 years (a boot without a
// real-time clock, NTP, a person) applied by ClockRebaser to a dispatcher,
// its SQLite store and inbound processing, with injected wall and
// monotonic clocks and fake modems. Time is stepped, never waited for.
//
// Each case fails when the daemon runs on the wall clock alone: the step
// would shorten or stretch a back-off, expire a code early or late, reset a
// daily count, or push a delivery report out of its matching window.
#include "daemon/core/clock_rebaser.h"

#include <catch2/catch.hpp>
#include <memory>

#include "daemon/core/daemon_clock.h"
#include "daemon/core/inbound_processor.h"
#include "tests/daemon/core/dispatcher_rig.h"
#include "tests/support/network_pdus.h"

namespace tellal::core {
namespace {

using namespace dispatcher_rig;

constexpr Millis kYear = 365 * kDay;
constexpr Millis kReportWindow = 7 * kDay;

// A dispatcher rig whose "now" is a DaemonClock over a wall clock and a
// monotonic clock the test moves, with a ClockRebaser checked at every pump
// (as the service wires it) and inbound processing on the same clock.
struct StepRig {
  Millis wall = kT0;
  Millis monotonic = 7 * kHour;  // since boot
  DaemonClock clock{[this] { return wall; }, [this] { return monotonic; }};
  std::unique_ptr<ClockRebaser> rebaser;
  Rig rig{DispatchOptions()};
  InboundProcessor inbound{rig.store->inbox(), rig.store->queue(), InboundOpts()};

  StepRig() {
    rebaser = std::make_unique<ClockRebaser>(clock, rig.store->elapsed_times(), kReportWindow, rig.log);
    rebaser->SetDispatcher(rig.dispatcher.get());
  }

  DispatcherOptions DispatchOptions() {
    DispatcherOptions o;
    o.now = [this] { return clock.Now(); };
    o.check_clock = [this] {
      if (rebaser) rebaser->Check();
    };
    return o;
  }
  InboundOptions InboundOpts() {
    InboundOptions o;
    o.report_window = kReportWindow;
    o.now = [this] { return clock.Now(); };
    o.log = rig.log;
    return o;
  }

  // Time passes: both clocks move.
  void Pass(Millis ms) {
    wall += ms;
    monotonic += ms;
    Settle();
  }
  // The wall clock steps; the monotonic clock does not.
  void Step(Millis ms) {
    wall += ms;
    Settle();
  }
  // What the dispatcher's own timer would do at this moment.
  void Settle() {
    rig.dispatcher->Wake();
    rig.Poll();
  }

  int64_t Enqueue(store::NewMessage n) {
    auto r = rig.store->queue().Enqueue(n, clock.Now());
    if (!r.ok()) FAIL(r.error().message);
    return r->id;
  }
};

TEST_CASE("AStepNeitherShortensNorStretchesABackOff", "[clock]") {
  const Millis step = GENERATE(values<Millis>({kDay, -kDay, 5 * kYear}));
  INFO("step " << step);
  StepRig s;
  testing::FakeModem& gsm0 = s.rig.AddModem("gsm0");
  s.rig.WaitReady();
  gsm0.AnswerCmsError(38);  // temporary: back off 30 s
  const int64_t id = s.Enqueue(Msg("backed off"));
  s.Settle();
  REQUIRE(s.rig.CmgsCount("gsm0") == 1);
  REQUIRE(s.rig.State(id) == MessageState::kQueued);
  gsm0.AnswerOk();

  s.Step(step);
  CHECK(s.rig.State(id) == MessageState::kQueued);
  s.Pass(29 * kSecond);
  CHECK(s.rig.CmgsCount("gsm0") == 1);
  s.Pass(2 * kSecond);
  s.rig.Expect([&] { return s.rig.State(id) == MessageState::kSent; });
  CHECK(s.rig.CmgsCount("gsm0") == 2);

  // New records carry the wall clock's time again.
  const int64_t later = s.Enqueue(Msg("after the step"));
  CHECK(s.rig.Get(later).created_at == s.wall);
  s.Settle();
  s.rig.Expect([&] { return s.rig.State(later) == MessageState::kSent; });
}

TEST_CASE("AOneTimeCodeAcceptedBeforeAStepKeepsItsValidity", "[clock]") {
  const Millis step = GENERATE(values<Millis>({kDay, -kDay, 5 * kYear}));
  INFO("step " << step);
  StepRig s;
  store::NewMessage ten_minutes = Msg("code 1", Priority::kOtp);
  ten_minutes.valid_until = s.clock.Now() + 10 * kMinute;
  store::NewMessage five_minutes = Msg("code 2", Priority::kOtp);
  five_minutes.valid_until = s.clock.Now() + 5 * kMinute;
  const int64_t code1 = s.Enqueue(ten_minutes);
  const int64_t code2 = s.Enqueue(five_minutes);

  s.Step(step);
  s.Pass(4 * kMinute);
  CHECK(s.rig.State(code2) == MessageState::kQueued);
  s.Pass(2 * kMinute);
  CHECK(s.rig.State(code2) == MessageState::kExpired);
  CHECK(s.rig.State(code1) == MessageState::kQueued);

  s.rig.AddModem("gsm0");
  s.rig.WaitReady();
  s.rig.Expect([&] { return s.rig.State(code1) == MessageState::kSent; });
  CHECK(s.rig.Texts("gsm0") == std::vector<std::string>{"code 1"});
}

TEST_CASE("AScheduledMessageGoesAtTheWallClockTimeAPersonChose", "[clock]") {
  const Millis step = GENERATE(values<Millis>({kDay, -kDay, 5 * kYear}));
  INFO("step " << step);
  StepRig s;
  s.rig.AddModem("gsm0");
  s.rig.WaitReady();
  const Millis send_at = s.wall + kHour;
  store::NewMessage n = Msg("at eleven");
  n.not_before = send_at;
  const int64_t id = s.Enqueue(n);

  s.Step(step);
  if (s.wall < send_at) {
    s.Pass(send_at - s.wall - kSecond);
    CHECK(s.rig.State(id) == MessageState::kQueued);
    s.Pass(2 * kSecond);
  }
  s.rig.Expect([&] { return s.rig.State(id) == MessageState::kSent; });
  CHECK(s.rig.Get(id).sent_at >= send_at);
}

TEST_CASE("AStepDoesNotGiveASimASecondDailyAllowance", "[clock]") {
  const Millis step = GENERATE(values<Millis>({kDay, -kDay, 5 * kYear}));
  INFO("step " << step);
  StepRig s;
  s.rig.AddModem("gsm0", ModemLimits{std::nullopt, 2});
  s.rig.WaitReady();
  for (int i = 0; i < 3; ++i) s.Enqueue(Msg("m" + std::to_string(i)));
  s.Settle();
  s.rig.Expect([&] { return s.rig.Count(MessageState::kSent) == 2; });

  s.Step(step);
  CHECK(s.rig.Count(MessageState::kSent) == 2);
  CHECK(s.rig.Counters("gsm0").sent_today == 2);
  // kT0 is 10:00: the SIM's day ends after 14 hours have passed.
  s.Pass(14 * kHour - kMinute);
  CHECK(s.rig.Count(MessageState::kSent) == 2);
  s.Pass(2 * kMinute);
  s.rig.Expect([&] { return s.rig.Count(MessageState::kSent) == 3; });
}

TEST_CASE("ARateWindowKeepsItsRemainingTimeAcrossAStep", "[clock]") {
  const Millis step = GENERATE(values<Millis>({kDay, -kDay, 5 * kYear}));
  INFO("step " << step);
  StepRig s;
  s.rig.AddModem("gsm0", ModemLimits{2, std::nullopt});
  s.rig.WaitReady();
  for (int i = 0; i < 3; ++i) s.Enqueue(Msg("m" + std::to_string(i)));
  s.Settle();
  s.rig.Expect([&] { return s.rig.Count(MessageState::kSent) == 2; });

  s.Step(step);
  s.Pass(58 * kSecond);
  CHECK(s.rig.Count(MessageState::kSent) == 2);
  s.Pass(3 * kSecond);
  s.rig.Expect([&] { return s.rig.Count(MessageState::kSent) == 3; });
}

TEST_CASE("ADeliveryReportForASegmentSentBeforeAStepStillMatches", "[clock]") {
  const Millis step = GENERATE(values<Millis>({kDay, -kDay, 5 * kYear}));
  INFO("step " << step);
  StepRig s;
  s.rig.AddModem("gsm0");
  s.rig.WaitReady();
  store::NewMessage n = Msg("report me");
  n.report_requested = true;
  const int64_t id = s.Enqueue(n);
  s.Settle();
  s.rig.Expect([&] { return s.rig.State(id) == MessageState::kSent; });

  s.Step(step);
  s.Pass(kMinute);
  int stored = 0;
  s.inbound.HandleStatusReport("gsm0", testing::StatusReportFor(0, kTo, 0x00), [&] { ++stored; });
  s.rig.Expect([&] { return s.rig.State(id) == MessageState::kDelivered; });
  CHECK(stored == 1);
}

TEST_CASE("AWallClockBehindTheStoreAtStartMovesStoredDeadlinesBack", "[clock]") {
  store::testing::TempDir dir;
  const std::string path = dir.File("tellal.db");
  int64_t backed_off = 0;
  int64_t scheduled = 0;
  {
    auto opened = store::SqliteStore::Open(path);
    REQUIRE(opened.ok());
    store::OutboundQueue& queue = (*opened)->queue();
    backed_off = queue.Enqueue(Msg("backed off"), kT0).value().id;
    REQUIRE(queue.ClaimMessage(backed_off, "gsm0", kT0).ok());
    REQUIRE(queue.Requeue(backed_off, kT0 + 30 * kSecond, store::MessageError{"CMS 38", "network out of order"}).ok());
    store::NewMessage n = Msg("scheduled");
    n.not_before = kT0 + 2 * kHour;
    scheduled = queue.Enqueue(n, kT0).value().id;
  }
  const Millis boot_wall = GENERATE(values<Millis>({kT0 - 5 * kYear, kT0 - kDay, kT0 + kHour}));
  INFO("wall clock at start " << boot_wall - kT0);
  Millis wall = boot_wall;
  Millis monotonic = 3 * kSecond;
  DaemonClock clock([&] { return wall; }, [&] { return monotonic; });
  auto opened = store::SqliteStore::Open(path);
  REQUIRE(opened.ok());
  ClockRebaser rebaser(clock, (*opened)->elapsed_times(), kReportWindow);
  rebaser.RebaseAtStart();

  auto get = [&](int64_t id) { return (*opened)->queue().GetMessage(id).value().value(); };
  if (boot_wall < kT0) {
    // Counted from the last stored event: the back-off has 30 s left.
    CHECK(get(backed_off).not_before == boot_wall + 30 * kSecond);
  } else {
    // A later clock is time that passed while the daemon was down.
    CHECK(get(backed_off).not_before == kT0 + 30 * kSecond);
  }
  CHECK(get(scheduled).not_before == kT0 + 2 * kHour);
  CHECK(clock.Now() == boot_wall);
}

}  // namespace
}  // namespace tellal::core

// The dispatcher test rig: a real SQLite store in a temporary directory,
// fake modems (tests/support/fake_modem.h) that answer each send from a
// script, and a clock the test sets, all on one io_context. Shared by the
// dispatcher's tests and the clock-step tests.
#ifndef TELLAL_TESTS_DAEMON_CORE_DISPATCHER_RIG_H_
#define TELLAL_TESTS_DAEMON_CORE_DISPATCHER_RIG_H_

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/core/dispatcher.h"
#include "daemon/core/outbound_pdus.h"
#include "daemon/store/sqlite/sqlite_store.h"
#include "modem/driver/modem_listener.h"
#include "modem/pdu/text_planner.h"
#include "tests/daemon/store/temp_dir.h"
#include "tests/support/fake_modem.h"
#include "tests/support/run_io_until.h"

namespace tellal::core::dispatcher_rig {

using namespace std::chrono_literals;
using store::MessageState;
using store::Millis;
using store::Priority;

inline constexpr Millis kSecond = 1000;
inline constexpr Millis kMinute = 60 * kSecond;
inline constexpr Millis kHour = 60 * kMinute;
inline constexpr Millis kDay = 24 * kHour;
inline constexpr Millis kMidnight = 20'600 * kDay;  // a day of the fake calendar (2026-05-27)
inline constexpr Millis kT0 = kMidnight + 10 * kHour;
inline constexpr const char* kTo = "+905321234567";
// Every answer is posted at once; only a broken dispatcher waits this long.
inline constexpr auto kPatience = 10s;

inline Millis FakeNextMidnight(Millis t) { return (t / kDay + 1) * kDay; }
inline Millis FakeDayStart(Millis t) { return t / kDay * kDay; }

// One SMS to kTo, its segment count planned the way the API plans it.
inline store::NewMessage Msg(const std::string& text, Priority priority = Priority::kNormal,
                             const std::string& encoding = "gsm7") {
  store::NewMessage n;
  n.to = kTo;
  n.text = text;
  n.encoding = encoding;
  n.priority = priority;
  Result<pdu::PlanOptions> options = PlanOptionsFor(encoding);
  REQUIRE(options.ok());
  Result<pdu::TextPlan> plan = pdu::PlanText(text, *options);
  REQUIRE(plan.ok());
  n.segments = static_cast<int>(plan->segments.size());
  return n;
}

// The store's group commit, counted: how many transactions the dispatcher
// began.
class CountingGroups : public store::GroupCommit {
 public:
  Result<store::Group> BeginGroup(store::GroupSync sync) override {
    ++begun;
    return inner->BeginGroup(sync);
  }
  store::GroupCommit* inner = nullptr;
  int begun = 0;
};

class Rig : public modem::ModemListener {
 public:
  explicit Rig(DispatcherOptions options = {}) : options_(std::move(options)) {
    log->set_level(spdlog::level::info);
    if (!options_.log) options_.log = log;
    if (!options_.now) options_.now = [this] { return Now(); };
    if (!options_.next_midnight) options_.next_midnight = FakeNextMidnight;
    if (!options_.day_start) options_.day_start = FakeDayStart;
    Open();
  }

  // What a restart does: the dispatcher and the modems go, the store is
  // closed and opened again from its file, and a new dispatcher starts on it.
  void Restart() {
    dispatcher.reset();
    modems.clear();
    store.reset();
    Open();
  }

  ~Rig() override {
    dispatcher.reset();
    modems.clear();
  }

  Millis Now() const {
    if (!live) return clock;
    return clock +
           std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - live_since).count();
  }
  // From now on the clock also follows real time (for the dispatcher's own
  // timers).
  void GoLive() {
    live = true;
    live_since = std::chrono::steady_clock::now();
  }

  // A fake modem the dispatcher uses, started (ready once the io runs).
  testing::FakeModem& AddModem(const std::string& id, ModemLimits limits = {}) {
    auto fake = std::make_unique<testing::FakeModem>(io, id, *this);
    Status added = dispatcher->AddModem(id, *fake, limits);
    if (!added.ok()) FAIL(added.message());
    fake->Start();
    testing::FakeModem& ref = *fake;
    modems[id] = std::move(fake);
    return ref;
  }

  bool RunUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout = kPatience) {
    return ::tellal::testing::RunIoUntil(io, done, timeout);
  }

  void WaitReady() {
    const bool ready = RunUntil([this] {
      return std::all_of(modems.begin(), modems.end(),
                         [](const auto& m) { return modem::AcceptsSends(m.second->state()); });
    });
    INFO(log_text.str());
    REQUIRE(ready);
  }

  // Runs what is ready to run (a Wake()'s pump, say) without waiting for
  // anything new: a claim the dispatcher should not have made shows as a
  // `sending` message right after.
  void Poll() {
    for (int i = 0; i < 1000; ++i) {
      if (io.stopped()) io.restart();
      if (io.poll() == 0) break;
    }
  }

  // Runs until `done`; fails with the log if it never is.
  void Expect(const std::function<bool()>& done) {
    const bool ok = RunUntil(done);
    INFO(log_text.str());
    REQUIRE(ok);
  }

  // `count` messages sent by `modem` earlier (the send log the dispatcher
  // restores its counters from). Call before any message is queued.
  void PriorSends(const std::string& modem, int count, Millis at) {
    for (int i = 0; i < count; ++i) {
      auto queued = store->queue().Enqueue(Msg("earlier " + std::to_string(i)), at);
      REQUIRE(queued.ok());
      auto claimed = store->queue().ClaimNext(modem, at);
      REQUIRE(claimed.ok());
      REQUIRE(claimed->has_value());
      REQUIRE((*claimed)->id == queued->id);
      REQUIRE(store->queue().MarkSegmentSent(queued->id, 1, modem, i, at).ok());
      REQUIRE(store->queue().MarkSent(queued->id, at).ok());
    }
  }

  int64_t Enqueue(const store::NewMessage& n) {
    auto r = store->queue().Enqueue(n, Now());
    if (!r.ok()) FAIL(r.error().message);
    return r->id;
  }

  store::Message Get(int64_t id) {
    auto m = store->queue().GetMessage(id);
    REQUIRE(m.ok());
    REQUIRE(m->has_value());
    return **m;
  }
  MessageState State(int64_t id) { return Get(id).state; }
  int Count(MessageState state) {
    store::MessageFilter f;
    f.state = state;
    auto page = store->queue().ListMessages(f, 1000, "");
    REQUIRE(page.ok());
    return static_cast<int>(page->items.size());
  }

  // Sends the modem was asked for (the AT+CMGS a real modem would see).
  int CmgsCount(const std::string& id) { return modems.at(id)->send_calls(); }
  // The texts the network got from `id`, one per segment, in order.
  std::vector<std::string> Texts(const std::string& id) { return modems.at(id)->Texts(); }
  ModemCounters Counters(const std::string& id) {
    std::optional<ModemCounters> c = dispatcher->Counters(id);
    REQUIRE(c.has_value());
    return *c;
  }

  // ModemListener: what the service does with driver events.
  void OnStateChanged(const std::string& modem, modem::ModemState state) override {
    if (dispatcher) dispatcher->ModemStateChanged(modem, state);
  }
  void OnInbound(const std::string&, modem::InboundPdu, std::function<void()>) override {}
  void OnStatusReport(const std::string&, modem::StatusReport, std::function<void()>) override {}

  store::testing::TempDir dir;
  std::string db_path = dir.File("tellal.db");
  std::ostringstream log_text;
  std::shared_ptr<spdlog::logger> log =
      std::make_shared<spdlog::logger>("dispatcher-test", std::make_shared<spdlog::sinks::ostream_sink_st>(log_text));
  boost::asio::io_context io;
  std::unique_ptr<store::SqliteStore> store;
  CountingGroups groups;
  Millis clock = kT0;
  bool live = false;
  std::chrono::steady_clock::time_point live_since;
  std::unique_ptr<Dispatcher> dispatcher;
  std::map<std::string, std::unique_ptr<testing::FakeModem>> modems;

 private:
  void Open() {
    auto opened = store::SqliteStore::Open(db_path);
    if (!opened.ok()) FAIL(opened.error().message);
    store = std::move(opened).value();
    groups.inner = store.get();
    dispatcher = std::make_unique<Dispatcher>(io, store->queue(), store->send_log(), groups, options_);
  }

  DispatcherOptions options_;
};

// The part number (1-based) a fake modem was handed.
inline int PartOf(const testing::FakeModem::Submitted& s) {
  return s.decoded.udh.concat ? s.decoded.udh.concat->seq : 1;
}
inline int RefOf(const testing::FakeModem::Submitted& s) {
  return s.decoded.udh.concat ? s.decoded.udh.concat->ref : -1;
}

// The parts `modem` got accepted, as (concat reference, part) in order.
inline std::vector<std::pair<int, int>> AcceptedParts(const testing::FakeModem& modem) {
  std::vector<std::pair<int, int>> parts;
  for (const auto& s : modem.submitted()) parts.emplace_back(RefOf(s), PartOf(s));
  return parts;
}

inline const std::string kThreeParts = std::string(153, 'x') + std::string(153, 'y') + std::string(10, 'z');

}  // namespace tellal::core::dispatcher_rig

#endif  // TELLAL_TESTS_DAEMON_CORE_DISPATCHER_RIG_H_

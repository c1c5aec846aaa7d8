// The daemon's life cycle under load: a clean stop (SIGTERM), a crash
// (SIGKILL) and a reload (SIGHUP), each in the middle of a batch. What must
// hold across all of them: no message lost, none sent twice.
#include <signal.h>

#include <catch2/catch.hpp>
#include <thread>

#include "daemon_harness.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

TEST_CASE("SIGTERM mid-batch: the daemon finishes its sends in flight, exits 0, and resumes after a restart",
          "[integration]") {
  constexpr int kSendTimeoutSeconds = 3;
  DaemonHarness h(HarnessOptions().Modems(4).Latency(100ms).DaemonIni("send_timeout_seconds = " +
                                                                      std::to_string(kSendTimeoutSeconds)));
  const std::vector<int64_t> ids = h.Submit(200, "t");

  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount() >= 20; }, 20s, 5ms));
  const auto stop_started = Clock::now();
  const std::optional<int> status = h.Stop(std::chrono::seconds(kSendTimeoutSeconds + 5));
  const auto stop_took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - stop_started);
  INFO("the stop took " << stop_took.count() << " ms");
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  const size_t sent_before_restart = h.SubmittedCount();
  CHECK(sent_before_restart < 200);  // it did stop in the middle
  CHECK(h.LogText().find("stopped cleanly") != std::string::npos);

  h.Restart();
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 40s, 50ms));
  // A clean stop waits for the answer to every AT+CMGS it started, so
  // nothing can be left `unknown`.
  CHECK(StateSummary(h.AllMessages(), ids) == "sent:200");
  const TextAudit audit = AuditTexts(h.SubmittedTextCounts(), TaggedTexts("t", 200));
  INFO(audit.ToString());
  CHECK(audit.Clean());
}

TEST_CASE("SIGTERM with a hung modem: the stop is bounded by the send timeout and still exits 0", "[integration]") {
  constexpr int kSendTimeoutSeconds = 3;
  DaemonHarness h(HarnessOptions().Modems(2).Latency(100ms).DaemonIni("send_timeout_seconds = " +
                                                                      std::to_string(kSendTimeoutSeconds)));
  const std::vector<int64_t> ids = h.Submit(100, "g");

  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount() >= 10; }, 20s, 5ms));
  // sim1 stops answering in the middle of a send: the stop has to wait out
  // its AT+CMGS, no longer.
  h.OnModems([&] {
    h.sim(1).set_hung(true);
    return 0;
  });
  const auto stop_started = Clock::now();
  const std::optional<int> status = h.Stop(std::chrono::seconds(kSendTimeoutSeconds + 5));
  const auto stop_took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - stop_started);
  INFO("the stop took " << stop_took.count() << " ms");
  REQUIRE(status.has_value());
  CHECK(*status == 0);

  h.OnModems([&] {
    h.sim(1).set_hung(false);
    return 0;
  });
  h.Restart();
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 40s, 50ms));
  const std::map<int64_t, json> messages = h.AllMessages();
  const std::string summary = StateSummary(messages, ids);
  // The send the hang swallowed may be `unknown`; every other one is sent.
  CHECK((summary == "sent:100" || summary == "sent:99 unknown:1"));
  const TextAudit audit = AuditTexts(h.SubmittedTextCounts(), TaggedTexts("g", 100));
  INFO(audit.ToString());
  CHECK(audit.duplicated.empty());
  CHECK(audit.unexpected.empty());
  CHECK(audit.missing.size() <= 1);
}

TEST_CASE("kill -9 mid-batch: after a restart every message is accounted for and none was sent twice",
          "[integration]") {
  constexpr int kCount = 2000;
  DaemonHarness h(HarnessOptions().Modems(4).Latency(2ms));
  const std::vector<int64_t> ids = h.Submit(kCount, "c");

  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount() >= 500; }, 40s, 2ms));
  h.Kill9();
  const size_t accepted_at_crash = h.SubmittedCount();
  INFO("the modems had accepted " << accepted_at_crash << " when tellald was killed");
  CHECK(accepted_at_crash < static_cast<size_t>(kCount));

  h.Restart();
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 50s, 100ms));

  const std::map<int64_t, json> messages = h.AllMessages();
  const std::map<std::string, int> accepted = h.SubmittedTextCounts();
  INFO("states: " << StateSummary(messages, ids));
  int missing = 0;
  int unknown = 0;
  int not_final = 0;
  std::vector<std::string> sent_not_accepted;    // `sent`, but no modem got it
  std::vector<std::string> failed_but_accepted;  // `failed`, yet the network has it
  for (int64_t id : ids) {
    auto it = messages.find(id);
    if (it == messages.end()) {
      ++missing;
      continue;
    }
    const std::string state = it->second.value("state", "");
    const std::string text = it->second.value("text", "");
    const bool got = accepted.count(text) > 0;
    if (state == "unknown") {
      ++unknown;
    } else if (state == "sent" || state == "delivered") {
      if (!got) sent_not_accepted.push_back(text);
    } else if (state == "failed") {
      if (got) failed_but_accepted.push_back(text);
    } else {
      ++not_final;
    }
  }
  CHECK(missing == 0);
  CHECK(not_final == 0);
  // At most the message each modem had in flight when the process died.
  CHECK(unknown <= 4);
  CHECK(sent_not_accepted.empty());
  CHECK(failed_but_accepted.empty());

  const TextAudit audit = AuditTexts(accepted, TaggedTexts("c", kCount));
  INFO(audit.ToString());
  CHECK(audit.duplicated.empty());
  CHECK(audit.unexpected.empty());
  CHECK(audit.missing.size() <= static_cast<size_t>(unknown));
}

TEST_CASE("SIGHUP adds a modem: it appears, takes a share of the queue, and nothing queued is dropped",
          "[integration]") {
  DaemonHarness h(HarnessOptions().Modems(5).Listed(4).Latency(100ms));
  CHECK(h.Modems().count("sim5") == 0);
  const std::vector<int64_t> ids = h.Submit(200, "s");

  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount() >= 20; }, 20s, 5ms));
  h.WriteConfig(5);
  h.Signal(SIGHUP);
  CHECK(h.WaitUntil(
      [&] {
        const std::string state = h.ModemState("sim5");
        return state == "ready" || state == "busy";
      },
      15s, 50ms));
  INFO("sim5 is " << h.ModemState("sim5"));

  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 40s, 50ms));
  CHECK(StateSummary(h.AllMessages(), ids) == "sent:200");
  const TextAudit audit = AuditTexts(h.SubmittedTextCounts(), TaggedTexts("s", 200));
  INFO(audit.ToString());
  CHECK(audit.Clean());
  CHECK(h.SubmittedCount(5) > 0);
  CHECK(h.Running());
}

}  // namespace
}  // namespace tellal::integration

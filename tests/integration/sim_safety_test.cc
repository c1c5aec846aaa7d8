// SIM safety across the daemon's life: a SIM blocks after three wrong PINs
// and then needs its PUK (a trip to the shop), so a wrong PIN in the
// configuration may cost it one attempt, never more — however often
// tellald is restarted, killed or reloaded. The virtual modems live in the
// test process and outlive every tellald run, so their SIM keeps its
// counter and its log of AT commands across all of them.
#include <signal.h>

#include <catch2/catch.hpp>
#include <string>

#include "daemon_harness.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

constexpr int kLockedSim = 2;

size_t CountPrefix(const std::vector<std::string>& lines, const std::string& prefix) {
  size_t n = 0;
  for (const std::string& line : lines) n += line.starts_with(prefix) ? 1 : 0;
  return n;
}

size_t CountOccurrences(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

TEST_CASE("A wrong PIN is entered once in all over 5 restarts (3 by kill -9) and 2 reloads", "[integration][pin]") {
  // Quectel M35: no PIN counter command, so tellald cannot see how many
  // attempts are left and only what it remembers stops a second try.
  DaemonHarness h(HarnessOptions()
                      .Modems(2)
                      .Modem([](int sim, vmodem::Options& o) {
                        if (sim != kLockedSim) return;
                        o.profile = vmodem::Profile::kQuectelM35;
                        o.pin = "1234";
                      })
                      .ModemIni(kLockedSim, "pin = 86429753")
                      .SettlesAs(kLockedSim, "sim-locked"));
  const std::string sim = "sim" + std::to_string(kLockedSim);
  auto commands_starting = [&](const std::string& prefix) {
    return h.OnModems([&] { return CountPrefix(h.sim(kLockedSim).commands(), prefix); });
  };
  auto check_locked = [&](const std::string& when) {
    INFO(when);
    const json modem = h.Modems().at(sim);
    CHECK(modem.value("state", "") == "sim-locked");
    REQUIRE(modem.contains("lock_reason"));
    REQUIRE(modem["lock_reason"].is_string());
    CHECK_FALSE(modem["lock_reason"].get<std::string>().empty());
    CHECK(commands_starting("AT+CPIN=") == 1);
  };
  check_locked("first start");

  for (int run = 1; run <= 5; ++run) {
    const size_t queries_before = commands_starting("AT+CPIN?");
    if (run % 2 == 1) {
      h.Kill9();
    } else {
      REQUIRE(h.Stop() == std::optional<int>(0));
    }
    // Restart waits until the SIM has settled as sim-locked again, so the
    // new run has asked the SIM and made its decision.
    h.Restart();
    CHECK(commands_starting("AT+CPIN?") > queries_before);
    check_locked("after restart " + std::to_string(run) + (run % 2 == 1 ? " (kill -9)" : " (SIGTERM)"));
  }

  // A reload that changes the modem's connection settings replaces its
  // driver: a new one, which asks the SIM again and decides again.
  for (int reload = 1; reload <= 2; ++reload) {
    const std::string lock_line = sim + ": SIM locked:";
    const size_t locks_before = CountOccurrences(h.LogText(), lock_line);
    h.SetModemIni(kLockedSim, std::string("pin = 86429753\nbaud = ") + (reload == 1 ? "57600" : "230400"));
    h.WriteConfig(2);
    h.Signal(SIGHUP);
    REQUIRE(h.WaitUntil([&] { return CountOccurrences(h.LogText(), lock_line) > locks_before; }, 20s, 20ms));
    check_locked("after reload " + std::to_string(reload));
  }
  CHECK(h.Running());
  // The PIN itself never reaches the log.
  CHECK(h.LogText().find("86429753") == std::string::npos);
}

}  // namespace
}  // namespace tellal::integration

// The systemd unit's timeouts against what tellald may take: a clean stop
// waits for the AT+CMGS in flight (prompt timeout + send timeout) and then
// closes the store; if TimeoutStopSec were shorter, systemd would SIGKILL a
// stop in progress and leave that send `unknown`.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "daemon/config/config.h"
#include "modem/driver/modem_config.h"

namespace tellal::service {
namespace {

using std::chrono::seconds;

// Seconds of `key=<n>` in the unit template, if it is there once.
std::optional<int> UnitSeconds(const std::string& key) {
  std::ifstream unit(TELLALD_UNIT_TEMPLATE);
  REQUIRE(unit);
  std::optional<int> found;
  for (std::string line; std::getline(unit, line);) {
    if (!line.starts_with(key + "=")) continue;
    REQUIRE_FALSE(found.has_value());
    found = std::stoi(line.substr(key.size() + 1));
  }
  return found;
}

TEST_CASE("TimeoutStopSec covers the longest send a clean stop waits for, plus closing the store", "[service]") {
  const std::optional<int> stop = UnitSeconds("TimeoutStopSec");
  REQUIRE(stop.has_value());
  const modem::Timeouts defaults;
  const auto longest_send = defaults.prompt + seconds(config::kMaxSendTimeoutSeconds);
  // Committing outcomes, a WAL checkpoint and closing the ports: well under
  // a second on a Pi's SD card, with room for a slow card.
  constexpr seconds kCloseMargin{10};
  INFO("TimeoutStopSec=" << *stop << ", longest send " << std::chrono::duration_cast<seconds>(longest_send).count()
                         << " s");
  CHECK(seconds(*stop) >= longest_send + kCloseMargin);
}

TEST_CASE("The default send timeout is the largest the configuration accepts", "[service]") {
  CHECK(config::DaemonSettings{}.send_timeout_seconds <= config::kMaxSendTimeoutSeconds);
}

}  // namespace
}  // namespace tellal::service

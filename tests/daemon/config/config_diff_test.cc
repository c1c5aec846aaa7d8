#include "daemon/config/config_diff.h"

#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

using tellal::config::Config;
using tellal::config::ConfigDiff;
using tellal::config::DiffModems;
using tellal::config::LogLevel;
using tellal::config::ModemChange;
using tellal::config::ModemSettings;

namespace {

ModemSettings Modem(const std::string& id) {
  ModemSettings modem;
  modem.id = id;
  modem.device = "/dev/tellal/" + id;
  return modem;
}

Config WithModems(std::vector<ModemSettings> modems) {
  Config config;
  config.http.token = "t";
  config.modems = std::move(modems);
  return config;
}

std::vector<std::string> Ids(const std::vector<ModemSettings>& modems) {
  std::vector<std::string> ids;
  for (const ModemSettings& modem : modems) ids.push_back(modem.id);
  return ids;
}

}  // namespace

TEST_CASE("Identical configurations differ in nothing", "[config][diff]") {
  const Config config = WithModems({Modem("a"), Modem("b")});
  CHECK(DiffModems(config, config).empty());
}

TEST_CASE("Reordering modems is not a change", "[config][diff]") {
  CHECK(DiffModems(WithModems({Modem("a"), Modem("b")}), WithModems({Modem("b"), Modem("a")})).empty());
}

TEST_CASE("Modems are added and removed by id, in file order", "[config][diff]") {
  const ConfigDiff diff = DiffModems(WithModems({Modem("a"), Modem("old2"), Modem("old1")}),
                                     WithModems({Modem("new2"), Modem("a"), Modem("new1")}));
  CHECK(Ids(diff.added) == std::vector<std::string>{"new2", "new1"});
  CHECK(Ids(diff.removed) == std::vector<std::string>{"old2", "old1"});
  CHECK(diff.changed.empty());
  CHECK(diff.daemon_wide_changed.empty());
}

TEST_CASE("A renamed modem is one removed and one added", "[config][diff]") {
  ModemSettings renamed = Modem("sim1");
  renamed.id = "primary";
  const ConfigDiff diff = DiffModems(WithModems({Modem("sim1")}), WithModems({renamed}));
  CHECK(Ids(diff.removed) == std::vector<std::string>{"sim1"});
  CHECK(Ids(diff.added) == std::vector<std::string>{"primary"});
  CHECK(diff.changed.empty());
}

// Each field of a modem, changed alone, and which kind of change it is.
TEST_CASE("Each modem field is classed as connection, limits or enabled", "[config][diff]") {
  using Edit = std::function<void(ModemSettings&)>;
  auto [field, edit, connection, limits, enabled] = GENERATE(table<std::string, Edit, bool, bool, bool>({
      {"device", [](ModemSettings& m) { m.device = "/dev/ttyUSB3"; }, true, false, false},
      {"baud", [](ModemSettings& m) { m.baud = 9600; }, true, false, false},
      {"pin set", [](ModemSettings& m) { m.pin = "1234"; }, true, false, false},
      {"flow control", [](ModemSettings& m) { m.hardware_flow_control = true; }, true, false, false},
      {"rate limit set", [](ModemSettings& m) { m.rate_per_minute = 6; }, false, true, false},
      {"daily limit set", [](ModemSettings& m) { m.daily_limit = 500; }, false, true, false},
      {"disabled", [](ModemSettings& m) { m.enabled = false; }, false, false, true},
      {"everything",
       [](ModemSettings& m) {
         m.baud = 57600;
         m.daily_limit = 10;
         m.enabled = false;
       },
       true, true, true},
  }));
  INFO(field);
  ModemSettings after = Modem("sim1");
  edit(after);
  const ConfigDiff diff = DiffModems(WithModems({Modem("x"), Modem("sim1")}), WithModems({Modem("x"), after}));
  CHECK(diff.added.empty());
  CHECK(diff.removed.empty());
  CHECK(diff.daemon_wide_changed.empty());
  REQUIRE(diff.changed.size() == 1);
  const ModemChange& change = diff.changed[0];
  CHECK(change.before == Modem("sim1"));
  CHECK(change.after == after);
  CHECK(change.connection_changed == connection);
  CHECK(change.limits_changed == limits);
  CHECK(change.enabled_changed == enabled);
}

TEST_CASE("A limit removed is a limits change too", "[config][diff]") {
  ModemSettings before = Modem("sim1");
  before.daily_limit = 500;
  const ConfigDiff diff = DiffModems(WithModems({before}), WithModems({Modem("sim1")}));
  REQUIRE(diff.changed.size() == 1);
  CHECK(diff.changed[0].limits_changed);
  CHECK_FALSE(diff.changed[0].connection_changed);
}

TEST_CASE("Settings outside [modem.*] are listed by their file names", "[config][diff]") {
  const Config before = WithModems({Modem("a")});
  Config after = before;
  after.daemon.log_level = LogLevel::kDebug;
  after.daemon.timezone = "UTC";
  after.http.listen.port = 9090;
  after.http.token = "rotated";
  const ConfigDiff diff = DiffModems(before, after);
  CHECK(diff.daemon_wide_changed ==
        std::vector<std::string>{"[daemon] log_level", "[daemon] timezone", "[http] listen", "[http] token"});
  CHECK(diff.added.empty());
  CHECK(diff.removed.empty());
  CHECK(diff.changed.empty());
  CHECK_FALSE(diff.empty());
}

TEST_CASE("Retention settings take effect at a restart", "[config][diff]") {
  const Config before = WithModems({Modem("a")});
  auto [name, change] = GENERATE(table<std::string, std::function<void(Config&)>>({
      {"[daemon] keep_days", [](Config& c) { c.daemon.keep_days = 7; }},
      {"[daemon] archive", [](Config& c) { c.daemon.archive = true; }},
  }));
  Config after = before;
  change(after);
  CHECK(DiffModems(before, after).daemon_wide_changed == std::vector<std::string>{name});
}

TEST_CASE("Each pre-authentication HTTP limit is a daemon-wide change", "[config][diff]") {
  const Config before = WithModems({Modem("a")});
  auto [name, change] = GENERATE(table<std::string, std::function<void(Config&)>>({
      {"[http] max_connections_per_client", [](Config& c) { c.http.max_connections_per_client = 2; }},
      {"[http] request_timeout_seconds", [](Config& c) { c.http.request_timeout_seconds = 5; }},
      {"[http] dlr_url_allow_local", [](Config& c) { c.http.dlr_url_allow_local = true; }},
  }));
  Config after = before;
  change(after);
  CHECK(DiffModems(before, after).daemon_wide_changed == std::vector<std::string>{name});
}

TEST_CASE("Moving the same token into a token file is not a change", "[config][diff]") {
  const Config before = WithModems({Modem("a")});
  Config after = before;
  after.http.token_file = "/etc/tellal/token";
  CHECK(DiffModems(before, after).empty());
}

#include "daemon/cli/modems_command.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "command_harness.h"
#include "support/test_http_server.h"

using nlohmann::json;
using tellal::cli::RunModemsListCommand;
using tellal::cli::testing::CommandHarness;
using tellal::cli::testing::CommandRun;
using tellal::testing::RecordedRequest;
using tellal::testing::Reply;
using tellal::testing::TestHttpServer;

namespace {

const char* const kModems = R"({"modems": [
  {"id": "sim1", "state": "ready", "manufacturer": "huawei", "model": "E3372", "imei": "861234567890123",
   "imsi": "286011234567890", "iccid": "8990011234567890123", "operator": "Turkcell", "signal_dbm": -71,
   "signal_bars": 4, "registration": "home", "sent_today": 120, "daily_limit": 500, "queue_share": 0.625,
   "last_error": null},
  {"id": "sim2", "state": "degraded", "manufacturer": "SIMCOM", "model": "SIM800", "imei": "869876543210987",
   "imsi": null, "iccid": null, "operator": null, "signal_dbm": null, "signal_bars": null,
   "registration": "searching", "sent_today": 0, "daily_limit": null, "queue_share": 0,
   "last_error": "+CMS ERROR: 500 (unknown error) while sending\u001b[0m"}
]})";

}  // namespace

TEST_CASE("modems prints a table of the daemon's modems", "[modems]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, kModems); });
  CommandHarness h;
  const CommandRun run = h.Run(RunModemsListCommand, {"--url", server.url(), "--token", "t"});
  CHECK(run.err == "");
  REQUIRE(run.status == 0);
  CHECK(server.requests().at(0).target == "/api/v1/modems");
  CHECK(server.requests().at(0).Header("Authorization") == "Bearer t");
  CHECK(run.out ==
        "ID    STATE     SIGNAL       REGISTRATION  OPERATOR  SENT TODAY  SHARE  LAST ERROR\n"
        "sim1  ready     -71 dBm (4)  home          Turkcell     120/500    63%  -\n"
        "sim2  degraded  -            searching     -                  0     0%  +CMS ERROR: 500 (unknown error) while "
        "sending\uFFFD[0m\n");
}

TEST_CASE("modems --wide adds model and SIM identities", "[modems]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, kModems); });
  CommandHarness h;
  const CommandRun run = h.Run(RunModemsListCommand, {"--wide", "--url", server.url(), "--token", "t"});
  REQUIRE(run.status == 0);
  const std::string header = run.out.substr(0, run.out.find('\n'));
  CHECK(header.find("MODEL") != std::string::npos);
  CHECK(header.find("ICCID") != std::string::npos);
  CHECK(run.out.find("huawei E3372   861234567890123  286011234567890  8990011234567890123") != std::string::npos);
  CHECK(run.out.find("SIMCOM SIM800  869876543210987  -") != std::string::npos);
}

TEST_CASE("modems --json prints the server's JSON", "[modems]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, kModems); });
  CommandHarness h;
  const CommandRun run = h.Run(RunModemsListCommand, {"--json", "--url", server.url(), "--token", "t"});
  REQUIRE(run.status == 0);
  CHECK(run.out == std::string(kModems) + "\n");
}

TEST_CASE("modems with none configured says so", "[modems]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, R"({"modems": []})"); });
  CommandHarness h;
  const CommandRun run = h.Run(RunModemsListCommand, {"--url", server.url(), "--token", "t"});
  REQUIRE(run.status == 0);
  CHECK(run.out == "the daemon has no modems configured\n");
}

TEST_CASE("modems reports a reply without a modems array", "[modems]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, R"({"items": []})"); });
  CommandHarness h;
  const CommandRun run = h.Run(RunModemsListCommand, {"--url", server.url(), "--token", "t"});
  CHECK(run.status == 1);
  CHECK(run.err == "tellal modems: malformed reply: no \"modems\" array\n");
}

TEST_CASE("modems usage errors and help", "[modems]") {
  CommandHarness h;
  const CommandRun bogus = h.Run(RunModemsListCommand, {"bogus"});
  CHECK(bogus.status == 2);
  CHECK(bogus.err.rfind("tellal modems: unknown subcommand 'bogus'\n", 0) == 0);
  const CommandRun help = h.Run(RunModemsListCommand, {"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("Subcommands:\n  scan ") != std::string::npos);
  CHECK(help.out.find("--wide") != std::string::npos);
}

TEST_CASE("modems finds the API through the daemon's configuration", "[modems]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, R"({"modems": []})"); });
  CommandHarness h;
  h.load_config = [&server](const std::string& path) -> tellal::Result<tellal::config::Config> {
    if (path != "/etc/tellal/tellal.ini") return tellal::Error::NotFound(path + ": unexpected path");
    tellal::config::Config c;
    c.http.listen.host = "0.0.0.0";
    c.http.listen.port = server.port();
    c.http.token = "cfg-token";
    return c;
  };
  const CommandRun run = h.Run(RunModemsListCommand, {});
  CHECK(run.err == "");
  REQUIRE(run.status == 0);
  CHECK(server.requests().at(0).Header("Authorization") == "Bearer cfg-token");
}

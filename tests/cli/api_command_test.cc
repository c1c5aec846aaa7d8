#include "daemon/cli/api_command.h"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

using nlohmann::json;
using tellal::cli::AddConnectionOptions;
using tellal::cli::Member;
using tellal::cli::ParseArguments;
using tellal::cli::Show;

TEST_CASE("Show reads scalar members and prints - for the rest", "[api_command]") {
  const json o = json::parse(R"({"s": "text", "n": 42, "f": 0.5, "b": true, "z": null, "a": [1], "o": {}})");
  CHECK(Show(o, "s") == "text");
  CHECK(Show(o, "n") == "42");
  CHECK(Show(o, "f") == "0.5");
  CHECK(Show(o, "b") == "true");
  CHECK(Show(o, "z") == "-");
  CHECK(Show(o, "a") == "-");
  CHECK(Show(o, "o") == "-");
  CHECK(Show(o, "missing") == "-");
  CHECK(Show(json::array(), "s") == "-");
  CHECK(Member(o, "n") != nullptr);
  CHECK(Member(json("text"), "n") == nullptr);
}

TEST_CASE("Every API command takes the connection options, in their own help group", "[api_command]") {
  CLI::App app("a command", "tellal test");
  AddConnectionOptions(app);
  auto parsed = ParseArguments(app, {"--url", "http://gw:8080", "--token", "t", "--config", "/etc/x.ini"});
  REQUIRE(parsed.ok());
  CHECK(parsed->values ==
        std::map<std::string, std::string>{{"--url", "http://gw:8080"}, {"--token", "t"}, {"--config", "/etc/x.ini"}});
  const std::string help = app.help();
  const size_t group = help.find("Connection (each from the first place that has it):");
  REQUIRE(group != std::string::npos);
  for (const char* line :
       {"--url URL", "--token TOKEN", "--config PATH", "$TELLAL_URL", "$TELLAL_TOKEN", "/etc/tellal/tellal.ini"}) {
    CAPTURE(line);
    CHECK(help.find(line, group) != std::string::npos);
  }
}

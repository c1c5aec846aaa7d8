#include "daemon/cli/api_command.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

using nlohmann::json;
using tellal::cli::Member;
using tellal::cli::Show;
using tellal::cli::WantsHelp;
using tellal::cli::WithConnectionOptions;

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

TEST_CASE("Every API command takes the connection options", "[api_command]") {
  CHECK(WithConnectionOptions({"--to"}) == std::set<std::string>{"--to", "--url", "--token", "--config"});
  CHECK(WantsHelp({"42", "--help"}));
  CHECK(WantsHelp({"-h"}));
  CHECK_FALSE(WantsHelp({"--helpful"}));
}

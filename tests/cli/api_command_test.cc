#include "daemon/cli/api_command.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

using nlohmann::json;
using tellal::cli::IsRfc3339;
using tellal::cli::Member;
using tellal::cli::ParseRfc3339;
using tellal::cli::Show;
using tellal::cli::WantsHelp;
using tellal::cli::WithConnectionOptions;

TEST_CASE("ParseRfc3339 gives the instant in milliseconds", "[api_command]") {
  auto [text, millis] = GENERATE(table<std::string, std::int64_t>({
      {"1970-01-01T00:00:00Z", 0},
      {"1970-01-01T00:00:01.5Z", 1500},
      {"1970-01-01T00:00:00.123456Z", 123},
      {"1970-01-01T03:00:00+03:00", 0},
      {"1969-12-31T23:00:00-01:00", 0},
      {"2024-05-01T09:00:00.250+03:00", 1714543200250},
      {"2024-05-01t06:00:00.250z", 1714543200250},
      {"2024-05-01 06:00:00.250Z", 1714543200250},
      {"2024-02-29T00:00:00Z", 1709164800000},
      {"2016-12-31T23:59:60Z", 1483228800000},  // a leap second reads as the next minute
  }));
  CAPTURE(text);
  CHECK(ParseRfc3339(text) == millis);
  CHECK(IsRfc3339(text));
}

TEST_CASE("ParseRfc3339 refuses what is not an RFC 3339 date-time", "[api_command]") {
  auto text = GENERATE(as<std::string>{}, "", "tomorrow", "2024-05-01", "2024-05-01T09:00:00", "2024-05-01T09:00+03:00",
                       "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-05-01T24:00:00Z",
                       "2024-05-01T09:60:00Z", "2024-05-01T09:00:00.Z", "2024-05-01T09:00:00+0300",
                       "2024-05-01T09:00:00+03:00 ", "2024-05-01X09:00:00Z", "2024/05/01T09:00:00Z",
                       "2024-05-01T09:00:00+24:00");
  CAPTURE(text);
  CHECK_FALSE(ParseRfc3339(text).has_value());
}

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

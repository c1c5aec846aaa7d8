#include "daemon/cli/arguments.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace tellal::cli {
namespace {

using Args = std::vector<std::string>;

const std::set<std::string> kWithValue = {"--to", "--text", "--limit"};
const std::set<std::string> kSwitches = {"--json", "--follow"};

// "--to=+1 --json | a b" : values, switches and arguments in one line.
std::string Summary(const ParsedArguments& p) {
  std::string out;
  for (const auto& [name, value] : p.values) out += name + "=" + value + " ";
  for (const std::string& name : p.switches) out += name + " ";
  out += "|";
  for (const std::string& a : p.positional) out += " " + a;
  return out;
}

TEST_CASE("Options, switches and arguments are told apart", "[arguments]") {
  auto [args, expected] = GENERATE(table<Args, std::string>({
      {Args{}, "|"},
      {{"--to", "+905321234567"}, "--to=+905321234567 |"},
      {{"--to=+905321234567"}, "--to=+905321234567 |"},
      {{"--text", "a b", "--json"}, "--text=a b --json |"},
      {{"42", "--json", "43"}, "--json | 42 43"},
      {{"--limit", "5", "--limit", "7"}, "--limit=7 |"},
      {{"-", "--text", "x"}, "--text=x | -"},
      {{"--text", "-5"}, "--text=-5 |"},
      {{"--text", "=x"}, "--text==x |"},
      {{"--follow", "--follow"}, "--follow |"},
  }));
  INFO(Catch::Detail::stringify(args));
  auto parsed = ParseArguments(args, kWithValue, kSwitches);
  REQUIRE(parsed.ok());
  CHECK(Summary(*parsed) == expected);
}

TEST_CASE("Mistakes are named with the option they concern", "[arguments]") {
  auto [args, message] = GENERATE(table<Args, std::string>({
      {{"--bogus"}, "unknown option --bogus"},
      {{"--to", "1", "--bogus=2"}, "unknown option --bogus"},
      {{"--to"}, "--to: needs a value"},
      {{"--json", "--limit"}, "--limit: needs a value"},
      {{"--json=1"}, "--json: takes no value"},
  }));
  INFO(Catch::Detail::stringify(args));
  auto parsed = ParseArguments(args, kWithValue, kSwitches);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == ErrorCode::kInvalidArgument);
  CHECK(parsed.error().message == message);
}

TEST_CASE("has and get answer for options given and not given", "[arguments]") {
  auto parsed = ParseArguments({"--to", "+1", "--json"}, kWithValue, kSwitches);
  REQUIRE(parsed.ok());
  CHECK(parsed->has("--to"));
  CHECK(parsed->has("--json"));
  CHECK_FALSE(parsed->has("--text"));
  CHECK_FALSE(parsed->has("--follow"));
  CHECK(parsed->get("--to") == "+1");
  CHECK_FALSE(parsed->get("--text").has_value());
}

TEST_CASE("Whole numbers are read within their range", "[arguments]") {
  auto [text, ok, value_or_message] = GENERATE(table<std::string, bool, std::string>({
      {"5", true, "5"},
      {"-3", true, "-3"},
      {"", false, "--limit: expected a number"},
      {"5x", false, "--limit: '5x' is not a whole number"},
      {"101", false, "--limit: 101 is outside -10..100"},
  }));
  auto n = ParseInteger(text, -10, 100, "--limit");
  REQUIRE(n.ok() == ok);
  CHECK((ok ? std::to_string(*n) : n.error().message) == value_or_message);
}

}  // namespace
}  // namespace tellal::cli

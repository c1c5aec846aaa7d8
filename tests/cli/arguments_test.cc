#include "daemon/cli/arguments.h"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace tellal::cli {
namespace {

using Args = std::vector<std::string>;

// A command with options that take a value, switches, and a subcommand
// with an option and a positional of its own.
struct Declared {
  CLI::App app{"a test command", "tellal test"};
  CLI::App& sub = *app.add_subcommand("sub", "a subcommand");

  Declared() {
    app.add_option("--to", "a number")->type_name("NUMBER");
    app.add_option("--text", "a text")->type_name("TEXT");
    app.add_option("--limit", "a count")->type_name("N");
    AddSwitch(app, "--json", "JSON");
    AddSwitch(app, "--follow", "follow");
    sub.add_option("--depth", "a depth")->type_name("N");
    sub.add_option("HEX", "a positional");
  }
};

Result<ParsedArguments> Parse(const Args& args) {
  Declared d;
  return ParseArguments(d.app, args);
}

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
  auto parsed = Parse(args);
  REQUIRE(parsed.ok());
  CHECK(Summary(*parsed) == expected);
  CHECK(parsed->subcommand.empty());
  CHECK_FALSE(parsed->help.has_value());
}

TEST_CASE("Mistakes are named with the option they concern", "[arguments]") {
  auto [args, message] = GENERATE(table<Args, std::string>({
      {{"--bogus"}, "unknown option --bogus"},
      {{"--to", "1", "--bogus=2"}, "unknown option --bogus"},
      {{"--to"}, "--to: needs a value"},
      {{"--json", "--limit"}, "--limit: needs a value"},
      {{"--json=1"}, "--json: takes no value"},
      {{"--to", "1", "--text"}, "--text: needs a value"},
      {{"--limit", "1", "--limit"}, "--limit: needs a value"},
      {{"sub", "--depth"}, "--depth: needs a value"},
      {{"sub", "--bogus"}, "unknown option --bogus"},
      {{"sub", "--json=1"}, "unknown option --json"},
      {{"--json", "sub"}, "--json: not an option of sub"},
  }));
  INFO(Catch::Detail::stringify(args));
  auto parsed = Parse(args);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == ErrorCode::kInvalidArgument);
  CHECK(parsed.error().message == message);
}

TEST_CASE("has and get answer for options given and not given", "[arguments]") {
  auto parsed = Parse({"--to", "+1", "--json"});
  REQUIRE(parsed.ok());
  CHECK(parsed->has("--to"));
  CHECK(parsed->has("--json"));
  CHECK_FALSE(parsed->has("--text"));
  CHECK_FALSE(parsed->has("--follow"));
  CHECK(parsed->get("--to") == "+1");
  CHECK_FALSE(parsed->get("--text").has_value());
}

TEST_CASE("A subcommand's options and arguments are its own", "[arguments]") {
  auto [args, expected] = GENERATE(table<Args, std::string>({
      {{"sub"}, "|"},
      {{"sub", "--depth", "3", "0791"}, "--depth=3 | 0791"},
      {{"sub", "0791", "extra"}, "| 0791 extra"},
  }));
  INFO(Catch::Detail::stringify(args));
  auto parsed = Parse(args);
  REQUIRE(parsed.ok());
  CHECK(parsed->subcommand == "sub");
  CHECK(Summary(*parsed) == expected);
}

TEST_CASE("--help gives the generated help of the command or of its subcommand", "[arguments]") {
  auto [args, usage, described] = GENERATE(table<Args, std::string, std::string>({
      {{"--help"}, "Usage: tellal test [OPTIONS]", "--limit N"},
      {{"-h", "--bogus"}, "Usage: tellal test [OPTIONS]", "--follow"},
      {{"sub", "--help"}, "Usage: tellal test sub [OPTIONS]", "--depth N"},
  }));
  INFO(Catch::Detail::stringify(args));
  auto parsed = Parse(args);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->help.has_value());
  CHECK(parsed->help->find(usage) != std::string::npos);
  CHECK(parsed->help->find(described) != std::string::npos);
}

TEST_CASE("ParseOrExplain prints help on out and mistakes with help on err", "[arguments]") {
  auto [args, status, out_has, err_has] = GENERATE(table<Args, int, std::string, std::string>({
      {{"--help"}, kExitOk, "Usage: tellal test", ""},
      {{"--to"}, kExitUsage, "", "tellal test: --to: needs a value\n\na test command\nUsage: tellal test"},
      {{"sub", "--x"}, kExitUsage, "", "tellal test sub: unknown option --x\n\na subcommand\nUsage: tellal test sub"},
  }));
  INFO(Catch::Detail::stringify(args));
  Declared d;
  std::ostringstream out, err;
  int exit_status = -1;
  CHECK_FALSE(ParseOrExplain(d.app, args, out, err, &exit_status).has_value());
  CHECK(exit_status == status);
  CHECK(out.str().find(out_has) != std::string::npos);
  CHECK(err.str().rfind(err_has, 0) == 0);
  CHECK((out_has.empty() ? out.str() : err.str()).empty());
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

#include "modem/vmodem/command_line_parser.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace tellal::vmodem {
namespace {

using Kind = HostInput::Kind;

struct Item {
  Kind kind;
  std::string text;
  bool operator==(const Item&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Item& item) {
  return os << static_cast<int>(item.kind) << ":" << item.text;
}

// Feeds `chunks`, switching to payload mode after every AT+CMGS line, as the
// modem does when it prints its prompt.
std::vector<Item> Run(const std::vector<std::string>& chunks) {
  CommandLineParser parser;
  std::vector<Item> out;
  for (const std::string& chunk : chunks) {
    parser.Append(chunk);
    while (auto input = parser.Next()) {
      out.push_back({input->kind, input->text});
      if (input->kind == Kind::kCommandLine && input->text.rfind("AT+CMGS=", 0) == 0) parser.ExpectPayload();
    }
  }
  return out;
}

TEST_CASE("SplitsAtEveryPositionGiveTheSameItems") {
  const std::string input =
      "AT\r\nATE0\r AT+CSQ \rAT+CMGS=5\r0011AB\r\n\x1A"
      "AT+CMGS=3\r00\x1B"
      "AT\r";
  const std::vector<Item> expected = {
      {Kind::kCommandLine, "AT"},        {Kind::kCommandLine, "ATE0"}, {Kind::kCommandLine, "AT+CSQ"},
      {Kind::kCommandLine, "AT+CMGS=5"}, {Kind::kPayload, "0011AB"},   {Kind::kCommandLine, "AT+CMGS=3"},
      {Kind::kPayloadAborted, "00"},     {Kind::kCommandLine, "AT"},
  };
  CHECK(Run({input}) == expected);
  for (std::size_t split = 1; split < input.size(); ++split) {
    INFO("split at " << split);
    CHECK(Run({input.substr(0, split), input.substr(split)}) == expected);
  }
  std::vector<std::string> bytes;
  for (char c : input) bytes.emplace_back(1, c);
  CHECK(Run(bytes) == expected);
}

TEST_CASE("EmptyLinesAreIgnoredAndBackspaceEdits") {
  CHECK(Run({"\r\r\n  \rATX\bE1\r"}) == std::vector<Item>{{Kind::kCommandLine, "ATE1"}});
}

TEST_CASE("EchoIsTheLineAsTyped") {
  CommandLineParser parser;
  parser.Append("\nAT+CGMI\r");
  auto input = parser.Next();
  REQUIRE(input);
  CHECK(input->echo == "AT+CGMI\r");
  parser.ExpectPayload();
  parser.Append("00AB\x1A");
  input = parser.Next();
  REQUIRE(input);
  CHECK(input->echo == "00AB\x1A");
}

TEST_CASE("EndlessInputIsBounded") {
  CommandLineParser parser;
  parser.Append(std::string(100000, 'A'));
  CHECK_FALSE(parser.Next());
  parser.Append("\r");
  auto input = parser.Next();
  REQUIRE(input);
  CHECK(input->text.size() == CommandLineParser::kMaxLine);
}

TEST_CASE("ResetDropsPayloadState") {
  CommandLineParser parser;
  parser.ExpectPayload();
  parser.Append("00");
  parser.Reset();
  CHECK_FALSE(parser.in_payload());
  parser.Append("AT\r");
  auto input = parser.Next();
  REQUIRE(input);
  CHECK(input->kind == Kind::kCommandLine);
}

}  // namespace
}  // namespace tellal::vmodem

#include "modem/text/ascii.h"

#include <catch2/catch.hpp>
#include <string>

using tellal::text::AllDigits;
using tellal::text::EqualsIgnoreCase;
using tellal::text::ToLowerAscii;
using tellal::text::Trim;
using tellal::text::TrimSpaces;
using tellal::text::TrimWhitespace;

TEST_CASE("TrimSpaces strips spaces and tabs at both ends only", "[ascii]") {
  auto [in, out] = GENERATE(table<std::string, std::string>({
      {"", ""},
      {" \t ", ""},
      {"  +CSQ: 20,99\t", "+CSQ: 20,99"},
      {"a b", "a b"},
      {"\nline\r", "\nline\r"},
  }));
  CHECK(TrimSpaces(in) == out);
}

TEST_CASE("TrimWhitespace strips every C-locale space character", "[ascii]") {
  auto [in, out] = GENERATE(table<std::string, std::string>({
      {"token\n", "token"},
      {"\r\n\t\v\f token \r\n", "token"},
      {"\n\n", ""},
      {"a\nb", "a\nb"},
  }));
  CHECK(TrimWhitespace(in) == out);
}

TEST_CASE("Trim strips the characters it is given", "[ascii]") {
  CHECK(Trim(" \"867530900000001\" ", " \"") == "867530900000001");
  CHECK(Trim("xxabcxx", "x") == "abc");
  CHECK(Trim("abc", "") == "abc");
}

TEST_CASE("EqualsIgnoreCase folds ASCII letters only", "[ascii]") {
  auto [a, b, equal] = GENERATE(table<std::string, std::string, bool>({
      {"Content-Length", "content-length", true},
      {"AT+CMGS=1", "at+cmgs=1", true},
      {"", "", true},
      {"abc", "abcd", false},
      {"[", "{", false},  // 0x5B and 0x7B differ by 0x20 but are not letters
      {"\xC4\xB0", "\xC4\xB1", false},
  }));
  CHECK(EqualsIgnoreCase(a, b) == equal);
}

TEST_CASE("ToLowerAscii leaves non-letters and non-ASCII bytes alone", "[ascii]") {
  CHECK(ToLowerAscii("UTF-8 Ä @[Z]") == "utf-8 \xC3\x84 @[z]");
  CHECK(ToLowerAscii('Q') == 'q');
  CHECK(ToLowerAscii('@') == '@');
}

TEST_CASE("AllDigits wants at least one digit and nothing else", "[ascii]") {
  auto [in, digits] = GENERATE(table<std::string, bool>({
      {"0", true},
      {"905321234567", true},
      {"", false},
      {"+90", false},
      {"12 ", false},
      {"１２", false},  // full-width digits are not ASCII
  }));
  CHECK(AllDigits(in) == digits);
}

#include "modem/pdu/utf8.h"

#include <catch2/catch.hpp>

using namespace tellal::pdu;
using tellal::Result;
using tellal::Status;

TEST_CASE("DecodeUtf8 accepts every sequence length", "[utf8]") {
  auto r = DecodeUtf8("a\xC3\xA7\xE2\x82\xAC\xF0\x9F\x98\x80");  // a ç € 😀
  REQUIRE(r.ok());
  CHECK(*r == std::u32string{U'a', U'ç', U'€', U'😀'});
  CHECK(EncodeUtf8(*r) == "a\xC3\xA7\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST_CASE("DecodeUtf8 rejects invalid input with a reason", "[utf8]") {
  struct Case {
    std::string input;
    const char* reason;
  };
  const Case cases[] = {
      {"\xC3\x28", "bad continuation byte at offset 1"},
      {"ab\xC0\xAF", "overlong sequence at offset 2"},
      {"\xE0\x80\xAF", "overlong sequence at offset 0"},
      {"\xED\xA0\x80", "surrogate code point at offset 0"},
      {"\xF4\x90\x80\x80", "code point above U+10FFFF at offset 0"},
      {"x\xE2\x82", "truncated sequence at offset 1"},
      {"\x80", "unexpected byte 128 at offset 0"},
      {"\xFF", "unexpected byte 255 at offset 0"},
  };
  for (const Case& c : cases) {
    auto r = DecodeUtf8(c.input);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains(c.reason));
  }
}

TEST_CASE("UTF-16 surrogate pairs encode and decode", "[utf8]") {
  std::vector<uint16_t> units;
  AppendUtf16(units, U'😀');
  AppendUtf16(units, U'ş');
  CHECK(units == std::vector<uint16_t>{0xD83D, 0xDE00, 0x015F});
  CHECK(DecodeUtf16(units.data(), units.size()) == U"😀ş");
}

TEST_CASE("Lone surrogates from the network become U+FFFD", "[utf8]") {
  const uint16_t high_only[] = {0x0041, 0xD83D};
  CHECK(DecodeUtf16(high_only, 2) == U"A\uFFFD");
  const uint16_t low_first[] = {0xDE00, 0x0042};
  CHECK(DecodeUtf16(low_first, 2) == U"\uFFFDB");
}

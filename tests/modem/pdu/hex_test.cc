#include "modem/pdu/hex.h"

#include <catch2/catch.hpp>

using tellal::pdu::BytesToHex;
using tellal::pdu::HexToBytes;

TEST_CASE("HexToBytes reads upper and lower case", "[hex]") {
  auto r = HexToBytes("00aFfF10");
  REQUIRE(r.ok());
  CHECK(*r == std::vector<uint8_t>{0x00, 0xAF, 0xFF, 0x10});
  CHECK(BytesToHex(*r) == "00AFFF10");
}

TEST_CASE("HexToBytes rejects malformed text naming the offset", "[hex]") {
  struct Case {
    const char* hex;
    const char* message;
  };
  const Case cases[] = {
      {"ABC", "hex: odd number of digits (3)"},
      {"0G", "hex: invalid character at offset 1"},
      {"zz00", "hex: invalid character at offset 0"},
      {"00 1", "hex: invalid character at offset 2"},
  };
  for (const Case& c : cases) {
    auto r = HexToBytes(c.hex);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == c.message);
  }
}

TEST_CASE("Empty hex is zero bytes", "[hex]") {
  auto r = HexToBytes("");
  REQUIRE(r.ok());
  CHECK(r->empty());
}

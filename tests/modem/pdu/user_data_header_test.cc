#include "modem/pdu/user_data_header.h"

#include <catch2/catch.hpp>

#include "modem/pdu/hex.h"

using namespace tellal::pdu;
using tellal::Result;
using tellal::Status;

namespace {

Result<UserDataHeader> Parse(const char* hex, size_t* consumed, const UdhParseOptions& options = {}) {
  auto bytes = HexToBytes(hex);
  REQUIRE(bytes.ok());
  return ParseUdh(bytes->data(), bytes->size(), consumed, options);
}

}  // namespace

TEST_CASE("UDH with 8-bit concatenation and shift tables round-trips", "[udh]") {
  UserDataHeader udh;
  udh.concat = Concat{0x42, 3, 2, false};
  udh.tables = {Language::kTurkish, Language::kTurkish};
  std::vector<uint8_t> out;
  AppendUdh(udh, out);
  CHECK(BytesToHex(out) == "0B0003420302240101250101");
  CHECK(UdhSize(udh) == 12);
  size_t consumed = 0;
  auto back = ParseUdh(out.data(), out.size(), &consumed);
  REQUIRE(back.ok());
  CHECK(consumed == 12);
  CHECK(back->concat == udh.concat);
  CHECK(back->tables == udh.tables);
}

TEST_CASE("UDH parsing", "[udh]") {
  size_t consumed = 0;
  SECTION("16-bit reference (IE 0x08)") {
    auto u = Parse("060804BEEF0201", &consumed);
    REQUIRE(u.ok());
    REQUIRE(u->concat);
    CHECK(u->concat->ref == 0xBEEF);
    CHECK(u->concat->ref16);
    CHECK(u->concat->total == 2);
    CHECK(u->concat->seq == 1);
    CHECK(consumed == 7);
  }
  SECTION("unknown IEs are skipped") {
    // IE 0x0A (text formatting, 3 octets) before the concat IE.
    auto u = Parse("0A0A030000000003070201", &consumed);
    REQUIRE(u.ok());
    REQUIRE(u->concat);
    CHECK(u->concat->ref == 7);
  }
  SECTION("concat with seq 0 or beyond total is ignored") {
    auto u = Parse("050003070200", &consumed);
    REQUIRE(u.ok());
    CHECK_FALSE(u->concat);
    u = Parse("050003070203", &consumed);
    REQUIRE(u.ok());
    CHECK_FALSE(u->concat);
  }
}

TEST_CASE("Malformed UDH is an error naming the IE", "[udh]") {
  struct Case {
    const char* hex;
    const char* message;
  };
  const Case cases[] = {
      {"", "UDH: missing UDHL"},
      {"0500030702", "UDH: UDHL 5 points past the end of the user data (4 octets left)"},
      {"0400050702", "UDH IE 0x00: length 5 points past the end of the header"},
      {"0400020701", "UDH IE 0x00: concatenation IE has length 2, expected 3"},
      {"010A", "UDH: truncated information element at offset 1"},
      {"0425020101", "UDH IE 0x25: national language IE has length 2, expected 1"},
  };
  for (const Case& c : cases) {
    size_t consumed = 0;
    auto u = Parse(c.hex, &consumed);
    REQUIRE_FALSE(u.ok());
    CHECK(u.error().message == c.message);
    CHECK(u.error().Is(tellal::ErrorCode::kCorruption));
  }
}

TEST_CASE("Every national language of TS 23.038 selects its shift tables", "[udh]") {
  for (uint8_t id = 1; id <= 13; ++id) {
    CAPTURE(id);
    const uint8_t single[] = {3, kIeSingleShift, 1, id};
    size_t consumed = 0;
    auto u = ParseUdh(single, sizeof single, &consumed);
    REQUIRE(u.ok());
    CHECK(u->tables.single == static_cast<Language>(id));
    CHECK_FALSE(u->unknown_single_shift);
    const uint8_t locking[] = {3, kIeLockingShift, 1, id};
    u = ParseUdh(locking, sizeof locking, &consumed);
    REQUIRE(u.ok());
    if (id == 2) continue;  // Spanish: below
    CHECK(u->tables.locking == static_cast<Language>(id));
    CHECK_FALSE(u->unknown_locking_shift);
  }
}

TEST_CASE("A shift IE naming no table falls back to the default table, as TS 23.040 says", "[udh]") {
  struct Case {
    const char* hex;
    bool single;
    uint8_t id;
    const char* strict_message;
  };
  const Case cases[] = {
      {"03250102", false, 2, "UDH IE 0x25: national language 2 (spanish) has no locking shift table in TS 23.038"},
      {"0325010E", false, 14, "UDH IE 0x25: national language 14 (reserved) has no locking shift table in TS 23.038"},
      {"032401FF", true, 255, "UDH IE 0x24: national language 255 (reserved) has no single shift table in TS 23.038"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.hex);
    size_t consumed = 0;
    auto u = Parse(c.hex, &consumed);
    REQUIRE(u.ok());
    CHECK(u->tables == Gsm7Tables{});
    CHECK((c.single ? u->unknown_single_shift : u->unknown_locking_shift) == c.id);
    CHECK_FALSE((c.single ? u->unknown_locking_shift : u->unknown_single_shift));

    auto strict = Parse(c.hex, &consumed, UdhParseOptions{true});
    REQUIRE_FALSE(strict.ok());
    CHECK(strict.error().Is(tellal::ErrorCode::kNotSupported));
    CHECK(strict.error().message == c.strict_message);
  }
  SECTION("a later IE with a table replaces the unknown one") {
    size_t consumed = 0;
    auto u = Parse("0625010E250104", &consumed);
    REQUIRE(u.ok());
    CHECK(u->tables.locking == Language::kBengali);
    CHECK_FALSE(u->unknown_locking_shift);
  }
}

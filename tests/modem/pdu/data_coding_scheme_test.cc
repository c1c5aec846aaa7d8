#include "modem/pdu/data_coding_scheme.h"

#include <catch2/catch.hpp>

using namespace tellal::pdu;

// TS 23.038 §4 coding groups.
TEST_CASE("General data coding group", "[dcs]") {
  struct Case {
    uint8_t dcs;
    Alphabet alphabet;
    int message_class;  // -1: none
    bool compressed;
    bool auto_delete;
  };
  const Case cases[] = {
      {0x00, Alphabet::kGsm7, -1, false, false}, {0x04, Alphabet::kEightBit, -1, false, false},
      {0x08, Alphabet::kUcs2, -1, false, false}, {0x0C, Alphabet::kGsm7, -1, false, false},  // reserved alphabet
      {0x10, Alphabet::kGsm7, 0, false, false},  {0x18, Alphabet::kUcs2, 0, false, false},
      {0x11, Alphabet::kGsm7, 1, false, false},  {0x16, Alphabet::kEightBit, 2, false, false},
      {0x13, Alphabet::kGsm7, 3, false, false},  {0x20, Alphabet::kGsm7, -1, true, false},
      {0x48, Alphabet::kUcs2, -1, false, true},  {0x80, Alphabet::kGsm7, -1, false, false},  // reserved group
      {0xF0, Alphabet::kGsm7, 0, false, false},  {0xF5, Alphabet::kEightBit, 1, false, false},
      {0xF2, Alphabet::kGsm7, 2, false, false},
  };
  for (const Case& c : cases) {
    INFO("DCS 0x" << std::hex << int(c.dcs));
    const DataCodingScheme d = ParseDcs(c.dcs);
    CHECK(d.alphabet == c.alphabet);
    CHECK(d.message_class.value_or(-1) == c.message_class);
    CHECK(d.compressed == c.compressed);
    CHECK(d.auto_delete == c.auto_delete);
    CHECK_FALSE(d.waiting);
  }
}

TEST_CASE("Message waiting indication groups", "[dcs]") {
  struct Case {
    uint8_t dcs;
    Alphabet alphabet;
    WaitingKind kind;
    bool active;
    bool store;
  };
  const Case cases[] = {
      {0xC8, Alphabet::kGsm7, WaitingKind::kVoicemail, true, false},
      {0xC0, Alphabet::kGsm7, WaitingKind::kVoicemail, false, false},
      {0xD9, Alphabet::kGsm7, WaitingKind::kFax, true, true},
      {0xEA, Alphabet::kUcs2, WaitingKind::kEmail, true, true},
      {0xD3, Alphabet::kGsm7, WaitingKind::kOther, false, true},
  };
  for (const Case& c : cases) {
    const DataCodingScheme d = ParseDcs(c.dcs);
    REQUIRE(d.waiting);
    CHECK(d.alphabet == c.alphabet);
    CHECK(d.waiting->kind == c.kind);
    CHECK(d.waiting->active == c.active);
    CHECK(d.waiting->store == c.store);
  }
}

TEST_CASE("MakeDcs for sending", "[dcs]") {
  CHECK(MakeDcs(Alphabet::kGsm7, false) == 0x00);
  CHECK(MakeDcs(Alphabet::kUcs2, false) == 0x08);
  CHECK(MakeDcs(Alphabet::kEightBit, false) == 0x04);
  CHECK(MakeDcs(Alphabet::kGsm7, true) == 0x10);
  CHECK(MakeDcs(Alphabet::kUcs2, true) == 0x18);
}

#include "modem/pdu/timestamp.h"

#include <catch2/catch.hpp>

#include "modem/pdu/hex.h"

using namespace tellal::pdu;
using tellal::Result;
using tellal::Status;

namespace {

Result<Timestamp> Parse(const char* hex) {
  auto bytes = HexToBytes(hex);
  REQUIRE(bytes.ok());
  return ParseTimestamp(bytes->data(), bytes->size(), "TP-SCTS");
}

}  // namespace

// TS 23.040 §9.2.3.11: semi-octets swapped; the time zone's tens digit sits
// in the low nibble with the sign in its bit 3.
TEST_CASE("SCTS decodes with its time zone", "[timestamp]") {
  struct Case {
    const char* hex;
    const char* rfc3339;
    int offset;
  };
  const Case cases[] = {
      {"62113241918021", "2026-11-23T14:19:08+03:00", 180},   // Istanbul: 12 quarters = 0x21
      {"9930925161950A", "1999-03-29T15:16:59-05:00", -300},  // -20 quarters: tens 2 | sign
      {"62113241918022", "2026-11-23T14:19:08+05:30", 330},   // India
      {"62113241918049", "2026-11-23T14:19:08-03:30", -210},  // Newfoundland
      {"20806291731408", "2002-08-26T19:37:41+00:00", 0},     // sign bit with a zero offset
      {"00101000000000", "2000-01-01T00:00:00+00:00", 0},
  };
  for (const Case& c : cases) {
    auto ts = Parse(c.hex);
    REQUIRE(ts.ok());
    CHECK(FormatRfc3339(*ts) == c.rfc3339);
    CHECK(ts->utc_offset_minutes == c.offset);
    std::vector<uint8_t> back;
    AppendTimestamp(*ts, back);
    if (c.offset != 0) CHECK(BytesToHex(back) == c.hex);
  }
}

TEST_CASE("Malformed SCTS names the part", "[timestamp]") {
  struct Case {
    const char* hex;
    const char* message;
  };
  const Case cases[] = {
      {"621132419180", "TP-SCTS: truncated (6 of 7 octets)"},
      {"6231324191802A", "TP-SCTS: month 13 out of range"},
      {"6A113241918021", "TP-SCTS: year is not a decimal semi-octet pair"},
      {"62110041918021", "TP-SCTS: day 0 out of range"},
      {"62113242918021", "TP-SCTS: hour 24 out of range"},
      {"621132419180F1", "TP-SCTS: time zone is not a decimal semi-octet pair"},
      {"62113241918097", "TP-SCTS: time zone offset of 79 quarter hours"},
  };
  for (const Case& c : cases) {
    auto ts = Parse(c.hex);
    REQUIRE_FALSE(ts.ok());
    CHECK(ts.error().message == c.message);
  }
}

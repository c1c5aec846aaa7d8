#include "modem/pdu/address.h"

#include <catch2/catch.hpp>

#include "modem/pdu/hex.h"

using namespace tellal::pdu;
using tellal::Result;
using tellal::Status;

namespace {

std::string EncodeTp(const std::string& value) {
  std::vector<uint8_t> out;
  Status s = AppendTpAddress(value, "TP-DA", out);
  return s.ok() ? BytesToHex(out) : "error: " + s.message();
}

Result<Address> ParseTp(const std::string& hex, size_t* consumed) {
  auto bytes = HexToBytes(hex);
  REQUIRE(bytes.ok());
  return ParseTpAddress(bytes->data(), bytes->size(), "TP-OA", consumed);
}

}  // namespace

TEST_CASE("TP addresses encode by kind", "[address]") {
  struct Case {
    const char* value;
    const char* hex;
  };
  const Case cases[] = {
      {"+905321234567", "0C91093512325476"},
      {"+31641600986", "0B911346610089F6"},
      {"05321234567", "0B815023214365F7"},
      {"4545", "04815454"},
      {"*100#", "05811A00FB"},  // '*' and '#' are BCD 0xA and 0xB
      // Wikipedia's SMS article example of an alphanumeric originator.
      {"Design@Home", "14D0C4F23C7D760390EF7619"},
  };
  for (const Case& c : cases) {
    CHECK(EncodeTp(c.value) == c.hex);
  }
}

TEST_CASE("TP addresses that cannot be encoded name the field", "[address]") {
  CHECK(EncodeTp("") == "error: TP-DA: is empty");
  CHECK(EncodeTp("+90532x") == "error: TP-DA: '+' must be followed by digits only");
  CHECK(EncodeTp("+123456789012345678901") == "error: TP-DA: 21 digits, at most 20 allowed");
  CHECK(EncodeTp("TwelveChars!") ==
        "error: TP-DA: alphanumeric address needs 12 septets, at most 11 allowed (€ [ ] { } count twice)");
  CHECK(EncodeTp("Shop{2026}") ==
        "error: TP-DA: alphanumeric address needs 12 septets, at most 11 allowed (€ [ ] { } count twice)");
  CHECK(EncodeTp("Şirket") ==
        "error: TP-DA: alphanumeric address has a character outside the GSM 7-bit alphabet at position 0");
}

TEST_CASE("TP addresses decode numbers and alphanumeric senders", "[address]") {
  size_t consumed = 0;
  auto a = ParseTp("0B911346610089F6FF", &consumed);
  REQUIRE(a.ok());
  CHECK(a->value == "+31641600986");
  CHECK(a->kind() == AddressKind::kInternational);
  CHECK(consumed == 8);

  a = ParseTp("14D0C4F23C7D760390EF7619", &consumed);
  REQUIRE(a.ok());
  CHECK(a->value == "Design@Home");
  CHECK(a->kind() == AddressKind::kAlphanumeric);
  CHECK(consumed == 12);

  a = ParseTp("0BA15023214365F7", &consumed);
  REQUIRE(a.ok());
  CHECK(a->value == "05321234567");
  CHECK(a->kind() == AddressKind::kNational);
}

TEST_CASE("Truncated TP addresses are errors", "[address]") {
  size_t consumed = 0;
  CHECK(ParseTp("0B", &consumed).error().message == "TP-OA: truncated (length and type of address missing)");
  CHECK(ParseTp("0B91134661", &consumed).error().message == "TP-OA: length 11 points past the end of the PDU");
  CHECK(ParseTp("1591"
                "11111111111111111111FF",
                &consumed)
            .error()
            .message == "TP-OA: 21 digits, at most 20 allowed");
}

TEST_CASE("SMSC addresses", "[address]") {
  std::vector<uint8_t> out;
  REQUIRE(AppendSmscAddress("", out).ok());
  CHECK(BytesToHex(out) == "00");
  out.clear();
  REQUIRE(AppendSmscAddress("+31624000000", out).ok());
  CHECK(BytesToHex(out) == "07911326040000F0");
  out.clear();
  CHECK_FALSE(AppendSmscAddress("+31abc", out).ok());

  auto bytes = HexToBytes("07911326040000F0");
  size_t consumed = 0;
  auto a = ParseSmscAddress(bytes->data(), bytes->size(), &consumed);
  REQUIRE(a.ok());
  CHECK(a->value == "+31624000000");
  CHECK(consumed == 8);

  bytes = HexToBytes("0791132604");
  CHECK(ParseSmscAddress(bytes->data(), bytes->size(), &consumed).error().message ==
        "SMSC: length 7 points past the end of the PDU");
}

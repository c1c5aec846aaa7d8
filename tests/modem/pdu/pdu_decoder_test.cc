#include "modem/pdu/pdu_decoder.h"

#include <catch2/catch.hpp>
#include <tuple>

#include "modem/pdu/hex.h"
#include "modem/pdu/septet_packing.h"

using namespace tellal::pdu;
using tellal::ErrorCode;
using tellal::Result;
using tellal::Status;

namespace {

DecodedPdu Decode(const std::string& hex, DecodeOptions options = {}) {
  auto r = DecodePdu(hex, options);
  if (!r.ok()) FAIL(r.error().message);
  return *r;
}

// SMSC default, SMS-DELIVER from +31641600986, SCTS 2026-11-23 14:19:08 +03:00.
const std::string kDeliverHead =
    "0004"
    "0B911346610089F6";
const std::string kScts = "62113241918021";

}  // namespace

TEST_CASE("SMS-DELIVER: the published 'How are you?' vector", "[pdu_decoder]") {
  const auto d = Decode("07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07");
  CHECK(d.type == MessageType::kDeliver);
  CHECK(d.smsc.value == "+31624000000");
  CHECK(d.address.value == "+31641600986");
  CHECK(d.text == "How are you?");
  REQUIRE(d.scts);
  CHECK(FormatRfc3339(*d.scts) == "2002-08-26T19:37:41+00:00");
  CHECK_FALSE(d.udh.concat);
  CHECK_FALSE(d.report_requested);
}

TEST_CASE("SMS-DELIVER: alphanumeric sender, UCS-2 and classes", "[pdu_decoder]") {
  SECTION("alphanumeric originator") {
    const auto d = Decode(
        "00"
        "04"
        "14D0C4F23C7D760390EF7619"
        "0000" +
        kScts + "02C834");
    CHECK(d.address.value == "Design@Home");
    CHECK(d.address.kind() == AddressKind::kAlphanumeric);
    CHECK(d.text == "Hi");
  }
  SECTION("UCS-2 with an emoji") {
    const auto d = Decode(kDeliverHead + "0008" + kScts + "06015FD83DDE00");
    CHECK(d.text == "ş😀");
    CHECK(d.dcs.alphabet == Alphabet::kUcs2);
  }
  SECTION("flash message, class 0") {
    const auto d = Decode(kDeliverHead + "0010" + kScts + "02C834");
    CHECK(d.dcs.message_class == 0);
  }
  SECTION("message waiting, voicemail active") {
    const auto d = Decode(kDeliverHead + "00C8" + kScts + "02C834");
    REQUIRE(d.dcs.waiting);
    CHECK(d.dcs.waiting->kind == WaitingKind::kVoicemail);
    CHECK(d.dcs.waiting->active);
    CHECK(d.text == "Hi");
  }
  SECTION("8-bit data keeps its octets") {
    const auto d = Decode(kDeliverHead + "0004" + kScts + "03DEADBE");
    CHECK(d.dcs.alphabet == Alphabet::kEightBit);
    CHECK(d.data == std::vector<uint8_t>{0xDE, 0xAD, 0xBE});
    CHECK(d.text.empty());
  }
  SECTION("status report indication and reply path") {
    const auto d = Decode(
        "00"
        "A4"
        "0B911346610089F6"
        "0000" +
        kScts + "02C834");
    CHECK(d.report_requested);
    CHECK(d.reply_path);
  }
}

TEST_CASE("SMS-DELIVER: concatenation headers", "[pdu_decoder]") {
  SECTION("8-bit reference, GSM 7-bit after one fill bit") {
    // UDH 05 00 03 2A 02 01, then "Hi" after one fill bit: UDL 7 + 2 = 9.
    const auto d = Decode(
        "0044"
        "0B911346610089F6"
        "0000" +
        kScts +
        "09"
        "0500032A0201"
        "9069");
    REQUIRE(d.udh.concat);
    CHECK(d.udh.concat->ref == 0x2A);
    CHECK(d.udh.concat->total == 2);
    CHECK(d.udh.concat->seq == 1);
    CHECK_FALSE(d.udh.concat->ref16);
    CHECK(d.text == "Hi");
  }
  SECTION("16-bit reference, UCS-2") {
    const auto d = Decode(
        "0044"
        "0B911346610089F6"
        "0008" +
        kScts +
        "09"
        "060804BEEF0302"
        "015F");
    REQUIRE(d.udh.concat);
    CHECK(d.udh.concat->ref == 0xBEEF);
    CHECK(d.udh.concat->ref16);
    CHECK(d.udh.concat->seq == 2);
    CHECK(d.text == "ş");
  }
  SECTION("Turkish locking shift after an unknown IE") {
    // IE 0x70 (unknown, 1 octet) then 0x25 01 01: UDHL 6, 7 octets = 8 septets, no fill.
    // Text: 0x1D 0x07 = "şı" in the Turkish locking table.
    const auto d = Decode(
        "0044"
        "0B911346610089F6"
        "0000" +
        kScts +
        "0A"
        "06700100250101"
        "9D03");
    CHECK(d.udh.tables.locking == Language::kTurkish);
    CHECK(d.text == "şı");
  }
}

TEST_CASE("SMS-SUBMIT decodes for round trips", "[pdu_decoder]") {
  const auto d = Decode("0031000B915121551532F40000AA0AE8329BFD4697D9EC37");
  CHECK(d.type == MessageType::kSubmit);
  CHECK(d.address.value == "+15125551234");
  CHECK(d.report_requested);
  CHECK(d.validity_minutes == 4 * 24 * 60);
  CHECK(d.text == "hellohello");
}

TEST_CASE("SMS-STATUS-REPORT", "[pdu_decoder]") {
  const std::string head =
      "07911326040000F0"
      "06"
      "2A"
      "0C91093512325476" +
      kScts + "62113241913121";
  SECTION("delivered, TP-PI absent") {
    const auto d = Decode(head + "00");
    CHECK(d.type == MessageType::kStatusReport);
    CHECK(d.message_reference == 0x2A);
    CHECK(d.address.value == "+905321234567");
    REQUIRE(d.discharge_time);
    CHECK(FormatRfc3339(*d.discharge_time) == "2026-11-23T14:19:13+03:00");
    CHECK(d.status == 0x00);
    CHECK(DescribeStatus(d.status).outcome == DeliveryOutcome::kDelivered);
  }
  SECTION("permanent failure with TP-PI announcing PID and DCS") {
    const auto d = Decode(head +
                          "41"
                          "03"
                          "00"
                          "00");
    CHECK(DescribeStatus(d.status).outcome == DeliveryOutcome::kFailed);
    CHECK_FALSE(d.has_user_data);
  }
  SECTION("TP-PI announcing user data") {
    const auto d = Decode(head +
                          "00"
                          "04"
                          "02C834");
    CHECK(d.text == "Hi");
  }
}

TEST_CASE("PDUs printed without the SMSC part", "[pdu_decoder]") {
  DecodeOptions no_smsc;
  no_smsc.has_smsc = false;
  const auto d = Decode("040B911346610089F60000" + kScts + "02C834", no_smsc);
  CHECK(d.address.value == "+31641600986");
  CHECK(d.text == "Hi");
}

TEST_CASE("Malformed PDUs give an error naming the field", "[pdu_decoder]") {
  struct Case {
    std::string hex;
    std::string message;
  };
  const std::string deliver = kDeliverHead + "0000" + kScts;
  const Case cases[] = {
      {"", "PDU: is empty"},
      {"0", "hex: odd number of digits (1)"},
      {"00X4", "hex: invalid character at offset 2"},
      {"0791132604", "SMSC: length 7 points past the end of the PDU"},
      {"0C91"
       "1111111111111111111111",
       "SMSC: length 12 exceeds the maximum of 11"},
      {"00", "TP-MTI: missing (PDU ends at octet 1)"},
      {"0003", "TP-MTI: reserved message type 3"},
      {"0004", "TP-OA: truncated (length and type of address missing)"},
      {"00040B9113466100", "TP-OA: length 11 points past the end of the PDU"},
      {kDeliverHead, "TP-PID: missing (PDU ends at octet 10)"},
      {kDeliverHead + "00", "TP-DCS: missing (PDU ends at octet 11)"},
      {kDeliverHead + "0000" + "621132", "TP-SCTS: truncated (3 of 7 octets)"},
      {deliver, "TP-UDL: missing (PDU ends at octet 19)"},
      {deliver + "0AE8329B", "TP-UDL: 10 septets need 9 octets but only 3 remain"},
      {deliver + "A1" + std::string(282, '0'), "TP-UDL: 161 exceeds the maximum of 160 septets"},
      {kDeliverHead + "0008" + kScts + "8D", "TP-UDL: 141 exceeds the maximum of 140 octets"},
      {kDeliverHead + "0008" + kScts + "03015F00", "TP-UD: odd number of octets (3) for UCS-2 text"},
      {kDeliverHead + "0020" + kScts + "02C834", "TP-DCS: compressed user data (TS 23.042) is not supported"},
      {"0044"
       "0B911346610089F6"
       "0000" +
           kScts + "00",
       "TP-UDHI: set but TP-UDL is 0"},
      {"0044"
       "0B911346610089F6"
       "0000" +
           kScts +
           "04"
           "0900030102",
       "UDH: UDHL 9 points past the end of the user data (3 octets left)"},
      {"0044"
       "0B911346610089F6"
       "0000" +
           kScts +
           "06"
           "0500032A0201",
       "TP-UDL: 6 septets is shorter than the 6-octet user data header"},
      {"0044"
       "0B911346610089F6"
       "0008" +
           kScts +
           "03"
           "0500032A0201",
       "UDH: UDHL 5 points past the end of the user data (2 octets left)"},
      {"0011000B915121551532F40000", "TP-VP: missing (PDU ends at octet 13)"},
      {"0019000B915121551532F40000"
       "0102",
       "TP-VP: truncated (7 octets expected)"},
      {"0006"
       "2A"
       "0C91093512325476" +
           kScts,
       "TP-DT: truncated (0 of 7 octets)"},
      {"0006"
       "2A"
       "0C91093512325476" +
           kScts + kScts,
       "TP-ST: missing (PDU ends at octet 25)"},
      {"0006"
       "2A"
       "0C91093512325476" +
           kScts + kScts +
           "00"
           "04",
       "TP-UDL: missing (PDU ends at octet 27)"},
  };
  for (const Case& c : cases) {
    INFO(c.hex);
    auto r = DecodePdu(c.hex);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == c.message);
  }
}

TEST_CASE("Every truncation of a valid PDU fails cleanly", "[pdu_decoder]") {
  const std::string pdus[] = {
      "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07",
      "0044"
      "0B911346610089F6"
      "0008" +
          kScts +
          "09"
          "060804BEEF0302"
          "015F",
      "07911326040000F0"
      "06"
      "2A"
      "0C91093512325476" +
          kScts +
          "62113241913121"
          "00",
  };
  for (const std::string& pdu : pdus) {
    REQUIRE(DecodePdu(pdu).ok());
    for (size_t len = 0; len < pdu.size(); len += 2) {
      INFO(pdu.substr(0, len));
      CHECK_FALSE(DecodePdu(pdu.substr(0, len)).ok());
    }
  }
}

namespace {

// An SMS-DELIVER from +31641600986 with TP-DCS `dcs`, TP-UDL `udl` and TP-UD
// `ud` (all hex), TP-UDHI set when `udhi`.
std::string Deliver(const std::string& dcs, bool udhi, const std::string& udl, const std::string& ud) {
  return std::string("00") + (udhi ? "44" : "04") + "0B911346610089F6" + "00" + dcs + kScts + udl + ud;
}

// A GSM 7-bit SMS-DELIVER whose header selects national language `locking`
// (IE 0x25, left out when 0) and `single` (IE 0x24).
std::string NationalDeliver(uint8_t locking, uint8_t single, const std::vector<uint8_t>& septets) {
  std::vector<uint8_t> ud = {0};
  // push_back, not insert({...}): g++ 12 at -O3 reports a false
  // -Warray-bounds inside vector::insert of a list into a 1-byte vector.
  const auto add_ie = [&ud](uint8_t iei, uint8_t value) {
    ud.push_back(iei);
    ud.push_back(1);
    ud.push_back(value);
  };
  if (single != 0) add_ie(kIeSingleShift, single);
  if (locking != 0) add_ie(kIeLockingShift, locking);
  ud[0] = static_cast<uint8_t>(ud.size() - 1);
  const size_t header = ud.size();
  const size_t udl = HeaderSeptets(header) + septets.size();
  PackSeptets(septets.data(), septets.size(), FillBits(header), ud);
  return Deliver("00", true, BytesToHex(std::vector<uint8_t>{static_cast<uint8_t>(udl)}), BytesToHex(ud));
}

constexpr uint8_t E = kEscape;

}  // namespace

// A few characters of each language's tables, at positions read from TS 23.038
// annex A.3 (locking) and A.2 (single shift, after ESC).
TEST_CASE("SMS-DELIVER in every national language of TS 23.038", "[pdu_decoder]") {
  using Row = std::tuple<uint8_t, uint8_t, std::vector<uint8_t>, std::string>;
  const Row row = GENERATE(table<uint8_t, uint8_t, std::vector<uint8_t>, std::string>({
      Row{1, 1, {0x07, 0x40, 0x60, E, 0x47, E, 0x73}, "\u0131\u0130\u00E7\u011E\u015F"},
      Row{0, 2, {0x61, E, 0x09, E, 0x41, E, 0x6F}, "a\u00E7\u00C1\u00F3"},  // Spanish: single shift only
      Row{3, 3, {0x04, 0x12, 0x15, 0x7D, E, 0x12, E, 0x5B, E, 0x7F}, "\u00EA\u00AA\u221E`\u03A6\u00C3\u00E2"},
      Row{4, 4, {0x03, 0x2C, 0x7F, E, 0x19, E, 0x44, E, 0x65}, "\u0985,\u09F1\u09E6D\u20AC"},
      Row{5, 5, {0x00, 0x4C, 0x7B, E, 0x19, E, 0x20}, "\u0A81\u0AB8\u0AE0\u0964\u0AEA"},
      Row{6, 6, {0x03, 0x15, 0x60, 0x7F, E, 0x26, E, 0x3C, E, 0x2C}, "\u0905\u0915\u0950\u097F\u0951[\u0958"},
      Row{7, 7, {0x01, 0x24, 0x7B, E, 0x26, E, 0x2A}, "\u0C82\u0CA1\u0CD6\u0CDE\u0CF2"},
      Row{8, 8, {0x02, 0x7F, E, 0x30, E, 0x2E}, "\u0D03\u0D79\u0D7B\u0D7A"},
      Row{9, 9, {0x60, 0x7C, E, 0x26, E, 0x2B}, "\u0B56\u0B60\u0B5C\u0B70"},
      Row{10, 10, {0x60, 0x7F, E, 0x26, E, 0x2D}, "\u0A51\u0A74\u0A59\u0A75"},
      Row{11, 11, {0x10, 0x7F, E, 0x24, E, 0x2E}, "\u0B90\u0BF9\u0BEE\u0BFA"},
      Row{12, 12, {0x00, 0x60, E, 0x22, E, 0x30, E, 0x65}, "\u0C01\u0C55\u0C6C\u0C7D\u20AC"},
      Row{13, 13, {0x00, 0x7F, E, 0x19, E, 0x3F}, "\u0627\u0670\u0600\u06D4"},
  }));
  const auto& [locking, single, septets, text] = row;
  CAPTURE(locking, single);
  const auto d = Decode(NationalDeliver(locking, single, septets));
  CHECK(d.udh.tables == Gsm7Tables{static_cast<Language>(locking), static_cast<Language>(single)});
  CHECK(d.text == text);
}

TEST_CASE("Decode failures carry a reason and a code", "[pdu_decoder]") {
  using Row = std::tuple<const char*, std::string, bool, DecodeFailure, ErrorCode>;
  const Row row = GENERATE(table<const char*, std::string, bool, DecodeFailure, ErrorCode>({
      Row{"empty", "", false, DecodeFailure::kMalformedPdu, ErrorCode::kCorruption},
      Row{"not hex", "0G", false, DecodeFailure::kMalformedPdu, ErrorCode::kCorruption},
      Row{"reserved TP-MTI", "0003", false, DecodeFailure::kMalformedPdu, ErrorCode::kCorruption},
      Row{"deliver, truncated TP-SCTS",
          "0004"
          "0B911346610089F6"
          "0000"
          "6211",
          false, DecodeFailure::kMalformedPdu, ErrorCode::kCorruption},
      Row{"submit, truncated absolute TP-VP",
          "0019"
          "00"
          "0B911346610089F6"
          "0000"
          "6211",
          false, DecodeFailure::kMalformedPdu, ErrorCode::kCorruption},
      Row{"status report, truncated TP-DT",
          "0006"
          "01"
          "0B911346610089F6" +
              kScts + "6211",
          false, DecodeFailure::kMalformedPdu, ErrorCode::kCorruption},
      Row{"compressed", Deliver("20", false, "01", "41"), false, DecodeFailure::kCompressedUserData,
          ErrorCode::kNotSupported},
      Row{"UDH IE past the header", Deliver("00", true, "0A", "050005070201000000"), false,
          DecodeFailure::kMalformedUdh, ErrorCode::kCorruption},
      Row{"TP-UDL past the PDU", Deliver("00", false, "0A", "4141"), false, DecodeFailure::kTruncatedUserData,
          ErrorCode::kCorruption},
      Row{"TP-UDL above 160 septets", Deliver("00", false, "A1", "41"), false, DecodeFailure::kTruncatedUserData,
          ErrorCode::kCorruption},
      Row{"TP-UDHI with TP-UDL 0", Deliver("00", true, "00", ""), false, DecodeFailure::kTruncatedUserData,
          ErrorCode::kCorruption},
      Row{"TP-UDL shorter than the header", Deliver("00", true, "01", "00"), false, DecodeFailure::kTruncatedUserData,
          ErrorCode::kCorruption},
      Row{"status report, user data past the PDU",
          "0006"
          "01"
          "0B911346610089F6" +
              kScts + kScts +
              "00"
              "04"
              "0A41",
          false, DecodeFailure::kTruncatedUserData, ErrorCode::kCorruption},
      Row{"reserved language, strict", Deliver("00", true, "06", "0325010E0802"), true, DecodeFailure::kUnknownLanguage,
          ErrorCode::kNotSupported},
      Row{"septet empty in the Bengali table", Deliver("00", true, "06", "032501046000"), false,
          DecodeFailure::kInvalidSeptet, ErrorCode::kCorruption},
      Row{"odd UCS-2 octets", Deliver("08", false, "03", "004100"), false, DecodeFailure::kInvalidUcs2,
          ErrorCode::kCorruption},
  }));
  const auto& [name, hex, strict, failure, code] = row;
  CAPTURE(name, hex);
  DecodeOptions options;
  options.reject_unknown_language = strict;
  auto r = DecodePduWithReason(hex, options);
  REQUIRE_FALSE(r.ok());
  CHECK(DecodeFailureName(r.error().failure) == std::string(DecodeFailureName(failure)));
  CHECK(r.error().error.code == code);
  // DecodePdu gives the same Error.
  auto plain = DecodePdu(hex, options);
  REQUIRE_FALSE(plain.ok());
  CHECK(plain.error().message == r.error().error.message);
}

TEST_CASE("A reserved language or TP-DCS decodes with the default tables, flagged", "[pdu_decoder]") {
  SECTION("reserved national language 14 in IE 0x25") {
    const auto d = Decode(Deliver("00", true, "06", "0325010E0802"));
    CHECK(d.text == "A");
    CHECK(d.udh.tables == Gsm7Tables{});
    CHECK(d.udh.unknown_locking_shift == 14);
  }
  SECTION("reserved coding group 1000 and reserved alphabet 11") {
    for (const char* dcs : {"80", "0C"}) {
      const auto d = Decode(Deliver(dcs, false, "01", "41"));
      CHECK(d.text == "A");
      CHECK(d.dcs.reserved);
    }
    CHECK_FALSE(Decode(Deliver("00", false, "01", "41")).dcs.reserved);
  }
}

TEST_CASE("Decode failure names are stable", "[pdu_decoder]") {
  CHECK(std::string(DecodeFailureName(DecodeFailure::kMalformedPdu)) == "malformed-pdu");
  CHECK(std::string(DecodeFailureName(DecodeFailure::kCompressedUserData)) == "compressed-user-data");
  CHECK(std::string(DecodeFailureName(DecodeFailure::kMalformedUdh)) == "malformed-udh");
  CHECK(std::string(DecodeFailureName(DecodeFailure::kTruncatedUserData)) == "truncated-user-data");
  CHECK(std::string(DecodeFailureName(DecodeFailure::kUnknownLanguage)) == "unknown-language");
  CHECK(std::string(DecodeFailureName(DecodeFailure::kInvalidSeptet)) == "invalid-septet");
  CHECK(std::string(DecodeFailureName(DecodeFailure::kInvalidUcs2)) == "invalid-ucs2");
}

TEST_CASE("A decode failure keeps the sender and time stamp read before it", "[pdu_decoder]") {
  SECTION("compressed user data: the whole header was read") {
    auto r = DecodePduWithReason(Deliver("20", false, "01", "41"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().read.address.value == "+31641600986");
    REQUIRE(r.error().read.scts.has_value());
    CHECK(FormatRfc3339(*r.error().read.scts) == "2026-11-23T14:19:08+03:00");
  }
  SECTION("truncated after TP-OA: no time stamp") {
    auto r = DecodePduWithReason("00040B911346610089F60000");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().read.address.value == "+31641600986");
    CHECK_FALSE(r.error().read.scts.has_value());
  }
  SECTION("truncated inside TP-OA: nothing") {
    auto r = DecodePduWithReason("00040B9113");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().read.address.value.empty());
    CHECK_FALSE(r.error().read.scts.has_value());
  }
}

#include "modem/pdu/pdu_decoder.h"

#include <catch2/catch.hpp>

using namespace tellal::pdu;
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

#include "modem/pdu/pdu_encoder.h"

#include <catch2/catch.hpp>

#include "modem/pdu/pdu_decoder.h"

using namespace tellal::pdu;
using tellal::Result;
using tellal::Status;

namespace {

std::vector<EncodedPdu> Submit(const std::string& text, SubmitOptions o) {
  auto r = EncodeSubmit(text, o);
  if (!r.ok()) FAIL(r.error().message);
  return *r;
}

SubmitOptions To(const std::string& to) {
  SubmitOptions o;
  o.to = to;
  return o;
}

}  // namespace

TEST_CASE("SMS-SUBMIT matches the published hellohello vector", "[pdu_encoder]") {
  // The classic example: default SMSC, TP-VPF relative, VP 0xAA = 4 days.
  SubmitOptions o = To("+15125551234");
  o.validity_minutes = 4 * 24 * 60;
  const auto pdus = Submit("hellohello", o);
  REQUIRE(pdus.size() == 1);
  CHECK(pdus[0].hex == "0011000B915121551532F40000AA0AE8329BFD4697D9EC37");
  CHECK(pdus[0].tpdu_length == 23);
  CHECK(pdus[0].encoding == Encoding::kGsm7);
}

TEST_CASE("SMS-SUBMIT first octet, DCS and SMSC options", "[pdu_encoder]") {
  SECTION("status report request sets TP-SRR") {
    SubmitOptions o = To("+905321234567");
    o.status_report = true;
    CHECK(Submit("Hi", o)[0].hex == "0021000C91093512325476000002C834");
  }
  SECTION("flash is class 0") {
    SubmitOptions o = To("+905321234567");
    o.flash = true;
    CHECK(Submit("Hi", o)[0].hex == "0001000C91093512325476001002C834");
  }
  SECTION("given SMSC is excluded from the CMGS length") {
    SubmitOptions o = To("+905321234567");
    o.smsc = "+31624000000";
    const auto p = Submit("Hi", o)[0];
    CHECK(p.hex == "07911326040000F001000C91093512325476000002C834");
    CHECK(p.tpdu_length == 15);
  }
  SECTION("UCS-2 text") {
    const auto p = Submit("ş😀", To("+905321234567"))[0];
    CHECK(p.hex == "0001000C91093512325476000806015FD83DDE00");
    CHECK(p.encoding == Encoding::kUcs2);
  }
  SECTION("national number and reject duplicates") {
    SubmitOptions o = To("05321234567");
    o.reject_duplicates = true;
    o.message_reference = 0x2A;
    CHECK(Submit("Hi", o)[0].hex == "00052A0B815023214365F7000002C834");
  }
  SECTION("alphanumeric destination") {
    CHECK(Submit("Hi", To("Design@Home"))[0].hex == "00010014D0C4F23C7D760390EF7619000002C834");
  }
  SECTION("Turkish shift headers") {
    // 'ş' is 0x1D in the Turkish locking shift table (UDH 03 25 01 01, three
    // fill bits), and ESC 0x73 in the single shift table (UDH 03 24 01 01).
    const auto locking = Submit("ş", To("+905321234567"))[0];
    CHECK(locking.encoding == Encoding::kGsm7Turkish);
    CHECK(locking.hex ==
          "0041000C91093512325476000006"
          "03250101"
          "E800");
    const auto single = Submit("èş", To("+905321234567"))[0];
    CHECK(single.hex ==
          "0041000C91093512325476000008"
          "03240101"
          "206CE6");
  }
}

TEST_CASE("Concatenated SMS-SUBMIT carries the 8-bit reference UDH", "[pdu_encoder]") {
  SubmitOptions o = To("+905321234567");
  o.concat_ref = 0xA7;
  const auto pdus = Submit(std::string(200, 'a'), o);
  REQUIRE(pdus.size() == 2);
  // UDHI set; UDL = 7 header septets + 153 text septets = 0xA0.
  CHECK(pdus[0].hex.substr(0, 40) ==
        "0041000C91093512325476000"
        "0A0050003A70201");
  CHECK(pdus[1].hex.substr(0, 40) ==
        "0041000C910935123254760000"
        "36"
        "050003A70202");
  CHECK(pdus[0].tpdu_length == 153);
  CHECK(pdus[0].seq == 1);
  CHECK(pdus[1].seq == 2);
  CHECK(pdus[1].total == 2);
  CHECK(pdus[0].ref == 0xA7);
  // The first text septet starts after one fill bit: 'a' << 1.
  CHECK(pdus[0].hex.substr(40, 2) == "C2");
}

TEST_CASE("Relative validity period rounds up", "[pdu_encoder]") {
  struct Case {
    int minutes;
    int vp;
    int period;
  };
  // TS 23.040 §9.2.3.12.1.
  const Case cases[] = {
      {1, 0, 5},
      {5, 0, 5},
      {6, 1, 10},
      {720, 143, 720},
      {721, 144, 750},
      {1440, 167, 1440},
      {1441, 168, 2880},
      {30 * 1440, 196, 30 * 1440},
      {30 * 1440 + 1, 197, 5 * 7 * 1440},
      {63 * 7 * 1440, 255, 63 * 7 * 1440},
  };
  for (const Case& c : cases) {
    INFO(c.minutes << " minutes");
    auto vp = RelativeValidity(c.minutes);
    REQUIRE(vp.ok());
    CHECK(*vp == c.vp);
    CHECK(RelativeValidityMinutes(*vp) == c.period);
    CHECK(RelativeValidityMinutes(*vp) >= c.minutes);
  }
  CHECK_FALSE(RelativeValidity(0).ok());
  CHECK(RelativeValidity(63 * 7 * 1440 + 1).error().message ==
        "validity: 635041 minutes exceeds the maximum of 63 weeks");
}

TEST_CASE("SMS-SUBMIT errors name the field", "[pdu_encoder]") {
  struct Case {
    std::string text;
    std::string to;
    std::string smsc;
    const char* message;
  };
  const Case cases[] = {
      {"Hi", "", "", "TP-DA: is empty"},
      {"Hi", "+90 532", "", "TP-DA: '+' must be followed by digits only"},
      {"", "+905321234567", "", "text: is empty"},
      {"Hi", "+905321234567", "+31x", "SMSC: expected a number of 1 to 20 digits, optionally with a leading '+'"},
      {"\xC3", "+905321234567", "", "text: invalid UTF-8: truncated sequence at offset 0"},
  };
  for (const Case& c : cases) {
    SubmitOptions o = To(c.to);
    o.smsc = c.smsc;
    auto r = EncodeSubmit(c.text, o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == c.message);
  }
}

TEST_CASE("SMS-DELIVER and SMS-STATUS-REPORT encode what the decoder reads", "[pdu_encoder]") {
  DeliverOptions d;
  d.from = "TELLAL";
  d.scts = Timestamp{2026, 11, 23, 14, 19, 8, 180};
  auto delivered = EncodeDeliver("Merhaba", d);
  REQUIRE(delivered.ok());
  REQUIRE(delivered->size() == 1);
  CHECK((*delivered)[0].hex ==
        "00040BD0D42293196402000062113241918021"
        "07CDB21C1D168701");

  StatusReportOptions s;
  s.message_reference = 0x2A;
  s.recipient = "+905321234567";
  s.scts = d.scts;
  s.discharge_time = Timestamp{2026, 11, 23, 14, 19, 13, 180};
  s.status = 0x00;
  auto report = EncodeStatusReport(s);
  REQUIRE(report.ok());
  CHECK(report->hex ==
        "00062A0C910935123254766211324191802162113241913121"
        "00");
  CHECK(report->tpdu_length == 25);
}

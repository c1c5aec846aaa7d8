// BuildSubmitPdus: the SMS-SUBMIT PDUs for a stored message, checked
// against hand-assembled TS 23.040 vectors and read back with the project's
// own decoder (modem/pdu).
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "daemon/core/outbound_pdus.h"
#include "modem/pdu/pdu_decoder.h"

namespace tellal::core {
namespace {

constexpr store::Millis kNow = 1'780'000'000'000;
constexpr store::Millis kMinute = 60'000;

store::Message Message(std::string text, std::string encoding, int segments, int64_t id = 1) {
  store::Message m;
  m.id = id;
  m.to = "+905321234567";
  m.text = std::move(text);
  m.encoding = std::move(encoding);
  m.segments = segments;
  m.state = store::MessageState::kSending;
  return m;
}

std::vector<pdu::EncodedPdu> Build(const store::Message& m, store::Millis now = kNow) {
  Result<std::vector<pdu::EncodedPdu>> pdus = BuildSubmitPdus(m, now);
  if (!pdus.ok()) FAIL(pdus.error().message);
  return *pdus;
}

pdu::DecodedPdu Decode(const pdu::EncodedPdu& p) {
  Result<pdu::DecodedPdu> d = pdu::DecodePdu(p.hex);
  if (!d.ok()) FAIL(d.error().message << " in " << p.hex);
  return *d;
}

// TS 23.040 §9.2.3.1-§9.2.3.5 first-octet bits of an SMS-SUBMIT.
constexpr uint8_t kMtiSubmit = 0x01;
constexpr uint8_t kVpfRelative = 0x10;
constexpr uint8_t kSrr = 0x20;
constexpr uint8_t kUdhi = 0x40;

TEST_CASE("PlanOptionsReproduceTheStoredEncoding", "[outbound_pdus]") {
  auto [name, request, national] = GENERATE(table<std::string, pdu::EncodingRequest, bool>({
      {"gsm7", pdu::EncodingRequest::kGsm7, false},
      {"gsm7-turkish", pdu::EncodingRequest::kGsm7, true},
      {"ucs2", pdu::EncodingRequest::kUcs2, true},
  }));
  CAPTURE(name);
  Result<pdu::PlanOptions> options = PlanOptionsFor(name);
  REQUIRE(options.ok());
  CHECK(options->encoding == request);
  if (request == pdu::EncodingRequest::kGsm7) CHECK(options->allow_national_shift == national);
}

TEST_CASE("EncodingsTellalDoesNotSendAreRejected", "[outbound_pdus]") {
  const std::string name = GENERATE(as<std::string>{}, "8bit", "auto", "", "GSM7", "utf8");
  CAPTURE(name);
  Result<pdu::PlanOptions> options = PlanOptionsFor(name);
  REQUIRE_FALSE(options.ok());
  CHECK_THAT(options.error().message, Catch::Contains("'" + name + "'"));

  store::Message m = Message("Merhaba", name, 1);
  Result<std::vector<pdu::EncodedPdu>> pdus = BuildSubmitPdus(m, kNow);
  REQUIRE_FALSE(pdus.ok());
  CHECK_THAT(pdus.error().message, Catch::Contains("'" + name + "'"));
}

TEST_CASE("SingleGsm7SubmitMatchesAHandAssembledVector", "[outbound_pdus]") {
  // TS 23.040 §9.2.2.2, octet by octet:
  //   00                 SMSC: the modem's default (TS 24.011 §8.2.5.1)
  //   31                 SMS-SUBMIT, TP-VPF relative, TP-SRR
  //   00                 TP-MR (the modem assigns it)
  //   0C 91 093512325476 TP-DA: 12 digits, international, +905321234567
  //   00 00              TP-PID, TP-DCS (GSM 7-bit, no class)
  //   0B                 TP-VP: (11 + 1) * 5 = 60 minutes (§9.2.3.12.1)
  //   0A E8329BFD4697D9EC37   TP-UDL 10 septets, "hellohello" packed
  store::Message m = Message("hellohello", "gsm7", 1);
  m.report_requested = true;
  m.valid_until = kNow + 60 * kMinute;
  std::vector<pdu::EncodedPdu> pdus = Build(m);
  REQUIRE(pdus.size() == 1);
  CHECK(pdus[0].hex == "0031000C9109351232547600000B0AE8329BFD4697D9EC37");
  CHECK(pdus[0].tpdu_length == 23);
  CHECK(pdus[0].seq == 1);
  CHECK(pdus[0].total == 1);
}

TEST_CASE("FlashUcs2SubmitMatchesAHandAssembledVector", "[outbound_pdus]") {
  //   00 01 00 0C91093512325476 00
  //   18       TP-DCS: general group, class meaningful, UCS-2, class 0
  //            (TS 23.038 §4: 0001 1000)
  //   02 015F  TP-UDL 2 octets, U+015F LATIN SMALL LETTER S WITH CEDILLA
  store::Message m = Message("ş", "ucs2", 1);
  m.flash = true;
  std::vector<pdu::EncodedPdu> pdus = Build(m);
  REQUIRE(pdus.size() == 1);
  CHECK(pdus[0].hex == "0001000C91093512325476001802015F");
  CHECK(pdus[0].tpdu_length == 15);
}

TEST_CASE("ConcatenatedSubmitMatchesAHandAssembledVector", "[outbound_pdus]") {
  // 161 septets: 153 + 8. Message id 0x1A7 gives reference 0xA7.
  //   41       SMS-SUBMIT with TP-UDHI
  //   A0 / 0F  TP-UDL: 7 header septets + 153 / + 8
  //   05 00 03 A7 02 0n   UDH: IE 0x00 (8-bit reference), ref, total, seq
  //   then one fill bit and the septets (§9.2.3.24: the text starts on a
  //   septet boundary), so the first 'a' (0x61) becomes C2, and eight 'b'
  //   (0x62) become C462B1582C168B01.
  store::Message m = Message(std::string(153, 'a') + std::string(8, 'b'), "gsm7", 2, 0x1A7);
  std::vector<pdu::EncodedPdu> pdus = Build(m);
  REQUIRE(pdus.size() == 2);
  CHECK(pdus[0].hex.substr(0, 42) ==
        "0041000C9109351232547600"
        "00"
        "A0"
        "050003A70201"
        "C2");
  CHECK(pdus[0].tpdu_length == 4 + 6 + 2 + 1 + 140);
  CHECK(pdus[1].hex ==
        "0041000C9109351232547600"
        "00"
        "0F"
        "050003A70202"
        "C462B1582C168B01");
  CHECK(pdus[1].tpdu_length == 27);
  for (size_t i = 0; i < pdus.size(); ++i) {
    CHECK(pdus[i].seq == i + 1);
    CHECK(pdus[i].total == 2);
    CHECK(pdus[i].ref == 0xA7);
  }
}

struct Case {
  std::string text;
  std::string encoding;
  int segments;
  pdu::Alphabet alphabet;
  bool report;
  bool flash;
};

TEST_CASE("SubmitPdusDecodeToTheStoredMessage", "[outbound_pdus]") {
  const std::string long_latin = [] {
    std::string s;
    for (int i = 0; i < 38; ++i) s += "Randevu " + std::to_string(i) + ". ";
    return s;
  }();
  const std::string long_cyrillic = [] {
    std::string s;
    for (int i = 0; i < 30; ++i) s += "Привет ";
    return s;
  }();
  auto c = GENERATE_COPY(values<Case>({
      {"Kodunuz: 482913", "gsm7", 1, pdu::Alphabet::kGsm7, false, false},
      {"Kodunuz: 482913", "gsm7", 1, pdu::Alphabet::kGsm7, true, false},
      {"Kodunuz: 482913", "gsm7", 1, pdu::Alphabet::kGsm7, false, true},
      {"Kodunuz: 482913", "ucs2", 1, pdu::Alphabet::kUcs2, false, false},
      {"Merhaba Ayşe, yarın görüşürüz: ığüşöçİ", "gsm7-turkish", 1, pdu::Alphabet::kGsm7, true, false},
      {"Merhaba Ayşe, yarın görüşürüz: ığüşöçİ", "ucs2", 1, pdu::Alphabet::kUcs2, false, true},
      {"Привет 😀", "ucs2", 1, pdu::Alphabet::kUcs2, true, true},
      {std::string(160, 'x'), "gsm7", 1, pdu::Alphabet::kGsm7, false, false},
      {std::string(161, 'x'), "gsm7", 2, pdu::Alphabet::kGsm7, true, false},
      {std::string(459, 'x'), "gsm7", 3, pdu::Alphabet::kGsm7, false, false},
      {std::string(460, 'x'), "gsm7", 4, pdu::Alphabet::kGsm7, false, true},
      {long_latin, "gsm7", 3, pdu::Alphabet::kGsm7, true, false},
      {long_cyrillic, "ucs2", 4, pdu::Alphabet::kUcs2, true, false},
  }));
  const int64_t id = GENERATE(int64_t{1}, int64_t{0xFF}, int64_t{0x100}, int64_t{0x1234}, int64_t{0x7FFFFFFFFF});
  CAPTURE(c.text, c.encoding, id, c.report, c.flash);
  store::Message m = Message(c.text, c.encoding, c.segments, id);
  m.report_requested = c.report;
  m.flash = c.flash;
  std::vector<pdu::EncodedPdu> pdus = Build(m);
  REQUIRE(static_cast<int>(pdus.size()) == c.segments);

  std::string joined;
  for (size_t i = 0; i < pdus.size(); ++i) {
    CAPTURE(i);
    const pdu::EncodedPdu& p = pdus[i];
    CHECK(p.hex.substr(0, 2) == "00");  // the modem's default SMSC
    CHECK(p.tpdu_length == p.hex.size() / 2 - 1);
    CHECK(p.seq == i + 1);
    CHECK(p.total == pdus.size());
    const pdu::DecodedPdu d = Decode(p);
    CHECK(d.type == pdu::MessageType::kSubmit);
    CHECK(d.address.value == "+905321234567");
    CHECK(d.address.toa == pdu::kToaInternational);
    CHECK(d.message_reference == 0);
    CHECK(d.dcs.alphabet == c.alphabet);
    CHECK(d.dcs.message_class == (c.flash ? std::optional<int>(0) : std::nullopt));
    CHECK(d.report_requested == c.report);
    CHECK((d.first_octet & kSrr) == (c.report ? kSrr : 0));
    CHECK((d.first_octet & 0x03) == kMtiSubmit);
    CHECK_FALSE(d.validity_minutes.has_value());
    CHECK((d.first_octet & 0x18) == 0);  // no TP-VP without valid_until
    if (c.segments > 1) {
      REQUIRE(d.udh.concat.has_value());
      CHECK((d.first_octet & kUdhi) == kUdhi);
      CHECK(d.udh.concat->ref == (id & 0xFF));
      CHECK_FALSE(d.udh.concat->ref16);
      CHECK(d.udh.concat->total == pdus.size());
      CHECK(d.udh.concat->seq == i + 1);
      CHECK(p.ref == (id & 0xFF));
    } else {
      CHECK_FALSE(d.udh.concat.has_value());
    }
    if (c.encoding == "gsm7") {
      // Plain GSM 7-bit: no national language tables announced.
      CHECK(d.udh.tables.locking == pdu::Language::kDefault);
      CHECK(d.udh.tables.single == pdu::Language::kDefault);
    }
    joined += d.text;
  }
  CHECK(joined == c.text);
}

TEST_CASE("TurkishTablesAreUsedOnlyWhenTheStoredEncodingAllowsThem", "[outbound_pdus]") {
  const std::string text = "Ağaç şişe";
  SECTION("gsm7-turkish announces a Turkish shift table") {
    std::vector<pdu::EncodedPdu> pdus = Build(Message(text, "gsm7-turkish", 1));
    REQUIRE(pdus.size() == 1);
    CHECK(pdus[0].encoding == pdu::Encoding::kGsm7Turkish);
    const pdu::DecodedPdu d = Decode(pdus[0]);
    CHECK(d.dcs.alphabet == pdu::Alphabet::kGsm7);
    CHECK((d.udh.tables.locking == pdu::Language::kTurkish || d.udh.tables.single == pdu::Language::kTurkish));
    CHECK(d.text == text);
  }
  SECTION("ucs2 stays UCS-2 although GSM 7-bit could carry it") {
    std::vector<pdu::EncodedPdu> pdus = Build(Message(text, "ucs2", 1));
    REQUIRE(pdus.size() == 1);
    CHECK(pdus[0].encoding == pdu::Encoding::kUcs2);
    CHECK(Decode(pdus[0]).text == text);
  }
  SECTION("plain gsm7 cannot carry it") {
    Result<std::vector<pdu::EncodedPdu>> pdus = BuildSubmitPdus(Message(text, "gsm7", 1), kNow);
    REQUIRE_FALSE(pdus.ok());
    CHECK_FALSE(pdus.error().message.empty());
  }
}

TEST_CASE("EscapesAndSurrogatePairsAreNotSplitAcrossSegments", "[outbound_pdus]") {
  auto [text, encoding, first, second] = GENERATE(table<std::string, std::string, std::string, std::string>({
      // 164 septets, so two segments of at most 153. '€' is ESC 0x65
      // (TS 23.038 §6.2.1.1): two septets, and only one is left in the first.
      {std::string(152, 'a') + "€bcdefghijk", "gsm7", std::string(152, 'a'), "€bcdefghijk"},
      // 73 UTF-16 units, so two segments of at most 67; the pair would be
      // units 67 and 68.
      {std::string(66, 'a') + "😀vwxyz", "ucs2", std::string(66, 'a'), "😀vwxyz"},
  }));
  CAPTURE(encoding);
  std::vector<pdu::EncodedPdu> pdus = Build(Message(text, encoding, 2));
  REQUIRE(pdus.size() == 2);
  CHECK(Decode(pdus[0]).text == first);
  CHECK(Decode(pdus[1]).text == second);
}

TEST_CASE("ValidityIsTheTimeLeftRoundedUpToATpVpPeriod", "[outbound_pdus]") {
  auto [left, vp_minutes] = GENERATE(table<store::Millis, int>({
      {1, 5},              // a millisecond left is still one minute, the shortest period is 5
      {0, 5},              // deadline now: at least one minute
      {-10 * kMinute, 5},  // already past (claimed late): at least one minute
      {5 * kMinute, 5},
      {5 * kMinute + 1, 10},  // 6 minutes rounds up to 10
      {60 * kMinute, 60},
      {60 * kMinute + 1, 65},
      {12 * 60 * kMinute, 720},
      {12 * 60 * kMinute + 1, 750},  // 30-minute steps above 12 h
      {24 * 60 * kMinute, 1440},
      {2LL * 24 * 60 * kMinute, 2 * 1440},
      {30LL * 24 * 60 * kMinute, 30 * 1440},
      {31LL * 24 * 60 * kMinute, 5 * 7 * 1440},  // weeks above 30 days
      {63LL * 7 * 24 * 60 * kMinute, 63 * 7 * 1440},
      {500LL * 24 * 60 * kMinute, 63 * 7 * 1440},  // clamped to the 63-week maximum
  }));
  CAPTURE(left);
  store::Message m = Message("Kod 1234", "gsm7", 1);
  m.valid_until = kNow + left;
  std::vector<pdu::EncodedPdu> pdus = Build(m);
  REQUIRE(pdus.size() == 1);
  const pdu::DecodedPdu d = Decode(pdus[0]);
  CHECK((d.first_octet & 0x18) == kVpfRelative);
  REQUIRE(d.validity_minutes.has_value());
  CHECK(*d.validity_minutes == vp_minutes);
  // Never shorter than what was left, up to the longest TP-VP can say.
  if (left <= 63LL * 7 * 24 * 60 * kMinute) CHECK(static_cast<store::Millis>(*d.validity_minutes) * kMinute >= left);
}

TEST_CASE("EverySegmentCarriesTheSameValidity", "[outbound_pdus]") {
  store::Message m = Message(std::string(400, 'v'), "gsm7", 3);
  m.valid_until = kNow + 90 * kMinute;
  for (const pdu::EncodedPdu& p : Build(m)) {
    const pdu::DecodedPdu d = Decode(p);
    REQUIRE(d.validity_minutes.has_value());
    CHECK(*d.validity_minutes == 90);
  }
}

TEST_CASE("ARetryReusesTheConcatenationReference", "[outbound_pdus]") {
  store::Message m = Message(std::string(300, 'r'), "gsm7", 2, 0x5E01);
  m.valid_until = kNow + 3 * 60 * kMinute;
  const std::vector<pdu::EncodedPdu> first = Build(m, kNow);
  const std::vector<pdu::EncodedPdu> again = Build(m, kNow);
  const std::vector<pdu::EncodedPdu> later = Build(m, kNow + 2 * 60 * kMinute);
  REQUIRE(first.size() == 2);
  REQUIRE(later.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    CHECK(again[i].hex == first[i].hex);
    const pdu::DecodedPdu a = Decode(first[i]);
    const pdu::DecodedPdu b = Decode(later[i]);
    REQUIRE(a.udh.concat.has_value());
    REQUIRE(b.udh.concat.has_value());
    CHECK(a.udh.concat->ref == 0x01);
    CHECK(b.udh.concat == a.udh.concat);
    CHECK(b.text == a.text);
    // Only the time left changed.
    CHECK(a.validity_minutes == 180);
    CHECK(b.validity_minutes == 60);
  }
}

TEST_CASE("ATextThatNoLongerFitsItsQuotedSegmentsIsRejected", "[outbound_pdus]") {
  auto [text, encoding, stored, needed] = GENERATE(table<std::string, std::string, int, int>({
      {std::string(161, 'a'), "gsm7", 1, 2},
      {std::string(100, 'a'), "gsm7", 2, 1},
      {std::string(71, 'a'), "ucs2", 1, 2},
  }));
  CAPTURE(text.size(), encoding);
  Result<std::vector<pdu::EncodedPdu>> pdus = BuildSubmitPdus(Message(text, encoding, stored), kNow);
  REQUIRE_FALSE(pdus.ok());
  CHECK_THAT(pdus.error().message, Catch::Contains("needs " + std::to_string(needed) + " segments") &&
                                       Catch::Contains("not the " + std::to_string(stored)));
}

TEST_CASE("ABadDestinationIsAnError", "[outbound_pdus]") {
  store::Message m = Message("Merhaba", "gsm7", 1);
  m.to = "+905321234567890123456";  // 21 digits: TP-DA holds 20
  Result<std::vector<pdu::EncodedPdu>> pdus = BuildSubmitPdus(m, kNow);
  REQUIRE_FALSE(pdus.ok());
  CHECK_THAT(pdus.error().message, Catch::Contains("TP-DA"));
}

}  // namespace
}  // namespace tellal::core

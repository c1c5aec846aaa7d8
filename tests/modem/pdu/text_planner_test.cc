#include "modem/pdu/text_planner.h"

#include <catch2/catch.hpp>
#include <string>

using namespace tellal::pdu;
using tellal::Result;
using tellal::Status;

namespace {

TextPlan Plan(const std::string& text, PlanOptions o = {}) {
  auto r = PlanText(text, o);
  if (!r.ok()) FAIL(r.error().message);
  return *r;
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("Plans report cost like a user needs to see it", "[text_planner]") {
  struct Case {
    std::string text;
    Encoding encoding;
    size_t segments;
    size_t units;
    size_t per_segment;
    size_t left;
  };
  const Case cases[] = {
      {"Kodunuz: 123456", Encoding::kGsm7, 1, 15, 160, 145},
      {"Fiyat 10€", Encoding::kGsm7, 1, 10, 160, 150},  // € costs two septets
      {Repeat("a", 161), Encoding::kGsm7, 2, 161, 153, 145},
      {"Şükran", Encoding::kGsm7Turkish, 1, 6, 155, 149},  // Ş by single shift would be 7
      {"Привет", Encoding::kUcs2, 1, 6, 70, 64},
      {"👍", Encoding::kUcs2, 1, 2, 70, 68},  // one emoji, two UTF-16 code units
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const TextPlan p = Plan(c.text);
    CHECK(p.encoding == c.encoding);
    CHECK(p.segments.size() == c.segments);
    CHECK(p.units == c.units);
    CHECK(p.units_per_segment == c.per_segment);
    CHECK(p.units_left == c.left);
  }
}

TEST_CASE("Auto picks the Turkish table set that needs the fewest segments", "[text_planner]") {
  SECTION("a few Turkish letters: one segment either way, the table leaving more room") {
    const TextPlan p = Plan("Çok güzel şişli ığdır");
    CHECK(p.encoding == Encoding::kGsm7Turkish);
    CHECK(p.tables.locking == Language::kTurkish);
    CHECK(p.units == 21);
  }
  SECTION("many euro signs: the Turkish locking table puts € in one septet") {
    const TextPlan p = Plan(Repeat("€", 100));
    CHECK(p.encoding == Encoding::kGsm7Turkish);
    CHECK(p.tables == Gsm7Tables{Language::kTurkish, Language::kDefault});
    CHECK(p.segments.size() == 1);
    CHECK(Plan(Repeat("€", 100), PlanOptions{EncodingRequest::kAuto, false}).segments.size() == 2);
  }
  SECTION("è is not in the Turkish locking table, so Turkish letters come by single shift") {
    const TextPlan p = Plan("è ş");
    CHECK(p.tables == Gsm7Tables{Language::kDefault, Language::kTurkish});
  }
  SECTION("plain text never gets a header") { CHECK(Plan(Repeat("abc", 100)).tables == Gsm7Tables{}); }
  SECTION("Turkish text without national tables falls back to UCS-2") {
    CHECK(Plan("ş", PlanOptions{EncodingRequest::kAuto, false}).encoding == Encoding::kUcs2);
  }
}

TEST_CASE("Turkish text costs at most 0.65x the UCS-2 segments", "[text_planner]") {
  const std::string paragraph = Repeat(
      "Değerli müşterimiz, siparişiniz kargoya verilmiştir. Teslimat için ığdır, şişli ve çağlayan "
      "şubelerimiz hizmetinizdedir. ",
      6);
  const TextPlan turkish = Plan(paragraph);
  const TextPlan ucs2 = Plan(paragraph, PlanOptions{EncodingRequest::kUcs2, true});
  CHECK(turkish.encoding == Encoding::kGsm7Turkish);
  CHECK(ucs2.encoding == Encoding::kUcs2);
  CHECK(static_cast<double>(turkish.segments.size()) <= 0.65 * static_cast<double>(ucs2.segments.size()));
}

TEST_CASE("Forced encodings", "[text_planner]") {
  CHECK(Plan("Hello", PlanOptions{EncodingRequest::kUcs2, true}).encoding == Encoding::kUcs2);
  CHECK(Plan("ş", PlanOptions{EncodingRequest::kGsm7, true}).encoding == Encoding::kGsm7Turkish);
  auto r = PlanText("ok 😀", PlanOptions{EncodingRequest::kGsm7, true});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "text: character '😀' (U+1F600) at position 3 has no GSM 7-bit encoding");
  r = PlanText("ş", PlanOptions{EncodingRequest::kGsm7, false});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "text: character 'ş' (U+015F) at position 0 has no GSM 7-bit encoding");
}

TEST_CASE("Plans refuse what cannot be sent", "[text_planner]") {
  CHECK(PlanText("", {}).error().message == "text: is empty");
  CHECK(PlanText("a\xFF", {}).error().message == "text: invalid UTF-8: unexpected byte 255 at offset 1");
  CHECK(PlanText(Repeat("a", 153 * 255 + 1), {}).error().message ==
        "text: needs 256 segments, more than the 255 a concatenated SMS can have");
  CHECK(Plan(Repeat("a", 153 * 255)).segments.size() == 255);
}

TEST_CASE("Binary data plans in octets", "[text_planner]") {
  auto p = PlanBinary(std::vector<uint8_t>(141, 0xAB));
  REQUIRE(p.ok());
  CHECK(p->encoding == Encoding::kEightBit);
  CHECK(p->segments.size() == 2);
  CHECK(p->units_per_segment == 134);
  CHECK(p->segments[0].units == 134);
  CHECK(p->units_left == 127);
  CHECK(PlanBinary(std::vector<uint8_t>(140, 0)).value().segments.size() == 1);
  CHECK_FALSE(PlanBinary({}).ok());
}

TEST_CASE("Encoding names", "[text_planner]") {
  CHECK(std::string(EncodingName(Encoding::kGsm7Turkish)) == "gsm7-turkish");
  CHECK(std::string(EncodingName(Encoding::kEightBit)) == "8bit");
  CHECK(ParseEncodingRequest("ucs2").value() == EncodingRequest::kUcs2);
  CHECK(ParseEncodingRequest("utf8").error().message == "encoding: expected auto, gsm7 or ucs2, got 'utf8'");
}

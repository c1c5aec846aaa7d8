#include "modem/pdu/gsm_alphabet.h"

#include <catch2/catch.hpp>
#include <string>

#include "modem/pdu/utf8.h"

using namespace tellal::pdu;

namespace {

const Gsm7Tables kDefault{};
const Gsm7Tables kTurkishSingle{Language::kDefault, Language::kTurkish};
const Gsm7Tables kTurkishLocking{Language::kTurkish, Language::kDefault};

std::vector<uint8_t> Encode(const Gsm7Tables& t, char32_t cp) {
  uint8_t out[2];
  const int n = EncodeGsm7Char(t, cp, out);
  return std::vector<uint8_t>(out, out + n);
}

}  // namespace

// Positions from TS 23.038 §6.2.1 (default), §6.2.1.1 (extension),
// A.2.1 (Turkish single shift) and A.3.1 (Turkish locking shift).
TEST_CASE("Default alphabet positions", "[gsm_alphabet]") {
  struct Case {
    char32_t cp;
    std::vector<uint8_t> septets;
  };
  const Case cases[] = {
      {U'@', {0x00}},
      {U'£', {0x01}},
      {U'$', {0x02}},
      {U'¥', {0x03}},
      {U'è', {0x04}},
      {U'Ç', {0x09}},
      {U'\n', {0x0A}},
      {U'\r', {0x0D}},
      {U'Δ', {0x10}},
      {U'_', {0x11}},
      {U'Ξ', {0x1A}},
      {U'É', {0x1F}},
      {U' ', {0x20}},
      {U'¤', {0x24}},
      {U'¡', {0x40}},
      {U'A', {0x41}},
      {U'§', {0x5F}},
      {U'¿', {0x60}},
      {U'a', {0x61}},
      {U'ü', {0x7E}},
      {U'à', {0x7F}},
      // Extension table: two septets each.
      {U'\f', {0x1B, 0x0A}},
      {U'^', {0x1B, 0x14}},
      {U'{', {0x1B, 0x28}},
      {U'}', {0x1B, 0x29}},
      {U'\\', {0x1B, 0x2F}},
      {U'[', {0x1B, 0x3C}},
      {U'~', {0x1B, 0x3D}},
      {U']', {0x1B, 0x3E}},
      {U'|', {0x1B, 0x40}},
      {U'€', {0x1B, 0x65}},
  };
  for (const Case& c : cases) {
    INFO("U+" << std::hex << static_cast<uint32_t>(c.cp));
    CHECK(Encode(kDefault, c.cp) == c.septets);
  }
}

TEST_CASE("Characters outside the default alphabet", "[gsm_alphabet]") {
  for (char32_t cp : {U'ş', U'ğ', U'ı', U'İ', U'ç', U'ж', U'😀', U'`', U'\t'}) {
    CHECK(Gsm7CharLength(kDefault, cp) == 0);
  }
}

TEST_CASE("Turkish single shift table", "[gsm_alphabet]") {
  struct Case {
    char32_t cp;
    uint8_t code;
  };
  const Case cases[] = {{U'Ğ', 0x47}, {U'İ', 0x49}, {U'Ş', 0x53}, {U'ç', 0x63}, {U'€', 0x65},
                        {U'ğ', 0x67}, {U'ı', 0x69}, {U'ş', 0x73}, {U'{', 0x28}, {U'|', 0x40}};
  for (const Case& c : cases) {
    CHECK(Encode(kTurkishSingle, c.cp) == std::vector<uint8_t>{kEscape, c.code});
  }
  // The default alphabet stays in place under a single shift.
  CHECK(Encode(kTurkishSingle, U'è') == std::vector<uint8_t>{0x04});
  CHECK(Encode(kTurkishSingle, U'Ö') == std::vector<uint8_t>{0x5C});
}

TEST_CASE("Turkish locking shift table", "[gsm_alphabet]") {
  struct Case {
    char32_t cp;
    uint8_t code;
  };
  const Case cases[] = {{U'€', 0x04}, {U'ı', 0x07}, {U'Ğ', 0x0B}, {U'ğ', 0x0C}, {U'Ş', 0x1C},
                        {U'ş', 0x1D}, {U'İ', 0x40}, {U'ç', 0x60}, {U'Ç', 0x09}, {U'ü', 0x7E}};
  for (const Case& c : cases) {
    CHECK(Encode(kTurkishLocking, c.cp) == std::vector<uint8_t>{c.code});
  }
  // The locking table replaces è, ì, ¡ and ¿: not available without ESC.
  for (char32_t cp : {U'è', U'ì', U'¡', U'¿'}) CHECK(Gsm7CharLength(kTurkishLocking, cp) == 0);
  // Extension characters still come from the default single shift table.
  CHECK(Encode(kTurkishLocking, U'[') == std::vector<uint8_t>{kEscape, 0x3C});
}

TEST_CASE("Decoding every code of each table inverts encoding", "[gsm_alphabet]") {
  for (const Gsm7Tables& t :
       {kDefault, kTurkishSingle, kTurkishLocking, Gsm7Tables{Language::kTurkish, Language::kTurkish}}) {
    for (uint8_t code = 0; code < 128; ++code) {
      if (code == kEscape) continue;
      std::string text;
      REQUIRE(DecodeGsm7(t, &code, 1, text).ok());
      auto cps = DecodeUtf8(text);
      REQUIRE(cps.ok());
      REQUIRE(cps->size() == 1);
      CHECK(Encode(t, (*cps)[0]) == std::vector<uint8_t>{code});
    }
  }
}

TEST_CASE("Undefined escape codes show the main table's character", "[gsm_alphabet]") {
  const uint8_t septets[] = {kEscape, 0x41, kEscape, kEscape, 0x42, kEscape};
  std::string text;
  REQUIRE(DecodeGsm7(kDefault, septets, sizeof septets, text).ok());
  // ESC A -> A (undefined in the extension table), ESC ESC -> space, trailing ESC dropped.
  CHECK(text == "A B");
}

TEST_CASE("National tables: a septet the locking table leaves empty is an error naming it", "[gsm_alphabet]") {
  const Gsm7Tables bengali{Language::kBengali, Language::kBengali};
  // A.3.4: 0x03 is U+0985, 0x0C is empty.
  const uint8_t septets[] = {0x03, 0x0C, 0x03};
  std::string text;
  const tellal::Status s = DecodeGsm7(bengali, septets, sizeof septets, text);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().Is(tellal::ErrorCode::kCorruption));
  CHECK(s.error().message ==
        "GSM 7-bit text: septet 0x0C at position 1 has no character in the bengali locking shift table");
  CHECK(text == "\u0985");
}

TEST_CASE("National tables: ESC falls back to the locking table, then fails when both are empty", "[gsm_alphabet]") {
  const Gsm7Tables tamil{Language::kTamil, Language::kTamil};
  std::string text;
  // A.2.11 leaves 0x61 empty: ESC 0x61 shows the A.3.11 'a'. 0x24 is U+0BEE.
  const uint8_t fallback[] = {kEscape, 0x61, kEscape, 0x24};
  REQUIRE(DecodeGsm7(tamil, fallback, sizeof fallback, text).ok());
  CHECK(text == "a\u0BEE");
  // 0x5B is empty in both Tamil tables.
  const uint8_t neither[] = {kEscape, 0x5B};
  text.clear();
  const tellal::Status s = DecodeGsm7(tamil, neither, sizeof neither, text);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message ==
        "GSM 7-bit text: septet 0x5B at position 1 has no character in the tamil locking shift table");
}

TEST_CASE("The encoder writes the default and Turkish tables only", "[gsm_alphabet]") {
  // Hindi A.3.6 0x03 is U+0905 and 'a' is 0x61, but the encoder does not
  // write Hindi: asked to, it reports every character unencodable.
  for (const Gsm7Tables& t :
       {Gsm7Tables{Language::kHindi, Language::kDefault}, Gsm7Tables{Language::kDefault, Language::kSpanish}}) {
    CHECK(Gsm7CharLength(t, U'\u0905') == 0);
    CHECK(Gsm7CharLength(t, U'a') == 0);
    CHECK(Gsm7CharLength(t, U'é') == 0);
  }
}

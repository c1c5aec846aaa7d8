#include "modem/pdu/gsm7_tables.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <tuple>

using namespace tellal::pdu;

namespace {

size_t Defined(const Gsm7Table& t) {
  size_t n = 0;
  for (char32_t c : t) n += c != kNoChar;
  return n;
}

// Characters a table lists more than once.
std::set<char32_t> Duplicates(const Gsm7Table& t) {
  std::map<char32_t, int> seen;
  std::set<char32_t> dup;
  for (char32_t c : t) {
    if (c != kNoChar && ++seen[c] == 2) dup.insert(c);
  }
  return dup;
}

}  // namespace

TEST_CASE("Every national language of TS 23.038 has its tables, and only those", "[gsm7_tables]") {
  for (unsigned id = 0; id < 256; ++id) {
    CAPTURE(id);
    const bool known = id < 14;
    CHECK((SingleShiftTable(static_cast<uint8_t>(id)) != nullptr) == known);
    // A.3.2: Spanish has no locking shift table.
    CHECK((LockingShiftTable(static_cast<uint8_t>(id)) != nullptr) == (known && id != 2));
  }
  CHECK(std::string(LanguageName(0)) == "default");
  CHECK(std::string(LanguageName(7)) == "kannada");
  CHECK(std::string(LanguageName(13)) == "urdu");
  CHECK(std::string(LanguageName(14)) == "reserved");
}

// How many of the 128 codes each table of TS 23.038 fills: a lost or
// shifted row changes the count.
TEST_CASE("Each table has 128 codes and as many characters as the standard", "[gsm7_tables]") {
  using Row = std::tuple<uint8_t, size_t, size_t>;  // id, locking characters (0: none), single shift characters
  const Row row = GENERATE(table<uint8_t, size_t, size_t>({
      Row{0, 127, 10},   // §6.2.1, §6.2.1.1
      Row{1, 127, 17},   // Turkish A.3.1, A.2.1
      Row{2, 0, 19},     // Spanish A.2.2
      Row{3, 127, 37},   // Portuguese A.3.3, A.2.3
      Row{4, 114, 82},   // Bengali
      Row{5, 120, 70},   // Gujarati
      Row{6, 127, 88},   // Hindi
      Row{7, 120, 73},   // Kannada
      Row{8, 120, 82},   // Malayalam
      Row{9, 116, 75},   // Oriya
      Row{10, 110, 76},  // Punjabi
      Row{11, 102, 77},  // Tamil
      Row{12, 120, 78},  // Telugu
      Row{13, 127, 90},  // Urdu
  }));
  const auto [id, locking_chars, single_chars] = row;
  CAPTURE(id, LanguageName(id));
  const Gsm7Table* single = SingleShiftTable(id);
  REQUIRE(single);
  CHECK(single->size() == 128);
  CHECK(Defined(*single) == single_chars);
  const Gsm7Table* locking = LockingShiftTable(id);
  if (locking_chars == 0) {
    CHECK(locking == nullptr);
  } else {
    REQUIRE(locking);
    CHECK(locking->size() == 128);
    CHECK(Defined(*locking) == locking_chars);
  }
}

TEST_CASE("No table lists a character twice, except the Indic and Urdu single shift tables", "[gsm7_tables]") {
  for (uint8_t id = 0; id < 14; ++id) {
    CAPTURE(id, LanguageName(id));
    if (const Gsm7Table* locking = LockingShiftTable(id)) CHECK(Duplicates(*locking).empty());
    // A.2.4 to A.2.13 print '¡' at 0x13 and 0x15 and '*' at 0x0B and 0x18.
    const std::set<char32_t> expected = id >= 4 ? std::set<char32_t>{U'¡', U'*'} : std::set<char32_t>{};
    CHECK(Duplicates(*SingleShiftTable(id)) == expected);
  }
}

TEST_CASE("Every table keeps the positions the standard shares between them", "[gsm7_tables]") {
  const Gsm7Table& extension = *SingleShiftTable(0);
  for (uint8_t id = 0; id < 14; ++id) {
    CAPTURE(id, LanguageName(id));
    const Gsm7Table& single = *SingleShiftTable(id);
    // ESC (SS2) and CR2 are reserved in every single shift table.
    CHECK(single[0x1B] == kNoChar);
    CHECK(single[0x0D] == kNoChar);
    // The default extension characters stay where they are.
    for (size_t code = 0; code < 128; ++code) {
      if (extension[code] != kNoChar) CHECK(single[code] == extension[code]);
    }
    const Gsm7Table* locking = LockingShiftTable(id);
    if (!locking) continue;
    CHECK((*locking)[0x1B] == kNoChar);  // ESC
    CHECK((*locking)[0x0A] == U'\n');
    CHECK((*locking)[0x0D] == U'\r');
    CHECK((*locking)[0x20] == U' ');
    for (char32_t d = 0; d < 10; ++d) CHECK((*locking)[0x30 + d] == U'0' + d);
    for (char32_t c = 0; c < 26; ++c) CHECK((*locking)[0x61 + c] == U'a' + c);
  }
}

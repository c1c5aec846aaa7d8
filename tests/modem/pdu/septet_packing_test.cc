#include "modem/pdu/septet_packing.h"

#include <catch2/catch.hpp>
#include <string>

#include "modem/pdu/hex.h"

using namespace tellal::pdu;

namespace {

std::vector<uint8_t> Ascii(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

}  // namespace

TEST_CASE("Packing matches published vectors", "[septet_packing]") {
  struct Case {
    std::string text;
    std::string hex;
  };
  // "hellohello" is the classic TS 23.038 packing example; 8 septets fill 7
  // octets exactly.
  const Case cases[] = {
      {"hellohello", "E8329BFD4697D9EC37"},
      {"hello", "E8329BFD06"},
      {"How are you?", "C8F71D14969741F977FD07"},
      {"12345678", "31D98C56B3DD70"},
  };
  for (const Case& c : cases) {
    const auto septets = Ascii(c.text);
    std::vector<uint8_t> packed;
    PackSeptets(septets.data(), septets.size(), 0, packed);
    CHECK(BytesToHex(packed) == c.hex);
    std::vector<uint8_t> unpacked;
    UnpackSeptets(packed.data(), packed.size(), septets.size(), 0, unpacked);
    CHECK(unpacked == septets);
  }
}

TEST_CASE("Fill bits align text after a user data header", "[septet_packing]") {
  // TS 23.040 §9.2.3.24: header octets, then fill bits up to a septet boundary.
  CHECK(FillBits(6) == 1);  // 8-bit concatenation header: 48 bits -> 49
  CHECK(FillBits(7) == 0);  // 56 bits is a septet boundary
  CHECK(FillBits(4) == 3);  // one national language IE: 32 bits -> 35
  CHECK(FillBits(9) == 5);  // concat + one shift IE: 72 bits -> 77
  CHECK(HeaderSeptets(6) == 7);
  CHECK(HeaderSeptets(7) == 8);
  CHECK(HeaderSeptets(4) == 5);
  CHECK(HeaderSeptets(9) == 11);

  for (int fill = 0; fill < 7; ++fill) {
    const auto septets = Ascii("Merhaba dunya, 7 bit");
    std::vector<uint8_t> packed;
    PackSeptets(septets.data(), septets.size(), fill, packed);
    CHECK(packed.size() == (fill + 7 * septets.size() + 7) / 8);
    CHECK((packed[0] & ((1 << fill) - 1)) == 0);  // fill bits are zero
    std::vector<uint8_t> unpacked;
    UnpackSeptets(packed.data(), packed.size(), septets.size(), fill, unpacked);
    CHECK(unpacked == septets);
  }
}

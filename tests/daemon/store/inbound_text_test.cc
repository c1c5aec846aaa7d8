#include "daemon/store/inbound_text.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace tellal::store;

namespace {

PartPayload Text(const std::string& text) { return PartPayload{false, std::vector<uint8_t>(text.begin(), text.end())}; }
PartPayload Ucs2(std::vector<uint8_t> octets) { return PartPayload{true, std::move(octets)}; }

// U+1F600 as UTF-16BE: D83D DE00.
const std::vector<uint8_t> kHighSurrogate = {0xD8, 0x3D};
const std::vector<uint8_t> kLowSurrogate = {0xDE, 0x00};

}  // namespace

TEST_CASE("TextPartsAreJoinedInOrder", "[inbound_text]") {
  InboundText text;
  text.Add(1, Text("mer"));
  text.Add(2, Text("haba"));
  CHECK(text.Finish() == "merhaba");
}

TEST_CASE("ASurrogatePairSplitAcrossConsecutivePartsIsOneCharacter", "[inbound_text]") {
  InboundText text;
  text.Add(1, Ucs2({0x00, 0x41, 0xD8, 0x3D}));  // "A" and a high surrogate
  text.Add(2, Ucs2(kLowSurrogate));
  CHECK(text.Finish() == "A\xF0\x9F\x98\x80");
}

TEST_CASE("AMissingPartBreaksTheRun", "[inbound_text]") {
  InboundText joined;
  joined.Add(1, Ucs2(kHighSurrogate));
  joined.Add(2, Ucs2(kLowSurrogate));
  InboundText gap;
  gap.Add(1, Ucs2(kHighSurrogate));
  gap.Add(3, Ucs2(kLowSurrogate));  // part 2 never came: the halves are not one character
  CHECK(joined.Finish() == "\xF0\x9F\x98\x80");
  CHECK(gap.Finish() != "\xF0\x9F\x98\x80");
}

TEST_CASE("AnOddTrailingOctetIsDropped", "[inbound_text]") {
  InboundText text;
  text.Add(1, Ucs2({0x00, 0x48, 0x00, 0x69, 0x00}));
  CHECK(text.Finish() == "Hi");
}

TEST_CASE("APayloadKeepsUcs2OctetsOrTheText", "[inbound_text]") {
  InboundPart part;
  part.text = "selam";
  CHECK_FALSE(PayloadOf(part).ucs2);
  CHECK(PayloadOf(part).octets == std::vector<uint8_t>{'s', 'e', 'l', 'a', 'm'});
  part.ucs2 = std::vector<uint8_t>{0x00, 0x41};
  CHECK(PayloadOf(part).ucs2);
  CHECK(PayloadOf(part).octets == std::vector<uint8_t>{0x00, 0x41});
}

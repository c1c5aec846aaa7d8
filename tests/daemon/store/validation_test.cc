#include "daemon/store/validation.h"

#include <catch2/catch.hpp>
#include <functional>
#include <string>

using namespace tellal::store;
using tellal::ErrorCode;

namespace {

NewMessage Valid() {
  NewMessage m;
  m.to = "+905551110000";
  m.text = "hello";
  m.encoding = "gsm7";
  return m;
}

InboundPart ValidPart() {
  InboundPart p;
  p.modem = "sim1";
  p.sender = "+905551110000";
  p.total = 3;
  p.seq = 2;
  return p;
}

}  // namespace

TEST_CASE("AValidMessageAndPartPass", "[validation]") {
  CHECK(ValidateNewMessage(Valid()).ok());
  CHECK(ValidateInboundPart(ValidPart()).ok());
  CHECK(ValidateMessageReference(0).ok());
  CHECK(ValidateMessageReference(255).ok());
}

TEST_CASE("AnInvalidMessageIsRefusedNamingTheField", "[validation]") {
  using Change = std::function<void(NewMessage&)>;
  auto [change, field] = GENERATE(table<Change, std::string>({
      {[](NewMessage& m) { m.to.clear(); }, "to: empty destination"},
      {[](NewMessage& m) { m.encoding.clear(); }, "encoding: empty"},
      {[](NewMessage& m) { m.segments = 0; }, "segments: 0 is outside 1..255"},
      {[](NewMessage& m) { m.segments = 256; }, "segments: 256 is outside 1..255"},
      {[](NewMessage& m) { m.client_ref = ""; }, "client_ref: empty"},
      {[](NewMessage& m) { m.modem = ""; }, "modem: empty"},
      {[](NewMessage& m) { m.dlr_url = ""; }, "dlr_url: empty"},
  }));
  NewMessage m = Valid();
  change(m);
  tellal::Status s = ValidateNewMessage(m);
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == ErrorCode::kInvalidArgument);
  CHECK(s.message() == field);
}

TEST_CASE("AnInvalidPartIsRefusedNamingTheField", "[validation]") {
  using Change = std::function<void(InboundPart&)>;
  auto [change, field] = GENERATE(table<Change, std::string>({
      {[](InboundPart& p) { p.modem.clear(); }, "modem: empty"},
      {[](InboundPart& p) { p.sender.clear(); }, "sender: empty"},
      {[](InboundPart& p) { p.total = 0; }, "total: 0 is outside 1..255"},
      {[](InboundPart& p) { p.total = 256; }, "total: 256 is outside 1..255"},
      {[](InboundPart& p) { p.seq = 0; }, "seq: 0 is outside 1..3"},
      {[](InboundPart& p) { p.seq = 4; }, "seq: 4 is outside 1..3"},
  }));
  InboundPart p = ValidPart();
  change(p);
  tellal::Status s = ValidateInboundPart(p);
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == ErrorCode::kInvalidArgument);
  CHECK(s.message() == field);
}

TEST_CASE("AMessageReferenceIsOneOctet", "[validation]") {
  const int mr = GENERATE(-1, 256, 1000);
  tellal::Status s = ValidateMessageReference(mr);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "mr " + std::to_string(mr) + " is outside 0..255");
}

#include "modem/at/at_commands.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::at {
namespace {

// SMS-SUBMIT "hellohello", no SMSC address: 23 TPDU octets.
const std::string kSubmit = "0011000B916407281553F80000AA0AE8329BFD4697D9EC37";
// The same with an SMSC address of 7 octets (+447785016005).
const std::string kSubmitWithSmsc =
    "07914477581006F5"
    "11000B916407281553F80000AA0AE8329BFD4697D9EC37";

struct Expect {
  std::string text;
  std::string prefix;
  bool bare = false;
  bool pdu = false;
};

void CheckCommand(const AtCommand& c, const Expect& e) {
  INFO(c.text);
  CHECK(c.text == e.text);
  CHECK(c.response_prefix == e.prefix);
  CHECK(c.bare_response == e.bare);
  CHECK(c.pdu_follows_header == e.pdu);
  CHECK_FALSE(c.expects_prompt());
}

TEST_CASE("Fixed commands carry their response shape", "[at_commands]") {
  CheckCommand(At(), {"AT", ""});
  CheckCommand(Echo(false), {"ATE0", ""});
  CheckCommand(Echo(true), {"ATE1", ""});
  CheckCommand(VerboseResults(), {"ATV1", ""});
  CheckCommand(Cmee(true), {"AT+CMEE=2", ""});
  CheckCommand(Cmee(false), {"AT+CMEE=1", ""});
  CheckCommand(PduMode(), {"AT+CMGF=0", ""});
  CheckCommand(Cgmi(), {"AT+CGMI", "", true});
  CheckCommand(Cgmm(), {"AT+CGMM", "", true});
  CheckCommand(Cgmr(), {"AT+CGMR", "", true});
  CheckCommand(Cgsn(), {"AT+CGSN", "", true});
  CheckCommand(Cimi(), {"AT+CIMI", "", true});
  CheckCommand(Ccid(), {"AT+CCID", "", true});
  CheckCommand(Csq(), {"AT+CSQ", "+CSQ:"});
  CheckCommand(CregQuery(), {"AT+CREG?", "+CREG:"});
  CheckCommand(CgregQuery(), {"AT+CGREG?", "+CGREG:"});
  CheckCommand(CpinQuery(), {"AT+CPIN?", "+CPIN:"});
  CheckCommand(CopsQuery(), {"AT+COPS?", "+COPS:"});
  CheckCommand(CnmiTest(), {"AT+CNMI=?", "+CNMI:"});
  CheckCommand(CpmsQuery(), {"AT+CPMS?", "+CPMS:"});
  CheckCommand(CscaQuery(), {"AT+CSCA?", "+CSCA:"});
  CheckCommand(Cnma(), {"AT+CNMA", ""});
  CheckCommand(CmmsQuery(), {"AT+CMMS?", "+CMMS:"});
}

TEST_CASE("Wire bytes end the command with CR and the payload with Ctrl-Z", "[at_commands]") {
  CHECK(CommandBytes(Csq()) == "AT+CSQ\r");
  Result<AtCommand> cmgs = Cmgs(23, kSubmit);
  REQUIRE(cmgs.ok());
  CHECK(CommandBytes(*cmgs) == "AT+CMGS=23\r");
  CHECK(PayloadBytes(*cmgs) == kSubmit + "\x1a");
}

TEST_CASE("AT+CMGS and AT+CMGW check the length against the PDU", "[at_commands]") {
  auto [length, pdu, text] = GENERATE_COPY(table<int, std::string, std::string>({
      {23, kSubmit, "AT+CMGS=23"},
      {23, kSubmitWithSmsc, "AT+CMGS=23"},
      {23, "00" + std::string("11000B916407281553f80000aa0ae8329bfd4697d9ec37"), "AT+CMGS=23"},
  }));
  Result<AtCommand> c = Cmgs(length, pdu);
  REQUIRE(c.ok());
  CHECK(c->text == text);
  CHECK(c->response_prefix == "+CMGS:");
  CHECK(c->payload == pdu);
  CHECK(c->expects_prompt());

  Result<AtCommand> w = Cmgw(length, pdu);
  REQUIRE(w.ok());
  CHECK(w->text == "AT+CMGW=23");
  CHECK(w->response_prefix == "+CMGW:");
  CHECK(w->payload == pdu);
}

TEST_CASE("AT+CMGS refuses inconsistent PDUs with a reason", "[at_commands]") {
  auto [length, pdu, reason] = GENERATE_COPY(table<int, std::string, std::string>({
      {24, kSubmit,
       "+CMGS <length>: 24 TPDU octets, but the PDU has 24 octets with a "
       "0-octet SMSC address"},
      {24, kSubmitWithSmsc,
       "+CMGS <length>: 24 TPDU octets, but the PDU has 31 octets with a "
       "7-octet SMSC address"},
      {0, kSubmit, "+CMGS <length>: 0 is outside 1..164"},
      {165, kSubmit, "+CMGS <length>: 165 is outside 1..164"},
      {23, kSubmit + "0", "+CMGS PDU: hex must have an even number of digits"},
      {23, "", "+CMGS PDU: hex must have an even number of digits"},
      {1, "00G1", "+CMGS PDU: 'G' is not hex"},
      {1, "0C01", "+CMGS PDU: SMSC address length 12 exceeds 11"},
  }));
  Result<AtCommand> c = Cmgs(length, pdu);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message == reason);
}

TEST_CASE("Message storage commands", "[at_commands]") {
  Result<AtCommand> cmgr = Cmgr(3);
  REQUIRE(cmgr.ok());
  CheckCommand(*cmgr, {"AT+CMGR=3", "+CMGR:", false, true});
  Result<AtCommand> cmgl = Cmgl(4);
  REQUIRE(cmgl.ok());
  CheckCommand(*cmgl, {"AT+CMGL=4", "+CMGL:", false, true});
  Result<AtCommand> cmgd = Cmgd(0);
  REQUIRE(cmgd.ok());
  CheckCommand(*cmgd, {"AT+CMGD=0", ""});
  Result<AtCommand> all = CmgdAll(4);
  REQUIRE(all.ok());
  CheckCommand(*all, {"AT+CMGD=1,4", ""});

  CHECK(Cmgr(-1).error().message == "+CMGR <index>: -1 is outside 0..65535");
  CHECK_FALSE(Cmgl(5).ok());
  CHECK_FALSE(Cmgd(70000).ok());
  CHECK_FALSE(CmgdAll(0).ok());
  CHECK_FALSE(CmgdAll(5).ok());
}

TEST_CASE("PIN and PUK commands validate their digits", "[at_commands]") {
  Result<AtCommand> pin = Cpin("1234");
  REQUIRE(pin.ok());
  CheckCommand(*pin, {"AT+CPIN=\"1234\"", ""});
  Result<AtCommand> puk = CpinWithPuk("12345678", "0000");
  REQUIRE(puk.ok());
  CHECK(puk->text == "AT+CPIN=\"12345678\",\"0000\"");

  auto bad_pin = GENERATE(as<std::string>{}, "", "123", "123456789", "12a4", "12\"4", "1234\r");
  INFO(bad_pin);
  CHECK_FALSE(Cpin(bad_pin).ok());
  CHECK_FALSE(CpinWithPuk(bad_pin, "1234").ok());
  CHECK_FALSE(CpinWithPuk("12345678", bad_pin).ok());
}

TEST_CASE("AT+CNMI checks each value's range", "[at_commands]") {
  Result<AtCommand> ok = Cnmi(2, 1, 0, 2, 0);
  REQUIRE(ok.ok());
  CheckCommand(*ok, {"AT+CNMI=2,1,0,2,0", ""});
  CHECK(Cnmi(3, 3, 3, 2, 1).ok());
  CHECK(Cnmi(4, 1, 0, 2, 0).error().message == "+CNMI <mode>: 4 is outside 0..3");
  CHECK(Cnmi(2, 1, 0, 3, 0).error().message == "+CNMI <ds>: 3 is outside 0..2");
  CHECK(Cnmi(2, 1, 0, 2, 2).error().message == "+CNMI <bfr>: 2 is outside 0..1");
  CHECK_FALSE(Cnmi(2, -1, 0, 2, 0).ok());
  CHECK_FALSE(Cnmi(2, 1, 4, 2, 0).ok());
}

TEST_CASE("AT+CPMS accepts only the standard memories", "[at_commands]") {
  Result<AtCommand> c = Cpms("SM", "SM", "ME");
  REQUIRE(c.ok());
  CheckCommand(*c, {"AT+CPMS=\"SM\",\"SM\",\"ME\"", "+CPMS:"});
  CHECK(Cpms("SM", "XX", "SM").error().message == "+CPMS: unknown memory \"XX\"");
  CHECK_FALSE(Cpms("sm", "SM", "SM").ok());
  CHECK_FALSE(Cpms("SM\"", "SM", "SM").ok());
  // Fewer memories for modems that take fewer (Wavecom Q2xxx: two).
  CHECK(Cpms("SM", "SM")->text == "AT+CPMS=\"SM\",\"SM\"");
  CHECK(Cpms("ME")->text == "AT+CPMS=\"ME\"");
  CHECK_FALSE(Cpms("").ok());
}

TEST_CASE("Settings with a range", "[at_commands]") {
  Result<AtCommand> creg = Creg(2);
  REQUIRE(creg.ok());
  CheckCommand(*creg, {"AT+CREG=2", ""});
  CHECK_FALSE(Creg(3).ok());
  Result<AtCommand> cops = CopsFormat(0);
  REQUIRE(cops.ok());
  CheckCommand(*cops, {"AT+COPS=3,0", ""});
  CHECK_FALSE(CopsFormat(3).ok());
  Result<AtCommand> cmms = Cmms(1);
  REQUIRE(cmms.ok());
  CheckCommand(*cmms, {"AT+CMMS=1", ""});
  CHECK_FALSE(Cmms(3).ok());
  CHECK_FALSE(Cmms(-1).ok());
}

}  // namespace
}  // namespace tellal::at

#include "modem/at/at_replies.h"

#include <catch2/catch.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tellal::at {
namespace {

TEST_CASE("+CMGS gives the message reference", "[at_replies]") {
  auto [line, mr] = GENERATE(table<std::string, int>({
      {"+CMGS: 5", 5},
      {"+CMGS:0", 0},
      {"+CMGS: 255", 255},
      {"+CMGS: 17,\"0211\"", 17},
  }));
  Result<int> r = ParseCmgs(line);
  INFO(line);
  REQUIRE(r.ok());
  CHECK(*r == mr);
}

TEST_CASE("Malformed +CMGS lines are refused with a reason", "[at_replies]") {
  auto [line, reason] = GENERATE(table<std::string, std::string>({
      {"+CMGS: 256", "+CMGS <mr>: 256 is outside 0..255"},
      {"+CMGS: x", "+CMGS <mr>: \"x\" is not a number"},
      {"+CMGS:", "+CMGS: unexpected number of fields (0)"},
      {"+CMGW: 3", "expected a line starting with \"+CMGS:\", got \"+CMGW: 3\""},
  }));
  Result<int> r = ParseCmgs(line);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == reason);
}

TEST_CASE("+CMGW gives the storage index", "[at_replies]") {
  Result<int> r = ParseCmgw("+CMGW: 12");
  REQUIRE(r.ok());
  CHECK(*r == 12);
  CHECK_FALSE(ParseCmgw("+CMGW: -1").ok());
}

TEST_CASE("+CSQ maps rssi to dBm", "[at_replies]") {
  auto [line, rssi, ber, dbm] = GENERATE(table<std::string, int, int, std::optional<int>>({
      {"+CSQ: 0,0", 0, 0, -113},
      {"+CSQ: 1,99", 1, 99, -111},
      {"+CSQ: 18,99", 18, 99, -77},
      {"+CSQ: 31,7", 31, 7, -51},
      {"+CSQ: 99,99", 99, 99, std::nullopt},
  }));
  INFO(line);
  Result<SignalQuality> r = ParseCsq(line);
  REQUIRE(r.ok());
  CHECK(r->rssi == rssi);
  CHECK(r->ber == ber);
  CHECK(r->dbm == dbm);
}

TEST_CASE("Out-of-range +CSQ values are refused", "[at_replies]") {
  auto line =
      GENERATE(as<std::string>{}, "+CSQ: 32,99", "+CSQ: 18,8", "+CSQ: 18", "+CSQ: 18,99,1", "+CSQ: ,99", "+CREG: 1");
  INFO(line);
  CHECK_FALSE(ParseCsq(line).ok());
}

TEST_CASE("+CREG, +CGREG, +CEREG in read and URC forms", "[at_replies]") {
  using U32 = std::optional<std::uint32_t>;
  auto [line, n, stat, lac, ci, act] =
      GENERATE(table<std::string, std::optional<int>, int, U32, U32, std::optional<int>>({
          {"+CREG: 1", std::nullopt, 1, std::nullopt, std::nullopt, std::nullopt},
          {"+CREG: 0,5", 0, 5, std::nullopt, std::nullopt, std::nullopt},
          {"+CREG: 2,1,\"1A2B\",\"0C3D\"", 2, 1, 0x1A2B, 0x0C3D, std::nullopt},
          {"+CREG: 2,1,\"1A2B\",\"01A2B3C4\",7", 2, 1, 0x1A2B, 0x01A2B3C4, 7},
          {"+CREG: 5,\"00C3\",\"0000A13F\"", std::nullopt, 5, 0xC3, 0xA13F, std::nullopt},
          {"+CREG: 1,\"00C3\",\"0000A13F\",2", std::nullopt, 1, 0xC3, 0xA13F, 2},
          {"+CGREG: 2,1,\"1A2B\",\"0C3D\",2,\"01\"", 2, 1, 0x1A2B, 0x0C3D, 2},
          {"+CEREG: 2,0,\"\",\"\"", 2, 0, std::nullopt, std::nullopt, std::nullopt},
          {"+CGREG: 3", std::nullopt, 3, std::nullopt, std::nullopt, std::nullopt},
      }));
  INFO(line);
  Result<Registration> r = ParseRegistration(line);
  REQUIRE(r.ok());
  CHECK(r->n == n);
  CHECK(r->stat == stat);
  CHECK(r->lac == lac);
  CHECK(r->ci == ci);
  CHECK(r->act == act);
}

TEST_CASE("Malformed registration lines are refused", "[at_replies]") {
  auto line =
      GENERATE(as<std::string>{}, "+CREG:", "+CREG: 1,\"1A2B\"", "+CREG: 2,1,\"1A2B\"", "+CREG: 12", "+CREG: 9,1",
               "+CREG: 1,\"XYZ\",\"0C3D\"", "+CREG: 1,\"123456789\",\"0C3D\"", "+CSQ: 1,2", "+CREG: 1,\"1A2B");
  INFO(line);
  CHECK_FALSE(ParseRegistration(line).ok());
}

TEST_CASE("Registered states", "[at_replies]") {
  std::set<int> registered;
  for (int stat = 0; stat <= 11; ++stat) {
    if (IsRegistered(stat)) registered.insert(stat);
  }
  CHECK(registered == std::set<int>{1, 5, 6, 7, 9, 10});
}

TEST_CASE("+CMTI and +CDSI name the memory and index", "[at_replies]") {
  Result<StoredMessage> cmti = ParseCmti("+CMTI: \"SM\",3");
  REQUIRE(cmti.ok());
  CHECK(cmti->memory == "SM");
  CHECK(cmti->index == 3);
  Result<StoredMessage> cdsi = ParseCdsi("+CDSI: \"SR\",0");
  REQUIRE(cdsi.ok());
  CHECK(cdsi->memory == "SR");
  CHECK(cdsi->index == 0);
  Result<StoredMessage> unquoted = ParseCmti("+CMTI: ME,12");
  REQUIRE(unquoted.ok());
  CHECK(unquoted->memory == "ME");
  CHECK(unquoted->index == 12);
  CHECK_FALSE(ParseCmti("+CMTI: \"SM\"").ok());
  CHECK_FALSE(ParseCmti("+CMTI: ,3").ok());
  CHECK_FALSE(ParseCmti("+CDSI: \"SM\",3").ok());
  CHECK_FALSE(ParseCdsi("+CDSI: \"SR\",x").ok());
}

TEST_CASE("+CMGR headers", "[at_replies]") {
  auto [line, stat, alpha, length] = GENERATE(table<std::string, int, std::string, int>({
      {"+CMGR: 0,,28", 0, "", 28},
      {"+CMGR: 1,\"Alice, B\",24", 1, "Alice, B", 24},
      {"+CMGR: 3,21", 3, "", 21},
  }));
  INFO(line);
  Result<CmgrHeader> r = ParseCmgrHeader(line);
  REQUIRE(r.ok());
  CHECK(r->stat == stat);
  CHECK(r->alpha == alpha);
  CHECK(r->length == length);
  CHECK_FALSE(ParseCmgrHeader("+CMGR: 4,,28").ok());
  CHECK_FALSE(ParseCmgrHeader("+CMGR: 0,,256").ok());
  CHECK_FALSE(ParseCmgrHeader("+CMGR: 0").ok());
}

TEST_CASE("+CMGL headers", "[at_replies]") {
  auto [line, index, stat, alpha, length] = GENERATE(table<std::string, int, int, std::string, int>({
      {"+CMGL: 1,1,,28", 1, 1, "", 28},
      {"+CMGL: 12,0,\"Bob\",21", 12, 0, "Bob", 21},
      {"+CMGL: 7,2,40", 7, 2, "", 40},
  }));
  INFO(line);
  Result<CmglHeader> r = ParseCmglHeader(line);
  REQUIRE(r.ok());
  CHECK(r->index == index);
  CHECK(r->stat == stat);
  CHECK(r->alpha == alpha);
  CHECK(r->length == length);
  CHECK_FALSE(ParseCmglHeader("+CMGL: 1,5,,28").ok());
  CHECK_FALSE(ParseCmglHeader("+CMGL: 1,1").ok());
}

TEST_CASE("+CPIN states", "[at_replies]") {
  auto [line, state, code] = GENERATE(table<std::string, PinState, std::string>({
      {"+CPIN: READY", PinState::kReady, "READY"},
      {"+CPIN: SIM PIN", PinState::kSimPin, "SIM PIN"},
      {"+CPIN: SIM PUK", PinState::kSimPuk, "SIM PUK"},
      {"+CPIN: PH-SIM PIN", PinState::kPhSimPin, "PH-SIM PIN"},
      {"+CPIN: SIM PIN2", PinState::kSimPin2, "SIM PIN2"},
      {"+CPIN: SIM PUK2", PinState::kSimPuk2, "SIM PUK2"},
      {"+CPIN: NOT INSERTED", PinState::kNotInserted, "NOT INSERTED"},
      {"+CPIN: NOT READY", PinState::kNotReady, "NOT READY"},
      {"+CPIN: PH-NET PIN", PinState::kOther, "PH-NET PIN"},
      {"+CPIN:\"READY\"", PinState::kReady, "READY"},
  }));
  INFO(line);
  Result<PinStatus> r = ParseCpin(line);
  REQUIRE(r.ok());
  CHECK(r->state == state);
  CHECK(r->code == code);
  CHECK_FALSE(ParseCpin("+CPIN:").ok());
  CHECK_FALSE(ParseCpin("READY").ok());
}

TEST_CASE("+COPS read answer", "[at_replies]") {
  Result<Operator> full = ParseCops("+COPS: 0,0,\"AT&T, Inc\",7");
  REQUIRE(full.ok());
  CHECK(full->mode == 0);
  CHECK(full->format == 0);
  CHECK(full->name == "AT&T, Inc");
  CHECK(full->act == 7);

  Result<Operator> numeric = ParseCops("+COPS: 1,2,\"23415\"");
  REQUIRE(numeric.ok());
  CHECK(numeric->format == 2);
  CHECK(numeric->name == "23415");
  CHECK_FALSE(numeric->act.has_value());

  Result<Operator> bare = ParseCops("+COPS: 0");
  REQUIRE(bare.ok());
  CHECK(bare->mode == 0);
  CHECK_FALSE(bare->format.has_value());
  CHECK_FALSE(bare->name.has_value());

  auto bad =
      GENERATE(as<std::string>{}, "+COPS:", "+COPS: 0,0", "+COPS: 5,0,\"X\"", "+COPS: 0,0,\"X\",2,1", "+COPS: 0,0,\"X");
  INFO(bad);
  CHECK_FALSE(ParseCops(bad).ok());
}

TEST_CASE("+CNMI test answer becomes sets of supported values", "[at_replies]") {
  using S = std::set<int>;
  auto [line, mode, mt, bm, ds, bfr] = GENERATE(table<std::string, S, S, S, S, S>({
      {"+CNMI: (0-2),(0-3),(0,2,3),(0-2),(0,1)", {0, 1, 2}, {0, 1, 2, 3}, {0, 2, 3}, {0, 1, 2}, {0, 1}},
      {"+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)", {0, 1, 2}, {0, 1, 2, 3}, {0, 2}, {0, 1, 2}, {0, 1}},
      {"+CNMI: (1,2),(0-1),(),(0),(0-1)", {1, 2}, {0, 1}, {}, {0}, {0, 1}},
      {"+CNMI: (0-2), (0-3), 0, (0-2)", {0, 1, 2}, {0, 1, 2, 3}, {0}, {0, 1, 2}, {}},
  }));
  INFO(line);
  Result<CnmiSupport> r = ParseCnmiTest(line);
  REQUIRE(r.ok());
  CHECK(r->mode == mode);
  CHECK(r->mt == mt);
  CHECK(r->bm == bm);
  CHECK(r->ds == ds);
  CHECK(r->bfr == bfr);
}

TEST_CASE("Malformed +CNMI test answers are refused", "[at_replies]") {
  auto line = GENERATE(as<std::string>{}, "+CNMI:", "+CNMI: (0-2", "+CNMI: (2-0)", "+CNMI: (0-2),", "+CNMI: (0-2)(0-3)",
                       "+CNMI: (a)", "+CNMI: (0,,1)", "+CNMI: (0-999)", "+CNMI: (0),(0),(0),(0),(0),(0)");
  INFO(line);
  CHECK_FALSE(ParseCnmiTest(line).ok());
}

TEST_CASE("+CPMS read and set answers", "[at_replies]") {
  Result<std::vector<MessageStorage>> read = ParseCpms("+CPMS: \"SM\",3,30,\"ME\",0,100,\"SM\",3,30");
  REQUIRE(read.ok());
  REQUIRE(read->size() == 3);
  CHECK((*read)[0].memory == "SM");
  CHECK((*read)[0].used == 3);
  CHECK((*read)[0].total == 30);
  CHECK((*read)[1].memory == "ME");
  CHECK((*read)[1].total == 100);

  Result<std::vector<MessageStorage>> set = ParseCpms("+CPMS: 3,30,3,30,3,30");
  REQUIRE(set.ok());
  REQUIRE(set->size() == 3);
  CHECK((*set)[2].memory.empty());
  CHECK((*set)[2].used == 3);

  auto bad = GENERATE(as<std::string>{}, "+CPMS:", "+CPMS: 3,30,3", "+CPMS: \"SM\",3", "+CPMS: 31,30",
                      "+CPMS: 1,2,1,2,1,2,1,2");
  INFO(bad);
  CHECK_FALSE(ParseCpms(bad).ok());
}

TEST_CASE("+CSCA gives the service centre", "[at_replies]") {
  Result<ServiceCentre> r = ParseCsca("+CSCA: \"+447785016005\",145");
  REQUIRE(r.ok());
  CHECK(r->address == "+447785016005");
  CHECK(r->type == 145);
  CHECK_FALSE(ParseCsca("+CSCA: +447785016005,145").ok());
  CHECK_FALSE(ParseCsca("+CSCA: \"+44\"").ok());
}

}  // namespace
}  // namespace tellal::at

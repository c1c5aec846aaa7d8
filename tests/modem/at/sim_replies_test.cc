#include "modem/at/sim_replies.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::at {
namespace {

TEST_CASE("ICCID answers of every family give the printed ICCID", "[sim_replies]") {
  auto [line, iccid] = GENERATE(table<std::string, std::string>({
      {"8944501810180244540f", "8944501810180244540"},               // SIMCom SIM868, bare, lowercase f
      {"+CCID: 8901260882217768982", "8901260882217768982"},         // u-blox SARA-R410M
      {"+CCID: \"89620160002701055486\"", "89620160002701055486"},   // Quectel M26, quoted
      {"^ICCID: 980910000000000000F1", "8990010000000000001"},       // Huawei, swapped
      {"+QCCID: 8944476500008878576F", "8944476500008878576"},       // EG25-G, F filler
      {"+ICCID: 898600700907A6019125", "898600700907A6019125"},      // SIM7600, hex letter
      {"#CCID: 89917310657203858031", "89917310657203858031"},       // Telit
      {"\"984402003576012594F9\"", "8944200053671052499"},           // quoted, swapped (MM tests)
      {"+CRSM: 144,0,981062200050259429F6", "8901260200055249926"},  // EF_ICCID
  }));
  Result<std::string> parsed = ParseIccid(line);
  INFO(line);
  REQUIRE(parsed.ok());
  CHECK(*parsed == iccid);
}

TEST_CASE("Non-ICCID answers are refused", "[sim_replies]") {
  for (const char* line : {"", "+CCID: 1234", "+CRSM: 106,130,", "SMS DONE", "+CCID: 89012608822177689ZZ"}) {
    INFO(line);
    CHECK_FALSE(ParseIccid(line).ok());
  }
}

TEST_CASE("PIN counters of every family give the PIN1 attempts", "[sim_replies]") {
  auto [line, left] = GENERATE(table<std::string, int>({
      {"+CPINR: SIM PIN,3,3", 3},
      {"+CPINR: \"SIM PIN\",2,3", 2},
      {"^CPIN: SIM PIN,1,10,1,10,3", 1},
      {"^CPIN: READY,,10,3,10,3", 3},
      {"+QPINC: \"SC\",2,10", 2},
      {"+SPIC: 3,10,0,10", 3},
  }));
  Result<int> parsed = ParsePinAttempts(line);
  INFO(line);
  REQUIRE(parsed.ok());
  CHECK(*parsed == left);
}

TEST_CASE("Other counter lines are refused", "[sim_replies]") {
  for (const char* line : {"+CPINR: SIM PUK,10,10", "+QPINC: \"P2\",3,10", "+SPIC: 3", "OK", "+CPINR: SIM PIN,x,3"}) {
    INFO(line);
    CHECK_FALSE(ParsePinAttempts(line).ok());
  }
}

}  // namespace
}  // namespace tellal::at

#include "modem/at/at_engine.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modem/at/at_commands.h"

namespace Catch {
template <>
struct StringMaker<tellal::at::AtEvent> {
  static std::string convert(const tellal::at::AtEvent& e) { return tellal::at::ToString(e); }
};
}  // namespace Catch

namespace tellal::at {
namespace {

using Events = std::vector<AtEvent>;

// --- Event shorthands -------------------------------------------------------
AtEvent L(std::string text) { return Line{std::move(text), LineRole::kText}; }
AtEvent Header(std::string text) { return Line{std::move(text), LineRole::kPduHeader}; }
AtEvent Pdu(std::string text) { return Line{std::move(text), LineRole::kPdu}; }
AtEvent Ok(std::string text = "OK") { return Final{FinalKind::kOk, -1, std::move(text)}; }
AtEvent Err(std::string text = "ERROR") { return Final{FinalKind::kError, -1, std::move(text)}; }
AtEvent Cme(int code, std::string text) { return Final{FinalKind::kCmeError, code, std::move(text)}; }
AtEvent Cms(int code, std::string text) { return Final{FinalKind::kCmsError, code, std::move(text)}; }
AtEvent U(UrcKind kind, std::string name, std::vector<std::string> lines) {
  return Urc{kind, std::move(name), std::move(lines)};
}
AtEvent Unknown(std::string line, std::string name = "") {
  return Urc{UrcKind::kUnknown, std::move(name), {std::move(line)}};
}

// --- Recorded PDUs
// ------------------------------------------------------------ SMS-SUBMIT
// "hellohello" to +46708251358, no SMSC (23 TPDU octets).
const std::string kSubmitPdu = "0011000B916407281553F80000AA0AE8329BFD4697D9EC37";
// SMS-DELIVER "hellohello" from 27838890001, SMSC +27381000015 (28 octets).
const std::string kDeliverPdu = "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37";
// A second SMS-DELIVER, "hi" from +447700900123 (21 octets).
const std::string kDeliverPdu2 = "07914477790706F5040C9144770009103200005220210175800002E834";
// SMS-STATUS-REPORT for TP-MR 5 (25 octets).
const std::string kStatusReportPdu = "0006050B916407281553F8422021017580004220210175900000";

AtCommand CmgsCommand() {
  Result<AtCommand> c = Cmgs(23, kSubmitPdu);
  REQUIRE(c.ok());
  return *c;
}
AtCommand CmgrCommand() {
  Result<AtCommand> c = Cmgr(3);
  REQUIRE(c.ok());
  return *c;
}
AtCommand CmglCommand() {
  Result<AtCommand> c = Cmgl(4);
  REQUIRE(c.ok());
  return *c;
}

// A string literal with embedded NULs, all of it.
template <std::size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

// --- Feeding harness --------------------------------------------------------
struct Transcript {
  std::string name;
  std::optional<AtCommand> command;  // begun before the first byte
  std::string bytes;
  Events expected;
  std::size_t max_line = AtEngine::kDefaultMaxLineLength;
};

AtEngine Started(const Transcript& t) {
  AtEngine engine(t.max_line);
  if (t.command) engine.BeginCommand(*t.command);
  return engine;
}

void Append(Events& to, Events more) {
  for (AtEvent& e : more) to.push_back(std::move(e));
}

Events FeedWhole(const Transcript& t) {
  AtEngine engine = Started(t);
  return engine.Feed(t.bytes);
}

Events FeedByteAtATime(const Transcript& t) {
  AtEngine engine = Started(t);
  Events out;
  for (char c : t.bytes) Append(out, engine.Feed(std::string_view(&c, 1)));
  return out;
}

Events FeedSplitAt(const Transcript& t, std::size_t pos) {
  AtEngine engine = Started(t);
  Events out = engine.Feed(std::string_view(t.bytes).substr(0, pos));
  Append(out, engine.Feed(std::string_view(t.bytes).substr(pos)));
  return out;
}

void CheckEveryChunking(const Transcript& t) {
  INFO("transcript: " << t.name);
  CHECK(FeedWhole(t) == t.expected);
  CHECK(FeedByteAtATime(t) == t.expected);
  for (std::size_t pos = 0; pos <= t.bytes.size(); ++pos) {
    INFO("split at " << pos);
    REQUIRE(FeedSplitAt(t, pos) == t.expected);
  }
}

// --- Recorded exchanges
// -------------------------------------------------------
std::vector<Transcript> RecordedExchanges() {
  return {
      // Huawei E173, echo off: ^RSSI arrives just before the answer.
      {"E173 AT+CSQ with ^RSSI noise",
       Csq(),
       "\r\n^RSSI:18\r\n\r\n+CSQ: 18,99\r\n\r\nOK\r\n",
       {U(UrcKind::kRssi, "^RSSI", {"^RSSI:18"}), L("+CSQ: 18,99"), Ok()}},
      // SIM800, echo on (the factory default).
      {"SIM800 AT+CSQ echo on", Csq(), "AT+CSQ\r\r\n+CSQ: 21,0\r\n\r\nOK\r\n", {L("+CSQ: 21,0"), Ok()}},
      {"bare CR line ends", Csq(), "AT+CSQ\r\r+CSQ: 21,0\r\rOK\r", {L("+CSQ: 21,0"), Ok()}},
      {"bare LF line ends", Csq(), "\n+CSQ: 21,0\n\nOK\n", {L("+CSQ: 21,0"), Ok()}},
      {"SIM800 power-on chatter, nothing pending",
       std::nullopt,
       "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n"
       "\r\nSMS Ready\r\n",
       {U(UrcKind::kOther, "RDY", {"RDY"}), U(UrcKind::kOther, "+CFUN", {"+CFUN: 1"}),
        U(UrcKind::kCpin, "+CPIN", {"+CPIN: READY"}), U(UrcKind::kCallReady, "Call Ready", {"Call Ready"}),
        U(UrcKind::kSmsReady, "SMS Ready", {"SMS Ready"})}},
      {"E3372 boot chatter",
       std::nullopt,
       "\r\n^BOOT:20952224,0,0,0,72\r\n\r\n^MODE:5,4\r\n\r\n^SRVST:2\r\n"
       "\r\n^SIMST:1\r\n",
       {U(UrcKind::kBoot, "^BOOT", {"^BOOT:20952224,0,0,0,72"}), U(UrcKind::kMode, "^MODE", {"^MODE:5,4"}),
        U(UrcKind::kSrvst, "^SRVST", {"^SRVST:2"}), U(UrcKind::kOther, "^SIMST", {"^SIMST:1"})}},
      {"+CPIN: READY answers AT+CPIN?",
       CpinQuery(),
       "AT+CPIN?\r\r\n+CPIN: READY\r\n\r\nOK\r\n",
       {L("+CPIN: READY"), Ok()}},
      {"+CPIN: READY during AT+CSQ is a URC",
       Csq(),
       "\r\n+CPIN: READY\r\n\r\n+CSQ: 9,99\r\n\r\nOK\r\n",
       {U(UrcKind::kCpin, "+CPIN", {"+CPIN: READY"}), L("+CSQ: 9,99"), Ok()}},
      {"+CREG: answers AT+CREG?",
       CregQuery(),
       "\r\n+CREG: 2,1,\"1A2B\",\"0C3D\",7\r\n\r\nOK\r\n",
       {L("+CREG: 2,1,\"1A2B\",\"0C3D\",7"), Ok()}},
      {"+CREG: during AT+CSQ is a URC",
       Csq(),
       "\r\n+CREG: 5\r\n\r\n+CSQ: 9,99\r\n\r\nOK\r\n",
       {U(UrcKind::kCreg, "+CREG", {"+CREG: 5"}), L("+CSQ: 9,99"), Ok()}},
      {"E3372 AT+CGMI bare answer around ^MODE",
       Cgmi(),
       "\r\n^MODE:5,4\r\n\r\nhuawei\r\n\r\nOK\r\n",
       {U(UrcKind::kMode, "^MODE", {"^MODE:5,4"}), L("huawei"), Ok()}},
      {"SIM7600 AT+CGSN echo on", Cgsn(), "AT+CGSN\r\r\n861234567890123\r\n\r\nOK\r\n", {L("861234567890123"), Ok()}},
      {"SIM800 AT+CMGS echo on, PDU echoed with Ctrl-Z",
       CmgsCommand(),
       "AT+CMGS=23\r\r\n> " + kSubmitPdu + "\x1a\r\n+CMGS: 5\r\n\r\nOK\r\n",
       {Prompt{}, L("+CMGS: 5"), Ok()}},
      {"E173 AT+CMGS echo off", CmgsCommand(), "\r\n> \r\n+CMGS: 12\r\n\r\nOK\r\n", {Prompt{}, L("+CMGS: 12"), Ok()}},
      {"prompt without its space", CmgsCommand(), "\r\n>\r\n+CMGS: 7\r\n\r\nOK\r\n", {Prompt{}, L("+CMGS: 7"), Ok()}},
      {"AT+CMGS refused before the prompt",
       CmgsCommand(),
       "AT+CMGS=23\r\r\n+CMS ERROR: 304\r\n",
       {Cms(304, "+CMS ERROR: 304")}},
      {"AT+CMGS refused by the network",
       CmgsCommand(),
       "\r\n> \r\n+CMS ERROR: 42\r\n",
       {Prompt{}, Cms(42, "+CMS ERROR: 42")}},
      {"'>' is no prompt when none is expected", Csq(), "\r\n> \r\nOK\r\n", {Unknown(">"), Ok()}},
      {"AT+CMGR in PDU mode",
       CmgrCommand(),
       "AT+CMGR=3\r\r\n+CMGR: 0,,28\r\n" + kDeliverPdu + "\r\n\r\nOK\r\n",
       {Header("+CMGR: 0,,28"), Pdu(kDeliverPdu), Ok()}},
      {"AT+CMGR of an empty slot", CmgrCommand(), "\r\nOK\r\n", {Ok()}},
      {"AT+CMGR of a bad index", CmgrCommand(), "\r\n+CMS ERROR: 321\r\n", {Cms(321, "+CMS ERROR: 321")}},
      {"AT+CMGL with two messages",
       CmglCommand(),
       "\r\n+CMGL: 1,1,,28\r\n" + kDeliverPdu + "\r\n+CMGL: 2,0,,21\r\n" + kDeliverPdu2 + "\r\n\r\nOK\r\n",
       {Header("+CMGL: 1,1,,28"), Pdu(kDeliverPdu), Header("+CMGL: 2,0,,21"), Pdu(kDeliverPdu2), Ok()}},
      {"+CMT takes the PDU line with it",
       std::nullopt,
       "\r\n+CMT: ,28\r\n" + kDeliverPdu + "\r\n",
       {U(UrcKind::kCmt, "+CMT", {"+CMT: ,28", kDeliverPdu})}},
      {"+CMT with an alpha field during AT+CSQ",
       Csq(),
       "\r\n+CMT: \"\",28\r\n" + kDeliverPdu + "\r\n\r\n+CSQ: 14,99\r\n\r\nOK\r\n",
       {U(UrcKind::kCmt, "+CMT", {"+CMT: \"\",28", kDeliverPdu}), L("+CSQ: 14,99"), Ok()}},
      {"+CDS takes the PDU line with it",
       std::nullopt,
       "\r\n+CDS: 25\r\n" + kStatusReportPdu + "\r\n",
       {U(UrcKind::kCds, "+CDS", {"+CDS: 25", kStatusReportPdu})}},
      {"+CMT whose PDU line never comes",
       At(),
       "\r\n+CMT: ,28\r\nOK\r\n",
       {U(UrcKind::kCmt, "+CMT", {"+CMT: ,28"}), Ok()}},
      {"+CMTI and +CDSI",
       std::nullopt,
       "\r\n+CMTI: \"SM\",3\r\n\r\n+CDSI: \"SR\",0\r\n",
       {U(UrcKind::kCmti, "+CMTI", {"+CMTI: \"SM\",3"}), U(UrcKind::kCdsi, "+CDSI", {"+CDSI: \"SR\",0"})}},
      {"incoming call",
       std::nullopt,
       "\r\nRING\r\n\r\n+CLIP: \"+447700900123\",145,,,,0\r\n",
       {U(UrcKind::kRing, "RING", {"RING"}), U(UrcKind::kClip, "+CLIP", {"+CLIP: \"+447700900123\",145,,,,0"})}},
      {"+CGREG URC", std::nullopt, "\r\n+CGREG: 1\r\n", {U(UrcKind::kCgreg, "+CGREG", {"+CGREG: 1"})}},
      {"unknown lines kept as text",
       std::nullopt,
       "\r\n+ZZZ: 1,2\r\n\r\nhello\r\n",
       {Unknown("+ZZZ: 1,2", "+ZZZ"), Unknown("hello")}},
      {"unknown line while a prefixed command is pending",
       Csq(),
       "\r\nhello\r\n\r\n+CSQ: 3,99\r\n\r\nOK\r\n",
       {Unknown("hello"), L("+CSQ: 3,99"), Ok()}},
      {"late final with nothing pending is not a Final", std::nullopt, "\r\nOK\r\n", {Unknown("OK")}},
      {"garbage after a power glitch is not OK",
       At(),
       Bytes("\xff\xff\x00\xf8xxOK\r\n\r\nOK\r\n"),
       {Unknown("\xf8xxOK"), Ok()}},
      {"NULs and 0xFF around a real OK are dropped", At(), Bytes("\x00\xffOK\x00\r\n"), {Ok()}},
      {"OK inside a longer line is not OK",
       At(),
       "\r\nOK?\r\n\r\nOKAY\r\n\r\nOK\r\n",
       {Unknown("OK?"), Unknown("OKAY"), Ok()}},
      {"numeric result codes (ATV0)", At(), "AT\r0\r", {Ok("0")}},
      {"numeric ERROR (ATV0)", At(), "4\r", {Err("4")}},
      {"verbose +CME ERROR maps to its code",
       CpinQuery(),
       "AT+CPIN?\r\r\n+CME ERROR: SIM not inserted\r\n",
       {Cme(10, "+CME ERROR: SIM not inserted")}},
      {"verbose +CMS ERROR maps to its code",
       CmgsCommand(),
       "\r\n+CMS ERROR: Invalid PDU mode parameter\r\n",
       {Cms(304, "+CMS ERROR: Invalid PDU mode parameter")}},
      {"verbose error not in the table",
       Csq(),
       "\r\n+CME ERROR: something odd\r\n",
       {Cme(-1, "+CME ERROR: something odd")}},
      {"Huawei COMMAND NOT SUPPORT", Csq(), "\r\nCOMMAND NOT SUPPORT\r\n", {Err("COMMAND NOT SUPPORT")}},
      {"NO CARRIER ends a command", At(), "\r\nNO CARRIER\r\n", {Err("NO CARRIER")}},
      {"an over-long line is discarded", At(), "\r\n" + std::string(40, 'A') + "\r\nOK\r\n", {Overflow{16}, Ok()}, 16},
      {"a line at exactly the limit is kept",
       Cgmi(),
       "\r\n" + std::string(16, 'B') + "\r\nOK\r\n",
       {L(std::string(16, 'B')), Ok()},
       16},
  };
}

TEST_CASE("Recorded exchanges give the same events however they are chunked", "[at_engine]") {
  for (const Transcript& t : RecordedExchanges()) {
    CheckEveryChunking(t);
  }
}

// --- URCs interleaved at every line boundary
// ----------------------------------
struct Interruption {
  std::string bytes;
  AtEvent urc;
};

std::vector<Interruption> Interruptions() {
  return {
      {"\r\n+CMTI: \"SM\",3\r\n", U(UrcKind::kCmti, "+CMTI", {"+CMTI: \"SM\",3"})},
      {"\r\n+CMT: ,21\r\n" + kDeliverPdu2 + "\r\n", U(UrcKind::kCmt, "+CMT", {"+CMT: ,21", kDeliverPdu2})},
      {"\r\nRING\r\n", U(UrcKind::kRing, "RING", {"RING"})},
      {"\r\n^RSSI:17\r\n", U(UrcKind::kRssi, "^RSSI", {"^RSSI:17"})},
      {"\r\n+CREG: 1,\"1A2B\",\"0C3D\"\r\n", U(UrcKind::kCreg, "+CREG", {"+CREG: 1,\"1A2B\",\"0C3D\""})},
  };
}

// A modem sends a URC whole: nothing comes between +CMT: and its PDU line.
bool InsideTwoLineUrc(const std::string& bytes, std::size_t pos) {
  std::size_t end = pos;
  while (end > 0 && (bytes[end - 1] == '\r' || bytes[end - 1] == '\n')) --end;
  if (end == 0) return false;
  const std::size_t cr_or_lf = bytes.find_last_of("\r\n", end - 1);
  const std::size_t start = cr_or_lf == std::string::npos ? 0 : cr_or_lf + 1;
  const std::string last = bytes.substr(start, end - start);
  return last.rfind("+CMT:", 0) == 0 || last.rfind("+CDS:", 0) == 0;
}

std::vector<Transcript> ResponsesToInterrupt() {
  std::vector<Transcript> out;
  for (const Transcript& t : RecordedExchanges()) {
    // Responses whose own prefix is the URC's would rightly absorb it, and
    // a tiny line limit would discard the URC's PDU line.
    if (t.command && t.command->text != "AT+CREG?" && t.command->text != "AT+CPIN?" &&
        t.max_line == AtEngine::kDefaultMaxLineLength) {
      out.push_back(t);
    }
  }
  return out;
}

TEST_CASE("A URC at any line boundary leaves the response intact", "[at_engine]") {
  for (const Transcript& base : ResponsesToInterrupt()) {
    for (const Interruption& urc : Interruptions()) {
      for (std::size_t pos = 0; pos <= base.bytes.size(); ++pos) {
        if (pos != 0 && base.bytes[pos - 1] != '\n') continue;
        if (InsideTwoLineUrc(base.bytes, pos)) continue;
        INFO("transcript: " << base.name << ", URC " << ToString(urc.urc) << " at " << pos);
        // Expected: the events of the bytes before the boundary, the URC,
        // then the events of the rest.
        AtEngine reference = Started(base);
        Events expected = reference.Feed(base.bytes.substr(0, pos));
        expected.push_back(urc.urc);
        Append(expected, reference.Feed(base.bytes.substr(pos)));

        Transcript interrupted = base;
        interrupted.bytes.insert(pos, urc.bytes);
        interrupted.expected = expected;
        REQUIRE(FeedWhole(interrupted) == expected);
        REQUIRE(FeedByteAtATime(interrupted) == expected);

        // And the command's own events are exactly the uninterrupted ones.
        Events without_urc;
        for (const AtEvent& e : expected) {
          if (!(e == urc.urc)) without_urc.push_back(e);
        }
        REQUIRE(without_urc == base.expected);
      }
    }
  }
}

// --- Engine lifecycle
// ---------------------------------------------------------
TEST_CASE("Commands in sequence each get their own response", "[at_engine]") {
  AtEngine engine;
  engine.BeginCommand(Echo(false));
  CHECK(engine.Feed("ATE0\r\r\nOK\r\n") == Events{Ok()});
  CHECK_FALSE(engine.command_pending());
  engine.BeginCommand(Cgmi());
  CHECK(engine.Feed("\r\nSIMCOM_Ltd\r\n\r\nOK\r\n") == Events{L("SIMCOM_Ltd"), Ok()});
  engine.BeginCommand(CmgsCommand());
  CHECK(engine.Feed("\r\n> ") == Events{Prompt{}});
  CHECK(engine.command_pending());
  CHECK(engine.Feed("\r\n+CMGS: 6\r\n\r\nOK\r\n") == Events{L("+CMGS: 6"), Ok()});
}

TEST_CASE("An abandoned command's late answer is not credited", "[at_engine]") {
  AtEngine engine;
  engine.BeginCommand(Csq());
  CHECK(engine.Feed("\r\n+CSQ: 1").empty());
  engine.AbandonCommand();
  CHECK_FALSE(engine.command_pending());
  CHECK(engine.Feed("2,99\r\n\r\nOK\r\n") == Events{Unknown("+CSQ: 12,99", "+CSQ"), Unknown("OK")});
  engine.BeginCommand(At());
  CHECK(engine.Feed("\r\nOK\r\n") == Events{Ok()});
}

TEST_CASE("A new command abandons the pending one", "[at_engine]") {
  AtEngine engine;
  engine.BeginCommand(Csq());
  engine.BeginCommand(At());
  CHECK(engine.Feed("\r\n+CSQ: 12,99\r\n\r\nOK\r\n") == Events{Unknown("+CSQ: 12,99", "+CSQ"), Ok()});
}

TEST_CASE("reset forgets a partial line and a half-received +CMT", "[at_engine]") {
  AtEngine engine;
  CHECK(engine.Feed("\r\n+CMT: ,28\r\n0791").empty());
  engine.Reset();
  CHECK(engine.Feed("\r\n+CMTI: \"SM\",1\r\n") == Events{U(UrcKind::kCmti, "+CMTI", {"+CMTI: \"SM\",1"})});
}

TEST_CASE("The echo is dropped once only", "[at_engine]") {
  AtEngine engine;
  engine.BeginCommand(Cgmm());
  // A bare-answer command whose answer equals its text is absurd, but the
  // second occurrence must not vanish.
  CHECK(engine.Feed("AT+CGMM\r\r\nAT+CGMM\r\n\r\nOK\r\n") == Events{L("AT+CGMM"), Ok()});
}

TEST_CASE("Endless garbage stays bounded and ends in one Overflow", "[at_engine]") {
  AtEngine engine(64);
  engine.BeginCommand(At());
  Events out;
  for (int i = 0; i < 1000; ++i) Append(out, engine.Feed("garbage-garbage-"));
  CHECK(out == Events{Overflow{64}});
  CHECK(engine.Feed("\r\nOK\r\n") == Events{Ok()});
}

// --- Final result matching
// ----------------------------------------------------
TEST_CASE("Final results match whole lines only", "[at_engine]") {
  struct Case {
    std::string line;
    std::optional<Final> expected;
  };
  const std::vector<Case> cases{
      {"OK", Final{FinalKind::kOk, -1, "OK"}},
      {"0", Final{FinalKind::kOk, -1, "0"}},
      {"ERROR", Final{FinalKind::kError, -1, "ERROR"}},
      {"4", Final{FinalKind::kError, -1, "4"}},
      {"BUSY", Final{FinalKind::kError, -1, "BUSY"}},
      {"NO ANSWER", Final{FinalKind::kError, -1, "NO ANSWER"}},
      {"NO DIALTONE", Final{FinalKind::kError, -1, "NO DIALTONE"}},
      {"TOO MANY PARAMETERS", Final{FinalKind::kError, -1, "TOO MANY PARAMETERS"}},
      {"+CME ERROR: 11", Final{FinalKind::kCmeError, 11, "+CME ERROR: 11"}},
      {"+CME ERROR:11", Final{FinalKind::kCmeError, 11, "+CME ERROR:11"}},
      {"+CME ERROR: incorrect password", Final{FinalKind::kCmeError, 16, "+CME ERROR: incorrect password"}},
      {"+CMS ERROR: 500", Final{FinalKind::kCmsError, 500, "+CMS ERROR: 500"}},
      {"+CMS ERROR: SIM PIN required", Final{FinalKind::kCmsError, 311, "+CMS ERROR: SIM PIN required"}},
      {"+CMS ERROR:", Final{FinalKind::kCmsError, -1, "+CMS ERROR:"}},
      {"+CMS ERROR: 99999999999", Final{FinalKind::kCmsError, -1, "+CMS ERROR: 99999999999"}},
      {"xxOK", std::nullopt},
      {"OKAY", std::nullopt},
      {"ok", std::nullopt},
      {"ERRORS", std::nullopt},
      {"1", std::nullopt},
      {"00", std::nullopt},
      {"+CME ERRORS: 3", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) {
    INFO("line: \"" << c.line << "\"");
    CHECK(ParseFinalResult(c.line) == c.expected);
  }
}

}  // namespace
}  // namespace tellal::at

namespace tellal::at {
namespace {

TEST_CASE("A +CPIN line marked final ends AT+CPIN? without an OK (Wavecom)", "[at_engine]") {
  AtEngine engine;
  AtCommand cpin = CpinQuery();
  cpin.prefix_line_is_final = true;
  engine.BeginCommand(cpin);
  CHECK(engine.Feed("\r\n+CPIN: READY\r\n") == Events{L("+CPIN: READY"), Ok("")});
  CHECK_FALSE(engine.command_pending());
}

TEST_CASE("Vendor status URCs during a bare-answer command are not its answer", "[at_engine]") {
  const std::string chatter =
      GENERATE(std::string("SMS DONE"), std::string("PB DONE"), std::string("+QIND: SMS DONE"),
               std::string("+QUSIM: 1"), std::string("*ATREADY: 1"), std::string("^SYSSTART"), std::string("+ZUSIMR:2"),
               std::string("RDY"), std::string("+WIND: 4"), std::string("#QSS: 3"), std::string("^SIND: simstatus,5"),
               std::string("APP RDY"), std::string("+AT: READY"), std::string("+XYZNEW: 1"));
  AtEngine engine;
  engine.BeginCommand(Cgmi());
  const Events events = engine.Feed("\r\n" + chatter + "\r\n\r\nQuectel\r\n\r\nOK\r\n");
  INFO(chatter);
  REQUIRE(events.size() == 3);
  CHECK(std::holds_alternative<Urc>(events[0]));
  CHECK(events[1] == L("Quectel"));
  CHECK(events[2] == Ok());
}

TEST_CASE("A bare answer naming its own command stays the answer", "[at_engine]") {
  AtEngine engine;
  engine.BeginCommand(Cgmi());
  CHECK(engine.Feed("\r\n+CGMI: huawei\r\n\r\nOK\r\n") == Events{L("+CGMI: huawei"), Ok()});
}

TEST_CASE("Huawei ^SMMEMFULL is a memory-full URC", "[at_engine]") {
  AtEngine engine;
  CHECK(engine.Feed("\r\n^SMMEMFULL: \"SM\"\r\n") ==
        Events{U(UrcKind::kMemoryFull, "^SMMEMFULL", {"^SMMEMFULL: \"SM\""})});
}

TEST_CASE("Every prompt form is a Prompt", "[at_engine]") {
  const std::string prompt = GENERATE(std::string("\r\n> "), std::string("\r\n>"), std::string("\r\n>\r\n"));
  AtEngine engine;
  engine.BeginCommand(CmgsCommand());
  CHECK(engine.Feed(prompt) == Events{Prompt{}});
  CHECK(engine.Feed("\r\n+CMGS: 6\r\n\r\nOK\r\n") == Events{L("+CMGS: 6"), Ok()});
}

}  // namespace
}  // namespace tellal::at

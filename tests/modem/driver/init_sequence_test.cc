#include "modem/driver/init_sequence.h"

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tellal::modem {
namespace {

using std::chrono::milliseconds;

CommandReply Final(at::FinalKind kind, int code, std::string text, std::vector<std::string> lines = {}) {
  CommandReply r;
  r.status = ReplyStatus::kFinal;
  r.final = at::Final{kind, code, std::move(text)};
  for (std::string& line : lines) r.lines.push_back(at::Line{std::move(line)});
  return r;
}
CommandReply Ok(std::vector<std::string> lines = {}) { return Final(at::FinalKind::kOk, -1, "OK", std::move(lines)); }
CommandReply Error() { return Final(at::FinalKind::kError, -1, "ERROR"); }
CommandReply Cme(int code) { return Final(at::FinalKind::kCmeError, code, "+CME ERROR: " + std::to_string(code)); }
CommandReply Timeout() {
  CommandReply r;
  r.status = ReplyStatus::kTimeout;
  return r;
}

// A scripted modem: answers by command text; a handler may be overridden
// per test. Unscripted commands get ERROR.
struct ScriptedModem {
  std::map<std::string, std::function<CommandReply()>> answers{
      {"AT", [] { return Ok(); }},
      {"ATE0", [] { return Ok(); }},
      {"AT+CMEE=1", [] { return Ok(); }},
      {"AT+CGMI", [] { return Ok({"tellal"}); }},
      {"AT+CGMM", [] { return Ok({"virtual"}); }},
      {"AT+CPIN?", [] { return Ok({"+CPIN: READY"}); }},
      {"AT+CMGF=0", [] { return Ok(); }},
      {"AT+CPMS=\"SM\",\"SM\",\"SM\"", [] { return Ok({"+CPMS: 0,30,0,30,0,30"}); }},
      {"AT+CNMI=?", [] { return Ok({"+CNMI: (0-2),(0-3),(0),(0-2),(0,1)"}); }},
      {"AT+CNMI=2,1,0,1,0", [] { return Ok(); }},
      {"AT+CMMS?", [] { return Ok({"+CMMS: 0"}); }},
      {"AT+CREG=1", [] { return Ok(); }},
      {"AT+CGMR", [] { return Ok({"1.0"}); }},
      {"AT+CGSN", [] { return Ok({"356938035643809"}); }},
      {"AT+CIMI", [] { return Ok({"286010000000001"}); }},
      {"AT+CCID", [] { return Ok({"+CCID: 8990010000000000001"}); }},
      {"AT+COPS=3,0", [] { return Ok(); }},
      {"AT+COPS?", [] { return Ok({"+COPS: 0,0,\"Turkcell\",2"}); }},
      {"AT+CREG?", [] { return Ok({"+CREG: 1,1"}); }},
      {"AT+CSQ", [] { return Ok({"+CSQ: 20,99"}); }},
  };
  std::vector<std::string> commands;
  std::vector<milliseconds> delays;

  InitOutcome Run(InitSequence& seq) {
    for (int i = 0; i < 200; ++i) {
      const InitStep& step = seq.step();
      commands.push_back(step.command.text);
      delays.push_back(step.delay);
      auto it = answers.find(step.command.text);
      InitOutcome out = seq.OnReply(it == answers.end() ? Error() : it->second());
      if (out.verdict != InitVerdict::kNext) return out;
    }
    FAIL("init sequence did not end");
    return {};
  }
  int count(const std::string& command) const {
    return static_cast<int>(std::count(commands.begin(), commands.end(), command));
  }
};

InitOptions Options(std::string pin = {}) {
  InitOptions o;
  o.pin = std::move(pin);
  o.wake_attempts = 3;
  o.sim_poll_attempts = 4;
  o.sim_poll_delay = milliseconds(100);
  return o;
}

TEST_CASE("A generic modem initialises in the documented order", "[init]") {
  ScriptedModem modem;
  InitSequence seq(Options());
  const InitOutcome out = modem.Run(seq);
  REQUIRE(out.verdict == InitVerdict::kDone);
  CHECK(modem.commands == std::vector<std::string>{"AT",          "ATE0",
                                                   "AT+CMEE=1",   "AT+CGMI",
                                                   "AT+CGMM",     "AT+CPIN?",
                                                   "AT+CMGF=0",   "AT+CPMS=\"SM\",\"SM\",\"SM\"",
                                                   "AT+CNMI=?",   "AT+CNMI=2,1,0,1,0",
                                                   "AT+CMMS?",    "AT+CREG=1",
                                                   "AT+CGMR",     "AT+CGSN",
                                                   "AT+CIMI",     "AT+CCID",
                                                   "AT+COPS=3,0", "AT+COPS?",
                                                   "AT+CREG?",    "AT+CSQ"});
  const ModemInfo& info = seq.info();
  CHECK(info.manufacturer == "tellal");
  CHECK(info.model == "virtual");
  CHECK(info.family == "generic");
  CHECK(info.revision == "1.0");
  CHECK(info.imei == "356938035643809");
  CHECK(info.imsi == "286010000000001");
  CHECK(info.iccid == "8990010000000000001");
  CHECK(info.operator_name == "Turkcell");
  CHECK(info.signal_dbm == -73);
  CHECK(info.registration == 1);
  CHECK(info.supports_cmms);
  CHECK(info.storage == "SM");
  CHECK(info.cnmi == "2,1,0,1,0");
  CHECK(seq.registered());
}

TEST_CASE("A Huawei modem is asked AT^ICCID? instead of AT+CCID and its swapped ICCID is put right", "[init]") {
  ScriptedModem modem;
  modem.answers["AT+CGMI"] = [] { return Ok({"huawei"}); };
  modem.answers["AT+CGMM"] = [] { return Ok({"E173"}); };
  modem.answers["AT+CCID"] = [] { return Error(); };
  modem.answers["AT^ICCID?"] = [] { return Ok({"^ICCID: 980910000000000000F1"}); };
  InitSequence seq(Options());
  REQUIRE(modem.Run(seq).verdict == InitVerdict::kDone);
  CHECK(modem.count("AT+CCID") == 0);
  CHECK(seq.info().family == "huawei");
  CHECK(seq.info().iccid == "8990010000000000001");
}

TEST_CASE("Without any ICCID command the SIM file is read", "[init]") {
  ScriptedModem modem;
  modem.answers["AT+CCID"] = [] { return Final(at::FinalKind::kError, -1, "COMMAND NOT SUPPORT"); };
  modem.answers["AT+CRSM=176,12258,0,0,10"] = [] { return Ok({"+CRSM: 144,0,980910000000000000F1"}); };
  InitSequence seq(Options());
  REQUIRE(modem.Run(seq).verdict == InitVerdict::kDone);
  CHECK(seq.info().iccid == "8990010000000000001");
}

TEST_CASE("Wavecom: the +CPIN line ends AT+CPIN? without an OK", "[init]") {
  // Recognised by family: the engine is told the line is final.
  ScriptedModem modem;
  modem.answers["AT+CGMI"] = [] { return Ok({" WAVECOM MODEM"}); };
  modem.answers["AT+CGMM"] = [] { return Ok({" MULTIBAND  900E  1800 "}); };
  InitSequence seq(Options());
  bool final_flag = false;
  for (int i = 0; i < 200; ++i) {
    const InitStep& step = seq.step();
    if (step.command.text == "AT+CPIN?") final_flag = step.command.prefix_line_is_final;
    auto it = modem.answers.find(step.command.text);
    if (seq.OnReply(it == modem.answers.end() ? Error() : it->second()).verdict != InitVerdict::kNext) break;
  }
  CHECK(final_flag);
  CHECK(seq.info().family == "wavecom");
  CHECK(seq.info().manufacturer == "WAVECOM MODEM");

  // Unrecognised: the query times out with its +CPIN line, which is taken.
  ScriptedModem unknown;
  unknown.answers["AT+CPIN?"] = [] {
    CommandReply r;
    r.status = ReplyStatus::kTimeout;
    r.lines.push_back(at::Line{"+CPIN: READY"});
    return r;
  };
  InitSequence seq2(Options());
  CHECK(unknown.Run(seq2).verdict == InitVerdict::kDone);
}

TEST_CASE("SIM busy and init-in-progress answers repeat the step after a delay", "[init]") {
  auto busy = GENERATE(Cme(14), Cme(515), Final(at::FinalKind::kCmsError, 515, "+CMS ERROR: 515"));
  ScriptedModem modem;
  int cimi = 0;
  int cpms = 0;
  modem.answers["AT+CIMI"] = [&] { return ++cimi < 3 ? busy : Ok({"286010000000001"}); };
  modem.answers["AT+CPMS=\"SM\",\"SM\",\"SM\""] = [&] { return ++cpms < 3 ? busy : Ok({"+CPMS: 0,30,0,30,0,30"}); };
  InitSequence seq(Options());
  REQUIRE(modem.Run(seq).verdict == InitVerdict::kDone);
  CHECK(seq.info().imsi == "286010000000001");
  CHECK(seq.info().storage == "SM");
  CHECK(cimi == 3);
  CHECK(modem.delays[modem.commands.size() - 1] == milliseconds(0));
}

TEST_CASE("AT+CPMS steps down to two memories, then one", "[init]") {
  auto [accepts, line, arity] = GENERATE(table<std::string, std::string, int>({
      {"AT+CPMS=\"SM\",\"SM\"", "+CPMS: 14,50,14,50", 2},  // Wavecom Q2403A
      {"AT+CPMS=\"SM\"", "+CPMS: 14,50,14,50,14,50", 1},
      {"AT+CPMS=\"SM\",\"SM\",\"SM\"", "", 3},  // bare OK: counts from AT+CPMS?
  }));
  ScriptedModem modem;
  modem.answers.erase("AT+CPMS=\"SM\",\"SM\",\"SM\"");
  modem.answers[accepts] = [line = line] { return line.empty() ? Ok() : Ok({line}); };
  modem.answers["AT+CPMS?"] = [] { return Ok({"+CPMS: \"SM\",14,50,\"SM\",14,50,\"SM\",14,50"}); };
  InitSequence seq(Options());
  REQUIRE(modem.Run(seq).verdict == InitVerdict::kDone);
  CHECK(seq.info().storage == "SM");
  CHECK(seq.cpms_arity() == arity);
  CHECK(seq.info().sim_used == 14);
  CHECK(seq.info().sim_total == 50);
  CHECK_FALSE(seq.info().sim_full);
}

TEST_CASE("A modem without AT+CCID or AT+CMMS still initialises", "[init]") {
  ScriptedModem modem;
  modem.answers.erase("AT+CCID");
  modem.answers.erase("AT+CMMS?");
  modem.answers["AT+CREG?"] = [] { return Ok({"+CREG: 1,2"}); };
  modem.answers["AT+CSQ"] = [] { return Ok({"+CSQ: 99,99"}); };
  InitSequence seq(Options());
  REQUIRE(modem.Run(seq).verdict == InitVerdict::kDone);
  CHECK(seq.info().iccid.empty());
  CHECK_FALSE(seq.info().supports_cmms);
  CHECK_FALSE(seq.registered());
  CHECK_FALSE(seq.info().signal_dbm.has_value());
}

TEST_CASE("Wake-up retries AT, then gives up as a fault", "[init]") {
  ScriptedModem modem;
  int calls = 0;
  modem.answers["AT"] = [&] { return ++calls < 3 ? Timeout() : Ok(); };
  InitSequence ok_on_third(Options());
  CHECK(modem.Run(ok_on_third).verdict == InitVerdict::kDone);
  CHECK(calls == 3);

  ScriptedModem dead;
  dead.answers["AT"] = [] { return Timeout(); };
  InitSequence seq(Options());
  const InitOutcome out = dead.Run(seq);
  CHECK(out.verdict == InitVerdict::kFault);
  CHECK(dead.commands == std::vector<std::string>{"AT", "AT", "AT"});
}

TEST_CASE("A timeout after the wake-up is a fault", "[init]") {
  ScriptedModem modem;
  modem.answers["AT+CGSN"] = [] { return Timeout(); };
  InitSequence seq(Options());
  const InitOutcome out = modem.Run(seq);
  CHECK(out.verdict == InitVerdict::kFault);
  CHECK(out.reason == "AT+CGSN: timeout");
  CHECK(modem.commands.back() == "AT+CGSN");
}

TEST_CASE("The configured PIN is entered once and never logged in reasons", "[init]") {
  ScriptedModem modem;
  bool unlocked = false;
  modem.answers["AT+CPIN?"] = [&] { return Ok({unlocked ? "+CPIN: READY" : "+CPIN: SIM PIN"}); };
  modem.answers["AT+CPIN=\"4321\""] = [&] {
    unlocked = true;
    return Ok();
  };
  InitSequence seq(Options("4321"));
  InitStep pin_step;
  for (int i = 0; i < 50; ++i) {
    const InitStep& step = seq.step();
    if (step.secret) pin_step = step;
    modem.commands.push_back(step.command.text);
    auto it = modem.answers.find(step.command.text);
    const InitOutcome out = seq.OnReply(it == modem.answers.end() ? Error() : it->second());
    if (out.verdict != InitVerdict::kNext) {
      CHECK(out.verdict == InitVerdict::kDone);
      break;
    }
  }
  CHECK(modem.count("AT+CPIN=\"4321\"") == 1);
  CHECK(pin_step.command.text == "AT+CPIN=\"4321\"");
  CHECK(pin_step.kind == CommandKind::kPin);
  CHECK_FALSE(seq.pin_rejected());
}

TEST_CASE("A refused PIN is final and remembered", "[init]") {
  auto refusal = GENERATE(Cme(16), Error(), Timeout());
  InMemoryPinGuard guard;
  ScriptedModem modem;
  modem.answers["AT+CPIN?"] = [] { return Ok({"+CPIN: SIM PIN"}); };
  modem.answers["AT+CPIN=\"0000\""] = [&] { return refusal; };
  InitOptions options = Options("0000");
  options.pin_guard = &guard;
  InitSequence seq(options);
  const InitOutcome out = modem.Run(seq);
  CHECK(out.verdict == InitVerdict::kSimLocked);
  CHECK(out.reason == "PIN refused");
  CHECK(seq.info().lock_reason == "PIN refused");
  CHECK(seq.pin_rejected());
  CHECK(modem.count("AT+CPIN=\"0000\"") == 1);
  const SimKey sim = MakeSimKey("8990010000000000001", "", "");
  CHECK_FALSE(guard.RefusalReason(sim, PinFingerprint(sim, "0000")).empty());

  // The next attempt (after a reopen) does not try it again.
  ScriptedModem again;
  again.answers["AT+CPIN?"] = [] { return Ok({"+CPIN: SIM PIN"}); };
  InitSequence second(options);
  CHECK(again.Run(second).verdict == InitVerdict::kSimLocked);
  CHECK(again.count("AT+CPIN=\"0000\"") == 0);
}

TEST_CASE("The PIN is not entered with fewer than three attempts left", "[init]") {
  auto [manufacturer, counter_command, answer, left] = GENERATE(table<std::string, std::string, std::string, int>({
      {"tellal", "AT+CPINR=\"SIM PIN\"", "+CPINR: SIM PIN,2,3", 2},
      {"huawei", "AT^CPIN?", "^CPIN: SIM PIN,1,10,1,10,3", 1},
      {"Quectel", "AT+QPINC=\"SC\"", "+QPINC: \"SC\",2,10", 2},
      {"SIMCOM_Ltd", "AT+SPIC", "+SPIC: 2,10,3,10", 2},
  }));
  ScriptedModem modem;
  modem.answers["AT+CGMI"] = [m = manufacturer] { return Ok({m}); };
  modem.answers["AT+CPIN?"] = [] { return Ok({"+CPIN: SIM PIN"}); };
  modem.answers[counter_command] = [a = answer] { return Ok({a}); };
  InitSequence seq(Options("1234"));
  const InitOutcome out = modem.Run(seq);
  INFO(manufacturer);
  CHECK(out.verdict == InitVerdict::kSimLocked);
  CHECK(out.reason == "only " + std::to_string(left) + " PIN attempts left");
  CHECK(seq.info().pin_attempts_left == left);
  CHECK(modem.count("AT+CPIN=\"1234\"") == 0);
}

TEST_CASE("With the attempts unknown the PinGuard decides", "[init]") {
  InMemoryPinGuard guard;
  const SimKey sim = MakeSimKey("8990010000000000001", "", "");
  guard.RecordRefusedPin(sim, PinFingerprint(sim, "1111"), "+CME ERROR: 16");
  ScriptedModem modem;
  modem.answers["AT+CPIN?"] = [] { return Ok({"+CPIN: SIM PIN"}); };
  InitOptions options = Options("2222");
  options.pin_guard = &guard;
  InitSequence seq(options);
  CHECK(modem.Run(seq).verdict == InitVerdict::kSimLocked);
  CHECK(modem.count("AT+CPIN=\"2222\"") == 0);

  // With 3 attempts known, another PIN may go in.
  ScriptedModem counted;
  counted.answers["AT+CPIN?"] = [] { return Ok({"+CPIN: SIM PIN"}); };
  counted.answers["AT+CPINR=\"SIM PIN\""] = [] { return Ok({"+CPINR: SIM PIN,3,3"}); };
  InitSequence seq2(options);
  counted.Run(seq2);
  CHECK(counted.count("AT+CPIN=\"2222\"") == 1);
}

TEST_CASE("SIM states that need an operator stop the sequence", "[init]") {
  auto [answer, pin, verdict, reason] = GENERATE(table<std::string, std::string, InitVerdict, std::string>({
      {"+CPIN: SIM PIN", "", InitVerdict::kSimLocked, "PIN required but none configured"},
      {"+CPIN: SIM PUK", "1234", InitVerdict::kSimLocked, "PUK required"},
      {"+CPIN: PH-SIM PIN", "1234", InitVerdict::kSimLocked, "PH-SIM PIN required"},
      {"+CPIN: NOT INSERTED", "", InitVerdict::kOperatorNeeded, "SIM not inserted"},
  }));
  ScriptedModem modem;
  modem.answers["AT+CPIN?"] = [answer = answer] { return Ok({answer}); };
  InitSequence seq(Options(pin));
  INFO(answer);
  const InitOutcome out = modem.Run(seq);
  CHECK(out.verdict == verdict);
  CHECK(out.reason == reason);
  CHECK(modem.commands.back() == "AT+CPIN?");

  ScriptedModem no_sim;
  no_sim.answers["AT+CPIN?"] = [] { return Cme(10); };
  InitSequence seq2(Options());
  CHECK(no_sim.Run(seq2).verdict == InitVerdict::kOperatorNeeded);
}

TEST_CASE("A SIM that is not ready yet is polled with a delay", "[init]") {
  ScriptedModem modem;
  int polls = 0;
  modem.answers["AT+CPIN?"] = [&] {
    ++polls;
    if (polls == 1) return Ok({"+CPIN: NOT READY"});
    if (polls == 2) return Cme(14);
    return Ok({"+CPIN: READY"});
  };
  InitSequence seq(Options());
  REQUIRE(modem.Run(seq).verdict == InitVerdict::kDone);
  CHECK(polls == 3);
  // The second and third AT+CPIN? wait sim_poll_delay first.
  std::vector<milliseconds> cpin_delays;
  for (std::size_t i = 0; i < modem.commands.size(); ++i) {
    if (modem.commands[i] == "AT+CPIN?") cpin_delays.push_back(modem.delays[i]);
  }
  CHECK(cpin_delays == std::vector<milliseconds>{milliseconds(0), milliseconds(100), milliseconds(100)});

  ScriptedModem never;
  never.answers["AT+CPIN?"] = [] { return Ok({"+CPIN: NOT READY"}); };
  InitSequence seq2(Options());
  CHECK(never.Run(seq2).verdict == InitVerdict::kFault);
  CHECK(never.count("AT+CPIN?") == 4);
}

TEST_CASE("PDU mode is retried until SMS is up (SIMCom before SMS Ready)", "[init]") {
  ScriptedModem modem;
  int tries = 0;
  modem.answers["AT+CMGF=0"] = [&] { return ++tries < 3 ? Error() : Ok(); };
  InitSequence seq(Options());
  CHECK(modem.Run(seq).verdict == InitVerdict::kDone);
  CHECK(tries == 3);

  ScriptedModem text_only;
  text_only.answers["AT+CMGF=0"] = [] { return Error(); };
  InitSequence seq2(Options());
  CHECK(text_only.Run(seq2).verdict == InitVerdict::kFault);
}

TEST_CASE("Storage and CNMI fall back to what the modem accepts", "[init]") {
  ScriptedModem modem;
  modem.answers.erase("AT+CPMS=\"SM\",\"SM\",\"SM\"");
  modem.answers["AT+CPMS=\"ME\",\"ME\",\"ME\""] = [] { return Ok(); };
  modem.answers["AT+CNMI=?"] = [] { return Error(); };
  modem.answers.erase("AT+CNMI=2,1,0,1,0");
  modem.answers["AT+CNMI=2,1,0,2,0"] = [] { return Ok(); };
  InitSequence seq(Options());
  REQUIRE(modem.Run(seq).verdict == InitVerdict::kDone);
  CHECK(seq.info().storage == "ME");
  CHECK(seq.info().cnmi == "2,1,0,2,0");
  CHECK(modem.count("AT+CNMI=2,1,0,1,0") == 1);

  ScriptedModem picky;
  for (const char* mem : {"SM", "ME", "MT"}) {
    const std::string m = mem;
    picky.answers.erase("AT+CPMS=\"" + m + "\",\"" + m + "\",\"" + m + "\"");
  }
  picky.answers["AT+CPMS?"] = [] { return Ok({"+CPMS: \"SM\",1,20,\"SM\",1,20,\"SM\",1,20"}); };
  picky.answers.erase("AT+CNMI=2,1,0,1,0");
  InitSequence seq2(Options());
  REQUIRE(picky.Run(seq2).verdict == InitVerdict::kDone);
  CHECK(seq2.info().storage == "SM");
  CHECK(seq2.info().cnmi.empty());
  CHECK(picky.count("AT+CNMI=1,1,0,0,0") == 1);
}

}  // namespace
}  // namespace tellal::modem

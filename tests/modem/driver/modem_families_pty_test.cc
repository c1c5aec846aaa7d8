// The driver against virtual modems that behave like real families: each
// quirk on its own (on a generic modem, so the driver cannot know it from
// +CGMI), every modelled family end to end, the PIN safety rules, and a full
// SIM flooded with undecodable PDUs.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "driver_harness.h"
#include "modem/driver/modem_driver.h"

namespace tellal::modem {
namespace {

using namespace std::chrono_literals;
using testing::Harness;
using testing::Segment;
using testing::Submit;

vmodem::Options WithQuirks(vmodem::Quirks quirks) {
  vmodem::Options o;
  o.quirks = std::move(quirks);
  return o;
}

// Confirms every message handed up so far, as a store would after writing it.
void ConfirmAll(Harness& h) {
  std::vector<std::function<void()>> pending;
  pending.swap(h.stored);
  for (auto& confirm : pending) confirm();
}

bool SendsAll(Harness& h, const std::vector<Segment>& segments) {
  std::vector<std::optional<SendResult>> results(segments.size());
  for (std::size_t i = 0; i < segments.size(); ++i) {
    h.driver->Send(segments[i].hex, segments[i].tpdu_length, i + 1 < segments.size(),
                   [&results, i](SendResult r) { results[i] = std::move(r); });
  }
  const bool answered = h.WaitUntil(
      [&] { return std::all_of(results.begin(), results.end(), [](const auto& r) { return r.has_value(); }); });
  return answered && std::all_of(results.begin(), results.end(), [](const auto& r) { return r->ok; });
}

const std::string kLongText(200, 'x');

TEST_CASE("CpinAnsweredWithoutOkStillInitialises", "[driver][pty][quirks]") {
  // Wavecom Q2403A: "+CPIN: READY" and no OK. Before: the query timed out
  // and the driver looped in recovery for ever.
  vmodem::Quirks q;
  q.cpin_without_ok = true;
  Harness h(WithQuirks(q));
  h.driver->Start();
  REQUIRE(h.WaitForState(ModemState::kReady, 3s));
  CHECK_FALSE(h.SawState(ModemState::kRecovering));
}

TEST_CASE("CommandNotSupportAndNoIccidCommandStillGiveTheIccid", "[driver][pty][quirks]") {
  // Huawei E3372: unknown commands end in COMMAND NOT SUPPORT; no AT+CCID.
  vmodem::Quirks q;
  q.unknown_command = "COMMAND NOT SUPPORT";
  q.iccid_command = "";
  Harness h(WithQuirks(q));
  h.driver->Start();
  REQUIRE(h.WaitForState(ModemState::kReady));
  CHECK(h.driver->info().iccid == "8990010000000000001");
  CHECK(h.CountCommands("AT+CRSM=176,12258,0,0,10") == 1);
}

TEST_CASE("EveryPromptFormSendsSingleAndMultipart", "[driver][pty][quirks]") {
  const std::string prompt = GENERATE(std::string("\r\n> "), std::string("\r\n>"), std::string("\r\n>\r\n"));
  vmodem::Quirks q;
  q.prompt = prompt;
  Harness h(WithQuirks(q));
  h.driver->Start();
  REQUIRE(h.WaitForState(ModemState::kReady));
  CHECK(SendsAll(h, Submit("one part")));
  CHECK(SendsAll(h, Submit(kLongText)));
  CHECK(h.vm->submitted().size() == 3);
}

TEST_CASE("CpmsVariantsAreAcceptedAndCounted", "[driver][pty][quirks]") {
  auto [max_memories, exactly_three, pairs, command] = GENERATE(table<int, bool, int, std::string>({
      {2, false, 2, "AT+CPMS=\"SM\",\"SM\""},         // Wavecom Q2403A
      {1, false, 2, "AT+CPMS=\"SM\""},                // one memory only
      {3, true, 3, "AT+CPMS=\"SM\",\"SM\",\"SM\""},   // Cinterion: exactly three
      {3, false, 0, "AT+CPMS=\"SM\",\"SM\",\"SM\""},  // a bare OK to the set command
  }));
  vmodem::Quirks q;
  q.cpms_max_memories = max_memories;
  q.cpms_exactly_three = exactly_three;
  q.cpms_set_pairs = pairs;
  vmodem::Options o = WithQuirks(q);
  Harness h(o);
  h.vm->StoreSmsSilently("+905551112233", "waiting");
  h.driver->Start();
  REQUIRE(h.WaitForState(ModemState::kReady));
  INFO(command);
  CHECK(h.CountCommands(command) == 1);
  const ModemInfo& info = h.driver->info();
  CHECK(info.storage == "SM");
  CHECK(info.sim_total == 30);
  CHECK(info.sim_used == 1);
  CHECK_FALSE(info.sim_full);
  REQUIRE(h.WaitUntil([&] { return h.inbound.size() == 1; }));
  h.vm->ReceiveSms("+905551112233", "announced");
  REQUIRE(h.WaitUntil([&] { return h.inbound.size() == 2; }));
}

TEST_CASE("CnmiStepsDownWhenTheModemRefusesWhatItOffers", "[driver][pty][quirks]") {
  // Cinterion MC75i: bfr 1 only; mode 2 offered but refused (as Huawei/ZTE).
  // Before: every fallback had bfr 0, so no AT+CNMI was accepted at all.
  vmodem::Quirks q;
  q.cnmi_mode2_refused = true;
  vmodem::Options o = WithQuirks(q);
  o.cnmi_test_response = "+CNMI: (0-3),(0,1),(0,2,3),(0,2),(1)";
  Harness h(o);
  h.driver->Start();
  REQUIRE(h.WaitForState(ModemState::kReady));
  CHECK(h.driver->info().cnmi == "1,1,0,2,1");
  h.vm->ReceiveSms("+905551112233", "hello");
  CHECK(h.WaitUntil([&] { return h.inbound.size() == 1; }));
}

TEST_CASE("CmtiInAnotherMemoryIsReadAndDeletedThere", "[driver][pty][quirks]") {
  // Huawei E3531 (gammu#369): +CMTI: "ME",n while the driver reads SM.
  // Before: AT+CMGR=n read the SM slot, found nothing, and the message sat
  // in ME.
  vmodem::Quirks q;
  q.inbound_memory = "ME";
  Harness h(WithQuirks(q));
  h.driver->Start();
  REQUIRE(h.WaitForState(ModemState::kReady));
  h.vm->ReceiveSms("+905551112233", "in the modem's memory");
  REQUIRE(h.WaitUntil([&] { return h.inbound.size() == 1; }));
  CHECK(h.inbound[0].memory == "ME");
  REQUIRE(h.inbound[0].decoded.ok());
  CHECK(h.inbound[0].decoded->text == "in the modem's memory");
  CHECK(h.vm->stored_in_me() == 1);
  ConfirmAll(h);
  CHECK(h.WaitUntil([&] { return h.vm->stored_in_me() == 0; }));
  CHECK(h.CountCommands("AT+CPMS=\"ME\",\"SM\",\"SM\"") >= 1);
  // The next one in ME is read the same way.
  h.vm->ReceiveSms("+905551112233", "again");
  CHECK(h.WaitUntil([&] { return h.inbound.size() == 2; }));
}

TEST_CASE("SimBusyAfterPowerUpIsWaitedOut", "[driver][pty][quirks]") {
  // +CME ERROR: 14 (SIM busy, SIMCom/ZTE/u-blox) or 515 (Wavecom, Quectel)
  // for the first SMS and SIM commands. Before: AT+CPMS fell through to
  // nothing and AT+CIMI left the IMSI empty.
  const int code = GENERATE(14, 515);
  vmodem::Quirks q;
  q.sim_busy_answers = 12;
  q.busy_error = code;
  Harness h(WithQuirks(q));
  h.driver->Start();
  REQUIRE(h.WaitForState(ModemState::kReady));
  CHECK(h.driver->info().imsi == "286010000000001");
  CHECK(h.driver->info().storage == "SM");
  CHECK(h.driver->info().sim_total == 30);
}

TEST_CASE("BootAndStatusUrcsAreNeverTakenForAnswers", "[driver][pty][quirks]") {
  // Before: "SMS DONE" arrived while AT+CGMI was pending and became the
  // manufacturer.
  vmodem::Quirks q;
  q.chatter = {"SMS DONE", "PB DONE",   "+QIND: SMS DONE", "+QUSIM: 1", "*ATREADY: 1", "^SYSSTART",
               "RDY",      "+ZUSIMR:2", "+ZUSIMR:2",       "^RSSI:21",  "^MODE:5,4",   "^BOOT:20952548,0,0,0,72",
               "+WIND: 4", "APP RDY"};
  Harness h(WithQuirks(q));
  h.driver->Start();
  REQUIRE(h.WaitForState(ModemState::kReady));
  const ModemInfo& info = h.driver->info();
  CHECK(info.manufacturer == "tellal");
  CHECK(info.model == "virtual");
  CHECK(info.revision == "tellal-vmodem 1");
  CHECK(info.imei == "356938035643809");
  CHECK(info.imsi == "286010000000001");
  CHECK(info.iccid == "8990010000000000001");
  CHECK(SendsAll(h, Submit(kLongText)));
  h.vm->ReceiveSms("+905551112233", "through the noise");
  CHECK(h.WaitUntil([&] { return h.inbound.size() == 1; }));
}

TEST_CASE("EveryFamilyInitialisesSendsAndReceives", "[driver][pty][families]") {
  auto [profile, family] = GENERATE(table<vmodem::Profile, std::string>({
      {vmodem::Profile::kGeneric, "generic"},
      {vmodem::Profile::kHuawei, "huawei"},
      {vmodem::Profile::kHuaweiE3372, "huawei"},
      {vmodem::Profile::kZteMf190, "zte"},
      {vmodem::Profile::kZteMf626, "zte"},
      {vmodem::Profile::kSimcom, "simcom"},
      {vmodem::Profile::kSimcom7600, "simcom"},
      {vmodem::Profile::kQuectelEc25, "quectel"},
      {vmodem::Profile::kQuectelM35, "quectel"},
      {vmodem::Profile::kWavecomQ2403, "wavecom"},
      {vmodem::Profile::kWavecomFastrack, "wavecom"},
      {vmodem::Profile::kCinterionMc55, "cinterion"},
      {vmodem::Profile::kCinterionBgs2, "cinterion"},
      {vmodem::Profile::kUbloxSara, "u-blox"},
      {vmodem::Profile::kTelitGl865, "telit"},
  }));
  vmodem::Options o;
  o.profile = profile;
  o.pin = "7913";
  Harness h(o, [](ModemConfig& c) { c.pin = "7913"; });
  h.driver->Start();
  INFO(family << " " << static_cast<int>(profile));
  REQUIRE(h.WaitForState(ModemState::kReady, 5s));
  const ModemInfo& info = h.driver->info();
  CHECK(info.family == family);
  CHECK(info.imsi == "286010000000001");
  CHECK(info.iccid == "8990010000000000001");
  CHECK_FALSE(info.cnmi.empty());
  CHECK(info.sim_total > 0);
  CHECK(h.CountCommands("AT+CPIN=\"7913\"") == 1);
  CHECK(SendsAll(h, Submit("single")));
  const std::vector<Segment> parts = Submit(kLongText);
  REQUIRE(parts.size() == 2);
  CHECK(SendsAll(h, parts));
  CHECK(h.vm->submitted().size() == 3);
  h.vm->ReceiveSms("+905551112233", "short");
  h.vm->ReceiveSms("+905551112233", kLongText);
  REQUIRE(h.WaitUntil([&] { return h.inbound.size() == 3; }));
  for (const InboundPdu& pdu : h.inbound) CHECK_FALSE(pdu.undecodable);
  ConfirmAll(h);
  CHECK(h.WaitUntil([&] { return h.vm->stored_messages() == 0 && h.vm->stored_in_me() == 0; }));
  CHECK(h.log_text().find("7913") == std::string::npos);
}

TEST_CASE("NoPinIsEnteredWithFewerThanThreeAttemptsLeft", "[driver][pty][pin]") {
  auto [profile, left] = GENERATE(table<vmodem::Profile, int>({
      {vmodem::Profile::kGeneric, 2},
      {vmodem::Profile::kHuawei, 1},
      {vmodem::Profile::kQuectelEc25, 2},
      {vmodem::Profile::kSimcom, 1},
  }));
  vmodem::Options o;
  o.profile = profile;
  o.pin = "7913";
  o.pin_attempts_left = left;
  Harness h(o, [](ModemConfig& c) { c.pin = "7913"; });
  h.driver->Start();
  REQUIRE(h.WaitForState(ModemState::kSimLocked));
  CHECK(h.driver->info().lock_reason == "only " + std::to_string(left) + " PIN attempts left");
  CHECK(h.CountCommands("AT+CPIN=\"7913\"") == 0);
  CHECK(ToString(h.driver->state()) == "sim-locked");
}

TEST_CASE("ARefusedPinIsRecordedInTheGuardUnderTheIccid", "[driver][pty][pin]") {
  auto guard = std::make_shared<InMemoryPinGuard>();
  vmodem::Options o;
  o.pin = "1234";
  o.profile = vmodem::Profile::kHuawei;  // swapped ^ICCID: the key is still the printed ICCID
  Harness h(o, [guard](ModemConfig& c) {
    c.pin = "4321";
    c.pin_guard = guard;
  });
  h.driver->Start();
  REQUIRE(h.WaitForState(ModemState::kSimLocked));
  CHECK(h.driver->info().lock_reason == "PIN refused");
  const SimKey sim = MakeSimKey("8990010000000000001", "", "");
  CHECK_FALSE(guard->RefusalReason(sim, PinFingerprint(sim, "4321")).empty());
  const std::string log = h.log_text();
  CHECK(log.find("4321") == std::string::npos);
  // One line says why.
  CHECK(log.find("SIM locked: PIN refused") != std::string::npos);
}

TEST_CASE("UndecodablePdusFloodingAFullSimAreAllDeliveredAndTheNextMessageToo", "[driver][pty][inbound]") {
  vmodem::Options o;
  o.sim_capacity = 30;
  o.profile = vmodem::Profile::kHuawei;  // ^SMMEMFULL when it fills
  Harness h(o);
  h.driver->Start();
  REQUIRE(h.WaitForState(ModemState::kReady));
  // Truncated SMS-DELIVERs: the address is cut short, nothing decodes them.
  for (int i = 0; i < 40; ++i) {
    char octet[3];
    std::snprintf(octet, sizeof octet, "%02X", i);
    h.vm->DeliverPdu(std::string("00040B91") + octet);
  }
  CHECK(h.vm->stored_messages() == 30);
  CHECK(h.vm->waiting_at_network() == 10);
  h.vm->ReceiveSms("+905551112233", "after the flood");
  auto normal_arrived = [&] {
    ConfirmAll(h);
    return std::any_of(h.inbound.begin(), h.inbound.end(), [](const InboundPdu& p) { return !p.undecodable; });
  };
  REQUIRE(h.WaitUntil(normal_arrived, 10s));
  const auto undecodable = std::count_if(h.inbound.begin(), h.inbound.end(), [](const InboundPdu& p) {
    return p.undecodable && !p.reason.empty() && !p.pdu_hex.empty();
  });
  CHECK(undecodable == 40);
  CHECK(h.WaitUntil([&] {
    ConfirmAll(h);
    return h.vm->stored_messages() == 0;
  }));
  CHECK(h.vm->waiting_at_network() == 0);
  const std::string log = h.log_text();
  CHECK(log.find("full") != std::string::npos);
}

}  // namespace
}  // namespace tellal::modem

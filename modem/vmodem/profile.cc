#include "modem/vmodem/profile.h"

#include <algorithm>
#include <map>
#include <utility>

#include "modem/text/enum_names.h"

namespace tellal::vmodem {
namespace {

// What +CGMI, +CGMM, +CGMR, AT+CNMI=? and the access technology in +COPS?
// answer; every other trait at its default.
ProfileTraits Identity(std::string manufacturer, std::string model, std::string revision, std::string cnmi_test,
                       std::string cops_act = ",2") {
  ProfileTraits t;
  t.manufacturer = std::move(manufacturer);
  t.model = std::move(model);
  t.revision = std::move(revision);
  t.cnmi_test = std::move(cnmi_test);
  t.cops_act = std::move(cops_act);
  return t;
}

// Each family as public transcripts show it (/work/notes/modem_families.md,
// which names the source of every quirk).
ProfileTraits Generic() {
  return Identity("tellal", "virtual", "tellal-vmodem 1", "+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)");
}

// Huawei E173: no +CCID (^ICCID? instead, nibble-swapped, MM
// mm-sim-huawei.c), ^CURC gates the periodic reports, ^CPIN? for counters.
ProfileTraits HuaweiE173() {
  ProfileTraits t = Identity("huawei", "E173", "11.126.85.00.209", "+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)");
  t.supports_curc = true;
  t.periodic_noise = true;
  t.quirks.iccid_command = "^ICCID";
  t.quirks.iccid_prefix = "^ICCID: ";
  t.quirks.iccid_swapped = true;
  t.quirks.pin_counter = "^CPIN";
  t.quirks.memory_full_urc = "^SMMEMFULL: \"SM\"";
  return t;
}

// Huawei E3372 (stick mode): COMMAND NOT SUPPORT (gammu#126), three CPMS
// pairs for any set (gammu#45), +CMTI into ME (gammu#369), mode 2 refused
// (oFono sms.c "MSM devices advertise support for mode 2...").
ProfileTraits HuaweiE3372() {
  ProfileTraits t = HuaweiE173();
  t.model = "E3372";
  t.revision = "22.315.01.00.00";
  t.quirks.unknown_command = "COMMAND NOT SUPPORT";
  t.quirks.inbound_memory = "ME";
  t.quirks.cnmi_mode2_refused = true;
  t.quirks.chatter = {"^RSSI:21", "^MODE:5,4", "^SRVST:2", "^BOOT:20952548,0,0,0,72"};
  return t;
}

// ZTE MF190: +ZUSIMR:2 repeated until AT+CPMS? (MM zte plugin), CME 14 for
// seconds after the SIM is up (oFono sim.c; ZTE M6280 ~10 s).
ProfileTraits ZteMf190() {
  ProfileTraits t = Identity("ZTE INCORPORATED", "MF190", "BD_MF190V1.0.0B06", "+CNMI: (0-3),(0-3),(0-3),(0-2),(0-1)");
  t.quirks.chatter = {"+ZUSIMR:2", "+ZUSIMR:2", "+ZPASR: \"UMTS\""};
  t.quirks.sim_busy_answers = 3;
  t.quirks.cnmi_mode2_refused = true;
  return t;
}

// ZTE MF626: +ZDONR/+ZPASR chatter, three pairs to CPMS (gammu), here a bare
// OK to the set command as some firmwares give.
ProfileTraits ZteMf626() {
  ProfileTraits t = Identity("ZTE CORPORATION", "MF626", "BD_P673A2V1.0.0B09", "+CNMI: (0-3),(0-3),(0-3),(0-2),(0-1)");
  t.quirks.chatter = {"+ZDONR: \"Turkcell\",286,1,\"CS_PS\",\"ROAM_OFF\"", "+ZPASR: \"GPRS\""};
  t.quirks.cpms_set_pairs = 0;
  return t;
}

// SIMCom SIM800L: SIM800 manual boot URCs, ds=2 refused (pgm#60), AT+SPIC.
ProfileTraits Sim800() {
  ProfileTraits t =
      Identity("SIMCOM_Ltd", "SIMCOM_SIM800L", "Revision:1418B04SIM800L24", "+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)", "");
  t.boot_banner = true;
  t.quirks.pin_counter = "+SPIC";
  t.quirks.prompt = "\r\n>";
  return t;
}

// SIMCom SIM7600: "RDY", "SMS DONE", "PB DONE" (T-SIM7600X#41), SIM busy
// after power loss (T-SIM7600X#29), prompt "> ".
ProfileTraits Sim7600() {
  ProfileTraits t =
      Identity("SIMCOM INCORPORATED", "SIMCOM_SIM7600E-H", "LE11B12SIM7600M22", "+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)");
  t.quirks.boot_lines = {"RDY", "+CPIN: READY", "SMS DONE", "PB DONE"};
  t.quirks.chatter = {"*ATREADY: 1", "SMS DONE", "PB DONE"};
  t.quirks.sim_busy_answers = 2;
  t.quirks.pin_counter = "+SPIC";
  t.quirks.cnmi_mode2_refused = true;
  return t;
}

// Quectel EC25: RDY, +QUSIM: 1, +QIND: SMS DONE glued to answers (EG25-G
// log), +QCCID, +QPINC, mode 2 refused (oFono).
ProfileTraits QuectelEc25() {
  ProfileTraits t = Identity("Quectel", "EC25", "EC25EFAR06A06M4G", "+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)", ",7");
  t.quirks.boot_lines = {"RDY", "+CFUN: 1", "+CPIN: READY", "+QUSIM: 1", "+QIND: SMS DONE", "+QIND: PB DONE"};
  t.quirks.chatter = {"+QUSIM: 1", "+QIND: SMS DONE", "+QIND: PB DONE", "APP RDY"};
  t.quirks.iccid_command = "+QCCID";
  t.quirks.iccid_prefix = "+QCCID: ";
  t.quirks.pin_counter = "+QPINC";
  t.quirks.cnmi_mode2_refused = true;
  return t;
}

// Quectel M35/M26: quoted "+CCID:" (warthog618/modem#17), CME 515 right
// after power-up, prompt on a line of its own.
ProfileTraits QuectelM35() {
  ProfileTraits t = Identity("Quectel_Ltd", "Quectel_M35", "M35FAR02A03", "+CNMI: (0-3),(0-3),(0,2,3),(0-2),(0,1)", "");
  t.quirks.iccid_prefix = "+CCID: ";
  t.quirks.iccid_quoted = true;
  t.quirks.prompt = "\r\n>\r\n";
  t.quirks.sim_busy_answers = 2;
  t.quirks.busy_error = 515;
  t.quirks.pin_counter = "";
  return t;
}

// Wavecom Q2403A: +CPIN without OK, CPMS two memories and two pairs
// (python-gsmmodem fakemodems), leading spaces in identity, +WIND URCs.
ProfileTraits WavecomQ2403() {
  ProfileTraits t = Identity(" WAVECOM MODEM", " MULTIBAND  900E  1800 ", "641b09gg.Q2403A 1320676 061804 14:38",
                             "+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)", "");
  t.quirks.cpin_without_ok = true;
  t.quirks.cpms_max_memories = 2;
  t.quirks.cpms_set_pairs = 2;
  t.quirks.iccid_command = "";
  t.quirks.pin_counter = "";
  t.quirks.chatter = {"+WIND: 4", "+WIND: 10"};
  return t;
}

// Wavecom Fastrack M1306B: as the Q2403A, and +CME ERROR: 515 while it
// recovers from power-up (python-gsmmodem fakemodems).
ProfileTraits WavecomFastrack() {
  ProfileTraits t = WavecomQ2403();
  t.manufacturer = " WAVECOM MODEM  ";
  t.revision = "430e09gm.3 1207928 020102 14:41";
  t.quirks.sim_busy_answers = 2;
  t.quirks.busy_error = 515;
  t.quirks.chatter = {"+WIND: 4"};
  return t;
}

// Cinterion MC55: ^SYSSTART with no leading CRLF (vgsm), CNMI bfr 1 only
// and mode 2 refused (MC75i gammu#1207), CPMS exactly three memories.
ProfileTraits CinterionMc55() {
  ProfileTraits t = Identity("Cinterion", "MC55", "REVISION 03.02", "+CNMI: (0-3),(0,1),(0,2,3),(0,2),(1)", "");
  t.quirks.boot_lines = {"^SYSSTART"};
  t.quirks.boot_without_crlf = true;
  t.quirks.cpms_exactly_three = true;
  t.quirks.cnmi_mode2_refused = true;
  t.quirks.iccid_command = "";
  return t;
}

// Cinterion BGS2: ^SYSSTART, ^SIND indicators, ds 0 only (PHS8-like).
ProfileTraits CinterionBgs2() {
  ProfileTraits t = Identity("Cinterion", "BGS2-W", "REVISION 01.301", "+CNMI: (0,1,2),(0,1),(0,2),(0),(1)", "");
  t.quirks.boot_lines = {"^SYSSTART"};
  t.quirks.chatter = {"^SIND: simstatus,5", "+CIEV: service,1"};
  t.quirks.iccid_command = "";
  return t;
}

// u-blox SARA: "+CCID: " prefixed (MKRNB#5), SIM busy at power-up
// (ubxlib#287), +CPINR.
ProfileTraits UbloxSara() {
  ProfileTraits t = Identity("u-blox", "SARA-U201", "23.60", "+CNMI: (0-2),(0-3),(0-2),(0-2),(0,1)");
  t.quirks.iccid_prefix = "+CCID: ";
  t.quirks.sim_busy_answers = 2;
  t.quirks.boot_lines = {"+AT: READY"};
  return t;
}

// Telit GL865: #QSS chatter (oFono he910.c), no +CCID here (#CCID only),
// +CPINR with unquoted names.
ProfileTraits TelitGl865() {
  ProfileTraits t = Identity("Telit", "GL865-QUAD", "10.01.154", "+CNMI: (0-3),(0-3),(0,2),(0-2),(0,1)", "");
  t.quirks.chatter = {"#QSS: 3", "#QSS: 2"};
  t.quirks.iccid_command = "";
  return t;
}

struct Family {
  Profile value;
  std::string_view name;  // for --profile
  ProfileTraits (*traits)();
};

constexpr Family kFamilies[] = {
    {Profile::kGeneric, "generic", Generic},
    {Profile::kHuawei, "huawei", HuaweiE173},
    {Profile::kSimcom, "simcom", Sim800},
    {Profile::kHuaweiE3372, "huawei-e3372", HuaweiE3372},
    {Profile::kZteMf190, "zte-mf190", ZteMf190},
    {Profile::kZteMf626, "zte-mf626", ZteMf626},
    {Profile::kSimcom7600, "simcom-7600", Sim7600},
    {Profile::kQuectelEc25, "quectel-ec25", QuectelEc25},
    {Profile::kQuectelM35, "quectel-m35", QuectelM35},
    {Profile::kWavecomQ2403, "wavecom-q2403", WavecomQ2403},
    {Profile::kWavecomFastrack, "wavecom-fastrack", WavecomFastrack},
    {Profile::kCinterionMc55, "cinterion-mc55", CinterionMc55},
    {Profile::kCinterionBgs2, "cinterion-bgs2", CinterionBgs2},
    {Profile::kUbloxSara, "ublox-sara", UbloxSara},
    {Profile::kTelitGl865, "telit-gl865", TelitGl865},
};

}  // namespace

std::string_view ProfileName(Profile profile) { return text::NameOf(kFamilies, profile); }

std::optional<Profile> ProfileFromName(std::string_view name) { return text::EnumFromName(kFamilies, name); }

std::vector<std::string> ProfileNames() {
  std::vector<std::string> names;
  for (const Family& family : kFamilies) names.emplace_back(family.name);
  return names;
}

const ProfileTraits& TraitsFor(Profile profile) {
  // Built once, on first use: the traits hold strings and vectors.
  static const std::map<Profile, ProfileTraits> kTraits = [] {
    std::map<Profile, ProfileTraits> traits;
    for (const Family& family : kFamilies) traits.emplace(family.value, family.traits());
    return traits;
  }();
  const auto it = kTraits.find(profile);
  return it == kTraits.end() ? kTraits.at(Profile::kGeneric) : it->second;
}

std::vector<std::string> BootUrcs(Profile profile, bool pin_required) {
  const ProfileTraits& traits = TraitsFor(profile);
  if (!traits.quirks.boot_lines.empty()) {
    if (!pin_required) return traits.quirks.boot_lines;
    // Up to the SIM state; the rest comes once the PIN is in.
    std::vector<std::string> out;
    for (const std::string& line : traits.quirks.boot_lines) {
      if (line.starts_with("+CPIN:")) {
        out.push_back("+CPIN: SIM PIN");
        break;
      }
      out.push_back(line);
    }
    return out;
  }
  if (!traits.boot_banner) return {};
  // SIM800 manual §"Unsolicited result codes": RDY at a fixed baud rate,
  // then the SIM state; Call Ready / SMS Ready only once the SIM is usable.
  if (pin_required) return {"RDY", "+CFUN: 1", "+CPIN: SIM PIN"};
  return {"RDY", "+CFUN: 1", "+CPIN: READY", "Call Ready", "SMS Ready"};
}

std::vector<std::string> PinAcceptedUrcs(Profile profile) {
  const ProfileTraits& traits = TraitsFor(profile);
  if (!traits.quirks.boot_lines.empty()) {
    std::vector<std::string> out;
    bool after_cpin = false;
    for (const std::string& line : traits.quirks.boot_lines) {
      if (line.starts_with("+CPIN:")) after_cpin = true;
      if (after_cpin) out.push_back(line);
    }
    return out;
  }
  if (!traits.boot_banner) return {};
  return {"+CPIN: READY", "Call Ready", "SMS Ready"};
}

std::string NoiseUrc(int rssi, std::mt19937& rng) {
  // Huawei reports without a space after the colon. ^MODE:5,4 is WCDMA /
  // HSDPA, ^SRVST:2 "valid service".
  switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
    case 0:
      return "^MODE:5,4";
    case 1:
      return "^SRVST:2";
    case 2:
      return "^BOOT:20952548,0,0,0,72";
    default: {
      const int jitter = std::uniform_int_distribution<int>(-2, 2)(rng);
      return "^RSSI:" + std::to_string(std::clamp(rssi + jitter, 0, 31));
    }
  }
}

}  // namespace tellal::vmodem

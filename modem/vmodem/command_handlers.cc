// The AT commands a VirtualModem answers (TS 27.007, TS 27.005 PDU mode,
// V.250 basics), and AT+CMGS from prompt to +CMGS: <mr>.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "modem/at/at_replies.h"
#include "modem/at/cms_cme_errors.h"
#include "modem/pdu/hex.h"
#include "modem/vmodem/virtual_modem_impl.h"

namespace tellal::vmodem {
namespace {

enum class Form { kExec, kRead, kTest, kSet };

struct Command {
  std::string name;  // upper case: "E0", "+CMGS", "^CURC"
  Form form = Form::kExec;
  std::vector<std::string> args;  // unquoted
};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> SplitArgs(std::string_view text) {
  std::vector<std::string> args(1);
  bool quoted = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      args.emplace_back();
    } else if (quoted || c != ' ') {
      args.back().push_back(c);
    }
  }
  return args;
}

// `body` is the line after "AT".
Command ParseCommand(std::string_view body) {
  Command cmd;
  if (body.empty() || (body[0] != '+' && body[0] != '^')) {
    cmd.name = Upper(std::string(body));
    return cmd;
  }
  const std::size_t end = body.find_first_of("=?");
  cmd.name = Upper(std::string(body.substr(0, end)));
  if (end == std::string_view::npos) return cmd;
  const std::string_view rest = body.substr(end);
  if (rest == "?") {
    cmd.form = Form::kRead;
  } else if (rest == "=?") {
    cmd.form = Form::kTest;
  } else if (rest[0] == '=') {
    cmd.form = Form::kSet;
    cmd.args = SplitArgs(rest.substr(1));
  } else {
    cmd.name += std::string(rest);  // malformed: falls through to ERROR
  }
  return cmd;
}

std::optional<int> ToInt(std::string_view s) {
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<int> IntArg(const Command& cmd, std::size_t i, int lo, int hi) {
  if (i >= cmd.args.size()) return std::nullopt;
  const std::optional<int> v = ToInt(cmd.args[i]);
  if (!v || *v < lo || *v > hi) return std::nullopt;
  return v;
}

bool NeedsSim(const std::string& name) {
  // The ICCID commands are missing on purpose: EF_ICCID is readable before
  // the PIN (TS 31.102 §4.2.2 "access condition: ALW").
  static const char* const kNames[] = {"+CMGS", "+CMGR", "+CMGL", "+CMGD", "+CIMI", "+CPMS", "+CSCA"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

constexpr int kCmsInvalidPdu = 304;  // TS 27.005 §3.2.5 "invalid PDU mode parameter"
constexpr int kCmsNotAllowed = 302;  // "operation not allowed"
constexpr int kCmsNotSupported = 303;
constexpr int kCmsBadIndex = 321;   // "invalid memory index"
constexpr int kCmsNoNetwork = 331;  // "no network service"
constexpr int kCmeNotAllowed = 3;   // TS 27.007 §9.2.1
constexpr int kCmeSimPin = 11;
constexpr int kCmeSimPuk = 12;
constexpr int kCmeWrongPassword = 16;
constexpr int kMaxPinAttempts = 3;
constexpr int kPukAttempts = 10;

// The ICCID as EF_ICCID holds it: padded to 20 digits with 'F', each pair of
// digits swapped (TS 31.102 §4.2.2).
std::string SwappedIccid(std::string iccid) {
  while (iccid.size() < 20) iccid.push_back('F');
  for (std::size_t i = 0; i + 1 < iccid.size(); i += 2) std::swap(iccid[i], iccid[i + 1]);
  return iccid;
}

bool Offered(const std::set<int>& offered, int value) { return offered.empty() || offered.count(value) != 0; }

}  // namespace

void VirtualModem::Impl::ResetSettings() {
  echo_ = options_.echo_at_power_up;
  cmee_ = 0;
  cmgf_ = 0;
  creg_n_ = 0;
  cgreg_n_ = 0;
  cops_format_ = 0;
  cmms_ = 0;
  cnmi_ = CnmiSetting{};
  smsc_ = options_.smsc;
}

void VirtualModem::Impl::Pump() {
  while (master_ && !hung_ && !(send_ && send_->awaiting_network)) {
    std::optional<HostInput> input = parser_.Next();
    if (!input) return;
    if (input->kind == HostInput::Kind::kCommandLine) {
      HandleLine(*input);
    } else {
      HandlePayload(*input);
    }
  }
}

std::string VirtualModem::Impl::ErrorLine(bool cms, int code) const {
  if (cmee_ == 0) return "ERROR";
  std::string line = cms ? "+CMS ERROR: " : "+CME ERROR: ";
  if (cmee_ == 2) {
    const at::ErrorDescription d = cms ? at::DescribeCmsError(code) : at::DescribeCmeError(code);
    if (d.known) return line + d.meaning;
  }
  return line + std::to_string(code);
}

void VirtualModem::Impl::Send(const Response& r) {
  // A Huawei stick prints its status reports whenever they happen, also
  // between the lines of an answer; a host must not take them for the answer.
  auto maybe_noise = [this](std::string& out) {
    if (!noise_enabled_ || !traits_.periodic_noise) return;
    if (std::uniform_real_distribution<double>(0, 1)(rng_) >= options_.noise_in_response_rate) return;
    out += "\r\n" + NoiseUrc(options_.rssi, rng_) + "\r\n";
  };
  std::string out;
  // A family's status URCs turn up right before answers (Quectel "+QIND: SMS
  // DONE" glued to an OK, ZTE "+ZUSIMR:2" until AT+CPMS?).
  if (!quirks_.chatter.empty()) {
    out += "\r\n" + quirks_.chatter[chatter_next_++ % quirks_.chatter.size()] + "\r\n";
  }
  for (std::size_t i = 0; i < r.blocks.size(); ++i) {
    if (i > 0) maybe_noise(out);
    out += "\r\n";
    for (std::size_t j = 0; j < r.blocks[i].size(); ++j) {
      if (j > 0) out += "\r\n";
      out += r.blocks[i][j];
    }
    out += "\r\n";
  }
  if (!r.blocks.empty()) maybe_noise(out);
  if (!r.final_line.empty()) out += "\r\n" + r.final_line + "\r\n";
  Emit(std::move(out));
}

void VirtualModem::Impl::HandleLine(const HostInput& input) {
  commands_.push_back(input.text);
  if (echo_) Emit(input.echo);
  const std::string& line = input.text;
  Response r;
  if (line.size() < 2 || std::toupper(static_cast<unsigned char>(line[0])) != 'A' ||
      std::toupper(static_cast<unsigned char>(line[1])) != 'T') {
    r.final_line = "ERROR";
  } else {
    const bool prompted = Execute(line.substr(2), r);
    if (prompted) return;
  }
  Send(r);
  if (r.final_line == "OK" && sim_state_ == SimState::kReady && pin_just_accepted_) {
    pin_just_accepted_ = false;
    for (const std::string& urc : PinAcceptedUrcs(options_.profile)) EmitUrc(urc);
    if (network_registered_ && creg_n_ > 0) EmitUrc(CregStatus(creg_n_, true));
  }
}

bool VirtualModem::Impl::Execute(const std::string& body, Response& r) {
  const Command cmd = ParseCommand(body);
  const std::string& n = cmd.name;
  const Form f = cmd.form;
  auto error = [&r] { r.final_line = "ERROR"; };

  if (NeedsSim(n) && sim_state_ != SimState::kReady) {
    r.final_line = CmeError(sim_state_ == SimState::kPinRequired ? kCmeSimPin : kCmeSimPuk);
    return false;
  }
  if (NeedsSim(n) && sim_state_ == SimState::kReady && busy_left_ > 0) {
    --busy_left_;
    r.final_line = CmeError(quirks_.busy_error);
    return false;
  }

  // V.250 basic commands.
  if (n.empty() || n == "V" || n == "V1" || n == "Q0") return false;
  if (n == "E0" || n == "E1" || n == "E") {
    echo_ = n == "E1";
    return false;
  }
  if (n == "Z" || n == "Z0" || n == "&F" || n == "&F0") {
    ResetSettings();
    return false;
  }
  if (n == "I" || n == "I0") {
    r.line(options_.manufacturer.empty() ? traits_.manufacturer : options_.manufacturer);
    r.line(options_.model.empty() ? traits_.model : options_.model);
    r.line(traits_.revision);
    return false;
  }

  // Identity.
  if ((n == "+CGMI" || n == "+GMI") && f == Form::kExec) {
    r.line(options_.manufacturer.empty() ? traits_.manufacturer : options_.manufacturer);
  } else if ((n == "+CGMM" || n == "+GMM") && f == Form::kExec) {
    r.line(options_.model.empty() ? traits_.model : options_.model);
  } else if ((n == "+CGMR" || n == "+GMR") && f == Form::kExec) {
    r.line(traits_.revision);
  } else if ((n == "+CGSN" || n == "+GSN") && f == Form::kExec) {
    r.line(options_.imei);
  } else if (n == "+CIMI" && f == Form::kExec) {
    r.line(options_.imsi);
  } else if (!quirks_.iccid_command.empty() && n == quirks_.iccid_command &&
             f == (n == "^ICCID" ? Form::kRead : Form::kExec)) {
    std::string iccid = quirks_.iccid_swapped ? SwappedIccid(options_.iccid) : options_.iccid;
    if (quirks_.iccid_quoted) iccid = "\"" + iccid + "\"";
    r.line(quirks_.iccid_prefix + iccid);
  } else if (n == "+CRSM" && f == Form::kSet && cmd.args.size() >= 2 && cmd.args[0] == "176" &&
             cmd.args[1] == "12258") {
    r.line("+CRSM: 144,0," + SwappedIccid(options_.iccid));
  } else if (!quirks_.pin_counter.empty() && n == quirks_.pin_counter &&
             f == (n == "^CPIN"   ? Form::kRead
                   : n == "+SPIC" ? Form::kExec
                                  : Form::kSet)) {
    const int pin_left = kMaxPinAttempts - wrong_pins_;
    const std::string pin = std::to_string(pin_left);
    const std::string puk = std::to_string(kPukAttempts);
    if (n == "+CPINR") {
      r.line("+CPINR: SIM PIN," + pin + ",3");
    } else if (n == "^CPIN") {
      const std::string code = sim_state_ == SimState::kReady         ? "READY"
                               : sim_state_ == SimState::kPinRequired ? "SIM PIN"
                                                                      : "SIM PUK";
      const std::string times = sim_state_ == SimState::kReady ? "" : sim_state_ == SimState::kPinRequired ? pin : puk;
      r.line("^CPIN: " + code + "," + times + "," + puk + "," + pin + ",10,3");
    } else if (n == "+QPINC") {
      r.line("+QPINC: \"SC\"," + pin + "," + puk);
    } else {
      r.line("+SPIC: " + pin + "," + puk + ",3,10");
    }

    // Error reporting and the SIM.
  } else if (n == "+CMEE" && f == Form::kSet) {
    const auto v = IntArg(cmd, 0, 0, 2);
    if (!v) return error(), false;
    cmee_ = *v;
  } else if (n == "+CMEE" && f == Form::kRead) {
    r.line("+CMEE: " + std::to_string(cmee_));
  } else if (n == "+CPIN" && f == Form::kRead) {
    r.line(sim_state_ == SimState::kReady         ? "+CPIN: READY"
           : sim_state_ == SimState::kPinRequired ? "+CPIN: SIM PIN"
                                                  : "+CPIN: SIM PUK");
    if (quirks_.cpin_without_ok) r.final_line.clear();
  } else if (n == "+CPIN" && f == Form::kSet) {
    if (sim_state_ == SimState::kPukRequired) {
      r.final_line = CmeError(kCmeSimPuk);
    } else if (sim_state_ == SimState::kReady) {
      r.final_line = CmeError(kCmeNotAllowed);
    } else if (cmd.args[0] == options_.pin) {
      sim_state_ = SimState::kReady;
      wrong_pins_ = 0;
      pin_just_accepted_ = true;
      busy_left_ = quirks_.sim_busy_answers;
    } else {
      // The SIM counts wrong PINs itself and blocks after three (TS 31.102).
      if (++wrong_pins_ >= kMaxPinAttempts) sim_state_ = SimState::kPukRequired;
      r.final_line = CmeError(kCmeWrongPassword);
    }
  } else if (n == "+CFUN" && f == Form::kRead) {
    r.line("+CFUN: 1");
  } else if (n == "+CFUN" && f == Form::kSet && IntArg(cmd, 0, 1, 1)) {
    // Already at full functionality.

    // Network.
  } else if ((n == "+CREG" || n == "+CGREG") && f == Form::kSet) {
    const auto v = IntArg(cmd, 0, 0, 2);
    if (!v) return error(), false;
    (n == "+CREG" ? creg_n_ : cgreg_n_) = *v;
  } else if (n == "+CREG" && f == Form::kRead) {
    r.line(CregStatus(creg_n_, false));
  } else if (n == "+CGREG" && f == Form::kRead) {
    r.line("+CGREG: " + std::to_string(cgreg_n_) + "," + (Registered() ? "1" : "0"));
  } else if ((n == "+CREG" || n == "+CGREG") && f == Form::kTest) {
    r.line(n + ": (0-2)");
  } else if (n == "+COPS" && f == Form::kRead) {
    if (!Registered()) {
      r.line("+COPS: 0");
    } else {
      const std::string& name = cops_format_ == 2 ? options_.operator_numeric : options_.operator_name;
      r.line("+COPS: 0," + std::to_string(cops_format_) + ",\"" + name + "\"" + traits_.cops_act);
    }
  } else if (n == "+COPS" && f == Form::kSet) {
    const auto mode = IntArg(cmd, 0, 0, 4);
    if (!mode) return error(), false;
    if (cmd.args.size() > 1) {
      const auto format = IntArg(cmd, 1, 0, 2);
      if (!format) return error(), false;
      cops_format_ = *format;
    }
  } else if (n == "+COPS" && f == Form::kTest) {
    r.line("+COPS: (2,\"" + options_.operator_name + "\",\"" + options_.operator_name + "\",\"" +
           options_.operator_numeric + "\"" + traits_.cops_act + "),,(0-4),(0-2)");
  } else if (n == "+CSQ" && f == Form::kExec) {
    r.line("+CSQ: " + std::to_string(options_.rssi) + ",99");
  } else if (n == "^CURC" && traits_.supports_curc && f == Form::kSet) {
    const auto v = IntArg(cmd, 0, 0, 1);
    if (!v) return error(), false;
    noise_enabled_ = *v == 1 && options_.urc_noise;
    if (noise_enabled_) {
      ArmNoise();
    } else {
      noise_timer_.cancel();
    }
  } else if (n == "^CURC" && traits_.supports_curc && f == Form::kRead) {
    r.line(std::string("^CURC: ") + (noise_enabled_ ? "1" : "0"));

    // Messaging configuration (TS 27.005 §3.1-3.4).
  } else if (n == "+CMGF" && f == Form::kSet) {
    const auto v = IntArg(cmd, 0, 0, 1);
    if (!v) return error(), false;
    cmgf_ = *v;
  } else if (n == "+CMGF" && f == Form::kRead) {
    r.line("+CMGF: " + std::to_string(cmgf_));
  } else if (n == "+CMGF" && f == Form::kTest) {
    r.line("+CMGF: (0,1)");
  } else if (n == "+CSMS" && f == Form::kRead) {
    r.line("+CSMS: 0,1,1,1");
  } else if (n == "+CSMS" && f == Form::kSet && IntArg(cmd, 0, 0, 1)) {
    r.line("+CSMS: 1,1,1");
  } else if (n == "+CPMS" && f == Form::kRead) {
    auto pair = [this](const std::string& mem) {
      SimStorage& store = Storage(mem);
      return "\"" + mem + "\"," + std::to_string(store.size()) + "," + std::to_string(store.capacity());
    };
    r.line("+CPMS: " + pair(mem1_) + "," + pair("SM") + "," + pair("SM"));
  } else if (n == "+CPMS" && f == Form::kSet) {
    const int count = static_cast<int>(cmd.args.size());
    if (count > quirks_.cpms_max_memories || (quirks_.cpms_exactly_three && count != 3)) return error(), false;
    for (const std::string& mem : cmd.args) {
      const std::string m = Upper(mem);
      if (m != "SM" && m != "ME") {
        r.final_line = CmsError(kCmsNotAllowed);
        return false;
      }
    }
    mem1_ = Upper(cmd.args[0]);
    std::string pairs;
    for (int i = 0; i < quirks_.cpms_set_pairs; ++i) {
      const std::string mem = i < count ? Upper(cmd.args[static_cast<std::size_t>(i)]) : "SM";
      SimStorage& store = Storage(mem);
      if (!pairs.empty()) pairs += ",";
      pairs += std::to_string(store.size()) + "," + std::to_string(store.capacity());
    }
    if (!pairs.empty()) r.line("+CPMS: " + pairs);
  } else if (n == "+CPMS" && f == Form::kTest) {
    r.line("+CPMS: (\"SM\",\"ME\"),(\"SM\",\"ME\"),(\"SM\",\"ME\")");
  } else if (n == "+CNMI" && f == Form::kTest) {
    r.line(options_.cnmi_test_response.empty() ? traits_.cnmi_test : options_.cnmi_test_response);
  } else if (n == "+CNMI" && f == Form::kRead) {
    r.line("+CNMI: " + std::to_string(cnmi_.mode) + "," + std::to_string(cnmi_.mt) + "," + std::to_string(cnmi_.bm) +
           "," + std::to_string(cnmi_.ds) + "," + std::to_string(cnmi_.bfr));
  } else if (n == "+CNMI" && f == Form::kSet) {
    CnmiSetting s = cnmi_;
    int* fields[] = {&s.mode, &s.mt, &s.bm, &s.ds, &s.bfr};
    const int hi[] = {3, 3, 2, 2, 1};
    // Only what AT+CNMI=? offers is taken (SIM800 refuses ds=2).
    const Result<at::CnmiSupport> offered =
        at::ParseCnmiTest(options_.cnmi_test_response.empty() ? traits_.cnmi_test : options_.cnmi_test_response);
    const std::set<int>* groups[] = {&offered->mode, &offered->mt, &offered->bm, &offered->ds, &offered->bfr};
    if (cmd.args.size() > 5 || !offered.ok()) return error(), false;
    for (std::size_t i = 0; i < cmd.args.size(); ++i) {
      if (cmd.args[i].empty()) continue;  // omitted: unchanged
      const auto v = IntArg(cmd, i, 0, hi[i]);
      if (!v || !Offered(*groups[i], *v)) {
        r.final_line = CmsError(kCmsNotSupported);
        return false;
      }
      *fields[i] = *v;
    }
    if (s.mode == 2 && quirks_.cnmi_mode2_refused) {
      r.final_line = CmsError(kCmsNotSupported);
      return false;
    }
    cnmi_ = s;
  } else if (n == "+CSCA" && f == Form::kRead) {
    r.line("+CSCA: \"" + smsc_ + "\"," + (smsc_.starts_with('+') ? "145" : "129"));
  } else if (n == "+CSCA" && f == Form::kSet) {
    smsc_ = cmd.args[0];
  } else if (n == "+CMMS" && options_.supports_cmms && f == Form::kSet) {
    const auto v = IntArg(cmd, 0, 0, 2);
    if (!v) return error(), false;
    cmms_ = *v;
  } else if (n == "+CMMS" && options_.supports_cmms && f == Form::kRead) {
    r.line("+CMMS: " + std::to_string(cmms_));
  } else if (n == "+CNMA" && f == Form::kExec) {
    // Acknowledges a +CMT / +CDS; nothing is waiting for it here.

    // Messages.
  } else if (n == "+CMGS" && f == Form::kSet) {
    if (cmgf_ != 0) {
      r.final_line = CmsError(kCmsNotAllowed);  // text mode sending is not modelled
      return false;
    }
    // 164 = TP-DA 12 + TP-UD 140 + the other SMS-SUBMIT fields at most.
    const auto length = IntArg(cmd, 0, 1, 164);
    if (!length) {
      r.final_line = CmsError(kCmsInvalidPdu);
      return false;
    }
    send_ = PendingSend{};
    send_->id = next_send_id_++;
    send_->length = static_cast<std::size_t>(*length);
    send_->started = std::chrono::steady_clock::now();
    Emit(quirks_.prompt);
    parser_.ExpectPayload();
    return true;
  } else if (n == "+CMGR" && f == Form::kSet) {
    if (cmgf_ != 0) return r.final_line = CmsError(kCmsNotAllowed), false;
    SimStorage& store = Storage(mem1_);
    const auto index = IntArg(cmd, 0, 1, store.capacity());
    if (!index) return r.final_line = CmsError(kCmsBadIndex), false;
    // An empty slot answers a bare OK (as SIMCom and Huawei firmwares do).
    if (const std::optional<StoredSms> sms = store.Read(*index)) {
      r.blocks.push_back(
          {"+CMGR: " + std::to_string(static_cast<int>(sms->stat)) + ",," + std::to_string(sms->length), sms->pdu_hex});
    }
  } else if (n == "+CMGL" && (f == Form::kExec || f == Form::kSet)) {
    if (cmgf_ != 0) return r.final_line = CmsError(kCmsNotAllowed), false;
    int stat = 0;  // TS 27.005 §3.4.2: default "received unread"
    if (f == Form::kSet) {
      const auto v = IntArg(cmd, 0, 0, kStatAll);
      if (!v) return error(), false;
      stat = *v;
    }
    for (const StoredSms& sms : Storage(mem1_).List(stat)) {
      r.blocks.push_back({"+CMGL: " + std::to_string(sms.index) + "," + std::to_string(static_cast<int>(sms.stat)) +
                              ",," + std::to_string(sms.length),
                          sms.pdu_hex});
    }
  } else if (n == "+CMGL" && f == Form::kTest) {
    r.line("+CMGL: (0-4)");
  } else if (n == "+CMGD" && f == Form::kSet) {
    SimStorage& store = Storage(mem1_);
    const auto index = IntArg(cmd, 0, 0, store.capacity());
    const int flag = cmd.args.size() > 1 ? IntArg(cmd, 1, 0, 4).value_or(-1) : 0;
    if (flag < 0) return error(), false;
    if (flag > 0) {
      store.RemoveByFlag(flag);
    } else if (!index || *index == 0) {
      r.final_line = CmsError(kCmsBadIndex);
    } else {
      store.Remove(*index);
    }
    DrainNetwork();
  } else {
    r.final_line = quirks_.unknown_command;
  }
  return false;
}

void VirtualModem::Impl::HandlePayload(const HostInput& input) {
  if (echo_) Emit(input.echo);
  for (const std::string& urc : held_urcs_) Emit("\r\n" + urc + "\r\n");
  held_urcs_.clear();
  if (!send_) return;
  Response r;
  if (input.kind == HostInput::Kind::kPayloadAborted) {
    // TS 27.005 §3.5.1: ESC quits without sending; modems then answer OK.
    send_.reset();
    Send(r);
    return;
  }
  auto fail = [&](int code) {
    time_in_cmgs_ += std::chrono::steady_clock::now() - send_->started;
    send_.reset();
    r.final_line = CmsError(code);
    Send(r);
  };
  const Result<std::vector<uint8_t>> bytes = pdu::HexToBytes(input.text);
  // <length> counts the TPDU only, not the SMSC part before it (§3.5.1).
  if (!bytes.ok() || bytes->empty() || bytes->size() != 1u + (*bytes)[0] + send_->length) {
    return fail(kCmsInvalidPdu);
  }
  Result<pdu::DecodedPdu> decoded = pdu::DecodePdu(input.text);
  if (!decoded.ok() || decoded->type != pdu::MessageType::kSubmit) {
    spdlog::debug("vmodem {}: rejected PDU: {}", options_.name,
                  decoded.ok() ? "not an SMS-SUBMIT" : decoded.error().message);
    return fail(kCmsInvalidPdu);
  }
  if (!Registered()) return fail(kCmsNoNetwork);

  send_->pdu_hex = input.text;
  send_->decoded = std::move(decoded).value();
  send_->awaiting_network = true;
  auto delay = options_.send_latency;
  if (options_.send_jitter.count() > 0) {
    const auto j = options_.send_jitter.count();
    delay += std::chrono::milliseconds(std::uniform_int_distribution<int64_t>(-j, j)(rng_));
  }
  send_timer_.expires_after(std::max(delay, std::chrono::milliseconds(0)));
  std::weak_ptr<char> alive = alive_;
  const uint64_t id = send_->id;
  send_timer_.async_wait([this, alive, id](const boost::system::error_code& ec) {
    if (alive.expired() || ec) return;
    FinishSend(id);
  });
}

void VirtualModem::Impl::FinishSend(uint64_t send_id) {
  if (!send_ || send_->id != send_id) return;
  PendingSend send = std::move(*send_);
  send_.reset();
  const auto finished = std::chrono::steady_clock::now();
  time_in_cmgs_ += finished - send.started;
  Response r;
  const bool network_error = std::uniform_real_distribution<double>(0, 1)(rng_) < options_.cms_error_rate;
  if (!Registered()) {
    r.final_line = CmsError(kCmsNoNetwork);
  } else if (network_error) {
    r.final_line = CmsError(options_.cms_error_code);
  } else {
    const uint8_t mr = next_mr_++;
    r.line("+CMGS: " + std::to_string(mr));
    Send(r);
    const bool wants_report = send.decoded.report_requested;
    if (submitted_.size() >= options_.keep_submitted && !submitted_.empty()) {
      // Dropping the older half at once keeps the cost amortised O(1).
      submitted_.erase(submitted_.begin(),
                       submitted_.begin() + static_cast<std::ptrdiff_t>((submitted_.size() + 1) / 2));
    }
    submitted_.push_back(
        SubmittedMessage{std::move(send.pdu_hex), std::move(send.decoded), mr, send.started, finished});
    if (wants_report && options_.status_reports) ScheduleStatusReport(mr);
    if (on_submitted_) on_submitted_(submitted_.back());
    Pump();
    return;
  }
  Send(r);
  Pump();
}

}  // namespace tellal::vmodem

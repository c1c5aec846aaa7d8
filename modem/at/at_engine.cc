#include "modem/at/at_engine.h"

#include <array>
#include <cctype>
#include <utility>

#include "modem/at/at_text.h"
#include "modem/at/cms_cme_errors.h"

namespace tellal::at {
namespace {

constexpr char kCtrlZ = 0x1A;
constexpr char kEsc = 0x1B;

// Unsolicited result codes we recognise. `prefix` matches the start of the
// line, or the whole line when `whole_line`; `lines` is 2 for the PDU-mode
// forms of +CMT and +CDS (TS 27.005 §3.4.1), which carry the PDU on the next
// line.
struct UrcSpec {
  std::string_view prefix;
  UrcKind kind;
  int lines;
  bool whole_line;
};

constexpr std::array kUrcTable{
    UrcSpec{"+CMTI:", UrcKind::kCmti, 1, false},
    UrcSpec{"+CDSI:", UrcKind::kCdsi, 1, false},
    UrcSpec{"+CMT:", UrcKind::kCmt, 2, false},
    UrcSpec{"+CDS:", UrcKind::kCds, 2, false},
    UrcSpec{"+CREG:", UrcKind::kCreg, 1, false},
    UrcSpec{"+CGREG:", UrcKind::kCgreg, 1, false},
    UrcSpec{"+CEREG:", UrcKind::kCereg, 1, false},
    UrcSpec{"RING", UrcKind::kRing, 1, true},
    UrcSpec{"+CRING:", UrcKind::kRing, 1, false},
    UrcSpec{"+CLIP:", UrcKind::kClip, 1, false},
    UrcSpec{"^RSSI:", UrcKind::kRssi, 1, false},
    UrcSpec{"^MODE:", UrcKind::kMode, 1, false},
    UrcSpec{"^BOOT:", UrcKind::kBoot, 1, false},
    UrcSpec{"^SRVST:", UrcKind::kSrvst, 1, false},
    UrcSpec{"SMS Ready", UrcKind::kSmsReady, 1, true},
    UrcSpec{"Call Ready", UrcKind::kCallReady, 1, true},
    UrcSpec{"+CPIN:", UrcKind::kCpin, 1, false},
    // Chatter that must not be mistaken for the bare answer of AT+CGMI & co.
    UrcSpec{"RDY", UrcKind::kOther, 1, true},                // SIMCom boot
    UrcSpec{"+CFUN:", UrcKind::kOther, 1, false},            // SIMCom boot
    UrcSpec{"+CTZV:", UrcKind::kOther, 1, false},            // TS 27.007 §8.41
    UrcSpec{"*PSUTTZ:", UrcKind::kOther, 1, false},          // SIM800 network time
    UrcSpec{"DST:", UrcKind::kOther, 1, false},              // SIM800 network time
    UrcSpec{"+CIEV:", UrcKind::kOther, 1, false},            // TS 27.007 §8.9
    UrcSpec{"+CUSD:", UrcKind::kOther, 1, false},            // TS 27.007 §7.15
    UrcSpec{"^SIMST:", UrcKind::kOther, 1, false},           // Huawei SIM state
    UrcSpec{"^HCSQ:", UrcKind::kOther, 1, false},            // Huawei signal
    UrcSpec{"^CSNR:", UrcKind::kOther, 1, false},            // Huawei signal
    UrcSpec{"^DSFLOWRPT:", UrcKind::kOther, 1, false},       // Huawei data stats
    UrcSpec{"^NDISSTAT:", UrcKind::kOther, 1, false},        // Huawei NDIS state
    UrcSpec{"^STIN:", UrcKind::kOther, 1, false},            // Huawei SIM toolkit
    UrcSpec{"^SYSSTART", UrcKind::kOther, 1, false},         // Cinterion, Huawei ME909s boot
    UrcSpec{"^SHUTDOWN", UrcKind::kOther, 1, true},          // Cinterion
    UrcSpec{"^SIND:", UrcKind::kOther, 1, false},            // Cinterion indicators
    UrcSpec{"^SCKS:", UrcKind::kOther, 1, false},            // Cinterion SIM hot-swap
    UrcSpec{"^SMMEMFULL", UrcKind::kMemoryFull, 1, false},   // Huawei SMS memory full
    UrcSpec{"^SYSINFO:", UrcKind::kOther, 1, false},         // Huawei
    UrcSpec{"^RSSILVL:", UrcKind::kOther, 1, false},         // Huawei
    UrcSpec{"^HRSSILVL:", UrcKind::kOther, 1, false},        // Huawei
    UrcSpec{"^RFSWITCH:", UrcKind::kOther, 1, false},        // Huawei
    UrcSpec{"^CUSATP:", UrcKind::kOther, 1, false},          // Huawei
    UrcSpec{"^CUSATEND", UrcKind::kOther, 1, false},         // Huawei
    UrcSpec{"^DSDORMANT:", UrcKind::kOther, 1, false},       // Huawei
    UrcSpec{"^CEND:", UrcKind::kOther, 1, false},            // Huawei voice
    UrcSpec{"^ORIG:", UrcKind::kOther, 1, false},            // Huawei voice
    UrcSpec{"^CONF:", UrcKind::kOther, 1, false},            // Huawei voice
    UrcSpec{"^CONN:", UrcKind::kOther, 1, false},            // Huawei voice
    UrcSpec{"SMS DONE", UrcKind::kSmsReady, 1, true},        // SIMCom SIM7600
    UrcSpec{"PB DONE", UrcKind::kOther, 1, true},            // SIMCom SIM7600
    UrcSpec{"+QIND:", UrcKind::kOther, 1, false},            // Quectel "+QIND: SMS DONE"
    UrcSpec{"+QUSIM:", UrcKind::kOther, 1, false},           // Quectel USIM init
    UrcSpec{"APP RDY", UrcKind::kOther, 1, true},            // Quectel BG96/EG25-G
    UrcSpec{"*ATREADY", UrcKind::kOther, 1, false},          // SIMCom/ZTE-style port ready
    UrcSpec{"+ZUSIMR:", UrcKind::kOther, 1, false},          // ZTE, repeated until AT+CPMS?
    UrcSpec{"+ZDONR:", UrcKind::kOther, 1, false},           // ZTE
    UrcSpec{"+ZPASR:", UrcKind::kOther, 1, false},           // ZTE
    UrcSpec{"+ZPSTM:", UrcKind::kOther, 1, false},           // ZTE
    UrcSpec{"+ZEND", UrcKind::kOther, 1, false},             // ZTE
    UrcSpec{"+WIND:", UrcKind::kOther, 1, false},            // Wavecom
    UrcSpec{"#QSS:", UrcKind::kOther, 1, false},             // Telit SIM status
    UrcSpec{"+AT: READY", UrcKind::kOther, 1, true},         // u-blox TOBY
    UrcSpec{"+PACSP", UrcKind::kOther, 1, false},            // Sierra
    UrcSpec{"MODEM:STARTUP", UrcKind::kOther, 1, true},      // Neoway M590
    UrcSpec{"+PBREADY", UrcKind::kOther, 1, true},           // Neoway M590
    UrcSpec{"+CSMINS:", UrcKind::kOther, 1, false},          // SIMCom SIM insertion
    UrcSpec{"*PSNWID:", UrcKind::kOther, 1, false},          // SIMCom network name
    UrcSpec{"NORMAL POWER DOWN", UrcKind::kOther, 1, true},  // SIMCom, Quectel
    UrcSpec{"UNDER-VOLTAGE POWER DOWN", UrcKind::kOther, 1, true},
    UrcSpec{"UNDER-VOLTAGE WARNNING", UrcKind::kOther, 1, true},  // sic (SIMCom)
    UrcSpec{"OVER-VOLTAGE WARNNING", UrcKind::kOther, 1, true},   // sic (SIMCom)
    UrcSpec{"OVER-VOLTAGE POWER DOWN", UrcKind::kOther, 1, true},
    UrcSpec{"UNDER_VOLTAGE POWER DOWN", UrcKind::kOther, 1, true},  // Quectel spelling
    UrcSpec{"UNDER_VOLTAGE WARNING", UrcKind::kOther, 1, true},
    UrcSpec{"OVER_VOLTAGE WARNING", UrcKind::kOther, 1, true},
    UrcSpec{"OVER_VOLTAGE POWER DOWN", UrcKind::kOther, 1, true},
};

// A "+XXX:" / "^XXX:" / "*XXX:" / "#XXX:" line, the shape of every vendor
// status URC: while a command answering with a bare line (AT+CGMI, AT+CIMI)
// is pending, such a line is its answer only when it names the command itself
// ("+CGMI: huawei"); any other is chatter (Quectel "+QIND: PB DONE" during
// AT+CGMI), never the manufacturer.
bool LooksLikeForeignUrc(std::string_view line, std::string_view command_text) {
  if (line.empty() || (line.front() != '+' && line.front() != '^' && line.front() != '*' && line.front() != '#')) {
    return false;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view own = command_text;
  if (own.size() >= 2 && (own[0] == 'A' || own[0] == 'a') && (own[1] == 'T' || own[1] == 't')) own.remove_prefix(2);
  const std::size_t end = own.find_first_of("=?");
  if (end != std::string_view::npos) own = own.substr(0, end);
  const std::string_view name = line.substr(0, colon);
  if (name.size() != own.size()) return true;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(name[i])) != std::toupper(static_cast<unsigned char>(own[i]))) {
      return true;
    }
  }
  return false;
}

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// A PDU line is hex with an even number of digits (TS 27.005 §3.1 <pdu>).
// Requiring an even count keeps ATV0's "0" from passing for a PDU.
bool IsPduHex(std::string_view line) {
  if (line.empty() || line.size() % 2 != 0) return false;
  for (char c : line) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Power-glitch noise: NUL and the other control bytes, DEL and 0xFF, which is
// never part of the ASCII or UTF-8 a modem sends.
bool IsNoise(char c) {
  const auto uc = static_cast<unsigned char>(c);
  return (uc < 0x20 && c != '\t') || uc == 0x7F || uc == 0xFF;
}

bool IsLineEnd(char c) {
  // Ctrl-Z and ESC end the payload after a prompt; a modem may echo them.
  return c == '\r' || c == '\n' || c == kCtrlZ || c == kEsc;
}

const UrcSpec* MatchUrc(std::string_view line) {
  for (const UrcSpec& spec : kUrcTable) {
    if (spec.whole_line ? line == spec.prefix : StartsWith(line, spec.prefix)) {
      return &spec;
    }
  }
  return nullptr;
}

std::string UrcName(std::string_view prefix) {
  if (!prefix.empty() && prefix.back() == ':') prefix.remove_suffix(1);
  return std::string(prefix);
}

std::string UnknownUrcName(std::string_view line) {
  if (line.empty() || (line.front() != '+' && line.front() != '^')) return {};
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return {};
  return std::string(line.substr(0, colon));
}

// "<err>" of +CME ERROR / +CMS ERROR: a number, or with AT+CMEE=2 a text.
int ErrorCode(std::string_view err, FinalKind kind) {
  err = Trim(err);
  if (err.empty()) return -1;
  bool numeric = err.size() <= 6;
  for (char c : err) {
    if (!std::isdigit(static_cast<unsigned char>(c))) numeric = false;
  }
  if (numeric) return std::stoi(std::string(err));
  const std::optional<int> code = kind == FinalKind::kCmeError ? CmeCodeFromText(err) : CmsCodeFromText(err);
  return code.value_or(-1);
}

}  // namespace

std::optional<Final> ParseFinalResult(std::string_view line) {
  // V.250 §5.7.1 result codes, verbose and numeric (ATV0), plus firmware
  // variants: "COMMAND NOT SUPPORT" and "TOO MANY PARAMETERS" are Huawei's.
  struct Word {
    std::string_view text;
    FinalKind kind;
  };
  static constexpr std::array kWords{
      Word{"OK", FinalKind::kOk},
      Word{"0", FinalKind::kOk},
      Word{"ERROR", FinalKind::kError},
      Word{"4", FinalKind::kError},
      Word{"NO CARRIER", FinalKind::kError},
      Word{"3", FinalKind::kError},
      Word{"NO DIALTONE", FinalKind::kError},
      Word{"6", FinalKind::kError},
      Word{"BUSY", FinalKind::kError},
      Word{"7", FinalKind::kError},
      Word{"NO ANSWER", FinalKind::kError},
      Word{"8", FinalKind::kError},
      Word{"COMMAND NOT SUPPORT", FinalKind::kError},
      Word{"TOO MANY PARAMETERS", FinalKind::kError},
  };
  for (const Word& word : kWords) {
    if (line == word.text) return Final{word.kind, -1, std::string(line)};
  }
  static constexpr std::string_view kCme = "+CME ERROR:";
  static constexpr std::string_view kCms = "+CMS ERROR:";
  if (StartsWith(line, kCme)) {
    return Final{FinalKind::kCmeError, ErrorCode(line.substr(kCme.size()), FinalKind::kCmeError), std::string(line)};
  }
  if (StartsWith(line, kCms)) {
    return Final{FinalKind::kCmsError, ErrorCode(line.substr(kCms.size()), FinalKind::kCmsError), std::string(line)};
  }
  return std::nullopt;
}

AtEngine::AtEngine(std::size_t max_line_length) : max_line_length_(max_line_length) {}

void AtEngine::BeginCommand(AtCommand command) {
  ClearCommand();
  pending_ = std::move(command);
}

void AtEngine::AbandonCommand() { ClearCommand(); }

void AtEngine::Reset() {
  ClearCommand();
  line_.clear();
  discarding_ = false;
  skip_one_space_ = false;
  partial_urc_.reset();
}

void AtEngine::ClearCommand() {
  pending_.reset();
  echo_seen_ = false;
  prompt_seen_ = false;
  payload_echo_seen_ = false;
  pdu_expected_ = false;
}

bool AtEngine::AwaitingPrompt() const { return pending_ && pending_->expects_prompt() && !prompt_seen_; }

std::vector<AtEvent> AtEngine::Feed(std::string_view bytes) {
  std::vector<AtEvent> out;
  for (char c : bytes) OnByte(c, out);
  return out;
}

void AtEngine::OnByte(char c, std::vector<AtEvent>& out) {
  if (skip_one_space_) {
    skip_one_space_ = false;
    if (c == ' ') return;
  }
  if (IsLineEnd(c)) {
    OnLineEnd(out);
    return;
  }
  if (discarding_ || IsNoise(c)) return;
  // The prompt has no line end (TS 27.005 §3.5.1: "<CR><LF><greater_than>
  // <space>"), so it is recognised at the start of a line, byte by byte.
  if (c == '>' && line_.empty() && AwaitingPrompt()) {
    prompt_seen_ = true;
    skip_one_space_ = true;
    out.emplace_back(Prompt{});
    return;
  }
  if (line_.size() >= max_line_length_) {
    line_.clear();
    discarding_ = true;
    out.emplace_back(Overflow{max_line_length_});
    return;
  }
  line_.push_back(c);
}

void AtEngine::OnLineEnd(std::vector<AtEvent>& out) {
  if (discarding_) {
    discarding_ = false;
    return;
  }
  const std::string line(Trim(line_));
  line_.clear();
  if (!line.empty()) OnLine(line, out);
}

void AtEngine::OnLine(const std::string& line, std::vector<AtEvent>& out) {
  if (pending_) {
    if (!echo_seen_ && text::EqualsIgnoreCase(line, pending_->text)) {
      echo_seen_ = true;
      return;
    }
    if (prompt_seen_ && !payload_echo_seen_ && text::EqualsIgnoreCase(line, pending_->payload)) {
      payload_echo_seen_ = true;
      return;
    }
  }

  if (partial_urc_) {
    Urc urc = std::move(*partial_urc_);
    partial_urc_.reset();
    if (IsPduHex(line)) {
      urc.lines.push_back(line);
      out.emplace_back(std::move(urc));
      return;
    }
    // The PDU line never came; report what there is and classify this line
    // on its own.
    out.emplace_back(std::move(urc));
  }

  if (pending_ && pdu_expected_ && IsPduHex(line)) {
    pdu_expected_ = false;
    out.emplace_back(Line{line, LineRole::kPdu});
    return;
  }

  if (pending_) {
    if (std::optional<Final> final = ParseFinalResult(line)) {
      ClearCommand();
      out.emplace_back(std::move(*final));
      return;
    }
    const std::string& prefix = pending_->response_prefix;
    if (!prefix.empty() && StartsWith(line, prefix)) {
      pdu_expected_ = pending_->pdu_follows_header;
      out.emplace_back(Line{line, pdu_expected_ ? LineRole::kPduHeader : LineRole::kText});
      if (pending_->prefix_line_is_final) {
        ClearCommand();
        out.emplace_back(Final{FinalKind::kOk, -1, ""});
      }
      return;
    }
  }

  if (const UrcSpec* spec = MatchUrc(line)) {
    Urc urc{spec->kind, UrcName(spec->prefix), {line}};
    if (spec->lines == 2) {
      partial_urc_ = std::move(urc);
    } else {
      out.emplace_back(std::move(urc));
    }
    return;
  }

  if (pending_ && pending_->bare_response && !LooksLikeForeignUrc(line, pending_->text)) {
    out.emplace_back(Line{line, LineRole::kText});
    return;
  }
  out.emplace_back(Urc{UrcKind::kUnknown, UnknownUrcName(line), {line}});
}

}  // namespace tellal::at

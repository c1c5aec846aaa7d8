#include "modem/driver/init_sequence.h"

#include <array>
#include <string_view>
#include <utility>

#include "modem/at/at_commands.h"
#include "modem/at/at_replies.h"
#include "modem/at/sim_replies.h"
#include "modem/text/ascii.h"

namespace tellal::modem {
namespace {

using std::chrono::milliseconds;

// TS 27.007 §9.2.1.
constexpr int kCmeSimNotInserted = 10;
constexpr int kCmeSimFailure = 13;
constexpr int kCmeSimBusy = 14;
// Vendor codes for "busy, initialising": CME 515 (Wavecom after AT+CFUN=1,
// Quectel), CMS 515 "please wait, init in progress" (smstools3); CMS 314 is
// TS 27.005 §3.2.5 "SIM busy".
constexpr int kBusyInitialising = 515;
constexpr int kCmsSimBusy = 314;
// Fewer than this many PIN attempts left: not entered (the SIM would be one
// or two wrong PINs from needing its PUK).
constexpr int kMinPinAttempts = 3;

// Storages to try for <mem1>,<mem2>,<mem3>: the SIM first, because every
// modem has it and messages there survive a modem swap.
constexpr std::array<std::string_view, 3> kStorages{"SM", "ME", "MT"};

// A bare identity answer, with the "+CGSN: " style prefix some firmwares
// add and the quotes others add removed.
std::string BareValue(const CommandReply& reply, std::string_view prefix) {
  std::optional<std::string> line = reply.LineWith("");
  if (!line) return {};
  std::string_view value = *line;
  if (value.substr(0, prefix.size()) == prefix) value.remove_prefix(prefix.size());
  return std::string(tellal::text::Trim(value, " \""));
}

at::AtCommand Must(Result<at::AtCommand> command) { return std::move(command).value(); }

bool IsBusy(const CommandReply& reply) {
  if (reply.status != ReplyStatus::kFinal) return false;
  const at::Final& f = reply.final;
  if (f.kind == at::FinalKind::kCmeError) return f.code == kCmeSimBusy || f.code == kBusyInitialising;
  if (f.kind == at::FinalKind::kCmsError) return f.code == kCmsSimBusy || f.code == kBusyInitialising;
  return false;
}

// The command behind each of a profile's alternatives.
template <typename Query>
struct QueryCommand {
  Query value;
  at::AtCommand (*command)();
};

constexpr QueryCommand<IccidQuery> kIccidCommands[] = {{IccidQuery::kCcid, at::Ccid},
                                                       {IccidQuery::kHuaweiIccid, at::HuaweiIccid},
                                                       {IccidQuery::kQuectelIccid, at::QuectelIccid},
                                                       {IccidQuery::kSimFile, at::IccidFromSim}};

constexpr QueryCommand<PinCounterQuery> kPinCounterCommands[] = {{PinCounterQuery::kCpinr, at::Cpinr},
                                                                 {PinCounterQuery::kHuaweiCpin, at::HuaweiCpin},
                                                                 {PinCounterQuery::kQuectelPinc, at::QuectelPinc},
                                                                 {PinCounterQuery::kSimcomSpic, at::SimcomSpic}};

// The table's first command stands in for a value it lacks.
template <typename Query, size_t N>
at::AtCommand CommandFor(const QueryCommand<Query> (&table)[N], Query query) {
  for (const QueryCommand<Query>& row : table) {
    if (row.value == query) return row.command();
  }
  return table[0].command();
}

std::vector<std::vector<std::string>> CpmsCandidates() {
  std::vector<std::vector<std::string>> out;
  for (std::string_view mem : kStorages) {
    const std::string m(mem);
    out.push_back({m, m, m});
    out.push_back({m, m});
    out.push_back({m});
  }
  return out;
}

}  // namespace

InitSequence::InitSequence(InitOptions options) : options_(std::move(options)), cpms_candidates_(CpmsCandidates()) {
  sim_key_ = MakeSimKey("", "", options_.device);
  (void)Go(Stage::kWake);
}

bool InitSequence::registered() const { return at::IsRegistered(info_.registration); }

InitOutcome InitSequence::Go(Stage stage, milliseconds delay) {
  if (stage != stage_) busy_polls_ = 0;
  stage_ = stage;
  step_ = InitStep{};
  step_.delay = delay;
  // The stages whose command never depends on what came before.
  struct FixedStep {
    Stage stage;
    at::AtCommand (*command)();
    CommandKind kind;
  };
  static constexpr FixedStep kFixedSteps[] = {
      {Stage::kWake, at::At, CommandKind::kBasic},
      {Stage::kEchoOff, [] { return at::Echo(false); }, CommandKind::kBasic},
      {Stage::kCmee, [] { return at::Cmee(false); }, CommandKind::kBasic},
      {Stage::kCgmi, at::Cgmi, CommandKind::kQuery},
      {Stage::kCgmm, at::Cgmm, CommandKind::kQuery},
      {Stage::kPduMode, at::PduMode, CommandKind::kBasic},
      {Stage::kCpmsQuery, at::CpmsQuery, CommandKind::kSim},
      {Stage::kCnmiTest, at::CnmiTest, CommandKind::kQuery},
      {Stage::kCmmsQuery, at::CmmsQuery, CommandKind::kBasic},
      {Stage::kCregEnable, [] { return Must(at::Creg(1)); }, CommandKind::kBasic},
      {Stage::kCgmr, at::Cgmr, CommandKind::kQuery},
      {Stage::kCgsn, at::Cgsn, CommandKind::kQuery},
      {Stage::kCimi, at::Cimi, CommandKind::kQuery},
      {Stage::kCopsFormat, [] { return Must(at::CopsFormat(0)); }, CommandKind::kBasic},
      {Stage::kCopsQuery, at::CopsQuery, CommandKind::kQuery},
      {Stage::kCregQuery, at::CregQuery, CommandKind::kQuery},
      {Stage::kCsq, at::Csq, CommandKind::kQuery},
  };
  for (const FixedStep& fixed : kFixedSteps) {
    if (fixed.stage != stage) continue;
    step_.command = fixed.command();
    step_.kind = fixed.kind;
    return {InitVerdict::kNext, {}};
  }
  switch (stage) {
    case Stage::kCpinQuery:
      step_.command = at::CpinQuery();
      step_.command.prefix_line_is_final = profile_.cpin_answer_is_final || cpin_answer_is_final_;
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kPinIccid:
    case Stage::kIccid:
      if (query_candidate_ >= profile_.iccid_queries.size()) {
        query_candidate_ = 0;
        return stage == Stage::kPinIccid ? Go(Stage::kPinCounter) : Go(Stage::kCopsFormat);
      }
      step_.command = CommandFor(kIccidCommands, profile_.iccid_queries[query_candidate_]);
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kPinCounter:
      if (query_candidate_ >= profile_.pin_counter_queries.size()) return DecidePinEntry();
      step_.command = CommandFor(kPinCounterCommands, profile_.pin_counter_queries[query_candidate_]);
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kCpinEnter: {
      Result<at::AtCommand> cpin = at::Cpin(options_.pin);
      if (!cpin.ok()) return Locked("the configured PIN is not 4 to 8 digits");
      step_.command = std::move(cpin).value();
      step_.kind = CommandKind::kPin;
      step_.secret = true;
      break;
    }
    case Stage::kCpmsSet: {
      const std::vector<std::string>& m = cpms_candidates_[cpms_candidate_];
      step_.command = Must(at::Cpms(m[0], m.size() > 1 ? m[1] : "", m.size() > 2 ? m[2] : ""));
      step_.kind = CommandKind::kSim;
      break;
    }
    case Stage::kCnmiSet: {
      // Skip candidates outside TS 27.005's ranges (a modem may offer them).
      while (cnmi_candidate_ < cnmi_candidates_.size()) {
        const CnmiSetting& s = cnmi_candidates_[cnmi_candidate_];
        Result<at::AtCommand> c = at::Cnmi(s.mode, s.mt, s.bm, s.ds, s.bfr);
        if (c.ok()) {
          step_.command = std::move(c).value();
          break;
        }
        ++cnmi_candidate_;
      }
      if (cnmi_candidate_ == cnmi_candidates_.size()) return Go(Stage::kCmmsQuery);
      break;
    }
    default:
      break;  // a fixed step, above
  }
  return {InitVerdict::kNext, {}};
}

InitOutcome InitSequence::Locked(std::string reason) {
  info_.lock_reason = reason;
  return {InitVerdict::kSimLocked, std::move(reason)};
}

InitOutcome InitSequence::PollSim(const std::string& why) {
  if (++sim_polls_ >= options_.sim_poll_attempts) {
    return {InitVerdict::kFault, "SIM not ready after " + std::to_string(sim_polls_) + " polls (" + why + ")"};
  }
  return Go(Stage::kCpinQuery, options_.sim_poll_delay);
}

InitOutcome InitSequence::OnCpinState(const CommandReply& reply) {
  if (!reply.ok()) {
    const at::Final& f = reply.final;
    if (f.kind == at::FinalKind::kCmeError && f.code == kCmeSimNotInserted) {
      return {InitVerdict::kOperatorNeeded, "SIM not inserted"};
    }
    if (f.kind == at::FinalKind::kCmeError && f.code == kCmeSimFailure) {
      return {InitVerdict::kOperatorNeeded, "SIM failure"};
    }
    // The bare ERROR of a booting modem: ask again.
    return PollSim(f.text);
  }
  std::optional<std::string> line = reply.LineWith("+CPIN:");
  if (!line) return PollSim("no +CPIN line");
  Result<at::PinStatus> pin = at::ParseCpin(*line);
  if (!pin.ok()) return {InitVerdict::kFault, pin.error().message};
  switch (pin->state) {
    case at::PinState::kReady:
    // PIN2 / PUK2 guard only phonebook-style functions; SMS works.
    case at::PinState::kSimPin2:
    case at::PinState::kSimPuk2:
      return Go(Stage::kPduMode);
    case at::PinState::kSimPin:
      if (pin_entered_) return PollSim("still SIM PIN after entry");
      if (pin_rejected_) return Locked("PIN refused");
      if (options_.pin.empty()) return Locked("PIN required but none configured");
      query_candidate_ = 0;
      return Go(Stage::kPinIccid);
    case at::PinState::kNotReady:
      return PollSim("+CPIN: NOT READY");
    case at::PinState::kNotInserted:
      return {InitVerdict::kOperatorNeeded, "SIM not inserted"};
    case at::PinState::kSimPuk:
      return Locked("PUK required");
    case at::PinState::kPhSimPin:
    case at::PinState::kOther:
      return Locked(pin->code + " required");
  }
  return {InitVerdict::kFault, "unexpected +CPIN state"};
}

InitOutcome InitSequence::DecidePinEntry() {
  sim_key_ = MakeSimKey(info_.iccid, "", options_.device);
  pin_fingerprint_ = PinFingerprint(sim_key_, options_.pin);
  if (info_.pin_attempts_left && *info_.pin_attempts_left < kMinPinAttempts) {
    return Locked("only " + std::to_string(*info_.pin_attempts_left) + " PIN attempts left");
  }
  if (options_.pin_guard != nullptr &&
      !options_.pin_guard->MayEnterPin(sim_key_, pin_fingerprint_, info_.pin_attempts_left.has_value())) {
    pin_rejected_ = true;
    return Locked(info_.pin_attempts_left ? "PIN refused" : "PIN refused before and attempts unknown");
  }
  return Go(Stage::kCpinEnter);
}

bool InitSequence::ReadIccid(const CommandReply& reply) {
  if (!reply.ok()) return false;
  for (const at::Line& line : reply.lines) {
    Result<std::string> iccid = at::ParseIccid(line.text);
    if (iccid.ok()) {
      info_.iccid = std::move(iccid).value();
      return true;
    }
  }
  return false;
}

InitOutcome InitSequence::AfterIdentity() {
  query_candidate_ = 0;
  return Go(info_.iccid.empty() ? Stage::kIccid : Stage::kCopsFormat);
}

InitOutcome InitSequence::OnReply(const CommandReply& incoming) {
  CommandReply reply = incoming;
  if (stage_ == Stage::kCpinEnter) {
    if (IsBusy(reply)) {
      // The SIM did not look at the PIN; a new init asks AT+CPIN? again.
      return {InitVerdict::kFault, "SIM busy during PIN entry"};
    }
    // Any other answer but OK counts as a refusal: with no answer we cannot
    // know whether the SIM counted a wrong attempt.
    if (!reply.ok()) {
      pin_rejected_ = true;
      if (options_.pin_guard != nullptr) {
        options_.pin_guard->RecordRefusedPin(sim_key_, pin_fingerprint_, reply.Describe());
      }
      return Locked("PIN refused");
    }
    pin_entered_ = true;
    return Go(Stage::kCpinQuery);
  }
  if (IsBusy(reply)) {
    // Never a reason to try another storage or setting: the same step again,
    // and after too long a new init.
    if (++busy_polls_ < options_.sim_poll_attempts) return Go(stage_, options_.sim_poll_delay);
    return {InitVerdict::kFault, step_.command.text + ": busy after " + std::to_string(busy_polls_) + " tries"};
  }
  busy_polls_ = 0;
  if (stage_ == Stage::kWake) {
    if (reply.ok()) return Go(Stage::kEchoOff);
    if (++wake_tries_ < options_.wake_attempts) return Go(Stage::kWake);
    return {InitVerdict::kFault, "no OK to AT after " + std::to_string(wake_tries_) + " attempts"};
  }
  if (stage_ == Stage::kCpinQuery && reply.status == ReplyStatus::kTimeout && reply.LineWith("+CPIN:")) {
    // A "+CPIN:" line and no final result: the Wavecom way. Its line is the
    // answer, and later queries in this init stop waiting for an OK.
    cpin_answer_is_final_ = true;
    reply.status = ReplyStatus::kFinal;
    reply.final = at::Final{at::FinalKind::kOk, -1, ""};
  }
  if (reply.status != ReplyStatus::kFinal) {
    return {InitVerdict::kFault, step_.command.text + ": " + reply.Describe()};
  }
  return OnStage(reply);
}

InitOutcome InitSequence::OnStage(const CommandReply& reply) {
  const bool ok = reply.ok();
  switch (stage_) {
    case Stage::kWake:
    case Stage::kCpinEnter:
      break;  // handled in OnReply
    case Stage::kEchoOff:
      if (!ok) return {InitVerdict::kFault, "ATE0 refused: " + reply.Describe()};
      return Go(Stage::kCmee);
    case Stage::kCmee:
      // Old firmwares without AT+CMEE still work, with bare ERRORs.
      return Go(Stage::kCgmi);
    case Stage::kCgmi:
      if (ok) info_.manufacturer = BareValue(reply, "+CGMI:");
      return Go(Stage::kCgmm);
    case Stage::kCgmm:
      if (ok) info_.model = BareValue(reply, "+CGMM:");
      profile_ = ResolveProfile(info_.manufacturer, info_.model);
      info_.family = std::string(ToString(profile_.family));
      return Go(Stage::kCpinQuery);
    case Stage::kCpinQuery:
      return OnCpinState(reply);
    case Stage::kPinIccid:
      if (ReadIccid(reply)) {
        query_candidate_ = 0;
        return Go(Stage::kPinCounter);
      }
      ++query_candidate_;
      return Go(Stage::kPinIccid);
    case Stage::kPinCounter:
      if (ok) {
        for (const at::Line& line : reply.lines) {
          Result<int> left = at::ParsePinAttempts(line.text);
          if (left.ok()) {
            info_.pin_attempts_left = *left;
            return DecidePinEntry();
          }
        }
      }
      ++query_candidate_;
      return Go(Stage::kPinCounter);
    case Stage::kPduMode:
      if (ok) return Go(Stage::kCpmsSet);
      if (++pdu_mode_polls_ < options_.sim_poll_attempts) {
        return Go(Stage::kPduMode, options_.sim_poll_delay);
      }
      return {InitVerdict::kFault, "AT+CMGF=0 refused: " + reply.Describe()};
    case Stage::kCpmsSet:
      if (ok) {
        const std::vector<std::string>& m = cpms_candidates_[cpms_candidate_];
        info_.storage = m[0];
        cpms_arity_ = static_cast<int>(m.size());
        // The set answer: two or three "used,total" pairs (Wavecom two,
        // Huawei three even for two memories), or a bare OK.
        if (std::optional<std::string> line = reply.LineWith("+CPMS:")) {
          Result<std::vector<at::MessageStorage>> s = at::ParseCpms(*line);
          if (s.ok() && !s->empty()) {
            info_.sim_used = s->front().used;
            info_.sim_total = s->front().total;
            info_.sim_full = info_.sim_total > 0 && info_.sim_used >= info_.sim_total;
            return Go(Stage::kCnmiTest);
          }
        }
        return Go(Stage::kCpmsQuery);
      }
      if (++cpms_candidate_ < cpms_candidates_.size()) return Go(Stage::kCpmsSet);
      return Go(Stage::kCpmsQuery);
    case Stage::kCpmsQuery:
      if (std::optional<std::string> line = reply.LineWith("+CPMS:")) {
        Result<std::vector<at::MessageStorage>> s = at::ParseCpms(*line);
        if (s.ok() && !s->empty()) {
          if (info_.storage.empty()) info_.storage = s->front().memory;
          info_.sim_used = s->front().used;
          info_.sim_total = s->front().total;
          info_.sim_full = info_.sim_total > 0 && info_.sim_used >= info_.sim_total;
        }
      }
      return Go(Stage::kCnmiTest);
    case Stage::kCnmiTest: {
      at::CnmiSupport support;
      if (std::optional<std::string> line = reply.LineWith("+CNMI:")) {
        Result<at::CnmiSupport> parsed = at::ParseCnmiTest(*line);
        if (parsed.ok()) support = *parsed;
      }
      cnmi_candidates_ = CnmiCandidates(support);
      cnmi_candidate_ = 0;
      return Go(Stage::kCnmiSet);
    }
    case Stage::kCnmiSet:
      if (ok) {
        info_.cnmi = ToString(cnmi_candidates_[cnmi_candidate_]);
        return Go(Stage::kCmmsQuery);
      }
      ++cnmi_candidate_;
      return Go(Stage::kCnmiSet);
    case Stage::kCmmsQuery:
      info_.supports_cmms = ok;
      return Go(Stage::kCregEnable);
    case Stage::kCregEnable:
      return Go(Stage::kCgmr);
    case Stage::kCgmr:
      if (ok) info_.revision = BareValue(reply, "+CGMR:");
      return Go(Stage::kCgsn);
    case Stage::kCgsn:
      if (ok) info_.imei = BareValue(reply, "+CGSN:");
      return Go(Stage::kCimi);
    case Stage::kCimi:
      if (ok) info_.imsi = BareValue(reply, "+CIMI:");
      return AfterIdentity();
    case Stage::kIccid:
      if (ReadIccid(reply)) return Go(Stage::kCopsFormat);
      ++query_candidate_;
      return Go(Stage::kIccid);
    case Stage::kCopsFormat:
      return Go(Stage::kCopsQuery);
    case Stage::kCopsQuery:
      if (std::optional<std::string> line = reply.LineWith("+COPS:")) {
        Result<at::Operator> op = at::ParseCops(*line);
        if (op.ok()) info_.operator_name = op->name.value_or("");
      }
      return Go(Stage::kCregQuery);
    case Stage::kCregQuery:
      if (std::optional<std::string> line = reply.LineWith("+CREG:")) {
        Result<at::Registration> reg = at::ParseRegistration(*line);
        if (reg.ok()) info_.registration = reg->stat;
      }
      return Go(Stage::kCsq);
    case Stage::kCsq:
      if (std::optional<std::string> line = reply.LineWith("+CSQ:")) {
        Result<at::SignalQuality> q = at::ParseCsq(*line);
        if (q.ok()) info_.signal_dbm = q->dbm;
      }
      return {InitVerdict::kDone, {}};
  }
  return {InitVerdict::kFault, "unknown init stage"};
}

}  // namespace tellal::modem

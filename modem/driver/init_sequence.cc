#include "modem/driver/init_sequence.h"

#include <array>
#include <string_view>
#include <utility>

#include "modem/at/at_commands.h"
#include "modem/at/at_replies.h"
#include "modem/text/ascii.h"

namespace tellal::modem {
namespace {

using std::chrono::milliseconds;

// TS 27.007 §9.2.1.
constexpr int kCmeSimNotInserted = 10;
constexpr int kCmeSimFailure = 13;

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

}  // namespace

InitSequence::InitSequence(InitOptions options) : options_(std::move(options)), pin_rejected_(options_.pin_rejected) {
  (void)Go(Stage::kWake);
}

bool InitSequence::registered() const { return at::IsRegistered(info_.registration); }

InitOutcome InitSequence::Go(Stage stage, milliseconds delay) {
  stage_ = stage;
  step_ = InitStep{};
  step_.delay = delay;
  switch (stage) {
    case Stage::kWake:
      step_.command = at::At();
      break;
    case Stage::kEchoOff:
      step_.command = at::Echo(false);
      break;
    case Stage::kCmee:
      step_.command = at::Cmee(false);
      break;
    case Stage::kCgmi:
      step_.command = at::Cgmi();
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kCgmm:
      step_.command = at::Cgmm();
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kCpinQuery:
      step_.command = at::CpinQuery();
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kCpinEnter: {
      Result<at::AtCommand> cpin = at::Cpin(options_.pin);
      if (!cpin.ok()) {
        return {InitVerdict::kOperatorNeeded, "the configured PIN is not 4 to 8 digits"};
      }
      step_.command = std::move(cpin).value();
      step_.kind = CommandKind::kPin;
      step_.secret = true;
      break;
    }
    case Stage::kPduMode:
      step_.command = at::PduMode();
      break;
    case Stage::kCpmsSet: {
      const std::string_view mem = kStorages[cpms_candidate_];
      step_.command = Must(at::Cpms(mem, mem, mem));
      step_.kind = CommandKind::kSim;
      break;
    }
    case Stage::kCpmsQuery:
      step_.command = at::CpmsQuery();
      step_.kind = CommandKind::kSim;
      break;
    case Stage::kCnmiTest:
      step_.command = at::CnmiTest();
      step_.kind = CommandKind::kQuery;
      break;
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
    case Stage::kCmmsQuery:
      step_.command = at::CmmsQuery();
      break;
    case Stage::kCregEnable:
      step_.command = Must(at::Creg(1));
      break;
    case Stage::kCgmr:
      step_.command = at::Cgmr();
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kCgsn:
      step_.command = at::Cgsn();
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kCimi:
      step_.command = at::Cimi();
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kCcid:
      step_.command = at::Ccid();
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kCopsFormat:
      step_.command = Must(at::CopsFormat(0));
      break;
    case Stage::kCopsQuery:
      step_.command = at::CopsQuery();
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kCregQuery:
      step_.command = at::CregQuery();
      step_.kind = CommandKind::kQuery;
      break;
    case Stage::kCsq:
      step_.command = at::Csq();
      step_.kind = CommandKind::kQuery;
      break;
  }
  return {InitVerdict::kNext, {}};
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
    // CME 14 (SIM busy) and the bare ERROR of a booting modem: ask again.
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
      if (pin_rejected_) {
        return {InitVerdict::kOperatorNeeded,
                "SIM PIN required; the configured PIN was refused earlier and "
                "is not tried again"};
      }
      if (options_.pin.empty()) {
        return {InitVerdict::kOperatorNeeded, "SIM PIN required and no PIN configured"};
      }
      return Go(Stage::kCpinEnter);
    case at::PinState::kNotReady:
      return PollSim("+CPIN: NOT READY");
    case at::PinState::kNotInserted:
      return {InitVerdict::kOperatorNeeded, "SIM not inserted"};
    case at::PinState::kSimPuk:
    case at::PinState::kPhSimPin:
    case at::PinState::kOther:
      return {InitVerdict::kOperatorNeeded, "SIM requires " + pin->code};
  }
  return {InitVerdict::kFault, "unexpected +CPIN state"};
}

InitOutcome InitSequence::AfterIdentity() { return Go(profile_.has_ccid ? Stage::kCcid : Stage::kCopsFormat); }

InitOutcome InitSequence::OnReply(const CommandReply& reply) {
  if (stage_ == Stage::kCpinEnter) {
    // Any answer but OK counts as a refusal: with no answer we cannot know
    // whether the SIM counted a wrong attempt.
    if (!reply.ok()) {
      pin_rejected_ = true;
      return {InitVerdict::kOperatorNeeded,
              "PIN entry failed (" + reply.Describe() + "); not retried, a SIM locks after three wrong PINs"};
    }
    pin_entered_ = true;
    return Go(Stage::kCpinQuery);
  }
  if (stage_ == Stage::kWake) {
    if (reply.ok()) return Go(Stage::kEchoOff);
    if (++wake_tries_ < options_.wake_attempts) return Go(Stage::kWake);
    return {InitVerdict::kFault, "no OK to AT after " + std::to_string(wake_tries_) + " attempts"};
  }
  if (reply.status != ReplyStatus::kFinal) {
    return {InitVerdict::kFault, step_.command.text + ": " + reply.Describe()};
  }

  const bool ok = reply.ok();
  switch (stage_) {
    case Stage::kWake:
    case Stage::kCpinEnter:
      break;  // handled above
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
    case Stage::kPduMode:
      if (ok) return Go(Stage::kCpmsSet);
      if (++pdu_mode_polls_ < options_.sim_poll_attempts) {
        return Go(Stage::kPduMode, options_.sim_poll_delay);
      }
      return {InitVerdict::kFault, "AT+CMGF=0 refused: " + reply.Describe()};
    case Stage::kCpmsSet:
      if (ok) {
        info_.storage = std::string(kStorages[cpms_candidate_]);
        return Go(Stage::kCnmiTest);
      }
      if (++cpms_candidate_ < kStorages.size()) return Go(Stage::kCpmsSet);
      return Go(Stage::kCpmsQuery);
    case Stage::kCpmsQuery:
      if (std::optional<std::string> line = reply.LineWith("+CPMS:")) {
        Result<std::vector<at::MessageStorage>> s = at::ParseCpms(*line);
        if (s.ok() && !s->empty()) info_.storage = s->front().memory;
      }
      return Go(Stage::kCnmiTest);
    case Stage::kCnmiTest: {
      CnmiSetting first;
      if (std::optional<std::string> line = reply.LineWith("+CNMI:")) {
        Result<at::CnmiSupport> support = at::ParseCnmiTest(*line);
        if (support.ok()) first = ChooseCnmi(*support);
      }
      cnmi_candidates_ = CnmiCandidates(first);
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
    case Stage::kCcid:
      if (ok) info_.iccid = BareValue(reply, "+CCID:");
      return Go(Stage::kCopsFormat);
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

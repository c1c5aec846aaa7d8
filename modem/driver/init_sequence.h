// The init sequence as a sans-I/O state machine: it names the next command,
// the driver runs it and hands back the reply, and the sequence decides what
// follows. So every branch (PIN entry, SIM not ready, storage and CNMI
// fallbacks, the family quirks) is testable by feeding replies.
//
// Order, and why:
//   AT (retried: the modem may still be booting), ATE0, AT+CMEE=1 (numeric
//   errors), AT+CGMI, AT+CGMM (the quirk profile is needed before the rest),
//   AT+CPIN?; when it asks for the PIN: the ICCID (names the SIM for the
//   PinGuard), the remaining attempts (profile's counter commands), then
//   AT+CPIN="…" only if at least 3 attempts remain (or the count is unknown
//   and the PinGuard allows) and the PinGuard has no refusal of this PIN on
//   this SIM; AT+CMGF=0, AT+CPMS (SM, ME, MT; each with three memories, then
//   two, then one: Wavecom Q2xxx take at most two), AT+CNMI=? then AT+CNMI=…
//   stepping down through what the modem offers, AT+CMMS?, AT+CREG=1,
//   AT+CGMR, AT+CGSN, AT+CIMI, the ICCID (profile's commands) unless known,
//   AT+COPS=3,0, AT+COPS?, AT+CREG?, AT+CSQ.
// "SIM busy" (+CME ERROR: 14, CMS 314) and "init in progress" (CME/CMS 515)
// answer any step for seconds after power-up or PIN entry: the step is
// repeated after a delay. A timeout anywhere but the wake-up is a fault (the
// driver resynchronises and starts a new sequence), except an AT+CPIN? whose
// "+CPIN:" line came without a final OK (Wavecom): that line is the answer.
//
// Thread affinity: none; one instance per init attempt, used by one thread.
#ifndef TELLAL_MODEM_DRIVER_INIT_SEQUENCE_H_
#define TELLAL_MODEM_DRIVER_INIT_SEQUENCE_H_

#include <chrono>
#include <string>
#include <vector>

#include "modem/at/at_command.h"
#include "modem/driver/cnmi_choice.h"
#include "modem/driver/command_reply.h"
#include "modem/driver/modem_info.h"
#include "modem/driver/modem_profile.h"
#include "modem/driver/pin_guard.h"

namespace tellal::modem {

struct InitOptions {
  std::string pin;  // empty: none configured
  // Asked before the PIN is entered, told when the SIM refuses it. Not
  // owned; null allows every entry the attempt count allows.
  PinGuard* pin_guard = nullptr;
  std::string device;  // names the SIM for the PinGuard when nothing else does
  int wake_attempts = 5;
  int sim_poll_attempts = 10;
  std::chrono::milliseconds sim_poll_delay{1000};
};

struct InitStep {
  at::AtCommand command;
  CommandKind kind = CommandKind::kBasic;
  std::chrono::milliseconds delay{0};  // wait this long before writing it
  bool secret = false;                 // carries the PIN
};

enum class InitVerdict {
  kNext,            // run step() next
  kDone,            // initialised; see info() and registered()
  kFault,           // resynchronise and try again
  kOperatorNeeded,  // no SIM, SIM failure: stop trying
  kSimLocked,       // PIN refused or missing, PUK, too few attempts: stop trying
};

struct InitOutcome {
  InitVerdict verdict = InitVerdict::kNext;
  std::string reason;  // for kFault / kOperatorNeeded / kSimLocked; never holds the PIN
};

class InitSequence {
 public:
  explicit InitSequence(InitOptions options);

  // The command to run now. Valid after construction and after kNext.
  const InitStep& step() const { return step_; }

  // The reply to step(). Returns what to do next.
  InitOutcome OnReply(const CommandReply& reply);

  const ModemInfo& info() const { return info_; }
  const ModemProfile& profile() const { return profile_; }
  // True once the SIM refused the PIN, or PIN entry got no answer (its
  // outcome is unknown, and a second try could be the third wrong one); the
  // PinGuard has been told.
  bool pin_rejected() const { return pin_rejected_; }
  bool registered() const;
  // How many memories AT+CPMS took (3, 2 or 1); 0 when none was accepted.
  int cpms_arity() const { return cpms_arity_; }

 private:
  enum class Stage {
    kWake,
    kEchoOff,
    kCmee,
    kCgmi,
    kCgmm,
    kCpinQuery,
    kPinIccid,
    kPinCounter,
    kCpinEnter,
    kPduMode,
    kCpmsSet,
    kCpmsQuery,
    kCnmiTest,
    kCnmiSet,
    kCmmsQuery,
    kCregEnable,
    kCgmr,
    kCgsn,
    kCimi,
    kIccid,
    kCopsFormat,
    kCopsQuery,
    kCregQuery,
    kCsq,
  };

  InitOutcome Go(Stage stage, std::chrono::milliseconds delay = std::chrono::milliseconds(0));
  InitOutcome OnCpinState(const CommandReply& reply);
  InitOutcome PollSim(const std::string& why);
  InitOutcome AfterIdentity();
  InitOutcome OnStage(const CommandReply& reply);
  InitOutcome DecidePinEntry();
  InitOutcome Locked(std::string reason);
  bool ReadIccid(const CommandReply& reply);

  InitOptions options_;
  Stage stage_ = Stage::kWake;
  InitStep step_;
  ModemInfo info_;
  ModemProfile profile_;
  int wake_tries_ = 0;
  int sim_polls_ = 0;
  int pdu_mode_polls_ = 0;
  int busy_polls_ = 0;
  bool pin_entered_ = false;
  bool pin_rejected_ = false;
  bool cpin_answer_is_final_ = false;
  std::size_t query_candidate_ = 0;  // ICCID / PIN counter command tried
  std::string pin_fingerprint_;
  SimKey sim_key_;
  std::vector<std::vector<std::string>> cpms_candidates_;
  std::size_t cpms_candidate_ = 0;
  int cpms_arity_ = 0;
  std::vector<CnmiSetting> cnmi_candidates_;
  std::size_t cnmi_candidate_ = 0;
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_INIT_SEQUENCE_H_

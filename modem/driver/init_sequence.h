// The init sequence as a sans-I/O state machine: it names the next command,
// the driver runs it and hands back the reply, and the sequence decides what
// follows. So every branch (PIN entry, SIM not ready, storage and CNMI
// fallbacks, the Huawei CCID quirk) is testable by feeding replies.
//
// Order, and why:
//   AT (retried: the modem may still be booting), ATE0, AT+CMEE=1 (numeric
//   errors), AT+CGMI, AT+CGMM (the quirk profile is needed before the rest),
//   AT+CPIN? and AT+CPIN="…" when asked (once only: a SIM locks after three
//   wrong PINs, so any failure to enter it is final), AT+CMGF=0 (retried: a
//   SIMCom refuses it until "SMS Ready"), AT+CPMS (SM, else ME, else MT,
//   else whatever the modem has), AT+CNMI=? then AT+CNMI=… with fallbacks,
//   AT+CMMS? (supported or not), AT+CREG=1, AT+CGMR, AT+CGSN, AT+CIMI,
//   AT+CCID (unless the profile lacks it), AT+COPS=3,0, AT+COPS?, AT+CREG?,
//   AT+CSQ.
// A timeout anywhere but the wake-up is a fault: the driver resynchronises
// and starts a new sequence.
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

namespace tellal::modem {

struct InitOptions {
  std::string pin;            // empty: none configured
  bool pin_rejected = false;  // refused in an earlier attempt: never resent
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
  kOperatorNeeded,  // PIN refused or missing, PUK, no SIM: stop trying
};

struct InitOutcome {
  InitVerdict verdict = InitVerdict::kNext;
  std::string reason;  // for kFault / kOperatorNeeded; never holds the PIN
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
  // outcome is unknown, and a second try could be the third wrong one).
  bool pin_rejected() const { return pin_rejected_; }
  bool registered() const;

 private:
  enum class Stage {
    kWake,
    kEchoOff,
    kCmee,
    kCgmi,
    kCgmm,
    kCpinQuery,
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
    kCcid,
    kCopsFormat,
    kCopsQuery,
    kCregQuery,
    kCsq,
  };

  InitOutcome Go(Stage stage, std::chrono::milliseconds delay = std::chrono::milliseconds(0));
  InitOutcome OnCpinState(const CommandReply& reply);
  InitOutcome PollSim(const std::string& why);
  InitOutcome AfterIdentity();

  InitOptions options_;
  Stage stage_ = Stage::kWake;
  InitStep step_;
  ModemInfo info_;
  ModemProfile profile_;
  int wake_tries_ = 0;
  int sim_polls_ = 0;
  int pdu_mode_polls_ = 0;
  bool pin_entered_ = false;
  bool pin_rejected_ = false;
  std::size_t cpms_candidate_ = 0;
  std::vector<CnmiSetting> cnmi_candidates_;
  std::size_t cnmi_candidate_ = 0;
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_INIT_SEQUENCE_H_

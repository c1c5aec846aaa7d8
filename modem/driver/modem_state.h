// The driver's health as the dispatcher sees it, and the pure transition
// function that moves it. Keeping transitions in one table makes "what can
// follow what" testable without a serial port.
//
//   absent ──opened──> initialising ──initialised──> ready <──> busy
//      ^                     │                         │  ^
//      │                     └──fault──> recovering <──┘  │ registration
//      └──device missing (from anywhere)     │            v regained/lost
//                                            └──────> degraded
//   failed: needs an operator (no SIM, SIM failure); left only when the
//   device node disappears and returns.
//   sim-locked: the SIM wants a PIN or PUK tellal will not (or cannot) give
//   (refused PIN, PUK, fewer than 3 attempts left, none configured); left the
//   same way. ModemInfo::lock_reason says why.
//
// Pure functions; safe to call from any thread.
#ifndef TELLAL_MODEM_DRIVER_MODEM_STATE_H_
#define TELLAL_MODEM_DRIVER_MODEM_STATE_H_

#include <string_view>

namespace tellal::modem {

enum class ModemState {
  kAbsent,        // no device node, or it cannot be opened; reopening
  kInitialising,  // device open, init sequence running for the first time
  kReady,         // registered, nothing being sent: takes sends
  kBusy,          // registered, a send in flight or queued: takes sends
  kDegraded,      // initialised but not registered: refuses sends
  kRecovering,    // resynchronising, re-initialising or reopening after a fault
  kFailed,        // stopped trying until the device is replugged
  kSimLocked,     // the SIM needs a PIN/PUK tellal will not enter; until replugged
};

enum class ModemEvent {
  kDeviceOpened,
  kDeviceMissing,
  kInitialisedRegistered,
  kInitialisedUnregistered,
  kRegistrationLost,
  kRegistrationRegained,
  kSendStarted,
  kSendsDrained,
  kFault,
  kOperatorNeeded,
  kSimLocked,
};

std::string_view ToString(ModemState state);
std::string_view ToString(ModemEvent event);

// The state after `event` in `state`. Events that do not apply leave the
// state as it is (a registration URC while absent, a fault while failed).
ModemState NextState(ModemState state, ModemEvent event);

// Whether Send() accepts messages in `state`.
bool AcceptsSends(ModemState state);

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_MODEM_STATE_H_

#include "modem/driver/modem_state.h"

namespace tellal::modem {

std::string_view ToString(ModemState state) {
  switch (state) {
    case ModemState::kAbsent:
      return "absent";
    case ModemState::kInitialising:
      return "initialising";
    case ModemState::kReady:
      return "ready";
    case ModemState::kBusy:
      return "busy";
    case ModemState::kDegraded:
      return "degraded";
    case ModemState::kRecovering:
      return "recovering";
    case ModemState::kFailed:
      return "failed";
    case ModemState::kSimLocked:
      return "sim-locked";
  }
  return "?";
}

std::string_view ToString(ModemEvent event) {
  switch (event) {
    case ModemEvent::kDeviceOpened:
      return "device-opened";
    case ModemEvent::kDeviceMissing:
      return "device-missing";
    case ModemEvent::kInitialisedRegistered:
      return "initialised-registered";
    case ModemEvent::kInitialisedUnregistered:
      return "initialised-unregistered";
    case ModemEvent::kRegistrationLost:
      return "registration-lost";
    case ModemEvent::kRegistrationRegained:
      return "registration-regained";
    case ModemEvent::kSendStarted:
      return "send-started";
    case ModemEvent::kSendsDrained:
      return "sends-drained";
    case ModemEvent::kFault:
      return "fault";
    case ModemEvent::kOperatorNeeded:
      return "operator-needed";
    case ModemEvent::kSimLocked:
      return "sim-locked";
  }
  return "?";
}

ModemState NextState(ModemState state, ModemEvent event) {
  using S = ModemState;
  switch (event) {
    case ModemEvent::kDeviceMissing:
      return S::kAbsent;
    case ModemEvent::kOperatorNeeded:
      return S::kFailed;
    case ModemEvent::kSimLocked:
      return S::kSimLocked;
    case ModemEvent::kDeviceOpened:
      // A reopen after repeated faults is still part of the recovery.
      return state == S::kAbsent ? S::kInitialising : state;
    case ModemEvent::kInitialisedRegistered:
    case ModemEvent::kInitialisedUnregistered:
      if (state != S::kInitialising && state != S::kRecovering) return state;
      return event == ModemEvent::kInitialisedRegistered ? S::kReady : S::kDegraded;
    case ModemEvent::kRegistrationLost:
      return state == S::kReady || state == S::kBusy ? S::kDegraded : state;
    case ModemEvent::kRegistrationRegained:
      return state == S::kDegraded ? S::kReady : state;
    case ModemEvent::kSendStarted:
      return state == S::kReady ? S::kBusy : state;
    case ModemEvent::kSendsDrained:
      return state == S::kBusy ? S::kReady : state;
    case ModemEvent::kFault:
      return state == S::kAbsent || state == S::kFailed || state == S::kSimLocked ? state : S::kRecovering;
  }
  return state;
}

bool AcceptsSends(ModemState state) { return state == ModemState::kReady || state == ModemState::kBusy; }

}  // namespace tellal::modem

#include "modem/driver/modem_state.h"
#include "modem/text/enum_names.h"

namespace tellal::modem {

constexpr text::EnumName<ModemState> kModemStateNames[] = {
    {ModemState::kAbsent, "absent"},     {ModemState::kInitialising, "initialising"},
    {ModemState::kReady, "ready"},       {ModemState::kBusy, "busy"},
    {ModemState::kDegraded, "degraded"}, {ModemState::kRecovering, "recovering"},
    {ModemState::kFailed, "failed"},     {ModemState::kSimLocked, "sim-locked"}};

std::string_view ToString(ModemState state) { return text::NameOf(kModemStateNames, state, "?"); }

constexpr text::EnumName<ModemEvent> kModemEventNames[] = {
    {ModemEvent::kDeviceOpened, "device-opened"},
    {ModemEvent::kDeviceMissing, "device-missing"},
    {ModemEvent::kInitialisedRegistered, "initialised-registered"},
    {ModemEvent::kInitialisedUnregistered, "initialised-unregistered"},
    {ModemEvent::kRegistrationLost, "registration-lost"},
    {ModemEvent::kRegistrationRegained, "registration-regained"},
    {ModemEvent::kSendStarted, "send-started"},
    {ModemEvent::kSendsDrained, "sends-drained"},
    {ModemEvent::kFault, "fault"},
    {ModemEvent::kOperatorNeeded, "operator-needed"},
    {ModemEvent::kSimLocked, "sim-locked"}};

std::string_view ToString(ModemEvent event) { return text::NameOf(kModemEventNames, event, "?"); }

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

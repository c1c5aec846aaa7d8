#include "modem/driver/modem_state.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>

namespace tellal::modem {
namespace {

using S = ModemState;
using E = ModemEvent;

TEST_CASE("State transitions follow the lifecycle", "[modem_state]") {
  auto [from, event, to] = GENERATE(table<S, E, S>({
      {S::kAbsent, E::kDeviceOpened, S::kInitialising},
      {S::kInitialising, E::kInitialisedRegistered, S::kReady},
      {S::kInitialising, E::kInitialisedUnregistered, S::kDegraded},
      {S::kReady, E::kSendStarted, S::kBusy},
      {S::kBusy, E::kSendsDrained, S::kReady},
      {S::kReady, E::kRegistrationLost, S::kDegraded},
      {S::kBusy, E::kRegistrationLost, S::kDegraded},
      {S::kDegraded, E::kRegistrationRegained, S::kReady},
      {S::kReady, E::kFault, S::kRecovering},
      {S::kBusy, E::kFault, S::kRecovering},
      {S::kDegraded, E::kFault, S::kRecovering},
      {S::kInitialising, E::kFault, S::kRecovering},
      {S::kRecovering, E::kFault, S::kRecovering},
      {S::kRecovering, E::kInitialisedRegistered, S::kReady},
      {S::kRecovering, E::kInitialisedUnregistered, S::kDegraded},
      // A reopen after repeated faults is still recovery.
      {S::kRecovering, E::kDeviceOpened, S::kRecovering},
      {S::kReady, E::kDeviceMissing, S::kAbsent},
      {S::kRecovering, E::kDeviceMissing, S::kAbsent},
      {S::kFailed, E::kDeviceMissing, S::kAbsent},
      {S::kInitialising, E::kOperatorNeeded, S::kFailed},
      {S::kRecovering, E::kOperatorNeeded, S::kFailed},
      {S::kInitialising, E::kSimLocked, S::kSimLocked},
      {S::kRecovering, E::kSimLocked, S::kSimLocked},
      {S::kSimLocked, E::kDeviceMissing, S::kAbsent},
  }));
  INFO(ToString(from) << " + " << ToString(event));
  CHECK(NextState(from, event) == to);
}

TEST_CASE("Events that do not apply leave the state alone", "[modem_state]") {
  auto [from, event] = GENERATE(table<S, E>({
      {S::kAbsent, E::kFault},
      {S::kFailed, E::kFault},
      {S::kSimLocked, E::kFault},
      {S::kSimLocked, E::kInitialisedRegistered},
      {S::kFailed, E::kInitialisedRegistered},
      {S::kAbsent, E::kRegistrationLost},
      {S::kDegraded, E::kSendStarted},
      {S::kRecovering, E::kSendStarted},
      {S::kReady, E::kSendsDrained},
      {S::kReady, E::kRegistrationRegained},
      {S::kReady, E::kInitialisedRegistered},
      {S::kBusy, E::kDeviceOpened},
      {S::kAbsent, E::kInitialisedRegistered},
  }));
  INFO(ToString(from) << " + " << ToString(event));
  CHECK(NextState(from, event) == from);
}

TEST_CASE("Only ready and busy modems accept sends", "[modem_state]") {
  CHECK(AcceptsSends(S::kReady));
  CHECK(AcceptsSends(S::kBusy));
  for (S s : {S::kAbsent, S::kInitialising, S::kDegraded, S::kRecovering, S::kFailed, S::kSimLocked}) {
    INFO(ToString(s));
    CHECK_FALSE(AcceptsSends(s));
  }
}

}  // namespace
}  // namespace tellal::modem

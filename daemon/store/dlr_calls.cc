#include "daemon/store/dlr_calls.h"

namespace tellal::store {

const char* DlrCallStateName(DlrCallState s) {
  switch (s) {
    case DlrCallState::kPending:
      return "pending";
    case DlrCallState::kDone:
      return "done";
    case DlrCallState::kFailed:
      return "failed";
  }
  return "pending";
}

}  // namespace tellal::store

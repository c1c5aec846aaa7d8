// DlrCalls: the durable outbox of Kannel dlr-url calls (the runner in
// daemon/notify/dlr_runner.h makes them).
//
// Contract for every implementation:
//  - A call is written in the same transaction as the message state change
//    that causes it, when the message has a dlr-url, the new state has a
//    Kannel DLR type (sent 8; delivered 1; failed or expired 2 once sent,
//    else 16; cancelled and suppressed 16; other states none) and that type
//    is set in the message's dlr-mask. It records the type, the answer (%A:
//    the message's error text, else the state's name) and when the state was
//    reached; the URL is expanded from the message when the call is made.
//  - HeadCalls returns pending calls, earliest next attempt first (then
//    oldest), leaving out any call whose message has an older call still
//    pending: a message's calls are made one at a time, in order.
//  - RecordAttempt is one transaction: the attempt counted and the call's
//    next state (pending with a new due time, done or failed).
//  - Errors: storage failures keep the storage's code; RecordAttempt of an
//    unknown call is kNotFound.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store; nothing returned refers back into it.
#ifndef TELLAL_DAEMON_STORE_DLR_CALLS_H_
#define TELLAL_DAEMON_STORE_DLR_CALLS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

enum class DlrCallState { kPending, kDone, kFailed };
const char* DlrCallStateName(DlrCallState s);  // "pending", "done", "failed"

// One call as stored.
struct DlrCall {
  int64_t id = 0;
  int64_t message_id = 0;
  int dlr_type = 0;
  std::string answer;
  Millis state_at = 0;
  DlrCallState state = DlrCallState::kPending;
  int attempts = 0;
  Millis next_attempt_at = 0;
  std::optional<int> last_status;
  std::optional<std::string> last_error;
  Millis created_at = 0;
  std::optional<Millis> finished_at;
};

// What the runner needs to make one call: the call and its message's
// fields, read when the call is made.
struct DueDlrCall {
  int64_t id = 0;
  int64_t message_id = 0;
  int dlr_type = 0;
  std::string answer;
  Millis state_at = 0;
  int attempts = 0;  // made so far
  Millis next_attempt_at = 0;
  // nullopt: the message (or its dlr-url) is gone, e.g. purged.
  std::optional<std::string> url_template;
  std::string destination;
  std::optional<std::string> modem;
};

// How an attempt ended, and what follows.
struct DlrCallOutcome {
  int64_t call_id = 0;
  Millis finished_at = 0;
  std::optional<int> http_status;  // nullopt: no answer
  std::string error;               // empty when 2xx
  enum class Next { kDone, kRetry, kFailed } next = Next::kRetry;
  Millis retry_at = 0;  // kRetry only
};

class DlrCalls {
 public:
  virtual ~DlrCalls() = default;

  // At most `limit` (1..) calls, as the contract says.
  virtual Result<std::vector<DueDlrCall>> HeadCalls(int limit) = 0;
  virtual Status RecordAttempt(const DlrCallOutcome& outcome) = 0;
  // A message's calls, oldest first (for tests and diagnostics).
  virtual Result<std::vector<DlrCall>> CallsFor(int64_t message_id) = 0;

  // `written` runs when a call row is written, inside the writer's
  // transaction, so it must only schedule work: the runner posts a wake-up
  // to its io_context, which runs after the writer's handler has committed.
  virtual void OnCallWritten(std::function<void()> written) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_DLR_CALLS_H_

// The outcome of one AT command as the driver's queue hands it to whoever
// asked: its information lines and final result, or why there is none.
//
// Plain values; the helpers are pure.
#ifndef TELLAL_MODEM_DRIVER_COMMAND_REPLY_H_
#define TELLAL_MODEM_DRIVER_COMMAND_REPLY_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modem/at/at_event.h"
#include "modem/driver/modem_config.h"

namespace tellal::modem {

// Chooses the timeout (see Timeouts) a command runs under.
enum class CommandKind { kBasic, kQuery, kPin, kSim, kSend };

// For kSend this is the prompt timeout; the send timeout starts at the
// prompt.
std::chrono::milliseconds TimeoutFor(CommandKind kind, const Timeouts& timeouts);

enum class ReplyStatus {
  kFinal,    // a final result arrived; see `final`
  kTimeout,  // none arrived in time; the engine has abandoned the command
  kAborted,  // the driver dropped it: device lost, fault elsewhere, Stop()
};

struct CommandReply {
  ReplyStatus status = ReplyStatus::kAborted;
  std::vector<at::Line> lines;
  at::Final final;           // meaningful for kFinal
  bool prompt_seen = false;  // AT+CMGS: the payload was written
  std::string why;           // for kAborted: the reason, for logs

  bool ok() const { return status == ReplyStatus::kFinal && final.ok(); }

  // The first kText line starting with `prefix` (the whole line; an empty
  // prefix takes the first kText line).
  std::optional<std::string> LineWith(std::string_view prefix) const;

  // "OK", "+CME ERROR: 16", "timeout", "aborted: device lost": for logs.
  std::string Describe() const;

  static CommandReply Aborted(std::string why);
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_COMMAND_REPLY_H_

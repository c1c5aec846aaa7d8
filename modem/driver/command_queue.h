// The driver's AT command queue: commands wait in order, one is in flight,
// and the in-flight one collects its reply until a final result, a timeout or
// an abort ends it. Holds no I/O and no timers: the driver writes the bytes
// and owns the timer; the queue only remembers.
//
// Thread affinity: none; used by one thread (the driver's io_context).
#ifndef TELLAL_MODEM_DRIVER_COMMAND_QUEUE_H_
#define TELLAL_MODEM_DRIVER_COMMAND_QUEUE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modem/at/at_command.h"
#include "modem/driver/command_reply.h"

namespace tellal::modem {

struct QueuedCommand {
  using Completion = std::function<void(CommandReply)>;

  at::AtCommand command;
  CommandKind kind = CommandKind::kBasic;
  bool secret = false;       // carries a PIN: logged masked
  bool is_send = false;      // an AT+CMGS from Send(): counted for kBusy and CMMS
  bool more_follow = false;  // Send(): the caller has more messages queued
  // The completion decides what a timeout means (init's wake-up retries);
  // otherwise a timeout is a fault and the driver resynchronises.
  bool owner_handles_timeout = false;
  // Resynchronisation marker: a final result only counts once a line with
  // this prefix has arrived; a final before it is a stale answer to a
  // command abandoned earlier, and is ignored.
  std::string marker_prefix;
  // Overrides the timeout its kind would get.
  std::optional<std::chrono::milliseconds> timeout;
  Completion done;  // called exactly once, with the reply
};

class CommandQueue {
 public:
  void push_back(QueuedCommand command);
  void push_front(QueuedCommand command);

  bool in_flight() const { return in_flight_.has_value(); }
  bool has_pending() const { return !pending_.empty(); }
  const QueuedCommand* front() const;

  // Moves the first waiting command in flight and returns it.
  // Preconditions: !in_flight() && has_pending().
  const QueuedCommand& StartNext();

  // The command in flight. Precondition: in_flight().
  const QueuedCommand& current() const { return in_flight_->command; }
  // Tells timer expiries of an earlier command from this one's.
  std::uint64_t current_id() const { return in_flight_id_; }
  bool prompt_seen() const { return in_flight_ && in_flight_->reply.prompt_seen; }

  // Precondition: in_flight().
  void AddLine(at::Line line);
  // Whether an information line of the command in flight starts with
  // `prefix`. Precondition: in_flight().
  bool HasLineWithPrefix(std::string_view prefix) const;
  void MarkPrompt();

  // Ends the command in flight; the caller then runs `done(reply)`.
  // Precondition: in_flight().
  std::pair<QueuedCommand, CommandReply> Finish(ReplyStatus status, at::Final final = {}, std::string why = {});

  // Removes every waiting command (not the one in flight), in order.
  std::vector<QueuedCommand> TakePending();

  // Sends waiting (not counting the one in flight).
  std::size_t pending_sends() const;
  bool send_in_flight() const { return in_flight_ && in_flight_->command.is_send; }

 private:
  struct InFlight {
    QueuedCommand command;
    CommandReply reply;
  };
  std::deque<QueuedCommand> pending_;
  std::optional<InFlight> in_flight_;
  std::uint64_t in_flight_id_ = 0;
  std::size_t pending_sends_ = 0;
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_COMMAND_QUEUE_H_

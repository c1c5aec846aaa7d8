#include "modem/driver/command_queue.h"

#include <cassert>

namespace tellal::modem {

void CommandQueue::push_back(QueuedCommand command) {
  if (command.is_send) ++pending_sends_;
  pending_.push_back(std::move(command));
}

void CommandQueue::push_front(QueuedCommand command) {
  if (command.is_send) ++pending_sends_;
  pending_.push_front(std::move(command));
}

const QueuedCommand* CommandQueue::front() const { return pending_.empty() ? nullptr : &pending_.front(); }

const QueuedCommand& CommandQueue::StartNext() {
  assert(!in_flight_ && !pending_.empty());
  if (pending_.front().is_send) --pending_sends_;
  in_flight_.emplace(InFlight{std::move(pending_.front()), CommandReply{}});
  pending_.pop_front();
  ++in_flight_id_;
  return in_flight_->command;
}

void CommandQueue::AddLine(at::Line line) {
  assert(in_flight_);
  in_flight_->reply.lines.push_back(std::move(line));
}

bool CommandQueue::HasLineWithPrefix(std::string_view prefix) const {
  assert(in_flight_);
  for (const at::Line& line : in_flight_->reply.lines) {
    if (std::string_view(line.text).substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

void CommandQueue::MarkPrompt() {
  assert(in_flight_);
  in_flight_->reply.prompt_seen = true;
}

std::pair<QueuedCommand, CommandReply> CommandQueue::Finish(ReplyStatus status, at::Final final, std::string why) {
  assert(in_flight_);
  InFlight done = std::move(*in_flight_);
  in_flight_.reset();
  done.reply.status = status;
  done.reply.final = std::move(final);
  done.reply.why = std::move(why);
  return {std::move(done.command), std::move(done.reply)};
}

std::vector<QueuedCommand> CommandQueue::TakePending() {
  std::vector<QueuedCommand> out(std::make_move_iterator(pending_.begin()), std::make_move_iterator(pending_.end()));
  pending_.clear();
  pending_sends_ = 0;
  return out;
}

std::size_t CommandQueue::pending_sends() const { return pending_sends_; }

}  // namespace tellal::modem

#include "modem/driver/command_reply.h"

#include <utility>

namespace tellal::modem {

std::chrono::milliseconds TimeoutFor(CommandKind kind, const Timeouts& timeouts) {
  switch (kind) {
    case CommandKind::kBasic:
      return timeouts.basic;
    case CommandKind::kQuery:
      return timeouts.query;
    case CommandKind::kPin:
      return timeouts.pin;
    case CommandKind::kSim:
      return timeouts.sim;
    case CommandKind::kSend:
      return timeouts.prompt;
  }
  return timeouts.basic;
}

std::optional<std::string> CommandReply::LineWith(std::string_view prefix) const {
  for (const at::Line& line : lines) {
    if (line.role != at::LineRole::kText) continue;
    if (std::string_view(line.text).substr(0, prefix.size()) == prefix) {
      return line.text;
    }
  }
  return std::nullopt;
}

std::string CommandReply::Describe() const {
  switch (status) {
    case ReplyStatus::kFinal:
      return final.text;
    case ReplyStatus::kTimeout:
      return "timeout";
    case ReplyStatus::kAborted:
      return "aborted: " + why;
  }
  return "?";
}

CommandReply CommandReply::Aborted(std::string why) {
  CommandReply reply;
  reply.status = ReplyStatus::kAborted;
  reply.why = std::move(why);
  return reply;
}

}  // namespace tellal::modem

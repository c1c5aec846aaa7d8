#include "modem/vmodem/command_line_parser.h"

namespace tellal::vmodem {
namespace {

constexpr char kBackspace = 0x08;  // S5 default (V.250 §6.2.3)

bool IsPrintable(char c) { return static_cast<unsigned char>(c) >= 0x20 && c != 0x7F; }

}  // namespace

std::optional<HostInput> CommandLineParser::Next() { return in_payload_ ? NextPayload() : NextCommand(); }

void CommandLineParser::Reset() {
  pending_.clear();
  in_payload_ = false;
}

std::optional<HostInput> CommandLineParser::NextCommand() {
  for (;;) {
    const std::size_t cr = pending_.find('\r');
    if (cr == std::string::npos) {
      // Without a line end, only keep as much as a line may hold.
      if (pending_.size() > kMaxLine) pending_.erase(0, pending_.size() - kMaxLine);
      return std::nullopt;
    }
    HostInput input;
    input.echo = pending_.substr(0, cr + 1);
    pending_.erase(0, cr + 1);
    // "\r\n" hosts: the '\n' is left over at the start of the next line.
    for (char c : input.echo) {
      if (c == kBackspace) {
        if (!input.text.empty()) input.text.pop_back();
      } else if (IsPrintable(c) && input.text.size() < kMaxLine) {
        input.text.push_back(c);
      }
    }
    const std::size_t first = input.text.find_first_not_of(' ');
    if (first == std::string::npos) continue;  // empty lines get no answer
    input.text.erase(0, first);
    while (input.text.back() == ' ') input.text.pop_back();
    input.echo.erase(0, input.echo.find_first_not_of('\n'));
    return input;
  }
}

std::optional<HostInput> CommandLineParser::NextPayload() {
  const std::size_t end = pending_.find_first_of(std::string{kCtrlZ, kEsc});
  if (end == std::string::npos) {
    // A host that never ends its payload must not grow memory; what is cut
    // then fails the length check, as on a modem whose buffer overflowed.
    if (pending_.size() > 4 * kMaxLine) pending_.erase(0, pending_.size() - 4 * kMaxLine);
    return std::nullopt;
  }
  HostInput input;
  input.kind = pending_[end] == kEsc ? HostInput::Kind::kPayloadAborted : HostInput::Kind::kPayload;
  input.echo = pending_.substr(0, end + 1);
  for (std::size_t i = 0; i < end && input.text.size() < 2 * kMaxLine; ++i) {
    if (IsPrintable(pending_[i]) && pending_[i] != ' ') input.text.push_back(pending_[i]);
  }
  pending_.erase(0, end + 1);
  in_payload_ = false;
  return input;
}

}  // namespace tellal::vmodem

// Splits what a host writes to the modem into command lines and, after a
// "> " prompt, the PDU payload (TS 27.005 §3.5.1: ended by Ctrl-Z, cancelled
// by ESC). The modem side of the AT protocol; pure, no I/O.
//
// Input is buffered and taken one item at a time with Next(), because the
// meaning of the bytes after "AT+CMGS=n\r" depends on the modem's answer: a
// host that writes command and PDU in one go still gets them parsed right
// once the modem calls ExpectPayload().
#ifndef TELLAL_MODEM_VMODEM_COMMAND_LINE_PARSER_H_
#define TELLAL_MODEM_VMODEM_COMMAND_LINE_PARSER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tellal::vmodem {

inline constexpr char kCtrlZ = 0x1A;
inline constexpr char kEsc = 0x1B;

struct HostInput {
  enum class Kind {
    kCommandLine,     // `text` without the '\r'; never empty
    kPayload,         // `text` is the payload without Ctrl-Z and line ends
    kPayloadAborted,  // ESC after the prompt
  };
  Kind kind = Kind::kCommandLine;
  std::string text;
  // The bytes as typed, for the modem's echo ("AT\r", "0011...\x1A").
  std::string echo;
};

class CommandLineParser {
 public:
  // Longer lines are cut here; a modem's input buffer is finite too.
  static constexpr std::size_t kMaxLine = 1024;

  void Append(std::string_view bytes) { pending_.append(bytes); }

  // The next complete item, if the buffer holds one.
  std::optional<HostInput> Next();

  // The following bytes are a PDU payload, up to Ctrl-Z or ESC.
  void ExpectPayload() { in_payload_ = true; }
  bool in_payload() const { return in_payload_; }

  // Drops buffered input and the payload state (power-up, hang).
  void Reset();

 private:
  std::optional<HostInput> NextCommand();
  std::optional<HostInput> NextPayload();

  std::string pending_;
  bool in_payload_ = false;
};

}  // namespace tellal::vmodem

#endif  // TELLAL_MODEM_VMODEM_COMMAND_LINE_PARSER_H_

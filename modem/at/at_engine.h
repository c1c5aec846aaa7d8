// AtEngine: the sans-I/O AT protocol engine. Bytes from the modem go in, in
// whatever chunks the serial port delivers them; events come out.
//
// The engine owns no I/O, timers or threads. The driver writes the command,
// tells the engine about it with BeginCommand(), and feeds every byte it
// reads. It decides timeouts itself and calls AbandonCommand() when it gives
// up on a command (then resynchronises with a plain "AT").
//
// How a complete line is classified, in this order:
//   1. the echo of the pending command (or of its prompt payload): dropped;
//   2. the PDU line a two-line URC (+CMT, +CDS) is waiting for;
//   3. the PDU line following a +CMGR / +CMGL header of the pending command;
//   4. a final result, whole line only ("xxOK" is not OK): ends the command;
//   5. a line starting with the pending command's response prefix: Line;
//   6. a line matching the URC table: Urc (so a URC in the middle of a
//      response does not corrupt it);
//   7. anything else: Line if the pending command answers with bare lines
//      (AT+CGMI), otherwise Urc{kUnknown}.
// So "+CPIN: READY" is the answer to AT+CPIN? while that is pending, and a
// URC otherwise. A final result with no command pending is Urc{kUnknown}:
// it is late, and must not be credited to anything.
//
// Line ends may be "\r\n", bare "\r" or bare "\n"; blank lines are skipped.
// NUL, other control bytes and 0xFF (power-glitch noise) are dropped. Lines
// longer than the limit are discarded with an Overflow event, so garbage
// cannot grow memory.
//
// Thread affinity: none; one instance is used by one thread at a time.
// Results are independent of how the input is chunked.
#ifndef TELLAL_MODEM_AT_AT_ENGINE_H_
#define TELLAL_MODEM_AT_AT_ENGINE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modem/at/at_command.h"
#include "modem/at/at_event.h"

namespace tellal::at {

// The final result code `line` (already stripped of its line end) stands for,
// if any. Whole lines only: "OK" is OK, "xxOK" and "OK?" are not. Numeric
// results (ATV0) are recognised too: "0" is OK, "3" "4" "6" "7" "8" errors.
std::optional<Final> ParseFinalResult(std::string_view line);

class AtEngine {
 public:
  static constexpr std::size_t kDefaultMaxLineLength = 4096;

  explicit AtEngine(std::size_t max_line_length = kDefaultMaxLineLength);

  // Starts expecting the response of `command`, which the caller has written
  // (or is about to write). One command at a time: a command still pending is
  // abandoned.
  void BeginCommand(AtCommand command);

  // Forgets the pending command (after a timeout). Its late lines then come
  // out as URCs of kind kUnknown.
  void AbandonCommand();

  // Forgets everything, including a partial line: for a reopened device.
  void Reset();

  bool command_pending() const { return pending_.has_value(); }

  // Consumes `bytes` and returns the events they complete, in order.
  [[nodiscard]] std::vector<AtEvent> Feed(std::string_view bytes);

 private:
  void OnByte(char c, std::vector<AtEvent>& out);
  void OnLineEnd(std::vector<AtEvent>& out);
  void OnLine(const std::string& line, std::vector<AtEvent>& out);
  bool AwaitingPrompt() const;
  void ClearCommand();

  std::size_t max_line_length_;
  std::string line_;
  bool discarding_ = false;      // an overflowing line is being skipped
  bool skip_one_space_ = false;  // the ' ' of "> " after a Prompt

  std::optional<AtCommand> pending_;
  bool echo_seen_ = false;
  bool prompt_seen_ = false;
  bool payload_echo_seen_ = false;
  bool pdu_expected_ = false;  // the pending command's PDU line comes next

  std::optional<Urc> partial_urc_;  // a +CMT / +CDS waiting for its PDU line
};

}  // namespace tellal::at

#endif  // TELLAL_MODEM_AT_AT_ENGINE_H_

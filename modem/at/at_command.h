// What the AT engine needs to know about the command in flight, so it can tell
// the command's own response lines from unsolicited ones.
//
// Build these with the functions in modem/at/at_commands.h rather than by
// hand: they fill in the prefix and flags that match each command.
#ifndef TELLAL_MODEM_AT_AT_COMMAND_H_
#define TELLAL_MODEM_AT_AT_COMMAND_H_

#include <string>

namespace tellal::at {

struct AtCommand {
  // The command line without its terminating '\r', e.g. "AT+CSQ". With echo
  // on the modem sends it back, and the engine drops that line.
  std::string text;

  // Information lines starting with this belong to the command ("+CSQ:").
  // Empty when the command answers with a bare line or only a final result.
  std::string response_prefix;

  // The answer is an unprefixed line (AT+CGMI, AT+CGSN, AT+CIMI, AT+CCID):
  // any line that is neither a final result nor a known URC is the command's.
  bool bare_response = false;

  // The response-prefix line is the whole answer: no final result follows.
  // Wavecom Q2403A / Fastrack M1306B answer AT+CPIN? with "+CPIN: READY" and
  // no OK (python-gsmmodem fakemodems; oFono plugins/wavecom.c); set from the
  // driver's profile, never for modems that do send OK (the OK would then be
  // credited to the next command).
  bool prefix_line_is_final = false;

  // +CMGR / +CMGL in PDU mode: every header line is followed by a PDU line.
  bool pdu_follows_header = false;

  // Non-empty for AT+CMGS / AT+CMGW: after the "> " prompt the driver writes
  // payload + Ctrl-Z; the engine drops the modem's echo of the payload.
  std::string payload;

  bool expects_prompt() const { return !payload.empty(); }
};

}  // namespace tellal::at

#endif  // TELLAL_MODEM_AT_AT_COMMAND_H_

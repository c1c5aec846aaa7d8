// What became of one Send(): the TP-Message-Reference, or a failure class
// the dispatcher can act on without knowing AT.
//
// Pure functions; safe to call from any thread.
#ifndef TELLAL_MODEM_DRIVER_SEND_RESULT_H_
#define TELLAL_MODEM_DRIVER_SEND_RESULT_H_

#include <string>
#include <string_view>

#include "modem/driver/command_reply.h"

namespace tellal::modem {

enum class SendError {
  kNone,
  kPermanent,    // +CMS/+CME: the message or destination is bad; don't retry
  kTemporary,    // +CMS/+CME: network, congestion, memory; retry, maybe elsewhere
  kModem,        // +CMS/+CME: SIM or modem fault; route to another modem
  kTimeout,      // no answer after the PDU was written: it MAY have been sent
  kUnavailable,  // not attempted (not ready, recovering, stopping, no prompt):
                 // the message certainly did not go out; route elsewhere
};

std::string_view ToString(SendError error);

// Which table `code` comes from: +CMS ERROR (TS 27.005 §3.2.5) or
// +CME ERROR (TS 27.007 §9.2).
enum class ErrorTable { kNone, kCms, kCme };

struct SendResult {
  bool ok = false;
  int message_reference = -1;  // TP-MR from +CMGS: <mr>; -1 if not given
  SendError error = SendError::kNone;
  int code = -1;  // the +CMS / +CME code, -1 for other failures
  ErrorTable table = ErrorTable::kNone;
  std::string detail;  // human-readable: "+CMS ERROR: 38 (network out of order)"
};

SendResult SendUnavailable(std::string why);

// Interprets the reply to AT+CMGS.
SendResult SendResultFromReply(const CommandReply& reply);

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_SEND_RESULT_H_

// Reads the replies of AT+CMGR and AT+CMGL (PDU mode) into stored messages:
// index, status and PDU hex, header and PDU line paired.
//
// Pure functions; safe to call from any thread.
#ifndef TELLAL_MODEM_DRIVER_STORED_MESSAGES_H_
#define TELLAL_MODEM_DRIVER_STORED_MESSAGES_H_

#include <string>
#include <vector>

#include "modem/driver/command_reply.h"
#include "modem/result.h"

namespace tellal::modem {

struct StoredPdu {
  int index = 0;
  int stat = 0;  // 0 received unread, 1 received read, 2 unsent, 3 sent
  std::string pdu_hex;
};

// AT+CMGR=<index>: one header and its PDU. An OK with no header means the
// slot is empty (some modems answer so instead of +CMS ERROR: 321).
// Precondition: reply.ok().
Result<StoredPdu> ParseCmgrReply(const CommandReply& reply, int index);

// AT+CMGL: every header with its PDU. Entries whose header does not parse
// or whose PDU line is missing are skipped and named in `skipped`.
// Precondition: reply.ok().
struct StoredList {
  std::vector<StoredPdu> messages;
  std::vector<std::string> skipped;
};
StoredList ParseCmglReply(const CommandReply& reply);

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_STORED_MESSAGES_H_

// Records of conversations: a number's inbound (inbox) and outbound
// (messages) entries seen as one thread, and the per-number summary that
// lists them. Values only, like records.h; times are milliseconds since the
// Unix epoch, UTC.
#ifndef TELLAL_DAEMON_STORE_CONVERSATION_RECORDS_H_
#define TELLAL_DAEMON_STORE_CONVERSATION_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/store/records.h"

namespace tellal::store {

enum class Direction { kInbound, kOutbound };
const char* DirectionName(Direction d);  // "inbound", "outbound"

// One entry of a thread: an inbox row (inbound) or a message (outbound).
// Ids are the inbox's or the messages' own, so (direction, id) names it.
struct ConversationEntry {
  Direction direction = Direction::kInbound;
  int64_t id = 0;
  std::string text;
  // Inbound: received_at. Outbound: created_at (when it was accepted), the
  // order a person wrote things in, even if it went out later.
  Millis at = 0;
  // Inbound: the modem it arrived on. Outbound: the modem it went out on,
  // else the one it is pinned to; absent while neither is known.
  std::optional<std::string> modem;
  std::optional<MessageState> state;  // outbound only
  std::optional<std::string> error_code;  // outbound only, when it has one
  bool read = false;         // inbound only: marked read (MarkRead)
  bool undecodable = false;  // inbound only: a PDU kept as it came (inbox.h)
};

// One row of the listing: a number's newest entry and what a person
// answering needs to know.
struct ConversationSummary {
  std::string number;
  std::optional<std::string> contact_name;  // when a contact has this number
  ConversationEntry last;                   // the newest entry, either direction
  int unread = 0;                           // inbound entries not marked read
  // The modem the number last wrote to: a reply goes out there. Absent when
  // it never wrote (only outbound entries).
  std::optional<std::string> last_inbound_modem;
};

struct ConversationFilter {
  // A number prefix ("+90532") or part of the contact's name (Turkish-
  // folded, like contact searches). Absent: every conversation.
  std::optional<std::string> query;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_CONVERSATION_RECORDS_H_

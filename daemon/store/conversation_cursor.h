// Cursors of the conversation listings. The conversation listing is
// ordered by activity, not by an id, and a thread merges two id spaces, so
// page_cursor.h's "kind + id" cannot name a position: these carry the sort
// key of the last row shown.
//   listing: "v<last_at>:<number>"            (numbers may hold ':' — the rest is the number)
//   thread:  "t<at>:<0 inbound|1 outbound>:<id>"
// Opaque to clients, but checked, so a mangled or foreign cursor is
// kInvalidArgument ("cursor: malformed") rather than a wrong page.
// Internal to daemon/store.
#ifndef TELLAL_DAEMON_STORE_CONVERSATION_CURSOR_H_
#define TELLAL_DAEMON_STORE_CONVERSATION_CURSOR_H_

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/store/conversation_records.h"
#include "modem/result.h"

namespace tellal::store {

struct ActivityPosition {
  Millis last_at = 0;
  std::string number;
};

struct ThreadPosition {
  Millis at = 0;
  Direction direction = Direction::kInbound;
  int64_t id = 0;
};

std::string MakeActivityCursor(const ActivityPosition& p);
// nullopt: the first page ("").
Result<std::optional<ActivityPosition>> ParseActivityCursor(const std::string& cursor);

std::string MakeThreadCursor(const ThreadPosition& p);
Result<std::optional<ThreadPosition>> ParseThreadCursor(const std::string& cursor);

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_CONVERSATION_CURSOR_H_

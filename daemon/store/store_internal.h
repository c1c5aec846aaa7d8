// Helpers shared by the two halves of MessageStore's implementation.
// Internal to daemon/store.
#ifndef TELLAL_DAEMON_STORE_STORE_INTERNAL_H_
#define TELLAL_DAEMON_STORE_STORE_INTERNAL_H_

#include <cstdint>
#include <optional>
#include <string>

#include "modem/result.h"

namespace tellal::store {

inline constexpr int kMaxPageSize = 1000;

// "<operation>: <inner message>".
inline Error Op(const std::string& operation, const Error& inner) { return Wrap(operation, inner); }

// Cursors are a kind letter ('m' messages, 'i' inbox) and the last id
// shown. Opaque to clients, but checked, so a mangled or foreign cursor is
// an error rather than a wrong page.
std::string MakeCursor(char kind, int64_t id);
Result<std::optional<int64_t>> ParseCursor(char kind, const std::string& cursor);

Status ValidateLimit(int limit);  // 1..kMaxPageSize

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_STORE_INTERNAL_H_

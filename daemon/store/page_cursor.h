// Paging for the store's listings, the same for every implementation.
//
// Cursors are a kind letter ('m' messages, 'i' inbox, 'c' contacts, 'k'
// consents, 'o' opt-outs, 'b' blocked) and the last id
// shown. Opaque to clients, but checked, so a mangled or foreign cursor is
// kInvalidArgument rather than a wrong page. Internal to daemon/store.
#ifndef TELLAL_DAEMON_STORE_PAGE_CURSOR_H_
#define TELLAL_DAEMON_STORE_PAGE_CURSOR_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

inline constexpr char kMessageCursor = 'm';
inline constexpr char kInboxCursor = 'i';
inline constexpr char kContactCursor = 'c';
inline constexpr char kConsentCursor = 'k';
inline constexpr char kOptOutCursor = 'o';
inline constexpr char kBlockedCursor = 'b';

std::string MakeCursor(char kind, int64_t id);
// nullopt: the first page ("").
Result<std::optional<int64_t>> ParseCursor(char kind, const std::string& cursor);

Status ValidateLimit(int limit);  // 1..kMaxPageSize

// A page from up to limit + 1 rows in newest-first order: the extra row
// only says that another page follows. T has an `id`.
template <typename T>
Page<T> MakePage(std::vector<T> rows, int limit, char kind) {
  Page<T> page;
  if (rows.size() > static_cast<size_t>(limit)) {
    rows.resize(static_cast<size_t>(limit));
    page.next_cursor = MakeCursor(kind, rows.back().id);
  }
  page.items = std::move(rows);
  return page;
}

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_PAGE_CURSOR_H_

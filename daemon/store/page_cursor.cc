#include "daemon/store/page_cursor.h"

#include <charconv>

namespace tellal::store {

std::string MakeCursor(char kind, int64_t id) { return kind + std::to_string(id); }

Result<std::optional<int64_t>> ParseCursor(char kind, const std::string& cursor) {
  if (cursor.empty()) return std::optional<int64_t>();
  if (cursor.size() < 2 || cursor[0] != kind) return Error::InvalidArgument("cursor: malformed");
  const char* begin = cursor.data() + 1;
  const char* end = cursor.data() + cursor.size();
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(begin, end, id);
  if (ec != std::errc() || ptr != end || id <= 0) return Error::InvalidArgument("cursor: malformed");
  return std::optional<int64_t>(id);
}

Status ValidateLimit(int limit) {
  if (limit < 1 || limit > kMaxPageSize) {
    return Error::InvalidArgument("limit: " + std::to_string(limit) + " is outside 1.." + std::to_string(kMaxPageSize));
  }
  return Status::Ok();
}

}  // namespace tellal::store

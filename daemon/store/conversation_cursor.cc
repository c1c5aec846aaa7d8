#include "daemon/store/conversation_cursor.h"

#include <charconv>
#include <string_view>

namespace tellal::store {
namespace {

Error Malformed() { return Error::InvalidArgument("cursor: malformed"); }

// Reads a non-negative integer up to ':' and steps past the ':'.
std::optional<int64_t> TakeNumberAndColon(std::string_view& rest) {
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + colon, value);
  if (ec != std::errc() || ptr != rest.data() + colon || value < 0) return std::nullopt;
  rest.remove_prefix(colon + 1);
  return value;
}

}  // namespace

std::string MakeActivityCursor(const ActivityPosition& p) {
  return "v" + std::to_string(p.last_at) + ":" + p.number;
}

Result<std::optional<ActivityPosition>> ParseActivityCursor(const std::string& cursor) {
  if (cursor.empty()) return std::optional<ActivityPosition>();
  if (cursor[0] != 'v') return Malformed();
  std::string_view rest(cursor);
  rest.remove_prefix(1);
  auto last_at = TakeNumberAndColon(rest);
  if (!last_at || rest.empty()) return Malformed();
  return std::optional<ActivityPosition>(ActivityPosition{*last_at, std::string(rest)});
}

std::string MakeThreadCursor(const ThreadPosition& p) {
  return "t" + std::to_string(p.at) + ":" + (p.direction == Direction::kInbound ? "0" : "1") + ":" +
         std::to_string(p.id);
}

Result<std::optional<ThreadPosition>> ParseThreadCursor(const std::string& cursor) {
  if (cursor.empty()) return std::optional<ThreadPosition>();
  if (cursor[0] != 't') return Malformed();
  std::string_view rest(cursor);
  rest.remove_prefix(1);
  auto at = TakeNumberAndColon(rest);
  if (!at || rest.size() < 3 || (rest[0] != '0' && rest[0] != '1') || rest[1] != ':') return Malformed();
  const Direction direction = rest[0] == '0' ? Direction::kInbound : Direction::kOutbound;
  rest.remove_prefix(2);
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
  if (ec != std::errc() || ptr != rest.data() + rest.size() || id <= 0) return Malformed();
  return std::optional<ThreadPosition>(ThreadPosition{*at, direction, id});
}

}  // namespace tellal::store

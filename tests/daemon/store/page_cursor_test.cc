#include "daemon/store/page_cursor.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace tellal::store;
using tellal::ErrorCode;

namespace {

struct Item {
  int64_t id;
};

std::vector<Item> Items(std::vector<int64_t> ids) {
  std::vector<Item> items;
  for (int64_t id : ids) items.push_back(Item{id});
  return items;
}

}  // namespace

TEST_CASE("ACursorParsesBackToItsId", "[page_cursor]") {
  const int64_t id = GENERATE(int64_t{1}, int64_t{42}, int64_t{9'007'199'254'740'993});
  const std::string cursor = MakeCursor(kMessageCursor, id);
  auto parsed = ParseCursor(kMessageCursor, cursor);
  REQUIRE(parsed.ok());
  CHECK(*parsed == id);
  CHECK(ParseCursor(kMessageCursor, "")->has_value() == false);  // the first page
}

TEST_CASE("AMangledOrForeignCursorIsRefused", "[page_cursor]") {
  const std::string cursor = GENERATE("m", "x5", "i5", "m0", "m-3", "m5x", "m 5", "m99999999999999999999");
  auto parsed = ParseCursor(kMessageCursor, cursor);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("ALimitIsBetweenOneAndTheMaximumPage", "[page_cursor]") {
  auto [limit, ok] =
      GENERATE(table<int, bool>({{0, false}, {1, true}, {kMaxPageSize, true}, {kMaxPageSize + 1, false}, {-1, false}}));
  CHECK(ValidateLimit(limit).ok() == ok);
}

TEST_CASE("TheExtraRowMakesANextCursorAndIsDropped", "[page_cursor]") {
  Page<Item> full = MakePage(Items({9, 8, 7}), 2, kInboxCursor);
  REQUIRE(full.items.size() == 2);
  CHECK(full.items.back().id == 8);
  CHECK(full.next_cursor == "i8");
  Page<Item> last = MakePage(Items({9, 8}), 2, kInboxCursor);
  CHECK(last.items.size() == 2);
  CHECK(last.next_cursor.empty());
  CHECK(MakePage(Items({}), 5, kInboxCursor).next_cursor.empty());
}

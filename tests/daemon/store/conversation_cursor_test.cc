#include "daemon/store/conversation_cursor.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>

using namespace tellal;
using namespace tellal::store;

TEST_CASE("ActivityCursorsRoundTripEvenWithColonsInTheNumber", "[conversation_cursor]") {
  auto [last_at, number] = GENERATE(table<Millis, std::string>({
      {0, "+905321234567"},
      {1'780'000'000'000, "Design@Home"},
      {42, "a:b:c"},
  }));
  const std::string cursor = MakeActivityCursor({last_at, number});
  auto parsed = ParseActivityCursor(cursor);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->has_value());
  CHECK((*parsed)->last_at == last_at);
  CHECK((*parsed)->number == number);
}

TEST_CASE("ThreadCursorsRoundTrip", "[conversation_cursor]") {
  auto [at, direction, id] = GENERATE(table<Millis, Direction, int64_t>({
      {0, Direction::kInbound, 1},
      {1'780'000'000'000, Direction::kOutbound, 123456789},
  }));
  auto parsed = ParseThreadCursor(MakeThreadCursor({at, direction, id}));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->has_value());
  CHECK((*parsed)->at == at);
  CHECK((*parsed)->direction == direction);
  CHECK((*parsed)->id == id);
}

TEST_CASE("AnEmptyCursorIsTheFirstPage", "[conversation_cursor]") {
  auto a = ParseActivityCursor("");
  REQUIRE(a.ok());
  CHECK_FALSE(a->has_value());
  auto t = ParseThreadCursor("");
  REQUIRE(t.ok());
  CHECK_FALSE(t->has_value());
}

TEST_CASE("MangledOrForeignCursorsAreMalformed", "[conversation_cursor]") {
  const std::string cursor = GENERATE(as<std::string>{}, "m12", "v", "v12", "v12:", "v:+90", "v-1:+90", "vx:+90", "t",
                                      "t1", "t1:0", "t1:0:", "t1:2:3", "t1:0:0", "t1:0:-4", "t1:0:5x", "t-1:0:5");
  INFO(cursor);
  auto a = ParseActivityCursor(cursor);
  auto t = ParseThreadCursor(cursor);
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().Is(ErrorCode::kInvalidArgument));
  CHECK(a.error().message == "cursor: malformed");
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message == "cursor: malformed");
}

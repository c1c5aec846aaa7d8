#include "daemon/store/sqlite/sql_join.h"

#include <catch2/catch.hpp>
#include <string_view>

namespace {

inline constexpr std::string_view kSelect = "SELECT ";
inline constexpr std::string_view kColumns = "a, b";
inline constexpr std::string_view kFrom = " FROM t";
inline constexpr std::string_view kEmpty = "";

}  // namespace

using tellal::store::sql::kJoined;

TEST_CASE("JoinedConstantsAreTheirPartsInOrder", "[sql_join]") {
  STATIC_REQUIRE(kJoined<kSelect, kColumns, kFrom> == "SELECT a, b FROM t");
  STATIC_REQUIRE(kJoined<kEmpty, kColumns, kEmpty> == "a, b");
  STATIC_REQUIRE(kJoined<kColumns>.size() == 4);
  // NUL-terminated too, for C APIs that want it.
  CHECK(kJoined<kSelect, kFrom>.data()[kJoined<kSelect, kFrom>.size()] == '\0');
}

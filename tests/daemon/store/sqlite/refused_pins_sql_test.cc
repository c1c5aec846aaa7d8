// The query plans of the refused-PIN table, from the constants
// SqliteRefusedPins runs: a seek on the SIM's part of the primary key.
#include "daemon/store/sqlite/refused_pins_sql.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "store_testing.h"

using namespace tellal::store;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;

TEST_CASE("ReadingAndForgettingASimsRefusalsSeekItsKey", "[store][plan]") {
  auto [name, statement] = GENERATE(table<const char*, std::string_view>({
      {"kRefusalsFor", sql::kRefusalsFor},
      {"kForgetRefusals", sql::kForgetRefusals},
  }));
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, statement);
  INFO(name << ":\n" << plan);
  CHECK_THAT(plan, Catch::Contains("SEARCH refused_pins USING PRIMARY KEY (sim=?)"));
  CHECK_THAT(plan, !Catch::Contains("SCAN"));
}

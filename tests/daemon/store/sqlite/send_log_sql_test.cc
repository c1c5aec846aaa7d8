// The query plans of the send log's reads, from the constants SqliteSendLog
// runs: one range of the (sent_at, modem, ...) key from `since`, whatever
// the log's length before it.
#include "daemon/store/sqlite/send_log_sql.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "store_testing.h"

using namespace tellal::store;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;

TEST_CASE("CountingAModemsSendsSeeksItsKeyRange", "[store][plan]") {
  auto [name, statement] = GENERATE(table<const char*, std::string_view>({
      {"kCountSends", sql::kCountSends},
      {"kSendTimes", sql::kSendTimes},
  }));
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, statement);
  INFO(name << ":\n" << plan);
  CHECK_THAT(plan, Catch::Contains("SEARCH send_log USING PRIMARY KEY (sent_at>?)"));
  CHECK_THAT(plan, !Catch::Contains("SCAN"));
  CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));  // SendTimes' order is the key's
}

// The dashboard polls the statistics every few seconds: each arm of the
// hourly count must range over its time index (sends: the send log's key),
// never scan the messages.
#include "daemon/store/sqlite/message_stats_sql.h"

#include <catch2/catch.hpp>
#include <string>

#include "store_testing.h"

using namespace tellal::store;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;

TEST_CASE("TheHourlyCountRangesOverEachTimeIndex", "[store][stats][plan]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kCountByHour);
  INFO(plan);
  CHECK_THAT(plan, Catch::Contains("SEARCH send_log USING PRIMARY KEY (sent_at>? AND sent_at<?)"));
  CHECK_THAT(plan, Catch::Contains("USING COVERING INDEX messages_by_delivered (delivered_at>? AND delivered_at<?)"));
  CHECK_THAT(plan, Catch::Contains("USING COVERING INDEX messages_by_failed (failed_at>? AND failed_at<?)"));
  CHECK_THAT(plan, !Catch::Contains("SCAN messages"));
}

TEST_CASE("CountingTheMessagesBeingSentSeeksTheirState", "[store][stats][plan]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kCountSending);
  INFO(plan);
  CHECK_THAT(plan, Catch::Contains("SEARCH messages USING COVERING INDEX messages_by_state (state=?)"));
  CHECK_THAT(plan, !Catch::Contains("SCAN"));
}

// The query plans of retention's statements: a purge seeks the rows older
// than the cutoff, never scans the history it keeps.
#include "daemon/store/sqlite/retention_sql.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "store_testing.h"

using namespace tellal::store;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;

TEST_CASE("EveryRetentionStatementSeeksItsRows", "[store][plan]") {
  auto [name, statement, seek] = GENERATE_COPY(table<const char*, std::string_view, const char*>({
      {"kOldFinalMessages", sql::kOldFinalMessages, "SEARCH messages USING INDEX messages_by_created (created_at<?)"},
      {"kDeleteSegmentsOf", sql::kDeleteSegmentsOf, "SEARCH segments USING PRIMARY KEY (message_id=?)"},
      {"kDeleteFinalMessage", sql::kDeleteFinalMessage, "SEARCH messages USING INTEGER PRIMARY KEY (rowid=?)"},
      {"kOldInbox", sql::kOldInbox, "SEARCH inbox USING INDEX inbox_by_received (received_at<?)"},
      {"kDeletePartsOf", sql::kDeletePartsOf, "SEARCH inbound_parts USING INDEX inbound_parts_by_inbox (inbox_id=?)"},
      {"kDeleteInbox", sql::kDeleteInbox, "SEARCH inbox USING INTEGER PRIMARY KEY (rowid=?)"},
      {"kOldFinishedDeliveries", sql::kOldFinishedDeliveries,
       "SEARCH webhook_deliveries USING INDEX webhook_deliveries_finished (finished_at<?)"},
      {"kDeleteAttemptsOf", sql::kDeleteAttemptsOf, "SEARCH webhook_attempts USING PRIMARY KEY (delivery_id=?)"},
      {"kDeleteDelivery", sql::kDeleteDelivery, "SEARCH webhook_deliveries USING INTEGER PRIMARY KEY (rowid=?)"},
      {"kOldSpentEvents", sql::kOldSpentEvents, "SEARCH e USING COVERING INDEX webhook_events_by_time (occurred_at<?)"},
      {"kOldSpentEvents' check", sql::kOldSpentEvents,
       "SEARCH d USING COVERING INDEX webhook_deliveries_by_event (event_id=?)"},
      {"kDeleteEvent", sql::kDeleteEvent, "SEARCH webhook_events USING INTEGER PRIMARY KEY (rowid=?)"},
  }));
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, statement);
  INFO(name << ":\n" << plan);
  CHECK_THAT(plan, Catch::Contains(seek));
  CHECK_THAT(plan, !Catch::Contains("SCAN"));
  CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));
}

// The query plans of the inbox's statements, from the constants SqliteInbox
// runs: a received part costs a few index seeks, however many parts and
// messages are stored.
#include "daemon/store/sqlite/inbox_sql.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "store_testing.h"

using namespace tellal::store;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;

TEST_CASE("EveryInboundStatementSeeksItsRows", "[store][plan]") {
  constexpr const char* kWaiting =
      "SEARCH inbound_parts USING INDEX inbound_parts_pending (modem=? AND sender=? AND ref=? AND total=?)";
  auto [name, statement, seek] = GENERATE_COPY(table<const char*, std::string_view, const char*>({
      {"kFindDuplicatePart", sql::kFindDuplicatePart, "SEARCH inbound_parts USING INDEX inbound_parts_identity"},
      {"kSlotOccupied", sql::kSlotOccupied,
       "SEARCH inbound_parts USING INDEX inbound_parts_pending (modem=? AND sender=? AND ref=? AND total=? AND seq=?)"},
      {"kCountWaitingParts", sql::kCountWaitingParts, kWaiting},
      {"kWaitingParts", sql::kWaitingParts, kWaiting},
      {"kAttachParts", sql::kAttachParts, kWaiting},
      {"kForgetAssembledParts", sql::kForgetAssembledParts,
       "SEARCH inbound_parts USING INDEX inbound_parts_by_received (received_at<?)"},
      {"kGetInbox", sql::kGetInbox, "SEARCH inbox USING INTEGER PRIMARY KEY (rowid=?)"},
      {"kFindDuplicateUndecodable", sql::kFindDuplicateUndecodable,
       "SEARCH inbox USING INDEX inbox_undecodable (modem=? AND raw_pdu=?)"},
  }));
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, statement);
  INFO(name << ":\n" << plan);
  CHECK_THAT(plan, Catch::Contains(seek));
  CHECK_THAT(plan, !Catch::Contains("SCAN"));
}

TEST_CASE("FindingStaleSetsReadsOnlyWaitingParts", "[store][plan]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kStaleSets);
  INFO(plan);
  // The partial index holds only parts whose set is incomplete.
  CHECK_THAT(plan, Catch::Contains("USING INDEX inbound_parts_pending"));
}

TEST_CASE("AFilteredInboxListingSeeksItsIndexAndNeverSorts", "[store][plan]") {
  auto [name, condition, seek] = GENERATE(table<const char*, std::string_view, const char*>({
      {"from", sql::kListInboxFromIs, "SEARCH inbox USING INDEX inbox_by_sender (sender=?)"},
      {"cursor", sql::kListInboxBefore, "SEARCH inbox USING INTEGER PRIMARY KEY (rowid<?)"},
  }));
  auto db = MigratedDatabase();
  const std::string plan =
      QueryPlan(*db, std::string(sql::kListInbox) + std::string(condition) + std::string(sql::kListInboxEnd));
  INFO(name << ":\n" << plan);
  CHECK_THAT(plan, Catch::Contains(seek));
  CHECK_THAT(plan, !Catch::Contains("SCAN"));
  CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));
}

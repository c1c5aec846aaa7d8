// The conversation listing and thread must cost a page, not the history:
// each statement seeks its rows by an index and sorts at most one number's
// entries.
#include "daemon/store/sqlite/conversations_sql.h"

#include <catch2/catch.hpp>
#include <string>

#include "store_testing.h"

using namespace tellal::store;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;

namespace {

std::string ListingSql(bool with_query) {
  std::string text(sql::kListConversations);
  if (with_query) text += sql::kListConversationsMatching;
  return text + std::string(sql::kListConversationsEnd);
}

}  // namespace

TEST_CASE("TheListingWalksTheActivityIndexAndLooksUpEachRowsEntries", "[store][conversations][plan]") {
  auto db = MigratedDatabase();
  const bool with_query = GENERATE(false, true);
  const std::string plan = QueryPlan(*db, ListingSql(with_query));
  INFO(plan);
  CHECK_THAT(plan, Catch::Contains("USING COVERING INDEX conversations_by_activity") ||
                       Catch::Contains("USING INDEX conversations_by_activity"));
  CHECK_THAT(plan, Catch::Contains("SEARCH i USING INTEGER PRIMARY KEY (rowid=?)"));
  CHECK_THAT(plan, Catch::Contains("SEARCH m USING INTEGER PRIMARY KEY (rowid=?)"));
  CHECK_THAT(plan, Catch::Contains("SEARCH ct USING INDEX"));
  CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));
  CHECK_THAT(plan, !Catch::Contains("SCAN inbox") && !Catch::Contains("SCAN messages") && !Catch::Contains("SCAN i ") &&
                       !Catch::Contains("SCAN m ") && !Catch::Contains("SCAN ct"));
}

TEST_CASE("OneConversationIsPrimaryKeyLookups", "[store][conversations][plan]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kGetConversation);
  INFO(plan);
  CHECK_THAT(plan, Catch::Contains("SEARCH c USING PRIMARY KEY (number=?)"));
  CHECK_THAT(plan, !Catch::Contains("SCAN"));
}

TEST_CASE("ANumberThatNeverWroteIsSummarisedByOneSeekOfItsMessages", "[store][conversations][plan]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kGetOutboundOnlyConversation);
  INFO(plan);
  CHECK_THAT(plan, Catch::Contains("SEARCH m USING INDEX messages_by_destination (destination=?)"));
  CHECK_THAT(plan, !Catch::Contains("SCAN"));
  CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));
}

TEST_CASE("AThreadSeeksOneNumbersEntriesOnBothSides", "[store][conversations][plan]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kListThread);
  INFO(plan);
  CHECK_THAT(plan, Catch::Contains("SEARCH inbox USING INDEX inbox_by_sender (sender=?)"));
  CHECK_THAT(plan, Catch::Contains("SEARCH messages USING INDEX messages_by_destination (destination=?)"));
  CHECK_THAT(plan, !Catch::Contains("SCAN inbox") && !Catch::Contains("SCAN messages"));
}

TEST_CASE("MarkReadSeeksTheNumbersInboxEntries", "[store][conversations][plan]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kMarkRead);
  INFO(plan);
  CHECK_THAT(plan, Catch::Contains("SEARCH inbox USING INDEX inbox_by_sender (sender=?)"));
  const std::string exists = QueryPlan(*db, sql::kConversationExists);
  CHECK_THAT(exists, Catch::Contains("SEARCH conversations USING PRIMARY KEY (number=?)"));
}

TEST_CASE("TheTriggersSeekTheSummaryByNumber", "[store][conversations][plan]") {
  // A trigger's statements do not show in the plan of the statement that
  // fires it; their shape is what the summary's primary key serves.
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, "UPDATE conversations SET unread = unread - 1 WHERE number = ?1");
  CHECK_THAT(plan, Catch::Contains("SEARCH conversations USING PRIMARY KEY (number=?)"));
  const std::string newest = QueryPlan(*db, "SELECT max(id) FROM messages WHERE destination = ?1");
  CHECK_THAT(newest, Catch::Contains("messages_by_destination"));
  // conversations_message_insert: a primary-key UPDATE, a miss for a
  // number that never wrote.
  const std::string message =
      QueryPlan(*db, "UPDATE conversations SET last_at = max(last_at, ?2), last_message_id = ?3 WHERE number = ?1");
  CHECK_THAT(message, Catch::Contains("SEARCH conversations USING PRIMARY KEY (number=?)"));
  // conversations_inbox_insert's first row: the newest message to the
  // number by its index, then that message by its id.
  const std::string first = QueryPlan(*db,
                                      "SELECT ?1, max(?2, coalesce(m.created_at, 0)), m.id"
                                      " FROM (SELECT max(id) AS id FROM messages WHERE destination = ?1) AS newest"
                                      " LEFT JOIN messages AS m ON m.id = newest.id WHERE true");
  INFO(first);
  CHECK_THAT(first, Catch::Contains("messages_by_destination"));
  CHECK_THAT(first, Catch::Contains("SEARCH m USING INTEGER PRIMARY KEY (rowid=?)"));
  CHECK_THAT(first, !Catch::Contains("SCAN messages") && !Catch::Contains("SCAN m"));
}

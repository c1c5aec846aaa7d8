// The query plans of the outbound queue's statements, read from the same
// constants SqliteOutboundQueue runs: an index seek, never a scan of
// messages or segments, so claiming, recording and matching reports cost
// the same with a million messages stored as with ten.
#include "daemon/store/sqlite/outbound_queue_sql.h"
#include "daemon/store/sqlite/webhooks_sql.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "store_testing.h"

using namespace tellal::store;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::BuildsEphemeralTable;
using tellal::store::testing::QueryPlan;

TEST_CASE("TheClaimQueriesSeekAnIndexInsteadOfScanning", "[store][plan]") {
  auto db = MigratedDatabase();
  for (std::string_view sql : {sql::kClaimUnpinned, sql::kClaimPinned}) {
    const std::string plan = QueryPlan(*db, sql);
    INFO(plan);
    CHECK_THAT(plan, Catch::Contains("SEARCH messages USING INDEX messages_queue"));
    CHECK_THAT(plan, Catch::Contains("SEARCH b USING COVERING INDEX sqlite_autoindex_blocked_1 (number=?)"));
    CHECK_THAT(plan, Catch::Contains("SEARCH s USING INDEX sqlite_autoindex_consent_status_1 (number=?)") ||
                         Catch::Contains("SEARCH s USING PRIMARY KEY (number=?)"));
    CHECK_THAT(plan, !Catch::Contains("SCAN"));
    CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));  // no sort: the index is the order
  }
  const std::string report = QueryPlan(*db, sql::kMatchSegment);
  INFO(report);
  CHECK_THAT(report, Catch::Contains("SEARCH segments USING") &&
                         Catch::Contains("INDEX segments_by_reference (modem=? AND mr=? AND "
                                         "destination=? AND sent_at>? AND sent_at<?)"));
  CHECK_THAT(report, !Catch::Contains("SCAN"));
}

TEST_CASE("EveryQueueStatementSeeksItsRows", "[store][plan]") {
  constexpr const char* kById = "SEARCH messages USING INTEGER PRIMARY KEY (rowid=?)";
  constexpr const char* kSegmentsOf = "SEARCH segments USING PRIMARY KEY (message_id=?)";
  auto [name, statement, seek] = GENERATE_COPY(table<const char*, std::string_view, const char*>({
      {"kFindClientRef", sql::kFindClientRef, "SEARCH messages USING COVERING INDEX sqlite_autoindex_messages_1"},
      {"kExpireCandidate", sql::kExpireCandidate, kById},
      {"kClaim", sql::kClaim, kById},
      {"kClaimById", sql::kClaimById, kById},
      {"kCandidateById", sql::kCandidateById, kById},
      {"kSuppress", sql::kSuppress, kById},
      {"kHoldCommercialUnpinned", sql::kHoldCommercialUnpinned,
       "SEARCH messages USING INDEX messages_queue (pinned_modem=? AND priority=? AND not_before<?)"},
      {"kHoldCommercialPinned", sql::kHoldCommercialPinned,
       "SEARCH messages USING INDEX messages_queue (pinned_modem=? AND priority=? AND not_before<?)"},
      {"kCommercialSendsSince", sql::kCommercialSendsSince,
       "SEARCH messages USING INDEX messages_commercial_sends (destination=? AND sending_at>?)"},
      {"kAbandonCandidate", sql::kAbandonCandidate, kById},
      {"kPause", sql::kPause, kById},
      {"kRecordSegment", sql::kRecordSegment, kById},
      {"kMarkSent", sql::kMarkSent, kSegmentsOf},
      {"kAnyReport", sql::kAnyReport, kSegmentsOf},
      {"kSegmentProgress", sql::kSegmentProgress, "SEARCH s USING PRIMARY KEY (message_id=?)"},
      {"kMarkFailed", sql::kMarkFailed, kById},
      {"kRequeue", sql::kRequeue, kById},
      {"kMarkUnknown", sql::kMarkUnknown, kById},
      {"kForgetSegments", sql::kForgetSegments, kSegmentsOf},
      {"kCancel", sql::kCancel, kById},
      {"kFindSending", sql::kFindSending, "SEARCH m USING INDEX messages_by_state (state=?)"},
      {"kRequeueAfterCrash", sql::kRequeueAfterCrash, kById},
      {"kUnknownAfterCrash", sql::kUnknownAfterCrash, kById},
      {"kSetSent", sql::kSetSent, kById},
      {"kSegmentTally", sql::kSegmentTally, "SEARCH s USING PRIMARY KEY (message_id=?)"},
      {"kSettleFailed", sql::kSettleFailed, kById},
      {"kSettleExpired", sql::kSettleExpired, kById},
      {"kSettleDelivered", sql::kSettleDelivered, kById},
      {"kRecordReport", sql::kRecordReport, "SEARCH segments USING PRIMARY KEY (message_id=? AND seq=?)"},
      {"kRecordReportReason", sql::kRecordReportReason, kById},
      {"kExpireDue", sql::kExpireDue, "SEARCH messages USING INDEX messages_validity"},
      {"kFirstPinnedModem", sql::kFirstPinnedModem, "SEARCH messages USING INDEX messages_queue (pinned_modem>?)"},
      {"kNextPinnedModem", sql::kNextPinnedModem, "SEARCH messages USING INDEX messages_queue (pinned_modem>?)"},
      {"kNextNotBeforeUnpinned", sql::kNextNotBeforeUnpinned,
       "SEARCH messages USING INDEX messages_queue (pinned_modem=? AND priority=? AND not_before>?)"},
      {"kNextNotBeforePinned", sql::kNextNotBeforePinned,
       "SEARCH messages USING INDEX messages_queue (pinned_modem=? AND priority=? AND not_before>?)"},
      {"kNextValidUntil", sql::kNextValidUntil, "SEARCH messages USING INDEX messages_validity (valid_until>?)"},
      {"kAbandonDue", sql::kAbandonDue, "SEARCH messages USING INDEX messages_resume"},
      {"kNextResumeUntil", sql::kNextResumeUntil, "SEARCH messages USING INDEX messages_resume (resume_until>?)"},
      {"kGetMessage", sql::kGetMessage, kById},
      {"kListSegments", sql::kListSegments, kSegmentsOf},
  }));
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, statement);
  INFO(name << ":\n" << plan);
  CHECK_THAT(plan, Catch::Contains(seek));
  CHECK_THAT(plan, !Catch::Contains("SCAN"));
}

// NextDue's per-group statements take the first row of an index range:
// a sort would read the whole group to answer with one row.
TEST_CASE("TheQueueGroupStatementsReadTheIndexInOrder", "[store][plan]") {
  auto db = MigratedDatabase();
  for (std::string_view sql : {sql::kFirstPinnedModem, sql::kNextPinnedModem, sql::kNextNotBeforeUnpinned,
                               sql::kNextNotBeforePinned}) {
    const std::string plan = QueryPlan(*db, sql);
    INFO(sql << "\n" << plan);
    CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));
  }
}

// Building and dropping an ephemeral b-tree (for RETURNING, or for an IN
// list in a statement or in a table's CHECK) cost as much as the rest of a
// claim: none of the statements run for every message builds one.
TEST_CASE("NoStatementRunForEveryMessageBuildsAnEphemeralTable", "[store][plan]") {
  auto [name, statement] = GENERATE(table<const char*, std::string_view>({
      {"kInsertMessage", sql::kInsertMessage},
      {"kClaimUnpinned", sql::kClaimUnpinned},
      {"kClaimPinned", sql::kClaimPinned},
      {"kCommercialSendsSince", sql::kCommercialSendsSince},
      {"kClaim", sql::kClaim},
      {"kClaimById", sql::kClaimById},
      {"kGetMessage", sql::kGetMessage},
      {"kRecordSegment", sql::kRecordSegment},
      {"kMarkSent", sql::kMarkSent},
      {"kAnyReport", sql::kAnyReport},
      {"kMatchSegment", sql::kMatchSegment},
      {"kRecordReport", sql::kRecordReport},
      {"kRecordReportReason", sql::kRecordReportReason},
      {"kSegmentTally", sql::kSegmentTally},
      {"kSettleDelivered", sql::kSettleDelivered},
      {"kMarkFailed", sql::kMarkFailed},
  }));
  // With an endpoint for message states, their trigger's program runs too.
  const bool webhook_trigger = GENERATE(false, true);
  auto db = MigratedDatabase();
  if (webhook_trigger) REQUIRE(db->Exec(std::string(sql::kCreateMessageStateTrigger)).ok());
  INFO(name << (webhook_trigger ? " with the message-state webhook trigger" : ""));
  CHECK_FALSE(BuildsEphemeralTable(*db, statement));
}

TEST_CASE("CountingTheQueueReadsTheMaintainedCountsNotTheMessages", "[store][plan]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kCountQueued);
  INFO(plan);
  // Three rows kept by triggers: neither a long queue nor a long history
  // makes /api/v1/health or /metrics slower.
  CHECK_THAT(plan, Catch::Contains("queue_counts"));
  CHECK_THAT(plan, !Catch::Contains("messages"));
}

TEST_CASE("AFilteredListingSeeksItsIndexAndNeverSorts", "[store][plan]") {
  auto [name, condition, seek] = GENERATE(table<const char*, std::string_view, const char*>({
      {"state", sql::kListMessagesStateIs, "SEARCH messages USING INDEX messages_by_state (state=?)"},
      {"to", sql::kListMessagesToIs, "SEARCH messages USING INDEX messages_by_destination (destination=?)"},
      {"cursor", sql::kListMessagesBefore, "SEARCH messages USING INTEGER PRIMARY KEY (rowid<?)"},
  }));
  auto db = MigratedDatabase();
  const std::string plan =
      QueryPlan(*db, std::string(sql::kListMessages) + std::string(condition) + std::string(sql::kListMessagesEnd));
  INFO(name << ":\n" << plan);
  CHECK_THAT(plan, Catch::Contains(seek));
  CHECK_THAT(plan, !Catch::Contains("SCAN"));
  CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));
}

TEST_CASE("AnUnfilteredListingWalksNewestFirstWithoutSorting", "[store][plan]") {
  // No condition to seek on: the walk goes down the ids and stops after
  // limit + 1 rows, so a page costs its size, not the table's.
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, std::string(sql::kListMessages) + std::string(sql::kListMessagesEnd));
  INFO(plan);
  CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));
}

#include "daemon/store/sqlite/sqlite_dlr_calls.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <tuple>

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/dlr_calls_sql.h"
#include "store_testing.h"

namespace tellal::store {
namespace {

using testing::MigratedDatabase;
using testing::QueryPlan;

constexpr char kUrl[] = "http://127.0.0.1:9/dlr?type=%d";

// The trigger is SQL, so the scenarios move messages as any writer would,
// with UPDATEs of state, on a migrated database.
struct Rig {
  std::unique_ptr<Database> db = MigratedDatabase();
  SqliteDlrCalls calls{*db};

  // A message in `state`, with an optional dlr-url and its sent_at.
  int64_t AddMessage(const std::string& state, std::optional<std::string> dlr_url, int mask,
                     std::optional<int64_t> sent_at = std::nullopt) {
    REQUIRE(Run(*db,
                "INSERT INTO messages (destination, body, encoding, segment_count, priority, state, modem,"
                " report_requested, flash, not_before, created_at, sent_at, dlr_url, dlr_mask)"
                " VALUES ('+905321112233', 'hi', 'gsm7', 1, 1, ?1, 'gsm0', 1, 0, 0, 100, ?2, ?3, ?4)",
                state, sent_at, dlr_url, static_cast<int64_t>(mask))
                .ok());
    return db->LastInsertRowId();
  }
  // Moves the message to `state`, setting that state's timestamp column.
  void Move(int64_t id, const std::string& state, int64_t at, std::optional<std::string> error_text = std::nullopt) {
    const std::string column = state == "queued" || state == "sending" ? "not_before" : state + "_at";
    REQUIRE(Run(*db, "UPDATE messages SET state = ?2, " + column + " = ?3, error_text = ?4 WHERE id = ?1", id, state,
                at, error_text)
                .ok());
  }
  std::vector<DlrCall> CallsFor(int64_t id) {
    auto rows = calls.CallsFor(id);
    REQUIRE(rows.ok());
    return *rows;
  }
  std::vector<DueDlrCall> Head(int limit = 10) {
    auto rows = calls.HeadCalls(limit);
    REQUIRE(rows.ok());
    return *rows;
  }
  void Record(int64_t call, DlrCallOutcome::Next next, int64_t at, int64_t retry_at = 0) {
    DlrCallOutcome o;
    o.call_id = call;
    o.finished_at = at;
    o.next = next;
    o.retry_at = retry_at;
    if (next == DlrCallOutcome::Next::kDone) {
      o.http_status = 200;
    } else {
      o.http_status = 503;
      o.error = "HTTP 503";
    }
    REQUIRE(calls.RecordAttempt(o).ok());
  }
};

TEST_CASE("A state change writes the Kannel DLR type its state and sent_at call for", "[dlr_calls]") {
  // from, to, sent_at before the change, mask, expected type (0: no call).
  using Row = std::tuple<std::string, std::string, std::optional<int64_t>, int, int>;
  const auto [from, to, sent_at, mask, expected] = GENERATE(table<std::string, std::string, std::optional<int64_t>,
                                                                  int, int>({
      Row{"sending", "sent", std::nullopt, 31, 8},
      Row{"sent", "delivered", 500, 31, 1},
      Row{"sent", "failed", 500, 31, 2},              // the SMSC had it: not delivered to the phone
      Row{"sending", "failed", std::nullopt, 31, 16},  // never reached the SMSC
      Row{"sent", "expired", 500, 31, 2},
      Row{"queued", "expired", std::nullopt, 31, 16},
      Row{"queued", "cancelled", std::nullopt, 31, 16},
      Row{"queued", "suppressed", std::nullopt, 31, 16},
      Row{"sending", "unknown", std::nullopt, 31, 0},  // Kannel has no word for it
      Row{"sending", "queued", std::nullopt, 31, 0},
      Row{"queued", "sending", std::nullopt, 31, 0},
      Row{"sending", "sent", std::nullopt, 1, 0},  // the mask leaves 8 out
      Row{"sent", "delivered", 500, 1, 1},
      Row{"sent", "delivered", 500, 8 | 16, 0},
      Row{"sent", "failed", 500, 16, 0},  // 2 is not in the mask
      Row{"sending", "failed", std::nullopt, 16, 16},
  }));
  CAPTURE(from, to, mask);
  Rig rig;
  const int64_t id = rig.AddMessage(from, kUrl, mask, sent_at);
  rig.Move(id, to, 7000);
  const auto calls = rig.CallsFor(id);
  if (expected == 0) {
    CHECK(calls.empty());
  } else {
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].dlr_type == expected);
    CHECK(calls[0].state == DlrCallState::kPending);
    CHECK(calls[0].state_at == 7000);
    CHECK(calls[0].next_attempt_at == 7000);
    CHECK(calls[0].answer == to);
    CHECK(calls[0].attempts == 0);
  }
}

TEST_CASE("A message without a dlr-url writes no call", "[dlr_calls]") {
  Rig rig;
  const int64_t id = rig.AddMessage("sending", std::nullopt, 31);
  rig.Move(id, "sent", 7000);
  rig.Move(id, "delivered", 8000);
  CHECK(rig.CallsFor(id).empty());
}

TEST_CASE("An update that keeps the state writes no call", "[dlr_calls]") {
  Rig rig;
  const int64_t id = rig.AddMessage("sent", kUrl, 31, 500);
  REQUIRE(rig.db->Exec("UPDATE messages SET state = 'sent', error_text = 'again' WHERE id = " + std::to_string(id)).ok());
  CHECK(rig.CallsFor(id).empty());
}

TEST_CASE("The answer is the message's error text when it has one", "[dlr_calls]") {
  Rig rig;
  const int64_t id = rig.AddMessage("sending", kUrl, 31);
  rig.Move(id, "failed", 7000, "CMS 38: network out of order");
  const auto calls = rig.CallsFor(id);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].answer == "CMS 38: network out of order");
}

TEST_CASE("HeadCalls gives a message's calls one at a time, in order", "[dlr_calls]") {
  Rig rig;
  const int64_t id = rig.AddMessage("sending", kUrl, 31);
  rig.Move(id, "sent", 7000);
  rig.Move(id, "delivered", 7500);
  const auto calls = rig.CallsFor(id);
  REQUIRE(calls.size() == 2);

  auto head = rig.Head();
  REQUIRE(head.size() == 1);
  CHECK(head[0].id == calls[0].id);
  CHECK(head[0].dlr_type == 8);
  CHECK(head[0].url_template == std::optional<std::string>(kUrl));
  CHECK(head[0].destination == "+905321112233");
  CHECK(head[0].modem == std::optional<std::string>("gsm0"));

  // A retry keeps the later call waiting behind it.
  rig.Record(calls[0].id, DlrCallOutcome::Next::kRetry, 7100, 9000);
  head = rig.Head();
  REQUIRE(head.size() == 1);
  CHECK(head[0].id == calls[0].id);
  CHECK(head[0].attempts == 1);
  CHECK(head[0].next_attempt_at == 9000);

  rig.Record(calls[0].id, DlrCallOutcome::Next::kDone, 9100);
  head = rig.Head();
  REQUIRE(head.size() == 1);
  CHECK(head[0].id == calls[1].id);
  CHECK(head[0].dlr_type == 1);

  rig.Record(calls[1].id, DlrCallOutcome::Next::kFailed, 9200);
  CHECK(rig.Head().empty());
}

TEST_CASE("HeadCalls puts the earliest due first and honours the limit", "[dlr_calls]") {
  Rig rig;
  const int64_t a = rig.AddMessage("sending", kUrl, 31);
  const int64_t b = rig.AddMessage("sending", kUrl, 31);
  const int64_t c = rig.AddMessage("sending", kUrl, 31);
  rig.Move(a, "sent", 1000);
  rig.Move(b, "sent", 2000);
  rig.Move(c, "sent", 3000);
  // a backs off past the others.
  rig.Record(rig.CallsFor(a)[0].id, DlrCallOutcome::Next::kRetry, 1100, 5000);
  auto head = rig.Head();
  REQUIRE(head.size() == 3);
  CHECK(head[0].message_id == b);
  CHECK(head[1].message_id == c);
  CHECK(head[2].message_id == a);
  head = rig.Head(2);
  REQUIRE(head.size() == 2);
  CHECK(head[1].message_id == c);
  CHECK(rig.calls.HeadCalls(0).error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("A call whose message is gone comes without a URL", "[dlr_calls]") {
  Rig rig;
  const int64_t id = rig.AddMessage("sending", kUrl, 31);
  rig.Move(id, "sent", 1000);
  REQUIRE(rig.db->Exec("DELETE FROM messages WHERE id = " + std::to_string(id)).ok());
  const auto head = rig.Head();
  REQUIRE(head.size() == 1);
  CHECK(head[0].message_id == id);
  CHECK_FALSE(head[0].url_template);
}

TEST_CASE("RecordAttempt keeps the outcome and finishes a call once", "[dlr_calls]") {
  Rig rig;
  const int64_t id = rig.AddMessage("sending", kUrl, 31);
  rig.Move(id, "sent", 1000);
  const int64_t call = rig.CallsFor(id)[0].id;

  rig.Record(call, DlrCallOutcome::Next::kRetry, 1100, 2100);
  auto stored = rig.CallsFor(id)[0];
  CHECK(stored.state == DlrCallState::kPending);
  CHECK(stored.attempts == 1);
  CHECK(stored.last_status == std::optional<int>(503));
  CHECK(stored.last_error == std::optional<std::string>("HTTP 503"));
  CHECK(stored.next_attempt_at == 2100);
  CHECK_FALSE(stored.finished_at);

  rig.Record(call, DlrCallOutcome::Next::kDone, 2200);
  stored = rig.CallsFor(id)[0];
  CHECK(stored.state == DlrCallState::kDone);
  CHECK(stored.attempts == 2);
  CHECK(stored.last_status == std::optional<int>(200));
  CHECK_FALSE(stored.last_error);
  CHECK(stored.finished_at == std::optional<int64_t>(2200));

  DlrCallOutcome again;
  again.call_id = call;
  again.next = DlrCallOutcome::Next::kFailed;
  CHECK(rig.calls.RecordAttempt(again).error().code == ErrorCode::kNotFound);
  again.call_id = call + 100;
  CHECK(rig.calls.RecordAttempt(again).error().code == ErrorCode::kNotFound);
}

TEST_CASE("The runner's query walks the pending index, without a sort", "[dlr_calls][plan]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kHeadCalls);
  CAPTURE(plan);
  CHECK_THAT(plan, Catch::Contains("dlr_calls_due"));
  CHECK_THAT(plan, Catch::Contains("dlr_calls_pending_by_message"));
  CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));
}

TEST_CASE("The store wakes its listener when a call is written, and only then", "[dlr_calls]") {
  auto store = testing::MemoryStore();
  int written = 0;
  store->dlr_calls().OnCallWritten([&written] { ++written; });
  NewMessage with;
  with.to = "+905321112233";
  with.text = "hi";
  with.encoding = "gsm7";
  with.dlr_url = kUrl;
  with.dlr_mask = 31;
  NewMessage without = with;
  without.dlr_url.reset();

  auto plain = store->queue().Enqueue(without, 1000);
  REQUIRE(plain.ok());
  REQUIRE(store->queue().Cancel(plain->id, 1100).ok());
  CHECK(written == 0);

  auto kannel = store->queue().Enqueue(with, 1000);
  REQUIRE(kannel.ok());
  REQUIRE(store->queue().Cancel(kannel->id, 1200).ok());
  CHECK(written == 1);
  auto calls = store->dlr_calls().CallsFor(kannel->id);
  REQUIRE(calls.ok());
  REQUIRE(calls->size() == 1);
  CHECK((*calls)[0].dlr_type == 16);
  CHECK((*calls)[0].state_at == 1200);
  CHECK((*calls)[0].answer == "cancelled");
}

}  // namespace
}  // namespace tellal::store

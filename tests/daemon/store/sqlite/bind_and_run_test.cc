#include "daemon/store/sqlite/bind_and_run.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

using namespace tellal::store;
using tellal::ErrorCode;
using tellal::Result;
using tellal::Status;

namespace {

std::unique_ptr<Database> MemoryDb() {
  auto db = Database::Open(":memory:");
  REQUIRE(db.ok());
  REQUIRE((*db)
              ->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, flag INTEGER, name TEXT UNIQUE,"
                     " note TEXT, data BLOB)")
              .ok());
  return std::move(db).value();
}

struct Row {
  int64_t id;
  std::string name;
};

Row ReadRow(const Statement& q) { return Row{q.ColumnInt64(0), q.ColumnText(1)}; }

}  // namespace

TEST_CASE("ArgumentsBindInOrderAndColumnsReadBackAsTheirTypes", "[bind_and_run]") {
  auto db = MemoryDb();
  const std::optional<std::string> note = GENERATE(std::optional<std::string>(), std::optional<std::string>("hi"));
  const std::vector<uint8_t> data = GENERATE(std::vector<uint8_t>(), std::vector<uint8_t>{0x00, 0xff, 0x41});
  const int64_t big = int64_t{1} << 40;
  REQUIRE(Run(*db, "INSERT INTO t (id, n, flag, name, note, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", big, 7, true,
              std::string("a"), note, data)
              .ok());
  auto row = QueryOne<int64_t, int, bool, std::string, std::optional<std::string>, std::vector<uint8_t>>(
      *db, "SELECT id, n, flag, name, note, data FROM t WHERE id = ?1", big);
  REQUIRE(row.ok());
  REQUIRE(row->has_value());
  CHECK(**row == std::make_tuple(big, 7, true, std::string("a"), note, data));
  auto is_blob = QueryOne<std::string>(*db, "SELECT typeof(data) FROM t");
  CHECK(is_blob.value() == "blob");  // even when empty: not NULL
}

TEST_CASE("QueryOneIsEmptyWhenNoRowMatches", "[bind_and_run]") {
  auto db = MemoryDb();
  auto row = QueryOne<int64_t>(*db, "SELECT id FROM t WHERE name = ?1", "missing");
  REQUIRE(row.ok());
  CHECK_FALSE(row->has_value());
  // A NULL column is a row with an empty optional, not "no row".
  auto null = QueryOne<std::optional<int64_t>>(*db, "SELECT max(id) FROM t");
  REQUIRE(null.ok());
  REQUIRE(null->has_value());
  CHECK_FALSE(null->value().has_value());
}

TEST_CASE("QueryAllAndMapAllReturnEveryRowInOrder", "[bind_and_run]") {
  auto db = MemoryDb();
  for (const char* name : {"c", "a", "b"}) REQUIRE(Run(*db, "INSERT INTO t (name) VALUES (?1)", name).ok());
  auto names = QueryAll<std::string>(*db, "SELECT name FROM t ORDER BY name");
  REQUIRE(names.ok());
  CHECK(*names == std::vector<std::string>{"a", "b", "c"});
  auto rows = MapAll(*db, "SELECT id, name FROM t WHERE id >= ?1 ORDER BY id", ReadRow, 2);
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 2);
  CHECK((*rows)[0].name == "a");
  CHECK((*rows)[1].id == 3);
  auto one = MapOne(*db, "SELECT id, name FROM t WHERE name = ?1", ReadRow, "b");
  REQUIRE(one.ok());
  CHECK((*one)->id == 3);
}

TEST_CASE("FailuresKeepTheirCodeAndNameTheStatement", "[bind_and_run]") {
  auto db = MemoryDb();
  REQUIRE(Run(*db, "INSERT INTO t (name) VALUES (?1)", "x").ok());
  Status duplicate = Run(*db, "INSERT INTO t (name) VALUES (?1)", "x");
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.code() == ErrorCode::kConflict);
  CHECK_THAT(duplicate.message(), Catch::Contains("INSERT INTO t") && Catch::Contains("UNIQUE"));
  Status rows = Run(*db, "SELECT name FROM t");
  REQUIRE_FALSE(rows.ok());
  CHECK(rows.code() == ErrorCode::kInternal);  // Run is for statements without rows
  auto bad = QueryOne<int64_t>(*db, "SELECT nothing FROM t");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::kInternal);
}

TEST_CASE("AReturningStatementHasChangedEveryRowWhenTheCallReturns", "[bind_and_run]") {
  auto db = MemoryDb();
  for (const char* name : {"a", "b", "c"}) REQUIRE(Run(*db, "INSERT INTO t (name, n) VALUES (?1, 0)", name).ok());
  auto first = InTransaction(*db, "bump", [&] { return QueryOne<int64_t>(*db, "UPDATE t SET n = 1 RETURNING id"); });
  REQUIRE(first.ok());  // the commit found no statement still running
  CHECK(first->has_value());
  CHECK(QueryOne<int64_t>(*db, "SELECT sum(n) FROM t").value() == 3);
}

TEST_CASE("InTransactionCommitsOnSuccessAndUndoesAFailedBody", "[bind_and_run]") {
  auto db = MemoryDb();
  const bool fail = GENERATE(false, true);
  CAPTURE(fail);
  Result<int64_t> r = InTransaction(*db, "Insert(1)", [&]() -> Result<int64_t> {
    Status s = Run(*db, "INSERT INTO t (name) VALUES (?1)", "x");
    if (!s) return s.error();
    if (fail) return tellal::Error::Conflict("changed my mind");
    return db->LastInsertRowId();
  });
  CHECK(QueryOne<int64_t>(*db, "SELECT count(*) FROM t").value() == (fail ? 0 : 1));
  if (fail) {
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kConflict);
    CHECK(r.error().message == "Insert(1): changed my mind");
  } else {
    CHECK(r.value() == 1);
  }
}

TEST_CASE("InTransactionInsideAnOpenTransactionUndoesOnlyItself", "[bind_and_run]") {
  auto db = MemoryDb();
  auto outer = Transaction::Begin(*db);
  REQUIRE(outer.ok());
  REQUIRE(InTransaction(*db, "keep", [&] { return Run(*db, "INSERT INTO t (name) VALUES ('kept')"); }).ok());
  Status failed = InTransaction(*db, "drop", [&]() -> Status {
    Status s = Run(*db, "INSERT INTO t (name) VALUES ('dropped')");
    if (!s) return s;
    return tellal::Error::InvalidArgument("no");
  });
  CHECK(failed.code() == tellal::ErrorCode::kInvalidArgument);
  REQUIRE(outer->Commit().ok());
  CHECK(QueryAll<std::string>(*db, "SELECT name FROM t").value() == std::vector<std::string>{"kept"});
}

TEST_CASE("InGroupOrTransactionRunsInsideAnOpenTransactionAndAloneInItsOwn", "[bind_and_run]") {
  auto db = MemoryDb();
  SECTION("alone, a failed body is undone") {
    Status failed = InGroupOrTransaction(*db, "alone", [&]() -> Status {
      Status s = Run(*db, "INSERT INTO t (name) VALUES ('dropped')");
      if (!s) return s;
      return tellal::Error::Conflict("no");
    });
    CHECK(failed.code() == ErrorCode::kConflict);
    CHECK(failed.message() == "alone: no");
    CHECK(QueryOne<int64_t>(*db, "SELECT count(*) FROM t").value() == 0);
  }
  SECTION("inside, its work is the group's: committed with it, undone with it") {
    const bool commit = GENERATE(false, true);
    CAPTURE(commit);
    {
      auto outer = Transaction::Begin(*db);
      REQUIRE(outer.ok());
      REQUIRE(InGroupOrTransaction(*db, "step", [&] { return Run(*db, "INSERT INTO t (name) VALUES ('a')"); }).ok());
      if (commit) REQUIRE(outer->Commit().ok());
    }
    CHECK(QueryOne<int64_t>(*db, "SELECT count(*) FROM t").value() == (commit ? 1 : 0));
  }
}

TEST_CASE("AfterSQLiteRollsBackAGroupItselfNoLaterStepStoresItsWorkAlone", "[bind_and_run]") {
  // An I/O error or a full disk inside a statement ends the whole
  // transaction in SQLite; the explicit ROLLBACK stands for that here. The
  // group's later steps must fail, not run (and commit) one by one.
  auto db = MemoryDb();
  {
    auto outer = Transaction::Begin(*db);
    REQUIRE(outer.ok());
    REQUIRE(Run(*db, "INSERT INTO t (name) VALUES ('before')").ok());
    REQUIRE(db->Exec("ROLLBACK").ok());

    Status in_group =
        InGroupOrTransaction(*db, "claim", [&] { return Run(*db, "INSERT INTO t (name) VALUES ('c')"); });
    CHECK(in_group.code() == ErrorCode::kIoError);
    CHECK_THAT(in_group.message(), Catch::StartsWith("claim: the enclosing transaction was rolled back"));
    Status nested = InTransaction(*db, "mark", [&] { return Run(*db, "INSERT INTO t (name) VALUES ('m')"); });
    CHECK(nested.code() == ErrorCode::kIoError);
    CHECK_FALSE(outer->Commit().ok());
    CHECK(QueryOne<int64_t>(*db, "SELECT count(*) FROM t").value() == 0);
  }
  // Once the group is gone, the connection works as before.
  REQUIRE(InTransaction(*db, "after", [&] { return Run(*db, "INSERT INTO t (name) VALUES ('after')"); }).ok());
  CHECK(QueryAll<std::string>(*db, "SELECT name FROM t").value() == std::vector<std::string>{"after"});
}

#include "daemon/store/sqlite/sqlite_handle.h"

#include <catch2/catch.hpp>

using tellal::Status;
using tellal::store::Database;
using tellal::store::Transaction;

namespace {

std::unique_ptr<Database> MemoryDb() {
  auto db = Database::Open(":memory:");
  REQUIRE(db.ok());
  REQUIRE(db.value()
              ->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT "
                     "UNIQUE, data BLOB)")
              .ok());
  return std::move(db).value();
}

int64_t CountRows(Database& db) {
  auto q = db.Query("SELECT count(*) FROM t");
  REQUIRE(q.ok());
  auto row = q->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return q->ColumnInt64(0);
}

int64_t Synchronous(Database& db) {
  auto q = db.Query("PRAGMA synchronous");
  REQUIRE(q.ok());
  auto row = q->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return q->ColumnInt64(0);
}

constexpr int64_t kNormal = 1;
constexpr int64_t kFull = 2;

}  // namespace

TEST_CASE("ASyncedTransactionRaisesSynchronousOnlyWhileItIsOpen", "[sqlite_handle]") {
  auto db = MemoryDb();
  REQUIRE(db->Exec("PRAGMA synchronous = NORMAL").ok());
  const bool commit = GENERATE(true, false);
  CAPTURE(commit);
  {
    auto tx = Transaction::BeginSynced(*db);
    REQUIRE(tx.ok());
    CHECK(Synchronous(*db) == kFull);
    REQUIRE(db->Exec("INSERT INTO t (name) VALUES ('a')").ok());
    {
      // Nested: a savepoint, still under the outer transaction's setting.
      auto inner = Transaction::BeginSynced(*db);
      REQUIRE(inner.ok());
      CHECK(Synchronous(*db) == kFull);
      REQUIRE(inner->Commit().ok());
    }
    CHECK(Synchronous(*db) == kFull);
    if (commit) REQUIRE(tx->Commit().ok());
  }
  CHECK(Synchronous(*db) == kNormal);
  CHECK(CountRows(*db) == (commit ? 1 : 0));
}

TEST_CASE("BoundValuesReadBackWithTheirTypes", "[sqlite_handle]") {
  auto db = MemoryDb();
  {
    auto q = db->Query("INSERT INTO t (id, name, data) VALUES (?1, ?2, ?3)");
    REQUIRE(q.ok());
    q->Bind(1, int64_t{7}).Bind(2, "se\xC3\xA7il").BindBlob(3, {0x00, 0xFF, 0x10});
    REQUIRE(q->Run().ok());
  }
  {
    auto q = db->Query("INSERT INTO t (id, name, data) VALUES (?1, ?2, ?3)");
    REQUIRE(q.ok());
    q->Bind(1, 8).Bind(2, std::optional<std::string>()).BindBlob(3, {});
    REQUIRE(q->Run().ok());
  }
  auto q = db->Query("SELECT id, name, data FROM t ORDER BY id");
  REQUIRE(q.ok());
  REQUIRE(*q->Step());
  CHECK(q->ColumnInt64(0) == 7);
  CHECK(q->ColumnText(1) == "se\xC3\xA7il");
  CHECK(q->ColumnBlob(2) == std::vector<uint8_t>{0x00, 0xFF, 0x10});
  REQUIRE(*q->Step());
  CHECK(q->OptionalText(1) == std::nullopt);
  CHECK_FALSE(q->ColumnIsNull(2));  // an empty blob stays a blob, not NULL
  CHECK(q->ColumnBlob(2).empty());
  CHECK_FALSE(*q->Step());
}

TEST_CASE("ATransactionLeftWithoutCommitRollsBack", "[sqlite_handle]") {
  auto db = MemoryDb();
  {
    auto tx = Transaction::Begin(*db);
    REQUIRE(tx.ok());
    REQUIRE(db->Exec("INSERT INTO t (name) VALUES ('a')").ok());
  }
  CHECK(CountRows(*db) == 0);
  {
    auto tx = Transaction::Begin(*db);
    REQUIRE(tx.ok());
    REQUIRE(db->Exec("INSERT INTO t (name) VALUES ('b')").ok());
    REQUIRE(tx->Commit().ok());
  }
  CHECK(CountRows(*db) == 1);
}

TEST_CASE("AStatementIsReusableAfterItsLeaseEnds", "[sqlite_handle]") {
  auto db = MemoryDb();
  for (int i = 0; i < 3; ++i) {
    auto q = db->Query("INSERT INTO t (name) VALUES (?1)");
    REQUIRE(q.ok());
    q->Bind(1, "n" + std::to_string(i));
    REQUIRE(q->Run().ok());
  }
  CHECK(CountRows(*db) == 3);
}

TEST_CASE("ANestedLeaseOfTheSameStatementIsRefused", "[sqlite_handle]") {
  auto db = MemoryDb();
  auto outer = db->Query("SELECT count(*) FROM t");
  REQUIRE(outer.ok());
  auto inner = db->Query("SELECT count(*) FROM t");
  REQUIRE_FALSE(inner.ok());
  CHECK_THAT(inner.error().message, Catch::Contains("already in use"));
}

TEST_CASE("ErrorsNameTheStatementAndSqlitesMessage", "[sqlite_handle]") {
  auto db = MemoryDb();
  SECTION("prepare") {
    auto q = db->Query("SELECT nope FROM t");
    REQUIRE_FALSE(q.ok());
    CHECK_THAT(q.error().message,
               Catch::Contains("prepare `SELECT nope FROM t`") && Catch::Contains("no such column: nope"));
  }
  SECTION("constraint") {
    REQUIRE(db->Exec("INSERT INTO t (name) VALUES ('dup')").ok());
    auto q = db->Query("INSERT INTO t (name) VALUES (?1)");
    REQUIRE(q.ok());
    q->Bind(1, "dup");
    tellal::Status s = q->Run();
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.message(), Catch::Contains("UNIQUE constraint failed: t.name"));
  }
  SECTION("bind out of range is reported by the step") {
    auto q = db->Query("INSERT INTO t (name) VALUES (?1)");
    REQUIRE(q.ok());
    q->Bind(5, "x");
    tellal::Status s = q->Run();
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.message(), Catch::Contains("bind parameter 5"));
    CHECK(CountRows(*db) == 0);
  }
}

TEST_CASE("OpeningAnUnreachablePathNamesIt", "[sqlite_handle]") {
  auto db = Database::Open("/nonexistent-dir/x/y.db");
  REQUIRE_FALSE(db.ok());
  CHECK_THAT(db.error().message, Catch::StartsWith("open /nonexistent-dir/x/y.db: "));
}

TEST_CASE("SQLite failures carry a code a caller can act on", "[sqlite]") {
  auto db = MemoryDb();
  REQUIRE(db->Exec("INSERT INTO t (name) VALUES ('a')").ok());

  Status duplicate = db->Exec("INSERT INTO t (name) VALUES ('a')");
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.code() == tellal::ErrorCode::kConflict);

  REQUIRE(db->Exec("PRAGMA query_only = ON").ok());
  auto insert = db->Query("INSERT INTO t (name) VALUES ('b')");
  REQUIRE(insert.ok());
  Status refused = insert->Run();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.code() == tellal::ErrorCode::kReadOnly);

  auto bad = db->Query("SELECT nonsense FROM nowhere");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == tellal::ErrorCode::kInternal);
}

// Opening SqliteStores and databases for the store's tests, and reading
// query plans. Each helper REQUIREs success, so a test reads as its
// scenario.
#ifndef TELLAL_TESTS_DAEMON_STORE_SQLITE_STORE_TESTING_H_
#define TELLAL_TESTS_DAEMON_STORE_SQLITE_STORE_TESTING_H_

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "daemon/store/sqlite/schema.h"
#include "daemon/store/sqlite/sqlite_handle.h"
#include "daemon/store/sqlite/sqlite_store.h"

namespace tellal::store::testing {

inline std::unique_ptr<SqliteStore> MemoryStore() {
  auto store = SqliteStore::OpenInMemory();
  REQUIRE(store.ok());
  return std::move(store).value();
}

inline std::unique_ptr<SqliteStore> FileStore(const std::string& path) {
  auto store = SqliteStore::Open(path);
  REQUIRE(store.ok());
  return std::move(store).value();
}

// An in-memory database with the store's schema, for EXPLAIN QUERY PLAN.
inline std::unique_ptr<Database> MigratedDatabase() {
  auto db = Database::Open(":memory:");
  REQUIRE(db.ok());
  REQUIRE(Migrate(**db, StoreMigrations()).ok());
  return std::move(db).value();
}

// The plan's detail lines, one per line ("SEARCH messages USING INDEX ...").
inline std::string QueryPlan(Database& db, std::string_view sql) {
  auto q = db.Query("EXPLAIN QUERY PLAN " + std::string(sql));
  REQUIRE(q.ok());
  std::string plan;
  for (;;) {
    auto row = q->Step();
    REQUIRE(row.ok());
    if (!*row) break;
    plan += q->ColumnText(3) + "\n";
  }
  return plan;
}

// Whether running `sql` builds an ephemeral b-tree (EXPLAIN's
// OpenEphemeral), as a `state IN (...)` list does on every run: statements
// run once per message must not.
inline bool BuildsEphemeralTable(Database& db, std::string_view sql) {
  auto q = db.Query("EXPLAIN " + std::string(sql));
  REQUIRE(q.ok());
  for (;;) {
    auto row = q->Step();
    REQUIRE(row.ok());
    if (!*row) return false;
    if (q->ColumnText(1) == "OpenEphemeral") return true;
  }
}

}  // namespace tellal::store::testing

#endif  // TELLAL_TESTS_DAEMON_STORE_SQLITE_STORE_TESTING_H_

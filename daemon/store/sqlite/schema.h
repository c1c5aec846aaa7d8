// The store's schema: connection settings and versioned migrations.
//
// The schema version lives in `PRAGMA user_version`. Migrations are an
// ordered table of SQL steps; Migrate() applies every step above the file's
// version in ONE transaction, so a failing step leaves the file exactly at
// its old version. A file newer than this build is refused rather than
// half-understood.
//
// Durability (ConnectionOptions::synchronous_full):
//   WAL + synchronous=NORMAL (default): a committed transaction survives the
//   process being killed (kill -9, crash, OOM) because it is in the WAL file
//   and the OS page cache. Only an OS crash or power loss can lose the last
//   few transactions before the next checkpoint's fsync; the database itself
//   stays consistent.
//   WAL + synchronous=FULL: the WAL is fsynced at every commit, so committed
//   transactions survive power loss too, at the cost of one fsync per state
//   change (a few ms each on SD cards and cheap flash).
//
// Page size (ConnectionOptions::new_database_page_size): a new database
// file gets 1 KiB pages instead of SQLite's 4 KiB. Every commit appends to
// the WAL a whole copy of each page it changed, and a dispatched message
// changes a few rows in each of several b-trees (the message, its index
// entries, its segment, the send log), so the bytes written per message
// scale with the page size: daemon_bench, 11.5 KB per message with 4 KiB
// pages, 4.6 KB with 1 KiB (SD cards wear out with writes). Smaller pages
// than 1 KiB cost more CPU than they save (deeper b-trees; queueing a
// 98,000-message campaign took 4.8 s with 512-byte pages, 3.3 s with 1 KiB).
// An existing file keeps the page size it was created with: SQLite cannot
// change it in WAL mode (the README says how to convert one offline).
//
// Write-ahead log size (ConnectionOptions::wal_*): a commit that leaves
// more than wal_autocheckpoint_bytes of pages in the WAL copies them into
// the database (a PASSIVE checkpoint: it never waits for a reader). Once a
// checkpoint has copied everything, the next writer starts the WAL over
// from its beginning and cuts the file back to
// wal_size_limit_bytes, so a burst (a 10,000-message batch) does not leave
// a large WAL behind. Between checkpoints the WAL holds at most
// wal_autocheckpoint_bytes plus the last transaction. A reader that keeps
// one read transaction open forever (a stuck `sqlite3` shell) stops the
// WAL from starting over and it grows until that reader ends; the
// daemon's own reads are short. Retention::CheckpointLog additionally
// truncates it to zero bytes after each retention run.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SCHEMA_H_
#define TELLAL_DAEMON_STORE_SQLITE_SCHEMA_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "daemon/store/sqlite/sqlite_handle.h"
#include "modem/result.h"

namespace tellal::store {

// The page size of a new database file (above).
inline constexpr int kNewDatabasePageSize = 1024;
// The WAL policy above: SQLite's default checkpoint threshold for 4 KiB
// pages (1000 pages, about 4 MiB) kept in bytes whatever the page size, so
// a page changed many times between checkpoints is copied into the
// database once; and the size the WAL file is cut back to when it starts
// over.
inline constexpr int64_t kWalAutocheckpointBytes = 4096LL * 1000;
inline constexpr int64_t kWalSizeLimitBytes = 8LL * 1024 * 1024;

struct ConnectionOptions {
  bool synchronous_full = false;  // see the durability note above
  int busy_timeout_ms = 5000;     // another process (sqlite3 CLI, backup) holding the lock
  int new_database_page_size = kNewDatabasePageSize;  // 512..65536, a power of two
  int64_t wal_autocheckpoint_bytes = kWalAutocheckpointBytes;
  int64_t wal_size_limit_bytes = kWalSizeLimitBytes;
  // Called once before an existing or new file is migrated from version
  // `from` to `to`: rebuilding a table of a million messages takes about a
  // minute, longer on a Raspberry Pi, and whoever waits for the open (the
  // service manager's start timeout) should hear why.
  std::function<void(int from, int to)> before_migrating;
};

// Sets the page size of a new (empty) file, journal_mode=WAL (file
// databases; an in-memory one keeps "memory"), synchronous, the WAL policy,
// foreign_keys=ON and busy_timeout. Fails if a file database
// cannot switch to WAL (e.g. a filesystem without shared memory), because
// the crash-safety promises above assume it.
Status ConfigureConnection(Database& db, const ConnectionOptions& options);

struct Migration {
  int version;      // 1, 2, 3 ... without gaps
  const char* sql;  // one or more statements, no values (DDL only)
};

// The store's own migrations, oldest first.
const std::vector<Migration>& StoreMigrations();

Result<int> SchemaVersion(Database& db);

// Brings the database to the last version in `migrations`. Preconditions:
// versions are 1..N in order. Re-running on an up-to-date file does nothing.
Status Migrate(Database& db, const std::vector<Migration>& migrations);

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SCHEMA_H_

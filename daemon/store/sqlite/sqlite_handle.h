// Thin RAII layer over the SQLite C API: a connection with a prepared
// statement cache, a leased statement with bind/step/column helpers, and a
// transaction guard; bind_and_run.h builds the store's calls on top.
// Nothing here throws; every SQLite failure becomes an Error carrying
// sqlite3_errmsg and the start of the statement's SQL.
//
// Thread affinity: a Database and everything obtained from it belong to the
// thread that opened it (the connection is opened SQLITE_OPEN_NOMUTEX).
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_HANDLE_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_HANDLE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "modem/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tellal::store {

class Database;

// A cached prepared statement lent to one caller. Destruction resets it and
// clears its bindings, so the next lease starts clean. Bind errors (only
// possible through misuse: index out of range, out of memory) are remembered
// and reported by the next Step()/Run(), which keeps call sites linear.
//
// Lifetime: must not outlive the Database. Only one lease per SQL text may be
// alive at a time; a nested lease of the same text fails at Database::Query.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Parameter indexes are 1-based, as in sqlite3_bind_*.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value);
  Statement& Bind(int index,
                  std::string_view value);  // copied (SQLITE_TRANSIENT)
  Statement& Bind(int index, const std::string& value);
  Statement& Bind(int index, const char* value);  // else it would bind as bool
  Statement& Bind(int index, std::nullptr_t);     // SQL NULL
  Statement& Bind(int index, const std::optional<int64_t>& value);
  Statement& Bind(int index, const std::optional<std::string>& value);
  Statement& BindBlob(int index, const std::vector<uint8_t>& value);

  // true: a row is available through the Column* accessors; false: done.
  Result<bool> Step();
  // Steps a statement that returns no rows (INSERT/UPDATE/DELETE).
  Status Run();

  // Valid only after Step() returned true. Column indexes are 0-based. They
  // return plain values: SQLite converts types instead of failing, and NULL
  // reads as 0 / "" unless asked for through the Optional* forms.
  int64_t ColumnInt64(int column) const;
  std::string ColumnText(int column) const;
  std::vector<uint8_t> ColumnBlob(int column) const;
  bool ColumnIsNull(int column) const;
  std::optional<int64_t> OptionalInt64(int column) const;
  std::optional<std::string> OptionalText(int column) const;

 private:
  friend class Database;
  Statement(Database* db, sqlite3_stmt* stmt, bool* in_use);
  Error Fail(const char* what) const;
  void NoteBind(int rc, int index);

  Database* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;
  std::string bind_error_;  // empty: no bind failed (an optional<Error> here
                            // trips g++ 12's -Wmaybe-uninitialized)
};

// One SQLite connection. Statements prepared through Query() are kept for
// the connection's lifetime, so the hot paths never re-parse SQL.
class Database {
 public:
  // Opens (creating when absent) a database file; ":memory:" gives a private
  // in-memory database.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // For statements without values only (DDL, PRAGMA, BEGIN): values always
  // go through Query() and Bind().
  Status Exec(const std::string& sql);

  // Leases the cached statement for `sql`, preparing it on first use.
  // `sql` must be a single statement.
  Result<Statement> Query(std::string_view sql);

  int64_t LastInsertRowId() const;
  int Changes() const;               // rows changed by the last INSERT/UPDATE/DELETE
  std::string ErrorMessage() const;  // sqlite3_errmsg
  int LastErrorCode() const;         // sqlite3_extended_errcode
  int LastSystemErrno() const;       // sqlite3_system_errno: the OS error behind an I/O failure
  bool InTransaction() const;        // a transaction (or group commit) is open
  // Failure injection for tests: the next `count` outermost COMMITs fail
  // with kIoError and roll back everything of their transaction (SQLite's
  // commit hook vetoes them). 0 disarms it.
  void FailNextCommits(int count);
  sqlite3* raw() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  // Looked up by string_view, so the store's SQL constants find their
  // statement without building a std::string on every call.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  static int VetoCommit(void* self);

  sqlite3* db_;
  int failing_commits_ = 0;
  std::unordered_map<std::string, std::unique_ptr<Cached>, TextHash, std::equal_to<>> cache_;
};

// BEGIN IMMEDIATE on creation, ROLLBACK on destruction unless Commit()
// succeeded. IMMEDIATE takes the write lock up front, so a transaction never
// fails half-way with SQLITE_BUSY when it upgrades from reading to writing.
//
// Nesting: begun while another transaction is open, it is a SAVEPOINT
// instead, so a store operation can run inside a caller's group commit.
// Lifetime: must not outlive the Database; inner ones end before outer ones.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db);
  // An outermost transaction whose COMMIT waits for the disk (fsync, i.e.
  // synchronous = FULL) on a connection that otherwise runs at NORMAL; the
  // connection is back at NORMAL once it ends. SQLite reads the setting at
  // BEGIN, so it cannot be raised inside an open transaction: nested, this
  // is an ordinary savepoint and the outer transaction decides.
  static Result<Transaction> BeginSynced(Database& db);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  Status Commit();

 private:
  Transaction(Database* db, bool nested, bool synced = false) : db_(db), nested_(nested), synced_(synced) {}
  void RestoreSync();
  Database* db_;  // nullptr once committed, rolled back or moved from
  bool nested_;   // a SAVEPOINT inside another transaction
  bool synced_;   // BeginSynced raised synchronous; lower it when done
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_HANDLE_H_

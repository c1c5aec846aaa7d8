#include "daemon/store/sqlite/sqlite_handle.h"

#include <sqlite3.h>

#include <cerrno>
#include <utility>

#include "daemon/store/sqlite/sqlite_memory.h"

namespace tellal::store {
namespace {

// Enough of the SQL to tell which statement failed without flooding a log.
std::string SqlHead(std::string_view sql) {
  constexpr size_t kMax = 60;
  if (sql.size() > kMax) return std::string(sql.substr(0, kMax)) + "...";
  return std::string(sql);
}

std::string SqlHead(const char* sql) { return sql == nullptr ? "?" : SqlHead(std::string_view(sql)); }

}  // namespace

// --- Statement -------------------------------------------------------------

Statement::Statement(Database* db, sqlite3_stmt* stmt, bool* in_use) : db_(db), stmt_(stmt), in_use_(in_use) {
  *in_use_ = true;
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      bind_error_(std::move(other.bind_error_)) {}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  // The step's own result was already reported; reset only repeats it.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

// The kind of failure a SQLite result code means, so callers can tell a
// full disk from a read-only file system or a corrupt database. An I/O
// error is told apart by the errno behind it: writing to a file system
// remounted read-only fails with EROFS, not SQLITE_READONLY, and some
// writes report a full disk as SQLITE_IOERR_WRITE with ENOSPC.
ErrorCode CodeFor(int rc, int system_errno = 0) {
  // Only Database::FailNextCommits vetoes commits: an injected failure of
  // the commit's write.
  if (rc == SQLITE_CONSTRAINT_COMMITHOOK) return ErrorCode::kIoError;
  if ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN) {
    if (system_errno == EROFS) return ErrorCode::kReadOnly;
    if (system_errno == ENOSPC || system_errno == EDQUOT) return ErrorCode::kNoSpace;
  }
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return ErrorCode::kNoSpace;
    case SQLITE_READONLY:
      return ErrorCode::kReadOnly;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorCode::kUnavailable;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorCode::kCorruption;
    case SQLITE_CONSTRAINT:
      return ErrorCode::kConflict;
    case SQLITE_ERROR:  // an SQL error or a missing table: the statement is wrong
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
      return ErrorCode::kInternal;
    default:
      return ErrorCode::kIoError;
  }
}

Error Statement::Fail(const char* what) const {
  return Error{CodeFor(db_->LastErrorCode(), db_->LastSystemErrno()),
               std::string(what) + " `" + SqlHead(sqlite3_sql(stmt_)) + "`: " + db_->ErrorMessage()};
}

void Statement::NoteBind(int rc, int index) {
  if (rc == SQLITE_OK || !bind_error_.empty()) return;
  bind_error_ =
      "bind parameter " + std::to_string(index) + " of `" + SqlHead(sqlite3_sql(stmt_)) + "`: " + sqlite3_errstr(rc);
}

Statement& Statement::Bind(int index, int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

Statement& Statement::Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }

Statement& Statement::Bind(int index, std::string_view value) {
  NoteBind(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
  return *this;
}

Statement& Statement::Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }

Statement& Statement::Bind(int index, const char* value) {
  return value == nullptr ? Bind(index, nullptr) : Bind(index, std::string_view(value));
}

Statement& Statement::Bind(int index, std::nullptr_t) {
  NoteBind(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<int64_t>& value) {
  return value ? Bind(index, *value) : Bind(index, nullptr);
}

Statement& Statement::Bind(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, std::string_view(*value)) : Bind(index, nullptr);
}

Statement& Statement::BindBlob(int index, const std::vector<uint8_t>& value) {
  // A zero-length blob must stay a blob, not NULL: bind_blob64 with a null
  // pointer would store NULL.
  static const uint8_t kEmpty = 0;
  NoteBind(sqlite3_bind_blob64(stmt_, index, value.empty() ? &kEmpty : value.data(), value.size(), SQLITE_TRANSIENT),
           index);
  return *this;
}

Result<bool> Statement::Step() {
  if (!bind_error_.empty()) return Error::Internal(bind_error_);
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Fail("step");
}

Status Statement::Run() {
  Result<bool> row = Step();
  if (!row) return row.error();
  if (*row) return Error::Internal("step `" + SqlHead(sqlite3_sql(stmt_)) + "`: returned a row, expected none");
  return Status::Ok();
}

int64_t Statement::ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::ColumnText(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::vector<uint8_t> Statement::ColumnBlob(int column) const {
  const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
  if (data == nullptr) return {};
  return std::vector<uint8_t>(data, data + sqlite3_column_bytes(stmt_, column));
}

bool Statement::ColumnIsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::optional<int64_t> Statement::OptionalInt64(int column) const {
  if (ColumnIsNull(column)) return std::nullopt;
  return ColumnInt64(column);
}

std::optional<std::string> Statement::OptionalText(int column) const {
  if (ColumnIsNull(column)) return std::nullopt;
  return ColumnText(column);
}

// --- Database --------------------------------------------------------------

namespace {

// Process-wide, before SQLite's first use. Memory statistics take a global
// mutex on every allocation SQLite makes (dozens per dispatched message)
// and nothing here reads them. The allocator: see sqlite_memory.h.
void ConfigureLibraryOnce() {
  static const bool configured = [] {
    // SQLITE_MISUSE: something in this process used SQLite first; the
    // defaults stay, which is slower, never wrong.
    const bool allocator = InstallSqliteMemory();
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK && allocator;
  }();
  (void)configured;
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  ConfigureLibraryOnce();
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    // sqlite3_open_v2 hands back a handle even on failure, for its message.
    std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    const int system_errno = raw != nullptr ? sqlite3_system_errno(raw) : 0;
    sqlite3_close_v2(raw);
    return Error{CodeFor(rc, system_errno), "open " + path + ": " + message};
  }
  // Extended codes tell SQLITE_CONSTRAINT_UNIQUE from other constraint
  // failures in error messages.
  sqlite3_extended_result_codes(raw, 1);
  return std::unique_ptr<Database>(new Database(raw));
}

Database::~Database() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached->stmt);
  // close_v2 cannot fail on a connection whose statements are finalized;
  // any open transaction is rolled back by SQLite itself.
  sqlite3_close_v2(db_);
}

Status Database::Exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string text = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return Error{CodeFor(rc, LastSystemErrno()), "exec `" + SqlHead(sql.c_str()) + "`: " + text};
}

Result<Statement> Database::Query(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) {
      return Error{CodeFor(LastErrorCode(), LastSystemErrno()), "prepare `" + SqlHead(sql) + "`: " + ErrorMessage()};
    }
    if (stmt == nullptr) return Error::InvalidArgument("prepare `" + SqlHead(sql) + "`: no statement");
    auto cached = std::make_unique<Cached>();
    cached->stmt = stmt;
    it = cache_.emplace(std::string(sql), std::move(cached)).first;
  }
  Cached& cached = *it->second;
  if (cached.in_use) {
    return Error::Internal("statement `" + SqlHead(sql) + "` is already in use");
  }
  return Statement(this, cached.stmt, &cached.in_use);
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int Database::Changes() const { return sqlite3_changes(db_); }

std::string Database::ErrorMessage() const { return sqlite3_errmsg(db_); }
int Database::LastErrorCode() const { return sqlite3_extended_errcode(db_); }
int Database::LastSystemErrno() const { return sqlite3_system_errno(db_); }

int Database::VetoCommit(void* self) {
  auto* db = static_cast<Database*>(self);
  if (db->failing_commits_ == 0) return 0;
  --db->failing_commits_;
  return 1;  // SQLite turns the COMMIT into a ROLLBACK
}

bool Database::InTransaction() const { return open_transactions_ > 0 || InTransactionInSqlite(); }

bool Database::InTransactionInSqlite() const { return sqlite3_get_autocommit(db_) == 0; }

Status Database::CheckTransactionAlive() const {
  if (open_transactions_ > 0 && sqlite3_get_autocommit(db_) != 0) {
    return Error::IoError("the enclosing transaction was rolled back by SQLite after an error; nothing of it is stored");
  }
  return Status::Ok();
}

void Database::FailNextCommits(int count) {
  failing_commits_ = count;
  sqlite3_commit_hook(db_, count > 0 ? &Database::VetoCommit : nullptr, this);
}

// --- Transaction -----------------------------------------------------------

namespace {

// Transaction control runs several times per dispatched message, so it
// goes through the statement cache instead of sqlite3_exec's parse-per-call.
Status RunControl(Database& db, const char* sql) {
  auto q = db.Query(sql);
  if (!q) return q.error();
  return q->Run();
}

}  // namespace

Result<Transaction> Transaction::Begin(Database& db) {
  // Inside an open transaction (a group commit) this one becomes a
  // savepoint: its rollback undoes only its own work, its commit makes
  // nothing durable until the outer transaction commits.
  Status alive = db.CheckTransactionAlive();
  if (!alive) return alive.error();
  const bool nested = db.InTransaction();
  Status begun = RunControl(db, nested ? "SAVEPOINT nested" : "BEGIN IMMEDIATE");
  if (!begun) return begun.error();
  return Transaction(&db, nested);
}

Result<Transaction> Transaction::BeginSynced(Database& db) {
  if (db.InTransaction()) return Begin(db);
  Status raised = RunControl(db, "PRAGMA synchronous = FULL");
  if (!raised) return raised.error();
  Status begun = RunControl(db, "BEGIN IMMEDIATE");
  if (!begun) {
    Status lowered = RunControl(db, "PRAGMA synchronous = NORMAL");
    (void)lowered;  // the BEGIN failure is the error worth reporting
    return begun.error();
  }
  return Transaction(&db, false, true);
}

void Transaction::RestoreSync() {
  if (!synced_) return;
  synced_ = false;
  // Failing leaves the connection at FULL: slower, never less safe.
  Status lowered = RunControl(*db_, "PRAGMA synchronous = NORMAL");
  (void)lowered;
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), nested_(other.nested_), synced_(std::exchange(other.synced_, false)) {}

Transaction::~Transaction() {
  if (db_ == nullptr) return;
  // A failed ROLLBACK means SQLite already rolled back (some errors end the
  // transaction themselves); nothing is left to undo either way.
  if (sqlite3_get_autocommit(db_->raw()) == 0) {
    if (nested_) {
      // RELEASE even if ROLLBACK TO failed: the savepoint must not outlive
      // its Transaction.
      Status rolled_back = RunControl(*db_, "ROLLBACK TO nested");
      Status released = RunControl(*db_, "RELEASE nested");
      (void)rolled_back;
      (void)released;
    } else {
      Status rolled_back = RunControl(*db_, "ROLLBACK");
      (void)rolled_back;
    }
  }
  RestoreSync();
  --db_->open_transactions_;
}

Status Transaction::Commit() {
  if (db_ == nullptr) return Error::Internal("commit: no transaction is open");
  Status committed = RunControl(*db_, nested_ ? "RELEASE nested" : "COMMIT");
  // Failed and still open (e.g. SQLITE_BUSY): the destructor rolls back.
  // Failed and gone (a vetoed COMMIT, or SQLite rolled back earlier): this
  // transaction is over now, so the connection takes new ones.
  if (!committed && (nested_ || db_->InTransactionInSqlite())) return committed;
  RestoreSync();
  --db_->open_transactions_;
  db_ = nullptr;
  return committed;
}

}  // namespace tellal::store

// Bind-and-run: one call per statement instead of prepare/bind/step blocks.
//
//   Status s = Run(db, sql::kCancel, id, at);                      // no rows
//   auto id = QueryOne<int64_t>(db, sql::kFindClientRef, ref);    // optional<int64_t>
//   auto rows = QueryAll<int64_t, bool>(db, sql::kSending);        // vector<tuple<...>>
//   auto message = MapOne(db, sql::kGetMessage, ReadMessage, id);  // optional<Message>
//
// Arguments bind to ?1, ?2, ... in order: int, int64_t, bool (0/1), text
// (std::string, std::string_view, const char*), std::optional of int64_t or
// std::string (NULL when empty), std::vector<uint8_t> (a blob), nullptr.
// Columns read back as the same types. Statements come from the
// connection's cache (sqlite_handle.h) and are reset when the call returns,
// so a RETURNING statement's changes are complete once the call is.
//
// InTransaction runs a body in one transaction and names the operation in
// any error it returns. Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_BIND_AND_RUN_H_
#define TELLAL_DAEMON_STORE_SQLITE_BIND_AND_RUN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "daemon/store/sqlite/sqlite_handle.h"
#include "modem/result.h"

namespace tellal::store {

// --- Binding ----------------------------------------------------------------

inline void BindValue(Statement& q, int index, bool value) { q.Bind(index, value ? 1 : 0); }
inline void BindValue(Statement& q, int index, const std::vector<uint8_t>& value) { q.BindBlob(index, value); }
template <typename T>
void BindValue(Statement& q, int index, const T& value) {
  q.Bind(index, value);
}

template <typename... Args>
Statement& BindAll(Statement& q, const Args&... args) {
  [[maybe_unused]] int index = 0;
  (BindValue(q, ++index, args), ...);
  return q;
}

// --- Reading columns ----------------------------------------------------------

template <typename T>
T Column(const Statement& q, int column) {
  if constexpr (std::is_same_v<T, int64_t>) {
    return q.ColumnInt64(column);
  } else if constexpr (std::is_same_v<T, int>) {
    return static_cast<int>(q.ColumnInt64(column));
  } else if constexpr (std::is_same_v<T, bool>) {
    return q.ColumnInt64(column) != 0;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return q.ColumnText(column);
  } else if constexpr (std::is_same_v<T, std::vector<uint8_t>>) {
    return q.ColumnBlob(column);
  } else if constexpr (std::is_same_v<T, std::optional<int64_t>>) {
    return q.OptionalInt64(column);
  } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
    return q.OptionalText(column);
  } else {
    static_assert(!sizeof(T), "no column reader for this type");
  }
}

// One column reads as its value, several as a tuple.
template <typename... Cols>
using RowOf =
    std::conditional_t<sizeof...(Cols) == 1, std::tuple_element_t<0, std::tuple<Cols...>>, std::tuple<Cols...>>;

template <typename... Cols>
RowOf<Cols...> ReadColumns(const Statement& q) {
  if constexpr (sizeof...(Cols) == 1) {
    return Column<Cols...>(q, 0);
  } else {
    return [&q]<size_t... I>(std::index_sequence<I...>) {
      return std::tuple<Cols...>(Column<Cols>(q, static_cast<int>(I))...);
    }
    (std::index_sequence_for<Cols...>());
  }
}

// --- Running ------------------------------------------------------------------

// A leased statement with `args` bound, for callers that step it themselves.
template <typename... Args>
Result<Statement> Prepare(Database& db, std::string_view sql, const Args&... args) {
  auto q = db.Query(sql);
  if (q) BindAll(*q, args...);
  return q;
}

// A statement that returns no rows (INSERT, UPDATE, DELETE).
template <typename... Args>
Status Run(Database& db, std::string_view sql, const Args&... args) {
  auto q = Prepare(db, sql, args...);
  if (!q) return q.error();
  return q->Run();
}

// The first row through `read(const Statement&)`; nullopt when there is none.
template <typename Read, typename... Args>
auto MapOne(Database& db, std::string_view sql, Read read, const Args&... args)
    -> Result<std::optional<std::invoke_result_t<Read, const Statement&>>> {
  using Row = std::invoke_result_t<Read, const Statement&>;
  auto q = Prepare(db, sql, args...);
  if (!q) return q.error();
  auto row = q->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<Row>();
  return std::optional<Row>(read(*q));
}

// Every row through `read(const Statement&)`.
template <typename Read, typename... Args>
auto MapAll(Database& db, std::string_view sql, Read read, const Args&... args)
    -> Result<std::vector<std::invoke_result_t<Read, const Statement&>>> {
  std::vector<std::invoke_result_t<Read, const Statement&>> rows;
  auto q = Prepare(db, sql, args...);
  if (!q) return q.error();
  for (;;) {
    auto row = q->Step();
    if (!row) return row.error();
    if (!*row) return rows;
    rows.push_back(read(*q));
  }
}

// The first row's columns as Cols.
template <typename... Cols, typename... Args>
Result<std::optional<RowOf<Cols...>>> QueryOne(Database& db, std::string_view sql, const Args&... args) {
  return MapOne(db, sql, ReadColumns<Cols...>, args...);
}

// Every row's columns as Cols.
template <typename... Cols, typename... Args>
Result<std::vector<RowOf<Cols...>>> QueryAll(Database& db, std::string_view sql, const Args&... args) {
  return MapAll(db, sql, ReadColumns<Cols...>, args...);
}

// --- Transactions -------------------------------------------------------------

// Runs `body` (returning Status or Result<T>) in one transaction — a
// savepoint inside a caller's — and commits it if the body succeeded. Any
// error comes back as "<operation>: <error>" with its code; the body's
// failure rolls its work back.
template <typename Body>
auto InTransaction(Database& db, const std::string& operation, Body body) -> decltype(body()) {
  auto tx = Transaction::Begin(db);
  if (!tx) return Wrap(operation, tx.error());
  auto result = body();
  if (!result) return Wrap(operation, result.error());
  Status committed = tx->Commit();
  if (!committed) return Wrap(operation, committed.error());
  return result;
}

// For a body whose every prefix leaves the store consistent (each write
// is one statement, itself atomic, and stands on its own): inside a
// caller's transaction (a group commit) it runs without a savepoint of its
// own, saving two statements per call on the dispatcher's hot path; alone,
// it is InTransaction.
template <typename Body>
auto InGroupOrTransaction(Database& db, const std::string& operation, Body body) -> decltype(body()) {
  if (!db.InTransaction()) return InTransaction(db, operation, std::move(body));
  auto result = body();
  if (!result) return Wrap(operation, result.error());
  return result;
}

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_BIND_AND_RUN_H_

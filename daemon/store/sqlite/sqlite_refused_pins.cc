#include "daemon/store/sqlite/sqlite_refused_pins.h"

#include <sqlite3.h>

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/refused_pins_sql.h"

namespace tellal::store {
namespace {

RefusedPin ReadRefusal(const Statement& q) {
  return RefusedPin{q.ColumnText(0), q.ColumnText(1), q.ColumnText(2), q.ColumnInt64(3)};
}

}  // namespace

Result<Transaction> SqliteRefusedPins::BeginDurable() {
  // Inside a caller's transaction the commit would be that caller's, and a
  // refusal must be on disk before the driver takes its next step.
  if (sqlite3_get_autocommit(db_.raw()) == 0) {
    return Error::Internal("a refusal must be recorded outside any open transaction");
  }
  return synchronous_full_ ? Transaction::Begin(db_) : Transaction::BeginSynced(db_);
}

Result<std::vector<RefusedPin>> SqliteRefusedPins::RefusalsFor(const std::string& sim) {
  auto rows = MapAll(db_, sql::kRefusalsFor, ReadRefusal, sim);
  if (!rows) return Wrap("RefusalsFor", rows.error());
  return rows;
}

Status SqliteRefusedPins::RecordRefusal(const RefusedPin& refusal) {
  auto tx = BeginDurable();
  if (!tx) return Wrap("RecordRefusal", tx.error());
  Status s = Run(db_, sql::kRecordRefusal, refusal.sim, refusal.pin_fingerprint, refusal.reason, refusal.refused_at);
  if (!s) return Wrap("RecordRefusal", s.error());
  s = tx->Commit();
  if (!s) return Wrap("RecordRefusal", s.error());
  return Status::Ok();
}

Result<int> SqliteRefusedPins::ForgetRefusals(const std::string& sim) {
  auto tx = BeginDurable();
  if (!tx) return Wrap("ForgetRefusals", tx.error());
  Status s = Run(db_, sql::kForgetRefusals, sim);
  if (!s) return Wrap("ForgetRefusals", s.error());
  const int forgotten = db_.Changes();
  s = tx->Commit();
  if (!s) return Wrap("ForgetRefusals", s.error());
  return forgotten;
}

}  // namespace tellal::store

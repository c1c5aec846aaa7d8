#include "daemon/store/sqlite/sqlite_dlr_calls.h"

#include <utility>

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/dlr_calls_sql.h"

namespace tellal::store {
namespace {

DlrCallState ParseCallState(const std::string& text) {
  if (text == "done") return DlrCallState::kDone;
  if (text == "failed") return DlrCallState::kFailed;
  return DlrCallState::kPending;
}

DueDlrCall ReadDueRow(const Statement& q) {
  DueDlrCall c;
  c.id = q.ColumnInt64(0);
  c.message_id = q.ColumnInt64(1);
  c.dlr_type = static_cast<int>(q.ColumnInt64(2));
  c.answer = q.ColumnText(3);
  c.state_at = q.ColumnInt64(4);
  c.attempts = static_cast<int>(q.ColumnInt64(5));
  c.next_attempt_at = q.ColumnInt64(6);
  c.url_template = q.OptionalText(7);
  c.destination = q.OptionalText(8).value_or("");
  c.modem = q.OptionalText(9);
  return c;
}

DlrCall ReadCallRow(const Statement& q) {
  DlrCall c;
  c.id = q.ColumnInt64(0);
  c.message_id = q.ColumnInt64(1);
  c.dlr_type = static_cast<int>(q.ColumnInt64(2));
  c.answer = q.ColumnText(3);
  c.state_at = q.ColumnInt64(4);
  c.state = ParseCallState(q.ColumnText(5));
  c.attempts = static_cast<int>(q.ColumnInt64(6));
  c.next_attempt_at = q.ColumnInt64(7);
  if (auto status = q.OptionalInt64(8)) c.last_status = static_cast<int>(*status);
  c.last_error = q.OptionalText(9);
  c.created_at = q.ColumnInt64(10);
  c.finished_at = q.OptionalInt64(11);
  return c;
}

const char* NextStateName(DlrCallOutcome::Next next) {
  switch (next) {
    case DlrCallOutcome::Next::kDone:
      return DlrCallStateName(DlrCallState::kDone);
    case DlrCallOutcome::Next::kFailed:
      return DlrCallStateName(DlrCallState::kFailed);
    case DlrCallOutcome::Next::kRetry:
      return DlrCallStateName(DlrCallState::kPending);
  }
  return DlrCallStateName(DlrCallState::kPending);
}

}  // namespace

void SqliteDlrCalls::CallWritten() const {
  // Reached from a C callback: nothing may escape into SQLite.
  try {
    if (written_) written_();
  } catch (...) {
  }
}

Result<std::vector<DueDlrCall>> SqliteDlrCalls::HeadCalls(int limit) {
  if (limit < 1) return Error::InvalidArgument("HeadCalls: limit: must be at least 1");
  auto rows = MapAll(db_, sql::kHeadCalls, ReadDueRow, static_cast<int64_t>(limit));
  if (!rows) return Wrap("HeadCalls", rows.error());
  return rows;
}

Status SqliteDlrCalls::RecordAttempt(const DlrCallOutcome& o) {
  return InTransaction(db_, "RecordDlrAttempt", [&]() -> Status {
    const std::optional<int64_t> status =
        o.http_status ? std::optional<int64_t>(*o.http_status) : std::nullopt;
    const std::optional<std::string> error = o.error.empty() ? std::nullopt : std::optional<std::string>(o.error);
    const bool retry = o.next == DlrCallOutcome::Next::kRetry;
    Status s = Run(db_, sql::kRecordAttempt, o.call_id, status, error, std::string(NextStateName(o.next)),
                   retry ? std::optional<int64_t>(o.retry_at) : std::nullopt, o.finished_at);
    if (!s) return s;
    if (db_.Changes() == 0) return Error::NotFound("no pending dlr call " + std::to_string(o.call_id));
    return Status::Ok();
  });
}

Result<std::vector<DlrCall>> SqliteDlrCalls::CallsFor(int64_t message_id) {
  auto rows = MapAll(db_, sql::kCallsFor, ReadCallRow, message_id);
  if (!rows) return Wrap("CallsFor", rows.error());
  return rows;
}

}  // namespace tellal::store

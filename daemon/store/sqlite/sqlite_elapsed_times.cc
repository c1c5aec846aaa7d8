#include "daemon/store/sqlite/sqlite_elapsed_times.h"

#include <algorithm>

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/elapsed_times_sql.h"

namespace tellal::store {

Result<std::optional<Millis>> SqliteElapsedTimes::LatestRecordedTime() {
  std::optional<Millis> latest;
  for (std::string_view query :
       {sql::kLatestCreated, sql::kLatestReceived, sql::kLatestPartReceived, sql::kLatestLoggedSend}) {
    auto value = QueryOne<std::optional<int64_t>>(db_, query);
    if (!value) return Wrap("LatestRecordedTime", value.error());
    if (*value && **value) latest = std::max(latest.value_or(***value), ***value);
  }
  return latest;
}

Status SqliteElapsedTimes::ShiftElapsedTimes(Millis delta, Millis now, Millis reports_since) {
  return InTransaction(db_, "ShiftElapsedTimes", [&]() -> Status {
    Status s = Run(db_, sql::kShiftNotBefore, delta, now);
    if (s) s = Run(db_, sql::kShiftValidUntil, delta);
    if (s) s = Run(db_, sql::kShiftResumeUntil, delta);
    if (s) s = Run(db_, sql::kShiftUnreportedSegments, delta, reports_since);
    if (s) s = Run(db_, sql::kShiftSendLog, delta);
    if (s) s = Run(db_, sql::kShiftIncompleteParts, delta);
    if (s) s = Run(db_, sql::kShiftWebhookRetries, delta);
    if (s) s = Run(db_, sql::kShiftDlrRetries, delta);
    return s;
  });
}

}  // namespace tellal::store

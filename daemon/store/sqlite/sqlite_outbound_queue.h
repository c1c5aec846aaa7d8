// SqliteOutboundQueue: the OutboundQueue in the messages and segments
// tables (schema.cc). ClaimNext, ExpireDue, NextDue and ApplyStatusReport
// seek partial indexes of queued rows instead of scanning, which is what
// keeps them O(log n); outbound_queue_sql_test.cc checks the plans.
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection and send log, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_OUTBOUND_QUEUE_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_OUTBOUND_QUEUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "daemon/store/outbound_queue.h"
#include "daemon/store/sqlite/sqlite_handle.h"
#include "daemon/store/sqlite/sqlite_send_log.h"

namespace tellal::store {

class SqliteOutboundQueue final : public OutboundQueue {
 public:
  SqliteOutboundQueue(Database& db, SqliteSendLog& send_log) : db_(db), send_log_(send_log) {}

  Result<EnqueueOutcome> Enqueue(const NewMessage& message, Millis now) override;
  Result<std::vector<EnqueueOutcome>> EnqueueBatch(const std::vector<NewMessage>& messages, Millis now) override;
  using OutboundQueue::ClaimMessage;
  using OutboundQueue::ClaimNext;
  Result<std::optional<Message>> ClaimNext(const std::string& modem, Millis now,
                                           const CommercialRules& rules) override;
  Result<std::optional<Message>> ClaimMessage(int64_t id, const std::string& modem, Millis now,
                                              const CommercialRules& rules) override;
  Status MarkSegmentSent(int64_t id, int seq, const std::string& modem, int mr, Millis at) override;
  Status MarkSent(int64_t id, Millis at) override;
  Status MarkFailed(int64_t id, const MessageError& error, Millis at) override;
  Status Requeue(int64_t id, Millis not_before, const MessageError& error) override;
  Status Pause(int64_t id, Millis not_before, Millis resume_until, const MessageError& error) override;
  Status MarkUnknown(int64_t id, const MessageError& error, Millis at) override;
  Result<CancelOutcome> Cancel(int64_t id, Millis at) override;
  Result<RecoveryOutcome> RecoverAfterCrash(bool resend_unknown, Millis now) override;
  Result<std::optional<ReportMatch>> ApplyStatusReport(const StatusReport& report, Millis now, Millis window) override;
  Result<std::vector<int64_t>> ExpireDue(Millis now) override;
  Result<std::optional<Millis>> NextDue(Millis now) override;
  Result<std::vector<std::pair<Priority, int64_t>>> CountQueued() override;
  Result<std::optional<Message>> GetMessage(int64_t id) override;
  Result<std::vector<SegmentRecord>> ListSegments(int64_t id) override;
  Result<Page<Message>> ListMessages(const MessageFilter& filter, int limit, const std::string& cursor) override;

 private:
  Database& db_;
  SqliteSendLog& send_log_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_OUTBOUND_QUEUE_H_

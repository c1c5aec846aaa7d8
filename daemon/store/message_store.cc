#include "daemon/store/message_store.h"

#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <utility>

#include "daemon/store/store_internal.h"
#include "daemon/store/store_queries.h"
#include "modem/pdu/status_report_status.h"

namespace tellal::store {
namespace {

constexpr std::array<const char*, 3> kPriorityNames = {"otp", "normal", "bulk"};
constexpr std::array<const char*, 8> kStateNames = {"queued", "sending", "sent",      "delivered",
                                                    "failed", "expired", "cancelled", "unknown"};

// Column order shared by GetMessage, ClaimNext and ListMessages.
constexpr const char* kMessageColumns =
    "id, client_ref, destination, body, encoding, segment_count, priority, "
    "state,"
    " pinned_modem, modem, attempts, error_code, error_text, report_requested, "
    "flash,"
    " not_before, valid_until, created_at, sending_at, sent_at, delivered_at, "
    "failed_at,"
    " expired_at, cancelled_at, unknown_at, dlr_url, dlr_mask";

Message ReadMessageRow(const Statement& q) {
  Message m;
  m.id = q.ColumnInt64(0);
  m.client_ref = q.OptionalText(1);
  m.to = q.ColumnText(2);
  m.text = q.ColumnText(3);
  m.encoding = q.ColumnText(4);
  m.segments = static_cast<int>(q.ColumnInt64(5));
  m.priority = static_cast<Priority>(q.ColumnInt64(6));  // CHECK keeps it 0..2
  // The CHECK constraint admits only names ParseMessageState knows.
  m.state = ParseMessageState(q.ColumnText(7)).value_or(MessageState::kUnknown);
  m.pinned_modem = q.OptionalText(8);
  m.modem = q.OptionalText(9);
  m.attempts = static_cast<int>(q.ColumnInt64(10));
  m.error_code = q.OptionalText(11);
  m.error_text = q.OptionalText(12);
  m.report_requested = q.ColumnInt64(13) != 0;
  m.flash = q.ColumnInt64(14) != 0;
  m.not_before = q.ColumnInt64(15);
  m.valid_until = q.OptionalInt64(16);
  m.created_at = q.ColumnInt64(17);
  m.sending_at = q.OptionalInt64(18);
  m.sent_at = q.OptionalInt64(19);
  m.delivered_at = q.OptionalInt64(20);
  m.failed_at = q.OptionalInt64(21);
  m.expired_at = q.OptionalInt64(22);
  m.cancelled_at = q.OptionalInt64(23);
  m.unknown_at = q.OptionalInt64(24);
  m.dlr_url = q.OptionalText(25);
  m.dlr_mask = static_cast<int>(q.ColumnInt64(26));
  return m;
}

std::string OpName(const char* operation, int64_t id) {
  return std::string(operation) + "(" + std::to_string(id) + ")";
}

Status ValidateNewMessage(const NewMessage& m) {
  if (m.to.empty()) return Error::InvalidArgument("to: empty destination");
  if (m.encoding.empty()) return Error::InvalidArgument("encoding: empty");
  if (m.segments < 1 || m.segments > 255) {
    return Error::InvalidArgument("segments: " + std::to_string(m.segments) + " is outside 1..255");
  }
  if (m.client_ref && m.client_ref->empty()) return Error::InvalidArgument("client_ref: empty");
  if (m.modem && m.modem->empty()) return Error::InvalidArgument("modem: empty");
  if (m.dlr_url && m.dlr_url->empty()) return Error::InvalidArgument("dlr_url: empty");
  return Status::Ok();
}

}  // namespace

const char* PriorityName(Priority p) { return kPriorityNames[static_cast<size_t>(p)]; }

std::optional<Priority> ParsePriority(std::string_view name) {
  for (size_t i = 0; i < kPriorityNames.size(); ++i) {
    if (name == kPriorityNames[i]) return static_cast<Priority>(i);
  }
  return std::nullopt;
}

const char* MessageStateName(MessageState s) { return kStateNames[static_cast<size_t>(s)]; }

std::optional<MessageState> ParseMessageState(std::string_view name) {
  for (size_t i = 0; i < kStateNames.size(); ++i) {
    if (name == kStateNames[i]) return static_cast<MessageState>(i);
  }
  return std::nullopt;
}

// --- Opening ----------------------------------------------------------------

Result<std::unique_ptr<MessageStore>> MessageStore::OpenWith(const std::string& path,
                                                             const ConnectionOptions& options) {
  auto db = Database::Open(path);
  if (!db) return db.error();
  Status s = ConfigureConnection(**db, options);
  if (!s) return Op("open " + path, s.error());
  s = Migrate(**db, StoreMigrations());
  if (!s) return Op("open " + path, s.error());
  return std::unique_ptr<MessageStore>(new MessageStore(std::move(*db), options.synchronous_full));
}

Result<std::unique_ptr<MessageStore>> MessageStore::Open(const std::string& path, const ConnectionOptions& options) {
  return OpenWith(path, options);
}

Result<std::unique_ptr<MessageStore>> MessageStore::OpenInMemory() { return OpenWith(":memory:", ConnectionOptions{}); }

// --- Enqueue ----------------------------------------------------------------

Result<EnqueueOutcome> MessageStore::InsertMessage(const NewMessage& m, Millis now) {
  Status valid = ValidateNewMessage(m);
  if (!valid) return valid.error();
  if (m.client_ref) {
    auto q = db_->Query("SELECT id FROM messages WHERE client_ref = ?1");
    if (!q) return q.error();
    q->Bind(1, *m.client_ref);
    auto row = q->Step();
    if (!row) return row.error();
    if (*row) return EnqueueOutcome{q->ColumnInt64(0), false};
  }
  auto q = db_->Query(
      "INSERT INTO messages (client_ref, destination, body, encoding, "
      "segment_count, priority,"
      " state, pinned_modem, report_requested, flash, not_before, valid_until, "
      "created_at, dlr_url, dlr_mask)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued', ?7, ?8, ?9, ?10, ?11, ?12,"
      " ?13, ?14)");
  if (!q) return q.error();
  q->Bind(1, m.client_ref)
      .Bind(2, m.to)
      .Bind(3, m.text)
      .Bind(4, m.encoding)
      .Bind(5, m.segments)
      .Bind(6, static_cast<int>(m.priority))
      .Bind(7, m.modem)
      .Bind(8, m.report_requested ? 1 : 0)
      .Bind(9, m.flash ? 1 : 0)
      .Bind(10, m.not_before.value_or(now))
      .Bind(11, m.valid_until)
      .Bind(12, now)
      .Bind(13, m.dlr_url)
      .Bind(14, m.dlr_mask);
  Status s = q->Run();
  if (!s) return s.error();
  return EnqueueOutcome{db_->LastInsertRowId(), true};
}

Result<EnqueueOutcome> MessageStore::Enqueue(const NewMessage& message, Millis now) {
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op("Enqueue", tx.error());
  auto outcome = InsertMessage(message, now);
  if (!outcome) return Op("Enqueue", outcome.error());
  Status s = tx->Commit();
  if (!s) return Op("Enqueue", s.error());
  return outcome;
}

Result<std::vector<EnqueueOutcome>> MessageStore::EnqueueBatch(const std::vector<NewMessage>& messages, Millis now) {
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op("EnqueueBatch", tx.error());
  std::vector<EnqueueOutcome> outcomes;
  outcomes.reserve(messages.size());
  for (size_t i = 0; i < messages.size(); ++i) {
    auto outcome = InsertMessage(messages[i], now);
    if (!outcome) {
      return Op("EnqueueBatch: message " + std::to_string(i), outcome.error());
    }
    outcomes.push_back(*outcome);
  }
  Status s = tx->Commit();
  if (!s) return Op("EnqueueBatch", s.error());
  return outcomes;
}

// --- Claim ------------------------------------------------------------------

Result<std::optional<MessageStore::Candidate>> MessageStore::PickCandidate(const std::string& modem, Millis now) {
  // Priorities one at a time: each is two index seeks, so the cost does not
  // depend on how many messages wait (see store_queries.h).
  for (int priority = 0; priority <= 2; ++priority) {
    std::optional<std::pair<Millis, int64_t>> best;  // (not_before, id)
    std::optional<Millis> best_valid_until;
    for (const char* sql : {sql::kClaimUnpinned, sql::kClaimPinned}) {
      auto q = db_->Query(sql);
      if (!q) return q.error();
      q->Bind(1, priority).Bind(2, now);
      if (sql == sql::kClaimPinned) q->Bind(3, modem);
      auto row = q->Step();
      if (!row) return row.error();
      if (!*row) continue;
      const std::pair<Millis, int64_t> candidate{q->ColumnInt64(1), q->ColumnInt64(0)};
      if (!best || candidate < *best) {
        best = candidate;
        best_valid_until = q->OptionalInt64(2);
      }
    }
    if (best) return std::optional<Candidate>(Candidate{best->second, best_valid_until});
  }
  return std::optional<Candidate>();
}

Result<std::optional<Message>> MessageStore::ClaimNext(const std::string& modem, Millis now) {
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op("ClaimNext", tx.error());
  // Each pass either returns or moves one message out of `queued`, so the
  // loop ends; expiring on the way keeps dead messages from blocking the head.
  for (;;) {
    auto candidate = PickCandidate(modem, now);
    if (!candidate) return Op("ClaimNext", candidate.error());
    if (!*candidate) break;
    const Candidate& c = **candidate;

    if (c.valid_until && *c.valid_until < now) {
      auto expire = db_->Query(
          "UPDATE messages SET state = 'expired', "
          "expired_at = ?2 WHERE id = ?1");
      if (!expire) return Op("ClaimNext", expire.error());
      expire->Bind(1, c.id).Bind(2, now);
      Status s = expire->Run();
      if (!s) return Op("ClaimNext", s.error());
      continue;
    }

    // RETURNING hands back the claimed row, saving a second lookup.
    static const std::string kClaim = std::string(
                                          "UPDATE messages SET state = 'sending', modem = ?2, "
                                          "attempts = attempts + 1, sending_at = ?3"
                                          " WHERE id = ?1 AND state = 'queued' RETURNING ") +
                                      kMessageColumns;
    auto claim = db_->Query(kClaim);
    if (!claim) return Op("ClaimNext", claim.error());
    claim->Bind(1, c.id).Bind(2, modem).Bind(3, now);
    auto row = claim->Step();
    if (!row) return Op("ClaimNext", row.error());
    if (!*row) return Error::Conflict(OpName("ClaimNext", c.id) + ": picked but no longer queued");
    std::optional<Message> message = ReadMessageRow(*claim);
    // RETURNING rows are all produced by the first step; finish the
    // statement before committing.
    auto done = claim->Step();
    if (!done) return Op("ClaimNext", done.error());
    Status s = tx->Commit();
    if (!s) return Op("ClaimNext", s.error());
    return message;
  }
  // Commit even when nothing was claimed: expirations above must persist.
  Status s = tx->Commit();
  if (!s) return Op("ClaimNext", s.error());
  return std::optional<Message>();
}

// --- Transitions ------------------------------------------------------------

Error MessageStore::StateMismatch(const char* operation, int64_t id, const char* expected) {
  auto message = ReadMessage(id);
  if (!message) return Op(OpName(operation, id), message.error());
  if (!*message) return Error::NotFound(OpName(operation, id) + ": no such message");
  return Error::Conflict(OpName(operation, id) + ": message is " + MessageStateName((*message)->state) + ", expected " +
               expected);
}

Status MessageStore::MarkSegmentSent(int64_t id, int seq, const std::string& modem, int mr, Millis at) {
  if (mr < 0 || mr > 255) {
    return Error::InvalidArgument(OpName("MarkSegmentSent", id) + ": mr " + std::to_string(mr) + " is outside 0..255");
  }
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op(OpName("MarkSegmentSent", id), tx.error());
  // The conditions of a valid record (claimed by this modem, seq in range)
  // are part of the INSERT, so the common case is one statement; only a
  // refused insert reads the message to say why.
  auto q = db_->Query(
      "INSERT OR REPLACE INTO segments (message_id, seq, modem, mr, "
      "destination, sent_at, state)"
      " SELECT id, ?2, modem, ?4, destination, ?5, 'sent' FROM messages"
      " WHERE id = ?1 AND state = 'sending' AND modem = ?3"
      " AND ?2 BETWEEN 1 AND segment_count");
  if (!q) return Op(OpName("MarkSegmentSent", id), q.error());
  q->Bind(1, id).Bind(2, seq).Bind(3, modem).Bind(4, mr).Bind(5, at);
  Status s = q->Run();
  if (!s) return Op(OpName("MarkSegmentSent", id), s.error());
  if (db_->Changes() == 0) return SegmentRefused(id, seq, modem);
  // OR IGNORE: the key repeats only if one modem sent the same segment
  // twice within a millisecond, which a real clock cannot produce.
  auto log = db_->Query(
      "INSERT OR IGNORE INTO send_log (modem, sent_at, "
      "message_id, seq) VALUES (?1, ?2, ?3, ?4)");
  if (!log) return Op(OpName("MarkSegmentSent", id), log.error());
  log->Bind(1, modem).Bind(2, at).Bind(3, id).Bind(4, seq);
  s = log->Run();
  if (!s) return Op(OpName("MarkSegmentSent", id), s.error());
  s = tx->Commit();
  if (!s) return Op(OpName("MarkSegmentSent", id), s.error());
  return Status::Ok();
}

Error MessageStore::SegmentRefused(int64_t id, int seq, const std::string& modem) {
  const std::string op = OpName("MarkSegmentSent", id);
  auto message = ReadMessage(id);
  if (!message) return Op(op, message.error());
  if (!*message) return Error::NotFound(op + ": no such message");
  const Message& m = **message;
  if (m.state != MessageState::kSending) return StateMismatch("MarkSegmentSent", id, "sending");
  if (m.modem != modem) {
    return Error::Conflict(op + ": claimed by " + m.modem.value_or("?") + ", not " + modem);
  }
  return Error::InvalidArgument(op + ": seq " + std::to_string(seq) + " is outside 1.." + std::to_string(m.segments));
}

Status MessageStore::MarkSent(int64_t id, Millis at) {
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op(OpName("MarkSent", id), tx.error());
  // One statement checks, updates and says whether a report already
  // reached a segment (then Settle applies it); usually none has.
  auto q = db_->Query(
      "UPDATE messages SET state = 'sent', sent_at = ?2"
      " WHERE id = ?1 AND state = 'sending'"
      " AND segment_count = (SELECT count(*) FROM segments WHERE message_id = ?1)"
      " RETURNING EXISTS (SELECT 1 FROM segments WHERE message_id = ?1"
      " AND state <> 'sent')");
  if (!q) return Op(OpName("MarkSent", id), q.error());
  q->Bind(1, id).Bind(2, at);
  auto row = q->Step();
  if (!row) return Op(OpName("MarkSent", id), row.error());
  if (!*row) return SentRefused(id);
  const bool reported = q->ColumnInt64(0) != 0;
  auto done = q->Step();
  if (!done) return Op(OpName("MarkSent", id), done.error());
  if (reported) {
    Status s = Settle(id, at);
    if (!s) return Op(OpName("MarkSent", id), s.error());
  }
  Status s = tx->Commit();
  if (!s) return Op(OpName("MarkSent", id), s.error());
  return Status::Ok();
}

Error MessageStore::SentRefused(int64_t id) {
  const std::string op = OpName("MarkSent", id);
  auto count = db_->Query(
      "SELECT m.segment_count, (SELECT count(*) FROM segments s "
      "WHERE s.message_id = m.id)"
      " FROM messages m WHERE m.id = ?1 AND m.state = 'sending'");
  if (!count) return Op(op, count.error());
  count->Bind(1, id);
  auto row = count->Step();
  if (!row) return Op(op, row.error());
  if (!*row) return StateMismatch("MarkSent", id, "sending");
  return Error::Conflict(op + ": " + std::to_string(count->ColumnInt64(1)) + " of " + std::to_string(count->ColumnInt64(0)) +
               " segments recorded");
}

Status MessageStore::ChangeState(const char* operation, int64_t id, const char* update, Millis time,
                                 const MessageError& error, const char* expected, const char* then) {
  const std::string op = OpName(operation, id);
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op(op, tx.error());
  auto q = db_->Query(update);
  if (!q) return Op(op, q.error());
  q->Bind(1, id).Bind(2, time).Bind(3, error.code).Bind(4, error.text);
  Status s = q->Run();
  if (!s) return Op(op, s.error());
  if (db_->Changes() == 0) return StateMismatch(operation, id, expected);
  if (then != nullptr) {
    auto after = db_->Query(then);
    if (!after) return Op(op, after.error());
    after->Bind(1, id);
    s = after->Run();
    if (!s) return Op(op, s.error());
  }
  s = tx->Commit();
  if (!s) return Op(op, s.error());
  return Status::Ok();
}

Status MessageStore::MarkFailed(int64_t id, const MessageError& error, Millis at) {
  return ChangeState("MarkFailed", id,
                     "UPDATE messages SET state = 'failed', failed_at = ?2, error_code = ?3, "
                     "error_text = ?4"
                     " WHERE id = ?1 AND state IN ('queued', 'sending', 'unknown')",
                     at, error, "queued, sending or unknown");
}

Status MessageStore::Requeue(int64_t id, Millis not_before, const MessageError& error) {
  // Reports for the abandoned attempt must not settle the next one, so its
  // segment rows go in the same transaction.
  return ChangeState("Requeue", id,
                     "UPDATE messages SET state = 'queued', not_before = ?2, "
                     "error_code = ?3, error_text = ?4"
                     " WHERE id = ?1 AND state = 'sending'",
                     not_before, error, "sending", "DELETE FROM segments WHERE message_id = ?1");
}

Status MessageStore::MarkUnknown(int64_t id, const MessageError& error, Millis at) {
  return ChangeState("MarkUnknown", id,
                     "UPDATE messages SET state = 'unknown', unknown_at = ?2, "
                     "error_code = ?3, error_text = ?4"
                     " WHERE id = ?1 AND state = 'sending'",
                     at, error, "sending");
}

Result<CancelOutcome> MessageStore::Cancel(int64_t id, Millis at) {
  const std::string op = OpName("Cancel", id);
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op(op, tx.error());
  auto q = db_->Query(
      "UPDATE messages SET state = 'cancelled', cancelled_at = ?2"
      " WHERE id = ?1 AND state = 'queued'");
  if (!q) return Op(op, q.error());
  q->Bind(1, id).Bind(2, at);
  Status s = q->Run();
  if (!s) return Op(op, s.error());
  CancelOutcome outcome = CancelOutcome::kCancelled;
  if (db_->Changes() == 0) {
    auto message = ReadMessage(id);
    if (!message) return Op(op, message.error());
    outcome = *message ? CancelOutcome::kNotQueued : CancelOutcome::kNotFound;
  }
  s = tx->Commit();
  if (!s) return Op(op, s.error());
  return outcome;
}

Result<RecoveryOutcome> MessageStore::RecoverAfterCrash(bool resend_unknown, Millis now) {
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op("RecoverAfterCrash", tx.error());
  // Collect first: updating rows under a running SELECT of the same index
  // could revisit or skip them.
  std::vector<std::pair<int64_t, bool>> found;  // (id, every segment recorded)
  {
    auto q = db_->Query(
        "SELECT m.id, m.segment_count = (SELECT count(*) FROM "
        "segments s WHERE s.message_id = m.id)"
        " FROM messages m WHERE m.state = 'sending' ORDER BY m.id");
    if (!q) return Op("RecoverAfterCrash", q.error());
    for (;;) {
      auto row = q->Step();
      if (!row) return Op("RecoverAfterCrash", row.error());
      if (!*row) break;
      found.emplace_back(q->ColumnInt64(0), q->ColumnInt64(1) != 0);
    }
  }
  RecoveryOutcome outcome;
  for (const auto& [id, complete] : found) {
    const std::string op = "RecoverAfterCrash: " + OpName("message", id);
    if (complete) {
      Status s = SetSent(id, now);
      if (!s) return Op(op, s.error());
      ++outcome.sent;
    } else if (resend_unknown) {
      auto q = db_->Query(
          "UPDATE messages SET state = 'queued', not_before = "
          "?2, error_code = 'restart',"
          " error_text = 'daemon stopped while sending; queued "
          "again (resend_unknown)'"
          " WHERE id = ?1");
      if (!q) return Op(op, q.error());
      q->Bind(1, id).Bind(2, now);
      Status s = q->Run();
      if (!s) return Op(op, s.error());
      auto forget = db_->Query("DELETE FROM segments WHERE message_id = ?1");
      if (!forget) return Op(op, forget.error());
      forget->Bind(1, id);
      s = forget->Run();
      if (!s) return Op(op, s.error());
      ++outcome.requeued;
    } else {
      auto q = db_->Query(
          "UPDATE messages SET state = 'unknown', unknown_at = "
          "?2, error_code = 'restart',"
          " error_text = 'daemon stopped while sending; not "
          "resent to avoid a duplicate'"
          " WHERE id = ?1");
      if (!q) return Op(op, q.error());
      q->Bind(1, id).Bind(2, now);
      Status s = q->Run();
      if (!s) return Op(op, s.error());
      ++outcome.unknown;
    }
  }
  Status s = tx->Commit();
  if (!s) return Op("RecoverAfterCrash", s.error());
  return outcome;
}

// --- Status reports ---------------------------------------------------------

// Moves a settled-able message (sent, or unknown after a crash) to its final
// state from its segments. Runs inside the caller's transaction.
Status MessageStore::SetSent(int64_t id, Millis at) {
  auto q = db_->Query("UPDATE messages SET state = 'sent', sent_at = ?2 WHERE id = ?1");
  if (!q) return q.error();
  q->Bind(1, id).Bind(2, at);
  Status s = q->Run();
  if (!s) return s;
  return Settle(id, at);
}

Status MessageStore::Settle(int64_t id, Millis now) {
  auto q = db_->Query(
      "SELECT m.state, m.segment_count,"
      " coalesce(sum(s.state = 'delivered'), 0), "
      "coalesce(sum(s.state = 'failed'), 0),"
      " coalesce(sum(s.state = 'expired'), 0)"
      " FROM messages m LEFT JOIN segments s ON s.message_id = "
      "m.id WHERE m.id = ?1");
  if (!q) return q.error();
  q->Bind(1, id);
  auto row = q->Step();
  if (!row) return row.error();
  if (!*row) return Status::Ok();
  const std::string state = q->ColumnText(0);
  const int64_t segments = q->ColumnInt64(1);
  const int64_t delivered = q->ColumnInt64(2);
  const int64_t failed = q->ColumnInt64(3);
  const int64_t expired = q->ColumnInt64(4);
  if (state != "sent" && state != "unknown") return Status::Ok();

  const char* sql = nullptr;
  if (failed > 0) {
    sql = "UPDATE messages SET state = 'failed', failed_at = ?2 WHERE id = ?1";
  } else if (expired > 0) {
    sql = "UPDATE messages SET state = 'expired', expired_at = ?2 WHERE id = ?1";
  } else if (delivered == segments) {
    sql =
        "UPDATE messages SET state = 'delivered', delivered_at = ?2 WHERE id "
        "= ?1";
  } else {
    return Status::Ok();
  }
  auto update = db_->Query(sql);
  if (!update) return update.error();
  update->Bind(1, id).Bind(2, now);
  return update->Run();
}

Result<std::optional<ReportMatch>> MessageStore::ApplyStatusReport(const StatusReport& report, Millis now,
                                                                   Millis window) {
  const std::string op = "ApplyStatusReport(" + report.modem + ", mr " + std::to_string(report.mr) + ")";
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op(op, tx.error());
  auto match = db_->Query(sql::kMatchSegment);
  if (!match) return Op(op, match.error());
  match->Bind(1, report.modem).Bind(2, report.mr).Bind(3, report.recipient).Bind(4, now - window).Bind(5, now);
  auto row = match->Step();
  if (!row) return Op(op, row.error());
  if (!*row)
    return std::optional<ReportMatch>();  // the guard rolls back the empty
                                          // transaction
  ReportMatch result;
  result.message_id = match->ColumnInt64(0);
  result.seq = static_cast<int>(match->ColumnInt64(1));

  const pdu::StatusMeaning meaning = pdu::DescribeStatus(report.status);
  auto update = db_->Query(
      "UPDATE segments SET state = ?3, reported_at = ?4, discharge_time = ?5"
      " WHERE message_id = ?1 AND seq = ?2");
  if (!update) return Op(op, update.error());
  update->Bind(1, result.message_id)
      .Bind(2, result.seq)
      .Bind(3, pdu::DeliveryOutcomeName(meaning.outcome))
      .Bind(4, now)
      .Bind(5, report.discharge_time);
  Status s = update->Run();
  if (!s) return Op(op, s.error());

  if (meaning.outcome == pdu::DeliveryOutcome::kFailed || meaning.outcome == pdu::DeliveryOutcome::kExpired) {
    // Keep the SMSC's reason with the message; Settle picks the state.
    char code[16];
    std::snprintf(code, sizeof code, "TP-ST 0x%02X", report.status);
    auto reason = db_->Query(
        "UPDATE messages SET error_code = ?2, error_text = ?3"
        " WHERE id = ?1 AND state IN ('sending', 'sent', 'unknown')");
    if (!reason) return Op(op, reason.error());
    reason->Bind(1, result.message_id).Bind(2, std::string_view(code)).Bind(3, meaning.text);
    s = reason->Run();
    if (!s) return Op(op, s.error());
  }
  s = Settle(result.message_id, now);
  if (!s) return Op(op, s.error());
  auto message = ReadMessage(result.message_id);
  if (!message) return Op(op, message.error());
  if (*message) result.message_state = (*message)->state;
  s = tx->Commit();
  if (!s) return Op(op, s.error());
  return std::optional<ReportMatch>(result);
}

// --- Reading ----------------------------------------------------------------

Result<std::optional<Message>> MessageStore::ReadMessage(int64_t id) {
  auto q = db_->Query(std::string("SELECT ") + kMessageColumns + " FROM messages WHERE id = ?1");
  if (!q) return q.error();
  q->Bind(1, id);
  auto row = q->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<Message>();
  return std::optional<Message>(ReadMessageRow(*q));
}

Result<std::optional<Message>> MessageStore::GetMessage(int64_t id) {
  auto message = ReadMessage(id);
  if (!message) return Op(OpName("GetMessage", id), message.error());
  return message;
}

Result<Page<Message>> MessageStore::ListMessages(const MessageFilter& filter, int limit, const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Op("ListMessages", valid.error());
  auto after = ParseCursor('m', cursor);
  if (!after) return Op("ListMessages", after.error());
  // The SQL text varies only by which fixed conditions are present; every
  // value is bound. Each variant is prepared once and cached.
  std::string text = std::string("SELECT ") + kMessageColumns + " FROM messages WHERE 1";
  if (filter.state) text += " AND state = ?1";
  if (filter.to) text += " AND destination = ?2";
  if (filter.since) text += " AND created_at >= ?3";
  if (*after) text += " AND id < ?4";
  text += " ORDER BY id DESC LIMIT ?5";
  auto q = db_->Query(text);
  if (!q) return Op("ListMessages", q.error());
  if (filter.state) q->Bind(1, MessageStateName(*filter.state));
  if (filter.to) q->Bind(2, *filter.to);
  if (filter.since) q->Bind(3, *filter.since);
  if (*after) q->Bind(4, **after);
  q->Bind(5, limit + 1);  // one more than shown tells whether a next page exists
  Page<Message> page;
  for (;;) {
    auto row = q->Step();
    if (!row) return Op("ListMessages", row.error());
    if (!*row) break;
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = MakeCursor('m', page.items.back().id);
      break;
    }
    page.items.push_back(ReadMessageRow(*q));
  }
  return page;
}

// --- Counters ---------------------------------------------------------------

Result<int> MessageStore::CountSends(const std::string& modem, Millis since) {
  auto q = db_->Query("SELECT count(*) FROM send_log WHERE modem = ?1 AND sent_at >= ?2");
  if (!q) return Op("CountSends", q.error());
  q->Bind(1, modem).Bind(2, since);
  auto row = q->Step();
  if (!row) return Op("CountSends", row.error());
  return *row ? static_cast<int>(q->ColumnInt64(0)) : 0;
}

Status MessageStore::PruneSendLog(Millis before) {
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op("PruneSendLog", tx.error());
  auto q = db_->Query("DELETE FROM send_log WHERE sent_at < ?1");
  if (!q) return Op("PruneSendLog", q.error());
  q->Bind(1, before);
  Status s = q->Run();
  if (!s) return Op("PruneSendLog", s.error());
  s = tx->Commit();
  if (!s) return Op("PruneSendLog", s.error());
  return Status::Ok();
}

}  // namespace tellal::store

namespace tellal::store {

// --- Group commit, scheduling and reporting helpers -------------------------

void MessageStore::ReleaseMemory() { sqlite3_db_release_memory(db_->raw()); }

Result<Transaction> MessageStore::BeginGroup(GroupSync sync) {
  auto tx = sync == GroupSync::kDisk && !synchronous_full_ ? Transaction::BeginSynced(*db_) : Transaction::Begin(*db_);
  if (!tx) return Op("BeginGroup", tx.error());
  return tx;
}

Result<std::vector<int64_t>> MessageStore::ExpireDue(Millis now) {
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op("ExpireDue", tx.error());
  auto q = db_->Query(
      // INDEXED BY: otherwise the planner picks messages_by_state and walks
      // every queued row.
      "UPDATE messages INDEXED BY messages_validity SET state = 'expired', "
      "expired_at = ?1,"
      " error_code = 'expired', error_text = 'validity period ended before a "
      "modem took it'"
      " WHERE state = 'queued' AND valid_until IS NOT NULL AND valid_until < ?1"
      " RETURNING id");
  if (!q) return Op("ExpireDue", q.error());
  q->Bind(1, now);
  std::vector<int64_t> ids;
  for (;;) {
    auto row = q->Step();
    if (!row) return Op("ExpireDue", row.error());
    if (!*row) break;
    ids.push_back(q->ColumnInt64(0));
  }
  Status s = tx->Commit();
  if (!s) return Op("ExpireDue", s.error());
  return ids;
}

Result<std::optional<Millis>> MessageStore::NextDue(Millis now) {
  std::optional<Millis> next;
  for (const char* sql : {"SELECT min(not_before) FROM messages INDEXED BY messages_due WHERE "
                          "state = 'queued' AND not_before > ?1",
                          "SELECT min(valid_until) FROM messages INDEXED BY messages_validity "
                          "WHERE state = 'queued' AND "
                          "valid_until IS NOT NULL AND valid_until >= ?1"}) {
    auto q = db_->Query(sql);
    if (!q) return Op("NextDue", q.error());
    q->Bind(1, now);
    auto row = q->Step();
    if (!row) return Op("NextDue", row.error());
    if (*row) {
      auto at = q->OptionalInt64(0);
      if (at && (!next || *at < *next)) next = at;
    }
  }
  return next;
}

Result<std::vector<std::pair<Priority, int64_t>>> MessageStore::CountQueued() {
  std::vector<std::pair<Priority, int64_t>> counts = {
      {Priority::kOtp, 0}, {Priority::kNormal, 0}, {Priority::kBulk, 0}};
  // The queue's partial index holds priority, so the count reads only the
  // index, never the table rows.
  auto q = db_->Query(
      "SELECT priority, count(*) FROM messages INDEXED BY "
      "messages_queue WHERE state = 'queued' GROUP BY priority");
  if (!q) return Op("CountQueued", q.error());
  for (;;) {
    auto row = q->Step();
    if (!row) return Op("CountQueued", row.error());
    if (!*row) break;
    const int64_t priority = q->ColumnInt64(0);
    if (priority >= 0 && priority <= 2) counts[static_cast<size_t>(priority)].second = q->ColumnInt64(1);
  }
  return counts;
}

Result<std::vector<SegmentRecord>> MessageStore::ListSegments(int64_t id) {
  auto q = db_->Query(
      "SELECT seq, modem, mr, sent_at, state, reported_at"
      " FROM segments WHERE message_id = ?1 ORDER BY seq");
  if (!q) return Op(OpName("ListSegments", id), q.error());
  q->Bind(1, id);
  std::vector<SegmentRecord> segments;
  for (;;) {
    auto row = q->Step();
    if (!row) return Op(OpName("ListSegments", id), row.error());
    if (!*row) break;
    SegmentRecord r;
    r.seq = static_cast<int>(q->ColumnInt64(0));
    r.modem = q->ColumnText(1);
    r.mr = static_cast<int>(q->ColumnInt64(2));
    r.sent_at = q->ColumnInt64(3);
    r.state = q->ColumnText(4);
    r.reported_at = q->OptionalInt64(5);
    segments.push_back(std::move(r));
  }
  return segments;
}

Result<std::vector<Millis>> MessageStore::SendTimes(const std::string& modem, Millis since) {
  auto q = db_->Query(
      "SELECT sent_at FROM send_log WHERE modem = ?1 AND "
      "sent_at >= ?2 ORDER BY sent_at");
  if (!q) return Op("SendTimes", q.error());
  q->Bind(1, modem).Bind(2, since);
  std::vector<Millis> times;
  for (;;) {
    auto row = q->Step();
    if (!row) return Op("SendTimes", row.error());
    if (!*row) break;
    times.push_back(q->ColumnInt64(0));
  }
  return times;
}

}  // namespace tellal::store

#include "daemon/store/sqlite/sqlite_outbound_queue.h"

#include <cstdio>
#include <string_view>
#include <tuple>

#include "daemon/store/page_cursor.h"
#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/outbound_queue_sql.h"
#include "daemon/store/sqlite/row_readers.h"
#include "daemon/store/validation.h"
#include "modem/pdu/status_report_status.h"

namespace tellal::store {
namespace {

SegmentRecord ReadSegmentRow(const Statement& q) {
  SegmentRecord r;
  r.seq = static_cast<int>(q.ColumnInt64(0));
  r.modem = q.ColumnText(1);
  r.mr = static_cast<int>(q.ColumnInt64(2));
  r.sent_at = q.ColumnInt64(3);
  r.state = q.ColumnText(4);
  r.reported_at = q.OptionalInt64(5);
  return r;
}

// The message ClaimNext would take, and its deadline (checked in C++ so the
// claim itself is one statement).
struct Candidate {
  int64_t id = 0;
  Millis not_before = 0;
  std::optional<Millis> valid_until;
  std::optional<Millis> resume_until;
  bool blocked = false;  // the recipient is on the blocked list
  Category category = Category::kInformational;
  bool opted_out = false;  // commercial, and the recipient's consent is RET
  std::string destination;
};

Candidate ReadCandidate(const Statement& q) {
  return Candidate{q.ColumnInt64(0),
                   q.ColumnInt64(1),
                   q.OptionalInt64(2),
                   q.OptionalInt64(3),
                   q.ColumnInt64(4) != 0,
                   q.ColumnInt64(5) == 1 ? Category::kCommercial : Category::kInformational,
                   q.ColumnInt64(6) != 0,
                   q.ColumnText(7)};
}

// What the send-time policy (outbound_queue.h, ClaimNext) says of a
// candidate.
struct Verdict {
  enum class Action { kSend, kHold, kSuppress };
  Action action = Action::kSend;
  std::string_view reason;  // kSuppress: records.h kSuppressed*
  std::string text;         // kSuppress: for people
};

constexpr Millis kThirtyDays = 30LL * 24 * 60 * 60 * 1000;

Result<Verdict> Judge(Database& db, const Candidate& c, Millis now, const CommercialRules& rules) {
  using Action = Verdict::Action;
  if (c.blocked) return Verdict{Action::kSuppress, kSuppressedBlocked, "the number is on the blocked list"};
  if (c.category != Category::kCommercial) return Verdict{};
  if (c.opted_out) {
    return Verdict{Action::kSuppress, kSuppressedOptedOut,
                   "the recipient refused commercial messages (consent RET) before it was sent"};
  }
  // A paused multipart message has parts at the recipient already: the
  // rest follows, whatever the hour or the count.
  if (c.resume_until) return Verdict{};
  if (rules.held_until && *rules.held_until > now) return Verdict{Action::kHold, {}, {}};
  const struct {
    int cap;
    Millis since;
    std::string_view reason;
    const char* period;
  } caps[] = {{rules.cap_per_day, rules.day_start, kSuppressedCapPerDay, "today (cap_per_day)"},
              {rules.cap_per_30_days, now - kThirtyDays, kSuppressedCapPer30Days, "in 30 days (cap_per_30_days)"}};
  for (const auto& cap : caps) {
    if (cap.cap <= 0) continue;
    auto sent = QueryOne<int64_t>(db, sql::kCommercialSendsSince, c.destination, cap.since);
    if (!sent) return sent.error();
    const int64_t count = sent->value_or(0);
    if (count >= cap.cap) {
      return Verdict{Action::kSuppress, cap.reason,
                     "the number already had " + std::to_string(count) + " commercial messages " + cap.period};
    }
  }
  return Verdict{};
}

std::string OpName(const char* operation, int64_t id) {
  return std::string(operation) + "(" + std::to_string(id) + ")";
}

Result<std::optional<Message>> ReadMessage(Database& db, int64_t id) {
  return MapOne(db, sql::kGetMessage, ReadMessageRow, id);
}

Result<EnqueueOutcome> Insert(Database& db, const NewMessage& m, Millis now) {
  Status valid = ValidateNewMessage(m);
  if (!valid) return valid.error();
  if (m.client_ref) {
    auto existing = QueryOne<int64_t>(db, sql::kFindClientRef, *m.client_ref);
    if (!existing) return existing.error();
    if (*existing) return EnqueueOutcome{**existing, false};
  }
  Status s =
      Run(db, sql::kInsertMessage, m.client_ref, m.to, m.text, m.encoding, m.segments, static_cast<int>(m.priority),
          m.modem, m.report_requested, m.flash, m.not_before.value_or(now), m.valid_until, now, m.dlr_url, m.dlr_mask,
          static_cast<int>(m.category), m.campaign_id);
  if (!s) return s.error();
  return EnqueueOutcome{db.LastInsertRowId(), true};
}

Result<std::optional<Candidate>> PickCandidate(Database& db, const std::string& modem, Millis now) {
  // Priorities one at a time: each is two index seeks, so the cost does not
  // depend on how many messages wait (see outbound_queue_sql.h).
  for (int priority = 0; priority <= 2; ++priority) {
    auto unpinned = MapOne(db, sql::kClaimUnpinned, ReadCandidate, priority, now);
    if (!unpinned) return unpinned.error();
    auto pinned = MapOne(db, sql::kClaimPinned, ReadCandidate, priority, now, modem);
    if (!pinned) return pinned.error();
    std::optional<Candidate>& best = *unpinned;
    if (*pinned && (!best || std::tie((*pinned)->not_before, (*pinned)->id) < std::tie(best->not_before, best->id))) {
      best = *pinned;
    }
    if (best) return best;
  }
  return std::optional<Candidate>();
}

// Calls visit(priority, pinned_modem) for every group messages_queue can
// hold a queued row in: the three unpinned priorities, then the three of
// each modem some queued message is pinned to (nullptr: unpinned). Each
// group is a contiguous range of the index, so a statement run per group
// is a seek where one statement over the whole queue would be a scan.
// visit may change the queue; the next pinned modem is looked up after it.
template <typename Visit>
Status ForEachQueueGroup(Database& db, Visit&& visit) {
  for (int priority = 0; priority <= 2; ++priority) {
    Status s = visit(priority, static_cast<const std::string*>(nullptr));
    if (!s) return s;
  }
  auto modem = QueryOne<std::string>(db, sql::kFirstPinnedModem);
  while (modem && *modem) {
    const std::string pinned = **modem;
    for (int priority = 0; priority <= 2; ++priority) {
      Status s = visit(priority, &pinned);
      if (!s) return s;
    }
    modem = QueryOne<std::string>(db, sql::kNextPinnedModem, pinned);
  }
  if (!modem) return modem.error();
  return Status::Ok();
}

// Quiet hours: every queued commercial message due before held_until waits
// until then (outbound_queue_sql.h kHoldCommercialUnpinned).
Status HoldCommercial(Database& db, Millis held_until) {
  return ForEachQueueGroup(db, [&](int priority, const std::string* pinned) -> Status {
    return pinned ? Run(db, sql::kHoldCommercialPinned, held_until, priority, *pinned)
                  : Run(db, sql::kHoldCommercialUnpinned, held_until, priority);
  });
}

// Why a transition found `id` in no state it accepts. Errors here name no
// operation: the caller's InTransaction does.
Error StateMismatch(Database& db, int64_t id, const char* expected) {
  auto message = ReadMessage(db, id);
  if (!message) return message.error();
  if (!*message) return Error::NotFound("no such message");
  return Error::Conflict(std::string("message is ") + MessageStateName((*message)->state) + ", expected " + expected);
}

// Why kRecordSegment inserted nothing.
Error SegmentRefused(Database& db, int64_t id, int seq, const std::string& modem) {
  auto message = ReadMessage(db, id);
  if (!message) return message.error();
  if (!*message) return Error::NotFound("no such message");
  const Message& m = **message;
  if (m.state != MessageState::kSending) return StateMismatch(db, id, "sending");
  if (m.modem != modem) return Error::Conflict("claimed by " + m.modem.value_or("?") + ", not " + modem);
  return Error::InvalidArgument("seq " + std::to_string(seq) + " is outside 1.." + std::to_string(m.segments));
}

// Why kMarkSent changed nothing.
Error SentRefused(Database& db, int64_t id) {
  auto progress = QueryOne<int64_t, int64_t>(db, sql::kSegmentProgress, id);
  if (!progress) return progress.error();
  if (!*progress) return StateMismatch(db, id, "sending");
  const auto [segments, recorded] = **progress;
  return Error::Conflict(std::to_string(recorded) + " of " + std::to_string(segments) + " segments recorded");
}

// One transaction: `update` (sql::kMarkFailed ...) moves message ?1 to a new
// state, binding ?2 a time and ?3/?4 the error; no row changed means the
// message was not in `expected`.
Status ChangeState(Database& db, const char* operation, int64_t id, std::string_view update, Millis time,
                   const MessageError& error, const char* expected, bool forget_segments = false) {
  return InTransaction(db, OpName(operation, id), [&]() -> Status {
    Status s = Run(db, update, id, time, error.code, error.text);
    if (!s) return s;
    if (db.Changes() == 0) return StateMismatch(db, id, expected);
    return forget_segments ? Run(db, sql::kForgetSegments, id) : Status::Ok();
  });
}

// Moves a message that is `sent` (or `unknown` after a crash) to its final
// state from its segments' reports. Runs inside the caller's transaction.
Status Settle(Database& db, int64_t id, Millis now) {
  auto tally = QueryOne<std::string, int64_t, int64_t, int64_t, int64_t>(db, sql::kSegmentTally, id);
  if (!tally) return tally.error();
  if (!*tally) return Status::Ok();
  const auto& [state, segments, delivered, failed, expired] = **tally;
  if (state != "sent" && state != "unknown") return Status::Ok();
  if (failed > 0) return Run(db, sql::kSettleFailed, id, now);
  if (expired > 0) return Run(db, sql::kSettleExpired, id, now);
  if (delivered == segments) return Run(db, sql::kSettleDelivered, id, now);
  return Status::Ok();
}

// Inside the caller's transaction: the message becomes `sent` at `at`, then
// reports that arrived early are applied.
Status SetSent(Database& db, int64_t id, Millis at) {
  Status s = Run(db, sql::kSetSent, id, at);
  if (!s) return s;
  return Settle(db, id, at);
}

}  // namespace

// --- Enqueue ------------------------------------------------------------------

Result<EnqueueOutcome> SqliteOutboundQueue::Enqueue(const NewMessage& message, Millis now) {
  return InTransaction(db_, "Enqueue", [&] { return Insert(db_, message, now); });
}

Result<std::vector<EnqueueOutcome>> SqliteOutboundQueue::EnqueueBatch(const std::vector<NewMessage>& messages,
                                                                      Millis now) {
  return InTransaction(db_, "EnqueueBatch", [&]() -> Result<std::vector<EnqueueOutcome>> {
    std::vector<EnqueueOutcome> outcomes;
    outcomes.reserve(messages.size());
    for (size_t i = 0; i < messages.size(); ++i) {
      auto outcome = Insert(db_, messages[i], now);
      if (!outcome) return Wrap("message " + std::to_string(i), outcome.error());
      outcomes.push_back(*outcome);
    }
    return outcomes;
  });
}

// --- Claim --------------------------------------------------------------------

Result<std::optional<Message>> SqliteOutboundQueue::ClaimNext(const std::string& modem, Millis now,
                                                              const CommercialRules& rules) {
  // Every write here is one statement that stands alone (an expiry, the
  // claim), so inside a group no savepoint is needed.
  return InGroupOrTransaction(db_, "ClaimNext", [&]() -> Result<std::optional<Message>> {
    // Each pass either returns or moves one message out of `queued`, so the
    // loop ends (a hold moves every commercial candidate past now);
    // expiring, suppressing and holding on the way keeps dead messages from
    // blocking the head. Nothing claimed still commits: those changes must
    // persist.
    for (;;) {
      auto candidate = PickCandidate(db_, modem, now);
      if (!candidate) return candidate.error();
      if (!*candidate) return std::optional<Message>();
      const Candidate& c = **candidate;
      auto verdict = Judge(db_, c, now, rules);
      if (!verdict) return verdict.error();
      if (verdict->action == Verdict::Action::kSuppress) {
        Status s = Run(db_, sql::kSuppress, c.id, now, verdict->reason, verdict->text);
        if (!s) return s.error();
        continue;
      }
      if (verdict->action == Verdict::Action::kHold) {
        Status s = HoldCommercial(db_, *rules.held_until);
        if (!s) return s.error();
        continue;
      }
      // A paused message's deadline is never after its validity, and its
      // recipient holds some parts: `unknown` (partial), not `expired`.
      if (c.resume_until && *c.resume_until < now) {
        Status s = Run(db_, sql::kAbandonCandidate, c.id, now);
        if (!s) return s.error();
        continue;
      }
      if (c.valid_until && *c.valid_until < now) {
        Status s = Run(db_, sql::kExpireCandidate, c.id, now);
        if (!s) return s.error();
        continue;
      }
      Status s = Run(db_, sql::kClaim, c.id, modem, now);
      if (!s) return s.error();
      if (db_.Changes() == 0) {
        return Error::Conflict("message " + std::to_string(c.id) + " was picked but is no longer queued");
      }
      return ReadMessage(db_, c.id);
    }
  });
}

Result<std::optional<Message>> SqliteOutboundQueue::ClaimMessage(int64_t id, const std::string& modem, Millis now,
                                                                 const CommercialRules& rules) {
  return InGroupOrTransaction(db_, OpName("ClaimMessage", id), [&]() -> Result<std::optional<Message>> {
    auto candidate = MapOne(db_, sql::kCandidateById, ReadCandidate, id);
    if (!candidate) return candidate.error();
    if (*candidate) {
      auto verdict = Judge(db_, **candidate, now, rules);
      if (!verdict) return verdict.error();
      if (verdict->action != Verdict::Action::kSend) return std::optional<Message>();
    }
    Status s = Run(db_, sql::kClaimById, id, modem, now);
    if (!s) return s.error();
    if (db_.Changes() == 0) return std::optional<Message>();
    return ReadMessage(db_, id);
  });
}

// --- Transitions --------------------------------------------------------------

Status SqliteOutboundQueue::MarkSegmentSent(int64_t id, int seq, const std::string& modem, int mr, Millis at) {
  // A recorded segment without its send-log row is true, only uncounted.
  return InGroupOrTransaction(db_, OpName("MarkSegmentSent", id), [&]() -> Status {
    Status s = ValidateMessageReference(mr);
    if (!s) return s;
    s = Run(db_, sql::kRecordSegment, id, seq, modem, mr, at);
    if (!s) return s;
    if (db_.Changes() == 0) return SegmentRefused(db_, id, seq, modem);
    return send_log_.Record(modem, at, id, seq);
  });
}

Status SqliteOutboundQueue::MarkSent(int64_t id, Millis at) {
  // `sent` before its early report is applied is a true state on its own.
  return InGroupOrTransaction(db_, OpName("MarkSent", id), [&]() -> Status {
    Status s = Run(db_, sql::kMarkSent, id, at);
    if (!s) return s;
    if (db_.Changes() == 0) return SentRefused(db_, id);
    auto reported = QueryOne<int64_t>(db_, sql::kAnyReport, id);
    if (!reported) return reported.error();
    // Usually no report has arrived yet; when one has, apply it now.
    return reported->has_value() ? Settle(db_, id, at) : Status::Ok();
  });
}

Status SqliteOutboundQueue::MarkFailed(int64_t id, const MessageError& error, Millis at) {
  return ChangeState(db_, "MarkFailed", id, sql::kMarkFailed, at, error, "queued, sending or unknown");
}

Status SqliteOutboundQueue::Requeue(int64_t id, Millis not_before, const MessageError& error) {
  // Reports for the abandoned attempt must not settle the next one, so its
  // segment rows go in the same transaction.
  return ChangeState(db_, "Requeue", id, sql::kRequeue, not_before, error, "sending", /*forget_segments=*/true);
}

Status SqliteOutboundQueue::Pause(int64_t id, Millis not_before, Millis resume_until, const MessageError& error) {
  return InTransaction(db_, OpName("Pause", id), [&]() -> Status {
    Status s = Run(db_, sql::kPause, id, not_before, error.code, error.text, resume_until);
    if (!s) return s;
    if (db_.Changes() > 0) return Status::Ok();
    auto message = ReadMessage(db_, id);
    if (!message) return message.error();
    if (message->has_value() && (*message)->state == MessageState::kSending) {
      return Error::Conflict("no part of it is recorded as sent");
    }
    return StateMismatch(db_, id, "sending");
  });
}

Status SqliteOutboundQueue::MarkUnknown(int64_t id, const MessageError& error, Millis at) {
  return ChangeState(db_, "MarkUnknown", id, sql::kMarkUnknown, at, error, "sending");
}

Result<CancelOutcome> SqliteOutboundQueue::Cancel(int64_t id, Millis at) {
  return InTransaction(db_, OpName("Cancel", id), [&]() -> Result<CancelOutcome> {
    Status s = Run(db_, sql::kCancel, id, at);
    if (!s) return s.error();
    if (db_.Changes() > 0) return CancelOutcome::kCancelled;
    auto message = ReadMessage(db_, id);
    if (!message) return message.error();
    return *message ? CancelOutcome::kNotQueued : CancelOutcome::kNotFound;
  });
}

Result<RecoveryOutcome> SqliteOutboundQueue::RecoverAfterCrash(bool resend_unknown, Millis now) {
  return InTransaction(db_, "RecoverAfterCrash", [&]() -> Result<RecoveryOutcome> {
    // Collect first: updating rows under a running SELECT of the same index
    // could revisit or skip them.
    auto found = QueryAll<int64_t, bool>(db_, sql::kFindSending);  // (id, every segment recorded)
    if (!found) return found.error();
    RecoveryOutcome outcome;
    for (const auto& [id, complete] : *found) {
      Status s;
      if (complete) {
        s = SetSent(db_, id, now);
        ++outcome.sent;
      } else if (resend_unknown) {
        s = Run(db_, sql::kRequeueAfterCrash, id, now);
        if (s) s = Run(db_, sql::kForgetSegments, id);
        ++outcome.requeued;
      } else {
        s = Run(db_, sql::kUnknownAfterCrash, id, now);
        ++outcome.unknown;
      }
      if (!s) return Wrap(OpName("message", id), s.error());
    }
    return outcome;
  });
}

// --- Status reports -----------------------------------------------------------

Result<std::optional<ReportMatch>> SqliteOutboundQueue::ApplyStatusReport(const StatusReport& report, Millis now,
                                                                          Millis window) {
  const std::string op = "ApplyStatusReport(" + report.modem + ", mr " + std::to_string(report.mr) + ")";
  return InTransaction(db_, op, [&]() -> Result<std::optional<ReportMatch>> {
    auto match =
        QueryOne<int64_t, int>(db_, sql::kMatchSegment, report.modem, report.mr, report.recipient, now - window, now);
    if (!match) return match.error();
    if (!*match) return std::optional<ReportMatch>();
    ReportMatch result;
    std::tie(result.message_id, result.seq) = **match;

    const pdu::StatusMeaning meaning = pdu::DescribeStatus(report.status);
    Status s = Run(db_, sql::kRecordReport, result.message_id, result.seq, pdu::DeliveryOutcomeName(meaning.outcome),
                   now, report.discharge_time);
    if (!s) return s.error();
    if (meaning.outcome == pdu::DeliveryOutcome::kFailed || meaning.outcome == pdu::DeliveryOutcome::kExpired) {
      // Keep the SMSC's reason with the message; Settle picks the state.
      char code[16];
      std::snprintf(code, sizeof code, "TP-ST 0x%02X", report.status);
      s = Run(db_, sql::kRecordReportReason, result.message_id, std::string_view(code), meaning.text);
      if (!s) return s.error();
    }
    s = Settle(db_, result.message_id, now);
    if (!s) return s.error();
    auto message = ReadMessage(db_, result.message_id);
    if (!message) return message.error();
    if (*message) result.message_state = (*message)->state;
    return std::optional<ReportMatch>(result);
  });
}

// --- Scheduling -----------------------------------------------------------------

Result<std::vector<int64_t>> SqliteOutboundQueue::ExpireDue(Millis now) {
  return InTransaction(db_, "ExpireDue", [&]() -> Result<std::vector<int64_t>> {
    // Paused messages first: their deadline is never after their validity,
    // and they end `unknown` (partial), not `expired`.
    auto abandoned = QueryAll<int64_t>(db_, sql::kAbandonDue, now);
    if (!abandoned) return abandoned.error();
    auto expired = QueryAll<int64_t>(db_, sql::kExpireDue, now);
    if (!expired) return expired.error();
    abandoned->insert(abandoned->end(), expired->begin(), expired->end());
    return abandoned;
  });
}

Result<std::optional<Millis>> SqliteOutboundQueue::NextDue(Millis now) {
  std::optional<Millis> next;
  auto earliest = [&next](std::optional<Millis> at) {
    if (at && (!next || *at < *next)) next = at;
  };
  Status s = ForEachQueueGroup(db_, [&](int priority, const std::string* pinned) -> Status {
    auto row = pinned ? QueryOne<Millis>(db_, sql::kNextNotBeforePinned, now, priority, *pinned)
                      : QueryOne<Millis>(db_, sql::kNextNotBeforeUnpinned, now, priority);
    if (!row) return row.error();
    earliest(*row);
    return Status::Ok();
  });
  if (!s) return Wrap("NextDue", s.error());
  for (std::string_view query : {sql::kNextValidUntil, sql::kNextResumeUntil}) {
    auto row = QueryOne<std::optional<Millis>>(db_, query, now);  // min() of nothing is NULL
    if (!row) return Wrap("NextDue", row.error());
    earliest(row->value_or(std::nullopt));
  }
  return next;
}

Result<std::vector<std::pair<Priority, int64_t>>> SqliteOutboundQueue::CountQueued() {
  auto rows = QueryAll<int64_t, int64_t>(db_, sql::kCountQueued);
  if (!rows) return Wrap("CountQueued", rows.error());
  std::vector<std::pair<Priority, int64_t>> counts = {
      {Priority::kOtp, 0}, {Priority::kNormal, 0}, {Priority::kBulk, 0}};
  for (const auto& [priority, count] : *rows) {
    if (priority >= 0 && priority <= 2) counts[static_cast<size_t>(priority)].second = count;
  }
  return counts;
}

// --- Reading --------------------------------------------------------------------

Result<std::optional<Message>> SqliteOutboundQueue::GetMessage(int64_t id) {
  auto message = ReadMessage(db_, id);
  if (!message) return Wrap(OpName("GetMessage", id), message.error());
  return message;
}

Result<std::vector<SegmentRecord>> SqliteOutboundQueue::ListSegments(int64_t id) {
  auto segments = MapAll(db_, sql::kListSegments, ReadSegmentRow, id);
  if (!segments) return Wrap(OpName("ListSegments", id), segments.error());
  return segments;
}

Result<Page<Message>> SqliteOutboundQueue::ListMessages(const MessageFilter& filter, int limit,
                                                        const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap("ListMessages", valid.error());
  auto after = ParseCursor(kMessageCursor, cursor);
  if (!after) return Wrap("ListMessages", after.error());
  std::string text(sql::kListMessages);
  if (filter.state) text += sql::kListMessagesStateIs;
  if (filter.to) text += sql::kListMessagesToIs;
  if (filter.since) text += sql::kListMessagesSince;
  if (filter.until) text += sql::kListMessagesUntil;
  if (*after) text += sql::kListMessagesBefore;
  text += sql::kListMessagesEnd;
  std::optional<std::string> state;
  if (filter.state) state = MessageStateName(*filter.state);
  // One row more than asked for tells whether a next page exists.
  std::optional<int> category;
  if (filter.category) category = static_cast<int>(*filter.category);
  auto rows =
      MapAll(db_, text, ReadMessageRow, state, filter.to, filter.since, *after, filter.until, limit + 1, category);
  if (!rows) return Wrap("ListMessages", rows.error());
  return MakePage(std::move(*rows), limit, kMessageCursor);
}

}  // namespace tellal::store

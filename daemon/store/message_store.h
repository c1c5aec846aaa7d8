// MessageStore: the daemon's durable state in one SQLite file — outbound
// messages and their segments, inbound messages, and the per-SIM send log.
//
// Promises:
//  - Every state change is one transaction, committed before the call
//    returns. Callers write the state first and act second: ClaimNext marks a
//    message `sending` before the dispatcher issues AT+CMGS, so after a crash
//    the database never claims less than what happened.
//  - After kill -9 at any moment, every Enqueue that returned is on disk
//    (WAL mode; see schema.h for what power loss can cost). Messages found
//    `sending` at start-up are resolved by RecoverAfterCrash.
//  - Values only ever reach SQL through bound parameters of prepared,
//    cached statements.
//  - Queue operations cost O(log n) in the number of stored messages: they
//    seek partial indexes instead of scanning (see store_queries.h).
//  - Nothing throws. Errors name the operation and carry sqlite3_errmsg.
//
// Time: every time argument and field is milliseconds since the Unix epoch,
// UTC, taken from the caller's clock (the store never reads a clock, so
// tests need no sleeps). SMSC time stamps are kept as the RFC 3339 text the
// PDU carried (pdu::FormatRfc3339), preserving the SMSC's own UTC offset.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// the store owns its connection; nothing it returns refers back into it.
#ifndef TELLAL_DAEMON_STORE_MESSAGE_STORE_H_
#define TELLAL_DAEMON_STORE_MESSAGE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/schema.h"
#include "daemon/store/sqlite_handle.h"
#include "modem/result.h"

namespace tellal::store {

using Millis = int64_t;  // milliseconds since the Unix epoch, UTC

// Claimed in this order; the numeric value is what the index sorts on.
enum class Priority { kOtp = 0, kNormal = 1, kBulk = 2 };
const char* PriorityName(Priority p);  // "otp", "normal", "bulk"
std::optional<Priority> ParsePriority(std::string_view name);

// queued -> sending -> sent -> delivered | failed | expired
// queued -> expired (validity deadline passed before a modem took it)
// queued -> cancelled;  queued | sending | unknown -> failed
// sending -> queued (Requeue: temporary error, back-off) | unknown
enum class MessageState { kQueued, kSending, kSent, kDelivered, kFailed, kExpired, kCancelled, kUnknown };
const char* MessageStateName(MessageState s);  // "queued", "sending", ...
std::optional<MessageState> ParseMessageState(std::string_view name);

struct NewMessage {
  std::optional<std::string> client_ref;  // idempotency key
  std::string to;                         // E.164, normalised by the caller
  std::string text;                       // UTF-8; PDUs are built at send time
  std::string encoding;                   // the planner's choice: "gsm7", "ucs2"
  int segments = 1;                       // 1..255
  Priority priority = Priority::kNormal;
  std::optional<Millis> not_before;   // scheduled send; default: accepted now
  std::optional<Millis> valid_until;  // expire instead of sending after this
  bool report_requested = false;
  bool flash = false;
  std::optional<std::string> modem;  // pin to this modem
  // Kannel-style delivery callback (sendsms dlr-url / dlr-mask), kept so the
  // daemon can call it when the message reaches a matching state.
  std::optional<std::string> dlr_url;
  int dlr_mask = 0;
};

struct EnqueueOutcome {
  int64_t id = 0;
  bool created = false;  // false: the client_ref already named message `id`
};

struct Message {
  int64_t id = 0;
  std::optional<std::string> client_ref;
  std::string to;
  std::string text;
  std::string encoding;
  int segments = 1;
  Priority priority = Priority::kNormal;
  MessageState state = MessageState::kQueued;
  std::optional<std::string> pinned_modem;
  std::optional<std::string> modem;  // the modem of the latest attempt
  int attempts = 0;
  std::optional<std::string> error_code;  // e.g. "CMS 38", "TP-ST 0x41", "restart"
  std::optional<std::string> error_text;
  bool report_requested = false;
  bool flash = false;
  Millis not_before = 0;
  std::optional<Millis> valid_until;
  Millis created_at = 0;
  std::optional<Millis> sending_at, sent_at, delivered_at, failed_at, expired_at, cancelled_at, unknown_at;
  std::optional<std::string> dlr_url;
  int dlr_mask = 0;
};

// One segment handed to a modem (a row exists once +CMGS answered).
struct SegmentRecord {
  int seq = 1;
  std::string modem;
  int mr = 0;
  Millis sent_at = 0;
  std::string state;  // "sent", "pending", "delivered", "failed", "expired"
  std::optional<Millis> reported_at;
};

// What ExpireDue moved to `expired`.
struct ExpiredMessage {
  int64_t id = 0;
};

struct MessageError {
  std::string code;  // short and stable, for programs: "CMS 500", "timeout"
  std::string text;  // for people
};

enum class CancelOutcome { kCancelled, kNotQueued, kNotFound };

// A decoded SMS-STATUS-REPORT. `recipient` is TP-RA normalised to E.164 the
// same way the destination was, or it will not match.
struct StatusReport {
  std::string modem;
  int mr = 0;  // TP-MR, 0..255
  std::string recipient;
  uint8_t status = 0;          // TP-ST (TS 23.040 §9.2.3.15)
  std::string discharge_time;  // TP-DT as RFC 3339
};

struct ReportMatch {
  int64_t message_id = 0;
  int seq = 0;
  MessageState message_state = MessageState::kSent;  // after applying the report
};

struct RecoveryOutcome {
  int sent = 0;      // every segment had its +CMGS answer recorded
  int unknown = 0;   // resend_unknown = no
  int requeued = 0;  // resend_unknown = yes
};

// One received SMS, or one part of a concatenated one (TS 23.040
// §9.2.3.24.1). Single messages have total = 1, seq = 1, ref = 0.
struct InboundPart {
  std::string modem;
  std::optional<std::string> sim;  // ICCID/IMSI when the driver knows it
  std::string sender;
  int ref = 0;  // concat reference (8- or 16-bit)
  int total = 1;
  int seq = 1;
  // UCS-2 parts give their UTF-16BE octets, so a surrogate pair the sender
  // split across two parts is rejoined; other parts give UTF-8 text.
  std::string text;
  std::optional<std::vector<uint8_t>> ucs2;
  std::string smsc_time;  // TP-SCTS as RFC 3339
  Millis received_at = 0;
};

enum class InboundOutcome {
  kDuplicate,   // already stored (the driver re-read a SIM slot): nothing changed
  kPartStored,  // waiting for the rest of its set
  kCompleted,   // a whole message reached the inbox
};

struct InboundResult {
  InboundOutcome outcome = InboundOutcome::kPartStored;
  std::optional<int64_t> inbox_id;  // kCompleted, and duplicates of assembled parts
};

struct InboxMessage {
  int64_t id = 0;
  std::string modem;
  std::optional<std::string> sim;
  std::string sender;
  std::string text;
  std::string smsc_time;  // the first part's
  Millis received_at = 0;
  int parts_received = 1;
  int parts_total = 1;
  bool partial = false;  // parts were missing when ExpirePartialInbound gave up
};

struct MessageFilter {
  std::optional<MessageState> state;
  std::optional<std::string> to;
  std::optional<Millis> since;  // created_at >= since
};

struct InboxFilter {
  std::optional<std::string> from;
  std::optional<Millis> since;  // received_at >= since
};

// Newest first. Cursors are opaque; pass next_cursor back for the next page
// (empty when there is none). A page never shifts when newer rows arrive,
// because the cursor is a position in id order, not an offset.
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;
};

class MessageStore {
 public:
  // Opens or creates the file, configures the connection and migrates.
  static Result<std::unique_ptr<MessageStore>> Open(const std::string& path, const ConnectionOptions& options = {});
  static Result<std::unique_ptr<MessageStore>> OpenInMemory();

  MessageStore(const MessageStore&) = delete;
  MessageStore& operator=(const MessageStore&) = delete;

  // --- Outbound ------------------------------------------------------------

  // Accepts one message as `queued`. A client_ref seen before returns that
  // message with created = false and changes nothing.
  Result<EnqueueOutcome> Enqueue(const NewMessage& message, Millis now);
  // All or nothing: one transaction; the first invalid message or SQLite
  // error rolls back every message of the batch. Outcomes follow the input
  // order; a client_ref repeated inside the batch yields the first's id.
  Result<std::vector<EnqueueOutcome>> EnqueueBatch(const std::vector<NewMessage>& messages, Millis now);

  // Takes the next message for `modem`: queued, not_before <= now, unpinned
  // or pinned to `modem`; lowest priority value first, then earliest
  // not_before (the accept time unless scheduled or backed off), then id.
  // Candidates past valid_until become `expired` on the way. The returned
  // message is already `sending` (modem set, attempts + 1, sending_at) and
  // committed. nullopt: nothing is ready.
  Result<std::optional<Message>> ClaimNext(const std::string& modem, Millis now);

  // Records that segment `seq` (1-based) of a `sending` message got +CMGS:
  // <mr> from `modem` (the one that claimed it); also logs the SMS for the
  // SIM's rate and daily counters. Recording the same seq again replaces it.
  Status MarkSegmentSent(int64_t id, int seq, const std::string& modem, int mr, Millis at);
  // sending -> sent once every segment is recorded; status reports that
  // arrived before (short messages deliver fast) are applied at once.
  Status MarkSent(int64_t id, Millis at);
  // queued | sending | unknown -> failed (permanent error).
  Status MarkFailed(int64_t id, const MessageError& error, Millis at);
  // sending -> queued with not_before (temporary error, back-off). The
  // attempt's segments are forgotten: the whole message goes again.
  Status Requeue(int64_t id, Millis not_before, const MessageError& error);
  // sending -> unknown: the modem may or may not have sent it (a +CMGS
  // timeout). Not resent, so the recipient never gets it twice.
  Status MarkUnknown(int64_t id, const MessageError& error, Millis at);
  // queued -> cancelled; any other state is left alone (kNotQueued).
  Result<CancelOutcome> Cancel(int64_t id, Millis at);

  // The start-up rule for messages left `sending` by a crash:
  //  - every segment recorded (all +CMGS answered) -> `sent`: it went out;
  //  - otherwise -> `unknown`, not resent, so no customer gets a duplicate;
  //  - or, with resend_unknown (at-least-once), -> `queued` for now.
  // Call once, before the dispatcher starts.
  Result<RecoveryOutcome> RecoverAfterCrash(bool resend_unknown, Millis now);

  // Matches a report to the newest segment with the same (modem, mr,
  // recipient) sent within [now - window, now]: references wrap at 256 and
  // are reused, so older segments with the same mr must not match. Updates
  // the segment; a `sent` message becomes `delivered` once every segment is
  // delivered, `failed` when any failed permanently, `expired` when the SMSC
  // gave up. Pending (temporary) outcomes only update the segment.
  // nullopt: no segment matched (a stale or foreign report).
  Result<std::optional<ReportMatch>> ApplyStatusReport(const StatusReport& report, Millis now, Millis window);

  // Queued messages whose valid_until passed become `expired`; returns their
  // ids. One seek on a partial index, so it is cheap to call when idle.
  Result<std::vector<int64_t>> ExpireDue(Millis now);
  // The next time something queued changes without outside help: the
  // earliest future not_before (scheduled or backed-off messages) or
  // valid_until. nullopt: nothing queued waits on time.
  Result<std::optional<Millis>> NextDue(Millis now);
  // Queued messages by priority (all three keys present).
  Result<std::vector<std::pair<Priority, int64_t>>> CountQueued();

  // Groups several calls into one transaction (group commit): the calls'
  // own transactions become savepoints inside it, and nothing is durable
  // until Commit(). Destroying it uncommitted rolls everything back.
  // kDisk: the commit waits for the disk (fsync) even if the store was
  // opened without synchronous_full — for what a client was promised, such
  // as accepted messages, which must survive a power cut.
  enum class GroupSync { kConnection, kDisk };
  Result<Transaction> BeginGroup(GroupSync sync = GroupSync::kConnection);

  // Empties SQLite's page cache for this connection (pages are read again
  // from the OS cache when needed): for a daemon that has gone quiet.
  void ReleaseMemory();

  Result<std::optional<Message>> GetMessage(int64_t id);
  Result<std::vector<SegmentRecord>> ListSegments(int64_t id);
  // limit: 1..1000.
  Result<Page<Message>> ListMessages(const MessageFilter& filter, int limit, const std::string& cursor);

  // --- Per-SIM counters ----------------------------------------------------

  // SMS (segments) `modem` sent at or after `since`. rate_per_minute uses
  // since = now - 60 s (a sliding minute); daily_limit uses the local
  // midnight the caller computed. Survives restarts (it is the send log).
  Result<int> CountSends(const std::string& modem, Millis since);
  // The send times themselves, oldest first (rebuilds a sliding window).
  Result<std::vector<Millis>> SendTimes(const std::string& modem, Millis since);
  // Forgets send-log entries older than `before` (keep at least a day).
  Status PruneSendLog(Millis before);

  // --- Inbound -------------------------------------------------------------

  // Stores a received message or part, and when the part completes its set
  // (same modem, sender, ref, total), writes the assembled message to the
  // inbox in the same transaction. Duplicate rule: a part with the same
  // modem, sender, ref, total, seq, SMSC time stamp and content as one
  // already stored is ignored — that is the driver re-reading a SIM slot it
  // could not delete before a crash. A different part for an occupied slot
  // of an incomplete set means the sender reused the reference: the old set
  // goes to the inbox as partial and a new set starts.
  Result<InboundResult> StoreInboundPart(const InboundPart& part);
  // Incomplete sets whose newest part arrived before `older_than` go to the
  // inbox as partial messages (missing parts are simply absent from the
  // text). Parts of assembled messages older than that are forgotten: the
  // duplicate check only needs to outlive a driver restart. Returns the
  // number of partial messages written.
  Result<int> ExpirePartialInbound(Millis older_than);

  Result<std::optional<InboxMessage>> GetInbox(int64_t id);
  Result<Page<InboxMessage>> ListInbox(const InboxFilter& filter, int limit, const std::string& cursor);

 private:
  MessageStore(std::unique_ptr<Database> db, bool synchronous_full)
      : db_(std::move(db)), synchronous_full_(synchronous_full) {}
  static Result<std::unique_ptr<MessageStore>> OpenWith(const std::string& path, const ConnectionOptions& options);

  Result<EnqueueOutcome> InsertMessage(const NewMessage& message, Millis now);
  Result<std::optional<Message>> ReadMessage(int64_t id);
  // The message ClaimNext would take, and its deadline (checked in C++ so
  // the claim itself is one statement).
  struct Candidate {
    int64_t id;
    std::optional<Millis> valid_until;
  };
  Result<std::optional<Candidate>> PickCandidate(const std::string& modem, Millis now);
  Error StateMismatch(const char* operation, int64_t id, const char* expected);
  // Why MarkSegmentSent's / MarkSent's guarded statement changed nothing.
  Error SegmentRefused(int64_t id, int seq, const std::string& modem);
  Error SentRefused(int64_t id);
  // One transaction: `update` moves message ?1 to a new state, binding ?2 (a
  // time) and ?3/?4 (the error); no row changed means the message was not in
  // `expected`. `then`, if given, runs after it in the same transaction with
  // ?1 bound to the id.
  Status ChangeState(const char* operation, int64_t id, const char* update, Millis time, const MessageError& error,
                     const char* expected, const char* then = nullptr);
  Status Settle(int64_t id, Millis now);
  // Inside the caller's transaction: the message becomes `sent` at `at`,
  // then reports that arrived early are applied (Settle).
  Status SetSent(int64_t id, Millis at);
  Result<int64_t> AssembleSet(const InboundPart& key, bool partial);

  std::unique_ptr<Database> db_;
  bool synchronous_full_;  // every commit already waits for the disk
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_MESSAGE_STORE_H_

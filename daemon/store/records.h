// The store's plain records: what goes into the store and what comes out,
// shared by the store's interfaces (outbound_queue.h, send_log.h, inbox.h),
// the daemon's engine and the HTTP API. Values only: no storage engine, no
// I/O; nothing here refers back into a store.
//
// Time: every time field is milliseconds since the Unix epoch, UTC, taken
// from the caller's clock. SMSC time stamps are kept as the RFC 3339 text
// the PDU carried (pdu::FormatRfc3339), preserving the SMSC's own offset.
#ifndef TELLAL_DAEMON_STORE_RECORDS_H_
#define TELLAL_DAEMON_STORE_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tellal::store {

using Millis = int64_t;  // milliseconds since the Unix epoch, UTC

// Claimed in this order; the numeric value is what the queue sorts on.
enum class Priority { kOtp = 0, kNormal = 1, kBulk = 2 };
const char* PriorityName(Priority p);  // "otp", "normal", "bulk"
std::optional<Priority> ParsePriority(std::string_view name);

// queued -> sending -> sent -> delivered | failed | expired
// queued -> expired (validity deadline passed before a modem took it)
// queued -> cancelled;  queued | sending | unknown -> failed
// sending -> queued (Requeue: temporary error, back-off; Pause: parts are
//   out, the rest wait for the same modem) | unknown
// queued (paused) -> unknown (its modem could not send the rest in time)
// queued -> suppressed (policy when it came up: the recipient is blocked,
//   or a commercial message's recipient opted out or reached a cap; the
//   reason is error_code)
enum class MessageState { kQueued, kSending, kSent, kDelivered, kFailed, kExpired, kCancelled, kUnknown, kSuppressed };
const char* MessageStateName(MessageState s);  // "queued", "sending", ...
std::optional<MessageState> ParseMessageState(std::string_view name);

// Commercial messages (İYS: "ticari elektronik ileti") obey the recipient's
// consent, quiet hours and frequency caps when they come up; informational
// ones (reminders, one-time codes) only the blocked list.
enum class Category { kInformational = 0, kCommercial = 1 };
const char* CategoryName(Category c);  // "informational", "commercial"
std::optional<Category> ParseCategory(std::string_view name);

// Why a message was suppressed (its error_code).
inline constexpr std::string_view kSuppressedBlocked = "blocked";
inline constexpr std::string_view kSuppressedOptedOut = "opted_out";
inline constexpr std::string_view kSuppressedCapPerDay = "cap_per_day";
inline constexpr std::string_view kSuppressedCapPer30Days = "cap_per_30_days";

// The commercial policy in force when ClaimNext runs, computed by the caller
// (the store reads no clock and knows no time zone). Zero caps: no cap.
struct CommercialRules {
  // Set inside quiet hours: when they end. Commercial messages that come up
  // before then wait (not_before moves there); others are never held.
  std::optional<Millis> held_until;
  int cap_per_day = 0;      // commercial messages per number per local day
  Millis day_start = 0;     // the local midnight that began today
  int cap_per_30_days = 0;  // ... per number in the last 30 x 24 h
};

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
  Category category = Category::kInformational;
  std::optional<int64_t> campaign_id;  // set for a campaign's messages
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
  // The concatenation reference every part of this message carries, fixed
  // at its first claim so a resumed set matches the parts already out.
  std::optional<int> concat_ref;
  // Set while a multipart message has parts out and waits to send the rest
  // on pinned_modem (Pause): the deadline for that SIM to send them, after
  // which the message ends `unknown` with error_code "partial".
  std::optional<Millis> resume_until;
  Category category = Category::kInformational;
  std::optional<int64_t> campaign_id;
  std::optional<Millis> suppressed_at;
};

// One segment handed to a modem (a record exists once +CMGS answered).
struct SegmentRecord {
  int seq = 1;
  std::string modem;
  int mr = 0;
  Millis sent_at = 0;
  std::string state;  // "sent", "pending", "delivered", "failed", "expired"
  std::optional<Millis> reported_at;
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

// A received PDU that does not decode (compressed or reserved user data, a
// malformed header...). It goes to the inbox as it is, so it can be deleted
// from the SIM: kept there, such PDUs would fill the SIM and stop inbound.
struct UndecodableInbound {
  std::string modem;
  std::optional<std::string> sim;
  std::string sender;     // TP-OA when it could be read, else empty
  std::string raw_pdu;    // hex, SMSC address + TPDU as the modem gave it
  std::string reason;     // why it does not decode, for people
  std::string smsc_time;  // TP-SCTS as RFC 3339 when it could be read, else empty
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
  // An UndecodableInbound: `text` is empty, `sender` and `smsc_time` may be.
  bool undecodable = false;
  std::optional<std::string> raw_pdu;             // undecodable rows only
  std::optional<std::string> undecodable_reason;  // undecodable rows only
};

struct MessageFilter {
  std::optional<MessageState> state;
  std::optional<std::string> to;
  std::optional<Millis> since;  // created_at >= since
  std::optional<Millis> until;  // created_at < until
  std::optional<Category> category;
};

struct InboxFilter {
  std::optional<std::string> from;
  std::optional<Millis> since;  // received_at >= since
  std::optional<Millis> until;  // received_at < until
};

// A listing's page size is 1..kMaxPageSize.
inline constexpr int kMaxPageSize = 1000;

// Newest first. Cursors are opaque; pass next_cursor back for the next page
// (empty when there is none). A page never shifts when newer rows arrive,
// because the cursor is a position in id order, not an offset.
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_RECORDS_H_

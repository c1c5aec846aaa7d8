// OutboundQueue: the durable queue of outbound messages and their segments,
// from acceptance to a final state, and the reads the API shows of them.
//
// Contract for every implementation:
//  - Every state change is one transaction, committed before the call
//    returns (inside an open Group: part of it, see group_commit.h). Callers
//    write the state first and act second: ClaimNext marks a message
//    `sending` before the dispatcher issues AT+CMGS, so after a crash the
//    queue never claims less than what happened.
//  - Durability: every Enqueue that returned survives the process being
//    killed at any moment (power loss: see the implementation's settings).
//    Messages left `sending` are resolved by RecoverAfterCrash.
//  - Order: ClaimNext takes the lowest priority value first, then the
//    earliest not_before (the accept time unless scheduled or backed off),
//    then the lowest id.
//  - Cost: ClaimNext, ExpireDue, NextDue and ApplyStatusReport cost
//    O(log n) in the number of stored messages, so a long queue or a long
//    history does not slow the dispatcher.
//  - Time: every time argument is the caller's clock (the queue never reads
//    one, so tests need no sleeps). See records.h for units.
//  - Errors: a malformed argument is kInvalidArgument, a message in the
//    wrong state kConflict, a missing one kNotFound; storage failures keep
//    the storage's code (kNoSpace, kReadOnly, kCorruption, ...). Messages
//    name the operation. Nothing throws.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store; nothing returned refers back into it.
#ifndef TELLAL_DAEMON_STORE_OUTBOUND_QUEUE_H_
#define TELLAL_DAEMON_STORE_OUTBOUND_QUEUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

class OutboundQueue {
 public:
  virtual ~OutboundQueue() = default;

  // Accepts one message as `queued`. A client_ref seen before returns that
  // message with created = false and changes nothing.
  virtual Result<EnqueueOutcome> Enqueue(const NewMessage& message, Millis now) = 0;
  // All or nothing: the first invalid message or storage error undoes every
  // message of the batch. Outcomes follow the input order; a client_ref
  // repeated inside the batch yields the first's id.
  virtual Result<std::vector<EnqueueOutcome>> EnqueueBatch(const std::vector<NewMessage>& messages, Millis now) = 0;

  // Takes the next message for `modem`: queued, not_before <= now, unpinned
  // or pinned to `modem`, in the order above. Candidates past valid_until
  // become `expired` on the way, paused ones past resume_until `unknown`.
  // The returned message is already `sending` (modem set, attempts + 1,
  // sending_at) and committed. nullopt: nothing is ready.
  // Policy, checked when a message comes up, whenever it was accepted:
  //  - a recipient on the blocked list (consents.h): `suppressed` "blocked";
  //  - commercial messages only: a recipient whose consent is RET now
  //    `suppressed` "opted_out"; inside quiet hours (rules.held_until) every
  //    queued commercial message that is not a paused multipart waits until
  //    they end (not_before moves there, once, in one statement); a number
  //    that already had rules.cap_per_day commercial messages since
  //    rules.day_start, or cap_per_30_days in the 30 x 24 h before now,
  //    `suppressed` "cap_per_day" / "cap_per_30_days". A message counts
  //    from its claim (sending, sent, delivered or unknown).
  virtual Result<std::optional<Message>> ClaimNext(const std::string& modem, Millis now,
                                                   const CommercialRules& rules) = 0;
  Result<std::optional<Message>> ClaimNext(const std::string& modem, Millis now) {
    return ClaimNext(modem, now, CommercialRules{});
  }

  // Takes message `id` for `modem` now, whatever its not_before: a message
  // that failed on another modem before any part went out moves at once to
  // a free one (its back-off is for the modem that failed). Same result as
  // ClaimNext; nullopt when it is no longer queued, is pinned to another
  // modem, is past a deadline, or the policy would not send it now (it
  // stays queued: the next ClaimNext suppresses or holds it).
  virtual Result<std::optional<Message>> ClaimMessage(int64_t id, const std::string& modem, Millis now,
                                                      const CommercialRules& rules) = 0;
  Result<std::optional<Message>> ClaimMessage(int64_t id, const std::string& modem, Millis now) {
    return ClaimMessage(id, modem, now, CommercialRules{});
  }

  // Records that segment `seq` (1-based) of a `sending` message got +CMGS:
  // <mr> (0..255) from `modem` (the one that claimed it), and logs the SMS
  // in the SendLog in the same transaction. Recording the same seq again
  // replaces it.
  virtual Status MarkSegmentSent(int64_t id, int seq, const std::string& modem, int mr, Millis at) = 0;
  // sending -> sent once every segment is recorded; status reports that
  // arrived before (short messages deliver fast) are applied at once.
  virtual Status MarkSent(int64_t id, Millis at) = 0;
  // queued | sending | unknown -> failed (permanent error).
  virtual Status MarkFailed(int64_t id, const MessageError& error, Millis at) = 0;
  // sending -> queued with not_before (temporary error, back-off). The
  // attempt's segments are forgotten: the whole message goes again.
  virtual Status Requeue(int64_t id, Millis not_before, const MessageError& error) = 0;
  // sending -> queued for a multi-part message with parts already out
  // (recorded by MarkSegmentSent): the recorded segments stay, the message
  // is pinned to the modem that sent them, and the next claim (by that
  // modem only, from not_before) sends the remaining parts with the same
  // concat_ref. resume_until is that modem's deadline, fixed by the first
  // Pause: past it, the message ends `unknown` with error_code "partial"
  // (ClaimNext and ExpireDue). kConflict when nothing is recorded.
  virtual Status Pause(int64_t id, Millis not_before, Millis resume_until, const MessageError& error) = 0;
  // sending -> unknown: the modem may or may not have sent it (a +CMGS
  // timeout). Not resent, so the recipient never gets it twice.
  virtual Status MarkUnknown(int64_t id, const MessageError& error, Millis at) = 0;
  // queued -> cancelled; any other state is left alone (kNotQueued).
  virtual Result<CancelOutcome> Cancel(int64_t id, Millis at) = 0;

  // The start-up rule for messages left `sending` by a crash:
  //  - every segment recorded (all +CMGS answered) -> `sent`: it went out;
  //  - otherwise -> `unknown`, not resent, so no customer gets a duplicate;
  //  - or, with resend_unknown (at-least-once), -> `queued` for now.
  // Call once, before the dispatcher starts.
  virtual Result<RecoveryOutcome> RecoverAfterCrash(bool resend_unknown, Millis now) = 0;

  // Matches a report to the newest segment with the same (modem, mr,
  // recipient) sent within [now - window, now]: references wrap at 256 and
  // are reused, so older segments with the same mr must not match. Updates
  // the segment; a `sent` message becomes `delivered` once every segment is
  // delivered, `failed` when any failed permanently, `expired` when the SMSC
  // gave up. Pending (temporary) outcomes only update the segment.
  // nullopt: no segment matched (a stale or foreign report).
  virtual Result<std::optional<ReportMatch>> ApplyStatusReport(const StatusReport& report, Millis now,
                                                               Millis window) = 0;

  // Queued messages whose valid_until passed become `expired`, and paused
  // ones whose resume_until passed `unknown` ("partial"); returns their
  // ids. Cheap enough to call whenever the dispatcher is idle.
  virtual Result<std::vector<int64_t>> ExpireDue(Millis now) = 0;
  // The next time something queued changes without outside help: the
  // earliest future not_before (scheduled or backed-off messages),
  // valid_until or resume_until. nullopt: nothing queued waits on time.
  virtual Result<std::optional<Millis>> NextDue(Millis now) = 0;
  // Queued messages by priority: otp, normal, bulk, always all three.
  virtual Result<std::vector<std::pair<Priority, int64_t>>> CountQueued() = 0;

  // Reads. nullopt / empty: no such message.
  virtual Result<std::optional<Message>> GetMessage(int64_t id) = 0;
  virtual Result<std::vector<SegmentRecord>> ListSegments(int64_t id) = 0;  // by seq
  // limit: 1..kMaxPageSize; cursor: "" or a next_cursor of this listing
  // (anything else is kInvalidArgument).
  virtual Result<Page<Message>> ListMessages(const MessageFilter& filter, int limit, const std::string& cursor) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_OUTBOUND_QUEUE_H_

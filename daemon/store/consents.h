// Consents: the consent history of every number (contact or not) and the
// blocked list.
//
// Contract for every implementation:
//  - Consent is append-only: every record is kept, none is changed. A
//    number's current status is its record with the latest consent_date
//    (the later record on a tie), so an old registry record imported late
//    does not undo a newer refusal.
//  - Suppressed() costs two indexed lookups, so the dispatcher may ask it
//    for every message at claim time, inside its claim's transaction.
//  - Every change is one transaction (inside an open Group: part of it).
//  - Errors: a value outside the İYS vocabulary is kInvalidArgument naming
//    the field; storage failures keep the storage's code.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store; nothing returned refers back into it.
#ifndef TELLAL_DAEMON_STORE_CONSENTS_H_
#define TELLAL_DAEMON_STORE_CONSENTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/store/contact_records.h"
#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

class Consents {
 public:
  virtual ~Consents() = default;

  // Appends a record; returns its id.
  virtual Result<int64_t> RecordConsent(const NewConsent& consent, Millis now) = 0;
  virtual Result<std::optional<ConsentRecord>> GetConsent(int64_t id) = 0;
  // The history in recording order (oldest first), from recorded_at >=
  // since. limit: 1..kMaxPageSize; cursor: "" or a next_cursor.
  virtual Result<Page<ConsentRecord>> ListConsents(std::optional<Millis> since, int limit,
                                                   const std::string& cursor) = 0;
  // One number's history (as stored: the caller normalises it), in the
  // same order and with the same since/limit/cursor as ListConsents; its
  // cursors belong to this number's listing. It seeks the number's records
  // rather than filtering the whole history.
  virtual Result<Page<ConsentRecord>> ListConsentsOf(const std::string& number, std::optional<Millis> since,
                                                     int limit, const std::string& cursor) = 0;
  // The record that decides the number's status now; nullopt: none.
  virtual Result<std::optional<ConsentRecord>> CurrentConsent(const std::string& number) = 0;
  // Numbers whose current status is RET, with that record; newest first.
  virtual Result<Page<ConsentRecord>> ListOptOuts(int limit, const std::string& cursor) = 0;

  // true: newly blocked; false: it was blocked already (reason unchanged).
  virtual Result<bool> Block(const std::string& number, const std::string& reason, Millis now) = 0;
  // false: it was not blocked.
  virtual Result<bool> Unblock(const std::string& number) = 0;
  virtual Result<std::optional<BlockedNumber>> GetBlocked(const std::string& number) = 0;
  // Newest first.
  virtual Result<Page<BlockedNumber>> ListBlocked(int limit, const std::string& cursor) = 0;

  // Whether nothing may be sent to `number`: blocked wins over opted out.
  virtual Result<Suppression> Suppressed(const std::string& number) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_CONSENTS_H_

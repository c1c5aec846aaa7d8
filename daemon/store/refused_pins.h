// RefusedPins: the PINs each SIM refused, kept across restarts, so tellald
// never enters a PIN again that a SIM already refused — not after a crash,
// a kill -9, a reload or a replug. Three wrong PINs block a SIM until its
// PUK is entered: a restart loop that retried the PIN would lock it within
// minutes.
//
// A SIM is named by the driver's SimKey text ("iccid:…", "imsi:…",
// "device:…"); a PIN only by its fingerprint (modem/driver/pin_guard.h), so
// the store never holds a PIN.
//
// Contract: RecordRefusal returns once the refusal is committed and on disk
// (fsynced, whatever the store's durability setting): the caller may then
// tell the modem anything, a power cut cannot make the refusal forgotten.
// Errors keep the storage's code and name the operation; nothing throws.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store.
#ifndef TELLAL_DAEMON_STORE_REFUSED_PINS_H_
#define TELLAL_DAEMON_STORE_REFUSED_PINS_H_

#include <string>
#include <vector>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

struct RefusedPin {
  std::string sim;              // SimKey::ToString()
  std::string pin_fingerprint;  // PinFingerprint(); never the PIN
  std::string reason;           // what the modem answered, e.g. "+CME ERROR: 16"
  Millis refused_at = 0;
};

class RefusedPins {
 public:
  virtual ~RefusedPins() = default;

  // Every refusal recorded for `sim`, oldest first.
  virtual Result<std::vector<RefusedPin>> RefusalsFor(const std::string& sim) = 0;
  // Records (or renews: reason and time) the refusal of this fingerprint on
  // this SIM; durable when it returns Ok.
  virtual Status RecordRefusal(const RefusedPin& refusal) = 0;
  // Forgets every refusal of `sim` (its PUK was entered elsewhere, or the
  // operator knows the counter was reset). Returns how many were forgotten.
  virtual Result<int> ForgetRefusals(const std::string& sim) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_REFUSED_PINS_H_

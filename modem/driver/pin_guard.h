// PinGuard: the memory of PINs a SIM refused, so a wrong PIN is never tried
// twice, not after a re-init, a replug or a daemon restart (when the
// implementation is durable). A SIM blocks after three wrong PINs and then
// needs its PUK; each attempt tellal spends is one the owner no longer has.
//
// The driver asks MayEnterPin() before every AT+CPIN="<pin>" and calls
// RecordRefusedPin() when the SIM refuses it (+CME ERROR: 16, a PUK demand,
// no answer). A SIM is named by its SimKey; a PIN only by its fingerprint, a
// one-way hash (libsodium crypto_generichash, keyed by the SIM), so a store
// never holds a PIN. A 4-digit PIN has only 10^4 values: the fingerprint keeps
// it out of logs and casual view, not from someone who can run the hash.
//
// Thread affinity: called on the driver's io_context thread; an
// implementation shared by several drivers on one io_context needs no lock.
#ifndef TELLAL_MODEM_DRIVER_PIN_GUARD_H_
#define TELLAL_MODEM_DRIVER_PIN_GUARD_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace tellal::modem {

// Which SIM: the ICCID when the modem tells it (normalised: printed digit
// order, no 'F' filler), else the IMSI, else the device path (a SIM that
// tells nothing before its PIN is entered is known by the slot it sits in).
struct SimKey {
  enum class Kind { kIccid, kImsi, kDevice };
  Kind kind = Kind::kDevice;
  std::string value;
  std::string ToString() const;  // "iccid:8990...", "imsi:2860...", "device:/dev/..."
  auto operator<=>(const SimKey&) const = default;
};

SimKey MakeSimKey(std::string_view iccid, std::string_view imsi, std::string_view device);

// Hex of crypto_generichash(pin) keyed with a hash of the SimKey: the same
// PIN gives another fingerprint on another SIM.
std::string PinFingerprint(const SimKey& sim, std::string_view pin);

class PinGuard {
 public:
  virtual ~PinGuard() = default;

  // Whether the PIN with this fingerprint may be entered on `sim`.
  // `attempts_known` is false when the modem has no counter command that
  // answered: the SIM may be one wrong PIN away from blocking.
  virtual bool MayEnterPin(const SimKey& sim, const std::string& pin_fingerprint, bool attempts_known) = 0;

  // The SIM refused this PIN (or its answer never came): never enter it again.
  virtual void RecordRefusedPin(const SimKey& sim, const std::string& pin_fingerprint, std::string reason) = 0;
};

// The policy every PinGuard applies to what it remembers: a refused
// fingerprint is never allowed again on that SIM; another PIN is, when the
// SIM reported its attempts (the driver has checked that enough remain);
// with the attempts unknown, only while no PIN at all has been refused on
// that SIM (one refusal may have left a single attempt).
bool PinEntryAllowed(bool this_pin_refused, bool any_pin_refused, bool attempts_known);

// Remembers refusals for the life of the process: the driver's default, and
// the tests'. Applies PinEntryAllowed.
class InMemoryPinGuard : public PinGuard {
 public:
  bool MayEnterPin(const SimKey& sim, const std::string& pin_fingerprint, bool attempts_known) override;
  void RecordRefusedPin(const SimKey& sim, const std::string& pin_fingerprint, std::string reason) override;

  // The reason recorded for this SIM and fingerprint; empty if none.
  std::string RefusalReason(const SimKey& sim, const std::string& pin_fingerprint) const;

 private:
  std::map<std::pair<SimKey, std::string>, std::string> refused_;
  std::set<SimKey> sims_with_refusals_;
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_PIN_GUARD_H_

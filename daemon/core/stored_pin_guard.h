// StoredPinGuard: the driver's PinGuard (modem/driver/pin_guard.h) kept in
// the store's RefusedPins, so a PIN a SIM refused is never entered again by
// any tellald run: restarts, kill -9, reloads and replugs all ask the same
// table. One instance serves every driver of a daemon.
//
// RecordRefusedPin returns once the refusal is on disk. Should the store
// fail, the guard fails safe: a refusal it could not write is still
// remembered for the life of the process, and when it cannot read a SIM's
// refusals it allows no PIN on that SIM. Either is logged (with the SIM's
// key, never the PIN nor its fingerprint).
//
// Thread affinity: the daemon's io_context thread (the store's). Lifetime:
// `pins` (and the logger) must outlive the guard and every driver holding it.
#ifndef TELLAL_DAEMON_CORE_STORED_PIN_GUARD_H_
#define TELLAL_DAEMON_CORE_STORED_PIN_GUARD_H_

#include <spdlog/logger.h>

#include <functional>
#include <memory>
#include <string>

#include "daemon/store/refused_pins.h"
#include "modem/driver/pin_guard.h"

namespace tellal::core {

class StoredPinGuard final : public modem::PinGuard {
 public:
  // `now` stamps refusals; null: the system clock. `log` null: spdlog's default.
  explicit StoredPinGuard(store::RefusedPins& pins, std::function<store::Millis()> now = nullptr,
                          std::shared_ptr<spdlog::logger> log = nullptr);

  bool MayEnterPin(const modem::SimKey& sim, const std::string& pin_fingerprint, bool attempts_known) override;
  void RecordRefusedPin(const modem::SimKey& sim, const std::string& pin_fingerprint, std::string reason) override;

 private:
  store::RefusedPins& pins_;
  std::function<store::Millis()> now_;
  std::shared_ptr<spdlog::logger> log_;
  modem::InMemoryPinGuard unwritten_;  // refusals the store did not take
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_STORED_PIN_GUARD_H_

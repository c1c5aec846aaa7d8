#include "daemon/core/stored_pin_guard.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "daemon/core/local_time.h"

namespace tellal::core {

StoredPinGuard::StoredPinGuard(store::RefusedPins& pins, std::function<store::Millis()> now,
                               std::shared_ptr<spdlog::logger> log)
    : pins_(pins),
      now_(now ? std::move(now) : std::function<store::Millis()>(NowMillis)),
      log_(log ? std::move(log) : spdlog::default_logger()) {}

bool StoredPinGuard::MayEnterPin(const modem::SimKey& sim, const std::string& pin_fingerprint, bool attempts_known) {
  if (!unwritten_.MayEnterPin(sim, pin_fingerprint, attempts_known)) return false;
  auto refusals = pins_.RefusalsFor(sim.ToString());
  if (!refusals) {
    log_->error("SIM {}: cannot read the PINs it refused before ({}); not entering the PIN", sim.ToString(),
                refusals.error().message);
    return false;
  }
  const bool this_pin_refused = std::any_of(refusals->begin(), refusals->end(), [&](const store::RefusedPin& r) {
    return r.pin_fingerprint == pin_fingerprint;
  });
  return modem::PinEntryAllowed(this_pin_refused, !refusals->empty(), attempts_known);
}

void StoredPinGuard::RecordRefusedPin(const modem::SimKey& sim, const std::string& pin_fingerprint,
                                      std::string reason) {
  Status recorded = pins_.RecordRefusal(store::RefusedPin{sim.ToString(), pin_fingerprint, reason, now_()});
  if (!recorded) {
    log_->error(
        "SIM {}: cannot store that it refused the configured PIN ({}); this run will not enter it again, "
        "but a restart might",
        sim.ToString(), recorded.error().message);
    unwritten_.RecordRefusedPin(sim, pin_fingerprint, std::move(reason));
  }
}

}  // namespace tellal::core

#include "modem/driver/pin_guard.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace tellal::modem {
namespace {

std::string Hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0x0F]);
  }
  return out;
}

}  // namespace

std::string SimKey::ToString() const {
  switch (kind) {
    case Kind::kIccid:
      return "iccid:" + value;
    case Kind::kImsi:
      return "imsi:" + value;
    case Kind::kDevice:
      return "device:" + value;
  }
  return value;
}

SimKey MakeSimKey(std::string_view iccid, std::string_view imsi, std::string_view device) {
  if (!iccid.empty()) return SimKey{SimKey::Kind::kIccid, std::string(iccid)};
  if (!imsi.empty()) return SimKey{SimKey::Kind::kImsi, std::string(imsi)};
  return SimKey{SimKey::Kind::kDevice, std::string(device)};
}

std::string PinFingerprint(const SimKey& sim, std::string_view pin) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot initialise");
  const std::string name = sim.ToString();
  std::array<unsigned char, crypto_generichash_KEYBYTES> key{};
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(name.data()), name.size(), nullptr,
                     0);
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(pin.data()), pin.size(),
                     key.data(), key.size());
  return Hex(digest.data(), digest.size());
}

bool PinEntryAllowed(bool this_pin_refused, bool any_pin_refused, bool attempts_known) {
  if (this_pin_refused) return false;
  return attempts_known || !any_pin_refused;
}

bool InMemoryPinGuard::MayEnterPin(const SimKey& sim, const std::string& pin_fingerprint, bool attempts_known) {
  return PinEntryAllowed(refused_.count({sim, pin_fingerprint}) != 0, sims_with_refusals_.count(sim) != 0,
                         attempts_known);
}

void InMemoryPinGuard::RecordRefusedPin(const SimKey& sim, const std::string& pin_fingerprint, std::string reason) {
  refused_[{sim, pin_fingerprint}] = std::move(reason);
  sims_with_refusals_.insert(sim);
}

std::string InMemoryPinGuard::RefusalReason(const SimKey& sim, const std::string& pin_fingerprint) const {
  auto it = refused_.find({sim, pin_fingerprint});
  return it == refused_.end() ? std::string() : it->second;
}

}  // namespace tellal::modem

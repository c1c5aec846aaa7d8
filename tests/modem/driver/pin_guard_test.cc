#include "modem/driver/pin_guard.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::modem {
namespace {

TEST_CASE("The SIM key prefers the ICCID, then the IMSI, then the device", "[pin_guard]") {
  CHECK(MakeSimKey("8990010000000000001", "286010000000001", "/dev/ttyUSB0").ToString() == "iccid:8990010000000000001");
  CHECK(MakeSimKey("", "286010000000001", "/dev/ttyUSB0").ToString() == "imsi:286010000000001");
  CHECK(MakeSimKey("", "", "/dev/ttyUSB0").ToString() == "device:/dev/ttyUSB0");
}

TEST_CASE("A fingerprint never holds the PIN and differs by SIM", "[pin_guard]") {
  const SimKey a = MakeSimKey("8990010000000000001", "", "");
  const SimKey b = MakeSimKey("8990010000000000002", "", "");
  const std::string fa = PinFingerprint(a, "1234");
  CHECK(fa.size() == 64);
  CHECK(fa.find("1234") == std::string::npos);
  CHECK(fa == PinFingerprint(a, "1234"));
  CHECK(fa != PinFingerprint(b, "1234"));
  CHECK(fa != PinFingerprint(a, "1235"));
}

TEST_CASE("A refused PIN is never allowed again, unknown attempts need a clean SIM", "[pin_guard]") {
  InMemoryPinGuard guard;
  const SimKey sim = MakeSimKey("8990010000000000001", "", "");
  const SimKey other = MakeSimKey("8990010000000000002", "", "");
  const std::string wrong = PinFingerprint(sim, "1111");
  const std::string right = PinFingerprint(sim, "2222");
  CHECK(guard.MayEnterPin(sim, wrong, false));
  guard.RecordRefusedPin(sim, wrong, "+CME ERROR: 16");
  CHECK(guard.RefusalReason(sim, wrong) == "+CME ERROR: 16");
  CHECK_FALSE(guard.MayEnterPin(sim, wrong, true));
  CHECK_FALSE(guard.MayEnterPin(sim, wrong, false));
  // Another PIN: only when the counter says attempts remain.
  CHECK(guard.MayEnterPin(sim, right, true));
  CHECK_FALSE(guard.MayEnterPin(sim, right, false));
  // Another SIM is untouched.
  CHECK(guard.MayEnterPin(other, PinFingerprint(other, "1111"), false));
}

}  // namespace
}  // namespace tellal::modem

#include "daemon/core/stored_pin_guard.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "daemon/store/sqlite/sqlite_store.h"
#include "tests/daemon/store/temp_dir.h"

using tellal::Error;
using tellal::Result;
using tellal::Status;
using tellal::core::StoredPinGuard;
using tellal::modem::MakeSimKey;
using tellal::modem::PinFingerprint;
using tellal::modem::SimKey;
using tellal::store::Millis;
using tellal::store::RefusedPin;
using tellal::store::RefusedPins;
using tellal::store::SqliteStore;
using tellal::store::testing::TempDir;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;
const SimKey kSim = MakeSimKey("8990010000000000001", "", "/dev/ttyUSB0");
const SimKey kOtherSim = MakeSimKey("8990010000000000002", "", "/dev/ttyUSB1");

std::unique_ptr<SqliteStore> OpenStore(const std::string& path) {
  auto store = SqliteStore::Open(path);
  REQUIRE(store.ok());
  return std::move(store).value();
}

// A RefusedPins whose storage has gone (disk full, file removed).
class BrokenRefusedPins final : public RefusedPins {
 public:
  Result<std::vector<RefusedPin>> RefusalsFor(const std::string&) override { return Error::IoError("disk I/O error"); }
  Status RecordRefusal(const RefusedPin&) override { return Error::NoSpace("database or disk is full"); }
  Result<int> ForgetRefusals(const std::string&) override { return Error::IoError("disk I/O error"); }
};

}  // namespace

TEST_CASE("A refused PIN stays refused for a new guard on the same file, as after a restart", "[pin_guard]") {
  TempDir dir;
  const std::string path = dir.File("tellal.db");
  {
    auto store = OpenStore(path);
    StoredPinGuard guard(store->refused_pins(), [] { return kT0; });
    CHECK(guard.MayEnterPin(kSim, PinFingerprint(kSim, "1111"), false));
    guard.RecordRefusedPin(kSim, PinFingerprint(kSim, "1111"), "+CME ERROR: 16");
  }
  auto store = OpenStore(path);
  StoredPinGuard guard(store->refused_pins());
  CHECK_FALSE(guard.MayEnterPin(kSim, PinFingerprint(kSim, "1111"), true));
  CHECK_FALSE(guard.MayEnterPin(kSim, PinFingerprint(kSim, "1111"), false));
  auto rows = store->refused_pins().RefusalsFor(kSim.ToString());
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0].reason == "+CME ERROR: 16");
  CHECK((*rows)[0].refused_at == kT0);
  // The store holds a fingerprint, never the PIN.
  CHECK((*rows)[0].pin_fingerprint.find("1111") == std::string::npos);
}

TEST_CASE("The stored guard decides as the in-memory one does", "[pin_guard]") {
  // What was refused before on kSim, the PIN asked about, whether the
  // modem reported its attempts, and the answer.
  auto [refused_pin, asked_pin, attempts_known, allowed] = GENERATE(table<std::string, std::string, bool, bool>({
      {"", "1111", false, true},       // a clean SIM: the first entry is allowed
      {"", "1111", true, true},        //
      {"1111", "1111", true, false},   // the same PIN: never again
      {"1111", "1111", false, false},  //
      {"1111", "2222", true, true},    // a changed PIN, with the attempts counted
      {"1111", "2222", false, false},  // a changed PIN, attempts unknown: one may be left
  }));
  auto store = SqliteStore::OpenInMemory();
  REQUIRE(store.ok());
  StoredPinGuard stored((*store)->refused_pins());
  tellal::modem::InMemoryPinGuard in_memory;
  if (!refused_pin.empty()) {
    stored.RecordRefusedPin(kSim, PinFingerprint(kSim, refused_pin), "+CME ERROR: 16");
    in_memory.RecordRefusedPin(kSim, PinFingerprint(kSim, refused_pin), "+CME ERROR: 16");
  }
  INFO("refused '" << refused_pin << "', asked '" << asked_pin << "', attempts known " << attempts_known);
  CHECK(stored.MayEnterPin(kSim, PinFingerprint(kSim, asked_pin), attempts_known) == allowed);
  CHECK(in_memory.MayEnterPin(kSim, PinFingerprint(kSim, asked_pin), attempts_known) == allowed);
  // Another SIM is never affected.
  CHECK(stored.MayEnterPin(kOtherSim, PinFingerprint(kOtherSim, asked_pin), false));
}

TEST_CASE("A store that cannot be read allows no PIN", "[pin_guard]") {
  BrokenRefusedPins broken;
  StoredPinGuard guard(broken);
  CHECK_FALSE(guard.MayEnterPin(kSim, PinFingerprint(kSim, "1111"), true));
}

TEST_CASE("A refusal the store did not take is still kept for the life of the guard", "[pin_guard]") {
  // Reads work, writes fail: the guard must not forget the refusal itself.
  class WriteFails final : public RefusedPins {
   public:
    Result<std::vector<RefusedPin>> RefusalsFor(const std::string&) override { return std::vector<RefusedPin>(); }
    Status RecordRefusal(const RefusedPin&) override { return Error::NoSpace("database or disk is full"); }
    Result<int> ForgetRefusals(const std::string&) override { return 0; }
  };
  WriteFails pins;
  StoredPinGuard guard(pins);
  guard.RecordRefusedPin(kSim, PinFingerprint(kSim, "1111"), "+CME ERROR: 16");
  CHECK_FALSE(guard.MayEnterPin(kSim, PinFingerprint(kSim, "1111"), true));
  CHECK(guard.MayEnterPin(kSim, PinFingerprint(kSim, "2222"), true));
  CHECK(guard.MayEnterPin(kOtherSim, PinFingerprint(kOtherSim, "1111"), false));
}

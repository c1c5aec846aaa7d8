#include "daemon/store/sqlite/sqlite_refused_pins.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "store_testing.h"
#include "tests/daemon/store/temp_dir.h"

using namespace tellal::store;
using tellal::store::testing::FileStore;
using tellal::store::testing::MemoryStore;
using tellal::store::testing::TempDir;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;

std::vector<std::string> Fingerprints(RefusedPins& pins, const std::string& sim) {
  auto rows = pins.RefusalsFor(sim);
  REQUIRE(rows.ok());
  std::vector<std::string> out;
  for (const RefusedPin& r : *rows) out.push_back(r.pin_fingerprint);
  return out;
}

}  // namespace

TEST_CASE("ARefusalIsReadBackForItsSimOnly", "[store][refused_pins]") {
  auto store = MemoryStore();
  RefusedPins& pins = store->refused_pins();
  REQUIRE(pins.RecordRefusal({"iccid:8990010000000000001", "aa11", "+CME ERROR: 16", kT0}).ok());
  auto rows = pins.RefusalsFor("iccid:8990010000000000001");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0].sim == "iccid:8990010000000000001");
  CHECK((*rows)[0].pin_fingerprint == "aa11");
  CHECK((*rows)[0].reason == "+CME ERROR: 16");
  CHECK((*rows)[0].refused_at == kT0);
  CHECK(Fingerprints(pins, "iccid:8990010000000000002").empty());
  CHECK(Fingerprints(pins, "device:/dev/ttyUSB0").empty());
}

TEST_CASE("ARefusalSurvivesClosingAndReopeningTheFile", "[store][refused_pins]") {
  TempDir dir;
  const std::string path = dir.File("p.db");
  {
    auto store = FileStore(path);
    REQUIRE(store->refused_pins().RecordRefusal({"imsi:286010000000001", "bb22", "timeout", kT0}).ok());
  }
  auto store = FileStore(path);
  CHECK(Fingerprints(store->refused_pins(), "imsi:286010000000001") == std::vector<std::string>{"bb22"});
}

TEST_CASE("RecordingARefusalLeavesTheConnectionAtItsOwnSynchronousSetting", "[store][refused_pins]") {
  auto [synchronous_full, expected] = GENERATE(table<bool, int64_t>({{false, 1}, {true, 2}}));  // NORMAL, FULL
  TempDir dir;
  auto db = Database::Open(dir.File("s.db"));
  REQUIRE(db.ok());
  ConnectionOptions options;
  options.synchronous_full = synchronous_full;
  REQUIRE(ConfigureConnection(**db, options).ok());
  REQUIRE(Migrate(**db, StoreMigrations()).ok());
  SqliteRefusedPins pins(**db, synchronous_full);
  REQUIRE(pins.RecordRefusal({"iccid:1", "cc33", "+CME ERROR: 16", kT0}).ok());
  CHECK(Fingerprints(pins, "iccid:1") == std::vector<std::string>{"cc33"});
  auto q = (*db)->Query("PRAGMA synchronous");
  REQUIRE(q.ok());
  REQUIRE(*q->Step());
  CHECK(q->ColumnInt64(0) == expected);
}

TEST_CASE("TheSamePinRefusedAgainRenewsItsRowInsteadOfAddingOne", "[store][refused_pins]") {
  auto store = MemoryStore();
  RefusedPins& pins = store->refused_pins();
  REQUIRE(pins.RecordRefusal({"iccid:1", "aa11", "+CME ERROR: 16", kT0}).ok());
  REQUIRE(pins.RecordRefusal({"iccid:1", "aa11", "no answer", kT0 + 5}).ok());
  auto rows = pins.RefusalsFor("iccid:1");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0].reason == "no answer");
  CHECK((*rows)[0].refused_at == kT0 + 5);
}

TEST_CASE("RefusalsOfOneSimComeOldestFirst", "[store][refused_pins]") {
  auto store = MemoryStore();
  RefusedPins& pins = store->refused_pins();
  REQUIRE(pins.RecordRefusal({"iccid:1", "zz", "+CME ERROR: 16", kT0}).ok());
  REQUIRE(pins.RecordRefusal({"iccid:1", "aa", "+CME ERROR: 16", kT0 + 1}).ok());
  CHECK(Fingerprints(pins, "iccid:1") == std::vector<std::string>{"zz", "aa"});
}

TEST_CASE("ForgettingASimsRefusalsLeavesOtherSimsAlone", "[store][refused_pins]") {
  auto store = MemoryStore();
  RefusedPins& pins = store->refused_pins();
  REQUIRE(pins.RecordRefusal({"iccid:1", "aa", "+CME ERROR: 16", kT0}).ok());
  REQUIRE(pins.RecordRefusal({"iccid:1", "bb", "+CME ERROR: 16", kT0}).ok());
  REQUIRE(pins.RecordRefusal({"iccid:2", "aa", "+CME ERROR: 16", kT0}).ok());
  auto forgotten = pins.ForgetRefusals("iccid:1");
  REQUIRE(forgotten.ok());
  CHECK(*forgotten == 2);
  CHECK(Fingerprints(pins, "iccid:1").empty());
  CHECK(Fingerprints(pins, "iccid:2") == std::vector<std::string>{"aa"});
  auto none = pins.ForgetRefusals("iccid:1");
  REQUIRE(none.ok());
  CHECK(*none == 0);
}

TEST_CASE("ARefusalInsideAnOpenGroupIsRefusedBecauseItWouldNotBeDurableYet", "[store][refused_pins]") {
  auto store = MemoryStore();
  auto group = store->BeginGroup(GroupSync::kConnection);
  REQUIRE(group.ok());
  tellal::Status s = store->refused_pins().RecordRefusal({"iccid:1", "aa", "+CME ERROR: 16", kT0});
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == tellal::ErrorCode::kInternal);
}

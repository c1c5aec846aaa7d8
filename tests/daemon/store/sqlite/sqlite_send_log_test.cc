#include "daemon/store/sqlite/sqlite_send_log.h"

#include <catch2/catch.hpp>

#include "store_testing.h"
#include "tests/daemon/store/temp_dir.h"

using namespace tellal::store;
using tellal::store::testing::FileStore;
using tellal::store::testing::TempDir;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;  // an arbitrary fixed "now"
constexpr Millis kMinute = 60'000;

// Queues a message of `segments` parts and sends it through `modem`: the
// send log is written by MarkSegmentSent, one entry per segment.
void Send(OutboundQueue& queue, const std::string& modem, int segments, Millis at) {
  NewMessage m;
  m.to = "+1";
  m.text = "hello";
  m.encoding = "gsm7";
  m.segments = segments;
  REQUIRE(queue.Enqueue(m, at).ok());
  auto claimed = queue.ClaimNext(modem, at);
  REQUIRE(claimed.ok());
  REQUIRE(claimed->has_value());
  for (int seq = 1; seq <= segments; ++seq) REQUIRE(queue.MarkSegmentSent((*claimed)->id, seq, modem, seq, at).ok());
  REQUIRE(queue.MarkSent((*claimed)->id, at).ok());
}

}  // namespace

TEST_CASE("SendCountsSurviveARestart", "[store][counters]") {
  TempDir dir;
  const std::string path = dir.File("c.db");
  {
    auto store = FileStore(path);
    Send(store->queue(), "m1", 3, kT0);                // 3 SMS
    Send(store->queue(), "m1", 1, kT0 + 2 * kMinute);  // 1 SMS
  }
  auto store = FileStore(path);
  SendLog& log = store->send_log();
  CHECK(*log.CountSends("m1", kT0) == 4);                          // since "midnight"
  CHECK(*log.CountSends("m1", kT0 + 2 * kMinute - kMinute) == 1);  // sliding minute
  CHECK(*log.CountSends("m2", kT0) == 0);
  REQUIRE(log.PruneSendLog(kT0 + 1).ok());
  CHECK(*log.CountSends("m1", 0) == 1);
}

TEST_CASE("SendTimesAreOldestFirstAndPerModem", "[store][counters]") {
  TempDir dir;
  auto store = FileStore(dir.File("t.db"));
  Send(store->queue(), "m1", 1, kT0 + 30);
  Send(store->queue(), "m2", 1, kT0 + 20);
  Send(store->queue(), "m1", 2, kT0 + 10);
  SendLog& log = store->send_log();
  CHECK(log.SendTimes("m1", kT0).value() == std::vector<Millis>{kT0 + 10, kT0 + 10, kT0 + 30});
  CHECK(log.SendTimes("m1", kT0 + 11).value() == std::vector<Millis>{kT0 + 30});
  CHECK(log.SendTimes("m2", 0).value() == std::vector<Millis>{kT0 + 20});
}

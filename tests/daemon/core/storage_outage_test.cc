#include "daemon/core/storage_outage.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using tellal::core::StorageOutage;

TEST_CASE("AnOutageLogsOncePerMinuteWhileRetriesBackOff", "[outage]") {
  StorageOutage outage;
  int64_t now = 1'000'000;
  int logged = 0;
  std::chrono::milliseconds last{0};
  // Five minutes of failures, each retry after the delay it was given.
  while (now < 1'000'000 + 5 * 60'000) {
    const StorageOutage::Retry retry = outage.Failed(now);
    logged += retry.log ? 1 : 0;
    CHECK(retry.after >= last);  // never faster than before
    CHECK(retry.after <= 30s);
    last = retry.after;
    now += retry.after.count();
  }
  CHECK(last == 30s);
  // The first failure, then one a minute: never one per retry.
  CHECK(logged >= 5);
  CHECK(logged <= 6);
  CHECK(outage.active());
}

TEST_CASE("RecoveryIsReportedOnceWithTheOutagesLength", "[outage]") {
  StorageOutage outage;
  CHECK_FALSE(outage.Succeeded(10).has_value());  // no outage, nothing to say
  CHECK(outage.Failed(1000).log);
  CHECK_FALSE(outage.Failed(2000).log);
  CHECK(outage.Succeeded(91'000) == 90'000ms);
  CHECK_FALSE(outage.active());
  CHECK_FALSE(outage.Succeeded(92'000).has_value());
  // A new outage starts over: logged at once, first delay again.
  const StorageOutage::Retry again = outage.Failed(100'000);
  CHECK(again.log);
  CHECK(again.after == 1s);
  CHECK(again.failures == 1);
}

// DaemonClock with injected wall and monotonic sources: it counts
// monotonically whatever the wall clock does, notices steps beyond the
// tolerance, and follows the wall clock again once rebased.
#include "daemon/core/daemon_clock.h"

#include <catch2/catch.hpp>

namespace tellal::core {
namespace {

using Millis = DaemonClock::Millis;

constexpr Millis kSecond = 1000;
constexpr Millis kDay = 24 * 3600 * kSecond;
constexpr Millis kWall0 = 1'780'000'000'000;

struct Sources {
  Millis wall = kWall0;
  Millis monotonic = 42 * kSecond;  // seconds since boot, say
  DaemonClock clock{[this] { return wall; }, [this] { return monotonic; }};

  void Pass(Millis ms) {
    wall += ms;
    monotonic += ms;
  }
};

TEST_CASE("TheClockStartsAtTheWallClockAndCountsElapsedTime", "[clock]") {
  Sources s;
  CHECK(s.clock.Now() == kWall0);
  s.Pass(90 * kSecond);
  CHECK(s.clock.Now() == kWall0 + 90 * kSecond);
  CHECK(s.clock.CheckStep() == std::nullopt);
}

TEST_CASE("AStepOfTheWallClockDoesNotMoveTheClockUntilRebased", "[clock]") {
  const Millis step =
      GENERATE(values<Millis>({kDay, -kDay, 5 * 365 * kDay, -50 * 365 * kDay, 3 * kSecond, -3 * kSecond}));
  INFO("step " << step);
  Sources s;
  s.Pass(10 * kSecond);
  s.wall += step;
  CHECK(s.clock.Now() == kWall0 + 10 * kSecond);
  REQUIRE(s.clock.CheckStep() == step);
  s.Pass(5 * kSecond);
  CHECK(s.clock.Now() == kWall0 + 15 * kSecond);
  s.clock.Rebase(step);
  CHECK(s.clock.Now() == s.wall);
  CHECK(s.clock.CheckStep() == std::nullopt);
  s.Pass(kSecond);
  CHECK(s.clock.Now() == s.wall);
}

TEST_CASE("DriftWithinTheToleranceIsNotAStep", "[clock]") {
  const Millis drift =
      GENERATE(values<Millis>({DaemonClock::kDefaultTolerance, -DaemonClock::kDefaultTolerance, 1, -1}));
  INFO("drift " << drift);
  Sources s;
  s.wall += drift;
  CHECK(s.clock.CheckStep().value_or(0) == 0);
}

}  // namespace
}  // namespace tellal::core

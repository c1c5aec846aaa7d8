#include "daemon/notify/outbox_pump.h"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <memory>

namespace {

using tellal::notify::OutboxPump;
using namespace std::chrono_literals;

TEST_CASE("wake-ups before the pump runs are coalesced into one call, never made inline") {
  boost::asio::io_context io;
  int pumps = 0;
  OutboxPump pump(io, [&] { ++pumps; });
  pump.Wake();
  pump.Wake();
  pump.Wake();
  CHECK(pumps == 0);  // a writer's transaction has not committed yet
  io.run();
  CHECK(pumps == 1);
  io.restart();
  pump.Wake();  // the next wake-up after the call is a new one
  io.run();
  CHECK(pumps == 2);
}

TEST_CASE("the timer calls the pump, arming it again replaces the pending one, CancelTimer drops it") {
  boost::asio::io_context io;
  int pumps = 0;
  OutboxPump pump(io, [&] { ++pumps; });
  pump.ArmTimer(10ms);
  pump.ArmTimer(20ms);
  const auto start = std::chrono::steady_clock::now();
  io.run();
  CHECK(pumps == 1);
  CHECK(std::chrono::steady_clock::now() - start >= 20ms);
  io.restart();
  pump.ArmTimer(10ms);
  pump.CancelTimer();
  io.run();
  CHECK(pumps == 1);
}

TEST_CASE("Stop silences a posted call, the timer and tokens taken before it, and works once") {
  boost::asio::io_context io;
  int pumps = 0;
  OutboxPump pump(io, [&] { ++pumps; });
  const std::weak_ptr<bool> before = pump.Token();
  pump.Wake();
  pump.ArmTimer(1ms);
  CHECK_FALSE(pump.stopped());
  CHECK(pump.Stop());
  CHECK(pump.stopped());
  CHECK(before.expired());
  CHECK_FALSE(pump.Stop());
  pump.Wake();
  io.run();
  CHECK(pumps == 0);
}

}  // namespace

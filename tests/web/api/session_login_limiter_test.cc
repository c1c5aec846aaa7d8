#include "web/api/session_login_limiter.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace tellal::web {
namespace {

TEST_CASE("ClientAddress drops the port of IPv4 and bracketed IPv6 peers") {
  auto [remote, address] = GENERATE(table<std::string, std::string>({
      {"192.0.2.7:51234", "192.0.2.7"},
      {"[::1]:51234", "::1"},
      {"[2001:db8::5]:80", "2001:db8::5"},
      {"2001:db8::5", "2001:db8::5"},
      {"192.0.2.7", "192.0.2.7"},
      {"", ""},
  }));
  CHECK(ClientAddress(remote) == address);
}

TEST_CASE("Five failures are free, then the wait doubles from 2 s up to 15 min") {
  store::Millis now = 0;
  LoginLimiter limiter([&] { return now; });
  const std::string client = "192.0.2.7:50000";
  for (int i = 0; i < LoginLimiter::kFreeFailures; ++i) {
    CHECK(limiter.WaitFor(client) == 0);
    limiter.RecordFailure(client);
  }
  CHECK(limiter.WaitFor(client) == 0);
  std::vector<store::Millis> waits;
  for (int i = 0; i < 12; ++i) {
    limiter.RecordFailure(client);
    const store::Millis wait = limiter.WaitFor(client);
    waits.push_back(wait);
    now += wait;  // the client waits exactly as told, then fails again
    CHECK(limiter.WaitFor(client) == 0);
  }
  CHECK(waits == std::vector<store::Millis>{2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 512000, 900000,
                                            900000, 900000});
}

TEST_CASE("The wait counts down with the clock") {
  store::Millis now = 0;
  LoginLimiter limiter([&] { return now; });
  for (int i = 0; i <= LoginLimiter::kFreeFailures; ++i) limiter.RecordFailure("192.0.2.7:1");
  CHECK(limiter.WaitFor("192.0.2.7:2") == 2000);  // another port, the same client
  now += 1500;
  CHECK(limiter.WaitFor("192.0.2.7:3") == 500);
  CHECK(limiter.WaitFor("192.0.2.8:3") == 0);  // another client
}

TEST_CASE("A right password clears the record") {
  store::Millis now = 0;
  LoginLimiter limiter([&] { return now; });
  for (int i = 0; i < LoginLimiter::kFreeFailures; ++i) limiter.RecordFailure("[::1]:1");
  limiter.RecordSuccess("[::1]:2");
  limiter.RecordFailure("[::1]:3");
  CHECK(limiter.WaitFor("[::1]:4") == 0);
}

TEST_CASE("An hour without failures forgets them") {
  store::Millis now = 0;
  LoginLimiter limiter([&] { return now; });
  for (int i = 0; i < 8; ++i) limiter.RecordFailure("198.51.100.1:1");
  CHECK(limiter.WaitFor("198.51.100.1:1") > 0);
  now += LoginLimiter::kForgetAfter;
  CHECK(limiter.WaitFor("198.51.100.1:1") == 0);
  limiter.RecordFailure("198.51.100.1:1");  // counts from one again
  CHECK(limiter.WaitFor("198.51.100.1:1") == 0);
}

}  // namespace
}  // namespace tellal::web

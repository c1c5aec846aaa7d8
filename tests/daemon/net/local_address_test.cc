#include "daemon/net/local_address.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::net {
namespace {

TEST_CASE("IsLocalAddress knows loopback, unspecified and link-local literals", "[local_address]") {
  auto [ip, local] = GENERATE(table<std::string, bool>({
      {"127.0.0.1", true},
      {"127.255.3.4", true},
      {"0.0.0.0", true},
      {"169.254.169.254", true},  // cloud metadata
      {"::1", true},
      {"::", true},
      {"fe80::1", true},
      {"FE80::abcd", true},
      {"febf::1", true},
      {"::ffff:127.0.0.1", true},  // IPv4-mapped loopback
      {"::ffff:169.254.1.1", true},
      {"10.0.0.1", false},
      {"192.168.1.10", false},
      {"128.0.0.1", false},
      {"169.255.0.1", false},
      {"8.8.8.8", false},
      {"fec0::1", false},
      {"2001:db8::1", false},
      {"::ffff:8.8.8.8", false},
      {"localhost", false},  // a name, not a literal
      {"127.0.0.1.example.com", false},
      {"", false},
      {"[::1]", false},  // brackets belong to URLs, not addresses
  }));
  INFO(ip);
  CHECK(IsLocalAddress(ip) == local);
}

TEST_CASE("IsLocalHost adds the names that always mean loopback", "[local_address]") {
  auto [host, local] = GENERATE(table<std::string, bool>({
      {"localhost", true},
      {"LocalHost", true},
      {"localhost.", true},
      {"api.localhost", true},
      {"a.b.LOCALHOST.", true},
      {"127.0.0.1", true},
      {"::1", true},
      {"notlocalhost", false},
      {"localhost.example.com", false},
      {"example.com", false},
      {"10.1.2.3", false},
  }));
  INFO(host);
  CHECK(IsLocalHost(host) == local);
}

}  // namespace
}  // namespace tellal::net

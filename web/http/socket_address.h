// Numeric socket addresses for the HTTP server: the address to listen on,
// parsed from configuration, and peer addresses formatted for logs.
// Host names are refused rather than resolved: the daemon binds exactly the
// address it was configured with, never whatever a resolver returns today.
#ifndef TELLAL_WEB_HTTP_SOCKET_ADDRESS_H_
#define TELLAL_WEB_HTTP_SOCKET_ADDRESS_H_

#include <sys/socket.h>

#include <cstdint>
#include <string>

#include "modem/result.h"

namespace tellal::web {

struct ListenAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
  std::string display;  // "127.0.0.1:8080", "[::1]:8080"

  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
};

// `host` must be a numeric IPv4 address when !ipv6, a numeric IPv6 address
// (no brackets, no zone) when ipv6. Errors say what is wrong with the host,
// leaving the caller to name the address.
Result<ListenAddress> ParseListenAddress(const std::string& host, uint16_t port, bool ipv6);

// "host:port", or "[host]:port" for IPv6, as configured (not validated).
std::string DisplayAddress(const std::string& host, uint16_t port, bool ipv6);

// "a.b.c.d:port" or "[v6]:port"; "unknown" for a null or non-IP address.
std::string FormatSocketAddress(const sockaddr* address);

}  // namespace tellal::web

#endif  // TELLAL_WEB_HTTP_SOCKET_ADDRESS_H_

#include "web/http/socket_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace tellal::web {

std::string DisplayAddress(const std::string& host, uint16_t port, bool ipv6) {
  return ipv6 ? "[" + host + "]:" + std::to_string(port) : host + ":" + std::to_string(port);
}

Result<ListenAddress> ParseListenAddress(const std::string& host, uint16_t port, bool ipv6) {
  ListenAddress out;
  out.display = DisplayAddress(host, port, ipv6);
  if (ipv6) {
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(port);
    if (inet_pton(AF_INET6, host.c_str(), &a.sin6_addr) != 1) {
      in_addr v4{};
      if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
        return Error::InvalidArgument("host '" + host + "' is an IPv4 address, but ipv6 is set");
      }
      return Error::InvalidArgument("host '" + host + "' is not a numeric IPv6 address");
    }
    std::memcpy(&out.storage, &a, sizeof a);
    out.length = sizeof a;
  } else {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    if (inet_pton(AF_INET, host.c_str(), &a.sin_addr) != 1) {
      in6_addr v6{};
      if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
        return Error::InvalidArgument("host '" + host + "' is an IPv6 address, but ipv6 is not set");
      }
      return Error::InvalidArgument("host '" + host + "' is not a numeric IPv4 address");
    }
    std::memcpy(&out.storage, &a, sizeof a);
    out.length = sizeof a;
  }
  return out;
}

std::string FormatSocketAddress(const sockaddr* address) {
  if (address == nullptr) return "unknown";
  char text[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET) {
    sockaddr_in a;
    std::memcpy(&a, address, sizeof a);
    if (inet_ntop(AF_INET, &a.sin_addr, text, sizeof text) == nullptr) return "unknown";
    return std::string(text) + ":" + std::to_string(ntohs(a.sin_port));
  }
  if (address->sa_family == AF_INET6) {
    sockaddr_in6 a;
    std::memcpy(&a, address, sizeof a);
    if (inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text) == nullptr) return "unknown";
    return "[" + std::string(text) + "]:" + std::to_string(ntohs(a.sin6_port));
  }
  return "unknown";
}

}  // namespace tellal::web

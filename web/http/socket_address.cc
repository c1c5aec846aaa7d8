#include "web/http/socket_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace tellal::web {

std::string DisplayAddress(const std::string& host, uint16_t port, bool ipv6) {
  return ipv6 ? "[" + host + "]:" + std::to_string(port) : host + ":" + std::to_string(port);
}

namespace {

// Reads `host` as a numeric address of the family `ipv6` names into `addr`
// (an in_addr or in6_addr); the error names the other family when the host
// is one of those.
Status ReadHost(const std::string& host, bool ipv6, void* addr) {
  if (inet_pton(ipv6 ? AF_INET6 : AF_INET, host.c_str(), addr) == 1) return Status::Ok();
  const std::string family = ipv6 ? "IPv6" : "IPv4";
  in6_addr other{};  // room for either family
  if (inet_pton(ipv6 ? AF_INET : AF_INET6, host.c_str(), &other) == 1) {
    return Error::InvalidArgument("host '" + host + "' is an " + (ipv6 ? "IPv4" : "IPv6") + " address, but ipv6 is " +
                                  (ipv6 ? "set" : "not set"));
  }
  return Error::InvalidArgument("host '" + host + "' is not a numeric " + family + " address");
}

template <typename SockAddr>
void Store(const SockAddr& address, ListenAddress& out) {
  std::memcpy(&out.storage, &address, sizeof address);
  out.length = sizeof address;
}

}  // namespace

Result<ListenAddress> ParseListenAddress(const std::string& host, uint16_t port, bool ipv6) {
  ListenAddress out;
  out.display = DisplayAddress(host, port, ipv6);
  if (ipv6) {
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(port);
    if (Status read = ReadHost(host, true, &a.sin6_addr); !read) return read.error();
    Store(a, out);
  } else {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    if (Status read = ReadHost(host, false, &a.sin_addr); !read) return read.error();
    Store(a, out);
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

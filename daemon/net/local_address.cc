#include "daemon/net/local_address.h"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <string>

#include "modem/text/ascii.h"

namespace tellal::net {
namespace {

bool IsLocalIpv4(const std::array<std::uint8_t, 4>& a) {
  return a[0] == 127 || a[0] == 0 || (a[0] == 169 && a[1] == 254);
}

}  // namespace

bool IsLocalAddress(std::string_view ip) {
  const std::string text(ip);
  std::array<std::uint8_t, 4> v4{};
  if (inet_pton(AF_INET, text.c_str(), v4.data()) == 1) return IsLocalIpv4(v4);
  std::array<std::uint8_t, 16> v6{};
  if (inet_pton(AF_INET6, text.c_str(), v6.data()) != 1) return false;
  bool zero_prefix = true;  // the first 80 bits
  for (int i = 0; i < 10; ++i) zero_prefix = zero_prefix && v6[i] == 0;
  if (zero_prefix && v6[10] == 0xff && v6[11] == 0xff) {
    return IsLocalIpv4({v6[12], v6[13], v6[14], v6[15]});  // ::ffff:a.b.c.d
  }
  bool zero_until_last = zero_prefix && v6[10] == 0 && v6[11] == 0 && v6[12] == 0 && v6[13] == 0 && v6[14] == 0;
  if (zero_until_last && v6[15] <= 1) return true;  // :: and ::1
  return v6[0] == 0xfe && (v6[1] & 0xc0) == 0x80;   // fe80::/10
}

bool IsLocalHost(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  const std::string lower = text::ToLowerAscii(host);
  if (lower == "localhost" || lower.ends_with(".localhost")) return true;
  return IsLocalAddress(host);
}

}  // namespace tellal::net

// Whether a host names this machine or its link: the targets a delivery
// report callback must not reach unless the operator allows it, since a
// callback to the daemon's own /cgi-bin/sendsms would send SMS in a loop,
// and link-local addresses reach cloud metadata and neighbour devices.
//
// Pure functions.
#ifndef TELLAL_DAEMON_NET_LOCAL_ADDRESS_H_
#define TELLAL_DAEMON_NET_LOCAL_ADDRESS_H_

#include <string_view>

namespace tellal::net {

// An IP address literal (IPv4 dotted quad, or IPv6 without brackets) in a
// loopback (127.0.0.0/8, ::1), unspecified (0.0.0.0/8, ::) or link-local
// (169.254.0.0/16, fe80::/10) range, IPv4-mapped IPv6 forms included.
// False for anything that is not an address literal.
bool IsLocalAddress(std::string_view ip);

// IsLocalAddress, or the name "localhost" or a name under ".localhost."
// (RFC 6761: they always resolve to loopback), in any letter case.
bool IsLocalHost(std::string_view host);

}  // namespace tellal::net

#endif  // TELLAL_DAEMON_NET_LOCAL_ADDRESS_H_

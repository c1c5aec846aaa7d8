// One HTTP exchange as plain values, shared by the blocking and the
// asynchronous client (both on libcurl).
#ifndef TELLAL_DAEMON_NET_HTTP_MESSAGE_H_
#define TELLAL_DAEMON_NET_HTTP_MESSAGE_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tellal::net {

// Header fields in order. Names compare case-insensitively (FindHeader).
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// The value of the first field named `name` (ASCII case-insensitive).
std::optional<std::string> FindHeader(const HttpHeaders& headers, std::string_view name);

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute; credentials in it are sent as basic authorisation
  HttpHeaders headers;
  std::string body;  // sent with Content-Length; POST, PUT and PATCH always carry one
};

// Limits and manners of one transfer.
struct HttpTransferOptions {
  // Establishing the TCP connection (over every address the host resolves to).
  std::chrono::milliseconds connect_timeout{5000};
  // The whole exchange, connecting included.
  std::chrono::milliseconds timeout{30000};
  // Keep the connection for the next request when the server allows it;
  // false sends "Connection: close" and never reuses a connection.
  bool keep_alive = true;
  // A longer body ends the transfer there (HttpReply::body_truncated).
  std::size_t max_body_bytes = std::size_t{64} << 20;
  std::string user_agent;  // empty: "tellal/<version>"
  // false: the request is not sent when the address connected to is
  // loopback, unspecified or link-local (net::IsLocalAddress) — checked on
  // the address actually used, so a name that resolves there is caught too.
  bool allow_local_targets = true;
  // PEM file of the certificate authorities https servers are checked
  // against; empty: the system's.
  std::string ca_file;
};

struct HttpReply {
  int status = 0;
  HttpHeaders headers;  // of the final response, as received
  std::string body;     // with the transfer coding removed
  // The body went past max_body_bytes: `body` holds the first part and the
  // transfer was cut off there.
  bool body_truncated = false;

  std::optional<std::string> Header(std::string_view name) const { return FindHeader(headers, name); }
};

}  // namespace tellal::net

#endif  // TELLAL_DAEMON_NET_HTTP_MESSAGE_H_

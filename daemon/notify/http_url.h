// The small part of HTTP/1.1 a delivery-report call needs, as pure
// functions: parsing an http:// URL, writing the GET request, reading the
// status line and the few headers that say where the response ends.
//
// Pure: no I/O, no logging.
#ifndef TELLAL_DAEMON_NOTIFY_HTTP_URL_H_
#define TELLAL_DAEMON_NOTIFY_HTTP_URL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "modem/result.h"

namespace tellal::notify {

struct HttpUrl {
  std::string host;  // an IPv6 literal without its brackets
  std::uint16_t port = 80;
  std::string target;    // path and query as sent in the request line; "/" at least
  std::string userinfo;  // "user:password", percent-decoded; empty when none
  std::string path;      // target without the query, for log lines

  // The Host header's value: brackets around IPv6, the port unless 80.
  std::string HostHeader() const;
  // "http://host[:port]/path": no credentials, no query, which may hold
  // secrets (Kannel users put passwords and tokens there).
  std::string ForLog() const;
};

// Accepts http://[userinfo@]host[:port][/path][?query][#fragment]; the
// scheme is case-insensitive, the fragment is dropped. Bytes a request line
// cannot carry (spaces, controls, non-ASCII, "<>\^`{|}) are percent-encoded
// in the target; existing %XX escapes are kept. https:// is refused with an
// error saying so.
Result<HttpUrl> ParseHttpUrl(std::string_view url);

// UrlForLog for a URL ParseHttpUrl may have rejected: cut at '?' or '#',
// credentials before '@' removed.
std::string UrlForLog(std::string_view url);

// "GET <target> HTTP/1.1" with Host, User-Agent, Connection: close and, when
// the URL has credentials, basic authorisation, as Kannel's HTTP client
// sends for user:password@host.
std::string FormatGetRequest(const HttpUrl& url, std::string_view user_agent);

struct ResponseHead {
  int status = 0;
  std::size_t head_size = 0;  // bytes up to and including the blank line
  // Body length when Content-Length says so and no transfer coding is used;
  // otherwise the body ends when the connection closes.
  std::optional<std::size_t> content_length;
};

// Reads the status line and headers at the start of `bytes`. Returns
// std::nullopt inside the Result while the blank line ending the head has
// not arrived yet; an error when what arrived is not an HTTP/1.x response.
Result<std::optional<ResponseHead>> ParseResponseHead(std::string_view bytes);

// RFC 4648 base64 with padding, for the Authorization header.
std::string Base64(std::string_view bytes);

}  // namespace tellal::notify

#endif  // TELLAL_DAEMON_NOTIFY_HTTP_URL_H_

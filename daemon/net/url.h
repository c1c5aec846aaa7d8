// URLs through libcurl's URL API: parsing, percent-encoding, and the form of
// a URL that is safe to log.
#ifndef TELLAL_DAEMON_NET_URL_H_
#define TELLAL_DAEMON_NET_URL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "modem/result.h"

namespace tellal::net {

struct Url {
  std::string scheme;      // lower case: "http"
  std::string host;        // an IPv6 literal without its brackets
  std::uint16_t port = 0;  // as written, else the scheme's default
  bool explicit_port = false;
  std::string path;   // percent-encoded; "/" at least
  std::string query;  // percent-encoded, without '?'; empty when none
  std::string user;   // percent-decoded; empty when none
  bool has_credentials = false;
  // The whole URL, normalised by curl, with bytes a request line cannot
  // carry (spaces, non-ASCII) percent-encoded; what a client should request.
  std::string normalized;

  // "http://host[:port]/path": no credentials, no query (Kannel users put
  // passwords and tokens there), the port only when it was written.
  std::string ForLog() const;
};

// An absolute URL (scheme://host...). Spaces and non-ASCII bytes are
// accepted and percent-encoded; the fragment is dropped. Errors say what is
// wrong without repeating the URL, which may hold secrets.
Result<Url> ParseUrl(std::string_view text);

// Every byte but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~)
// percent-encoded, for one path segment or query value ("+90..." must not
// turn into " 90..."). PercentEncode and PercentDecode throw
// std::runtime_error when libcurl cannot be loaded (curl_library.h); ParseUrl
// returns that as its error.
std::string PercentEncode(std::string_view value);

// Undoes PercentEncode: "%2B90" -> "+90". With `plus_is_space`, '+' reads
// as a space first, as in HTML forms and Kannel's URLs.
std::string PercentDecode(std::string_view value, bool plus_is_space = false);

// ForLog for a URL ParseUrl may have refused: cut at '?' or '#', credentials
// before '@' removed.
std::string UrlForLog(std::string_view url);

}  // namespace tellal::net

#endif  // TELLAL_DAEMON_NET_URL_H_

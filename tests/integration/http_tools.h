// HTTP pieces the API tests need beyond DaemonHarness' client: a raw
// exchange for requests no well-behaved client makes (a chunked upload that
// outgrows the limit, a body announced but never sent), and query helpers.
// A server that records the daemon's own requests (Kannel delivery-report
// URLs) is tests/support/test_http_server.h.
#ifndef TELLAL_TESTS_INTEGRATION_HTTP_TOOLS_H_
#define TELLAL_TESTS_INTEGRATION_HTTP_TOOLS_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tellal::integration {

// Connects to 127.0.0.1:`port`, writes `request` (as much as the server
// takes: a server that answers early and closes may leave the rest unsent),
// and returns the bytes received until a whole response with a
// Content-Length is in, the server closes the connection, or `timeout`
// passes. Throws when it cannot connect.
std::string RawHttpExchange(uint16_t port, std::string_view request,
                            std::chrono::milliseconds timeout = std::chrono::seconds(10));

// A loopback port nobody listens on right now (bound, read, closed); another
// process may still take it before the caller binds it.
uint16_t FreeLoopbackPort();

// The status code of a raw HTTP response ("HTTP/1.1 413 ..."), 0 if none.
int RawStatus(std::string_view response);
// The body of a raw HTTP response (after the blank line), as sent.
std::string RawBody(std::string_view response);

// "a=1&b=%2B90" -> {"a": "1", "b": "+90"} for one query string (no '?').
// '+' decodes to a space, as in HTML forms and Kannel's URLs.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);
// The value of `name` in the query part of `target`, or "" when absent.
std::string QueryValue(std::string_view target, std::string_view name);

// Whether `text` is an RFC 3339 time stamp as the API writes it:
// "2026-11-23T17:05:00.123+03:00" (milliseconds and a numeric offset).
bool IsApiTimestamp(const std::string& text);

}  // namespace tellal::integration

#endif  // TELLAL_TESTS_INTEGRATION_HTTP_TOOLS_H_

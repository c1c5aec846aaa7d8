// HTTP pieces the API tests need beyond DaemonHarness' client: a raw
// exchange for requests that client cannot make (a chunked upload, a body
// announced but never sent), and a small HTTP listener that records the
// requests the daemon makes to it (Kannel delivery-report URLs).
#ifndef TELLAL_TESTS_INTEGRATION_HTTP_TOOLS_H_
#define TELLAL_TESTS_INTEGRATION_HTTP_TOOLS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
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

// An HTTP/1.1 server on 127.0.0.1 (a free port) that answers every request
// 200 with an empty body and remembers its request target
// ("/dlr?type=1&..."). Serves on its own thread until destroyed.
class RecordingHttpServer {
 public:
  RecordingHttpServer();
  ~RecordingHttpServer();
  RecordingHttpServer(const RecordingHttpServer&) = delete;
  RecordingHttpServer& operator=(const RecordingHttpServer&) = delete;

  uint16_t port() const { return port_; }
  // The request targets received so far, in order of arrival.
  std::vector<std::string> Targets() const;

 private:
  void Serve();
  void HandleConnection(int fd);

  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<std::string> targets_;  // guarded by mutex_
  std::thread thread_;
};

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

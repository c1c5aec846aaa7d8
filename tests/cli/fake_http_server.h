// A loopback HTTP/1.1 server for the CLI's tests: listens on 127.0.0.1 with
// an ephemeral port, answers each request with what a handler returns, and
// records every request so a test can check what the client sent (method,
// target, headers, body, and which connection it came on).
//
// One thread serves all connections with poll(), so a client that keeps a
// connection open never blocks another. The handler runs on that thread;
// requests() and connections() may be called from the test's thread at any
// time.
#ifndef TELLAL_TESTS_CLI_FAKE_HTTP_SERVER_H_
#define TELLAL_TESTS_CLI_FAKE_HTTP_SERVER_H_

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace tellal::cli::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct RecordedRequest {
  std::string method;
  std::string target;  // as sent: "/api/v1/inbox?limit=5"
  std::string path;    // target without the query
  std::string query;   // after '?', "" when none
  Headers headers;
  std::string body;
  int connection = 0;  // 1 for the first accepted connection, 2 for the next, ...

  // First header of that name, ASCII case-insensitive.
  std::optional<std::string> Header(const std::string& name) const;
  // A query parameter's raw (still percent-encoded) value.
  std::optional<std::string> Param(const std::string& name) const;
};

struct CannedReply {
  int status = 200;
  std::string body;
  Headers headers;            // Content-Type: application/json is added when absent
  bool chunked = false;       // send the body in chunks of 7 bytes instead of Content-Length
  bool end_by_close = false;  // no length at all: the body ends when the server closes
  bool close = false;         // "Connection: close", then close
  bool drop_after = false;    // claim keep-alive but close right after the reply (an idle timeout)
};

// A JSON reply with `status` and `body`, the usual case.
inline CannedReply Reply(int status, std::string body) {
  CannedReply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

class FakeHttpServer {
 public:
  using Handler = std::function<CannedReply(const RecordedRequest&)>;

  // Starts listening and serving; throws std::runtime_error when it cannot.
  explicit FakeHttpServer(Handler handler);
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::vector<RecordedRequest> requests() const;
  int connections() const;         // accepted so far
  int closed_connections() const;  // closed by either side so far

 private:
  struct Connection {
    int fd;
    int number;
    std::string buffer;
  };

  void Serve();
  // Answers every complete request in c.buffer; false when c is to be closed.
  bool HandleInput(Connection& c);
  static bool SendAll(int fd, const std::string& data);

  Handler handler_;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  int connections_ = 0;
  int closed_ = 0;
  std::thread thread_;
};

// A TCP port on 127.0.0.1 where nothing listens: bound (so no one else gets
// it while the object lives) but not listening, so a connect is refused.
class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

// A listening socket that never accepts: the kernel completes the
// handshake, then nothing ever answers. For read timeouts.
class SilentListener {
 public:
  SilentListener();
  ~SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace tellal::cli::testing

#endif  // TELLAL_TESTS_CLI_FAKE_HTTP_SERVER_H_

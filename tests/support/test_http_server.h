// A loopback HTTP/1.1 server for tests, on the daemon's own libmicrohttpd
// wrapper (web/http/http_server.h): listens on 127.0.0.1 with an ephemeral
// port, answers each request with what a handler returns, and records every
// request so a test can check what a client sent (method, target, headers,
// body, and which connection it came on).
//
// Threading: libmicrohttpd serves each connection on its own thread and the
// handler runs there, so handlers that touch the test's state lock it.
// requests(), connections() and held() may be called from any thread.
// A reply marked `hold` is sent only once Release() is called or the server
// is destroyed (which releases every held request first): the way to make a
// client wait for an answer that does not come.
#ifndef TELLAL_TESTS_SUPPORT_TEST_HTTP_SERVER_H_
#define TELLAL_TESTS_SUPPORT_TEST_HTTP_SERVER_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tellal::web {
class HttpServer;
}

namespace tellal::testing {

struct RecordedRequest {
  std::string method;
  std::string target;                          // as sent, still percent-encoded: "/api/v1/inbox?limit=5"
  std::string path;                            // target without the query
  std::string query;                           // after '?', "" when none
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  int connection = 0;  // 1 for the first connection seen, 2 for the next, ...

  // The header's value; `name` in any case.
  std::optional<std::string> Header(const std::string& name) const;
  // A query parameter's raw (still percent-encoded) value.
  std::optional<std::string> Param(const std::string& name) const;
};

struct ScriptedReply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;  // "Connection: close": the server closes after the reply
  bool hold = false;   // sent only after Release() or when the server stops
};

// A JSON reply with `status` and `body`, the usual case.
inline ScriptedReply Reply(int status, std::string body) {
  ScriptedReply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

class TestHttpServer {
 public:
  using Handler = std::function<ScriptedReply(const RecordedRequest&)>;

  // Starts listening and serving; throws std::runtime_error when it cannot.
  // With a certificate and key (PEM), it serves HTTPS only.
  explicit TestHttpServer(Handler handler, std::string tls_cert_pem = "", std::string tls_key_pem = "");
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  std::uint16_t port() const;
  std::string url() const { return (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port()); }
  // url() followed by `target`.
  std::string Url(const std::string& target) const { return url() + target; }

  std::vector<RecordedRequest> requests() const;
  int connections() const;   // distinct connections that sent a request
  std::size_t held() const;  // requests waiting for Release()

  // Sends every held reply.
  void Release();

 private:
  struct State {
    mutable std::mutex mutex;
    std::condition_variable released_cv;
    std::vector<RecordedRequest> requests;
    std::map<std::string, int> connection_by_peer;
    std::size_t held = 0;
    std::uint64_t release_generation = 0;
    bool stopping = false;
  };

  std::shared_ptr<State> state_;
  bool tls_ = false;
  std::unique_ptr<web::HttpServer> server_;
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

}  // namespace tellal::testing

#endif  // TELLAL_TESTS_SUPPORT_TEST_HTTP_SERVER_H_

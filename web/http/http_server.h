// HttpServer: a small HTTP/1.1 (optionally HTTPS) server on libmicrohttpd.
// It parses requests into HttpRequest, calls one handler, and sends back the
// HttpResponse; routing and JSON belong to the API layer above it.
//
// Threading: every connection gets its own libmicrohttpd thread, and the
// handler runs on it, so a handler may block (for the daemon's io thread, for
// a group commit) while other requests are in their handlers at the same
// time. The handler must therefore be safe to call concurrently. Keep-alive
// connections are served one request after another on the same thread.
//
// Limits: a body longer than max_body_bytes (or its path's entry in
// body_limits) (announced by Content-Length or
// found while reading a chunked body) is answered 413 with
// {"error":{"code":"payload_too_large",...}} without calling the handler and
// without buffering more of it; a chunked upload that keeps going for another
// max(max_body_bytes, 1 MiB) after the limit is cut off without an answer.
// At most connection_limit connections are open at once, and at most
// per_client_connection_limit from one client address; one idle for
// connection_timeout_seconds (while no handler runs for it) is closed. A
// request must arrive whole — request line, headers and body — within
// request_timeout_seconds of the connection opening or of the previous
// response on it; otherwise the connection is cut without an answer. This is
// a total deadline, not reset by each byte, so a client that trickles a
// request cannot hold a connection thread for ever.
//
// Screening: `screen`, when set, sees every request once its headers have
// arrived and before any body byte is read (its body is empty). A response it
// returns is sent at once and the body is never read (libmicrohttpd skips
// "100 Continue" and closes the connection after the answer): this is where
// credentials are checked, so an unauthenticated client cannot make the
// server buffer a body. Without a response the request goes on to the
// handler as usual. It runs on the connection's thread, like the handler.
//
// Errors: a handler that throws (it should not) gets its request answered
// 500 {"error":{"code":"internal",...}}; the exception text goes to the log,
// never to the client. A response the server cannot send (status outside
// 200..599, a header libmicrohttpd refuses) is answered 500 the same way.
//
// Lifetime: Start() serves until the HttpServer is destroyed. The destructor
// closes every connection and waits for handlers in progress to return, so
// no handler runs once it returns, and a handler that never returns keeps it
// waiting: unblock them first. The handler and the log sink are owned by the
// server. Destroy it from any thread except a handler's.
#ifndef TELLAL_WEB_HTTP_HTTP_SERVER_H_
#define TELLAL_WEB_HTTP_HTTP_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modem/result.h"
#include "web/http/http_types.h"

namespace tellal::web {

struct HttpServerOptions {
  std::string host = "127.0.0.1";  // numeric address; host names are refused
  uint16_t port = 8080;            // 0: any free port, see HttpServer::port()
  bool ipv6 = false;               // host is an IPv6 address (IPv6 only, no dual stack)
  // PEM contents, not paths. Both set: HTTPS only (GnuTLS); both empty: HTTP.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  std::size_t max_body_bytes = 4 * 1024 * 1024;
  // Paths (exact, without the query) whose bodies have their own limit
  // instead of max_body_bytes: a bulk upload such as a contacts CSV.
  std::vector<std::pair<std::string, std::size_t>> body_limits;
  unsigned connection_limit = 256;            // at least 1
  unsigned connection_timeout_seconds = 30;   // 0: never time out idle connections
  unsigned per_client_connection_limit = 32;  // 0: only connection_limit applies
  unsigned request_timeout_seconds = 30;      // 0: no total deadline
  // The nice value of the threads that serve connections (0..19, never
  // below the process's own): a flood of requests then cannot take the
  // CPU from the thread they hand their work to (the daemon's io thread,
  // which also drives the modems). 0: the process's priority.
  int worker_nice = 0;
  std::function<std::optional<HttpResponse>(const HttpRequest&)> screen;
  // libmicrohttpd's own complaints and handler exceptions, one line each,
  // called from server threads (concurrently). Empty: written to stderr.
  std::function<void(std::string_view)> log;
};

class HttpServer {
 public:
  // Listens on the address and serves at once. Errors name the address and
  // the reason: a host that is not a numeric address, a port in use, a TLS
  // certificate or key GnuTLS cannot load.
  static Result<std::unique_ptr<HttpServer>> Start(HttpServerOptions options, HttpHandler handler);

  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The bound port (the one picked by the system when options.port was 0).
  uint16_t port() const;

  struct Impl;  // libmicrohttpd's callbacks reach the state through it

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
};

}  // namespace tellal::web

#endif  // TELLAL_WEB_HTTP_HTTP_SERVER_H_

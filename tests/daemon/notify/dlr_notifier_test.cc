#include "daemon/notify/dlr_notifier.h"

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/run_io_until.h"

namespace tellal::notify {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;
using std::chrono::milliseconds;
using tellal::testing::RunIoUntil;

constexpr milliseconds kWait{5000};

enum class Reply { k200, k200NoLength, k100Then200, k404, k500, kGarbage, kNever };

// An HTTP server on 127.0.0.1 sharing the test's io_context: records each
// request's head and answers it as the script says, one connection per
// request (the notifier sends Connection: close).
class TinyHttpServer {
 public:
  explicit TinyHttpServer(asio::io_context& io, std::vector<Reply> script = {}, Reply then = Reply::k200)
      : io_(io),
        acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        script_(std::move(script)),
        then_(then) {
    Accept();
  }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::string Url(const std::string& target) const { return "http://127.0.0.1:" + std::to_string(port()) + target; }

  std::vector<std::string> heads;  // each request head, in arrival order
  std::vector<std::string> request_lines;
  std::vector<std::chrono::steady_clock::time_point> arrivals;
  int peer_closed = 0;  // unanswered connections the client closed

 private:
  struct Connection {
    explicit Connection(asio::io_context& io) : socket(io) {}
    tcp::socket socket;
    std::string buffer;
    std::string reply;
    char byte = 0;
  };

  void Accept() {
    auto conn = std::make_shared<Connection>(io_);
    acceptor_.async_accept(conn->socket, [this, conn](const error_code& ec) {
      if (ec) return;
      ReadHead(conn);
      Accept();
    });
  }

  void ReadHead(const std::shared_ptr<Connection>& conn) {
    asio::async_read_until(conn->socket, asio::dynamic_buffer(conn->buffer), "\r\n\r\n",
                           [this, conn](const error_code& ec, std::size_t n) {
                             if (ec) return;
                             const std::string head = conn->buffer.substr(0, n);
                             heads.push_back(head);
                             request_lines.push_back(head.substr(0, head.find("\r\n")));
                             arrivals.push_back(std::chrono::steady_clock::now());
                             const std::size_t i = heads.size() - 1;
                             Answer(conn, i < script_.size() ? script_[i] : then_);
                           });
  }

  void Answer(const std::shared_ptr<Connection>& conn, Reply reply) {
    switch (reply) {
      case Reply::k200:
        conn->reply = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nOK\n";
        break;
      case Reply::k200NoLength:
        conn->reply = "HTTP/1.0 200 OK\r\n\r\nthe body ends when the connection does";
        break;
      case Reply::k100Then200:
        conn->reply = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        break;
      case Reply::k404:
        conn->reply = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        break;
      case Reply::k500:
        conn->reply = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\noops";
        break;
      case Reply::kGarbage:
        conn->reply = "<html>not http</html>\r\n\r\n";
        break;
      case Reply::kNever:
        // Wait for the client to give up; a read ends with EOF when it closes.
        asio::async_read(conn->socket, asio::buffer(&conn->byte, 1), [this, conn](const error_code& ec, std::size_t) {
          if (ec) ++peer_closed;
        });
        return;
    }
    asio::async_write(conn->socket, asio::buffer(conn->reply), [conn](const error_code&, std::size_t) {
      error_code ignored;
      conn->socket.shutdown(tcp::socket::shutdown_both, ignored);
      conn->socket.close(ignored);
    });
  }

  asio::io_context& io_;
  tcp::acceptor acceptor_;
  std::vector<Reply> script_;
  Reply then_;
};

// Log lines go to a string the test can search.
struct CapturedLog {
  std::ostringstream text;
  std::shared_ptr<spdlog::logger> logger;
  CapturedLog() {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(text);
    logger = std::make_shared<spdlog::logger>("dlr-test", sink);
    logger->set_level(spdlog::level::trace);
  }
  std::string str() const { return text.str(); }
};

struct Fixture {
  asio::io_context io;
  CapturedLog log;
  std::vector<NotifyOutcome> done;

  DlrNotifierOptions Options() {
    DlrNotifierOptions o;
    o.request_timeout = milliseconds(300);
    o.initial_backoff = milliseconds(10);
    o.max_backoff = milliseconds(1000);
    o.max_attempts = 3;
    o.logger = log.logger;
    o.on_done = [this](const NotifyOutcome& outcome) { done.push_back(outcome); };
    return o;
  }

  bool WaitForDone(std::size_t n) {
    return RunIoUntil(
        io, [&] { return done.size() >= n; }, kWait);
  }
  // Runs handlers for a while to show something does NOT happen.
  void RunFor(milliseconds d) {
    (void)RunIoUntil(
        io, [] { return false; }, d);
  }
};

// A port nobody listens on: bound once to learn a free number, then closed.
unsigned short ClosedPort(asio::io_context& io) {
  tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const unsigned short port = a.local_endpoint().port();
  a.close();
  return port;
}

long Elapsed(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return static_cast<long>(std::chrono::duration_cast<milliseconds>(to - from).count());
}

TEST_CASE("A 200 answer completes in one attempt; the server sees a proper GET", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io);
  DlrNotifier notifier(f.io, f.Options());
  const std::string url = server.Url("/dlr?id=42&status=1&to=%2B905321234567&answer=Delivered+to+phone");
  notifier.Notify(url);
  CHECK(notifier.Pending() == 1);
  CHECK(f.done.empty());  // never from inside Notify

  REQUIRE(f.WaitForDone(1));
  const NotifyOutcome& o = f.done[0];
  CHECK(o.url == url);
  CHECK(o.ok);
  CHECK(o.http_status == 200);
  CHECK(o.attempts == 1);
  CHECK(o.error.empty());
  CHECK(notifier.Pending() == 0);
  CHECK(notifier.in_flight() == 0);

  REQUIRE(server.request_lines.size() == 1);
  CHECK(server.request_lines[0] == "GET /dlr?id=42&status=1&to=%2B905321234567&answer=Delivered+to+phone HTTP/1.1");
  CHECK_THAT(server.heads[0], Catch::Contains("\r\nHost: 127.0.0.1:" + std::to_string(server.port()) + "\r\n"));
  CHECK_THAT(server.heads[0], Catch::Contains("\r\nConnection: close\r\n"));
  CHECK_THAT(server.heads[0], Catch::Contains("\r\nUser-Agent: tellal/"));
}

TEST_CASE("Answers the notifier accepts as success", "[dlr_notifier]") {
  const Reply reply = GENERATE(Reply::k200NoLength, Reply::k100Then200);
  Fixture f;
  TinyHttpServer server(f.io, {reply});
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify(server.Url("/x"));
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  CHECK(f.done[0].http_status == 200);
  CHECK(f.done[0].attempts == 1);
}

TEST_CASE("A 500 is retried and the retry's 200 succeeds", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io, {Reply::k500});
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify(server.Url("/dlr?token=hunter2"));
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  CHECK(f.done[0].http_status == 200);
  CHECK(f.done[0].attempts == 2);
  REQUIRE(server.request_lines.size() == 2);
  CHECK(server.request_lines[0] == server.request_lines[1]);

  const std::string log = f.log.str();
  CHECK_THAT(log, Catch::Contains("dlr-url http://127.0.0.1:" + std::to_string(server.port()) +
                                  "/dlr: attempt 1/3 failed: HTTP 500; retrying in 10 ms"));
  CHECK_THAT(log, !Catch::Contains("hunter2"));
}

TEST_CASE("A server that never answers times out and the retry succeeds", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io, {Reply::kNever});
  DlrNotifier notifier(f.io, f.Options());
  const auto start = std::chrono::steady_clock::now();
  notifier.Notify(server.Url("/slow"));
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  CHECK(f.done[0].attempts == 2);
  REQUIRE(server.arrivals.size() == 2);
  CHECK(Elapsed(start, server.arrivals[1]) >= 300 + 10);
  CHECK(server.peer_closed == 1);  // the timed-out connection was closed, not leaked
  CHECK_THAT(f.log.str(), Catch::Contains("no response within 300 ms"));
}

TEST_CASE("A refused connection is retried with back-off, then given up", "[dlr_notifier]") {
  Fixture f;
  auto options = f.Options();
  options.initial_backoff = milliseconds(20);
  DlrNotifier notifier(f.io, options);
  const auto start = std::chrono::steady_clock::now();
  notifier.Notify("http://127.0.0.1:" + std::to_string(ClosedPort(f.io)) + "/dlr?x=1");
  REQUIRE(f.WaitForDone(1));
  CHECK(Elapsed(start, std::chrono::steady_clock::now()) >= 20 + 40);
  const NotifyOutcome& o = f.done[0];
  CHECK_FALSE(o.ok);
  CHECK(o.attempts == 3);
  CHECK(o.http_status == 0);
  CHECK_THAT(o.error, Catch::Contains("cannot connect"));
  CHECK(notifier.Pending() == 0);

  const std::string log = f.log.str();
  CHECK_THAT(log, Catch::Contains("attempt 1/3 failed: cannot connect"));
  CHECK_THAT(log, Catch::Contains("retrying in 20 ms"));
  CHECK_THAT(log, Catch::Contains("retrying in 40 ms"));
  CHECK_THAT(log, Catch::Contains("attempt 3/3 failed: cannot connect"));
  CHECK_THAT(log, Catch::Contains("giving up"));
}

TEST_CASE("The back-off doubles between attempts", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io, {Reply::k500, Reply::k500, Reply::k500});
  auto options = f.Options();
  options.max_attempts = 4;
  options.initial_backoff = milliseconds(30);
  DlrNotifier notifier(f.io, options);
  notifier.Notify(server.Url("/x"));
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  CHECK(f.done[0].attempts == 4);
  REQUIRE(server.arrivals.size() == 4);
  CHECK(Elapsed(server.arrivals[0], server.arrivals[1]) >= 30);
  CHECK(Elapsed(server.arrivals[1], server.arrivals[2]) >= 60);
  CHECK(Elapsed(server.arrivals[2], server.arrivals[3]) >= 120);
}

TEST_CASE("The back-off stops growing at max_backoff", "[dlr_notifier]") {
  Fixture f;
  auto options = f.Options();
  options.max_attempts = 5;
  options.initial_backoff = milliseconds(10);
  options.max_backoff = milliseconds(25);
  DlrNotifier notifier(f.io, options);
  notifier.Notify("http://127.0.0.1:" + std::to_string(ClosedPort(f.io)) + "/");
  REQUIRE(f.WaitForDone(1));
  const std::string log = f.log.str();
  CHECK_THAT(log, Catch::Contains("attempt 1/5 failed: cannot connect: Connection refused; retrying in 10 ms"));
  CHECK_THAT(log, Catch::Contains("attempt 2/5 failed: cannot connect: Connection refused; retrying in 20 ms"));
  CHECK_THAT(log, Catch::Contains("attempt 3/5 failed: cannot connect: Connection refused; retrying in 25 ms"));
  CHECK_THAT(log, Catch::Contains("attempt 4/5 failed: cannot connect: Connection refused; retrying in 25 ms"));
}

TEST_CASE("A 404 is final: one attempt, no retry", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io, {Reply::k404});
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify(server.Url("/gone"));
  REQUIRE(f.WaitForDone(1));
  CHECK_FALSE(f.done[0].ok);
  CHECK(f.done[0].http_status == 404);
  CHECK(f.done[0].attempts == 1);
  CHECK(f.done[0].error == "HTTP 404");
  f.RunFor(milliseconds(50));
  CHECK(server.request_lines.size() == 1);
  CHECK_THAT(f.log.str(), Catch::Contains("/gone: HTTP 404; not retried"));
}

TEST_CASE("A response that is not HTTP counts as a failed attempt", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io, {Reply::kGarbage});
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify(server.Url("/x"));
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  CHECK(f.done[0].attempts == 2);
  CHECK_THAT(f.log.str(), Catch::Contains("bad response: malformed status line '<html>not http</html>'"));
}

TEST_CASE("https and malformed URLs are dropped with a log line and no connection", "[dlr_notifier]") {
  auto [url, logged, reason] = GENERATE(table<std::string, std::string, std::string>({
      {"https://127.0.0.1:{port}/dlr?token=s3cret", "https://127.0.0.1:{port}/dlr", "https is not supported"},
      {"http://127.0.0.1:99999/dlr?token=s3cret", "http://127.0.0.1:99999/dlr", "port '99999'"},
      {"mailto:someone?token=s3cret", "mailto:someone", "not an absolute http:// URL"},
  }));
  Fixture f;
  TinyHttpServer server(f.io);
  DlrNotifier notifier(f.io, f.Options());
  auto with_port = [&](std::string s) {
    const auto at = s.find("{port}");
    if (at != std::string::npos) s.replace(at, 6, std::to_string(server.port()));
    return s;
  };
  notifier.Notify(with_port(url));
  CHECK(notifier.Pending() == 0);
  CHECK(f.done.empty());
  REQUIRE(f.WaitForDone(1));
  CHECK_FALSE(f.done[0].ok);
  CHECK(f.done[0].attempts == 0);
  CHECK_THAT(f.done[0].error, Catch::Contains(reason));
  f.RunFor(milliseconds(30));
  CHECK(server.heads.empty());
  const std::string log = f.log.str();
  CHECK_THAT(log, Catch::Contains("dlr-url " + with_port(logged) + ": "));
  CHECK_THAT(log, Catch::Contains(reason));
  CHECK_THAT(log, Catch::Contains("dropped"));
  CHECK_THAT(log, !Catch::Contains("s3cret"));
}

TEST_CASE("Credentials in the URL become basic authorisation and stay out of the log", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io, {Reply::k500});
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify("http://app:s3cret@127.0.0.1:" + std::to_string(server.port()) + "/dlr");
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  REQUIRE_FALSE(server.heads.empty());
  CHECK_THAT(server.heads[0], Catch::Contains("\r\nAuthorization: Basic YXBwOnMzY3JldA==\r\n"));
  CHECK_THAT(f.log.str(), Catch::Contains("HTTP 500"));
  CHECK_THAT(f.log.str(), !Catch::Contains("s3cret"));
}

TEST_CASE("A hostname is resolved with the asynchronous resolver", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io);
  DlrNotifier notifier(f.io, f.Options());
  // localhost may resolve to ::1 first, where nobody listens; the next
  // address must then be tried within the same attempt.
  notifier.Notify("http://localhost:" + std::to_string(server.port()) + "/dlr");
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  CHECK(f.done[0].attempts == 1);
  REQUIRE(server.heads.size() == 1);
  CHECK_THAT(server.heads[0], Catch::Contains("\r\nHost: localhost:" + std::to_string(server.port()) + "\r\n"));
}

TEST_CASE("No more than max_in_flight requests run at once", "[dlr_notifier]") {
  SECTION("a server that never answers holds exactly that many connections") {
    Fixture f;
    TinyHttpServer server(f.io, {}, Reply::kNever);
    auto options = f.Options();
    options.max_in_flight = 2;
    options.request_timeout = milliseconds(10'000);
    DlrNotifier notifier(f.io, options);
    for (int i = 0; i < 5; ++i) notifier.Notify(server.Url("/n" + std::to_string(i)));
    REQUIRE(RunIoUntil(
        f.io, [&] { return server.heads.size() == 2; }, kWait));
    f.RunFor(milliseconds(100));
    CHECK(server.heads.size() == 2);
    CHECK(notifier.in_flight() == 2);
    CHECK(notifier.Pending() == 5);
    CHECK(server.request_lines == std::vector<std::string>{"GET /n0 HTTP/1.1", "GET /n1 HTTP/1.1"});
  }
  SECTION("answered requests free their slots and everything completes") {
    Fixture f;
    TinyHttpServer server(f.io);
    auto options = f.Options();
    options.max_in_flight = 2;
    DlrNotifier notifier(f.io, options);
    for (int i = 0; i < 7; ++i) notifier.Notify(server.Url("/n" + std::to_string(i)));
    std::size_t most = 0;
    REQUIRE(RunIoUntil(
        f.io,
        [&] {
          most = std::max(most, notifier.in_flight());
          return f.done.size() == 7;
        },
        kWait));
    CHECK(most == 2);
    CHECK(std::all_of(f.done.begin(), f.done.end(), [](const NotifyOutcome& o) { return o.ok; }));
    CHECK(notifier.Pending() == 0);
  }
}

TEST_CASE("A full queue drops the oldest waiting URL with a warning", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io, {}, Reply::kNever);
  auto options = f.Options();
  options.max_in_flight = 1;
  options.max_queued = 2;
  options.request_timeout = milliseconds(10'000);
  DlrNotifier notifier(f.io, options);
  for (int i = 0; i < 3; ++i) notifier.Notify(server.Url("/q" + std::to_string(i) + "?k=secret"));
  CHECK(notifier.Pending() == 3);  // one in flight, two waiting
  notifier.Notify(server.Url("/q3"));
  CHECK(notifier.Pending() == 3);
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].url == server.Url("/q1?k=secret"));
  CHECK_FALSE(f.done[0].ok);
  CHECK(f.done[0].attempts == 0);
  CHECK(f.done[0].error == "dropped: queue full");
  CHECK_THAT(f.log.str(), Catch::Contains("queue full (2 waiting); dropped the oldest, http://127.0.0.1:" +
                                          std::to_string(server.port()) + "/q1"));
  CHECK_THAT(f.log.str(), !Catch::Contains("secret"));

  notifier.Notify(server.Url("/q4"));
  REQUIRE(f.WaitForDone(2));
  CHECK(f.done[1].url == server.Url("/q2?k=secret"));
  REQUIRE(RunIoUntil(
      f.io, [&] { return server.heads.size() == 1; }, kWait));
  CHECK(server.request_lines[0] == "GET /q0?k=secret HTTP/1.1");  // the one in flight is never dropped
}

TEST_CASE("A URL backing off counts as waiting and can be the one dropped", "[dlr_notifier]") {
  Fixture f;
  auto options = f.Options();
  options.max_in_flight = 1;
  options.max_queued = 1;
  options.initial_backoff = milliseconds(10'000);
  options.max_backoff = milliseconds(10'000);
  DlrNotifier notifier(f.io, options);
  const std::string refused = "http://127.0.0.1:" + std::to_string(ClosedPort(f.io)) + "/first";
  notifier.Notify(refused);
  REQUIRE(RunIoUntil(
      f.io, [&] { return f.log.str().find("retrying in 10000 ms") != std::string::npos; }, kWait));
  CHECK(notifier.in_flight() == 0);
  CHECK(notifier.Pending() == 1);
  notifier.Notify(refused + "-second");
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].url == refused);
  CHECK(f.done[0].attempts == 1);
  CHECK(f.done[0].error == "dropped: queue full");
}

TEST_CASE("Stop cancels timers and connections and reports nothing more", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io, {}, Reply::kNever);
  auto options = f.Options();
  options.max_in_flight = 1;
  options.request_timeout = milliseconds(10'000);
  DlrNotifier notifier(f.io, options);
  notifier.Notify(server.Url("/a"));
  notifier.Notify(server.Url("/b"));
  REQUIRE(RunIoUntil(
      f.io, [&] { return server.heads.size() == 1; }, kWait));

  notifier.Stop();
  CHECK(notifier.Pending() == 0);
  CHECK(notifier.in_flight() == 0);
  REQUIRE(RunIoUntil(
      f.io, [&] { return server.peer_closed == 1; }, kWait));
  notifier.Notify(server.Url("/after-stop"));
  f.RunFor(milliseconds(100));
  CHECK(f.done.empty());
  CHECK(server.heads.size() == 1);
  CHECK(notifier.Pending() == 0);
  CHECK_THAT(f.log.str(), Catch::Contains("notifier stopped; dropped"));
}

TEST_CASE("Stop keeps outcomes already decided from being reported", "[dlr_notifier]") {
  Fixture f;
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify("https://example.com/");  // outcome posted, not yet run
  notifier.Stop();
  f.RunFor(milliseconds(30));
  CHECK(f.done.empty());
}

TEST_CASE("Destroying the notifier mid-attempt and mid-back-off leaves nothing behind", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io, {Reply::k500}, Reply::kNever);
  auto options = f.Options();
  options.initial_backoff = milliseconds(20);
  auto notifier = std::make_unique<DlrNotifier>(f.io, options);
  notifier->Notify(server.Url("/backing-off"));  // gets the 500, then waits 20 ms
  REQUIRE(RunIoUntil(
      f.io, [&] { return f.log.str().find("retrying in 20 ms") != std::string::npos; }, kWait));
  notifier->Notify(server.Url("/in-flight"));  // never answered
  REQUIRE(RunIoUntil(
      f.io, [&] { return server.heads.size() == 2; }, kWait));
  notifier->Notify("https://example.com/");  // outcome posted, not yet run
  notifier.reset();
  // Handlers still queued must find nothing to touch (ASan would catch it).
  REQUIRE(RunIoUntil(
      f.io, [&] { return server.peer_closed == 1; }, kWait));
  f.RunFor(milliseconds(100));
  CHECK(f.done.empty());
  CHECK(server.heads.size() == 2);
}

TEST_CASE("on_done may queue another URL", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io);
  auto options = f.Options();
  DlrNotifier* self = nullptr;
  options.on_done = [&](const NotifyOutcome& o) {
    f.done.push_back(o);
    if (f.done.size() == 1) self->Notify(server.Url("/second"));
  };
  DlrNotifier notifier(f.io, options);
  self = &notifier;
  notifier.Notify(server.Url("/first"));
  REQUIRE(f.WaitForDone(2));
  CHECK(f.done[1].url == server.Url("/second"));
  CHECK(f.done[1].ok);
}

TEST_CASE("An exception from on_done is logged and does not escape the io_context", "[dlr_notifier]") {
  Fixture f;
  TinyHttpServer server(f.io);
  auto options = f.Options();
  options.on_done = [&](const NotifyOutcome& o) {
    f.done.push_back(o);
    throw std::runtime_error("receiver bug");
  };
  DlrNotifier notifier(f.io, options);
  notifier.Notify(server.Url("/one?k=secret"));
  notifier.Notify(server.Url("/two"));
  REQUIRE(f.WaitForDone(2));
  CHECK(f.done[0].ok);
  CHECK(f.done[1].ok);
  CHECK_THAT(f.log.str(), Catch::Contains("/one: on_done threw: receiver bug"));
  CHECK_THAT(f.log.str(), !Catch::Contains("secret"));
}

}  // namespace
}  // namespace tellal::notify

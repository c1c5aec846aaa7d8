#include "daemon/notify/dlr_notifier.h"

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/run_io_until.h"
#include "support/self_signed_cert.h"
#include "support/test_http_server.h"
#include "tests/daemon/store/temp_dir.h"

namespace tellal::notify {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using std::chrono::milliseconds;
using tellal::testing::RecordedRequest;
using tellal::testing::RunIoUntil;
using tellal::testing::ScriptedReply;
using tellal::testing::TestHttpServer;

constexpr milliseconds kWait{5000};

enum class Reply { k200, k200LongBody, k204, k404, k500, kNever };

// The application receiving the callbacks: a loopback HTTP server answering
// each request as the script says (then `then`), recording when each came.
class Receiver {
 public:
  explicit Receiver(std::vector<Reply> script = {}, Reply then = Reply::k200)
      : script_(std::move(script)), then_(then), server_([this](const RecordedRequest&) { return Answer(); }) {}

  std::uint16_t port() const { return server_.port(); }
  std::string Url(const std::string& target) const { return server_.Url(target); }

  std::vector<RecordedRequest> requests() const { return server_.requests(); }
  std::size_t count() const { return requests().size(); }
  // "GET /dlr?x=1" per request, in arrival order.
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const RecordedRequest& r : requests()) out.push_back(r.method + " " + r.target);
    return out;
  }
  std::vector<std::chrono::steady_clock::time_point> arrivals() const {
    std::lock_guard lock(mutex_);
    return arrivals_;
  }

 private:
  ScriptedReply Answer() {
    Reply reply;
    {
      std::lock_guard lock(mutex_);
      arrivals_.push_back(std::chrono::steady_clock::now());
      reply = arrivals_.size() <= script_.size() ? script_[arrivals_.size() - 1] : then_;
    }
    switch (reply) {
      case Reply::k200:
        return testing::Reply(200, "OK\n");
      case Reply::k200LongBody:
        return testing::Reply(200, std::string(200 * 1024, 'x'));  // past what the notifier drains
      case Reply::k204:
        return testing::Reply(204, "");
      case Reply::k404:
        return testing::Reply(404, "");
      case Reply::k500:
        return testing::Reply(500, "oops");
      case Reply::kNever:
        break;
    }
    ScriptedReply held = testing::Reply(200, "too late");
    held.hold = true;  // answered only when the test ends
    return held;
  }

  mutable std::mutex mutex_;
  std::vector<std::chrono::steady_clock::time_point> arrivals_;  // guarded by mutex_
  const std::vector<Reply> script_;
  const Reply then_;
  TestHttpServer server_;  // last: its handler uses the members above
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
    o.allow_local_targets = true;  // the receivers below listen on loopback
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

// A peer below HTTP, for what a well-behaved test server cannot do: for each
// connection it reads the request head, writes `reply` as it is (maybe
// nothing, maybe not HTTP), and closes the connection `close_after` later.
class RawPeer {
 public:
  RawPeer(asio::io_context& io, std::string reply, milliseconds close_after)
      : io_(io),
        acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        reply_(std::move(reply)),
        close_after_(close_after) {
    Accept();
  }

  std::string Url(const std::string& target) const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + target;
  }
  int connections() const { return connections_; }
  int closed() const { return closed_; }

 private:
  struct Connection {
    explicit Connection(asio::io_context& io) : socket(io), timer(io) {}
    tcp::socket socket;
    asio::steady_timer timer;
    asio::streambuf head;
  };

  void Accept() {
    auto c = std::make_shared<Connection>(io_);
    acceptor_.async_accept(c->socket, [this, c](const boost::system::error_code& ec) {
      if (ec) return;
      ++connections_;
      live_.push_back(c);
      asio::async_read_until(c->socket, c->head, "\r\n\r\n",
                             [this, c](const boost::system::error_code& ec, std::size_t) {
                               if (ec) return;
                               asio::async_write(c->socket, asio::buffer(reply_),
                                                 [this, c](const boost::system::error_code&, std::size_t) {
                                                   c->timer.expires_after(close_after_);
                                                   c->timer.async_wait([this, c](const boost::system::error_code&) {
                                                     boost::system::error_code ignored;
                                                     c->socket.shutdown(tcp::socket::shutdown_both, ignored);
                                                     c->socket.close(ignored);
                                                     ++closed_;
                                                   });
                                                 });
                             });
      Accept();
    });
  }

  asio::io_context& io_;
  tcp::acceptor acceptor_;
  const std::string reply_;
  const milliseconds close_after_;
  std::vector<std::shared_ptr<Connection>> live_;  // closed when the peer goes
  int connections_ = 0;
  int closed_ = 0;
};

long Elapsed(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return static_cast<long>(std::chrono::duration_cast<milliseconds>(to - from).count());
}

TEST_CASE("A 200 answer completes in one attempt, the server sees a proper GET", "[dlr_notifier]") {
  Fixture f;
  Receiver server;
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

  REQUIRE(server.count() == 1);
  CHECK(server.lines()[0] == "GET /dlr?id=42&status=1&to=%2B905321234567&answer=Delivered+to+phone");
  const RecordedRequest r = server.requests()[0];
  CHECK(r.Header("Host") == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(r.Header("Connection") == "close");
  CHECK_THAT(r.Header("User-Agent").value_or(""), Catch::StartsWith("tellal/"));
}

TEST_CASE("Answers the notifier accepts as success", "[dlr_notifier]") {
  auto [reply, status] = GENERATE(table<Reply, int>({{Reply::k204, 204}, {Reply::k200LongBody, 200}}));
  Fixture f;
  Receiver server({reply});
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify(server.Url("/x"));
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  CHECK(f.done[0].http_status == status);
  CHECK(f.done[0].attempts == 1);
}

TEST_CASE("A 500 is retried and the retry's 200 succeeds", "[dlr_notifier]") {
  Fixture f;
  Receiver server({Reply::k500});
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify(server.Url("/dlr?token=hunter2"));
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  CHECK(f.done[0].http_status == 200);
  CHECK(f.done[0].attempts == 2);
  REQUIRE(server.count() == 2);
  CHECK(server.lines()[0] == server.lines()[1]);

  const std::string log = f.log.str();
  CHECK_THAT(log, Catch::Contains("dlr-url http://127.0.0.1:" + std::to_string(server.port()) +
                                  "/dlr: attempt 1/3 failed: HTTP 500; retrying in 10 ms"));
  CHECK_THAT(log, !Catch::Contains("hunter2"));
}

TEST_CASE("A server that never answers times out and the retry succeeds", "[dlr_notifier]") {
  Fixture f;
  Receiver server({Reply::kNever});
  DlrNotifier notifier(f.io, f.Options());
  const auto start = std::chrono::steady_clock::now();
  notifier.Notify(server.Url("/slow"));
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  CHECK(f.done[0].attempts == 2);
  REQUIRE(server.arrivals().size() == 2);
  CHECK(Elapsed(start, server.arrivals()[1]) >= 300 + 10);
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
  Receiver server({Reply::k500, Reply::k500, Reply::k500});
  auto options = f.Options();
  options.max_attempts = 4;
  options.initial_backoff = milliseconds(30);
  DlrNotifier notifier(f.io, options);
  notifier.Notify(server.Url("/x"));
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  CHECK(f.done[0].attempts == 4);
  REQUIRE(server.arrivals().size() == 4);
  CHECK(Elapsed(server.arrivals()[0], server.arrivals()[1]) >= 30);
  CHECK(Elapsed(server.arrivals()[1], server.arrivals()[2]) >= 60);
  CHECK(Elapsed(server.arrivals()[2], server.arrivals()[3]) >= 120);
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

TEST_CASE("A callback answered with a malformed status line is retried, then given up with the reason",
          "[dlr_notifier]") {
  Fixture f;
  RawPeer peer(f.io, "HTTP/1.1 two hundred OK\r\nContent-Length: 0\r\n\r\n", milliseconds(0));
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify(peer.Url("/dlr?token=hunter2"));
  REQUIRE(f.WaitForDone(1));
  const NotifyOutcome& o = f.done[0];
  INFO(o.error);
  CHECK_FALSE(o.ok);
  CHECK(o.http_status == 0);
  CHECK(o.attempts == 3);
  CHECK_FALSE(o.error.empty());
  CHECK(peer.connections() == 3);
  CHECK(notifier.Pending() == 0);

  const std::string log = f.log.str();
  CHECK_THAT(log, Catch::Contains("attempt 1/3 failed: " + o.error + "; retrying in 10 ms"));
  CHECK_THAT(log, Catch::Contains("giving up"));
  CHECK_THAT(log, !Catch::Contains("hunter2"));
}

TEST_CASE("A peer that closes the connection only after the timeout counts as a timeout each attempt",
          "[dlr_notifier]") {
  Fixture f;
  RawPeer peer(f.io, "", milliseconds(500));  // the request timeout is 300 ms
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify(peer.Url("/late"));
  REQUIRE(f.WaitForDone(1));
  const NotifyOutcome& o = f.done[0];
  CHECK_FALSE(o.ok);
  CHECK(o.http_status == 0);
  CHECK(o.attempts == 3);
  CHECK_THAT(o.error, Catch::Contains("no response") && Catch::Contains("within 300 ms"));
  CHECK(peer.connections() == 3);
  CHECK_THAT(f.log.str(), Catch::Contains("attempt 1/3 failed: no response"));
  CHECK_THAT(f.log.str(), Catch::Contains("giving up"));

  // The late closes reach a notifier that has moved on: nothing more is reported.
  REQUIRE(RunIoUntil(
      f.io, [&] { return peer.closed() == 3; }, kWait));
  CHECK(f.done.size() == 1);
  CHECK(notifier.Pending() == 0);
}

TEST_CASE("A 404 is final: one attempt, no retry", "[dlr_notifier]") {
  Fixture f;
  Receiver server({Reply::k404});
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify(server.Url("/gone"));
  REQUIRE(f.WaitForDone(1));
  CHECK_FALSE(f.done[0].ok);
  CHECK(f.done[0].http_status == 404);
  CHECK(f.done[0].attempts == 1);
  CHECK(f.done[0].error == "HTTP 404");
  f.RunFor(milliseconds(50));
  CHECK(server.count() == 1);
  CHECK_THAT(f.log.str(), Catch::Contains("/gone: HTTP 404; not retried"));
}

TEST_CASE("Unsupported schemes and malformed URLs are dropped with a log line and no connection", "[dlr_notifier]") {
  auto [url, logged, reason] = GENERATE(table<std::string, std::string, std::string>({
      {"ftp://127.0.0.1:{port}/dlr?token=s3cret", "ftp://127.0.0.1:{port}/dlr", "scheme 'ftp' is not supported"},
      {"http://127.0.0.1:99999/dlr?token=s3cret", "http://127.0.0.1:99999/dlr", "port number"},
      {"mailto:someone?token=s3cret", "mailto:someone", "not an absolute URL"},
  }));
  Fixture f;
  Receiver server;
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
  CHECK((server.count() == 0));
  const std::string log = f.log.str();
  CHECK_THAT(log, Catch::Contains("dlr-url " + with_port(logged) + ": "));
  CHECK_THAT(log, Catch::Contains(reason));
  CHECK_THAT(log, Catch::Contains("dropped"));
  CHECK_THAT(log, !Catch::Contains("s3cret"));
}

TEST_CASE("Credentials in the URL become basic authorisation and stay out of the log", "[dlr_notifier]") {
  Fixture f;
  Receiver server({Reply::k500});
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify("http://app:s3cret@127.0.0.1:" + std::to_string(server.port()) + "/dlr");
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  REQUIRE_FALSE((server.count() == 0));
  CHECK(server.requests()[0].Header("Authorization") == "Basic YXBwOnMzY3JldA==");
  CHECK_THAT(f.log.str(), Catch::Contains("HTTP 500"));
  CHECK_THAT(f.log.str(), !Catch::Contains("s3cret"));
}

TEST_CASE("A hostname is resolved without blocking the io thread", "[dlr_notifier]") {
  Fixture f;
  Receiver server;
  DlrNotifier notifier(f.io, f.Options());
  // localhost may resolve to ::1 first, where nobody listens; the next
  // address must then be tried within the same attempt.
  notifier.Notify("http://localhost:" + std::to_string(server.port()) + "/dlr");
  REQUIRE(f.WaitForDone(1));
  CHECK(f.done[0].ok);
  CHECK(f.done[0].attempts == 1);
  REQUIRE(server.count() == 1);
  CHECK(server.requests()[0].Header("Host") == "localhost:" + std::to_string(server.port()));
}

TEST_CASE("No more than max_in_flight requests run at once", "[dlr_notifier]") {
  SECTION("a server that never answers holds exactly that many connections") {
    Fixture f;
    Receiver server({}, Reply::kNever);
    auto options = f.Options();
    options.max_in_flight = 2;
    options.request_timeout = milliseconds(10'000);
    DlrNotifier notifier(f.io, options);
    for (int i = 0; i < 5; ++i) notifier.Notify(server.Url("/n" + std::to_string(i)));
    REQUIRE(RunIoUntil(
        f.io, [&] { return server.count() == 2; }, kWait));
    f.RunFor(milliseconds(100));
    CHECK(server.count() == 2);
    CHECK(notifier.in_flight() == 2);
    CHECK(notifier.Pending() == 5);
    // The two run at once, on two connections: either may reach the server first.
    std::vector<std::string> lines = server.lines();
    std::sort(lines.begin(), lines.end());
    CHECK(lines == std::vector<std::string>{"GET /n0", "GET /n1"});
  }
  SECTION("answered requests free their slots and everything completes") {
    Fixture f;
    Receiver server;
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
  Receiver server({}, Reply::kNever);
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
      f.io, [&] { return server.count() == 1; }, kWait));
  CHECK(server.lines()[0] == "GET /q0?k=secret");  // the one in flight is never dropped
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
  Receiver server({}, Reply::kNever);
  auto options = f.Options();
  options.max_in_flight = 1;
  options.request_timeout = milliseconds(10'000);
  DlrNotifier notifier(f.io, options);
  notifier.Notify(server.Url("/a"));
  notifier.Notify(server.Url("/b"));
  REQUIRE(RunIoUntil(
      f.io, [&] { return server.count() == 1; }, kWait));

  notifier.Stop();
  CHECK(notifier.Pending() == 0);
  CHECK(notifier.in_flight() == 0);
  notifier.Notify(server.Url("/after-stop"));
  f.RunFor(milliseconds(100));
  CHECK(f.done.empty());
  CHECK(server.count() == 1);
  CHECK(notifier.Pending() == 0);
  CHECK_THAT(f.log.str(), Catch::Contains("notifier stopped; dropped"));
}

TEST_CASE("Stop keeps outcomes already decided from being reported", "[dlr_notifier]") {
  Fixture f;
  DlrNotifier notifier(f.io, f.Options());
  notifier.Notify("ftp://example.com/");  // outcome posted, not yet run
  notifier.Stop();
  f.RunFor(milliseconds(30));
  CHECK(f.done.empty());
}

TEST_CASE("Destroying the notifier mid-attempt and mid-back-off leaves nothing behind", "[dlr_notifier]") {
  Fixture f;
  Receiver server({Reply::k500}, Reply::kNever);
  auto options = f.Options();
  options.initial_backoff = milliseconds(20);
  auto notifier = std::make_unique<DlrNotifier>(f.io, options);
  notifier->Notify(server.Url("/backing-off"));  // gets the 500, then waits 20 ms
  REQUIRE(RunIoUntil(
      f.io, [&] { return f.log.str().find("retrying in 20 ms") != std::string::npos; }, kWait));
  notifier->Notify(server.Url("/in-flight"));  // never answered
  REQUIRE(RunIoUntil(
      f.io, [&] { return server.count() == 2; }, kWait));
  notifier->Notify("ftp://example.com/");  // outcome posted, not yet run
  notifier.reset();
  // Handlers still queued must find nothing to touch (ASan would catch it).
  f.RunFor(milliseconds(100));
  CHECK(f.done.empty());
  CHECK(server.count() == 2);
}

TEST_CASE("on_done may queue another URL", "[dlr_notifier]") {
  Fixture f;
  Receiver server;
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
  Receiver server;
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

namespace tellal::notify {
namespace {

TEST_CASE("A loopback target is refused before anything is sent unless local targets are allowed", "[dlr_notifier]") {
  const std::string host = GENERATE(as<std::string>{}, "127.0.0.1", "localhost");
  Fixture f;
  Receiver server;
  auto options = f.Options();
  options.allow_local_targets = false;
  DlrNotifier notifier(f.io, options);
  notifier.Notify("http://" + host + ":" + std::to_string(server.port()) + "/cgi-bin/sendsms?to=1&text=loop");
  REQUIRE(f.WaitForDone(1));
  CHECK_FALSE(f.done[0].ok);
  CHECK(f.done[0].attempts == 1);  // refused once, never retried
  CHECK_THAT(f.done[0].error, Catch::Contains("loopback or link-local"));
  f.RunFor(milliseconds(50));
  CHECK(server.count() == 0);
  CHECK_THAT(f.log.str(), Catch::Contains("not retried"));
  CHECK_THAT(f.log.str(), !Catch::Contains("text=loop"));
}

TEST_CASE("An https dlr-url is delivered to a server the CA file trusts, and refused when untrusted",
          "[dlr_notifier]") {
  store::testing::TempDir dir;
  auto cert = testing::MakeSelfSignedCert(dir.File(""));
  if (!cert) {
    WARN("neither openssl nor certtool could make a certificate; https dlr-url not tested");
    return;
  }
  TestHttpServer server([](const RecordedRequest&) { return testing::Reply(200, "OK"); }, cert->cert_pem,
                        cert->key_pem);
  REQUIRE(server.url().rfind("https://", 0) == 0);
  Fixture f;
  auto options = f.Options();
  options.max_attempts = 1;
  SECTION("trusted through ca_file") {
    options.ca_file = cert->cert_file;
    DlrNotifier notifier(f.io, options);
    notifier.Notify(server.Url("/dlr?status=1"));
    REQUIRE(f.WaitForDone(1));
    INFO(f.done[0].error);
    CHECK(f.done[0].ok);
    REQUIRE(server.requests().size() == 1);
    CHECK(server.requests()[0].target == "/dlr?status=1");
  }
  SECTION("a self-signed certificate nobody trusts") {
    DlrNotifier notifier(f.io, options);
    notifier.Notify(server.Url("/dlr?status=1"));
    REQUIRE(f.WaitForDone(1));
    CHECK_FALSE(f.done[0].ok);
    CHECK(server.requests().empty());
  }
}

}  // namespace
}  // namespace tellal::notify

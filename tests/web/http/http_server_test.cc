#include "web/http/http_server.h"
#include "modem/text/ascii.h"
#include "support/self_signed_cert.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#ifdef TELLAL_TEST_HAVE_GNUTLS
#include <gnutls/gnutls.h>
#endif

namespace tellal::web {
namespace {

using namespace std::chrono_literals;

// Every wait in these tests is bounded by this, so a broken server fails a
// test instead of hanging it.
constexpr auto kPatience = 10s;

// ---------------------------------------------------------------------------
// A tiny blocking HTTP/1.1 client.

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

// Pulls bytes from a source (plain socket or TLS session) and cuts them into
// responses; leftover bytes stay buffered for the next response on the same
// connection.
class ResponseReader {
 public:
  // Returns bytes read, 0 at end of stream, -1 on error or timeout.
  using Source = std::function<long(char*, std::size_t)>;
  explicit ResponseReader(Source source) : source_(std::move(source)) {}

  // nullopt when the connection ends (or fails) before a whole response.
  std::optional<Reply> Next() {
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return std::nullopt;
    }
    std::istringstream head(buffer_.substr(0, end));
    buffer_.erase(0, end + 4);
    Reply reply;
    std::string line;
    std::getline(head, line);
    if (line.rfind("HTTP/1.", 0) != 0 || line.size() < 12) return std::nullopt;
    reply.status = std::stoi(line.substr(9, 3));
    while (std::getline(head, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      auto colon = line.find(':');
      if (colon == std::string::npos) return std::nullopt;
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      reply.headers[text::ToLowerAscii(line.substr(0, colon))] = value;
    }
    if (reply.status == 204 || reply.status == 304) {
      // No body by definition (RFC 9112 §6.3), whatever the headers say.
    } else if (text::ToLowerAscii(reply.headers["transfer-encoding"]) == "chunked") {
      for (;;) {
        std::size_t eol;
        while ((eol = buffer_.find("\r\n")) == std::string::npos) {
          if (!Fill()) return std::nullopt;
        }
        std::size_t size = std::stoul(buffer_.substr(0, eol), nullptr, 16);
        buffer_.erase(0, eol + 2);
        if (!Take(size + 2, &line)) return std::nullopt;
        if (size == 0) break;
        reply.body += line.substr(0, size);
      }
      reply.headers.erase("transfer-encoding");
    } else if (reply.headers.count("content-length") != 0) {
      if (!Take(std::stoul(reply.headers["content-length"]), &reply.body)) return std::nullopt;
    } else {
      while (Fill()) {
      }
      reply.body.swap(buffer_);
    }
    return reply;
  }

  // Everything until the peer closes (or the read times out).
  std::string Rest() {
    while (Fill()) {
    }
    return std::exchange(buffer_, {});
  }

 private:
  bool Fill() {
    char chunk[65536];
    long n = source_(chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  bool Take(std::size_t n, std::string* out) {
    while (buffer_.size() < n) {
      if (!Fill()) return false;
    }
    *out = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return true;
  }

  Source source_;
  std::string buffer_;
};

class Client {
 public:
  // fd < 0 and errno_ set when the connection was not made.
  explicit Client(uint16_t port, bool ipv6 = false)
      : reader_([this](char* p, std::size_t n) { return static_cast<long>(::recv(fd_, p, n, 0)); }) {
    fd_ = ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
      error_ = errno;
      return;
    }
    timeval tv{static_cast<time_t>(kPatience.count()), 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int rc;
    if (ipv6) {
      sockaddr_in6 a{};
      a.sin6_family = AF_INET6;
      a.sin6_port = htons(port);
      a.sin6_addr = in6addr_loopback;
      rc = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    } else {
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_port = htons(port);
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      rc = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    }
    if (rc != 0) {
      error_ = errno;
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return fd_ >= 0; }
  int connect_error() const { return error_; }
  int fd() const { return fd_; }

  // False once the peer has closed or reset the connection.
  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  std::optional<Reply> Read() { return reader_.Next(); }
  std::string ReadRest() { return reader_.Rest(); }

 private:
  int fd_ = -1;
  int error_ = 0;
  ResponseReader reader_;
};

std::string BuildRequest(const std::string& method, const std::string& target, const std::string& body = "",
                         const std::vector<std::string>& extra_headers = {}) {
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n";
  for (const std::string& h : extra_headers) out += h + "\r\n";
  if (!body.empty() || method == "POST") {
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  out += "\r\n";
  out += body;
  return out;
}

std::string Chunked(const std::string& body, std::size_t chunk) {
  std::string out;
  for (std::size_t i = 0; i < body.size(); i += chunk) {
    std::size_t n = std::min(chunk, body.size() - i);
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", n);
    out += size;
    out += body.substr(i, n);
    out += "\r\n";
  }
  out += "0\r\n\r\n";
  return out;
}

// One request on a fresh connection.
std::optional<Reply> Exchange(uint16_t port, const std::string& raw, bool ipv6 = false) {
  Client c(port, ipv6);
  if (!c.connected() || !c.Send(raw)) return std::nullopt;
  return c.Read();
}

// ---------------------------------------------------------------------------
// Server helpers.

// Captures the server's log lines instead of printing them.
struct LogSink {
  std::mutex mu;
  std::vector<std::string> lines;

  std::function<void(std::string_view)> Fn() {
    return [this](std::string_view line) {
      std::lock_guard lock(mu);
      lines.emplace_back(line);
    };
  }
  bool Contains(const std::string& text) {
    std::lock_guard lock(mu);
    for (const auto& l : lines) {
      if (l.find(text) != std::string::npos) return true;
    }
    return false;
  }
  // For lines written by another thread after what the test saw happen.
  bool WaitFor(const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (!Contains(text)) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }
};

HttpServerOptions Loopback() {
  HttpServerOptions o;
  o.port = 0;
  return o;
}

std::unique_ptr<HttpServer> MustStart(HttpServerOptions options, HttpHandler handler) {
  auto started = HttpServer::Start(std::move(options), std::move(handler));
  if (!started.ok()) FAIL("Start failed: " << started.error().message);
  REQUIRE(started.value() != nullptr);
  return std::move(started.value());
}

// Keeps a copy of every request a handler saw.
struct Recorder {
  std::mutex mu;
  std::vector<HttpRequest> seen;

  HttpHandler Echo() {
    return [this](const HttpRequest& r) {
      {
        std::lock_guard lock(mu);
        seen.push_back(r);
      }
      HttpResponse out;
      out.content_type = "application/octet-stream";
      out.body = r.body;
      return out;
    };
  }
  std::size_t count() {
    std::lock_guard lock(mu);
    return seen.size();
  }
  HttpRequest last() {
    std::lock_guard lock(mu);
    REQUIRE(!seen.empty());
    return seen.back();
  }
};

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs QueryPairs(const HttpRequest& r) { return Pairs(r.query.begin(), r.query.end()); }

// ---------------------------------------------------------------------------

TEST_CASE("GET delivers the decoded path and query arguments with repeats in order", "[http]") {
  auto [target, path, query] = GENERATE(table<std::string, std::string, Pairs>({
      {"/health", "/health", {}},
      {"/api/v1/messages?tag=b&tag=a&tag=c", "/api/v1/messages", {{"tag", "b"}, {"tag", "a"}, {"tag", "c"}}},
      {"/api/v1/send?to=%2B905321234567&text=Merhaba%20Ay%C5%9Fe%26%3D",
       "/api/v1/send",
       {{"text",
         "Merhaba Ay\xC5\x9F"
         "e&="},
        {"to", "+905321234567"}}},
      {"/a%20b/%C3%A7ay?flag&empty=",
       "/a b/\xC3\xA7"
       "ay",
       {{"empty", ""}, {"flag", ""}}},
      {"/x?q=a+b", "/x", {{"q", "a b"}}},
  }));
  CAPTURE(target);
  Recorder rec;
  auto server = MustStart(Loopback(), rec.Echo());

  auto reply = Exchange(server->port(), BuildRequest("GET", target));
  REQUIRE(reply);
  CHECK(reply->status == 200);
  REQUIRE(rec.count() == 1);
  HttpRequest r = rec.last();
  CHECK(r.method == "GET");
  CHECK(r.path == path);
  CHECK(QueryPairs(r) == query);
  CHECK(r.body.empty());
  CHECK(r.remote.rfind("127.0.0.1:", 0) == 0);
}

TEST_CASE("Connection threads run at the worker nice value, the caller's thread keeps its own", "[http]") {
  const int nice = GENERATE(0, 7, 19);
  CAPTURE(nice);
  const int own = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
  HttpServerOptions options = Loopback();
  options.worker_nice = nice;
  std::atomic<int> seen{-100};
  auto server = MustStart(options, [&](const HttpRequest&) {
    seen = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
    return HttpResponse{};
  });
  auto reply = Exchange(server->port(), BuildRequest("GET", "/x"));
  REQUIRE(reply);
  CHECK(seen == std::max(own, nice));
  CHECK(::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())) == own);
}

TEST_CASE("query_value gives the first of repeated arguments", "[http]") {
  Recorder rec;
  auto server = MustStart(Loopback(), rec.Echo());
  REQUIRE(Exchange(server->port(), BuildRequest("GET", "/m?state=sent&state=failed")));
  HttpRequest r = rec.last();
  CHECK(r.QueryValue("state") == std::optional<std::string>("sent"));
  CHECK(r.QueryValue("missing") == std::nullopt);
}

TEST_CASE("Header names arrive lower-cased and repeated headers joined", "[http]") {
  Recorder rec;
  auto server = MustStart(Loopback(), rec.Echo());
  auto reply =
      Exchange(server->port(),
               BuildRequest("GET", "/", "",
                            {"Authorization: Bearer Tok3n", "X-MiXeD-CaSe: Value Kept", "X-Dup: one", "X-DUP: two"}));
  REQUIRE(reply);
  HttpRequest r = rec.last();
  REQUIRE(r.header("authorization") != nullptr);
  CHECK(*r.header("authorization") == "Bearer Tok3n");
  REQUIRE(r.header("x-mixed-case") != nullptr);
  CHECK(*r.header("x-mixed-case") == "Value Kept");
  REQUIRE(r.header("x-dup") != nullptr);
  CHECK(*r.header("x-dup") == "one, two");
  CHECK(r.header("host") != nullptr);
  CHECK(r.header("Authorization") == nullptr);
  CHECK(r.header("x-absent") == nullptr);
}

std::string Bytes(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(gen() & 0xFF);
  return s;
}

std::string AllByteValues() {
  std::string s;
  for (int i = 0; i < 256; ++i) s.push_back(static_cast<char>(i));
  return s + s;
}

TEST_CASE("POST bodies reach the handler intact", "[http]") {
  auto [name, body, chunked] = GENERATE(table<std::string, std::string, bool>({
      {"empty", "", false},
      {"json", R"({"to":"+905321234567","text":"Merhaba"})", false},
      {"every byte value, NUL included", AllByteValues(), false},
      {"1 MiB of random bytes", Bytes(1024 * 1024, 7), false},
      {"1 MiB of random bytes, chunked", Bytes(1024 * 1024, 8), true},
      {"exactly the limit", Bytes(4 * 1024 * 1024, 9), false},
  }));
  CAPTURE(name);
  Recorder rec;
  auto server = MustStart(Loopback(), rec.Echo());
  std::string raw = chunked ? "POST /in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + Chunked(body, 7919)
                            : BuildRequest("POST", "/in", body);
  auto reply = Exchange(server->port(), raw);
  REQUIRE(reply);
  CHECK(reply->status == 200);
  REQUIRE(rec.count() == 1);
  HttpRequest r = rec.last();
  CHECK(r.method == "POST");
  CHECK(r.body.size() == body.size());
  CHECK(r.body == body);
  CHECK(reply->body == body);
  CHECK(reply->headers["content-type"] == "application/octet-stream");
}

TEST_CASE("Status and content type and extra headers pass through", "[http]") {
  using Headers = std::vector<std::pair<std::string, std::string>>;
  auto [status, content_type, headers, body] = GENERATE(table<int, std::string, Headers, std::string>({
      {200, "application/json", {}, R"({"ok":true})"},
      {201, "application/json", {{"Location", "/api/v1/messages/12"}}, R"({"id":12})"},
      {202,
       "text/plain; charset=utf-8",
       {},
       "kuyrukta \xC3\xA7"
       "ok"},
      {204, "", {}, ""},
      {400, "application/json", {}, R"({"error":{"code":"bad_request"}})"},
      {401, "application/json", {{"WWW-Authenticate", "Bearer realm=\"tellal\""}}, "{}"},
      {404, "text/html", {}, "<p>no</p>"},
      {405, "application/json", {{"Allow", "GET, POST"}}, "{}"},
      {429, "application/json", {{"Retry-After", "30"}, {"X-RateLimit-Remaining", "0"}}, "{}"},
      {503, "application/json", {{"Retry-After", "5"}}, "{}"},
  }));
  CAPTURE(status);
  auto server = MustStart(Loopback(), [&](const HttpRequest&) {
    HttpResponse r;
    r.status = status;
    r.content_type = content_type;
    r.headers = headers;
    r.body = body;
    return r;
  });
  auto reply = Exchange(server->port(), BuildRequest("GET", "/"));
  REQUIRE(reply);
  CHECK(reply->status == status);
  CHECK(reply->body == body);
  if (content_type.empty()) {
    CHECK(reply->headers.count("content-type") == 0);
  } else {
    CHECK(reply->headers["content-type"] == content_type);
  }
  for (const auto& [name, value] : headers) {
    CAPTURE(name);
    CHECK(reply->headers[text::ToLowerAscii(name)] == value);
  }
}

constexpr std::size_t kSmallLimit = 1024;
const std::string k413 = R"({"error":{"code":"payload_too_large","message":"request body exceeds 1024 bytes"}})";

TEST_CASE("A body over the limit is answered 413 without calling the handler", "[http]") {
  auto [name, raw, expected] = GENERATE(table<std::string, std::string, int>({
      {"Content-Length at the limit", BuildRequest("POST", "/", std::string(kSmallLimit, 'a')), 200},
      {"Content-Length one past the limit", BuildRequest("POST", "/", std::string(kSmallLimit + 1, 'a')), 413},
      // Only the start of the announced body is sent: the answer must come
      // from the headers alone.
      {"Content-Length of 1 GiB, body not sent",
       "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n" + std::string(100, 'a'), 413},
      {"Expect: 100-continue with too long a body",
       "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n", 413},
      {"chunked at the limit",
       "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + Chunked(std::string(kSmallLimit, 'b'), 100),
       200},
      {"chunked one past the limit",
       "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
           Chunked(std::string(kSmallLimit + 1, 'b'), 100),
       413},
      {"chunked, 64 KiB",
       "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + Chunked(std::string(64 * 1024, 'c'), 4096),
       413},
  }));
  CAPTURE(name);
  HttpServerOptions options = Loopback();
  options.max_body_bytes = kSmallLimit;
  Recorder rec;
  auto server = MustStart(options, rec.Echo());

  auto reply = Exchange(server->port(), raw);
  REQUIRE(reply);
  CHECK(reply->status == expected);
  if (expected == 413) {
    CHECK(rec.count() == 0);
    CHECK(reply->headers["content-type"] == "application/json");
    CHECK(reply->body == k413);
  } else {
    CHECK(rec.count() == 1);
  }
}

TEST_CASE("A chunked upload that never stops is cut off", "[http]") {
  HttpServerOptions options = Loopback();
  options.max_body_bytes = kSmallLimit;
  LogSink log;
  options.log = log.Fn();
  Recorder rec;
  auto server = MustStart(options, rec.Echo());

  Client c(server->port());
  REQUIRE(c.connected());
  REQUIRE(c.Send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
  // Far more than limit + 1 MiB, never terminated: the server must close
  // the connection, which makes a send fail.
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'd') + "\r\n";
  bool closed = false;
  for (int i = 0; i < 1024 && !closed; ++i) closed = !c.Send(chunk);
  CHECK(closed);
  CHECK(c.ReadRest().find("HTTP/1.1 200") == std::string::npos);
  CHECK(rec.count() == 0);
  CHECK(log.Contains("kept uploading far past the 1024-byte body limit"));
}

TEST_CASE("Keep-alive serves several requests on one connection", "[http]") {
  Recorder rec;
  auto server = MustStart(Loopback(), rec.Echo());
  Client c(server->port());
  REQUIRE(c.connected());
  const std::vector<std::string> bodies = {"first", "", std::string(100000, 'x'), "last"};
  for (const std::string& body : bodies) {
    REQUIRE(c.Send(BuildRequest("POST", "/k", body)));
    auto reply = c.Read();
    REQUIRE(reply);
    CHECK(reply->status == 200);
    CHECK(reply->body == body);
    CHECK(text::ToLowerAscii(reply->headers["connection"]) != "close");
  }
  std::lock_guard lock(rec.mu);
  REQUIRE(rec.seen.size() == bodies.size());
  for (const HttpRequest& r : rec.seen) CHECK(r.remote == rec.seen.front().remote);
}

TEST_CASE("Handlers run concurrently: 16 requests inside the handler at once", "[http]") {
  constexpr int kClients = 16;
  std::mutex mu;
  std::condition_variable cv;
  int inside = 0;
  auto server = MustStart(Loopback(), [&](const HttpRequest&) {
    std::unique_lock lock(mu);
    ++inside;
    cv.notify_all();
    HttpResponse r;
    // Each handler blocks until every other one has arrived; if the server
    // ran them one at a time, the first would time out.
    r.status = cv.wait_for(lock, kPatience, [&] { return inside >= kClients; }) ? 200 : 503;
    return r;
  });

  std::vector<int> statuses(kClients, 0);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      auto reply = Exchange(server->port(), BuildRequest("GET", "/c?i=" + std::to_string(i)));
      statuses[static_cast<std::size_t>(i)] = reply ? reply->status : -1;
    });
  }
  for (auto& t : clients) t.join();
  CHECK(statuses == std::vector<int>(kClients, 200));
  CHECK(inside == kClients);
}

TEST_CASE("Connections past connection_limit are turned away", "[http]") {
  HttpServerOptions options = Loopback();
  options.connection_limit = 1;
  LogSink log;
  options.log = log.Fn();
  Recorder rec;
  auto server = MustStart(options, rec.Echo());
  Client first(server->port());
  REQUIRE(first.connected());
  REQUIRE(first.Send(BuildRequest("GET", "/1")));
  REQUIRE(first.Read());  // the server now certainly holds this connection open

  Client second(server->port());  // the kernel accepts; the server closes it
  REQUIRE(second.connected());
  second.Send(BuildRequest("GET", "/2"));
  CHECK_FALSE(second.Read().has_value());
  CHECK(rec.count() == 1);

  // The first connection is still served.
  REQUIRE(first.Send(BuildRequest("GET", "/3")));
  auto reply = first.Read();
  REQUIRE(reply);
  CHECK(reply->status == 200);
}

TEST_CASE("An idle connection is closed after connection_timeout_seconds", "[http]") {
  HttpServerOptions options = Loopback();
  options.connection_timeout_seconds = 1;
  Recorder rec;
  auto server = MustStart(options, rec.Echo());
  Client c(server->port());
  REQUIRE(c.connected());
  REQUIRE(c.Send(BuildRequest("GET", "/")));
  REQUIRE(c.Read());
  const auto start = std::chrono::steady_clock::now();
  // The read ends when the server closes, well before the client's own
  // kPatience timeout.
  CHECK(c.ReadRest().empty());
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= 500ms);
  CHECK(waited < kPatience - 2s);
}

TEST_CASE("Connections past per_client_connection_limit from one address are turned away", "[http]") {
  HttpServerOptions options = Loopback();
  options.per_client_connection_limit = 2;
  LogSink log;
  options.log = log.Fn();
  Recorder rec;
  auto server = MustStart(options, rec.Echo());
  auto first = std::make_unique<Client>(server->port());
  Client second(server->port());
  for (Client* c : {first.get(), &second}) {
    REQUIRE(c->connected());
    REQUIRE(c->Send(BuildRequest("GET", "/held")));
    REQUIRE(c->Read());  // held open by the server now
  }
  {
    Client third(server->port());
    REQUIRE(third.connected());
    third.Send(BuildRequest("GET", "/third"));
    CHECK_FALSE(third.Read().has_value());
  }
  CHECK(rec.count() == 2);
  // A connection closed makes room for the next one.
  first.reset();
  std::optional<Reply> reply;
  for (int attempt = 0; attempt < 50 && !reply; ++attempt) {
    Client again(server->port());  // the server may not have seen the close yet
    if (again.connected() && again.Send(BuildRequest("GET", "/again"))) reply = again.Read();
    if (!reply) std::this_thread::sleep_for(20ms);
  }
  REQUIRE(reply);
  CHECK(reply->status == 200);
}

TEST_CASE("A request trickled in byte by byte is cut at request_timeout_seconds", "[http]") {
  HttpServerOptions options = Loopback();
  options.connection_timeout_seconds = 30;  // the idle timeout alone would never fire
  options.request_timeout_seconds = 1;
  LogSink log;
  options.log = log.Fn();
  Recorder rec;
  auto server = MustStart(options, rec.Echo());
  Client c(server->port());
  REQUIRE(c.connected());
  const std::string body(200, 'x');
  const std::string request = BuildRequest("POST", "/slow", body);
  // One byte every 50 ms would take over 10 s for the whole request; the
  // server must cut the connection long before.
  std::size_t sent = 0;
  while (sent < request.size() && c.Send(request.substr(sent, 1))) {
    ++sent;
    pollfd p{c.fd(), POLLIN, 0};
    if (::poll(&p, 1, 50) > 0) break;  // the server closed (or answered)
  }
  INFO("sent " << sent << " of " << request.size() << " bytes");
  CHECK(sent < request.size());
  CHECK(c.ReadRest().empty());  // cut without an answer
  CHECK(rec.count() == 0);
  CHECK(log.WaitFor("no whole request within 1 s"));  // logged just after the cut
}

TEST_CASE("The request deadline starts again after each answer on a keep-alive connection", "[http]") {
  HttpServerOptions options = Loopback();
  options.request_timeout_seconds = 1;
  Recorder rec;
  auto server = MustStart(options, rec.Echo());
  Client c(server->port());
  REQUIRE(c.connected());
  // Three requests spread over more than the deadline, each sent whole.
  for (int i = 0; i < 3; ++i) {
    REQUIRE(c.Send(BuildRequest("GET", "/" + std::to_string(i))));
    auto reply = c.Read();
    REQUIRE(reply);
    CHECK(reply->status == 200);
    std::this_thread::sleep_for(400ms);
  }
  CHECK(rec.count() == 3);
}

TEST_CASE("A screen's answer is sent before any body byte is read, and the handler never runs", "[http]") {
  HttpServerOptions options = Loopback();
  options.max_body_bytes = 8 * 1024 * 1024;
  std::atomic<int> screened{0};
  options.screen = [&screened](const HttpRequest& r) -> std::optional<HttpResponse> {
    ++screened;
    if (!r.body.empty()) return HttpResponse{500, "text/plain", "the screen saw a body", {}};
    const std::string* auth = r.header("authorization");
    if (auth != nullptr && *auth == "Bearer ok") return std::nullopt;
    HttpResponse refused;
    refused.status = 401;
    refused.body = R"({"error":{"code":"unauthorized"}})";
    return refused;
  };
  Recorder rec;
  auto server = MustStart(options, rec.Echo());

  SECTION("a 4 MiB body announced and never sent is refused at once") {
    Client c(server->port());
    REQUIRE(c.connected());
    REQUIRE(c.Send("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4194304\r\n\r\n"));
    auto reply = c.Read();  // within kPatience, though no body byte was sent
    REQUIRE(reply);
    CHECK(reply->status == 401);
    CHECK(c.ReadRest().empty());  // and the connection is closed
    CHECK(rec.count() == 0);
  }
  SECTION("an authorised request goes on to the handler with its body") {
    auto reply = Exchange(server->port(), BuildRequest("POST", "/upload", "payload", {"Authorization: Bearer ok"}));
    REQUIRE(reply);
    CHECK(reply->status == 200);
    CHECK(reply->body == "payload");
    CHECK(rec.count() == 1);
  }
  CHECK(screened == 1);
}

TEST_CASE("Port 0 binds a free port and reports it", "[http]") {
  Recorder rec;
  auto a = MustStart(Loopback(), rec.Echo());
  auto b = MustStart(Loopback(), rec.Echo());
  CHECK(a->port() != 0);
  CHECK(b->port() != 0);
  CHECK(a->port() != b->port());
  auto reply = Exchange(b->port(), BuildRequest("GET", "/b"));
  REQUIRE(reply);
  CHECK(reply->status == 200);
}

TEST_CASE("Binding a port in use fails naming the address and the reason", "[http]") {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(::listen(fd, 1) == 0);
  socklen_t len = sizeof a;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  const uint16_t port = ntohs(a.sin_port);

  HttpServerOptions options;
  options.port = port;
  auto started = HttpServer::Start(options, [](const HttpRequest&) { return HttpResponse{}; });
  ::close(fd);
  REQUIRE_FALSE(started.ok());
  const std::string& message = started.error().message;
  CAPTURE(message);
  CHECK_THAT(message, Catch::Contains("127.0.0.1:" + std::to_string(port)));
  CHECK_THAT(message, Catch::Contains(std::strerror(EADDRINUSE)));
}

TEST_CASE("Start refuses bad options with a precise reason", "[http]") {
  auto [name, host, ipv6, cert, key, limit, expected] =
      GENERATE(table<std::string, std::string, bool, std::string, std::string, unsigned, std::string>({
          {"host name", "localhost", false, "", "", 8,
           "http server on localhost:0: host 'localhost' is not a numeric IPv4 address"},
          {"bad IPv4", "256.1.2.3", false, "", "", 8,
           "http server on 256.1.2.3:0: host '256.1.2.3' is not a numeric IPv4 address"},
          {"IPv6 host without ipv6", "::1", false, "", "", 8,
           "http server on ::1:0: host '::1' is an IPv6 address, but ipv6 is not set"},
          {"IPv4 host with ipv6", "127.0.0.1", true, "", "", 8,
           "http server on [127.0.0.1]:0: host '127.0.0.1' is an IPv4 address, but ipv6 is set"},
          {"bracketed IPv6", "[::1]", true, "", "", 8,
           "http server on [[::1]]:0: host '[::1]' is not a numeric IPv6 address"},
          {"certificate without key", "127.0.0.1", false, "CERT", "", 8,
           "127.0.0.1:0: TLS needs both tls_cert_pem and tls_key_pem, but only the certificate"},
          {"key without certificate", "127.0.0.1", false, "", "KEY", 8, "but only the key is set"},
          {"no connections allowed", "127.0.0.1", false, "", "", 0, "127.0.0.1:0: connection_limit must be at least 1"},
      }));
  CAPTURE(name);
  HttpServerOptions options = Loopback();
  options.host = host;
  options.ipv6 = ipv6;
  options.tls_cert_pem = cert;
  options.tls_key_pem = key;
  options.connection_limit = limit;
  auto started = HttpServer::Start(options, [](const HttpRequest&) { return HttpResponse{}; });
  REQUIRE_FALSE(started.ok());
  CHECK_THAT(started.error().message, Catch::Contains(expected));
}

TEST_CASE("Start refuses an empty handler", "[http]") {
  auto started = HttpServer::Start(Loopback(), HttpHandler());
  REQUIRE_FALSE(started.ok());
  CHECK_THAT(started.error().message, Catch::Contains("no request handler"));
}

bool LoopbackV6Available() {
  int fd = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  a.sin6_addr = in6addr_loopback;
  bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

TEST_CASE("IPv6: serves on ::1", "[http]") {
  if (!LoopbackV6Available()) {
    WARN("::1 is not available here; IPv6 not tested");
    return;
  }
  HttpServerOptions options = Loopback();
  options.host = "::1";
  options.ipv6 = true;
  Recorder rec;
  auto server = MustStart(options, rec.Echo());
  auto reply = Exchange(server->port(), BuildRequest("POST", "/six", "over v6"), true);
  REQUIRE(reply);
  CHECK(reply->status == 200);
  CHECK(reply->body == "over v6");
  CHECK(rec.last().remote.rfind("[::1]:", 0) == 0);
  // Bound to ::1 only: the IPv4 loopback has nothing on that port.
  Client v4(server->port());
  CHECK_FALSE(v4.connected());
}

struct NotAnException {};

TEST_CASE("A handler that fails is answered 500 and the server goes on", "[http]") {
  const std::string k500 = R"({"error":{"code":"internal","message":"internal server error"}})";
  auto [name, fail, logged] = GENERATE(table<std::string, std::function<HttpResponse()>, std::string>({
      {"std::exception", []() -> HttpResponse { throw std::runtime_error("db is gone"); },
       "handler threw on GET /boom from 127.0.0.1:"},
      {"not an exception", []() -> HttpResponse { throw NotAnException{}; },
       "handler threw a non-exception on GET /boom"},
      {"status 99",
       [] {
         HttpResponse r;
         r.status = 99;
         return r;
       },
       "status 99 is outside 200..599"},
      {"status 600",
       [] {
         HttpResponse r;
         r.status = 600;
         return r;
       },
       "status 600 is outside 200..599"},
      {"header injection",
       [] {
         HttpResponse r;
         r.headers = {{"X-Evil", "a\r\nSet-Cookie: x=1"}};
         return r;
       },
       "header 'X-Evil' is empty or contains CR, LF or NUL"},
      {"empty header name",
       [] {
         HttpResponse r;
         r.headers = {{"", "v"}};
         return r;
       },
       "header '' is empty"},
  }));
  CAPTURE(name);
  HttpServerOptions options = Loopback();
  LogSink log;
  options.log = log.Fn();
  auto server = MustStart(options, [&](const HttpRequest& r) {
    if (r.path == "/boom") return fail();
    return HttpResponse{200, "text/plain", "fine", {}};
  });

  Client c(server->port());
  REQUIRE(c.connected());
  REQUIRE(c.Send(BuildRequest("GET", "/boom")));
  auto reply = c.Read();
  REQUIRE(reply);
  CHECK(reply->status == 500);
  CHECK(reply->headers["content-type"] == "application/json");
  CHECK(reply->body == k500);
  CHECK(reply->headers.count("set-cookie") == 0);
  CHECK(log.Contains(logged));
  // The same connection still works.
  REQUIRE(c.Send(BuildRequest("GET", "/ok")));
  auto next = c.Read();
  REQUIRE(next);
  CHECK(next->status == 200);
  CHECK(next->body == "fine");
}

TEST_CASE("After the destructor returns nothing listens", "[http]") {
  Recorder rec;
  auto server = MustStart(Loopback(), rec.Echo());
  const uint16_t port = server->port();
  Client idle(port);  // an idle keep-alive connection must not hold up the stop
  REQUIRE(idle.connected());
  REQUIRE(Exchange(port, BuildRequest("GET", "/")));
  server.reset();
  Client late(port);
  CHECK_FALSE(late.connected());
  CHECK(late.connect_error() == ECONNREFUSED);
  CHECK(idle.ReadRest().empty());
}

TEST_CASE("The destructor waits for a handler in progress", "[http]") {
  std::mutex mu;
  std::condition_variable cv;
  bool entered = false;
  bool released = false;
  std::atomic<bool> handler_returned{false};
  auto server = MustStart(Loopback(), [&](const HttpRequest&) {
    std::unique_lock lock(mu);
    entered = true;
    cv.notify_all();
    cv.wait_for(lock, kPatience, [&] { return released; });
    handler_returned = true;
    return HttpResponse{};
  });
  Client c(server->port());
  REQUIRE(c.connected());
  REQUIRE(c.Send(BuildRequest("GET", "/slow")));
  {
    std::unique_lock lock(mu);
    REQUIRE(cv.wait_for(lock, kPatience, [&] { return entered; }));
  }

  bool returned_before_destructor = false;
  std::thread stopper([&] {
    server.reset();
    returned_before_destructor = handler_returned.load();
  });
  // Stopping closes the connection under the running handler first; once
  // the client sees that, the destructor is underway.
  CHECK_FALSE(c.Read().has_value());
  {
    std::lock_guard lock(mu);
    released = true;
  }
  cv.notify_all();
  stopper.join();
  CHECK(returned_before_destructor);
}

// ---------------------------------------------------------------------------
// HTTPS

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tellal-http-test-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) != nullptr) path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

// The certificate and key PEMs, or nullopt when no tool could make them.
std::optional<std::pair<std::string, std::string>> MakeCertificate(const TempDir& dir) {
  auto made = tellal::testing::MakeSelfSignedCert(dir.path.string());
  if (!made) return std::nullopt;
  return std::make_pair(made->cert_pem, made->key_pem);
}

TEST_CASE("HTTPS serves TLS only and bad PEM fails to start", "[http][tls]") {
  TempDir dir;
  REQUIRE_FALSE(dir.path.empty());
  auto pem = MakeCertificate(dir);
  if (!pem) {
    WARN("neither openssl nor certtool could make a certificate; HTTPS not tested");
    return;
  }
  HttpServerOptions options = Loopback();
  options.tls_cert_pem = pem->first;
  options.tls_key_pem = pem->second;
  LogSink log;
  options.log = log.Fn();
  Recorder rec;
  auto server = MustStart(options, rec.Echo());
  REQUIRE(server->port() != 0);

  SECTION("plain HTTP gets no HTTP answer") {
    Client c(server->port());
    REQUIRE(c.connected());
    c.Send(BuildRequest("GET", "/plain"));
    CHECK(c.ReadRest().rfind("HTTP/", 0) != 0);
    CHECK(rec.count() == 0);
  }

#ifdef TELLAL_TEST_HAVE_GNUTLS
  SECTION("a TLS client that trusts the certificate gets its answer") {
    Client c(server->port());
    REQUIRE(c.connected());
    gnutls_certificate_credentials_t credentials = nullptr;
    REQUIRE(gnutls_certificate_allocate_credentials(&credentials) == GNUTLS_E_SUCCESS);
    gnutls_datum_t ca{reinterpret_cast<unsigned char*>(pem->first.data()), static_cast<unsigned>(pem->first.size())};
    CHECK(gnutls_certificate_set_x509_trust_mem(credentials, &ca, GNUTLS_X509_FMT_PEM) == 1);
    gnutls_session_t session = nullptr;
    REQUIRE(gnutls_init(&session, GNUTLS_CLIENT) == GNUTLS_E_SUCCESS);
    gnutls_set_default_priority(session);
    gnutls_credentials_set(session, GNUTLS_CRD_CERTIFICATE, credentials);
    gnutls_server_name_set(session, GNUTLS_NAME_DNS, "localhost", 9);
    gnutls_session_set_verify_cert(session, "localhost", 0);
    gnutls_transport_set_int(session, c.fd());
    gnutls_handshake_set_timeout(session, 10000);
    int rc;
    do {
      rc = gnutls_handshake(session);
    } while (rc < 0 && gnutls_error_is_fatal(rc) == 0);
    INFO("handshake: " << gnutls_strerror(rc));
    CHECK(rc == GNUTLS_E_SUCCESS);
    if (rc == GNUTLS_E_SUCCESS) {
      const std::string request = BuildRequest("POST", "/secure?x=1", "gizli");
      CHECK(gnutls_record_send(session, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
      ResponseReader reader([&](char* p, std::size_t n) {
        ssize_t got;
        do {
          got = gnutls_record_recv(session, p, n);
        } while (got == GNUTLS_E_AGAIN || got == GNUTLS_E_INTERRUPTED);
        return static_cast<long>(got);
      });
      auto reply = reader.Next();
      REQUIRE(reply);
      CHECK(reply->status == 200);
      CHECK(reply->body == "gizli");
      CHECK(rec.last().QueryValue("x") == std::optional<std::string>("1"));
      gnutls_bye(session, GNUTLS_SHUT_WR);
    }
    gnutls_deinit(session);
    gnutls_certificate_free_credentials(credentials);
  }
#endif

  SECTION("a key that is not PEM is refused at start") {
    HttpServerOptions bad = Loopback();
    bad.tls_cert_pem = pem->first;
    bad.tls_key_pem = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n";
    auto started = HttpServer::Start(bad, rec.Echo());
    REQUIRE_FALSE(started.ok());
    CHECK_THAT(started.error().message, Catch::StartsWith("http server on 127.0.0.1:0: "));
    INFO(started.error().message);
    CHECK(started.error().message.size() > std::string("http server on 127.0.0.1:0: ").size());
  }
}

}  // namespace
}  // namespace tellal::web

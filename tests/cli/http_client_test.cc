#include "daemon/cli/http_client.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "fake_http_server.h"

using tellal::cli::HttpClient;
using tellal::cli::HttpClientOptions;
using tellal::cli::HttpReply;
using tellal::cli::HttpResponseParser;
using tellal::cli::ParseHttpUrl;
using tellal::cli::testing::CannedReply;
using tellal::cli::testing::FakeHttpServer;
using tellal::cli::testing::RecordedRequest;
using tellal::cli::testing::RefusingPort;
using tellal::cli::testing::Reply;
using tellal::cli::testing::SilentListener;

namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

HttpClient ClientFor(const std::string& url, HttpClientOptions options = {}) {
  auto parsed = ParseHttpUrl(url);
  REQUIRE(parsed.ok());
  return HttpClient(*parsed, options);
}

struct Parsed {
  bool ok = false;
  std::string error;
  HttpReply reply;
  bool keep_alive = false;
};

// Feeds `bytes` in pieces cut at `cuts` (ascending offsets), then reports
// EOF if the parser still wants more and `eof` is set.
Parsed ParseInPieces(const std::string& bytes, const std::vector<size_t>& cuts, bool eof) {
  HttpResponseParser parser;
  Parsed out;
  size_t pos = 0;
  std::vector<size_t> ends = cuts;
  ends.push_back(bytes.size());
  for (size_t end : ends) {
    auto used = parser.Feed(std::string_view(bytes).substr(pos, end - pos));
    if (!used) {
      out.error = used.error().message;
      return out;
    }
    pos = end;
    if (parser.Done()) break;
  }
  if (!parser.Done() && eof) {
    auto end = parser.FinishAtEof();
    if (!end) {
      out.error = end.message();
      return out;
    }
  }
  if (!parser.Done()) {
    out.error = "incomplete";
    return out;
  }
  out.ok = true;
  out.keep_alive = parser.keep_alive();
  out.reply = parser.TakeReply();
  return out;
}

}  // namespace

TEST_CASE("ParseHttpUrl accepts http URLs with host, port and base path", "[http]") {
  auto [url, host, port, base] = GENERATE(table<std::string, std::string, int, std::string>({
      {"http://127.0.0.1:8080", "127.0.0.1", 8080, ""},
      {"http://localhost", "localhost", 80, ""},
      {"HTTP://[::1]:9000/", "::1", 9000, ""},
      {"http://gw.local:8080/tellal/", "gw.local", 8080, "/tellal"},
  }));
  CAPTURE(url);
  auto parsed = ParseHttpUrl(url);
  REQUIRE(parsed.ok());
  CHECK(parsed->host == host);
  CHECK(parsed->port == port);
  CHECK(parsed->base_path == base);
}

TEST_CASE("ParseHttpUrl refuses what the client cannot use, saying why", "[http]") {
  auto [url, reason] = GENERATE(table<std::string, std::string>({
      {"https://gw.example:8443", "https is not supported by tellal's built-in client"},
      {"127.0.0.1:8080", "has no scheme"},
      {"ftp://host", "scheme 'ftp' is not supported"},
      {"http://user:pw@host", "user information is not supported"},
      {"http://::1:8080", "must be written in brackets"},
      {"http://[::1:8080", "'[' without ']'"},
      {"http://host:0", "port 0 is outside 1..65535"},
      {"http://host:99999", "port 99999 is outside 1..65535"},
      {"http://host:8o", "port '8o' is not a number"},
      {"http://host:", "empty port"},
      {"http://host/x?a=b", "a query or fragment is not allowed"},
      {"http://:80", "no host"},
  }));
  CAPTURE(url);
  auto parsed = ParseHttpUrl(url);
  REQUIRE_FALSE(parsed.ok());
  CHECK(Contains(parsed.error().message, reason));
}

TEST_CASE("https is refused with a pointer to the loopback listener or curl", "[http]") {
  auto parsed = ParseHttpUrl("https://10.0.0.5:8443");
  REQUIRE_FALSE(parsed.ok());
  CHECK(Contains(parsed.error().message, "http://127.0.0.1:8080"));
  CHECK(Contains(parsed.error().message, "curl"));
}

TEST_CASE("HttpUrl::ToString brackets IPv6 and keeps the base path", "[http]") {
  CHECK(ParseHttpUrl("http://[::1]:81/p")->ToString() == "http://[::1]:81/p");
  CHECK(ParseHttpUrl("http://localhost")->ToString() == "http://localhost:80");
}

TEST_CASE("Responses parse identically whole, byte by byte and split at every position", "[http]") {
  auto [name, bytes, status, body, keep_alive] = GENERATE(table<std::string, std::string, int, std::string, bool>({
      {"content-length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello", 200, "hello", true},
      {"chunked with extension and trailer",
       "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n5;name=v\r\nhello\r\n7\r\n, world\r\n0\r\nX-T: "
       "t\r\n\r\n",
       202, "hello, world", true},
      {"chunked uppercase hex", "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n",
       200, "0123456789", true},
      {"interim 100 skipped", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "ok",
       true},
      {"LF line ends, 204 has no body", "HTTP/1.1 204 No Content\nX: y\n\n", 204, "", true},
      {"connection close", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", 200, "x", false},
      {"HTTP/1.0 closes by default", "HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", 200, "x", false},
      {"HTTP/1.0 keep-alive", "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx", 200, "x",
       true},
      {"repeated equal Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nab", 200, "ab", true},
      {"no status reason", "HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n", 404, "", true},
      {"body until close", "HTTP/1.1 500 Internal Server Error\r\n\r\nsomething broke", 500, "something broke", false},
      {"empty line before status", "\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 200, "", true},
  }));
  CAPTURE(name);
  const Parsed whole = ParseInPieces(bytes, {}, true);
  REQUIRE(whole.error == "");
  CHECK(whole.reply.status == status);
  CHECK(whole.reply.body == body);
  CHECK(whole.keep_alive == keep_alive);

  std::vector<size_t> every;
  for (size_t i = 1; i < bytes.size(); ++i) every.push_back(i);
  const Parsed bytewise = ParseInPieces(bytes, every, true);
  REQUIRE(bytewise.error == "");
  CHECK(bytewise.reply.body == body);
  CHECK(bytewise.reply.headers == whole.reply.headers);
  for (size_t cut = 1; cut < bytes.size(); ++cut) {
    CAPTURE(cut);
    const Parsed split = ParseInPieces(bytes, {cut}, true);
    REQUIRE(split.error == "");
    CHECK(split.reply.status == status);
    CHECK(split.reply.body == body);
    CHECK(split.keep_alive == keep_alive);
  }
}

TEST_CASE("A chunked reply's trailers join its headers", "[http]") {
  const Parsed p = ParseInPieces(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-Checksum: 42\r\n\r\n", {}, false);
  REQUIRE(p.ok);
  CHECK(p.reply.Header("x-checksum") == "42");
  CHECK(p.reply.Header("TRANSFER-ENCODING") == "chunked");
  CHECK_FALSE(p.reply.Header("missing").has_value());
}

TEST_CASE("Bytes after a complete response are left unconsumed", "[http]") {
  HttpResponseParser parser;
  const std::string bytes = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA";
  auto used = parser.Feed(bytes);
  REQUIRE(used.ok());
  CHECK(*used == bytes.size() - 5);
  CHECK(parser.Done());
  auto more = parser.Feed("more");
  REQUIRE(more.ok());
  CHECK(*more == 0);
}

TEST_CASE("A HEAD response has no body whatever its Content-Length", "[http]") {
  HttpResponseParser parser(/*head_request=*/true);
  auto used = parser.Feed("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n");
  REQUIRE(used.ok());
  CHECK(parser.Done());
  CHECK(parser.TakeReply().body.empty());
}

TEST_CASE("Malformed responses fail with the reason", "[http]") {
  auto [name, bytes, reason] = GENERATE(table<std::string, std::string, std::string>({
      {"HTTP/2", "HTTP/2 200 OK\r\n\r\n", "malformed status line 'HTTP/2 200 OK'"},
      {"two-digit status", "HTTP/1.1 20 OK\r\n\r\n", "malformed status line"},
      {"not HTTP", "SSH-2.0-OpenSSH_9.2\r\n", "malformed status line 'SSH-2.0-OpenSSH_9.2'"},
      {"header without colon", "HTTP/1.1 200 OK\r\nBad Header\r\n\r\n", "header line 'Bad Header' is not NAME: VALUE"},
      {"space before colon", "HTTP/1.1 200 OK\r\nX-A : b\r\n\r\n", "is not NAME: VALUE"},
      {"folded header", "HTTP/1.1 200 OK\r\nX-A: b\r\n c\r\n\r\n", "obsolete folded header line"},
      {"conflicting lengths", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
       "conflicting Content-Length values"},
      {"negative length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "bad Content-Length '-1'"},
      {"gzip", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "unsupported transfer coding 'gzip'"},
      {"bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "bad chunk size 'zz'"},
      {"chunk longer than said", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n",
       "chunk data longer than its size"},
      {"101", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", "unexpected 101"},
      {"huge header", "HTTP/1.1 200 OK\r\nX-Big: " + std::string(70000, 'a') + "\r\n\r\n",
       "response headers exceed 65536 bytes"},
  }));
  CAPTURE(name);
  const Parsed p = ParseInPieces(bytes, {}, false);
  CHECK_FALSE(p.ok);
  CHECK(Contains(p.error, reason));
}

TEST_CASE("A body over the limit is refused before it is read", "[http]") {
  HttpResponseParser parser(false, 10);
  auto used = parser.Feed("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n");
  REQUIRE_FALSE(used.ok());
  CHECK(used.error().message == "response body of 11 bytes exceeds the limit of 10");

  HttpResponseParser chunked(false, 10);
  auto c = chunked.Feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message == "response body exceeds 10 bytes");
}

TEST_CASE("A connection closed early says what was cut short", "[http]") {
  auto [bytes, reason] = GENERATE(table<std::string, std::string>({
      {"", "connection closed before a response"},
      {"HTTP/1.1 2", "connection closed inside the status line"},
      {"HTTP/1.1 200 OK\r\nContent-", "connection closed inside the response headers"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhe", "connection closed after 2 of 5 body bytes"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", "connection closed inside the chunked body"},
  }));
  CAPTURE(bytes);
  const Parsed p = ParseInPieces(bytes, {}, true);
  CHECK_FALSE(p.ok);
  CHECK(p.error == reason);
}

TEST_CASE("The client keeps one connection for consecutive requests", "[http]") {
  FakeHttpServer server([](const RecordedRequest& r) { return Reply(200, "{\"echo\":\"" + r.target + "\"}"); });
  HttpClient client = ClientFor(server.url());
  for (int i = 0; i < 3; ++i) {
    auto reply = client.Request("GET", "/x/" + std::to_string(i));
    REQUIRE(reply.ok());
    CHECK(reply->status == 200);
    CHECK(reply->body == "{\"echo\":\"/x/" + std::to_string(i) + "\"}");
  }
  CHECK(server.connections() == 1);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].Header("Host") == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(requests[0].Header("User-Agent").value_or("").rfind("tellal/", 0) == 0);
  CHECK_FALSE(requests[0].Header("Content-Length").has_value());
}

TEST_CASE("A POST carries its body, Content-Length and the caller's headers", "[http]") {
  FakeHttpServer server([](const RecordedRequest&) { return Reply(202, "{}"); });
  HttpClient client = ClientFor(server.url() + "/prefix/");
  const std::string body = "{\"text\":\"Merhaba Ayşe\"}";
  auto reply = client.Request("POST", "/api/v1/messages", body, {{"X-Test", "1"}});
  REQUIRE(reply.ok());
  CHECK(reply->status == 202);
  const auto r = server.requests().at(0);
  CHECK(r.method == "POST");
  CHECK(r.target == "/prefix/api/v1/messages");
  CHECK(r.body == body);
  CHECK(r.Header("Content-Length") == std::to_string(body.size()));
  CHECK(r.Header("x-test") == "1");
}

TEST_CASE("Chunked and close-delimited replies arrive whole over a socket", "[http]") {
  const std::string body(5000, 'z');
  FakeHttpServer server([&body](const RecordedRequest& r) {
    CannedReply reply = Reply(200, body);
    reply.chunked = r.path == "/chunked";
    reply.end_by_close = r.path == "/close";
    return reply;
  });
  HttpClient client = ClientFor(server.url());
  auto chunked = client.Request("GET", "/chunked");
  REQUIRE(chunked.ok());
  CHECK(chunked->body == body);
  CHECK(client.connected());
  auto closed = client.Request("GET", "/close");
  REQUIRE(closed.ok());
  CHECK(closed->body == body);
  CHECK_FALSE(client.connected());
  auto again = client.Request("GET", "/chunked");
  REQUIRE(again.ok());
  CHECK(server.connections() == 2);
}

TEST_CASE("The client reconnects after the server closes the connection", "[http]") {
  FakeHttpServer server([](const RecordedRequest& r) {
    CannedReply reply = Reply(202, "{}");
    reply.close = r.path == "/close";
    // Says keep-alive, then closes: the server's idle timeout firing
    // between two requests.
    reply.drop_after = r.path == "/drop";
    return reply;
  });
  HttpClient client = ClientFor(server.url());
  REQUIRE(client.Request("POST", "/close", "{}").ok());
  CHECK_FALSE(client.connected());
  REQUIRE(client.Request("POST", "/drop", "{}").ok());
  // Wait until the server has closed its end, so the next request meets a
  // dead kept connection rather than racing the close.
  REQUIRE(client.connected());
  while (server.closed_connections() < 2) std::this_thread::yield();
  auto after = client.Request("POST", "/after", "{}");
  REQUIRE(after.ok());
  CHECK(after->status == 202);
  CHECK(server.requests().size() == 3);
  CHECK(server.requests()[2].connection == 3);
}

TEST_CASE("Connection refused names the URL", "[http]") {
  RefusingPort refusing;
  HttpClient client = ClientFor("http://127.0.0.1:" + std::to_string(refusing.port()));
  auto reply = client.Request("GET", "/api/v1/modems");
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error().message ==
        "cannot connect to http://127.0.0.1:" + std::to_string(refusing.port()) + ": Connection refused");
}

TEST_CASE("A server that never answers times out", "[http]") {
  SilentListener silent;
  HttpClientOptions options;
  options.read_timeout = std::chrono::milliseconds(200);
  HttpClient client = ClientFor("http://127.0.0.1:" + std::to_string(silent.port()), options);
  auto reply = client.Request("GET", "/");
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error().message ==
        "no response from http://127.0.0.1:" + std::to_string(silent.port()) + " within 200 ms");
}

TEST_CASE("Malformed requests are refused before anything is sent", "[http]") {
  FakeHttpServer server([](const RecordedRequest&) { return Reply(200, "{}"); });
  HttpClient client = ClientFor(server.url());
  auto [method, path, header, value, reason] =
      GENERATE(table<std::string, std::string, std::string, std::string, std::string>({
          {"GET", "/ok", "X-Evil", "a\r\nInjected: 1", "header X-Evil: value contains CR, LF or NUL"},
          {"GET", "/ok", "Bad Name", "v", "header name 'Bad Name' is not a token"},
          {"GET", "/ok", "Content-Length", "3", "header Content-Length is set by the client itself"},
          {"GET", "no-slash", "X", "v", "request path 'no-slash' must start with '/'"},
          {"GET", "/a b", "X", "v", "request path contains a space or control character; percent-encode it"},
          {"GE T", "/ok", "X", "v", "HTTP method 'GE T' is not a token"},
      }));
  auto reply = client.Request(method, path, "", {{header, value}});
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error().message == reason);
  CHECK(server.requests().empty());
}

TEST_CASE("With keep-alive off every request says Connection: close", "[http]") {
  FakeHttpServer server([](const RecordedRequest&) { return Reply(200, "{}"); });
  HttpClientOptions options;
  options.keep_alive = false;
  HttpClient client = ClientFor(server.url(), options);
  REQUIRE(client.Request("GET", "/a").ok());
  REQUIRE(client.Request("GET", "/b").ok());
  CHECK(server.connections() == 2);
  CHECK(server.requests()[0].Header("Connection") == "close");
}

#include "daemon/notify/http_url.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::notify {
namespace {

TEST_CASE("ParseHttpUrl splits http URLs into host, port, target and credentials", "[http_url]") {
  struct Row {
    std::string url, host;
    int port;
    std::string target, userinfo, host_header, for_log;
  };
  auto row = GENERATE(values<Row>({
      {"http://example.com/dlr?x=1&y=2", "example.com", 80, "/dlr?x=1&y=2", "", "example.com",
       "http://example.com/dlr"},
      {"HTTP://Example.com:8080", "Example.com", 8080, "/", "", "Example.com:8080", "http://Example.com:8080/"},
      {"http://h?x=1", "h", 80, "/?x=1", "", "h", "http://h/"},
      {"http://u:p%40ss@h:81/a?k=secret#frag", "h", 81, "/a?k=secret", "u:p@ss", "h:81", "http://h:81/a"},
      {"http://[::1]:9000/x", "::1", 9000, "/x", "", "[::1]:9000", "http://[::1]:9000/x"},
      {"http://[fe80::1]/", "fe80::1", 80, "/", "", "[fe80::1]", "http://[fe80::1]/"},
      {"http://h/a b?c=<d>|\"", "h", 80, "/a%20b?c=%3Cd%3E%7C%22", "", "h", "http://h/a%20b"},
      {"http://h/%C5%9F?x=%25", "h", 80, "/%C5%9F?x=%25", "", "h", "http://h/%C5%9F"},
      {"http://h/\xC5\x9F", "h", 80, "/%C5%9F", "", "h", "http://h/%C5%9F"},
      {"http://h:/x", "h", 80, "/x", "", "h", "http://h/x"},
      {"http://127.0.0.1:65535/", "127.0.0.1", 65535, "/", "", "127.0.0.1:65535", "http://127.0.0.1:65535/"},
  }));
  INFO(row.url);
  auto parsed = ParseHttpUrl(row.url);
  REQUIRE(parsed.ok());
  CHECK(parsed->host == row.host);
  CHECK(parsed->port == row.port);
  CHECK(parsed->target == row.target);
  CHECK(parsed->userinfo == row.userinfo);
  CHECK(parsed->HostHeader() == row.host_header);
  CHECK(parsed->ForLog() == row.for_log);
}

TEST_CASE("ParseHttpUrl names what is wrong with a URL it refuses", "[http_url]") {
  auto [url, fragment] = GENERATE(table<std::string, std::string>({
      {"https://h/x", "https is not supported"},
      {"HTTPS://h/x", "https is not supported"},
      {"ftp://h/x", "scheme 'ftp'"},
      {"h/x", "not an absolute http:// URL"},
      {"", "not an absolute http:// URL"},
      {"http:///x", "no host"},
      {"http://:80/x", "no host"},
      {"http://u@/x", "no host"},
      {"http://h:0/", "port '0'"},
      {"http://h:70000/", "port '70000'"},
      {"http://h:8a/", "port '8a'"},
      {"http://h:-1/", "port '-1'"},
      {"http://[::1/", "'[' without ']'"},
      {"http://[::1]x/", "after ']'"},
      {"http://[nothost]/", "not an IPv6 address"},
      {"http://u%zz@h/", "user info: bad percent escape"},
      {"http://h h/", "character ' '"},
      {"http://h\x01/", "is not allowed"},
  }));
  INFO(url);
  auto parsed = ParseHttpUrl(url);
  REQUIRE_FALSE(parsed.ok());
  CHECK_THAT(parsed.error().message, Catch::Contains(fragment));
}

TEST_CASE("UrlForLog drops the query, the fragment and credentials", "[http_url]") {
  auto [url, logged] = GENERATE(table<std::string, std::string>({
      {"http://u:pw@h:1/p?secret=1", "http://h:1/p"},
      {"https://token@h/p#x?y", "https://h/p"},
      {"http://h/p@x?y", "http://h/p@x"},
      {"garbage?password=x", "garbage"},
      {"http://h", "http://h"},
      {"", ""},
  }));
  CHECK(UrlForLog(url) == logged);
}

TEST_CASE("FormatGetRequest writes a complete HTTP/1.1 GET", "[http_url]") {
  auto url = ParseHttpUrl("http://app.example:8080/dlr?s=1");
  REQUIRE(url.ok());
  CHECK(FormatGetRequest(*url, "tellal/0.1") ==
        "GET /dlr?s=1 HTTP/1.1\r\nHost: app.example:8080\r\nUser-Agent: tellal/0.1\r\nConnection: close\r\n\r\n");
}

TEST_CASE("FormatGetRequest sends credentials from the URL as basic authorisation", "[http_url]") {
  auto url = ParseHttpUrl("http://user:p%40ss@h/x");
  REQUIRE(url.ok());
  const std::string request = FormatGetRequest(*url, "ua");
  CHECK_THAT(request, Catch::Contains("\r\nAuthorization: Basic dXNlcjpwQHNz\r\n"));
  CHECK_THAT(request, Catch::StartsWith("GET /x HTTP/1.1\r\nHost: h\r\n"));
}

TEST_CASE("Base64 matches the RFC 4648 test vectors", "[http_url]") {
  auto [in, out] = GENERATE(table<std::string, std::string>({
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
      {std::string("\xff\xfe\x00", 3), "//4A"},
  }));
  CHECK(Base64(in) == out);
}

TEST_CASE("ParseResponseHead reads status and body length", "[http_url]") {
  struct Row {
    std::string bytes;
    int status;
    std::size_t head_size;
    std::optional<std::size_t> content_length;
  };
  auto row = GENERATE(values<Row>({
      {"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, 38, 5},
      {"HTTP/1.1 200 OK\r\ncontent-length:  0 \r\n\r\n", 200, 40, 0},
      {"HTTP/1.0 503\r\n\r\n", 503, 16, std::nullopt},
      {"HTTP/1.1 200 OK\nContent-Length: 2\n\nok", 200, 35, 2},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 9\r\n\r\n", 200, 66, std::nullopt},
      {"HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", 204, 47, 0},
      {"HTTP/1.1 404 Not Found\r\nServer: x\r\n\r\n", 404, 37, std::nullopt},
  }));
  INFO(row.bytes);
  auto parsed = ParseResponseHead(row.bytes);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->has_value());
  CHECK((*parsed)->status == row.status);
  CHECK((*parsed)->head_size == row.head_size);
  CHECK((*parsed)->content_length == row.content_length);
}

TEST_CASE("ParseResponseHead waits for the blank line", "[http_url]") {
  const std::string full = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
  const std::size_t head_end = full.find("\r\n\r\n") + 4;
  for (std::size_t n = 0; n < head_end; ++n) {
    INFO("first " << n << " bytes");
    auto parsed = ParseResponseHead(full.substr(0, n));
    REQUIRE(parsed.ok());
    CHECK_FALSE(parsed->has_value());
  }
  auto parsed = ParseResponseHead(full.substr(0, head_end));
  REQUIRE(parsed.ok());
  CHECK(parsed->has_value());
}

TEST_CASE("ParseResponseHead refuses what is not an HTTP/1 response", "[http_url]") {
  auto [bytes, fragment] = GENERATE(table<std::string, std::string>({
      {"SSH-2.0-OpenSSH", "does not start with HTTP/1."},
      {"<html>", "does not start with HTTP/1."},
      {"HTTP/2 200\r\n\r\n", "malformed status line"},
      {"HTTP/1.1 2x0 OK\r\n\r\n", "malformed status line"},
      {"HTTP/1.1 200OK\r\n\r\n", "malformed status line"},
      {"HTTP/1.1 20\r\n\r\n", "malformed status line"},
      {"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed header line"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n", "bad Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n", "bad Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "conflicting"},
  }));
  INFO(bytes);
  auto parsed = ParseResponseHead(bytes);
  REQUIRE_FALSE(parsed.ok());
  CHECK_THAT(parsed.error().message, Catch::Contains(fragment));
}

}  // namespace
}  // namespace tellal::notify

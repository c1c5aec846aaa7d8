#include "daemon/net/url.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::net {
namespace {

TEST_CASE("ParseUrl splits a URL into host, port, path, query and user", "[url]") {
  struct Row {
    std::string url, scheme, host;
    int port;
    std::string path, query, user, for_log, normalized;
  };
  auto row = GENERATE(values<Row>({
      {"http://example.com/dlr?x=1&y=2", "http", "example.com", 80, "/dlr", "x=1&y=2", "", "http://example.com/dlr",
       "http://example.com/dlr?x=1&y=2"},
      {"HTTP://Example.com:8080", "http", "Example.com", 8080, "/", "", "", "http://Example.com:8080/",
       "http://Example.com:8080/"},
      {"http://h?x=1", "http", "h", 80, "/", "x=1", "", "http://h/", "http://h/?x=1"},
      {"http://u:p%40ss@h:81/a?k=secret#frag", "http", "h", 81, "/a", "k=secret", "u", "http://h:81/a",
       "http://u:p%40ss@h:81/a?k=secret"},
      {"http://[::1]:9000/x", "http", "::1", 9000, "/x", "", "", "http://[::1]:9000/x", "http://[::1]:9000/x"},
      {"https://[fe80::1]/", "https", "fe80::1", 443, "/", "", "", "https://[fe80::1]/", "https://[fe80::1]/"},
      {"http://h/a b?c=d e", "http", "h", 80, "/a%20b", "c=d+e", "", "http://h/a%20b", "http://h/a%20b?c=d+e"},
      {"http://h/%C5%9F?x=%25", "http", "h", 80, "/%C5%9F", "x=%25", "", "http://h/%C5%9F", "http://h/%C5%9F?x=%25"},
      {"http://h/\xC5\x9F", "http", "h", 80, "/%c5%9f", "", "", "http://h/%c5%9f", "http://h/%c5%9f"},
      {"http://h:/x", "http", "h", 80, "/x", "", "", "http://h/x", "http://h/x"},
  }));
  INFO(row.url);
  auto parsed = ParseUrl(row.url);
  REQUIRE(parsed.ok());
  CHECK(parsed->scheme == row.scheme);
  CHECK(parsed->host == row.host);
  CHECK(parsed->port == row.port);
  CHECK(parsed->path == row.path);
  CHECK(parsed->query == row.query);
  CHECK(parsed->user == row.user);
  CHECK(parsed->has_credentials == !row.user.empty());
  CHECK(parsed->ForLog() == row.for_log);
  CHECK(parsed->normalized == row.normalized);
}

TEST_CASE("ParseUrl names what is wrong without repeating the URL", "[url]") {
  auto [url, fragment] = GENERATE(table<std::string, std::string>({
      {"h/x", "not an absolute URL"},
      {"", "not an absolute URL"},
      {"mailto:someone?token=s3cret", "not an absolute URL"},
      {"http://:80/x?token=s3cret", "no host"},
      {"http://h:0/", "port 0 is outside 1..65535"},
      {"http://h:70000/", "port number"},
      {"http://h:8a/", "port number"},
      {"http://[::1/", "bad IPv6 address"},
      {"http://[nothost]/", "bad IPv6 address"},
      {"http://h h/", "bad hostname"},
      {"http://h\x01/", "bad hostname"},
  }));
  INFO(url);
  auto parsed = ParseUrl(url);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == ErrorCode::kInvalidArgument);
  CHECK_THAT(parsed.error().message, Catch::Contains(fragment));
  CHECK_THAT(parsed.error().message, !Catch::Contains("s3cret"));
}

TEST_CASE("PercentEncode keeps only unreserved characters", "[url]") {
  auto [in, out] = GENERATE(table<std::string, std::string>({
      {"", ""},
      {"AZaz09-._~", "AZaz09-._~"},
      {"+905321234567", "%2B905321234567"},
      {"a/b c", "a%2Fb%20c"},
      {"2024-05-01T00:00:00+03:00", "2024-05-01T00%3A00%3A00%2B03%3A00"},
      {"Ayşe", "Ay%C5%9Fe"},
      {std::string("\0&=", 3), "%00%26%3D"},
  }));
  CHECK(PercentEncode(in) == out);
}

TEST_CASE("PercentDecode undoes PercentEncode, and reads '+' as a space when asked", "[url]") {
  auto [in, plus_is_space, out] = GENERATE(table<std::string, bool, std::string>({
      {"", false, ""},
      {"%2B905321234567", false, "+905321234567"},
      {"%2b90", false, "+90"},
      {"Ay%C5%9Fe", false, "Ayşe"},
      {"%00%26%3D", false, std::string("\0&=", 3)},
      {"a+b", false, "a+b"},
      {"Delivered+to+phone", true, "Delivered to phone"},
      {"%2B90+1", true, "+90 1"},
      {"100%", false, "100%"},
  }));
  CHECK(PercentDecode(in, plus_is_space) == out);
}

TEST_CASE("PercentDecode(PercentEncode(x)) is x", "[url]") {
  const std::string value = GENERATE(as<std::string>{}, "", "+90 532", "a/b?c=d&e", "Ayşe Öz", "100%");
  CHECK(PercentDecode(PercentEncode(value)) == value);
  CHECK(PercentDecode(PercentEncode(value), true) == value);
}

TEST_CASE("UrlForLog drops the query, the fragment and credentials", "[url]") {
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

}  // namespace
}  // namespace tellal::net

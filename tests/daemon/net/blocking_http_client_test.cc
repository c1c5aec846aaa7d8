#include "daemon/net/blocking_http_client.h"

#include <catch2/catch.hpp>
#include <string>

#include "support/test_http_server.h"

namespace tellal::net {
namespace {

using testing::RecordedRequest;
using testing::RefusingPort;
using testing::Reply;
using testing::ScriptedReply;
using testing::TestHttpServer;

TEST_CASE("The client keeps one connection for consecutive requests", "[http]") {
  TestHttpServer server([](const RecordedRequest& r) { return Reply(200, "{\"echo\":\"" + r.target + "\"}"); });
  BlockingHttpClient client(server.url());
  for (int i = 0; i < 3; ++i) {
    auto reply = client.Request("GET", "/x/" + std::to_string(i));
    REQUIRE(reply.ok());
    CHECK(reply->status == 200);
    CHECK(reply->body == "{\"echo\":\"/x/" + std::to_string(i) + "\"}");
    CHECK(reply->Header("content-type") == "application/json");
  }
  CHECK(server.connections() == 1);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].Header("Host") == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(requests[0].Header("User-Agent").value_or("").rfind("tellal/", 0) == 0);
  CHECK_FALSE(requests[0].Header("Content-Length").has_value());
  CHECK_FALSE(requests[0].Header("Expect").has_value());
}

TEST_CASE("A POST carries its body, Content-Length and the caller's headers", "[http]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(202, "{}"); });
  BlockingHttpClient client(server.url() + "/prefix");
  const std::string body = "{\"text\":\"Merhaba Ayşe\"}";
  auto reply =
      client.Request("POST", "/api/v1/messages", body, {{"X-Test", "1"}, {"Content-Type", "application/json"}});
  REQUIRE(reply.ok());
  CHECK(reply->status == 202);
  const auto r = server.requests().at(0);
  CHECK(r.method == "POST");
  CHECK(r.target == "/prefix/api/v1/messages");
  CHECK(r.body == body);
  CHECK(r.Header("Content-Length") == std::to_string(body.size()));
  CHECK(r.Header("x-test") == "1");
  CHECK(r.Header("content-type") == "application/json");
}

TEST_CASE("A large POST is sent without waiting for 100 Continue", "[http]") {
  TestHttpServer server([](const RecordedRequest& r) { return Reply(200, std::to_string(r.body.size())); });
  BlockingHttpClient client(server.url());
  const std::string body(3 << 20, 'x');
  auto reply = client.Request("POST", "/big", body);
  REQUIRE(reply.ok());
  CHECK(reply->body == std::to_string(body.size()));
  CHECK_FALSE(server.requests().at(0).Header("Expect").has_value());
}

TEST_CASE("The client reconnects after the server closes the connection", "[http]") {
  TestHttpServer server([](const RecordedRequest& r) {
    ScriptedReply reply = Reply(202, "{}");
    reply.close = r.path == "/close";
    return reply;
  });
  BlockingHttpClient client(server.url());
  REQUIRE(client.Request("POST", "/close", "{}").ok());
  auto after = client.Request("POST", "/after", "{}");
  REQUIRE(after.ok());
  CHECK(after->status == 202);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].connection == 1);
  CHECK(requests[1].connection == 2);
}

TEST_CASE("Close drops the kept connection", "[http]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, "{}"); });
  BlockingHttpClient client(server.url());
  REQUIRE(client.Request("GET", "/a").ok());
  client.Close();
  REQUIRE(client.Request("GET", "/b").ok());
  CHECK(server.connections() == 2);
}

TEST_CASE("Connection refused names the URL", "[http]") {
  RefusingPort refusing;
  const std::string url = "http://127.0.0.1:" + std::to_string(refusing.port());
  BlockingHttpClient client(url);
  auto reply = client.Request("GET", "/api/v1/modems");
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error().code == ErrorCode::kUnavailable);
  CHECK(reply.error().message == "cannot connect to " + url + ": Connection refused");
}

TEST_CASE("A server that never answers times out", "[http]") {
  TestHttpServer server([](const RecordedRequest&) {
    ScriptedReply reply = Reply(200, "{}");
    reply.hold = true;
    return reply;
  });
  HttpTransferOptions options;
  options.timeout = std::chrono::milliseconds(200);
  BlockingHttpClient client(server.url(), options);
  auto reply = client.Request("GET", "/");
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error().code == ErrorCode::kTimeout);
  CHECK(reply.error().message == "no response from " + server.url() + " within 200 ms");
}

TEST_CASE("A body over the limit is an error, not a silent cut", "[http]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, std::string(5000, 'z')); });
  HttpTransferOptions options;
  options.max_body_bytes = 4096;
  BlockingHttpClient client(server.url(), options);
  auto reply = client.Request("GET", "/");
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error().code == ErrorCode::kIoError);
  CHECK(reply.error().message == "response from " + server.url() + " exceeds 4096 bytes");
}

TEST_CASE("Malformed requests are refused before anything is sent", "[http]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, "{}"); });
  BlockingHttpClient client(server.url());
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
  CHECK(reply.error().code == ErrorCode::kInvalidArgument);
  CHECK(reply.error().message == reason);
  CHECK(server.requests().empty());
}

TEST_CASE("With keep-alive off every request says Connection: close", "[http]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, "{}"); });
  HttpTransferOptions options;
  options.keep_alive = false;
  BlockingHttpClient client(server.url(), options);
  REQUIRE(client.Request("GET", "/a").ok());
  REQUIRE(client.Request("GET", "/b").ok());
  CHECK(server.connections() == 2);
  CHECK(server.requests()[0].Header("Connection") == "close");
}

}  // namespace
}  // namespace tellal::net

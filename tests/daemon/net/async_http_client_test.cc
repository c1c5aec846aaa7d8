#include "daemon/net/async_http_client.h"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/run_io_until.h"
#include "support/test_http_server.h"

namespace tellal::net {
namespace {

using std::chrono::milliseconds;
using testing::RecordedRequest;
using testing::RefusingPort;
using testing::Reply;
using testing::RunIoUntil;
using testing::ScriptedReply;
using testing::TestHttpServer;

constexpr milliseconds kWait{5000};

struct Fixture {
  boost::asio::io_context io;
  std::vector<Result<HttpReply>> results;

  AsyncHttpClient::Callback Collect() {
    return [this](Result<HttpReply> r) { results.push_back(std::move(r)); };
  }
  bool WaitFor(std::size_t n) {
    return RunIoUntil(
        io, [&] { return results.size() >= n; }, kWait);
  }
};

HttpRequest Get(const std::string& url) {
  HttpRequest r;
  r.url = url;
  return r;
}

ScriptedReply Held() {
  ScriptedReply reply = Reply(200, "late");
  reply.hold = true;
  return reply;
}

TEST_CASE("A GET's reply arrives on the io thread, never inside Send", "[async_http]") {
  TestHttpServer server([](const RecordedRequest& r) {
    ScriptedReply reply = Reply(201, "body of " + r.target);
    reply.headers.emplace_back("X-Answer", "42");
    return reply;
  });
  Fixture f;
  AsyncHttpClient client(f.io);
  client.Send(Get(server.Url("/x?y=1")), f.Collect());
  CHECK(f.results.empty());
  CHECK(client.active() == 1);
  REQUIRE(f.WaitFor(1));
  REQUIRE(f.results[0].ok());
  CHECK(f.results[0]->status == 201);
  CHECK(f.results[0]->body == "body of /x?y=1");
  CHECK(f.results[0]->Header("x-answer") == "42");
  CHECK(client.active() == 0);
  CHECK(server.requests().at(0).Header("User-Agent").value_or("").rfind("tellal/", 0) == 0);
}

TEST_CASE("A POST carries its body and headers", "[async_http]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(202, "{}"); });
  Fixture f;
  AsyncHttpClient client(f.io);
  HttpRequest request = Get(server.Url("/hook"));
  request.method = "POST";
  request.body = "{\"event\":\"delivered\"}";
  request.headers = {{"Content-Type", "application/json"}};
  client.Send(request, f.Collect());
  REQUIRE(f.WaitFor(1));
  REQUIRE(f.results[0].ok());
  CHECK(f.results[0]->status == 202);
  const RecordedRequest r = server.requests().at(0);
  CHECK(r.method == "POST");
  CHECK(r.body == request.body);
  CHECK(r.Header("content-type") == "application/json");
}

TEST_CASE("Many requests run side by side and each gets its own reply", "[async_http]") {
  TestHttpServer server([](const RecordedRequest& r) { return Reply(200, r.path); });
  Fixture f;
  AsyncHttpClient client(f.io);
  std::vector<std::string> bodies(20);
  for (int i = 0; i < 20; ++i) {
    client.Send(Get(server.Url("/n" + std::to_string(i))), [&bodies, &f, i](Result<HttpReply> r) {
      bodies[i] = r.ok() ? r->body : r.error().message;
      f.results.push_back(std::move(r));
    });
  }
  REQUIRE(f.WaitFor(20));
  for (int i = 0; i < 20; ++i) CHECK(bodies[i] == "/n" + std::to_string(i));
}

TEST_CASE("Kept connections are reused for later requests", "[async_http]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, "{}"); });
  Fixture f;
  AsyncHttpClient client(f.io);
  for (std::size_t i = 1; i <= 3; ++i) {
    client.Send(Get(server.Url("/")), f.Collect());
    REQUIRE(f.WaitFor(i));
  }
  CHECK(server.connections() == 1);
}

TEST_CASE("A refused connection fails as unavailable", "[async_http]") {
  RefusingPort refusing;
  Fixture f;
  AsyncHttpClient client(f.io);
  client.Send(Get("http://127.0.0.1:" + std::to_string(refusing.port()) + "/"), f.Collect());
  REQUIRE(f.WaitFor(1));
  REQUIRE_FALSE(f.results[0].ok());
  CHECK(f.results[0].error().code == ErrorCode::kUnavailable);
  CHECK(f.results[0].error().message == "cannot connect: Connection refused");
}

TEST_CASE("A server that never answers times out, and the connection is closed", "[async_http]") {
  TestHttpServer server([](const RecordedRequest&) { return Held(); });
  Fixture f;
  HttpTransferOptions options;
  options.timeout = milliseconds(200);
  options.keep_alive = false;
  AsyncHttpClient client(f.io, options);
  client.Send(Get(server.Url("/slow")), f.Collect());
  REQUIRE(RunIoUntil(
      f.io, [&] { return client.watched_sockets() == 1; }, kWait));
  REQUIRE(f.WaitFor(1));
  REQUIRE_FALSE(f.results[0].ok());
  CHECK(f.results[0].error().code == ErrorCode::kTimeout);
  CHECK(f.results[0].error().message == "no response within 200 ms");
  CHECK(client.active() == 0);
  CHECK(client.watched_sockets() == 0);
}

TEST_CASE("A cancelled request never calls back and lets go of its socket", "[async_http]") {
  TestHttpServer server([](const RecordedRequest&) { return Held(); });
  Fixture f;
  AsyncHttpClient client(f.io);
  const std::uint64_t id = client.Send(Get(server.Url("/held")), f.Collect());
  REQUIRE(RunIoUntil(
      f.io, [&] { return server.held() == 1; }, kWait));
  client.Cancel(id);
  CHECK(client.active() == 0);
  CHECK(client.watched_sockets() == 0);
  server.Release();
  client.Cancel(id);  // a second time, and an id that is gone, are ignored
  client.Cancel(999);
  (void)RunIoUntil(
      f.io, [] { return false; }, milliseconds(50));
  CHECK(f.results.empty());
}

TEST_CASE("A request curl cannot send fails through its callback", "[async_http]") {
  Fixture f;
  AsyncHttpClient client(f.io);
  HttpRequest bad = Get("http://127.0.0.1:1/");
  bad.headers = {{"X-Evil", "a\r\nInjected: 1"}};
  client.Send(bad, f.Collect());
  CHECK(f.results.empty());
  REQUIRE(f.WaitFor(1));
  REQUIRE_FALSE(f.results[0].ok());
  CHECK(f.results[0].error().code == ErrorCode::kInvalidArgument);
  CHECK(f.results[0].error().message == "header X-Evil: value contains CR, LF or NUL");
}

TEST_CASE("Destroying the client abandons requests in flight without calling back", "[async_http]") {
  TestHttpServer server([](const RecordedRequest&) { return Held(); });
  Fixture f;
  {
    AsyncHttpClient client(f.io);
    client.Send(Get(server.Url("/a")), f.Collect());
    client.Send(Get(server.Url("/b")), f.Collect());
    REQUIRE(RunIoUntil(
        f.io, [&] { return server.held() == 2; }, kWait));
  }
  server.Release();
  (void)RunIoUntil(
      f.io, [] { return false; }, milliseconds(50));
  CHECK(f.results.empty());
}

TEST_CASE("An idle client leaves nothing in the io_context", "[async_http]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, "{}"); });
  Fixture f;
  AsyncHttpClient client(f.io);
  client.Send(Get(server.Url("/")), f.Collect());
  REQUIRE(f.WaitFor(1));
  // Once the finished transfer's handlers (cancelled waits among them) have
  // run, no timer and no socket wait is left: the io_context runs out of work.
  f.io.restart();
  f.io.poll();
  CHECK(f.io.stopped());
  CHECK(client.watched_sockets() == 0);
  CHECK(client.active() == 0);
}

}  // namespace
}  // namespace tellal::net

#include "daemon/notify/dlr_runner.h"

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/store/sqlite/sqlite_store.h"
#include "support/run_io_until.h"
#include "support/self_signed_cert.h"
#include "support/test_http_server.h"
#include "tests/daemon/store/temp_dir.h"

namespace tellal::notify {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using tellal::testing::RecordedRequest;
using tellal::testing::RefusingPort;
using tellal::testing::RunIoUntil;
using tellal::testing::ScriptedReply;
using tellal::testing::TestHttpServer;

constexpr milliseconds kWait{5000};
constexpr char kTo[] = "+905321112233";

int64_t WallNow() {
  return std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::unique_ptr<store::SqliteStore> OpenStore() {
  auto s = store::SqliteStore::OpenInMemory();
  REQUIRE(s.ok());
  return std::move(s).value();
}

// The application receiving the calls: answers with the scripted statuses
// in turn, then `then` (0: holds the answer until the test ends).
class Receiver {
 public:
  explicit Receiver(std::vector<int> script = {}, int then = 200)
      : script_(std::move(script)), then_(then), server_([this](const RecordedRequest&) { return Answer(); }) {}
  std::string Url(const std::string& target) const { return server_.Url(target); }
  std::vector<RecordedRequest> requests() const { return server_.requests(); }
  std::size_t held() const { return server_.held(); }

 private:
  ScriptedReply Answer() {
    int status;
    {
      std::lock_guard lock(mutex_);
      ++seen_;
      status = seen_ <= script_.size() ? script_[seen_ - 1] : then_;
    }
    ScriptedReply r = testing::Reply(status == 0 ? 200 : status, "OK\n");
    r.hold = status == 0;
    return r;
  }
  std::mutex mutex_;
  std::size_t seen_ = 0;  // guarded by mutex_
  const std::vector<int> script_;
  const int then_;
  TestHttpServer server_;  // last: its handler uses the members above
};

struct Fixture {
  asio::io_context io;
  std::unique_ptr<store::SqliteStore> store = OpenStore();
  std::ostringstream log_text;
  std::shared_ptr<spdlog::logger> log = std::make_shared<spdlog::logger>(
      "dlr-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text));

  DlrRunnerOptions Options() {
    DlrRunnerOptions o;
    o.request_timeout = milliseconds(500);
    o.initial_backoff = milliseconds(20);
    o.max_backoff = milliseconds(1000);
    o.max_attempts = 3;
    o.allow_local_targets = true;  // the receivers below listen on loopback
    o.logger = log;
    return o;
  }

  // A message with this dlr-url, taken to `sent` by modem gsm0 (TP-MR 7).
  int64_t SentMessage(const std::string& dlr_url, int mask = 31) {
    store::NewMessage m;
    m.to = kTo;
    m.text = "hi";
    m.encoding = "gsm7";
    m.report_requested = true;
    m.dlr_url = dlr_url;
    m.dlr_mask = mask;
    const int64_t now = WallNow();
    auto queued = store->queue().Enqueue(m, now);
    REQUIRE(queued.ok());
    auto claimed = store->queue().ClaimNext("gsm0", now);
    REQUIRE(claimed.ok());
    REQUIRE(*claimed);
    REQUIRE(store->queue().MarkSegmentSent(queued->id, 1, "gsm0", 7, now).ok());
    REQUIRE(store->queue().MarkSent(queued->id, now).ok());
    return queued->id;
  }
  // The SMSC's report that the message reached the phone.
  void Delivered() {
    store::StatusReport report;
    report.modem = "gsm0";
    report.mr = 7;
    report.recipient = kTo;
    report.status = 0x00;
    auto match = store->queue().ApplyStatusReport(report, WallNow(), 3'600'000);
    REQUIRE(match.ok());
    REQUIRE(*match);
  }
  std::vector<store::DlrCall> Calls(int64_t id) {
    auto calls = store->dlr_calls().CallsFor(id);
    REQUIRE(calls.ok());
    return *calls;
  }
  bool WaitUntilFinished(int64_t id) {
    return RunIoUntil(
        io,
        [&] {
          for (const store::DlrCall& c : Calls(id)) {
            if (c.state == store::DlrCallState::kPending) return false;
          }
          return true;
        },
        kWait);
  }
  void RunFor(milliseconds d) {
    asio::steady_timer t(io, d);
    bool done = false;
    t.async_wait([&](const boost::system::error_code&) { done = true; });
    RunIoUntil(
        io, [&] { return done; }, d + kWait);
  }
};

TEST_CASE("A message's sent and delivered calls arrive in order, expanded from the message", "[dlr_runner]") {
  Fixture f;
  Receiver app;
  DlrRunner runner(f.io, f.store->dlr_calls(), f.Options());
  runner.Start();
  const int64_t id = f.SentMessage(app.Url("/dlr?type=%d&id=%I&to=%p&smsc=%i&answer=%A&t=%T"));
  f.Delivered();
  REQUIRE(f.WaitUntilFinished(id));

  const auto calls = f.Calls(id);
  REQUIRE(calls.size() == 2);
  const auto requests = app.requests();
  REQUIRE(requests.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(calls[i].state == store::DlrCallState::kDone);
    CHECK(calls[i].attempts == 1);
    CHECK(calls[i].last_status == std::optional<int>(200));
    CHECK(requests[i].method == "GET");
    CHECK(requests[i].Param("id") == std::to_string(id));
    CHECK(requests[i].Param("to") == "%2B905321112233");
    CHECK(requests[i].Param("smsc") == "gsm0");
    CHECK(requests[i].Param("t") == std::to_string(calls[i].state_at / 1000));
  }
  CHECK(requests[0].Param("type") == "8");
  CHECK(requests[0].Param("answer") == "sent");
  CHECK(requests[1].Param("type") == "1");
  CHECK(requests[1].Param("answer") == "delivered");
}

TEST_CASE("A 5xx is retried after the back-off and the retry's 2xx finishes the call", "[dlr_runner]") {
  Fixture f;
  Receiver app({500, 503});
  DlrRunner runner(f.io, f.store->dlr_calls(), f.Options());
  runner.Start();
  const int64_t id = f.SentMessage(app.Url("/dlr?type=%d"), 8);
  REQUIRE(f.WaitUntilFinished(id));
  const auto calls = f.Calls(id);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].state == store::DlrCallState::kDone);
  CHECK(calls[0].attempts == 3);
  CHECK(app.requests().size() == 3);
  const std::string log = f.log_text.str();
  CHECK_THAT(log, Catch::Contains("attempt 1/3 failed: HTTP 500; retrying in 20 ms"));
  CHECK_THAT(log, Catch::Contains("attempt 2/3 failed: HTTP 503; retrying in 40 ms"));
}

TEST_CASE("A 4xx fails the call at once", "[dlr_runner]") {
  Fixture f;
  Receiver app({404});
  DlrRunner runner(f.io, f.store->dlr_calls(), f.Options());
  runner.Start();
  const int64_t id = f.SentMessage(app.Url("/gone?token=hunter2"), 8);
  REQUIRE(f.WaitUntilFinished(id));
  const auto calls = f.Calls(id);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].state == store::DlrCallState::kFailed);
  CHECK(calls[0].attempts == 1);
  CHECK(calls[0].last_status == std::optional<int>(404));
  f.RunFor(milliseconds(60));
  CHECK(app.requests().size() == 1);
  CHECK_THAT(f.log_text.str(), Catch::Contains("/gone: HTTP 404; not retried"));
  CHECK_THAT(f.log_text.str(), !Catch::Contains("hunter2"));
}

TEST_CASE("A refused connection is given up after max_attempts", "[dlr_runner]") {
  Fixture f;
  RefusingPort closed;
  DlrRunner runner(f.io, f.store->dlr_calls(), f.Options());
  runner.Start();
  const int64_t id = f.SentMessage("http://127.0.0.1:" + std::to_string(closed.port()) + "/dlr", 8);
  REQUIRE(f.WaitUntilFinished(id));
  const auto calls = f.Calls(id);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].state == store::DlrCallState::kFailed);
  CHECK(calls[0].attempts == 3);
  CHECK_FALSE(calls[0].last_status);
  CHECK_THAT(calls[0].last_error.value_or(""), Catch::Contains("cannot connect"));
  CHECK_THAT(f.log_text.str(), Catch::Contains("attempt 3/3 failed") && Catch::Contains("giving up"));
}

TEST_CASE("URLs the runner must not call fail at once, without a request", "[dlr_runner]") {
  const auto [allow_local, url_head, reason] = GENERATE(table<bool, std::string, std::string>({
      {true, "ftp://127.0.0.1:{port}/dlr", "scheme 'ftp' is not supported"},
      {true, "mailto:someone", "not an absolute URL"},
      {false, "http://127.0.0.1:{port}/dlr", "local"},
  }));
  CAPTURE(url_head);
  Fixture f;
  Receiver app;
  std::string url = url_head;
  const std::string base = app.Url("");
  if (auto at = url.find("{port}"); at != std::string::npos) {
    url.replace(at, 6, base.substr(base.rfind(':') + 1));
  }
  auto options = f.Options();
  options.allow_local_targets = allow_local;
  DlrRunner runner(f.io, f.store->dlr_calls(), options);
  runner.Start();
  const int64_t id = f.SentMessage(url + "?type=%d", 8);
  REQUIRE(f.WaitUntilFinished(id));
  const auto calls = f.Calls(id);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].state == store::DlrCallState::kFailed);
  CHECK(calls[0].attempts == 1);  // not retried
  CHECK_THAT(calls[0].last_error.value_or(""), Catch::Contains(reason));
  CHECK(app.requests().empty());
}

TEST_CASE("Calls written before the runner started are made when it starts", "[dlr_runner]") {
  Fixture f;
  Receiver app;
  const int64_t id = f.SentMessage(app.Url("/dlr?type=%d"));
  f.Delivered();
  f.RunFor(milliseconds(20));
  CHECK(app.requests().empty());
  DlrRunner runner(f.io, f.store->dlr_calls(), f.Options());
  runner.Start();
  REQUIRE(f.WaitUntilFinished(id));
  const auto requests = app.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].Param("type") == "8");
  CHECK(requests[1].Param("type") == "1");
}

TEST_CASE("No more than max_in_flight calls run at once, and Stop leaves them pending", "[dlr_runner]") {
  Fixture f;
  Receiver app({}, 0);  // never answers
  auto options = f.Options();
  options.max_in_flight = 2;
  options.request_timeout = milliseconds(5000);
  std::vector<int64_t> ids;
  {
    DlrRunner runner(f.io, f.store->dlr_calls(), options);
    runner.Start();
    for (int i = 0; i < 3; ++i) {
      // A message each: one call of each may run.
      store::NewMessage m;
      m.to = kTo;
      m.text = "hi";
      m.encoding = "gsm7";
      m.dlr_url = app.Url("/dlr?id=%I");
      m.dlr_mask = 16;
      auto queued = f.store->queue().Enqueue(m, WallNow());
      REQUIRE(queued.ok());
      REQUIRE(f.store->queue().Cancel(queued->id, WallNow()).ok());
      ids.push_back(queued->id);
    }
    REQUIRE(RunIoUntil(
        f.io, [&] { return app.held() == 2; }, kWait));
    f.RunFor(milliseconds(50));
    CHECK(app.held() == 2);
    CHECK(runner.in_flight() == 2);
    runner.Stop();
  }
  for (int64_t id : ids) {
    const auto calls = f.Calls(id);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].state == store::DlrCallState::kPending);
    CHECK(calls[0].attempts == 0);
  }
}

TEST_CASE("A receiver that never answers times out, and the retry's 2xx finishes the call", "[dlr_runner]") {
  Fixture f;
  Receiver app({0});  // holds the first answer
  auto options = f.Options();
  options.request_timeout = milliseconds(200);
  DlrRunner runner(f.io, f.store->dlr_calls(), options);
  runner.Start();
  const int64_t id = f.SentMessage(app.Url("/dlr?type=%d"), 8);
  REQUIRE(f.WaitUntilFinished(id));
  const auto calls = f.Calls(id);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].state == store::DlrCallState::kDone);
  CHECK(calls[0].attempts == 2);
  CHECK(app.requests().size() == 2);
  CHECK_THAT(f.log_text.str(), Catch::Contains("attempt 1/3 failed") && Catch::Contains("retrying in 20 ms"));
}

TEST_CASE("An https dlr-url is called on a server the CA file trusts, and fails when untrusted", "[dlr_runner]") {
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
  const bool trusted = GENERATE(true, false);
  CAPTURE(trusted);
  if (trusted) options.ca_file = cert->cert_file;
  DlrRunner runner(f.io, f.store->dlr_calls(), options);
  runner.Start();
  const int64_t id = f.SentMessage(server.Url("/dlr?type=%d"), 8);
  REQUIRE(f.WaitUntilFinished(id));
  const auto calls = f.Calls(id);
  REQUIRE(calls.size() == 1);
  if (trusted) {
    INFO(calls[0].last_error.value_or(""));
    CHECK(calls[0].state == store::DlrCallState::kDone);
    REQUIRE(server.requests().size() == 1);
    CHECK(server.requests()[0].target == "/dlr?type=8");
  } else {
    CHECK(calls[0].state == store::DlrCallState::kFailed);
    CHECK(server.requests().empty());
  }
}

}  // namespace
}  // namespace tellal::notify

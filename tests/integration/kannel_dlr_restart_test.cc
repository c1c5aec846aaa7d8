// Kannel dlr-url calls are durable: a call the application's server could
// not take before tellald stopped (SIGTERM) or died (SIGKILL) is made after
// the restart, the message's `sent` call before its `delivered` one.
#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <string>
#include <vector>

#include "daemon/net/url.h"
#include "daemon_harness.h"
#include "http_tools.h"
#include "support/test_http_server.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

// The application's dlr-url receiver: "down" answers 503 (its backend is
// unavailable), "up" answers 200. Records each call's type and answer.
class DlrReceiver {
 public:
  DlrReceiver()
      : server_([this](const testing::RecordedRequest& r) {
          const int status = up_ ? 200 : 503;
          std::lock_guard lock(mutex_);
          calls_.push_back(QueryValue(r.target, "type") + "@" + std::to_string(status));
          return testing::Reply(status, "");
        }) {}

  void Up() { up_ = true; }
  std::string Url() const { return server_.Url("/dlr?type=%d&id=%I"); }
  // "8@503", "8@200", "1@200", ... in arrival order.
  std::vector<std::string> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }
  std::vector<std::string> Accepted() const {
    std::vector<std::string> out;
    for (const std::string& c : calls()) {
      if (c.ends_with("@200")) out.push_back(c.substr(0, c.find('@')));
    }
    return out;
  }

 private:
  std::atomic<bool> up_{false};
  mutable std::mutex mutex_;
  std::vector<std::string> calls_;  // guarded by mutex_
  testing::TestHttpServer server_;  // last: its handler uses the members above
};

TEST_CASE("Kannel dlr-url calls pending at a stop or a crash are made after the restart, in order", "[kannel]") {
  const bool crash = GENERATE(false, true);
  CAPTURE(crash);
  DlrReceiver app;
  // The receiver is on loopback, which a dlr-url may name only when allowed.
  DaemonHarness h(HarnessOptions()
                      .Modems(1)
                      .HttpIni("kannel_username = shop\nkannel_password = s3cret\ndlr_url_allow_local = yes")
                      .Modem([](int, vmodem::Options& o) { o.status_report_delay = 300ms; }));
  // dlr-mask 9: delivered to the phone (1) and to the SMSC (8).
  const ApiReply sent = h.RawRequest("GET",
                                     "/cgi-bin/sendsms?username=shop&password=s3cret&to=%2B905321234567&text=durable"
                                     "&dlr-mask=9&dlr-url=" +
                                         net::PercentEncode(app.Url()),
                                     "", {});
  INFO("sendsms: " << sent.status << " " << sent.raw);
  REQUIRE(sent.status == 202);

  // The message is delivered while the receiver is down: its `sent` call
  // was tried and refused, the `delivered` one waits behind it.
  REQUIRE(h.WaitUntil(
      [&] {
        for (const auto& [id, m] : h.AllMessages()) {
          if (m.value("text", "") == "durable") return m.value("state", "") == "delivered";
        }
        return false;
      },
      20s, 50ms));
  REQUIRE(h.WaitUntil([&] { return !app.calls().empty(); }, 20s, 20ms));
  CHECK(app.Accepted().empty());

  if (crash) {
    h.Kill9();
  } else {
    REQUIRE(h.Stop() == std::optional<int>(0));
  }
  app.Up();
  h.Restart();

  REQUIRE(h.WaitUntil([&] { return app.Accepted().size() >= 2; }, 30s, 50ms));
  const std::vector<std::string> calls = app.calls();
  std::string all;
  for (const std::string& c : calls) all += c + " ";
  INFO("calls: " << all);
  CHECK(app.Accepted() == std::vector<std::string>{"8", "1"});
  // No `delivered` call before the `sent` one was taken.
  CHECK(calls.back() == "1@200");
  for (std::size_t i = 0; i + 1 < calls.size(); ++i) CHECK(calls[i].starts_with("8@"));
}

}  // namespace
}  // namespace tellal::integration

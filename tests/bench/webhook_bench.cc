// webhook_bench: how long an inbound SMS takes to reach a webhook receiver
// on loopback, through the real tellald: from the virtual modem announcing
// the SMS (as the daemon's AT+CNMI asks: +CMTI, or +CMT) to the signed POST
// arriving at a local HTTP server. One SMS at a time, so each figure is one
// message's path (modem read, inbox commit, event, runner, HTTP), not a
// queue's. Prints p50/p95/max; the target is p95 <= 100 ms.
//
//   webhook_bench [--messages N] [--warmup N]     (default 200, 10)
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "modem/vmodem/virtual_modem.h"
#include "support/test_http_server.h"
#include "tests/bench/bench_daemon.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace tellal::bench;

// Arrival times of message.received webhooks, by SMS text.
class Receiver {
 public:
  Receiver()
      : server_([this](const tellal::testing::RecordedRequest& r) {
          const auto at = Clock::now();
          auto body = nlohmann::json::parse(r.body, nullptr, false);
          if (body.is_object() && body["type"] == "message.received" && r.Header("webhook-signature")) {
            std::lock_guard lock(mutex_);
            arrived_[body["data"]["body"].get<std::string>()] = at;
            cv_.notify_all();
          }
          return tellal::testing::Reply(204, "");
        }) {}
  std::string url() const { return server_.Url("/hook"); }
  // The arrival of `text`, waiting up to 10 s; nothing when it did not come.
  std::optional<Clock::time_point> WaitFor(const std::string& text) {
    std::unique_lock lock(mutex_);
    if (!cv_.wait_for(lock, std::chrono::seconds(10), [&] { return arrived_.count(text) != 0; })) return std::nullopt;
    return arrived_[text];
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::map<std::string, Clock::time_point> arrived_;
  tellal::testing::TestHttpServer server_;
};

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  int messages = 200;
  int warmup = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--messages") {
      messages = std::atoi(argv[i + 1]);
    } else if (k == "--warmup") {
      warmup = std::atoi(argv[i + 1]);
    } else {
      std::fprintf(stderr, "usage: webhook_bench [--messages N] [--warmup N]\n");
      return 2;
    }
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/tellal-webhook-bench-XXXXXX";
  const std::string dir = mkdtemp(pattern.data());

  boost::asio::io_context modem_io;
  auto guard = boost::asio::make_work_guard(modem_io);
  tellal::vmodem::Options o;
  o.name = "sim1";
  o.link_dir = dir;
  auto modem = std::make_unique<tellal::vmodem::VirtualModem>(modem_io, o);
  std::thread modem_thread([&] { modem_io.run(); });

  Receiver receiver;
  const int port = FreePort();
  const std::string token = "bench-token-0123456789";
  const std::string config = WriteConfig(dir, port, token, {modem->device_path()});
  const pid_t pid = fork();
  if (pid == 0) {
    execl(TELLALD_PATH, "tellald", "--config", config.c_str(), nullptr);
    _exit(127);
  }
  tellal::net::BlockingHttpClient http("http://127.0.0.1:" + std::to_string(port));
  const tellal::net::HttpHeaders auth = {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
  int status = 1;
  std::vector<double> ms;
  if (!WaitReady(http, token, 1)) {
    std::fprintf(stderr, "daemon did not become ready\n");
  } else {
    const nlohmann::json hook = {{"url", receiver.url()}, {"events", {"message.received"}}};
    auto r = http.Request("POST", "/api/v1/webhooks", hook.dump(), auth);
    if (!r || r->status != 201) {
      std::fprintf(stderr, "POST /api/v1/webhooks failed\n");
    } else {
      bool ok = true;
      for (int i = 0; i < warmup + messages && ok; ++i) {
        const std::string text = "bench " + std::to_string(i);
        const std::string sender = "+90555" + std::to_string(1000000 + i);
        std::promise<Clock::time_point> announced;
        boost::asio::post(modem_io, [&] {
          const auto t0 = Clock::now();
          modem->ReceiveSms(sender, text);
          announced.set_value(t0);
        });
        const Clock::time_point t0 = announced.get_future().get();
        auto arrived = receiver.WaitFor(text);
        if (!arrived) {
          std::fprintf(stderr, "webhook for '%s' did not arrive within 10 s\n", text.c_str());
          ok = false;
        } else if (i >= warmup) {
          ms.push_back(std::chrono::duration<double, std::milli>(*arrived - t0).count());
        }
      }
      if (ok) {
        std::printf("inbound SMS -> signed webhook on loopback, %d messages one at a time (after %d warm-up):\n",
                    messages, warmup);
        std::printf("  p50 %.1f ms, p95 %.1f ms, max %.1f ms (target p95 <= 100 ms)\n", Percentile(ms, 0.5),
                    Percentile(ms, 0.95), *std::max_element(ms.begin(), ms.end()));
        status = 0;
      }
    }
  }
  kill(pid, SIGTERM);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  boost::asio::post(modem_io, [&] { modem.reset(); });
  guard.reset();
  modem_thread.join();
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return status;
}

// Inbound SMS -> automatic answer latency of the real tellald against a
// virtual modem: the time from the modem storing a received SMS (and
// sending +CMTI / +CMT) until the daemon starts the answer's AT+CMGS on the
// same modem, for a keyword rule with a reply. Messages come one at a time
// from different numbers (so the per-number limit never applies) and each
// waits for its answer, so the figure is the path's own latency, not a
// queue's.
//
// Usage: autoreply_bench [--messages 200] [--rules 20]
//   --rules N  N-1 keyword rules that do not match are tried before the
//              matching one (a realistic table, not a single row).
#include <signal.h>
#include <spdlog/spdlog.h>
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
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "daemon/net/blocking_http_client.h"
#include "modem/vmodem/virtual_modem.h"
#include "tests/bench/bench_daemon.h"

namespace {

using namespace tellal::bench;
using Clock = std::chrono::steady_clock;

// One virtual modem on its own thread; records when each answer's AT+CMGS
// started, by text.
class Modem {
 public:
  explicit Modem(const std::string& dir) : guard_(io_.get_executor()) {
    tellal::vmodem::Options o;
    o.name = "sim1";
    o.link_dir = dir;
    o.keep_submitted = 16;
    modem_ = std::make_unique<tellal::vmodem::VirtualModem>(io_, o);
    modem_->OnSubmitted([this](const tellal::vmodem::SubmittedMessage& s) {
      std::lock_guard lock(mutex_);
      started_[s.decoded.text] = s.started;
      changed_.notify_all();
    });
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Modem() {
    boost::asio::post(io_, [this] { modem_.reset(); });
    guard_.reset();
    thread_.join();
  }
  std::string path() const { return modem_->device_path(); }

  // Puts an SMS on the modem (on its thread) and returns when it did.
  Clock::time_point Receive(const std::string& from, const std::string& text) {
    std::promise<Clock::time_point> at;
    boost::asio::post(io_, [&] {
      const Clock::time_point now = Clock::now();
      modem_->ReceiveSms(from, text);
      at.set_value(now);
    });
    return at.get_future().get();
  }

  // When the AT+CMGS of `text` started; nullopt after `timeout`.
  std::optional<Clock::time_point> WaitSubmitted(const std::string& text, std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [&] { return started_.count(text) > 0; })) return std::nullopt;
    return started_[text];
  }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::unique_ptr<tellal::vmodem::VirtualModem> modem_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, Clock::time_point> started_;  // guarded by mutex_
  std::thread thread_;
};

double Percentile(std::vector<double> sorted, double p) {
  const size_t i = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  int messages = 200;
  int rules = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (k == "--messages") {
      messages = v;
    } else if (k == "--rules") {
      rules = v;
    } else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if (messages < 1 || rules < 1) {
    std::fprintf(stderr, "--messages and --rules must be at least 1\n");
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/tellal-bench-XXXXXX";
  const std::string dir = mkdtemp(pattern.data());
  Modem modem(dir);
  const int port = FreePort();
  const std::string token = "bench-token-0123456789";
  const std::string config = WriteConfig(dir, port, token, {modem.path()});
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
    bool ok = true;
    for (int r = 0; r < rules && ok; ++r) {
      const bool last = r == rules - 1;
      nlohmann::json rule = {
          {"match", {{"type", "keyword"}, {"keyword", last ? "BILGI" : "KELIME" + std::to_string(r)}}},
          {"actions", {{{"type", "reply"}, {"text", "cevap {text}"}}}},
          {"order", r}};
      auto reply = http.Request("POST", "/api/v1/rules", rule.dump(), auth);
      if (!reply || reply->status != 201) {
        std::fprintf(stderr, "POST /api/v1/rules failed: %s\n", reply ? reply->body.c_str() : "no answer");
        ok = false;
      }
    }
    for (int i = 0; i < messages && ok; ++i) {
      const std::string text = "bilgi " + std::to_string(i);
      const Clock::time_point received = modem.Receive("+90533" + std::to_string(1000000 + i), text);
      auto started = modem.WaitSubmitted("cevap " + text, std::chrono::seconds(10));
      if (!started) {
        std::fprintf(stderr, "no answer to message %d within 10 s\n", i);
        ok = false;
        break;
      }
      ms.push_back(std::chrono::duration<double, std::milli>(*started - received).count());
    }
    if (ok) {
      std::sort(ms.begin(), ms.end());
      std::printf("inbound SMS -> answer AT+CMGS on the same modem, %d messages from %d numbers, %d rules:\n", messages,
                  messages, rules);
      std::printf("  p50 %.1f ms  p95 %.1f ms  max %.1f ms\n", Percentile(ms, 0.50), Percentile(ms, 0.95), ms.back());
      status = 0;
    }
  }
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  std::filesystem::remove_all(dir);
  return status;
}

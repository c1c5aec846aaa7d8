// End-to-end figures of the real tellald binary against virtual modems on
// pseudo-terminals (the modems run in this process, the daemon in its own,
// so /proc/<pid>/stat gives the daemon's own CPU):
//   idle      RSS and CPU of the daemon with N ready modems and nothing to do
//   throughput messages/s from the first POST until every message was
//             answered +CMGS, and daemon CPU per message
//   utilisation time inside AT+CMGS / (modems x wall) while a queue is kept
//             full, for the latency given
//   --queued N  the same with N bulk messages already queued (written to the
//             database before the daemon starts), to compare the cost per
//             message with a small and a huge queue; the idle figure is
//             skipped, as the daemon starts sending the backlog at once.
//   --health-clients N  N threads polling GET /api/v1/health (public) as
//             fast as they can during the throughput run, at nice 19 (they
//             stand for clients on other machines), to show that pollers do
//             not slow sending; prints their rate and latency.
//   disk      bytes the daemon caused to be written to storage during the
//             throughput run (/proc/<pid>/io write_bytes, counted when a page
//             is dirtied, so it includes the WAL, checkpoints and logs), per
//             message sent: SD cards wear out with writes. TMPDIR must be on
//             a real disk for it (tmpfs counts nothing).
//   --batch N messages per POST (default 5000; 1 is an application sending
//             one message per request, each its own transaction and fsync).
//
// Usage: daemon_bench [--modems 4] [--latency-ms 0] [--jitter-ms 0]
//                     [--messages 20000] [--idle-seconds 10] [--queued 0]
//                     [--health-clients 0] [--batch 5000]
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "daemon/net/blocking_http_client.h"
#include "daemon/store/sqlite/sqlite_store.h"
#include "modem/vmodem/virtual_modem.h"
#include "tests/bench/bench_daemon.h"

namespace {

using namespace tellal::bench;
using Clock = std::chrono::steady_clock;

struct Args {
  int modems = 4;
  int latency_ms = 0;
  int jitter_ms = 0;
  int messages = 20000;
  int idle_seconds = 10;
  int queued = 0;
  int health_clients = 0;
  int batch = 5000;
};

// Threads polling /api/v1/health until stopped; latencies in microseconds.
class HealthPollers {
 public:
  HealthPollers(int clients, const std::string& base_url) : clients_(clients) {
    for (int i = 0; i < clients; ++i) {
      threads_.emplace_back([this, base_url] {
        // On a real box the pollers are other machines; here they share
        // the daemon's cores, so they run at the lowest priority to take
        // only the CPU the daemon leaves (what the daemon does per request
        // is what this measures, not how fast curl runs beside it).
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 19);
        tellal::net::BlockingHttpClient http(base_url);
        std::vector<int64_t> mine;
        while (!stop_) {
          const auto t0 = Clock::now();
          auto r = http.Request("GET", "/api/v1/health");
          if (!r || r->status != 200) {
            ++errors_;
            continue;
          }
          mine.push_back(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count());
        }
        std::lock_guard lock(mutex_);
        latencies_.insert(latencies_.end(), mine.begin(), mine.end());
      });
    }
  }
  // Stops the pollers and prints what they saw over `seconds`.
  void Report(double seconds) {
    stop_ = true;
    for (std::thread& t : threads_) t.join();
    threads_.clear();
    if (latencies_.empty()) {
      std::printf("health: %d clients, no answer (%d errors)\n", clients_, errors_.load());
      return;
    }
    std::sort(latencies_.begin(), latencies_.end());
    auto at = [&](double q) { return latencies_[static_cast<size_t>(q * static_cast<double>(latencies_.size() - 1))]; };
    std::printf("health: %zu requests (%.0f/s), latency p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors\n",
                latencies_.size(), static_cast<double>(latencies_.size()) / seconds, at(0.5) / 1000.0,
                at(0.99) / 1000.0, static_cast<double>(latencies_.back()) / 1000.0, errors_.load());
  }
  ~HealthPollers() {
    stop_ = true;
    for (std::thread& t : threads_) t.join();
  }

 private:
  const int clients_;
  std::atomic<bool> stop_{false};
  std::atomic<int> errors_{0};
  std::mutex mutex_;
  std::vector<int64_t> latencies_;  // guarded by mutex_
  std::vector<std::thread> threads_;
};

// N due bulk messages straight into the daemon's database file.
bool Preload(const std::string& dir, int count) {
  auto store = tellal::store::SqliteStore::Open(dir + "/tellal.db");
  if (!store) {
    std::fprintf(stderr, "preload: %s\n", store.error().message.c_str());
    return false;
  }
  const auto t0 = Clock::now();
  constexpr int kChunk = 10000;
  const tellal::store::Millis now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  for (int done = 0; done < count; done += kChunk) {
    std::vector<tellal::store::NewMessage> chunk;
    for (int i = done; i < std::min(count, done + kChunk); ++i) {
      tellal::store::NewMessage m;
      m.to = "+90533" + std::to_string(1000000 + i);
      m.text = "backlog " + std::to_string(i);
      m.encoding = "gsm7";
      m.priority = tellal::store::Priority::kBulk;
      chunk.push_back(std::move(m));
    }
    auto queued = (*store)->queue().EnqueueBatch(chunk, now);
    if (!queued) {
      std::fprintf(stderr, "preload: %s\n", queued.error().message.c_str());
      return false;
    }
  }
  std::printf("preloaded %d queued bulk messages in %.1f s\n", count,
              std::chrono::duration<double>(Clock::now() - t0).count());
  return true;
}

class Modems {
 public:
  Modems(const Args& args, const std::string& dir) : guard_(io_.get_executor()) {
    for (int i = 0; i < args.modems; ++i) {
      tellal::vmodem::Options o;
      o.name = "sim" + std::to_string(i + 1);
      o.link_dir = dir;
      o.send_latency = std::chrono::milliseconds(args.latency_ms);
      o.send_jitter = std::chrono::milliseconds(args.jitter_ms);
      o.keep_submitted = 64;
      o.seed = static_cast<uint32_t>(i + 7);
      auto m = std::make_unique<tellal::vmodem::VirtualModem>(io_, o);
      spans_.emplace_back();
      m->OnSubmitted([this, i](const tellal::vmodem::SubmittedMessage& s) {
        Span& span = spans_[static_cast<size_t>(i)];
        if (span.sends == 0) span.first_start = s.started;
        span.last_finish = s.finished;
        span.inside += s.finished - s.started;
        ++span.sends;
        ++sent_;
      });
      modems_.push_back(std::move(m));
    }
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Modems() {
    boost::asio::post(io_, [this] { modems_.clear(); });
    guard_.reset();
    thread_.join();
  }
  std::string path(size_t i) const { return modems_[i]->device_path(); }
  uint64_t sent() const { return sent_; }
  // Per modem: time inside AT+CMGS over the span from its first AT+CMGS
  // to its last answer, so the drain at the end (fewer messages left than
  // modems) does not count as idleness. Averaged over the modems.
  double BusySpanUtilisation() {
    std::promise<double> p;
    boost::asio::post(io_, [&] {
      double sum = 0;
      int counted = 0;
      for (const Span& s : spans_) {
        if (s.sends < 2) continue;
        sum += std::chrono::duration<double>(s.inside).count() /
               std::chrono::duration<double>(s.last_finish - s.first_start).count();
        ++counted;
      }
      p.set_value(counted == 0 ? 0 : sum / counted);
    });
    return p.get_future().get();
  }
  double SecondsInCmgs() {
    std::promise<double> p;
    boost::asio::post(io_, [&] {
      double s = 0;
      for (auto& m : modems_) s += std::chrono::duration<double>(m->time_in_cmgs()).count();
      p.set_value(s);
    });
    return p.get_future().get();
  }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::vector<std::unique_ptr<tellal::vmodem::VirtualModem>> modems_;
  struct Span {
    Clock::time_point first_start, last_finish;
    Clock::duration inside{};
    uint64_t sends = 0;
  };
  std::vector<Span> spans_;  // touched on the modems' thread only
  std::atomic<uint64_t> sent_{0};
  std::thread thread_;
};

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (k == "--modems")
      args.modems = v;
    else if (k == "--latency-ms")
      args.latency_ms = v;
    else if (k == "--jitter-ms")
      args.jitter_ms = v;
    else if (k == "--messages")
      args.messages = v;
    else if (k == "--idle-seconds")
      args.idle_seconds = v;
    else if (k == "--queued")
      args.queued = v;
    else if (k == "--health-clients")
      args.health_clients = v;
    else if (k == "--batch" && v > 0)
      args.batch = v;
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  spdlog::set_level(spdlog::level::warn);
  // TMPDIR picks the filesystem the database lives on (e.g. /dev/shm to
  // take the disk out of the figures).
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/tellal-bench-XXXXXX";
  const std::string dir = mkdtemp(pattern.data());
  Modems modems(args, dir);
  const int port = FreePort();
  const std::string token = "bench-token-0123456789";
  std::vector<std::string> devices;
  for (int i = 0; i < args.modems; ++i) devices.push_back(modems.path(static_cast<size_t>(i)));
  // Every poller connects from 127.0.0.1, one address: lift the per-client
  // connection cap above their number.
  const std::string http_extra =
      args.health_clients > 0 ? "max_connections_per_client = " + std::to_string(args.health_clients + 8) + "\n" : "";
  const std::string config = WriteConfig(dir, port, token, devices, http_extra);
  if (args.queued > 0 && !Preload(dir, args.queued)) return 1;
  const pid_t pid = fork();
  if (pid == 0) {
    execl(TELLALD_PATH, "tellald", "--config", config.c_str(), nullptr);
    _exit(127);
  }
  tellal::net::BlockingHttpClient http("http://127.0.0.1:" + std::to_string(port));
  const tellal::net::HttpHeaders auth = {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
  int status = 1;
  if (!WaitReady(http, token, args.modems)) {
    std::fprintf(stderr, "daemon did not become ready\n");
  } else {
    if (args.queued == 0) {
      // Idle: let start-up settle, then measure a quiet period.
      std::this_thread::sleep_for(std::chrono::seconds(2));
      const double idle_cpu0 = CpuSeconds(pid);
      std::this_thread::sleep_for(std::chrono::seconds(args.idle_seconds));
      const double idle_cpu = CpuSeconds(pid) - idle_cpu0;
      std::printf("idle: %d modems, RSS %ld KiB, CPU %.3f s over %d s (%.3f%%)\n", args.modems, RssKib(pid), idle_cpu,
                  args.idle_seconds, 100.0 * idle_cpu / args.idle_seconds);
    }

    std::unique_ptr<HealthPollers> pollers;
    if (args.health_clients > 0) {
      pollers = std::make_unique<HealthPollers>(args.health_clients, "http://127.0.0.1:" + std::to_string(port));
    }
    const double cpu0 = CpuSeconds(pid);
    const long long written0 = IoCounter(pid, "write_bytes");
    const double cmgs0 = modems.SecondsInCmgs();
    const uint64_t sent0 = modems.sent();
    const auto t0 = Clock::now();
    const int kBatch = args.batch;
    bool ok = true;
    for (int done = 0; done < args.messages && ok; done += kBatch) {
      nlohmann::json batch;
      batch["messages"] = nlohmann::json::array();
      for (int i = done; i < std::min(args.messages, done + kBatch); ++i) {
        batch["messages"].push_back(
            {{"to", "+90532" + std::to_string(1000000 + i)}, {"text", "bench " + std::to_string(i)}});
      }
      auto r = http.Request("POST", "/api/v1/messages", batch.dump(), auth);
      if (!r || r->status != 202) {
        std::fprintf(stderr, "POST failed: %s\n", r ? r->body.c_str() : r.error().message.c_str());
        ok = false;
      }
    }
    const auto accepted = Clock::now();
    const double accept_cpu = CpuSeconds(pid) - cpu0;
    while (ok && modems.sent() - sent0 < static_cast<uint64_t>(args.messages)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      if (Clock::now() - t0 > std::chrono::minutes(30)) ok = false;
    }
    const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cpu = CpuSeconds(pid) - cpu0;
    const long long written = IoCounter(pid, "write_bytes") - written0;
    if (pollers) {
      std::printf("%d health pollers ran during the sends below\n", args.health_clients);
      pollers->Report(wall);
    }
    const double cmgs = modems.SecondsInCmgs() - cmgs0;
    if (ok) {
      std::printf("accepted %d messages in %.3f s\n", args.messages,
                  std::chrono::duration<double>(accepted - t0).count());
      std::printf("sent %d messages through %d modems (latency %d ms +/- %d) in %.3f s: %.0f msg/s\n", args.messages,
                  args.modems, args.latency_ms, args.jitter_ms, wall, args.messages / wall);
      std::printf("daemon CPU %.3f s: %.3f ms per message (%.3f ms accepting over HTTP, %.3f ms the rest)\n", cpu,
                  1000.0 * cpu / args.messages, 1000.0 * accept_cpu / args.messages,
                  1000.0 * (cpu - accept_cpu) / args.messages);
      std::printf("modem utilisation, whole run incl. start and drain (time in AT+CMGS / modems x wall): %.2f%%\n",
                  100.0 * cmgs / (args.modems * wall));
      std::printf("modem utilisation while each modem had work (first AT+CMGS to last answer): %.2f%%\n",
                  100.0 * modems.BusySpanUtilisation());
      std::printf("RSS after the run: %ld KiB\n", RssKib(pid));
      std::printf("disk: %lld bytes written by the daemon, %.0f bytes per message (%d per POST, durability "
                  "'accepted', the default)\n",
                  written, static_cast<double>(written) / args.messages, kBatch);
      status = 0;
    }
  }
  kill(pid, SIGTERM);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return status;
}

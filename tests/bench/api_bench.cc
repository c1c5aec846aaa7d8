// Figures of tellald's HTTP API, measured against the real daemon binary
// running as a child process:
//   (1) POST /api/v1/messages, one message per request, from --clients
//       keep-alive clients for --seconds (or --requests in all): requests/s
//       and latency p50/p99; every answer must be 202, and every id answered
//       must afterwards appear in GET /api/v1/messages
//   (2) one POST of 10,000 messages: time from sending it to the whole 202
//       answer, --batches times
//   (3) GET /api/v1/messages/{id} of random accepted ids while (1) runs:
//       latency p50/p95/p99/max
//   (4) tellald --demo after accepting --demo-messages messages in batches
//       of 10,000 from --demo-clients connections: VmRSS and VmHWM right
//       after, and again after --settle-seconds
//
// (1)-(3) use a configured daemon whose --modems virtual modems run in this
// process. Their AT+CMGS latency (--latency-ms) decides whether sending
// competes with accepting: the default 30000 keeps one message per modem in
// flight for the whole run (below the daemon's 60 s send timeout), so the
// figures are the accept path alone; 0 lets the modems send as fast as the
// daemon dispatches, on the same io thread that commits the submissions.
//
// Usage: api_bench [--clients 32] [--seconds 5] [--requests 0] [--getters 2]
//                  [--get-interval-ms 10] [--modems 4] [--latency-ms 30000]
//                  [--batches 5] [--demo-messages 100000] [--demo-clients 1]
//                  [--settle-seconds 5] [--part all|api|demo]
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <latch>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "daemon/cli/api_client.h"
#include "daemon/net/blocking_http_client.h"
#include "daemon/net/url.h"
#include "modem/vmodem/virtual_modem.h"
#include "tests/bench/bench_daemon.h"

extern char** environ;

namespace {

using namespace tellal::bench;
using tellal::net::HttpHeaders;
using HttpClient = tellal::net::BlockingHttpClient;
using HttpUrl = std::string;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr int kMaxBatch = 10000;  // the API's limit of messages per POST

struct Args {
  int clients = 32;
  int seconds = 5;
  int requests = 0;  // > 0: post this many in all instead of running for `seconds`
  int getters = 2;
  int get_interval_ms = 10;  // each getter's pace; 0: back to back
  int modems = 4;
  int latency_ms = 30000;
  int batches = 5;
  int demo_messages = 100000;
  int demo_clients = 1;
  int settle_seconds = 5;
  std::string part = "all";
};

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
double Millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// Nearest-rank percentile of sorted values.
double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

// A destination and text for the n-th message of the run, so every message
// differs and the numbers are valid Turkish mobiles.
json Message(uint64_t n) {
  return {{"to", "+90532" + std::to_string(1000000 + n % 9000000)}, {"text", "api bench " + std::to_string(n)}};
}

std::string BatchBody(uint64_t first, int count) {
  json batch = {{"messages", json::array()}};
  for (int i = 0; i < count; ++i) batch["messages"].push_back(Message(first + static_cast<uint64_t>(i)));
  return batch.dump();
}

HttpHeaders Auth(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

std::string Describe(const tellal::Result<tellal::net::HttpReply>& r) {
  if (!r) return r.error().message;
  return std::to_string(r->status) + " " + r->body.substr(0, 200);
}

// The daemons running, for the signal thread (see main) to end them.
std::mutex g_children_mutex;
std::set<pid_t> g_children;

// A tellald child process. It also dies with this process
// (PR_SET_PDEATHSIG), so even a killed benchmark leaves no daemon behind.
class Daemon {
 public:
  // `out` and `err` become the child's stdout and stderr; `tmpdir`, when
  // given, its TMPDIR (the demo makes its database directory there).
  Daemon(const std::vector<std::string>& argv, int out, int err, const std::string& tmpdir) {
    // Everything the child needs is built before fork: between fork and
    // exec a multi-threaded process may only make async-signal-safe calls.
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
      if (!tmpdir.empty() && std::string_view(*e).starts_with("TMPDIR=")) continue;
      env_strings.emplace_back(*e);
    }
    if (!tmpdir.empty()) env_strings.push_back("TMPDIR=" + tmpdir);
    std::vector<char*> env;
    for (std::string& e : env_strings) env.push_back(e.data());
    env.push_back(nullptr);
    const pid_t parent = getpid();
    std::lock_guard lock(g_children_mutex);
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(1);  // the parent died before prctl
      // The mask main() set is inherited across exec; the daemon needs its signals.
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      dup2(out, STDOUT_FILENO);
      dup2(err, STDERR_FILENO);
      execve(args[0], args.data(), env.data());
      _exit(127);
    }
    if (pid_ > 0) g_children.insert(pid_);
  }
  ~Daemon() { Stop(); }
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  pid_t pid() const { return pid_; }
  // SIGTERM lets the daemon finish the sends in flight, which with slow
  // virtual modems takes up to their latency; a second SIGTERM makes it exit
  // at once, and SIGKILL ends one that still hangs.
  void Stop() {
    for (int sig : {SIGTERM, SIGTERM, SIGKILL}) {
      if (!Running()) return;
      kill(pid_, sig);
      const auto deadline = Clock::now() + std::chrono::seconds(3);
      while (Running() && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (pid_ > 0) {
      waitpid(pid_, nullptr, 0);
      std::lock_guard lock(g_children_mutex);
      g_children.erase(pid_);
      pid_ = -1;
    }
  }

 private:
  bool Running() {
    if (pid_ <= 0) return false;
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      std::lock_guard lock(g_children_mutex);
      g_children.erase(pid_);
      pid_ = -1;
    }
    return pid_ > 0;
  }

  pid_t pid_ = -1;
};

// Ctrl-C or SIGTERM: end the daemons and remove the temporary directory,
// which the default action would leave behind. Runs on its own thread (the
// signals are blocked everywhere else), so it may lock and allocate.
void HandleStopSignals(const sigset_t& signals, std::string dir) {
  std::thread([signals, dir = std::move(dir)] {
    int signal = 0;
    sigwait(&signals, &signal);
    {
      std::lock_guard lock(g_children_mutex);
      for (pid_t pid : g_children) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
      }
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    std::fprintf(stderr, "api_bench: stopped by signal %d\n", signal);
    _exit(128 + signal);
  }).detach();
}

// Virtual modems on pseudo-terminals, served by one io thread here.
class Modems {
 public:
  Modems(int count, int latency_ms, const std::string& dir) : guard_(io_.get_executor()) {
    for (int i = 0; i < count; ++i) {
      tellal::vmodem::Options o;
      o.name = "sim" + std::to_string(i + 1);
      o.link_dir = dir;
      o.send_latency = std::chrono::milliseconds(latency_ms);
      o.keep_submitted = 64;  // a long run must not keep every submission
      o.seed = static_cast<uint32_t>(i + 1);
      modems_.push_back(std::make_unique<tellal::vmodem::VirtualModem>(io_, o));
      paths_.push_back(modems_.back()->device_path());
    }
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Modems() {
    // The modems belong to the io thread: destroy them there.
    boost::asio::post(io_, [this] { modems_.clear(); });
    guard_.reset();
    thread_.join();
  }
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::vector<std::unique_ptr<tellal::vmodem::VirtualModem>> modems_;
  std::vector<std::string> paths_;
  std::thread thread_;
};

// Accepted ids, for the readers to pick from while the writers add to it.
class IdPool {
 public:
  void Add(int64_t id) {
    std::lock_guard lock(mutex_);
    ids_.push_back(id);
  }
  std::optional<int64_t> Random(std::mt19937_64& rng) {
    std::lock_guard lock(mutex_);
    if (ids_.empty()) return std::nullopt;
    return ids_[std::uniform_int_distribution<size_t>(0, ids_.size() - 1)(rng)];
  }

 private:
  std::mutex mutex_;
  std::vector<int64_t> ids_;
};

// What one client thread saw.
struct ClientTally {
  std::vector<double> latency_ms;  // of the answers counted as good
  std::vector<int64_t> ids;        // accepted message ids
  std::map<int, uint64_t> statuses;
  uint64_t transport_errors = 0;
  std::string first_error;
  Clock::time_point last_answer{};

  void Failed(const std::string& what) {
    if (first_error.empty()) first_error = what;
  }
};

struct LoadResult {
  double seconds = 0;  // from the start to the last POST answer
  ClientTally posts, gets;
  double daemon_cpu = 0, bench_cpu = 0;
};

void Merge(ClientTally& into, ClientTally& from) {
  into.latency_ms.insert(into.latency_ms.end(), from.latency_ms.begin(), from.latency_ms.end());
  into.ids.insert(into.ids.end(), from.ids.begin(), from.ids.end());
  for (auto [status, n] : from.statuses) into.statuses[status] += n;
  into.transport_errors += from.transport_errors;
  if (into.first_error.empty()) into.first_error = from.first_error;
  into.last_answer = std::max(into.last_answer, from.last_answer);
}

double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// (1) and (3): writers post single messages, readers fetch random accepted
// ids, all on keep-alive connections opened before the clock starts.
LoadResult RunLoad(const Args& args, const HttpUrl& url, const std::string& token, pid_t daemon, IdPool& pool) {
  const HttpHeaders auth = Auth(token);
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> next_message{1'000'000};  // apart from the preloaded and batch numbers
  std::atomic<int> quota{args.requests};
  std::latch ready(args.clients + args.getters), go(1);
  std::vector<ClientTally> writers(static_cast<size_t>(args.clients)), readers(static_cast<size_t>(args.getters));
  std::vector<std::thread> threads;

  auto connect = [&](HttpClient& http, ClientTally& tally) {
    auto r = http.Request("GET", "/api/v1/health");
    if (!r) tally.Failed("warm-up: " + r.error().message);
    ready.count_down();
    go.wait();
  };
  for (ClientTally& tally : writers) {
    threads.emplace_back([&] {
      HttpClient http(url);
      connect(http, tally);
      while (!stop.load(std::memory_order_relaxed)) {
        if (args.requests > 0 && quota.fetch_sub(1) <= 0) break;
        const std::string body = Message(next_message.fetch_add(1)).dump();
        const auto t0 = Clock::now();
        auto r = http.Request("POST", "/api/v1/messages", body, auth);
        const auto t1 = Clock::now();
        tally.last_answer = t1;
        if (!r) {
          ++tally.transport_errors;
          tally.Failed(r.error().message);
          continue;
        }
        ++tally.statuses[r->status];
        if (r->status != 202) {
          tally.Failed(Describe(r));
          continue;
        }
        tally.latency_ms.push_back(Millis(t1 - t0));
        const json answer = json::parse(r->body, nullptr, false);
        const auto id = answer.find("id");
        if (id == answer.end() || !id->is_number_integer()) {
          tally.Failed("202 without an id: " + r->body);
          continue;
        }
        tally.ids.push_back(id->get<int64_t>());
        pool.Add(tally.ids.back());
      }
    });
  }
  for (size_t g = 0; g < readers.size(); ++g) {
    threads.emplace_back([&, g] {
      ClientTally& tally = readers[g];
      std::mt19937_64 rng(g + 1);
      HttpClient http(url);
      connect(http, tally);
      auto next = Clock::now();
      while (!stop.load(std::memory_order_relaxed)) {
        const std::optional<int64_t> id = pool.Random(rng);
        if (!id) break;  // cannot happen: the pool is preloaded
        const auto t0 = Clock::now();
        auto r = http.Request("GET", "/api/v1/messages/" + std::to_string(*id), {}, auth);
        const auto t1 = Clock::now();
        if (!r) {
          ++tally.transport_errors;
          tally.Failed(r.error().message);
        } else {
          ++tally.statuses[r->status];
          if (r->status == 200)
            tally.latency_ms.push_back(Millis(t1 - t0));
          else
            tally.Failed(Describe(r));
        }
        if (args.get_interval_ms > 0) {
          // A steady pace: a slow answer delays the next request, but the
          // reader does not then burst to catch up.
          next = std::max(next + std::chrono::milliseconds(args.get_interval_ms), Clock::now());
          std::this_thread::sleep_until(next);
        }
      }
    });
  }

  ready.wait();
  LoadResult result;
  const double daemon_cpu0 = CpuSeconds(daemon), bench_cpu0 = ProcessCpuSeconds();
  const auto start = Clock::now();
  go.count_down();
  if (args.requests > 0) {
    for (int i = 0; i < args.clients; ++i) threads[static_cast<size_t>(i)].join();
  } else {
    std::this_thread::sleep_for(std::chrono::seconds(args.seconds));
    stop = true;
    for (int i = 0; i < args.clients; ++i) threads[static_cast<size_t>(i)].join();
  }
  stop = true;
  for (size_t i = static_cast<size_t>(args.clients); i < threads.size(); ++i) threads[i].join();
  result.daemon_cpu = CpuSeconds(daemon) - daemon_cpu0;
  result.bench_cpu = ProcessCpuSeconds() - bench_cpu0;
  for (ClientTally& t : writers) Merge(result.posts, t);
  for (ClientTally& t : readers) Merge(result.gets, t);
  result.seconds = Seconds(result.posts.last_answer - start);
  std::sort(result.posts.latency_ms.begin(), result.posts.latency_ms.end());
  std::sort(result.gets.latency_ms.begin(), result.gets.latency_ms.end());
  return result;
}

// Posts one batch body; on a 202 with an id per message, returns the time
// to the whole answer and appends the ids.
std::optional<double> PostBatch(HttpClient& http, const HttpHeaders& auth, const std::string& body, int count,
                                std::vector<int64_t>& ids) {
  const auto t0 = Clock::now();
  auto r = http.Request("POST", "/api/v1/messages", body, auth);
  const double seconds = Seconds(Clock::now() - t0);
  if (!r || r->status != 202) {
    std::fprintf(stderr, "batch POST failed: %s\n", Describe(r).c_str());
    return std::nullopt;
  }
  const json answer = json::parse(r->body, nullptr, false);
  const auto messages = answer.find("messages");
  if (messages == answer.end() || !messages->is_array() || messages->size() != static_cast<size_t>(count)) {
    std::fprintf(stderr, "batch POST: the 202 does not list %d messages\n", count);
    return std::nullopt;
  }
  for (const json& m : *messages) ids.push_back(m.value("id", int64_t{-1}));
  return seconds;
}

// Every message id the daemon lists, page by page.
std::optional<std::vector<int64_t>> ListAllIds(HttpClient& http, const HttpHeaders& auth) {
  std::vector<int64_t> ids;
  std::string cursor;
  do {
    std::string path = "/api/v1/messages?limit=1000";
    if (!cursor.empty()) path += "&cursor=" + tellal::net::PercentEncode(cursor);
    auto r = http.Request("GET", path, {}, auth);
    if (!r || r->status != 200) {
      std::fprintf(stderr, "listing failed: %s\n", Describe(r).c_str());
      return std::nullopt;
    }
    const json page = json::parse(r->body, nullptr, false);
    const auto messages = page.find("messages");
    if (messages == page.end() || !messages->is_array()) return std::nullopt;
    for (const json& m : *messages) ids.push_back(m.value("id", int64_t{-1}));
    const auto next = page.find("next_cursor");
    cursor = next != page.end() && next->is_string() ? next->get<std::string>() : "";
  } while (!cursor.empty());
  return ids;
}

// tellal_accepted_total from /metrics; -1 if it cannot be read.
long long AcceptedTotal(HttpClient& http, const HttpHeaders& auth) {
  auto r = http.Request("GET", "/metrics", {}, auth);
  if (!r || r->status != 200) return -1;
  const std::string name = "\ntellal_accepted_total ";
  const size_t at = r->body.find(name);
  return at == std::string::npos ? -1 : std::atoll(r->body.c_str() + at + name.size());
}

// Segments the modems have sent since the daemon started; -1 if unknown.
long long SentTotal(HttpClient& http, const HttpHeaders& auth) {
  auto r = http.Request("GET", "/api/v1/modems", {}, auth);
  if (!r || r->status != 200) return -1;
  const json answer = json::parse(r->body, nullptr, false);
  const auto modems = answer.find("modems");
  if (modems == answer.end() || !modems->is_array()) return -1;
  long long sent = 0;
  for (const json& m : *modems) sent += m.value("sent_total", 0LL);
  return sent;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void ShowLog(const std::string& path) {
  const std::string log = ReadFile(path);
  std::fprintf(stderr, "--- %s (last 4 KiB) ---\n%s\n", path.c_str(),
               log.substr(log.size() > 4096 ? log.size() - 4096 : 0).c_str());
}

const char* Verdict(bool met) { return met ? "met" : "NOT met"; }

void Row(const char* what, const std::string& value, const std::string& target = "") {
  std::printf("  %-44s %-40s %s\n", what, value.c_str(), target.c_str());
}

std::string Format(const char* fmt, auto... values) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, fmt, values...);
  return buffer;
}

std::string StatusCounts(const ClientTally& t) {
  std::string s;
  for (auto [status, n] : t.statuses) s += (s.empty() ? "" : ", ") + std::to_string(n) + "x" + std::to_string(status);
  if (t.transport_errors > 0) s += (s.empty() ? "" : ", ") + std::to_string(t.transport_errors) + " transport errors";
  return s.empty() ? "none" : s;
}

// (1)-(3) against a configured daemon. Returns whether every request was
// answered as expected and every accepted message is stored.
bool RunApiPart(const Args& args, const std::string& dir) {
  Modems modems(args.modems, args.latency_ms, dir);
  const int port = FreePort();
  const std::string token = "bench-token-0123456789";
  const std::string config = WriteConfig(dir, port, token, modems.paths());
  const std::string log_path = dir + "/tellald.log";
  const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  Daemon daemon({TELLALD_PATH, "--config", config}, STDOUT_FILENO, log, "");
  close(log);
  const HttpUrl url = "http://127.0.0.1:" + std::to_string(port);
  const HttpHeaders auth = Auth(token);
  HttpClient http(url);
  if (!WaitReady(http, token, args.modems)) {
    std::fprintf(stderr, "the daemon did not get its %d modems ready\n", args.modems);
    ShowLog(log_path);
    return false;
  }

  // Stored ids before the load, so readers have ids from the first moment.
  std::vector<int64_t> expected;
  if (!PostBatch(http, auth, BatchBody(0, 1000), 1000, expected)) return false;
  IdPool pool;
  for (int64_t id : expected) pool.Add(id);

  std::fprintf(stderr, "load: %d clients posting, %d readers, %s...\n", args.clients, args.getters,
               args.requests > 0 ? (std::to_string(args.requests) + " requests").c_str()
                                 : (std::to_string(args.seconds) + " s").c_str());
  const long long sent_before = SentTotal(http, auth);
  LoadResult load = RunLoad(args, url, token, daemon.pid(), pool);
  const long long sent_during = SentTotal(http, auth) - sent_before;
  expected.insert(expected.end(), load.posts.ids.begin(), load.posts.ids.end());

  std::fprintf(stderr, "batches: %d x %d messages...\n", args.batches, kMaxBatch);
  std::vector<std::string> bodies;
  for (int b = 0; b < args.batches; ++b) {
    bodies.push_back(BatchBody(10'000'000 + static_cast<uint64_t>(b) * kMaxBatch, kMaxBatch));
  }
  std::vector<double> batch_seconds;
  for (const std::string& body : bodies) {
    auto seconds = PostBatch(http, auth, body, kMaxBatch, expected);
    if (!seconds) return false;
    batch_seconds.push_back(*seconds);
  }
  std::sort(batch_seconds.begin(), batch_seconds.end());

  // Proof of storage: every id answered 202 is in the daemon's listing, and
  // its counter of accepted messages agrees.
  std::fprintf(stderr, "verifying storage...\n");
  std::sort(expected.begin(), expected.end());
  const bool unique = std::adjacent_find(expected.begin(), expected.end()) == expected.end();
  auto listed = ListAllIds(http, auth);
  size_t found = 0;
  if (listed) {
    std::sort(listed->begin(), listed->end());
    for (int64_t id : expected) found += std::binary_search(listed->begin(), listed->end(), id) ? 1 : 0;
  }
  const long long accepted_total = AcceptedTotal(http, auth);

  const uint64_t posts = load.posts.ids.size();
  const double rate = static_cast<double>(posts) / load.seconds;
  const bool posts_ok = load.posts.statuses.size() == 1 && load.posts.statuses.count(202) == 1 &&
                        load.posts.transport_errors == 0 && load.posts.first_error.empty();
  const bool gets_ok = load.gets.first_error.empty() && load.gets.transport_errors == 0;
  const bool stored_ok =
      unique && listed && found == expected.size() && accepted_total == static_cast<long long>(expected.size());

  std::printf("\n(1)-(3): configured tellald, %d virtual modems with AT+CMGS latency %d ms%s\n", args.modems,
              args.latency_ms,
              args.latency_ms >= 10000 ? " (sending barely competes with accepting)"
                                       : " (the modems send while the daemon accepts)");
  const std::vector<double>& post_ms = load.posts.latency_ms;
  const std::vector<double>& get_ms = load.gets.latency_ms;
  Row("POST /api/v1/messages, 1 message each", Format("%.0f requests/s", rate),
      Format(">= 3000/s: %s", Verdict(rate >= 3000)));
  Row("  clients (keep-alive), duration", Format("%d, %.2f s", args.clients, load.seconds));
  Row("  latency p50 / p99 / max",
      Format("%.2f / %.2f / %.2f ms", Percentile(post_ms, 50), Percentile(post_ms, 99), Percentile(post_ms, 100)));
  Row("  answers", StatusCounts(load.posts), posts_ok ? "all 202" : "NOT all 202");
  Row("  CPU in the load: daemon / bench+modems",
      Format("%.2f / %.2f s (%u cores)", load.daemon_cpu, load.bench_cpu, std::thread::hardware_concurrency()));
  Row("  segments the modems sent during the load", std::to_string(sent_during));
  const std::string pace =
      args.get_interval_ms > 0 ? Format("one per %d ms each", args.get_interval_ms) : std::string("back to back");
  Row("GET /api/v1/messages/{id} during the load",
      Format("%zu requests, %d readers, %s", get_ms.size(), args.getters, pace.c_str()));
  Row("  latency p50 / p95 / p99 / max",
      Format("%.2f / %.2f / %.2f / %.2f ms", Percentile(get_ms, 50), Percentile(get_ms, 95), Percentile(get_ms, 99),
             Percentile(get_ms, 100)));
  Row("  answers", StatusCounts(load.gets), gets_ok ? "all 200" : "NOT all 200");
  Row("POST of a 10,000-message batch",
      Format("min %.3f / median %.3f / max %.3f s", batch_seconds.front(), batch_seconds[batch_seconds.size() / 2],
             batch_seconds.back()),
      Format("<= 1 s: %s", Verdict(batch_seconds.back() <= 1.0)));
  Row("  batches, request body size",
      Format("%d, %.0f KiB each", args.batches, static_cast<double>(bodies[0].size()) / 1024));
  Row("stored: accepted ids found in the listing",
      Format("%zu of %zu (%zu listed)", found, expected.size(), listed ? listed->size() : 0),
      stored_ok ? "all stored" : "NOT all stored");
  Row("  tellal_accepted_total", std::to_string(accepted_total));
  if (!posts_ok) std::printf("  first POST error: %s\n", load.posts.first_error.c_str());
  if (!gets_ok) std::printf("  first GET error: %s\n", load.gets.first_error.c_str());
  if (!posts_ok || !gets_ok || !stored_ok) ShowLog(log_path);
  return posts_ok && gets_ok && stored_ok;
}

// Reads the demo's banner from `fd` until it has named the API address and
// the token (30 s at most).
std::optional<std::pair<std::string, std::string>> ReadBanner(int fd) {
  std::string text, url, token;
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (url.empty() || token.empty()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd p{fd, POLLIN, 0};
    if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) return std::nullopt;
    char buffer[4096];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) return std::nullopt;  // the daemon exited
    text.append(buffer, static_cast<size_t>(n));
    // "  API    http://127.0.0.1:PORT" and "  token  TOKEN", on whole lines.
    for (size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
      std::string line = text.substr(start, end - start);
      line.erase(0, line.find_first_not_of(' '));
      const std::string value = line.substr(line.find_last_of(' ') + 1);
      if (line.starts_with("API ")) url = value;
      if (line.starts_with("token ")) token = value;
    }
  }
  return std::make_pair(url, token);
}

// (4): tellald --demo's memory after accepting demo_messages messages.
bool RunDemoPart(const Args& args, const std::string& dir) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return false;
  const std::string log_path = dir + "/demo.log";
  const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  // Not port 0, though the usage text offers it: the demo's configuration
  // refuses it ("port 0 is out of range").
  const std::string listen = "127.0.0.1:" + std::to_string(FreePort());
  Daemon daemon({TELLALD_PATH, "--demo", "--listen", listen}, out[1], log, dir);
  close(out[1]);
  close(log);
  // The read end stays open until the daemon is stopped, so a late write to
  // its stdout cannot kill it with SIGPIPE.
  struct CloseFd {
    int fd;
    ~CloseFd() { close(fd); }
  } close_out{out[0]};
  const auto banner = ReadBanner(out[0]);
  if (!banner) {
    std::fprintf(stderr, "tellald --demo printed no API address and token\n");
    ShowLog(log_path);
    return false;
  }
  const auto url = tellal::cli::ParseApiUrl(banner->first);
  if (!url) {
    std::fprintf(stderr, "the demo's API address '%s': %s\n", banner->first.c_str(), url.error().message.c_str());
    return false;
  }
  const HttpHeaders auth = Auth(banner->second);
  HttpClient http(*url);
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  for (;;) {
    auto r = http.Request("GET", "/api/v1/health");
    if (r && r->status == 200) {
      const json health = json::parse(r->body, nullptr, false);
      if (health.is_object() && health.value("status", "") == "ok") break;
    }
    if (Clock::now() > deadline) {
      std::fprintf(stderr, "the demo's modems did not get ready\n");
      ShowLog(log_path);
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const pid_t pid = daemon.pid();
  const long rss_before = StatusKib(pid, "VmRSS"), hwm_before = StatusKib(pid, "VmHWM");

  std::fprintf(stderr, "demo: posting %d messages from %d connection(s)...\n", args.demo_messages, args.demo_clients);
  // Each client takes the next batch until none is left. Several clients
  // matter for memory: the daemon serves each connection on its own thread.
  std::atomic<int> next_batch{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> clients;
  const auto t0 = Clock::now();
  for (int c = 0; c < args.demo_clients; ++c) {
    clients.emplace_back([&] {
      HttpClient client(*url);
      std::vector<int64_t> ids;
      for (int b; !failed && (b = next_batch.fetch_add(1)) * kMaxBatch < args.demo_messages;) {
        const int first = b * kMaxBatch, count = std::min(kMaxBatch, args.demo_messages - first);
        if (!PostBatch(client, auth, BatchBody(static_cast<uint64_t>(first), count), count, ids)) failed = true;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  const double accept_seconds = Seconds(Clock::now() - t0);
  if (failed) return false;
  const long rss = StatusKib(pid, "VmRSS"), hwm = StatusKib(pid, "VmHWM");
  std::this_thread::sleep_for(std::chrono::seconds(args.settle_seconds));
  const long rss_later = StatusKib(pid, "VmRSS"), hwm_later = StatusKib(pid, "VmHWM");
  const long long accepted_total = AcceptedTotal(http, auth);
  const bool stored_ok = accepted_total == args.demo_messages;

  auto mib = [](long kib) { return static_cast<double>(kib) / 1024; };
  std::printf(
      "\n(4): tellald --demo (4 virtual modems, 0.4-1.8 s each), %d messages posted in batches of %d"
      " from %d connection(s)\n",
      args.demo_messages, kMaxBatch, args.demo_clients);
  Row("before posting: VmRSS / VmHWM", Format("%.1f / %.1f MiB", mib(rss_before), mib(hwm_before)));
  Row("right after accepting: VmRSS / VmHWM", Format("%.1f / %.1f MiB", mib(rss), mib(hwm)),
      Format("<= 40 MB RSS: %s", Verdict(rss * 1024 <= 40'000'000)));
  Row(Format("%d s later: VmRSS / VmHWM", args.settle_seconds).c_str(),
      Format("%.1f / %.1f MiB", mib(rss_later), mib(hwm_later)),
      Format("<= 40 MB RSS: %s", Verdict(rss_later * 1024 <= 40'000'000)));
  Row("  time to accept them", Format("%.2f s", accept_seconds));
  Row("  tellal_accepted_total", std::to_string(accepted_total), stored_ok ? "all accepted" : "NOT all accepted");
  if (!stored_ok) ShowLog(log_path);
  return stored_ok;
}

bool ParseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    if (i + 1 == argc) {
      std::fprintf(stderr, "%s needs a value\n", k.c_str());
      return false;
    }
    const std::string v = argv[++i];
    if (k == "--part") {
      if (v != "all" && v != "api" && v != "demo") return false;
      args.part = v;
      continue;
    }
    char* end = nullptr;
    const long n = std::strtol(v.c_str(), &end, 10);
    if (*end != '\0' || n < 0 || n > 100'000'000) {
      std::fprintf(stderr, "%s needs a number, got '%s'\n", k.c_str(), v.c_str());
      return false;
    }
    const int value = static_cast<int>(n);
    if (k == "--clients")
      args.clients = value;
    else if (k == "--seconds")
      args.seconds = value;
    else if (k == "--requests")
      args.requests = value;
    else if (k == "--getters")
      args.getters = value;
    else if (k == "--get-interval-ms")
      args.get_interval_ms = value;
    else if (k == "--modems")
      args.modems = value;
    else if (k == "--latency-ms")
      args.latency_ms = value;
    else if (k == "--batches")
      args.batches = value;
    else if (k == "--demo-messages")
      args.demo_messages = value;
    else if (k == "--demo-clients")
      args.demo_clients = value;
    else if (k == "--settle-seconds")
      args.settle_seconds = value;
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return false;
    }
  }
  return args.clients >= 1 && args.modems >= 1 && args.batches >= 1 && args.demo_messages >= 1 &&
         args.demo_clients >= 1;
}

constexpr const char* kUsage =
    "usage: api_bench [--clients 32] [--seconds 5] [--requests 0] [--getters 2] [--get-interval-ms 10]\n"
    "                 [--modems 4] [--latency-ms 30000] [--batches 5] [--demo-messages 100000]\n"
    "                 [--demo-clients 1] [--settle-seconds 5] [--part all|api|demo]\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  Args args;
  if (!ParseArgs(argc, argv, args)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  // Before any thread starts, so every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  spdlog::set_level(spdlog::level::warn);
  // The table (stdout) and the progress lines (stderr) in the order written,
  // also when both go to one file.
  setvbuf(stdout, nullptr, _IOLBF, 0);
  // TMPDIR picks the filesystem the databases live on, as for daemon_bench.
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/tellal-api-bench-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    std::fprintf(stderr, "cannot create %s\n", pattern.c_str());
    return 1;
  }
  const std::string dir = pattern;
  HandleStopSignals(stop_signals, dir);
  std::printf("api_bench: tellald %s build (%s), %u cores\n", TELLAL_BUILD_TYPE, TELLALD_PATH,
              std::thread::hardware_concurrency());
  bool ok = true;
  if (args.part != "demo") {
    std::filesystem::create_directory(dir + "/api");
    ok = RunApiPart(args, dir + "/api") && ok;
  }
  if (args.part != "api") {
    std::filesystem::create_directory(dir + "/demo");
    ok = RunDemoPart(args, dir + "/demo") && ok;
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return ok ? 0 : 1;
}

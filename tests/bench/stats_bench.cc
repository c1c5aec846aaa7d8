// GET /api/v1/stats against a daemon with a large history: the database is
// filled with --messages messages sent over the last --days days (most
// delivered, some failed, a few still queued), then the real tellald starts
// on it and the dashboard's request (?hours=24) and a week's (?hours=168)
// are timed over HTTP. Prints p50 / p95 / max of --requests sequential
// requests each. The hourly counts range over the send log and the time
// indexes, so what a request costs follows the messages inside its window,
// not the history.
//
// The rows are written with one INSERT ... SELECT over a counter (no
// per-row round trips); the queued ones are scheduled a month ahead. The
// daemon's one modem is a device path that does not exist: the API serves
// while the modem is absent and nothing competes with the timed requests.
//
// Usage: stats_bench [--messages 1000000] [--days 30] [--requests 200]

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "daemon/net/blocking_http_client.h"
#include "daemon/store/records.h"
#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/schema.h"
#include "daemon/store/sqlite/sqlite_handle.h"
#include "tests/bench/bench_daemon.h"

namespace {

using Clock = std::chrono::steady_clock;
using tellal::store::Millis;

struct Args {
  int messages = 1000000;
  int days = 30;
  int requests = 200;
};

Millis WallNow() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Message i (0 = the oldest) was sent at ?2 + i * ?3; nine in ten were
// delivered 4 s later, one in twenty failed 2 s later, one in a hundred
// (taken from the rest) is still queued.
constexpr const char* kFill =
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1)"
    " INSERT INTO messages (destination, body, encoding, segment_count, priority, state, report_requested, flash,"
    " not_before, created_at, sent_at, delivered_at, failed_at)"
    " SELECT '+90532' || (1000000 + i % 40000), 'bilgi ' || i, 'gsm7', 1, 2,"
    " CASE WHEN i % 100 = 99 THEN 'queued' WHEN i % 20 = 19 THEN 'failed' WHEN i % 10 = 9 THEN 'sent'"
    " ELSE 'delivered' END, 1, 0,"
    " CASE WHEN i % 100 = 99 THEN ?4 ELSE ?2 + i * ?3 END, ?2 + i * ?3,"
    " CASE WHEN i % 100 = 99 OR i % 20 = 19 THEN NULL ELSE ?2 + i * ?3 END,"
    " CASE WHEN i % 100 = 99 OR i % 20 = 19 OR i % 10 = 9 THEN NULL ELSE ?2 + i * ?3 + 4000 END,"
    " CASE WHEN i % 100 != 99 AND i % 20 = 19 THEN ?2 + i * ?3 + 2000 ELSE NULL END"
    " FROM n";
// Each sent message's line in the send log, which the daemon keeps 8 days
// (sends are counted from it); ?1 is the oldest time kept.
constexpr const char* kFillSendLog =
    "INSERT INTO send_log (modem, sent_at, message_id, seq)"
    " SELECT 'gsm0', sent_at, id, 1 FROM messages WHERE sent_at >= ?1";

bool Fill(const std::string& dir, const Args& a) {
  namespace store = tellal::store;
  auto db = store::Database::Open(dir + "/tellal.db");
  if (!db) return std::fprintf(stderr, "fill: %s\n", db.error().message.c_str()), false;
  tellal::Status s = store::ConfigureConnection(**db, {});
  if (s) s = store::Migrate(**db, store::StoreMigrations());
  if (!s) return std::fprintf(stderr, "fill: %s\n", s.error().message.c_str()), false;
  const Millis now = WallNow();
  const Millis span = static_cast<Millis>(a.days) * 86400000;
  const Millis step = std::max<Millis>(1, span / std::max(1, a.messages));
  const auto t0 = Clock::now();
  auto tx = store::Transaction::Begin(**db);
  if (!tx) return std::fprintf(stderr, "fill: %s\n", tx.error().message.c_str()), false;
  const Millis scheduled = now + static_cast<Millis>(30) * 86400000;
  s = store::Run(**db, kFill, a.messages, now - span, step, scheduled);
  if (s) s = store::Run(**db, kFillSendLog, now - static_cast<Millis>(8) * 86400000);
  if (s) s = tx->Commit();
  if (!s) return std::fprintf(stderr, "fill: %s\n", s.error().message.c_str()), false;
  std::printf("filled: %d messages over %d days in %.1f s\n", a.messages, a.days,
              std::chrono::duration<double>(Clock::now() - t0).count());
  return true;
}

// Times `requests` GETs of `path`; false when one fails.
bool Time(tellal::net::BlockingHttpClient& http, const tellal::net::HttpHeaders& auth, const std::string& path,
          int requests) {
  std::vector<double> ms;
  nlohmann::json first;
  for (int i = 0; i < requests; ++i) {
    const auto t0 = Clock::now();
    auto r = http.Request("GET", path, "", auth);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!r || r->status != 200) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), r ? r->body.substr(0, 300).c_str() : r.error().message.c_str());
      return false;
    }
    if (i == 0) first = nlohmann::json::parse(r->body, nullptr, false);
  }
  int64_t sent = 0;
  for (const auto& h : first["hours"]) sent += h["sent"].get<int64_t>();
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[static_cast<size_t>(q * static_cast<double>(ms.size() - 1))]; };
  std::printf("  %-24s %8lld sent in window, queued %lld  p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", path.c_str(),
              static_cast<long long>(sent), static_cast<long long>(first["queue"]["by_state"]["queued"].get<int64_t>()),
              at(0.5), at(0.95), ms.back());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (k == "--messages")
      a.messages = v;
    else if (k == "--days")
      a.days = v;
    else if (k == "--requests")
      a.requests = v;
  }
  if (a.messages < 1 || a.days < 1 || a.requests < 1) {
    std::fprintf(stderr, "usage: stats_bench [--messages N] [--days N] [--requests N]\n");
    return 2;
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/tellal-stats-bench-XXXXXX";
  const std::string dir = mkdtemp(pattern.data());
  if (!Fill(dir, a)) return 1;

  const int port = tellal::bench::FreePort();
  const std::string token = "bench-token-0123456789";
  const std::string config = tellal::bench::WriteConfig(dir, port, token, {dir + "/absent-modem"});
  const pid_t pid = fork();
  if (pid == 0) {
    execl(TELLALD_PATH, "tellald", "--config", config.c_str(), nullptr);
    _exit(127);
  }
  tellal::net::BlockingHttpClient http("http://127.0.0.1:" + std::to_string(port));
  const tellal::net::HttpHeaders auth = {{"Authorization", "Bearer " + token}};
  bool up = false;
  for (auto deadline = Clock::now() + std::chrono::seconds(60); !up && Clock::now() < deadline;) {
    auto r = http.Request("GET", "/api/v1/health", "", {});
    up = r && r->status == 200;
    // Waiting for a child process to open its port: nothing to wait on.
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  int status = 1;
  if (!up) {
    std::fprintf(stderr, "tellald did not answer; see its stderr\n");
  } else {
    std::printf("GET /api/v1/stats latency, %d sequential requests each:\n", a.requests);
    const bool ok = Time(http, auth, "/api/v1/stats?hours=24", a.requests) &&
                    Time(http, auth, "/api/v1/stats?hours=168", a.requests);
    status = ok ? 0 : 1;
  }
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  std::filesystem::remove_all(dir);
  return status;
}

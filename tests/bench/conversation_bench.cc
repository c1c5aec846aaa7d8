// GET /api/v1/conversations against a daemon with a large history: the
// database is filled straight through the store (--inbox rows from
// --customers numbers, --messages outbound messages), then the real tellald
// starts on it and the listing is timed over HTTP: the first page, a page
// deep in the listing (by cursor), a q= number-prefix search, and one
// customer's thread. Prints p50 / p95 / max of --requests sequential
// requests each.
//
// Outbound messages go to the customers and to as many other numbers again
// (a campaign's audience), scheduled a month ahead so the daemon leaves
// them queued instead of sending them. The daemon's one modem is a device
// path that does not exist: the API serves while the modem is absent, and
// nothing competes with the requests being timed.
//
// Usage: conversation_bench [--messages 1000000] [--inbox 100000] [--customers 20000] [--requests 200]

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "daemon/net/blocking_http_client.h"
#include "daemon/store/sqlite/sqlite_store.h"
#include "tests/bench/bench_daemon.h"

namespace {

using Clock = std::chrono::steady_clock;
using tellal::store::Millis;

struct Args {
  int messages = 1000000;
  int inbox = 100000;
  int customers = 20000;
  int requests = 200;
};

std::string Customer(int i) { return "+90532" + std::to_string(1000000 + i); }

Millis WallNow() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool Fill(const std::string& dir, const Args& a) {
  auto store = tellal::store::SqliteStore::Open(dir + "/tellal.db");
  if (!store) {
    std::fprintf(stderr, "fill: %s\n", store.error().message.c_str());
    return false;
  }
  const Millis now = WallNow();
  const auto t0 = Clock::now();
  constexpr int kChunk = 10000;
  // Received over the last 10 days, spread over the customers.
  for (int done = 0; done < a.inbox; done += kChunk) {
    auto group = (*store)->BeginGroup(tellal::store::GroupSync::kConnection);
    if (!group) return false;
    for (int i = done; i < std::min(a.inbox, done + kChunk); ++i) {
      tellal::store::InboundPart p;
      p.modem = i % 2 ? "sim1" : "sim2";
      p.sender = Customer(i % a.customers);
      p.text = "soru " + std::to_string(i);
      p.smsc_time = "2026-06-01T10:00:00+03:00";
      p.received_at = now - 10LL * 86400000 + static_cast<Millis>(i) * (10LL * 86400000 / a.inbox);
      auto stored = (*store)->inbox().StoreInboundPart(p);
      if (!stored) {
        std::fprintf(stderr, "fill: %s\n", stored.error().message.c_str());
        return false;
      }
    }
    if (!group->Commit()) return false;
  }
  const double inbox_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const auto t1 = Clock::now();
  for (int done = 0; done < a.messages; done += kChunk) {
    std::vector<tellal::store::NewMessage> chunk;
    for (int i = done; i < std::min(a.messages, done + kChunk); ++i) {
      tellal::store::NewMessage m;
      m.to = Customer(i % (2 * a.customers));
      m.text = "bilgi " + std::to_string(i);
      m.encoding = "gsm7";
      m.priority = tellal::store::Priority::kBulk;
      m.not_before = now + 30LL * 86400000;
      chunk.push_back(std::move(m));
    }
    // Accepted over the same 10 days, interleaved with the inbox.
    auto queued = (*store)->queue().EnqueueBatch(
        chunk, now - 10LL * 86400000 + static_cast<Millis>(done) * (10LL * 86400000 / std::max(1, a.messages)));
    if (!queued) {
      std::fprintf(stderr, "fill: %s\n", queued.error().message.c_str());
      return false;
    }
  }
  std::printf("filled: %d inbox rows from %d numbers in %.1f s, %d messages to %d numbers in %.1f s\n", a.inbox,
              a.customers, inbox_seconds, a.messages, 2 * a.customers,
              std::chrono::duration<double>(Clock::now() - t1).count());
  return true;
}

// Times `requests` GETs of `path`; false when one fails.
bool Time(tellal::net::BlockingHttpClient& http, const tellal::net::HttpHeaders& auth, const std::string& label,
          const std::string& path, int requests, size_t* items_out = nullptr) {
  std::vector<double> ms;
  size_t items = 0;
  for (int i = 0; i < requests; ++i) {
    const auto t0 = Clock::now();
    auto r = http.Request("GET", path, "", auth);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!r || r->status != 200) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), r ? r->body.substr(0, 300).c_str() : r.error().message.c_str());
      return false;
    }
    if (i == 0) {
      const auto body = nlohmann::json::parse(r->body, nullptr, false);
      items = body.contains("conversations") ? body["conversations"].size() : body["messages"].size();
    }
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[static_cast<size_t>(q * static_cast<double>(ms.size() - 1))]; };
  std::printf("  %-40s %4zu items  p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", label.c_str(), items, at(0.5), at(0.95),
              ms.back());
  if (items_out) *items_out = items;
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
    else if (k == "--inbox")
      a.inbox = v;
    else if (k == "--customers")
      a.customers = v;
    else if (k == "--requests")
      a.requests = v;
  }
  if (a.messages < 0 || a.inbox < 1 || a.customers < 1 || a.requests < 1) {
    std::fprintf(stderr, "usage: conversation_bench [--messages N] [--inbox N] [--customers N] [--requests N]\n");
    return 2;
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/tellal-conversation-bench-XXXXXX";
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
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  int status = 1;
  if (!up) {
    std::fprintf(stderr, "tellald did not answer; see its stderr\n");
  } else {
    std::printf("GET latency, %d sequential requests each, tellald RelWithDebInfo/Release as built:\n", a.requests);
    bool ok = Time(http, auth, "/conversations (first page, 100)", "/api/v1/conversations", a.requests);
    // 50 pages in: the cursor seek, not an offset. Cursors hold the
    // number, whose '+' a query string would read as a space.
    auto escaped = [](const std::string& cursor) {
      std::string out;
      for (char c : cursor) out += c == '+' ? std::string("%2B") : std::string(1, c);
      return out;
    };
    std::string cursor;
    for (int page = 0; ok && page < 50; ++page) {
      auto r = http.Request(
          "GET", "/api/v1/conversations?limit=100" + (cursor.empty() ? "" : "&cursor=" + escaped(cursor)), "", auth);
      ok = r && r->status == 200;
      if (!ok) {
        std::fprintf(stderr, "page %d: %s\n", page, r ? r->body.substr(0, 300).c_str() : r.error().message.c_str());
        break;
      }
      const auto body = nlohmann::json::parse(r->body);
      cursor = body["next_cursor"].is_string() ? body["next_cursor"].get<std::string>() : "";
      ok = !cursor.empty();
    }
    ok = ok && Time(http, auth, "/conversations (page 51, by cursor)",
                    "/api/v1/conversations?limit=100&cursor=" + escaped(cursor), a.requests);
    ok = ok &&
         Time(http, auth, "/conversations?q=%2B905321000 (prefix)", "/api/v1/conversations?q=%2B905321000", a.requests);
    ok = ok && Time(http, auth, "/conversations/{customer} (thread, 100)", "/api/v1/conversations/%2B905321000007",
                    a.requests);
    std::printf("  daemon VmRSS %ld KiB\n", tellal::bench::RssKib(pid));
    status = ok ? 0 : 1;
  }
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  if (status == 0) std::filesystem::remove_all(dir);
  return status;
}

// Dispatcher cost per message with a short and a long queue: ClaimNext +
// MarkSegmentSent + MarkSent for 10,000 messages, once with 1,000 queued
// and once with 1,000,000 queued, each step a committed transaction on a
// WAL file. Then the same steps as the dispatcher groups them at zero modem
// latency: one group commit per turn holding, for each of 4 modems, the
// results of the message it sent and the claim of its next one; that
// figure is the store's share of the daemon's CPU per message.
// Usage: store_bench [dir] [--grouped] (dir: default $TMPDIR or /tmp;
// --grouped: only the grouped figure with 1,000 queued, for quick profiling).
// STORE_BENCH_N=2000 measures 2,000 messages instead of 10,000: short
// enough to run under `valgrind --tool=callgrind`, whose instruction counts
// compare two builds on a busy machine where CPU times do not.
#include <time.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "daemon/store/sqlite/sqlite_store.h"

using namespace tellal::store;

namespace {

const int kMeasured = [] {
  const char* n = std::getenv("STORE_BENCH_N");
  return n != nullptr && std::atoi(n) > 0 ? std::atoi(n) : 10'000;
}();
constexpr size_t kBatch = 10'000;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "store_bench: %s\n", what.c_str());
  std::exit(1);
}

void Fill(OutboundQueue& queue, int count, Millis now) {
  std::vector<NewMessage> batch;
  for (int i = 0; i < count;) {
    batch.clear();
    for (size_t j = 0; j < kBatch && i < count; ++j, ++i) {
      NewMessage m;
      m.to = "+90555" + std::to_string(1'000'000 + i);
      m.text = "Your code is " + std::to_string(100'000 + i % 900'000);
      m.encoding = "gsm7";
      m.priority = static_cast<Priority>(i % 3);
      batch.push_back(std::move(m));
    }
    auto r = queue.EnqueueBatch(batch, now);
    if (!r.ok()) Die(r.error().message);
  }
}

// Nanoseconds per message for ClaimNext + MarkSegmentSent + MarkSent.
double Measure(const std::string& path, int queued) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  auto store = SqliteStore::Open(path);
  if (!store.ok()) Die(store.error().message);
  OutboundQueue& queue = (*store)->queue();
  const Millis now = 1'780'000'000'000;
  const auto fill_start = std::chrono::steady_clock::now();
  // Keep `queued` waiting throughout: the measured messages come on top.
  Fill(queue, queued + kMeasured, now);
  const double fill_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - fill_start).count();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kMeasured; ++i) {
    auto claimed = queue.ClaimNext("m1", now + i);
    if (!claimed.ok()) Die(claimed.error().message);
    if (!claimed->has_value()) Die("queue ran dry");
    const int64_t id = (*claimed)->id;
    tellal::Status s = queue.MarkSegmentSent(id, 1, "m1", i % 256, now + i);
    if (!s.ok()) Die(s.message());
    s = queue.MarkSent(id, now + i);
    if (!s.ok()) Die(s.message());
  }
  const double ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / kMeasured;
  std::printf("%9d queued: fill %.1f s, claim+mark %8.1f us/message\n", queued, fill_s, ns / 1000);
  return ns;
}

double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// CPU microseconds per message in dispatcher-shaped groups of `modems`.
double MeasureGrouped(const std::string& path, int queued, int modems) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  auto store = SqliteStore::Open(path);
  if (!store.ok()) Die(store.error().message);
  OutboundQueue& queue = (*store)->queue();
  const Millis now = 1'780'000'000'000;
  if (const char* x = std::getenv("XSQL")) {
    sqlite3* h = nullptr;
    sqlite3_open(path.c_str(), &h);
    char* err = nullptr;
    if (sqlite3_exec(h, x, nullptr, nullptr, &err) != SQLITE_OK) Die(err);
    sqlite3_close(h);
  }
  Fill(queue, queued + kMeasured + modems, now);
  std::vector<std::string> names;
  for (int m = 0; m < modems; ++m) names.push_back("m" + std::to_string(m + 1));
  std::vector<int64_t> current(static_cast<size_t>(modems), 0);
  int done = 0;
  int turn = 0;
  const double cpu0 = CpuSeconds();
  while (done < kMeasured) {
    const Millis at = now + turn++;
    auto group = (*store)->BeginGroup(GroupSync::kConnection);
    if (!group.ok()) Die(group.error().message);
    for (size_t m = 0; m < names.size(); ++m) {
      if (current[m] == 0) continue;
      tellal::Status s = queue.MarkSegmentSent(current[m], 1, names[m], done % 256, at);
      if (!s.ok()) Die(s.message());
      s = queue.MarkSent(current[m], at);
      if (!s.ok()) Die(s.message());
      ++done;
    }
    for (size_t m = 0; m < names.size(); ++m) {
      auto claimed = queue.ClaimNext(names[m], at);
      if (!claimed.ok()) Die(claimed.error().message);
      if (!claimed->has_value()) Die("queue ran dry");
      current[m] = (*claimed)->id;
    }
    tellal::Status s = group->Commit();
    if (!s.ok()) Die(s.message());
  }
  const double us = (CpuSeconds() - cpu0) * 1e6 / done;
  std::printf("%9d queued, %d modems grouped: %8.1f us CPU/message\n", queued, modems, us);
  return us;
}

}  // namespace

int main(int argc, char** argv) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string dir = argc > 1 ? argv[1] : (tmp != nullptr ? tmp : "/tmp");
  const std::string path = dir + "/tellal-store-bench-" + std::to_string(getpid()) + ".db";
  if (argc > 2 && std::string(argv[2]) == "--grouped") {
    MeasureGrouped(path, 1'000, 4);
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    return 0;
  }
  const double small = Measure(path, 1'000);
  const double large = Measure(path, 1'000'000);
  std::printf("ratio 1,000,000 / 1,000: %.3f\n", large / small);
  MeasureGrouped(path, 1'000, 4);
  MeasureGrouped(path, 1'000'000, 4);
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return 0;
}

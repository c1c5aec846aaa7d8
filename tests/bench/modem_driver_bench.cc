// Measures the modem driver against the virtual modem over real ptys:
//   1. throughput: segments per second one driver pushes through one
//      virtual modem with zero send latency, the queue kept full;
//   2. the idle gap between the end of one send (+CMGS answered) and the
//      start of the next (AT+CMGS received), as the modem sees it;
//   3. idle CPU of 4 ready modems with nothing to do (getrusage over a
//      quiet period), with the default 30 s health interval and with a
//      short one to show what the checks cost.
//
// Usage: modem_driver_bench [segments=5000] [idle_seconds=10]
#include <spdlog/spdlog.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "modem/driver/modem_driver.h"
#include "modem/pdu/pdu_encoder.h"
#include "modem/vmodem/virtual_modem.h"
#include "tests/support/run_io_until.h"

namespace {

using namespace std::chrono_literals;
using tellal::modem::ModemConfig;
using tellal::modem::ModemDriver;
using tellal::modem::ModemListener;
using tellal::modem::ModemState;
using tellal::modem::SendResult;

class QuietListener : public ModemListener {
 public:
  void OnStateChanged(const std::string&, ModemState) override {}
  void OnInbound(const std::string&, tellal::modem::InboundPdu, std::function<void()> stored) override { stored(); }
  void OnStatusReport(const std::string&, tellal::modem::StatusReport, std::function<void()> stored) override { stored(); }
};

struct Segment {
  std::string hex;
  int length;
};

double CpuSeconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  return v[i];
}

int Throughput(const std::string& dir, int segments) {
  boost::asio::io_context io;
  tellal::vmodem::Options options;
  options.name = "bench0";
  options.link_dir = dir;
  options.status_reports = false;
  tellal::vmodem::VirtualModem vm(io, options);
  QuietListener listener;
  ModemConfig config;
  config.name = "bench0";
  config.device = vm.device_path();
  ModemDriver driver(io, config, listener);
  driver.Start();
  if (!tellal::testing::RunIoUntil(
          io, [&] { return driver.state() == ModemState::kReady; }, 10s)) {
    std::fprintf(stderr, "driver did not become ready\n");
    return 1;
  }
  // Let the start-up scan finish so it is not measured.
  tellal::testing::RunIoUntil(
      io, [] { return false; }, 100ms);

  std::vector<Segment> pdus;
  for (int i = 0; i < segments; ++i) {
    tellal::pdu::SubmitOptions o;
    o.to = "+905321234567";
    auto encoded = tellal::pdu::EncodeSubmit("bench message " + std::to_string(i), o);
    pdus.push_back({encoded->front().hex, static_cast<int>(encoded->front().tpdu_length)});
  }

  // The dispatcher's way: a window of sends queued, refilled from callbacks.
  constexpr int kWindow = 8;
  int next = 0, done = 0, failed = 0;
  std::function<void()> submit_one = [&] {
    const Segment& s = pdus[next++];
    driver.Send(s.hex, s.length, next < segments, [&](SendResult r) {
      ++done;
      if (!r.ok) ++failed;
      if (next < segments) submit_one();
    });
  };
  const double cpu0 = CpuSeconds();
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kWindow && next < segments; ++i) submit_one();
  if (!tellal::testing::RunIoUntil(
          io, [&] { return done == segments; }, 120s)) {
    std::fprintf(stderr, "only %d of %d sends finished\n", done, segments);
    return 1;
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = CpuSeconds() - cpu0;

  std::vector<double> gaps_us;
  const auto& sent = vm.submitted();
  for (std::size_t i = 1; i < sent.size(); ++i) {
    gaps_us.push_back(std::chrono::duration<double, std::micro>(sent[i].started - sent[i - 1].finished).count());
  }
  std::printf(
      "throughput: %d segments in %.3f s = %.0f segments/s (failed %d), "
      "process CPU %.3f s (driver + virtual modem)\n",
      segments, wall, segments / wall, failed, cpu);
  std::printf("idle gap end-of-send -> next AT+CMGS (us): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (n=%zu)\n",
              Percentile(gaps_us, 0.5), Percentile(gaps_us, 0.9), Percentile(gaps_us, 0.99), Percentile(gaps_us, 1.0),
              gaps_us.size());
  return failed == 0 ? 0 : 1;
}

int IdleCpu(const std::string& dir, int seconds, std::chrono::milliseconds health) {
  boost::asio::io_context io;
  QuietListener listener;
  std::vector<std::unique_ptr<tellal::vmodem::VirtualModem>> modems;
  std::vector<std::unique_ptr<ModemDriver>> drivers;
  for (int i = 0; i < 4; ++i) {
    tellal::vmodem::Options o;
    o.name = "idle" + std::to_string(i);
    o.link_dir = dir;
    modems.push_back(std::make_unique<tellal::vmodem::VirtualModem>(io, o));
    ModemConfig c;
    c.name = o.name;
    c.device = modems.back()->device_path();
    c.health_interval = health;
    drivers.push_back(std::make_unique<ModemDriver>(io, c, listener));
    drivers.back()->Start();
  }
  auto all_ready = [&] {
    for (auto& d : drivers) {
      if (d->state() != ModemState::kReady) return false;
    }
    return true;
  };
  if (!tellal::testing::RunIoUntil(io, all_ready, 10s)) {
    std::fprintf(stderr, "idle: drivers did not become ready\n");
    return 1;
  }
  tellal::testing::RunIoUntil(
      io, [] { return false; }, 200ms);  // start-up scans
  std::size_t commands0 = 0;
  for (auto& m : modems) commands0 += m->commands().size();
  const double cpu0 = CpuSeconds();
  tellal::testing::RunIoUntil(
      io, [] { return false; }, std::chrono::seconds(seconds));
  const double cpu = CpuSeconds() - cpu0;
  std::size_t commands = 0;
  for (auto& m : modems) commands += m->commands().size();
  std::printf(
      "idle: 4 ready modems, health interval %lld ms, %d s: CPU %.4f s = %.4f%% "
      "of one core, %zu AT commands exchanged\n",
      static_cast<long long>(health.count()), seconds, cpu, 100.0 * cpu / seconds, commands - commands0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int segments = argc > 1 ? std::atoi(argv[1]) : 5000;
  const int idle_seconds = argc > 2 ? std::atoi(argv[2]) : 10;
  spdlog::set_level(spdlog::level::warn);
  char name[] = "/tmp/tellal-driver-bench-XXXXXX";
  if (::mkdtemp(name) == nullptr) return 1;
  const std::string dir = name;
  int rc = Throughput(dir, segments);
  rc |= IdleCpu(dir, idle_seconds, std::chrono::seconds(30));
  rc |= IdleCpu(dir, idle_seconds, std::chrono::seconds(1));
  ::rmdir(dir.c_str());
  return rc;
}

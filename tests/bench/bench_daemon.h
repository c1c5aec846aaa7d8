// What the end-to-end benchmarks (daemon_bench, api_bench) share: they run
// the real tellald as a child process, configured for virtual modems that
// live in the benchmark's own process, and read the child's figures from
// /proc.
#ifndef TELLAL_TESTS_BENCH_BENCH_DAEMON_H_
#define TELLAL_TESTS_BENCH_BENCH_DAEMON_H_

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "daemon/net/blocking_http_client.h"

namespace tellal::bench {

// A loopback port nobody listens on right now (the system's pick).
inline int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

// A "kB" line of /proc/<pid>/status ("VmRSS", "VmHWM"), in KiB; -1 if absent.
inline long StatusKib(pid_t pid, std::string_view field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  const std::string prefix = std::string(field) + ":";
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(prefix)) return std::stol(line.substr(prefix.size()));
  }
  return -1;
}

inline long RssKib(pid_t pid) { return StatusKib(pid, "VmRSS"); }

// A counter of /proc/<pid>/io ("write_bytes", "read_bytes"); -1 if absent
// (the file is readable only by the process's owner).
inline long long IoCounter(pid_t pid, std::string_view field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/io");
  const std::string prefix = std::string(field) + ":";
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(prefix)) return std::stoll(line.substr(prefix.size()));
  }
  return -1;
}

// utime + stime of `pid` in seconds.
inline double CpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The command name may hold spaces and parentheses; the fields start after the last ')'.
  std::istringstream rest(all.substr(all.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15; ++i) {
    rest >> field;
    if (i == 14 || i == 15) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Writes <dir>/tellal.ini: state in `dir`, HTTP on 127.0.0.1:<port> with
// `token`, and one modem sim1..simN per device path; `http_extra` is
// appended to [http]. Returns its path.
inline std::string WriteConfig(const std::string& dir, int port, const std::string& token,
                               const std::vector<std::string>& devices, const std::string& http_extra = "") {
  const std::string path = dir + "/tellal.ini";
  std::ofstream ini(path);
  ini << "[daemon]\nstate_dir = " << dir << "\nlog_level = warn\ndefault_country = 90\n"
      << "[http]\nlisten = 127.0.0.1:" << port << "\ntoken = " << token << "\n"
      << http_extra;
  for (size_t i = 0; i < devices.size(); ++i) ini << "[modem.sim" << i + 1 << "]\ndevice = " << devices[i] << "\n";
  return path;
}

// Polls /api/v1/modems until `modems` modems are ready (30 s at most).
inline bool WaitReady(net::BlockingHttpClient& http, const std::string& token, int modems) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    auto r = http.Request("GET", "/api/v1/modems", {}, {{"Authorization", "Bearer " + token}});
    if (r && r->status == 200) {
      auto j = nlohmann::json::parse(r->body, nullptr, false);
      int ready = 0;
      if (j.is_object()) {
        // "busy" counts too: with a backlog (daemon_bench --queued) a modem
        // starts sending the moment it is ready.
        for (auto& m : j["modems"]) ready += m["state"] == "ready" || m["state"] == "busy" ? 1 : 0;
      }
      if (ready == modems) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace tellal::bench

#endif  // TELLAL_TESTS_BENCH_BENCH_DAEMON_H_

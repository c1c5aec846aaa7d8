// `tellald --demo` as a child process of a benchmark: its own temporary
// directory (TMPDIR), a free loopback port, the API address and token read
// from its banner, its log in <dir>/daemon.log. Shared by the benchmarks
// that measure the API against the built-in demo (contacts_bench,
// campaign_bench).
#ifndef TELLAL_TESTS_BENCH_DEMO_DAEMON_H_
#define TELLAL_TESTS_BENCH_DEMO_DAEMON_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/bench/bench_daemon.h"

extern char** environ;

namespace tellal::bench {

class DemoDaemon {
 public:
  // Starts tellald --demo; nullopt (after printing why) when it does not
  // print its banner within 30 s. `name` prefixes the temporary directory.
  static std::optional<DemoDaemon> Start(const std::string& name) {
    DemoDaemon d;
    std::string dir_template = "/tmp/" + name + ".XXXXXX";
    if (mkdtemp(dir_template.data()) == nullptr) return std::nullopt;
    d.dir_ = dir_template;
    int out[2];
    if (pipe(out) != 0) return std::nullopt;
    const std::string listen = "127.0.0.1:" + std::to_string(FreePort());
    d.log_path_ = d.dir_ + "/daemon.log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, d.log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    std::vector<std::string> env_strings = {"TMPDIR=" + d.dir_};
    for (char** e = environ; *e != nullptr; ++e) {
      if (!std::string(*e).starts_with("TMPDIR=")) env_strings.emplace_back(*e);
    }
    std::vector<char*> env;
    for (std::string& e : env_strings) env.push_back(e.data());
    env.push_back(nullptr);
    std::vector<std::string> args = {TELLALD_PATH, "--demo", "--listen", listen};
    std::vector<char*> argp;
    for (std::string& a : args) argp.push_back(a.data());
    argp.push_back(nullptr);
    const int spawned = posix_spawn(&d.pid_, argp[0], &actions, nullptr, argp.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    d.out_ = out[0];
    if (spawned != 0) {
      std::fprintf(stderr, "cannot start %s\n", TELLALD_PATH);
      d.pid_ = 0;
      return std::nullopt;
    }
    if (!d.ReadBanner()) {
      std::fprintf(stderr, "tellald --demo printed no API address and token; see %s\n", d.log_path_.c_str());
      kill(d.pid_, SIGKILL);
      waitpid(d.pid_, nullptr, 0);
      d.pid_ = 0;
      return std::nullopt;
    }
    return d;
  }

  DemoDaemon(DemoDaemon&& o) noexcept
      : pid_(std::exchange(o.pid_, 0)), out_(std::exchange(o.out_, -1)), dir_(o.dir_), log_path_(o.log_path_),
        url_(o.url_), token_(o.token_) {}
  DemoDaemon& operator=(DemoDaemon&&) = delete;
  ~DemoDaemon() { Stop(false); }

  // SIGTERM and wait; the directory goes too when `remove_dir`.
  void Stop(bool remove_dir) {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
      pid_ = 0;
    }
    if (out_ >= 0) close(out_);
    out_ = -1;
    if (remove_dir && !dir_.empty()) std::filesystem::remove_all(dir_);
  }

  pid_t pid() const { return pid_; }
  const std::string& url() const { return url_; }
  const std::string& token() const { return token_; }
  const std::string& log_path() const { return log_path_; }

 private:
  DemoDaemon() = default;

  bool ReadBanner() {
    std::string text;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (url_.empty() || token_.empty()) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      pollfd p{out_, POLLIN, 0};
      if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) return false;
      char buffer[4096];
      const ssize_t n = read(out_, buffer, sizeof buffer);
      if (n <= 0) return false;
      text.append(buffer, static_cast<size_t>(n));
      for (size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        std::string line = text.substr(start, end - start);
        line.erase(0, line.find_first_not_of(' '));
        const std::string value = line.substr(line.find_last_of(' ') + 1);
        if (line.starts_with("API ")) url_ = value;
        if (line.starts_with("token ")) token_ = value;
      }
    }
    return true;
  }

  pid_t pid_ = 0;
  int out_ = -1;
  std::string dir_;
  std::string log_path_;
  std::string url_;
  std::string token_;
};

}  // namespace tellal::bench

#endif  // TELLAL_TESTS_BENCH_DEMO_DAEMON_H_

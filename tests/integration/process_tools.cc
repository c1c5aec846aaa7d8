#include "process_tools.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>

// The listener below needs Catch2's reporter interfaces.
#define CATCH_CONFIG_EXTERNAL_INTERFACES

extern char** environ;

namespace tellal::integration {
namespace {

ChildProcess* g_watched = nullptr;

std::string SysError(const std::string& what) { return what + ": " + std::strerror(errno); }

// Variables that would make a child talk to a systemd that does not
// supervise it (a test run from a unit inherits them), or that change how
// tellald formats its log.
bool Inherited(std::string_view entry) {
  for (std::string_view name :
       {"NOTIFY_SOCKET=", "JOURNAL_STREAM=", "WATCHDOG_USEC=", "WATCHDOG_PID=", "LISTEN_FDS=", "LISTEN_PID="}) {
    if (entry.starts_with(name)) return false;
  }
  return true;
}

std::vector<std::string> ChildEnvironment(const EnvChanges& changes) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (!Inherited(entry)) continue;
    const std::string name(entry.substr(0, entry.find('=')));
    if (changes.count(name)) continue;
    env.emplace_back(entry);
  }
  for (const auto& [name, value] : changes) {
    if (value) env.push_back(name + "=" + *value);
  }
  return env;
}

// The last `max_lines` lines of `text`.
std::string Tail(const std::string& text, size_t max_lines) {
  size_t start = text.size();
  size_t lines = 0;
  // A final line break ends the last line rather than starting another.
  size_t search = text.ends_with('\n') ? text.size() - 1 : text.size();
  while (search > 0 && lines < max_lines) {
    const size_t newline = text.rfind('\n', search - 1);
    if (newline == std::string::npos) return text;
    start = newline + 1;
    search = newline;
    ++lines;
  }
  return text.substr(std::min(start, text.size()));
}

}  // namespace

ScratchDir::ScratchDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/" + prefix + "-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error(SysError("mkdtemp " + pattern));
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  if (std::getenv("TELLAL_INTEGRATION_KEEP") != nullptr) {
    std::fprintf(stderr, "integration: kept %s\n", path_.c_str());
    return;
  }
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string ScratchDir::Write(const std::string& name, const std::string& content) const {
  const std::string path = path_ + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path);
  return path;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> ExecArgv(std::vector<std::string> argv) {
  const char* wrapper = std::getenv("TELLAL_TEST_EXEC_WRAPPER");
  if (wrapper != nullptr && *wrapper != '\0') argv.insert(argv.begin(), wrapper);
  return argv;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const EnvChanges& env, std::string stdout_path,
                           std::string stderr_path)
    : stdout_path_(std::move(stdout_path)), stderr_path_(std::move(stderr_path)) {
  if (argv.empty()) throw std::invalid_argument("ChildProcess: empty argv");
  const int out_fd = ::open(stdout_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int err_fd = ::open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  auto close_all = [&] {
    for (int fd : {out_fd, err_fd, null_fd}) {
      if (fd >= 0) ::close(fd);
    }
  };
  if (out_fd < 0 || err_fd < 0 || null_fd < 0) {
    const std::string error = SysError("opening the output files of " + argv[0]);
    close_all();
    throw std::runtime_error(error);
  }

  // Everything the child needs is built before fork: between fork and exec
  // only async-signal-safe calls are allowed (the test has other threads).
  std::vector<std::string> args = ExecArgv(argv);
  std::vector<char*> arg_ptrs;
  for (std::string& a : args) arg_ptrs.push_back(a.data());
  arg_ptrs.push_back(nullptr);
  std::vector<std::string> env_strings = ChildEnvironment(env);
  std::vector<char*> env_ptrs;
  for (std::string& e : env_strings) env_ptrs.push_back(e.data());
  env_ptrs.push_back(nullptr);
  const pid_t parent = ::getpid();

  const pid_t pid = ::fork();
  if (pid < 0) {
    const std::string error = SysError("fork");
    close_all();
    throw std::runtime_error(error);
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    // Catch2 and the test's threads may have changed dispositions and the
    // mask; the child starts with the defaults.
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int s : {SIGPIPE, SIGTERM, SIGINT, SIGHUP}) ::sigaction(s, &default_action, nullptr);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execve(arg_ptrs[0], arg_ptrs.data(), env_ptrs.data());
    static const char kExecFailed[] = "process_tools: execve failed\n";
    if (::write(STDERR_FILENO, kExecFailed, sizeof(kExecFailed) - 1) < 0) {
    }
    ::_exit(127);
  }
  close_all();
  pid_ = pid;
}

ChildProcess::~ChildProcess() {
  if (g_watched == this) g_watched = nullptr;
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    Reap(true);
  }
}

bool ChildProcess::Reap(bool block) {
  if (pid_ <= 0) return true;
  int status = 0;
  pid_t r;
  do {
    r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == 0) return false;
  if (r == pid_) {
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 255;
  }
  pid_ = -1;
  return true;
}

bool ChildProcess::Running() { return pid_ > 0 && !Reap(false); }

void ChildProcess::Signal(int signal) {
  if (Running()) ::kill(pid_, signal);
}

std::optional<int> ChildProcess::Wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!Reap(false)) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return exit_status_;
}

void ChildProcess::WatchForFailures() { g_watched = this; }

ChildProcess* ChildProcess::Watched() { return g_watched; }

void ChildProcess::ReportFailure() {
  if (reported_) return;
  reported_ = true;
  std::fprintf(stderr, "---- child stdout (%s), tail ----\n%s\n---- child stderr (%s), tail ----\n%s\n---- end ----\n",
               stdout_path_.c_str(), Tail(StdOut(), 60).c_str(), stderr_path_.c_str(), Tail(StdErr(), 200).c_str());
}

ProcessResult RunProcess(const std::vector<std::string>& argv, const EnvChanges& env, const std::string& scratch_dir,
                         std::chrono::milliseconds timeout) {
  static int counter = 0;
  const std::string stem = scratch_dir + "/run" + std::to_string(++counter);
  ProcessResult result;
  {
    ChildProcess child(argv, env, stem + ".out", stem + ".err");
    std::optional<int> status = child.Wait(timeout);
    result.status = status ? *status : -1;
    // A child that did not end is killed by the destructor.
  }
  result.out = ReadWholeFile(stem + ".out");
  result.err = ReadWholeFile(stem + ".err");
  return result;
}

}  // namespace tellal::integration

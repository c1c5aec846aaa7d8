#include "daemon_harness.h"
#include "daemon/net/url.h"

#include "http_tools.h"
#include "process_tools.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

// The listener below needs Catch2's reporter interfaces, which only the
// main translation unit gets by default.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

extern char** environ;

namespace tellal::integration {
namespace {

DaemonHarness* g_current = nullptr;

constexpr auto kReadyTimeout = std::chrono::seconds(20);
constexpr size_t kLogTailLines = 250;

std::string SysError(const std::string& what) { return what + ": " + std::strerror(errno); }

// The environment tellald gets: ours without what would make it talk to a
// systemd that is not its supervisor (a test run from a unit inherits
// NOTIFY_SOCKET), and without JOURNAL_STREAM, which would drop the time
// stamps from its log lines.
std::vector<std::string> ChildEnvironment() {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (entry.starts_with("NOTIFY_SOCKET=") || entry.starts_with("JOURNAL_STREAM=") ||
        entry.starts_with("WATCHDOG_USEC=") || entry.starts_with("WATCHDOG_PID=") || entry.starts_with("LISTEN_FDS=") ||
        entry.starts_with("LISTEN_PID=")) {
      continue;
    }
    env.emplace_back(entry);
  }
  return env;
}

std::string DescribeExit(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("signal ") + strsignal(WTERMSIG(status));
  return "status " + std::to_string(status);
}

// The state modem `id` ("simN") settles in when the test says it is not
// "ready".
std::optional<std::string> SettledStateOf(const HarnessOptions& options, const std::string& id) {
  for (const auto& [sim, state] : options.settled_states) {
    if (id == "sim" + std::to_string(sim)) return state;
  }
  return std::nullopt;
}

}  // namespace

std::string StateSummary(const std::map<int64_t, json>& messages, const std::vector<int64_t>& ids) {
  std::map<std::string, int> counts;
  for (int64_t id : ids) {
    auto it = messages.find(id);
    ++counts[it == messages.end() ? "missing" : it->second.value("state", "?")];
  }
  std::string summary;
  for (const auto& [state, n] : counts) summary += (summary.empty() ? "" : " ") + state + ":" + std::to_string(n);
  return summary;
}

std::vector<std::string> TaggedTexts(const std::string& tag, int count) {
  std::vector<std::string> texts;
  for (int i = 0; i < count; ++i) texts.push_back(DaemonHarness::TextFor(tag, i));
  return texts;
}

TextAudit AuditTexts(const std::map<std::string, int>& accepted, const std::vector<std::string>& expected) {
  TextAudit audit;
  const std::set<std::string> wanted(expected.begin(), expected.end());
  for (const std::string& text : wanted) {
    auto it = accepted.find(text);
    if (it == accepted.end()) audit.missing.push_back(text);
  }
  for (const auto& [text, n] : accepted) {
    if (!wanted.count(text)) audit.unexpected.push_back(text);
    if (n > 1) audit.duplicated.push_back(text + " x" + std::to_string(n));
  }
  return audit;
}

std::string TextAudit::ToString() const {
  auto list = [](const std::vector<std::string>& texts) {
    std::string out;
    for (size_t i = 0; i < texts.size() && i < 30; ++i) out += (i ? ", " : "") + texts[i];
    if (texts.size() > 30) out += ", ... (" + std::to_string(texts.size()) + " in all)";
    return out;
  };
  return "duplicated [" + list(duplicated) + "] missing [" + list(missing) + "] unexpected [" + list(unexpected) + "]";
}

DaemonHarness::DaemonHarness(HarnessOptions options)
    : options_(std::move(options)), modem_work_(boost::asio::make_work_guard(modem_io_)) {
  char pattern[] = "/tmp/tellal-integ-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) throw std::runtime_error(SysError("mkdtemp"));
  dir_ = pattern;
  std::filesystem::create_directories(dir_ + "/dev");
  std::filesystem::create_directories(dir_ + "/state");
  g_current = this;

  modem_thread_ = std::thread([this] { modem_io_.run(); });
  try {
    OnModems([this] {
      for (int n = 1; n <= options_.modems; ++n) {
        vmodem::Options o;
        o.name = "sim" + std::to_string(n);
        o.link_dir = dir_ + "/dev";
        // Distinct identities and random streams, as separate SIMs have.
        o.seed = static_cast<uint32_t>(n);
        o.imsi = "28601000000000" + std::to_string(n % 10);
        o.iccid = "899001000000000000" + std::to_string(n % 10);
        o.imei = "35693803564380" + std::to_string(n % 10);
        o.send_latency = options_.send_latency;
        if (options_.modem_options) options_.modem_options(n, o);
        modems_.push_back(std::make_unique<vmodem::VirtualModem>(modem_io_, o));
      }
      return 0;
    });
    UseNewPort();
    WriteConfig(options_.listed_modems < 0 ? options_.modems : options_.listed_modems);
    if (options_.start) Start();
  } catch (...) {
    // The destructor does not run for a constructor that throws, and a
    // joinable thread or a live child must not outlive the harness.
    Cleanup();
    throw;
  }
}

DaemonHarness::~DaemonHarness() { Cleanup(); }

void DaemonHarness::Cleanup() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    Reap(true);
  }
  http_.reset();
  if (modem_thread_.joinable()) {
    try {
      OnModems([this] {
        modems_.clear();  // closes the ptys on the thread that owns them
        return 0;
      });
    } catch (...) {
      // Destroying a modem does not throw; nothing useful to do if it did.
    }
    modem_work_.reset();
    modem_io_.stop();
    modem_thread_.join();
  }
  if (g_current == this) g_current = nullptr;
  if (!dir_.empty() && std::getenv("TELLAL_INTEGRATION_KEEP") == nullptr) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  } else if (!dir_.empty()) {
    std::fprintf(stderr, "integration: kept %s\n", dir_.c_str());
  }
  dir_.clear();
}

vmodem::VirtualModem& DaemonHarness::sim(int n) {
  if (n < 1 || n > modem_count()) throw std::out_of_range("no modem sim" + std::to_string(n));
  return *modems_[static_cast<size_t>(n - 1)];
}

std::vector<std::string> DaemonHarness::SubmittedTexts(int n) {
  return OnModems([this, n] {
    std::vector<std::string> texts;
    for (int i = 1; i <= modem_count(); ++i) {
      if (n != 0 && i != n) continue;
      for (const vmodem::SubmittedMessage& m : sim(i).submitted()) texts.push_back(m.decoded.text);
    }
    return texts;
  });
}

std::map<std::string, int> DaemonHarness::SubmittedTextCounts() {
  std::map<std::string, int> counts;
  for (const std::string& text : SubmittedTexts()) ++counts[text];
  return counts;
}

size_t DaemonHarness::SubmittedCount(int n) {
  return OnModems([this, n] {
    size_t count = 0;
    for (int i = 1; i <= modem_count(); ++i) {
      if (n == 0 || i == n) count += sim(i).submitted().size();
    }
    return count;
  });
}

// --- The daemon process --------------------------------------------------------

std::string DaemonHarness::ConfigText(int listed) const {
  std::ostringstream ini;
  ini << "[daemon]\n"
      << "state_dir = " << (options_.state_dir.empty() ? dir_ + "/state" : options_.state_dir) << "\n";
  // Defaults a test may override in daemon_ini (a key given twice is an
  // error in tellal's INI).
  if (options_.daemon_ini.find("log_level") == std::string::npos) ini << "log_level = debug\n";
  if (options_.daemon_ini.find("default_country") == std::string::npos) ini << "default_country = 90\n";
  ini << options_.daemon_ini << "\n\n"
      << "[http]\n"
      << "listen = 127.0.0.1:" << port_ << "\n"
      << "token = " << token_ << "\n";
  if (!options_.http_ini.empty()) ini << options_.http_ini << "\n";
  if (!options_.campaigns_ini.empty()) ini << "\n[campaigns]\n" << options_.campaigns_ini << "\n";
  if (!options_.webhooks_ini.empty()) ini << "\n[webhooks]\n" << options_.webhooks_ini << "\n";
  for (int n = 1; n <= listed; ++n) {
    ini << "\n[modem.sim" << n << "]\n"
        << "device = " << dir_ << "/dev/sim" << n << "\n";
    auto extra = options_.modem_ini.find(n);
    if (extra != options_.modem_ini.end()) ini << extra->second << "\n";
  }
  return ini.str();
}

void DaemonHarness::WriteConfig(int listed) {
  listed_ = listed;
  // Written beside and renamed over, so a SIGHUP never reads half a file.
  const std::string temporary = config_path() + ".new";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << ConfigText(listed);
    if (!out) throw std::runtime_error("cannot write " + temporary);
  }
  std::filesystem::rename(temporary, config_path());
}

void DaemonHarness::Spawn() {
  REQUIRE(pid_ < 0);
  ++spawns_;
  const int log_fd = ::open(log_path().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error(SysError("opening " + log_path()));
  const std::string marker = "==== harness: starting tellald (#" + std::to_string(spawns_) + ") ====\n";
  if (::write(log_fd, marker.data(), marker.size()) < 0) {
    // The marker only helps a reader of the log; the run does not need it.
  }
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);

  // Everything the child needs is prepared here: between fork and exec only
  // async-signal-safe calls are allowed (the modems' thread exists).
  std::vector<std::string> args = ExecArgv({TELLALD_PATH, "--config", config_path()});
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings = ChildEnvironment();
  for (const std::string& entry : options_.environment) {
    const std::string name = entry.substr(0, entry.find('=') + 1);
    std::erase_if(env_strings, [&](const std::string& e) { return e.starts_with(name); });
    env_strings.push_back(entry);
  }
  std::vector<char*> envp;
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t parent = ::getpid();

  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    if (null_fd >= 0) ::close(null_fd);
    throw std::runtime_error(SysError("fork"));
  }
  if (pid == 0) {
    // Dies with the test process even if the harness never gets to kill it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    // Catch2 and the test's threads may have changed dispositions and the
    // mask; the daemon must see the defaults its signal_set expects.
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int s : {SIGPIPE, SIGTERM, SIGINT, SIGHUP}) ::sigaction(s, &default_action, nullptr);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execve(argv[0], argv.data(), envp.data());
    static const char kExecFailed[] = "harness: execve tellald failed\n";
    if (::write(STDERR_FILENO, kExecFailed, sizeof(kExecFailed) - 1) < 0) {
    }
    ::_exit(127);
  }
  ::close(log_fd);
  if (null_fd >= 0) ::close(null_fd);
  pid_ = pid;
  last_exit_.reset();
}

bool DaemonHarness::Reap(bool block) {
  if (pid_ <= 0) return true;
  int status = 0;
  pid_t r;
  do {
    r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == 0) return false;
  if (r == pid_) {
    last_exit_ = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 255;
    last_exit_text_ = DescribeExit(status);
  }
  pid_ = -1;
  return true;
}

bool DaemonHarness::Running() { return pid_ > 0 && !Reap(false); }

void DaemonHarness::Signal(int signal) {
  REQUIRE(Running());
  ::kill(pid_, signal);
}

bool DaemonHarness::WaitReady() {
  const auto deadline = Clock::now() + kReadyTimeout;
  std::string last_seen = "no answer yet";
  while (Clock::now() < deadline) {
    if (!Running()) return false;
    auto health = http_->Request("GET", "/api/v1/health");
    if (health && health->status == 200) {
      json h = json::parse(health->body, nullptr, false);
      last_seen = "health " + health->body;
      if (!h.is_discarded() && h.value("status", "") == "ok") {
        auto modems = Request("GET", "/api/v1/modems");
        last_seen = "modems " + modems.raw;
        bool all_ready = modems.status == 200 && modems.body.contains("modems");
        if (all_ready) {
          for (const json& m : modems.body["modems"]) {
            const std::string state = m.value("state", "");
            const std::optional<std::string> settled = SettledStateOf(options_, m.value("id", ""));
            all_ready =
                all_ready && (settled ? state == *settled : state == "ready" || state == "busy" || state == "disabled");
          }
        }
        if (all_ready) return true;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FAIL("tellald was not ready within " << kReadyTimeout.count() << " s; last seen: " << last_seen);
  return false;
}

void DaemonHarness::UseNewPort() {
  port_ = FreeLoopbackPort();
  net::HttpTransferOptions http;
  http.connect_timeout = std::chrono::seconds(2);
  http.timeout = std::chrono::seconds(20);
  http_.emplace("http://127.0.0.1:" + std::to_string(port_), http);
}

void DaemonHarness::Start() {
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    const size_t log_before = LogText().size();
    Spawn();
    if (WaitReady()) return;
    // The port was free when it was chosen, but with tests running in
    // parallel another process (or an outgoing connection's ephemeral
    // port) can take it before tellald binds it: choose again. Any other
    // start-up failure is the daemon's.
    const bool port_taken = LogText().find("Address already in use", log_before) != std::string::npos;
    if (!port_taken || attempt == kAttempts) {
      FAIL("tellald exited during start-up (" << last_exit_text_ << "); see its log above");
    }
    UseNewPort();
    WriteConfig(listed_);
  }
}

std::optional<int> DaemonHarness::Stop(std::chrono::milliseconds deadline) {
  if (!Running()) return last_exit_;
  ::kill(pid_, SIGTERM);
  if (WaitUntil([this] { return Reap(false); }, deadline, std::chrono::milliseconds(10))) return last_exit_;
  ::kill(pid_, SIGKILL);
  Reap(true);
  return std::nullopt;
}

void DaemonHarness::Kill9() {
  REQUIRE(Running());
  ::kill(pid_, SIGKILL);
  Reap(true);
}

void DaemonHarness::Restart() {
  if (Running()) Stop();
  // The kept connection belonged to the old process.
  http_->Close();
  Start();
}

// --- The HTTP API ----------------------------------------------------------------

ApiReply DaemonHarness::Request(const std::string& method, const std::string& path, const json& body) {
  net::HttpHeaders headers = {{"Authorization", "Bearer " + token_}};
  std::string payload;
  if (!body.is_null()) {
    headers.emplace_back("Content-Type", "application/json");
    payload = body.dump();
  }
  return RawRequest(method, path, payload, headers);
}

ApiReply DaemonHarness::RawRequest(const std::string& method, const std::string& path, const std::string& body,
                                   const net::HttpHeaders& headers) {
  auto reply = http_->Request(method, path, body, headers);
  if (!reply) {
    throw std::runtime_error(method + " " + path + ": " + reply.error().message +
                             (Running() ? "" : " (tellald is not running: " + last_exit_text_ + ")"));
  }
  ApiReply out;
  out.status = reply->status;
  out.raw = std::move(reply->body);
  out.headers = std::move(reply->headers);
  json parsed = json::parse(out.raw, nullptr, false);
  if (!parsed.is_discarded()) out.body = std::move(parsed);
  return out;
}

json DaemonHarness::Get(const std::string& path) {
  ApiReply reply = Request("GET", path);
  INFO("GET " << path << " answered " << reply.status << ": " << reply.raw.substr(0, 2000));
  REQUIRE(reply.status == 200);
  return reply.body;
}

std::vector<int64_t> DaemonHarness::Submit(int count, const std::string& tag, const json& fields) {
  json messages = json::array();
  for (int i = 0; i < count; ++i) {
    json m = fields;
    m["to"] = "+905321234567";
    m["text"] = TextFor(tag, i);
    messages.push_back(std::move(m));
  }
  ApiReply reply = Post("/api/v1/messages", json{{"messages", std::move(messages)}});
  INFO("POST /api/v1/messages (" << count << " x " << tag << ") answered " << reply.status << ": "
                                 << reply.raw.substr(0, 2000));
  REQUIRE(reply.status == 202);
  REQUIRE(reply.body["messages"].size() == static_cast<size_t>(count));
  std::vector<int64_t> ids;
  for (const json& m : reply.body["messages"]) ids.push_back(m.at("id").get<int64_t>());
  return ids;
}

std::map<int64_t, json> DaemonHarness::AllMessages() {
  std::map<int64_t, json> all;
  std::string cursor;
  do {
    json page = Get("/api/v1/messages?limit=1000" + (cursor.empty() ? "" : "&cursor=" + net::PercentEncode(cursor)));
    for (json& m : page["messages"]) {
      const int64_t id = m.at("id").get<int64_t>();
      all.emplace(id, std::move(m));
    }
    cursor = page["next_cursor"].is_string() ? page["next_cursor"].get<std::string>() : "";
  } while (!cursor.empty());
  return all;
}

bool DaemonHarness::Settled() {
  for (const char* state : {"queued", "sending"}) {
    json page = Get(std::string("/api/v1/messages?limit=1&state=") + state);
    if (!page["messages"].empty()) return false;
  }
  return true;
}

std::map<std::string, json> DaemonHarness::Modems() {
  std::map<std::string, json> modems;
  // Held in a variable: a range-for over a member of a temporary would
  // outlive the temporary.
  json reply = Get("/api/v1/modems");
  for (json& m : reply["modems"]) modems.emplace(m.at("id").get<std::string>(), std::move(m));
  return modems;
}

std::string DaemonHarness::ModemState(const std::string& id) {
  auto modems = Modems();
  auto it = modems.find(id);
  return it == modems.end() ? "(not listed)" : it->second.value("state", "");
}

bool DaemonHarness::WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout,
                              std::chrono::milliseconds interval) {
  const auto deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);
  }
  return true;
}

// --- Files -------------------------------------------------------------------------

std::string DaemonHarness::LogText() const {
  std::ifstream in(log_path(), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void DaemonHarness::ReportFailure() {
  if (reported_) return;
  reported_ = true;
  std::ifstream in(log_path());
  std::deque<std::string> tail;
  size_t total = 0;
  for (std::string line; std::getline(in, line);) {
    ++total;
    tail.push_back(std::move(line));
    if (tail.size() > kLogTailLines) tail.pop_front();
  }
  std::fprintf(stderr, "---- tellald log (%s), last %zu of %zu lines ----\n", log_path().c_str(), tail.size(), total);
  for (const std::string& line : tail) std::fprintf(stderr, "%s\n", line.c_str());
  std::fprintf(stderr, "---- end of tellald log ----\n");
}

DaemonHarness* DaemonHarness::Current() { return g_current; }

}  // namespace tellal::integration

namespace {

// Prints the running daemon's log and the watched child's output (tellal,
// tellald --demo) when an assertion fails, so a failure in CI shows what the
// processes were doing, not only what the test expected.
class ProcessOutputOnFailure : public Catch::TestEventListenerBase {
 public:
  using TestEventListenerBase::TestEventListenerBase;

  bool assertionEnded(const Catch::AssertionStats& stats) override {
    if (!stats.assertionResult.isOk()) {
      if (auto* harness = tellal::integration::DaemonHarness::Current()) harness->ReportFailure();
      if (auto* child = tellal::integration::ChildProcess::Watched()) child->ReportFailure();
    }
    return true;
  }
};

}  // namespace

CATCH_REGISTER_LISTENER(ProcessOutputOnFailure)

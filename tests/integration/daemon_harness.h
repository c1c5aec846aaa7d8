// DaemonHarness: runs the real tellald binary as a child process against
// virtual modems on pseudo-terminals, and talks to it over its HTTP API the
// way a client would. What the end-to-end tests are built on.
//
// One harness owns:
//  - a temporary directory (config, database, device symlinks, daemon log),
//    removed by the destructor unless TELLAL_INTEGRATION_KEEP is set; the
//    database may live elsewhere instead (HarnessOptions::state_dir);
//  - N VirtualModems named sim1..simN, linked at <tmp>/dev/simN, running on
//    their own io_context on a background thread (the daemon is a separate
//    process, so the modems must keep answering while the test blocks on
//    HTTP or polls);
//  - the tellald process, its stderr appended to <tmp>/tellald.log, which is
//    printed (its tail) when an assertion fails while the harness exists.
//
// Threading: every method is for the test's thread, except that the
// VirtualModems may only be touched inside OnModems (their thread). The
// daemon is forked from the test's thread, which must outlive it (the child
// dies with it via PR_SET_PDEATHSIG).
#ifndef TELLAL_TESTS_INTEGRATION_DAEMON_HARNESS_H_
#define TELLAL_TESTS_INTEGRATION_DAEMON_HARNESS_H_

#include <sys/types.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include "daemon/net/blocking_http_client.h"
#include "modem/vmodem/virtual_modem.h"

namespace tellal::integration {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// Set with the chained setters, e.g.
//   HarnessOptions().Modems(4).Latency(50ms).DaemonIni("send_timeout_seconds = 3")
struct HarnessOptions {
  int modems = 4;
  // How many of sim1..simN the configuration file lists at first; the rest
  // exist as modems but the daemon does not know them (until a reload).
  // Negative: all of them.
  int listed_modems = -1;
  // Every modem's AT+CMGS latency; modem_options may change it per modem.
  std::chrono::milliseconds send_latency{0};
  // Adjusts simN's options before it is created (faults, reports...).
  std::function<void(int sim, vmodem::Options&)> modem_options;
  // Extra `key = value` lines for [daemon] and for [modem.simN].
  std::string daemon_ini;
  std::map<int, std::string> modem_ini;
  // Extra `key = value` lines for [http] (kannel_username, max_body_kib...).
  std::string http_ini;
  // Lines for [campaigns] (quiet_hours, caps, reply_number...); empty: no
  // such section, the defaults.
  std::string campaigns_ini;
  // Lines for [webhooks] (retry_schedule...); empty: no such section.
  std::string webhooks_ini;
  // Start the daemon in the constructor and wait until it is ready.
  bool start = true;
  // The state simN settles in instead of ready/busy (e.g. "sim-locked"):
  // Start() waits for it. At least one modem must still become ready.
  std::map<int, std::string> settled_states;
  // "NAME=value" entries for tellald's environment, replacing the test's
  // own value of NAME (e.g. LD_PRELOAD for libfaketime).
  std::vector<std::string> environment;
  // The daemon's state_dir (where its database lives), an existing
  // directory the test owns, e.g. on a small file system it fills. Empty:
  // <tmp>/state.
  std::string state_dir;

  HarnessOptions& Modems(int n) {
    modems = n;
    return *this;
  }
  HarnessOptions& Listed(int n) {
    listed_modems = n;
    return *this;
  }
  HarnessOptions& Latency(std::chrono::milliseconds l) {
    send_latency = l;
    return *this;
  }
  HarnessOptions& Modem(std::function<void(int, vmodem::Options&)> f) {
    modem_options = std::move(f);
    return *this;
  }
  HarnessOptions& DaemonIni(std::string lines) {
    daemon_ini = std::move(lines);
    return *this;
  }
  HarnessOptions& ModemIni(int sim, std::string lines) {
    modem_ini[sim] = std::move(lines);
    return *this;
  }
  HarnessOptions& HttpIni(std::string lines) {
    http_ini = std::move(lines);
    return *this;
  }
  HarnessOptions& CampaignsIni(std::string lines) {
    campaigns_ini = std::move(lines);
    return *this;
  }
  HarnessOptions& WebhooksIni(std::string lines) {
    webhooks_ini = std::move(lines);
    return *this;
  }
  HarnessOptions& SettlesAs(int sim, std::string state) {
    settled_states[sim] = std::move(state);
    return *this;
  }
  HarnessOptions& Env(std::string entry) {
    environment.push_back(std::move(entry));
    return *this;
  }
  HarnessOptions& StateDir(std::string dir) {
    state_dir = std::move(dir);
    return *this;
  }
  HarnessOptions& DontStart() {
    start = false;
    return *this;
  }
};

// An HTTP answer with its body parsed (null when the body was empty or not
// JSON; `raw` has it either way).
struct ApiReply {
  int status = 0;
  json body;
  std::string raw;
  net::HttpHeaders headers;  // as received

  std::optional<std::string> Header(std::string_view name) const { return net::FindHeader(headers, name); }
};

// "sent:398 unknown:2": how many of `ids` are in each state, by state name;
// ids the daemon does not list count as "missing". Compared as a string so
// a failure prints the whole picture.
std::string StateSummary(const std::map<int64_t, json>& messages, const std::vector<int64_t>& ids);

// The texts TextFor(tag, 0..count-1).
std::vector<std::string> TaggedTexts(const std::string& tag, int count);

// What the modems got, held against what was expected of them.
struct TextAudit {
  std::vector<std::string> duplicated;  // accepted more than once
  std::vector<std::string> missing;     // expected, never accepted
  std::vector<std::string> unexpected;  // accepted, not expected at all
  bool Clean() const { return duplicated.empty() && missing.empty() && unexpected.empty(); }
  std::string ToString() const;
};
TextAudit AuditTexts(const std::map<std::string, int>& accepted, const std::vector<std::string>& expected);

class DaemonHarness {
 public:
  explicit DaemonHarness(HarnessOptions options = {});
  ~DaemonHarness();
  DaemonHarness(const DaemonHarness&) = delete;
  DaemonHarness& operator=(const DaemonHarness&) = delete;

  // --- The virtual modems --------------------------------------------------
  // Runs `f` on the modems' thread and returns its result (exceptions are
  // passed back). Blocks until it has run.
  template <class F>
  auto OnModems(F f) -> std::invoke_result_t<F&> {
    using R = std::invoke_result_t<F&>;
    // Shared with the handler: it may still be unwinding out of the task
    // when get() returns here.
    auto task = std::make_shared<std::packaged_task<R()>>(std::move(f));
    std::future<R> result = task->get_future();
    boost::asio::post(modem_io_, [task] { (*task)(); });
    return result.get();
  }
  // simN, 1-based. Only to be used inside OnModems.
  vmodem::VirtualModem& sim(int n);
  int modem_count() const { return static_cast<int>(modems_.size()); }

  // Decoded texts of everything simN (0: every modem) accepted with
  // AT+CMGS, in the order it accepted them.
  std::vector<std::string> SubmittedTexts(int n = 0);
  // How many times each text was accepted, over every modem.
  std::map<std::string, int> SubmittedTextCounts();
  size_t SubmittedCount(int n = 0);

  // --- The daemon process ----------------------------------------------------
  // Spawns tellald and waits (20 s) until /api/v1/health says "ok" and every
  // enabled modem is ready or busy (or in its settled_states state). Fails the test otherwise. Should the
  // API port have been taken meanwhile, it starts again on another one.
  void Start();
  // SIGTERM, then waits up to `deadline` for the exit. Returns the exit
  // status (128 + signal when killed by one), or nothing when it did not
  // exit in time, in which case it is killed with SIGKILL.
  std::optional<int> Stop(std::chrono::milliseconds deadline = std::chrono::seconds(20));
  void Kill9();
  // Start() again with the same configuration and database; stops the
  // running daemon first (SIGTERM) if there is one.
  void Restart();
  bool Running();
  void Signal(int signal);

  // Rewrites the configuration file listing sim1..sim`listed` (with each
  // one's modem_ini lines); what a reload test edits before SIGHUP.
  void WriteConfig(int listed);
  // Replaces simN's extra lines (HarnessOptions::modem_ini) for the next
  // WriteConfig.
  void SetModemIni(int sim, std::string lines) { options_.modem_ini[sim] = std::move(lines); }

  // --- The HTTP API ------------------------------------------------------------
  ApiReply Request(const std::string& method, const std::string& path, const json& body = nullptr);
  // GET that must answer 200.
  json Get(const std::string& path);
  ApiReply Post(const std::string& path, const json& body) { return Request("POST", path, body); }
  // Exactly the given headers and body bytes: no token, no Content-Type
  // unless listed. For tests of authorisation and of malformed requests.
  ApiReply RawRequest(const std::string& method, const std::string& path, const std::string& body,
                      const net::HttpHeaders& headers);

  // Where the API listens ("http://127.0.0.1:<port>") and the token it wants.
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  uint16_t port() const { return port_; }
  const std::string& token() const { return token_; }
  // The harness's temporary directory (removed with it).
  const std::string& dir() const { return dir_; }

  // The text of message `index` of a batch tagged `tag`: unique per message,
  // so what a modem got maps back to the message.
  static std::string TextFor(const std::string& tag, int index) { return tag + std::to_string(index); }
  // Queues `count` messages in one POST (texts TextFor(tag, i)), each with
  // the members of `fields` added; REQUIREs 202 and returns the ids in order.
  std::vector<int64_t> Submit(int count, const std::string& tag, const json& fields = json::object());

  // Every message the daemon has (all pages), by id.
  std::map<int64_t, json> AllMessages();
  // True once nothing is queued or sending.
  bool Settled();
  // /api/v1/modems, by id.
  std::map<std::string, json> Modems();
  std::string ModemState(const std::string& id);

  // Polls `done` every `interval` until it holds or `timeout` passes.
  static bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout,
                        std::chrono::milliseconds interval = std::chrono::milliseconds(20));

  // --- Files ---------------------------------------------------------------------
  std::string config_path() const { return dir_ + "/tellal.ini"; }
  std::string log_path() const { return dir_ + "/tellald.log"; }
  std::string LogText() const;
  // Prints the daemon log's tail to stderr, once per harness: called by the
  // Catch2 listener when an assertion fails.
  void ReportFailure();
  // The harness alive now, if any (for the listener).
  static DaemonHarness* Current();

 private:
  void Spawn();
  // True once ready; false when the process exited first. FAILs on timeout.
  bool WaitReady();
  // Picks a free port for the API and points the client at it.
  void UseNewPort();
  // The destructor's work; also run when the constructor throws.
  void Cleanup();
  bool Reap(bool block);
  std::string ConfigText(int listed) const;

  HarnessOptions options_;
  std::string dir_;
  std::string token_ = "integration-token";
  uint16_t port_ = 0;
  int listed_ = 0;  // modems the configuration file lists now
  pid_t pid_ = -1;
  std::optional<int> last_exit_;  // of the last process reaped
  std::string last_exit_text_ = "still running";
  int spawns_ = 0;
  bool reported_ = false;

  boost::asio::io_context modem_io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> modem_work_;
  std::thread modem_thread_;
  std::vector<std::unique_ptr<vmodem::VirtualModem>> modems_;  // created and destroyed on modem_thread_

  std::optional<net::BlockingHttpClient> http_;
};

}  // namespace tellal::integration

#endif  // TELLAL_TESTS_INTEGRATION_DAEMON_HARNESS_H_

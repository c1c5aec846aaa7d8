// ConnectionDeadlines: a total time limit on receiving each HTTP request,
// which libmicrohttpd does not have (its connection timeout counts idle
// time, so a client that sends one byte every few seconds holds a
// connection, and a thread, for ever).
//
// Each open connection has at most one deadline. When a deadline passes
// before it is disarmed, the watchdog shuts the connection's socket down
// (shutdown(2), not close: the descriptor stays libmicrohttpd's), so the
// connection's thread sees the peer gone and closes it the usual way.
//
// The watchdog is one thread that sleeps until the earliest deadline, or
// indefinitely while none is armed: no polling, no CPU when idle.
//
// Thread safety: every method may be called from any thread. Lifetime: the
// destructor stops the watchdog; no callback runs after it returns.
#ifndef TELLAL_WEB_HTTP_CONNECTION_DEADLINES_H_
#define TELLAL_WEB_HTTP_CONNECTION_DEADLINES_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace tellal::web {

class ConnectionDeadlines {
 public:
  using Clock = std::chrono::steady_clock;
  // Called on the watchdog thread, with no lock held, after a socket was
  // shut down: the peer it belonged to.
  using ExpiredLog = std::function<void(std::string_view peer)>;

  explicit ConnectionDeadlines(ExpiredLog log);
  ~ConnectionDeadlines();
  ConnectionDeadlines(const ConnectionDeadlines&) = delete;
  ConnectionDeadlines& operator=(const ConnectionDeadlines&) = delete;

  // Starts tracking a connection (its key and socket) with a deadline.
  void Open(const void* key, int fd, std::string peer, Clock::time_point deadline);
  // Sets a new deadline for a tracked connection; unknown keys are ignored.
  void Arm(const void* key, Clock::time_point deadline);
  // No deadline until the next Arm.
  void Disarm(const void* key);
  // Stops tracking. Must be called before the socket is closed, so the
  // watchdog never shuts down a descriptor number the system gave out again.
  void Close(const void* key);

  // For tests: how many connections the watchdog has cut so far.
  int expired_count() const;

 private:
  struct Entry {
    int fd = -1;
    std::string peer;
    bool armed = false;
    Clock::time_point deadline;
  };

  void Run();

  ExpiredLog log_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::map<const void*, Entry> entries_;  // guarded by mu_
  bool stopping_ = false;                 // guarded by mu_
  int expired_ = 0;                       // guarded by mu_
  std::thread watchdog_;
};

}  // namespace tellal::web

#endif  // TELLAL_WEB_HTTP_CONNECTION_DEADLINES_H_

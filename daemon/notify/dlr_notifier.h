// DlrNotifier: calls applications' delivery-report URLs (Kannel's dlr-url),
// already expanded, with HTTP/1.1 GET.
//
// Each URL gets up to `max_attempts` attempts. An attempt is resolve,
// connect, send, read the response, all within `request_timeout`, made by
// net::AsyncHttpClient (libcurl on the same io_context). A
// 2xx answer succeeds; a connection error, a timeout, a malformed response
// or a 5xx is retried after a back-off that starts at `initial_backoff` and
// doubles up to `max_backoff`; any other status (3xx, 4xx) is final, since
// asking again would get the same answer. A URL that is not http:// or
// https:// is logged and dropped at once. Unless allow_local_targets, a
// URL whose host resolves to a loopback or link-local address is refused
// (logged, not retried) before anything is sent, so a callback cannot reach
// the daemon's own /cgi-bin/sendsms and send SMS in a loop.
//
// At most `max_in_flight` attempts run at a time; the others wait, oldest
// first (a retry keeps its place by age). URLs waiting for a slot or for
// their back-off number at most `max_queued`; one more drops the oldest of
// them with a warning. Every failure is logged with the URL cut before its
// query string and without credentials, since Kannel users keep secrets
// there.
//
// Thread affinity: every method must be called on the io_context's thread
// (single-threaded io_context, no strands). Never blocks or sleeps;
// hostnames are resolved by curl without blocking the io thread.
// Lifetime: Stop() (or destruction) cancels every timer and connection and
// forgets every URL without calling on_done; handlers still queued in the
// io_context then do nothing, so the notifier may be destroyed at any time.
#ifndef TELLAL_DAEMON_NOTIFY_DLR_NOTIFIER_H_
#define TELLAL_DAEMON_NOTIFY_DLR_NOTIFIER_H_

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "daemon/net/async_http_client.h"

namespace spdlog {
class logger;
}

namespace tellal::notify {

// How one URL ended.
struct NotifyOutcome {
  std::string url;      // as passed to Notify
  bool ok = false;      // a 2xx answer came
  int http_status = 0;  // the last status received; 0 when none was
  std::string error;    // why it failed; empty when ok
  int attempts = 0;     // attempts made (0 when dropped before any)
};

struct DlrNotifierOptions {
  std::chrono::milliseconds request_timeout{10'000};
  int max_attempts = 5;
  std::chrono::milliseconds initial_backoff{1'000};
  std::chrono::milliseconds max_backoff{60'000};
  std::size_t max_in_flight = 4;
  std::size_t max_queued = 10'000;
  std::string user_agent;            // empty: "tellal/<version>"
  bool allow_local_targets = false;  // [http] dlr_url_allow_local
  std::string ca_file;               // https: CA certificates (PEM); empty: the system's
  // Null: spdlog::default_logger().
  std::shared_ptr<spdlog::logger> logger;
  // Called once per URL when it succeeds or is given up (never after Stop),
  // from a handler on the io_context, never from inside Notify. It may call
  // Notify and Stop, but must not destroy the notifier.
  std::function<void(const NotifyOutcome&)> on_done;
};

class DlrNotifier {
 public:
  // Values below 1 for max_attempts, max_in_flight and max_queued count as 1.
  DlrNotifier(boost::asio::io_context& io, DlrNotifierOptions options);
  ~DlrNotifier();
  DlrNotifier(const DlrNotifier&) = delete;
  DlrNotifier& operator=(const DlrNotifier&) = delete;

  // Queues one GET of `url`. Ignored, with a warning, after Stop().
  void Notify(std::string url);

  // URLs not finished yet: waiting, backing off, or in flight.
  std::size_t Pending() const { return requests_.size(); }
  // Attempts running now (at most max_in_flight).
  std::size_t in_flight() const { return in_flight_; }

  // Cancels timers and connections and forgets every URL. Idempotent.
  void Stop();

 private:
  struct Request;
  using RequestPtr = std::shared_ptr<Request>;

  // Whether a handler of `attempt` still matters. Static: it must not touch
  // a notifier that may have been destroyed.
  static bool Current(const RequestPtr& req, int attempt);

  void Pump();
  void StartAttempt(const RequestPtr& req);
  // Ends the running attempt: `status` is the HTTP status, 0 on a
  // transport or protocol failure described by `error`.
  // final: the error would recur on every attempt, so none is made.
  void FinishAttempt(const RequestPtr& req, int status, const std::string& error, bool final);
  void Retry(const RequestPtr& req, const std::string& reason);
  void Complete(const RequestPtr& req, NotifyOutcome outcome);
  void DropOldestWaiting();
  void Report(NotifyOutcome outcome);
  std::chrono::milliseconds BackoffFor(int attempts_made) const;

  boost::asio::io_context& io_;
  DlrNotifierOptions options_;
  std::shared_ptr<spdlog::logger> log_;
  net::AsyncHttpClient http_;
  std::map<std::uint64_t, RequestPtr> requests_;  // every unfinished URL, by age
  std::set<std::uint64_t> ready_;                 // waiting for a slot, by age
  std::size_t in_flight_ = 0;
  std::uint64_t next_id_ = 1;
  bool stopped_ = false;
  // Posted callbacks hold a weak reference, so none runs after destruction.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace tellal::notify

#endif  // TELLAL_DAEMON_NOTIFY_DLR_NOTIFIER_H_

// DlrRunner: makes the Kannel dlr-url calls of the store's durable outbox
// (store::DlrCalls), each an HTTP/1.1 GET of the message's dlr-url
// template expanded (dlr_url.h) from the message and the call's type,
// answer and state time.
//
// Rules, per call:
//  - 2xx: done. 3xx or 4xx: failed at once, since asking again would get
//    the same answer. A connection error, a timeout, a malformed answer or
//    a 5xx: tried again after a back-off that starts at initial_backoff and
//    doubles up to max_backoff; after max_attempts attempts, failed.
//  - A URL that is not http:// or https://, or does not parse, and (unless
//    allow_local_targets) one whose host resolves to a loopback or
//    link-local address, fails at once with the reason, before anything is
//    sent: a callback must not reach the daemon's own /cgi-bin/sendsms and
//    send SMS in a loop. A call whose message is gone (purged) fails too.
//  - Each outcome (attempts, last status and error, next due time or
//    finish) is recorded in one transaction.
// Failures are logged with the URL cut before its query string and without
// credentials, since Kannel users keep secrets there.
//
// Order and concurrency: at most max_in_flight calls run at a time, earliest
// due first; a message's calls are made one at a time in the order written
// (its `sent` report before its `delivered` one), a call backing off holding
// back the later ones of its message only.
//
// Timing: no polling. The runner is woken when a call is written (the
// store's OnCallWritten, posted so it runs after the writer's commit), when
// an attempt ends, and by one timer armed for the earliest future retry.
//
// Durability: pending calls are rows, so a restart (or kill -9) loses none;
// an attempt in flight at a crash was not recorded and is made again
// (at-least-once).
//
// Thread affinity: every method on the io_context's thread. Never blocks;
// hostnames are resolved by curl without blocking the io thread.
// Lifetime: Stop() (or destruction) cancels the timer and the requests in
// flight; late handlers do nothing. The store must outlive the runner.
#ifndef TELLAL_DAEMON_NOTIFY_DLR_RUNNER_H_
#define TELLAL_DAEMON_NOTIFY_DLR_RUNNER_H_

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "daemon/net/async_http_client.h"
#include "daemon/notify/outbox_pump.h"
#include "daemon/store/dlr_calls.h"

namespace spdlog {
class logger;
}

namespace tellal::notify {

struct DlrRunnerOptions {
  std::chrono::milliseconds request_timeout{10'000};
  int max_attempts = 5;
  std::chrono::milliseconds initial_backoff{1'000};
  std::chrono::milliseconds max_backoff{60'000};
  std::size_t max_in_flight = 4;
  std::string user_agent;            // empty: "tellal/<version>"
  bool allow_local_targets = false;  // [http] dlr_url_allow_local
  std::string ca_file;               // https: CA certificates (PEM); empty: the system's
  // Wall clock in Unix ms (due times, finish times); null: the system clock.
  std::function<int64_t()> now;
  std::shared_ptr<spdlog::logger> logger;  // null: spdlog's default
};

class DlrRunner {
 public:
  // Values below 1 for max_attempts and max_in_flight count as 1.
  DlrRunner(boost::asio::io_context& io, store::DlrCalls& calls, DlrRunnerOptions options);
  ~DlrRunner();
  DlrRunner(const DlrRunner&) = delete;
  DlrRunner& operator=(const DlrRunner&) = delete;

  // Subscribes to the store's call notifications and makes what is due,
  // pending calls from before a restart included.
  void Start();
  // Looks for due calls soon (coalesced; from a fresh handler).
  void Wake();
  // Cancels the timer and every request in flight. Idempotent.
  void Stop();

  std::size_t in_flight() const { return in_flight_.size(); }

 private:
  void Pump();
  // Starts the call, or records why it cannot be made. Returns whether it
  // took a slot.
  bool Begin(const store::DueDlrCall& call, int64_t now);
  void Finish(const store::DueDlrCall& call, const std::string& log_url, Result<net::HttpReply> reply);
  void Record(const store::DlrCallOutcome& outcome);
  std::chrono::milliseconds BackoffFor(int attempts_made) const;
  int64_t Now() const;

  store::DlrCalls& calls_;
  DlrRunnerOptions options_;
  std::shared_ptr<spdlog::logger> log_;
  net::AsyncHttpClient http_;
  OutboxPump pump_;
  std::map<int64_t, std::uint64_t> in_flight_;  // call id -> request in http_
};

}  // namespace tellal::notify

#endif  // TELLAL_DAEMON_NOTIFY_DLR_RUNNER_H_

// WebhookRunner: sends the outbox's webhook deliveries (store::Webhooks),
// signed per the Standard Webhooks scheme (webhook_signature.h), with the
// retry policy of webhook_retry.h.
//
// Order and concurrency: each endpoint has at most one delivery in flight,
// always its oldest pending one, so an endpoint sees its events in order
// (a delivery waiting for a retry holds the ones behind it). Endpoints do
// not wait for each other.
//
// Timing: no polling. The runner is woken when an event is written (the
// store's OnEventWritten, posted so it runs after the writer's commit),
// when an attempt ends, and by one timer armed for the earliest future
// retry. Each attempt is one POST through net::AsyncHttpClient on the same
// io_context, bounded by request_timeout; its outcome (status, error,
// duration) is recorded with the delivery's next state in one transaction.
//
// Durability: pending deliveries are rows, so a restart (or kill -9) loses
// none; an attempt in flight at a crash was not recorded and is made again
// (at-least-once; receivers deduplicate on webhook-id).
//
// Thread affinity: every method on the io_context's thread. Never blocks.
// Lifetime: Stop() (or destruction) cancels the timer and the requests in
// flight; late handlers do nothing. The store must outlive the runner.
#ifndef TELLAL_DAEMON_NOTIFY_WEBHOOK_RUNNER_H_
#define TELLAL_DAEMON_NOTIFY_WEBHOOK_RUNNER_H_

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "daemon/net/async_http_client.h"
#include "daemon/notify/outbox_pump.h"
#include "daemon/notify/webhook_retry.h"
#include "daemon/store/webhooks.h"

namespace spdlog {
class logger;
}

namespace tellal::notify {

struct WebhookRunnerOptions {
  WebhookSchedule schedule = DefaultWebhookSchedule();
  double jitter_fraction = 0.15;  // each delay ±15%
  std::chrono::milliseconds request_timeout{10'000};
  std::string user_agent;  // empty: "tellal/<version>"
  std::string ca_file;     // https: CA certificates (PEM); empty: the system's
  // Wall clock in Unix ms (webhook-timestamp, attempt times, due times);
  // null: the system clock.
  std::function<int64_t()> now;
  // A uniform draw in [-1, 1] for the jitter; null: a seeded engine.
  std::function<double()> random;
  std::shared_ptr<spdlog::logger> logger;  // null: spdlog's default
};

class WebhookRunner {
 public:
  WebhookRunner(boost::asio::io_context& io, store::Webhooks& webhooks, WebhookRunnerOptions options);
  ~WebhookRunner();
  WebhookRunner(const WebhookRunner&) = delete;
  WebhookRunner& operator=(const WebhookRunner&) = delete;

  // Subscribes to the store's event notifications and sends what is due.
  void Start();
  // Looks for due deliveries soon (coalesced; from a fresh handler).
  void Wake();
  // Cancels the timer and every request in flight. Idempotent.
  void Stop();

  std::size_t in_flight() const { return in_flight_.size(); }

 private:
  struct InFlight {
    int64_t delivery_id = 0;
    std::uint64_t request = 0;
  };

  void Pump();
  void Send(const store::DueDelivery& delivery, int64_t now);
  void Finish(const store::DueDelivery& delivery, int64_t started_at, std::chrono::steady_clock::time_point started,
              Result<net::HttpReply> reply);
  void Record(const store::AttemptResult& result);
  int64_t Now() const;
  double Draw();

  store::Webhooks& webhooks_;
  WebhookRunnerOptions options_;
  std::shared_ptr<spdlog::logger> log_;
  net::AsyncHttpClient http_;
  OutboxPump pump_;
  std::map<int64_t, InFlight> in_flight_;  // by webhook id
  std::mt19937_64 engine_;
};

}  // namespace tellal::notify

#endif  // TELLAL_DAEMON_NOTIFY_WEBHOOK_RUNNER_H_

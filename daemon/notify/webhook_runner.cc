#include "daemon/notify/webhook_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "daemon/net/url.h"
#include "daemon/notify/webhook_signature.h"

namespace tellal::notify {
namespace {

// After a storage failure, look again this much later.
constexpr std::chrono::milliseconds kStorageRetry{5'000};

net::HttpTransferOptions TransferOptions(const WebhookRunnerOptions& o) {
  net::HttpTransferOptions t;
  t.timeout = o.request_timeout;
  t.connect_timeout = std::min(o.request_timeout, t.connect_timeout);
  t.user_agent = o.user_agent;
  t.ca_file = o.ca_file;
  // The owner configured the target: a receiver on this host is legitimate.
  t.allow_local_targets = true;
  // The answer's body is not used; a large one is not worth the memory.
  t.max_body_bytes = 64 * 1024;
  return t;
}

}  // namespace

WebhookRunner::WebhookRunner(boost::asio::io_context& io, store::Webhooks& webhooks, WebhookRunnerOptions options)
    : webhooks_(webhooks),
      options_(std::move(options)),
      log_(options_.logger ? options_.logger : spdlog::default_logger()),
      http_(io, TransferOptions(options_)),
      pump_(io, [this] { Pump(); }),
      engine_(std::random_device{}()) {}

WebhookRunner::~WebhookRunner() {
  Stop();
  webhooks_.OnEventWritten(nullptr);
}

void WebhookRunner::Start() {
  webhooks_.OnEventWritten([this] { Wake(); });
  Wake();
}

void WebhookRunner::Wake() { pump_.Wake(); }

void WebhookRunner::Stop() {
  if (!pump_.Stop()) return;
  for (const auto& [webhook, flight] : in_flight_) http_.Cancel(flight.request);
  in_flight_.clear();
}

int64_t WebhookRunner::Now() const {
  if (options_.now) return options_.now();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double WebhookRunner::Draw() {
  if (options_.random) return options_.random();
  return std::uniform_real_distribution<double>(-1.0, 1.0)(engine_);
}

void WebhookRunner::Pump() {
  if (pump_.stopped()) return;
  auto heads = webhooks_.HeadDeliveries();
  if (!heads) {
    log_->error("webhooks: {}; looking again in {} s", heads.error().message, kStorageRetry.count() / 1000);
    pump_.ArmTimer(kStorageRetry);
    return;
  }
  const int64_t now = Now();
  std::optional<int64_t> earliest;
  for (const store::DueDelivery& d : *heads) {
    if (in_flight_.count(d.webhook_id) != 0) continue;
    if (d.next_attempt_at <= now) {
      Send(d, now);
    } else if (!earliest || d.next_attempt_at < *earliest) {
      earliest = d.next_attempt_at;
    }
  }
  if (earliest) {
    pump_.ArmTimer(std::chrono::milliseconds(*earliest - now));
  } else {
    pump_.CancelTimer();
  }
}

void WebhookRunner::Send(const store::DueDelivery& d, int64_t now) {
  auto key = DecodeWebhookSecret(d.secret);
  if (!key) {
    // The API refuses such secrets, so only a hand-edited database gets here;
    // no retry would help.
    store::AttemptResult r;
    r.delivery_id = d.delivery_id;
    r.attempt.attempted_at = now;
    r.attempt.error = "secret: " + key.error().message;
    r.next = store::AttemptResult::Next::kFailed;
    Record(r);
    Wake();
    return;
  }
  const int64_t timestamp = now / 1000;
  net::HttpRequest request;
  request.method = "POST";
  request.url = d.url;
  request.body = d.body;
  request.headers = {{"Content-Type", "application/json"},
                     {"webhook-id", d.message_id},
                     {"webhook-timestamp", std::to_string(timestamp)},
                     {"webhook-signature", SignWebhook(*key, d.message_id, timestamp, d.body)}};
  const auto started = std::chrono::steady_clock::now();
  InFlight& flight = in_flight_[d.webhook_id];
  flight.delivery_id = d.delivery_id;
  flight.request = http_.Send(std::move(request), [this, d, now, started, alive = pump_.Token()](
                                                      Result<net::HttpReply> reply) {
    if (alive.expired()) return;
    Finish(d, now, started, std::move(reply));
  });
}

void WebhookRunner::Finish(const store::DueDelivery& d, int64_t started_at,
                           std::chrono::steady_clock::time_point started, Result<net::HttpReply> reply) {
  in_flight_.erase(d.webhook_id);
  store::AttemptResult r;
  r.delivery_id = d.delivery_id;
  r.attempt.attempted_at = started_at;
  r.attempt.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  AttemptReply answer;
  if (reply) {
    answer.http_status = reply->status;
    answer.retry_after = reply->Header("Retry-After");
    r.attempt.http_status = reply->status;
    if (reply->status < 200 || reply->status > 299) r.attempt.error = "HTTP " + std::to_string(reply->status);
  } else {
    r.attempt.error = reply.error().message;
  }
  const RetryDecision decision =
      DecideRetry(answer, d.schedule_step, Now(), options_.schedule, Draw(), options_.jitter_fraction);
  switch (decision.next) {
    case RetryDecision::Next::kDelivered:
      r.next = store::AttemptResult::Next::kDelivered;
      break;
    case RetryDecision::Next::kRetry:
      r.next = store::AttemptResult::Next::kRetry;
      r.retry_at = decision.retry_at_ms;
      log_->info("webhook {}: {} attempt {} failed ({}); next in {} ms", d.webhook_id, net::UrlForLog(d.url),
                 d.attempts + 1, r.attempt.error, decision.retry_at_ms - Now());
      break;
    case RetryDecision::Next::kFailed:
      r.next = store::AttemptResult::Next::kFailed;
      log_->warn("webhook {}: {} delivery {} given up after {} attempt(s): {}", d.webhook_id, net::UrlForLog(d.url),
                 d.delivery_id, d.attempts + 1, r.attempt.error);
      break;
  }
  if (decision.disable) {
    r.disable_endpoint = decision.disable;
    log_->warn("webhook {}: {} disabled: {}", d.webhook_id, net::UrlForLog(d.url), *decision.disable);
  }
  Record(r);
  Pump();
}

void WebhookRunner::Record(const store::AttemptResult& result) {
  Status s = webhooks_.RecordAttempt(result);
  // A delivery deleted with its endpoint meanwhile has nothing to record.
  if (!s && s.error().code != ErrorCode::kNotFound) log_->error("webhooks: {}", s.error().message);
}

}  // namespace tellal::notify

#include "daemon/notify/dlr_notifier.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <exception>
#include <string>
#include <utility>

#include "daemon/net/url.h"

namespace tellal::notify {

namespace asio = boost::asio;
using boost::system::error_code;
using net::UrlForLog;

namespace {

// A body up to this size is read to its end before closing, so the server
// does not see a reset; a longer one is cut off, as nobody reads it.
constexpr std::size_t kMaxDrainedBody = 64 * 1024;

DlrNotifierOptions Normalized(DlrNotifierOptions options) {
  options.max_attempts = std::max(options.max_attempts, 1);
  options.max_in_flight = std::max<std::size_t>(options.max_in_flight, 1);
  options.max_queued = std::max<std::size_t>(options.max_queued, 1);
  return options;
}

net::HttpTransferOptions TransferOptions(const DlrNotifierOptions& options) {
  net::HttpTransferOptions transfer;
  transfer.connect_timeout = options.request_timeout;
  transfer.timeout = options.request_timeout;
  // One request per connection, as Kannel's receivers expect.
  transfer.keep_alive = false;
  transfer.max_body_bytes = kMaxDrainedBody;
  transfer.user_agent = options.user_agent;
  transfer.allow_local_targets = options.allow_local_targets;
  transfer.ca_file = options.ca_file;
  return transfer;
}

// The URL to request, or why it cannot be.
Result<net::Url> CheckUrl(const std::string& url) {
  auto parsed = net::ParseUrl(url);
  if (!parsed.ok()) return parsed.error();
  if (parsed->scheme != "http" && parsed->scheme != "https") {
    return Error::NotSupported("scheme '" + parsed->scheme + "' is not supported, only http and https");
  }
  return parsed;
}

}  // namespace

struct DlrNotifier::Request {
  enum class Phase { kWaiting, kInFlight, kBackingOff, kDone };

  explicit Request(asio::io_context& io) : backoff_timer(io) {}

  std::uint64_t id = 0;
  std::string url;         // as passed to Notify
  std::string target_url;  // as requested: normalised, bytes a request line cannot carry encoded
  std::string log_url;
  Phase phase = Phase::kWaiting;
  int attempts = 0;
  int last_status = 0;
  std::uint64_t http_id = 0;  // the running attempt's request in http_

  asio::steady_timer backoff_timer;
};

// Checked before a handler touches the notifier, which may be gone: Stop()
// marks every request done.
bool DlrNotifier::Current(const RequestPtr& req, int attempt) {
  return req->phase == Request::Phase::kInFlight && req->attempts == attempt;
}

DlrNotifier::DlrNotifier(asio::io_context& io, DlrNotifierOptions options)
    : io_(io),
      options_(Normalized(std::move(options))),
      log_(options_.logger ? options_.logger : spdlog::default_logger()),
      http_(io, TransferOptions(options_)) {}

DlrNotifier::~DlrNotifier() { Stop(); }

void DlrNotifier::Notify(std::string url) {
  if (stopped_) {
    log_->warn("dlr-url {}: notifier stopped; dropped", UrlForLog(url));
    return;
  }
  auto target = CheckUrl(url);
  if (!target.ok()) {
    log_->warn("dlr-url {}: {}; dropped", UrlForLog(url), target.error().message);
    NotifyOutcome outcome;
    outcome.url = std::move(url);
    outcome.error = target.error().message;
    Report(std::move(outcome));
    return;
  }
  if (requests_.size() - in_flight_ >= options_.max_queued) DropOldestWaiting();

  auto req = std::make_shared<Request>(io_);
  req->id = next_id_++;
  req->url = std::move(url);
  req->target_url = target->normalized;
  req->log_url = target->ForLog();
  requests_.emplace(req->id, req);
  ready_.insert(req->id);
  Pump();
}

void DlrNotifier::Stop() {
  if (stopped_) return;
  stopped_ = true;
  for (auto& [id, req] : requests_) {
    if (req->phase == Request::Phase::kInFlight) http_.Cancel(req->http_id);
    req->phase = Request::Phase::kDone;
    req->backoff_timer.cancel();
  }
  requests_.clear();
  ready_.clear();
  in_flight_ = 0;
}

void DlrNotifier::Pump() {
  while (!stopped_ && in_flight_ < options_.max_in_flight && !ready_.empty()) {
    const std::uint64_t id = *ready_.begin();
    ready_.erase(ready_.begin());
    StartAttempt(requests_.at(id));
  }
}

void DlrNotifier::StartAttempt(const RequestPtr& req) {
  ++req->attempts;
  ++in_flight_;
  req->phase = Request::Phase::kInFlight;
  net::HttpRequest request;
  request.url = req->target_url;
  req->http_id = http_.Send(std::move(request), [this, req, attempt = req->attempts](Result<net::HttpReply> reply) {
    if (!Current(req, attempt)) return;
    // A refused target (a local address) is refused on every attempt.
    if (!reply.ok())
      return FinishAttempt(req, 0, reply.error().message, reply.error().code == ErrorCode::kInvalidArgument);
    // A body cut off at kMaxDrainedBody still came with its status.
    FinishAttempt(req, reply->status, "", false);
  });
}

void DlrNotifier::FinishAttempt(const RequestPtr& req, int status, const std::string& error, bool final) {
  --in_flight_;
  req->phase = Request::Phase::kWaiting;
  if (status != 0) req->last_status = status;

  NotifyOutcome outcome;
  outcome.url = req->url;
  outcome.http_status = req->last_status;
  outcome.attempts = req->attempts;
  if (status >= 200 && status < 300) {
    outcome.ok = true;
    log_->debug("dlr-url {}: HTTP {} after {} attempt(s)", req->log_url, status, req->attempts);
    return Complete(req, std::move(outcome));
  }

  const std::string reason = status != 0 ? "HTTP " + std::to_string(status) : error;
  outcome.error = reason;
  // A 4xx or a redirect would be the same on every attempt.
  if (final || (status != 0 && status < 500)) {
    log_->warn("dlr-url {}: {}; not retried", req->log_url, reason);
    return Complete(req, std::move(outcome));
  }
  if (req->attempts >= options_.max_attempts) {
    log_->warn("dlr-url {}: attempt {}/{} failed: {}; giving up", req->log_url, req->attempts, options_.max_attempts,
               reason);
    return Complete(req, std::move(outcome));
  }
  Retry(req, reason);
}

void DlrNotifier::Retry(const RequestPtr& req, const std::string& reason) {
  const std::chrono::milliseconds delay = BackoffFor(req->attempts);
  log_->warn("dlr-url {}: attempt {}/{} failed: {}; retrying in {} ms", req->log_url, req->attempts,
             options_.max_attempts, reason, delay.count());
  req->phase = Request::Phase::kBackingOff;
  req->backoff_timer.expires_after(delay);
  req->backoff_timer.async_wait([this, req, attempt = req->attempts](const error_code& ec) {
    if (ec || req->phase != Request::Phase::kBackingOff || req->attempts != attempt) return;
    req->phase = Request::Phase::kWaiting;
    ready_.insert(req->id);
    Pump();
  });
  Pump();  // the slot this attempt held is free
}

void DlrNotifier::Complete(const RequestPtr& req, NotifyOutcome outcome) {
  // Never in flight here: FinishAttempt has closed the attempt, and the
  // queue never drops one that runs.
  req->phase = Request::Phase::kDone;
  req->backoff_timer.cancel();
  requests_.erase(req->id);
  ready_.erase(req->id);
  Report(std::move(outcome));
  Pump();
}

void DlrNotifier::DropOldestWaiting() {
  for (const auto& [id, req] : requests_) {
    if (req->phase == Request::Phase::kInFlight) continue;
    log_->warn("dlr-url queue full ({} waiting); dropped the oldest, {}", options_.max_queued, req->log_url);
    NotifyOutcome outcome;
    outcome.url = req->url;
    outcome.http_status = req->last_status;
    outcome.attempts = req->attempts;
    outcome.error = "dropped: queue full";
    Complete(RequestPtr(req), std::move(outcome));  // a copy: Complete erases the map's
    return;
  }
}

void DlrNotifier::Report(NotifyOutcome outcome) {
  if (!options_.on_done) return;
  asio::post(io_, [this, alive = std::weak_ptr<bool>(alive_), outcome = std::move(outcome)] {
    if (alive.expired() || stopped_) return;
    // An exception escaping an Asio handler would unwind through run() and
    // stop the daemon's only thread.
    try {
      options_.on_done(outcome);
    } catch (const std::exception& e) {
      log_->error("dlr-url {}: on_done threw: {}", UrlForLog(outcome.url), e.what());
    } catch (...) {
      log_->error("dlr-url {}: on_done threw", UrlForLog(outcome.url));
    }
  });
}

std::chrono::milliseconds DlrNotifier::BackoffFor(int attempts_made) const {
  std::chrono::milliseconds delay = options_.initial_backoff;
  for (int i = 1; i < attempts_made && delay < options_.max_backoff; ++i) delay *= 2;
  return std::min(delay, options_.max_backoff);
}

}  // namespace tellal::notify

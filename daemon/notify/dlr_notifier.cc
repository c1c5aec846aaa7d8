#include "daemon/notify/dlr_notifier.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "daemon/notify/http_url.h"

namespace tellal::notify {

namespace asio = boost::asio;
using boost::system::error_code;
using tcp = asio::ip::tcp;

namespace {

// A response head bigger than this is not from a DLR receiver worth
// waiting for.
constexpr std::size_t kMaxHeadBytes = 16 * 1024;
// A body up to this size is read to its end before closing, so the server
// does not see a reset; a longer one is cut off, as nobody reads it.
constexpr std::size_t kMaxDrainedBody = 64 * 1024;

#ifdef TELLAL_VERSION
constexpr const char* kDefaultUserAgent = "tellal/" TELLAL_VERSION;
#else
constexpr const char* kDefaultUserAgent = "tellal";
#endif

}  // namespace

struct DlrNotifier::Request {
  enum class Phase { kWaiting, kInFlight, kBackingOff, kDone };

  explicit Request(asio::io_context& io) : resolver(io), socket(io), attempt_timer(io), backoff_timer(io) {}

  std::uint64_t id = 0;
  std::string url;
  HttpUrl target;
  std::string log_url;
  Phase phase = Phase::kWaiting;
  int attempts = 0;
  int last_status = 0;

  std::string request_bytes;
  std::string response;
  std::optional<ResponseHead> head;
  std::array<char, 4096> buffer{};

  tcp::resolver resolver;
  tcp::socket socket;
  asio::steady_timer attempt_timer;
  asio::steady_timer backoff_timer;
};

// Checked before a handler touches the notifier, which may be gone: Stop()
// marks every request done.
bool DlrNotifier::Current(const RequestPtr& req, int attempt) {
  return req->phase == Request::Phase::kInFlight && req->attempts == attempt;
}

DlrNotifier::DlrNotifier(asio::io_context& io, DlrNotifierOptions options)
    : io_(io), options_(std::move(options)), log_(options_.logger ? options_.logger : spdlog::default_logger()) {
  options_.max_attempts = std::max(options_.max_attempts, 1);
  options_.max_in_flight = std::max<std::size_t>(options_.max_in_flight, 1);
  options_.max_queued = std::max<std::size_t>(options_.max_queued, 1);
  if (options_.user_agent.empty()) options_.user_agent = kDefaultUserAgent;
}

DlrNotifier::~DlrNotifier() { Stop(); }

void DlrNotifier::Notify(std::string url) {
  if (stopped_) {
    log_->warn("dlr-url {}: notifier stopped; dropped", UrlForLog(url));
    return;
  }
  auto target = ParseHttpUrl(url);
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
  req->target = std::move(*target);
  req->log_url = req->target.ForLog();
  requests_.emplace(req->id, req);
  ready_.insert(req->id);
  Pump();
}

void DlrNotifier::Stop() {
  if (stopped_) return;
  stopped_ = true;
  for (auto& [id, req] : requests_) {
    req->phase = Request::Phase::kDone;
    CloseConnection(*req);
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
  req->response.clear();
  req->head.reset();
  const int attempt = req->attempts;

  req->attempt_timer.expires_after(options_.request_timeout);
  req->attempt_timer.async_wait([this, req, attempt](const error_code& ec) {
    if (ec || !Current(req, attempt)) return;
    OnTimeout(req);
  });
  req->resolver.async_resolve(req->target.host, std::to_string(req->target.port), tcp::resolver::numeric_service,
                              [this, req, attempt](const error_code& ec, const tcp::resolver::results_type& endpoints) {
                                if (!Current(req, attempt)) return;
                                OnResolved(req, ec, endpoints);
                              });
}

void DlrNotifier::OnResolved(const RequestPtr& req, const error_code& ec,
                             const tcp::resolver::results_type& endpoints) {
  if (ec) return FinishAttempt(req, 0, "cannot resolve " + req->target.host + ": " + ec.message());
  asio::async_connect(req->socket, endpoints,
                      [this, req, attempt = req->attempts](const error_code& ec, const tcp::endpoint&) {
                        if (!Current(req, attempt)) return;
                        OnConnected(req, ec);
                      });
}

void DlrNotifier::OnConnected(const RequestPtr& req, const error_code& ec) {
  if (ec) return FinishAttempt(req, 0, "cannot connect: " + ec.message());
  req->request_bytes = FormatGetRequest(req->target, options_.user_agent);
  asio::async_write(req->socket, asio::buffer(req->request_bytes),
                    [this, req, attempt = req->attempts](const error_code& ec, std::size_t) {
                      if (!Current(req, attempt)) return;
                      OnWritten(req, ec);
                    });
}

void DlrNotifier::OnWritten(const RequestPtr& req, const error_code& ec) {
  if (ec) return FinishAttempt(req, 0, "cannot send the request: " + ec.message());
  Read(req);
}

void DlrNotifier::Read(const RequestPtr& req) {
  req->socket.async_read_some(asio::buffer(req->buffer),
                              [this, req, attempt = req->attempts](const error_code& ec, std::size_t n) {
                                if (!Current(req, attempt)) return;
                                OnRead(req, ec, n);
                              });
}

void DlrNotifier::OnRead(const RequestPtr& req, const error_code& ec, std::size_t n) {
  req->response.append(req->buffer.data(), n);
  while (!req->head) {
    auto parsed = ParseResponseHead(req->response);
    if (!parsed.ok()) return FinishAttempt(req, 0, "bad response: " + parsed.error().message);
    if (!parsed->has_value()) break;
    const ResponseHead& head = **parsed;
    // An interim 1xx answer precedes the real one (RFC 9110 §15.2).
    if (head.status < 200) {
      req->response.erase(0, head.head_size);
      continue;
    }
    req->head = head;
  }

  if (req->head) {
    const ResponseHead& head = *req->head;
    const std::size_t body = req->response.size() - head.head_size;
    // Without a length the body ends only when the server closes; the
    // status is all that matters, so do not wait for it.
    const bool done =
        ec || !head.content_length || *head.content_length > kMaxDrainedBody || body >= *head.content_length;
    if (done) return FinishAttempt(req, head.status, "");
    return Read(req);
  }
  if (ec == asio::error::eof) return FinishAttempt(req, 0, "connection closed before a complete response");
  if (ec) return FinishAttempt(req, 0, "cannot read the response: " + ec.message());
  if (req->response.size() > kMaxHeadBytes) {
    return FinishAttempt(req, 0, "response head longer than " + std::to_string(kMaxHeadBytes) + " bytes");
  }
  Read(req);
}

void DlrNotifier::OnTimeout(const RequestPtr& req) {
  // The head may have come while the body was still trickling in.
  const int status = req->head ? req->head->status : 0;
  FinishAttempt(req, status, "no response within " + std::to_string(options_.request_timeout.count()) + " ms");
}

void DlrNotifier::FinishAttempt(const RequestPtr& req, int status, const std::string& error) {
  CloseConnection(*req);
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
  if (status != 0 && status < 500) {
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

void DlrNotifier::CloseConnection(Request& req) {
  req.attempt_timer.cancel();
  req.resolver.cancel();
  error_code ignored;
  req.socket.close(ignored);
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

#include "daemon/notify/dlr_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "daemon/net/url.h"
#include "daemon/notify/dlr_url.h"

namespace tellal::notify {
namespace {

// After a storage failure, look again this much later.
constexpr std::chrono::milliseconds kStorageRetry{5'000};

// A body up to this size is read to its end before closing, so the server
// does not see a reset; a longer one is cut off, as nobody reads it.
constexpr std::size_t kMaxDrainedBody = 64 * 1024;

DlrRunnerOptions Normalized(DlrRunnerOptions options) {
  options.max_attempts = std::max(options.max_attempts, 1);
  options.max_in_flight = std::max<std::size_t>(options.max_in_flight, 1);
  return options;
}

net::HttpTransferOptions TransferOptions(const DlrRunnerOptions& options) {
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

DlrReport ReportFor(const store::DueDlrCall& call) {
  DlrReport report;
  report.type = call.dlr_type;
  report.destination = call.destination;
  report.sender = call.modem.value_or("");
  report.smsc_id = call.modem.value_or("");
  report.message_id = call.message_id;
  report.answer = call.answer;
  report.unix_time = call.state_at / 1000;
  return report;
}

store::DlrCallOutcome Failed(const store::DueDlrCall& call, int64_t now, std::string error) {
  store::DlrCallOutcome o;
  o.call_id = call.id;
  o.finished_at = now;
  o.error = std::move(error);
  o.next = store::DlrCallOutcome::Next::kFailed;
  return o;
}

}  // namespace

DlrRunner::DlrRunner(boost::asio::io_context& io, store::DlrCalls& calls, DlrRunnerOptions options)
    : calls_(calls),
      options_(Normalized(std::move(options))),
      log_(options_.logger ? options_.logger : spdlog::default_logger()),
      http_(io, TransferOptions(options_)),
      pump_(io, [this] { Pump(); }) {}

DlrRunner::~DlrRunner() {
  Stop();
  calls_.OnCallWritten(nullptr);
}

void DlrRunner::Start() {
  calls_.OnCallWritten([this] { Wake(); });
  Wake();
}

void DlrRunner::Wake() { pump_.Wake(); }

void DlrRunner::Stop() {
  if (!pump_.Stop()) return;
  for (const auto& [call, request] : in_flight_) http_.Cancel(request);
  in_flight_.clear();
}

int64_t DlrRunner::Now() const {
  if (options_.now) return options_.now();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::chrono::milliseconds DlrRunner::BackoffFor(int attempts_made) const {
  std::chrono::milliseconds delay = options_.initial_backoff;
  for (int i = 1; i < attempts_made && delay < options_.max_backoff; ++i) delay *= 2;
  return std::min(delay, options_.max_backoff);
}

void DlrRunner::Pump() {
  if (pump_.stopped()) return;
  // The calls in flight are still pending and due, so they come first with
  // the ones that may fill the free slots; one more row tells when the
  // next future call is due.
  const int limit = static_cast<int>(options_.max_in_flight) + 1;
  auto heads = calls_.HeadCalls(limit);
  if (!heads) {
    log_->error("dlr-url calls: {}; looking again in {} s", heads.error().message, kStorageRetry.count() / 1000);
    pump_.ArmTimer(kStorageRetry);
    return;
  }
  const int64_t now = Now();
  std::optional<int64_t> earliest;
  bool recorded = false;  // a call ended without a request: look again
  for (const store::DueDlrCall& call : *heads) {
    if (in_flight_.count(call.id) != 0) continue;
    if (call.next_attempt_at > now) {
      earliest = call.next_attempt_at;
      break;  // ordered by due time
    }
    if (in_flight_.size() >= options_.max_in_flight) break;
    if (!Begin(call, now)) recorded = true;
  }
  if (earliest) {
    pump_.ArmTimer(std::chrono::milliseconds(*earliest - now));
  } else {
    pump_.CancelTimer();
  }
  // The rows behind the limit may be due too.
  if (recorded || (static_cast<int>(heads->size()) == limit && !earliest &&
                   in_flight_.size() < options_.max_in_flight)) {
    Wake();
  }
}

bool DlrRunner::Begin(const store::DueDlrCall& call, int64_t now) {
  if (!call.url_template) {
    log_->warn("dlr-url call {} of message {}: the message is gone; dropped", call.id, call.message_id);
    Record(Failed(call, now, "message gone"));
    return false;
  }
  const std::string url = ExpandDlrUrl(*call.url_template, ReportFor(call));
  auto target = CheckUrl(url);
  if (!target.ok()) {
    log_->warn("dlr-url {}: {}; dropped", net::UrlForLog(url), target.error().message);
    Record(Failed(call, now, target.error().message));
    return false;
  }
  net::HttpRequest request;
  request.url = target->normalized;
  std::string log_url = target->ForLog();
  in_flight_[call.id] = http_.Send(
      std::move(request), [this, call, log_url, alive = pump_.Token()](Result<net::HttpReply> reply) {
        if (alive.expired()) return;
        Finish(call, log_url, std::move(reply));
      });
  return true;
}

void DlrRunner::Finish(const store::DueDlrCall& call, const std::string& log_url, Result<net::HttpReply> reply) {
  in_flight_.erase(call.id);
  const int attempt = call.attempts + 1;
  store::DlrCallOutcome o;
  o.call_id = call.id;
  o.finished_at = Now();
  // A refused target (a local address) is refused on every attempt.
  bool final = false;
  if (reply) {
    o.http_status = reply->status;
    if (reply->status >= 200 && reply->status < 300) {
      o.next = store::DlrCallOutcome::Next::kDone;
      log_->debug("dlr-url {}: HTTP {} after {} attempt(s)", log_url, reply->status, attempt);
      Record(o);
      Pump();
      return;
    }
    o.error = "HTTP " + std::to_string(reply->status);
    // A 4xx or a redirect would be the same on every attempt.
    final = reply->status < 500;
  } else {
    o.error = reply.error().message;
    final = reply.error().code == ErrorCode::kInvalidArgument;
  }
  if (final) {
    o.next = store::DlrCallOutcome::Next::kFailed;
    log_->warn("dlr-url {}: {}; not retried", log_url, o.error);
  } else if (attempt >= options_.max_attempts) {
    o.next = store::DlrCallOutcome::Next::kFailed;
    log_->warn("dlr-url {}: attempt {}/{} failed: {}; giving up", log_url, attempt, options_.max_attempts, o.error);
  } else {
    const std::chrono::milliseconds delay = BackoffFor(attempt);
    o.next = store::DlrCallOutcome::Next::kRetry;
    o.retry_at = o.finished_at + delay.count();
    log_->warn("dlr-url {}: attempt {}/{} failed: {}; retrying in {} ms", log_url, attempt, options_.max_attempts,
               o.error, delay.count());
  }
  Record(o);
  Pump();
}

void DlrRunner::Record(const store::DlrCallOutcome& outcome) {
  Status s = calls_.RecordAttempt(outcome);
  if (!s) log_->error("dlr-url calls: {}", s.error().message);
}

}  // namespace tellal::notify

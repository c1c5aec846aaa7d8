// When a webhook delivery is tried again, and when it is given up: the
// outbox's retry policy, as pure functions of an attempt's outcome.
//
//  - 2xx: delivered.
//  - 410 Gone: failed, and the endpoint is disabled (the receiver says it
//    is gone for good; asking again is pointless).
//  - Anything else (another status, no answer, a timeout): retried after
//    the next delay of the schedule (default 5 s, 5 min, 30 min, 2 h, 5 h,
//    10 h, 14 h, 20 h, 24 h), each spread by ±jitter so endpoints that
//    failed together do not come back together; after the last, failed.
//  - Retry-After (delay-seconds, or an IMF-fixdate HTTP-date, RFC 9110
//    §10.2.3) is honoured as a lower bound on the next delay.
//
// Pure: no I/O, no clock, no randomness of its own; safe from any thread.
#ifndef TELLAL_DAEMON_NOTIFY_WEBHOOK_RETRY_H_
#define TELLAL_DAEMON_NOTIFY_WEBHOOK_RETRY_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace tellal::notify {

using WebhookSchedule = std::vector<std::chrono::milliseconds>;

// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
const WebhookSchedule& DefaultWebhookSchedule();

// The milliseconds a Retry-After value asks to wait from `now_ms` (Unix
// ms): delay-seconds or an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT");
// a date in the past is 0. kInvalidArgument for anything else.
Result<int64_t> ParseRetryAfter(std::string_view value, int64_t now_ms);

struct AttemptReply {
  std::optional<int> http_status;          // nullopt: no answer
  std::optional<std::string> retry_after;  // the Retry-After header, if any
};

struct RetryDecision {
  enum class Next { kDelivered, kRetry, kFailed } next = Next::kRetry;
  int64_t retry_at_ms = 0;                 // kRetry only
  std::optional<std::string> disable;      // why the endpoint is disabled
};

// `schedule_step`: retries already taken from `schedule`; `jitter` in
// [-1, 1] (a random draw) scales ±`jitter_fraction` of the delay.
RetryDecision DecideRetry(const AttemptReply& reply, int schedule_step, int64_t now_ms,
                          const WebhookSchedule& schedule, double jitter, double jitter_fraction);

}  // namespace tellal::notify

#endif  // TELLAL_DAEMON_NOTIFY_WEBHOOK_RETRY_H_

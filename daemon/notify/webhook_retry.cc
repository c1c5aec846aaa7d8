#include "daemon/notify/webhook_retry.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <ctime>

namespace tellal::notify {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

bool Digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int> Number(std::string_view text) {
  int value = 0;
  if (!Digits(text)) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// IMF-fixdate (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT", exactly.
std::optional<int64_t> ParseImfFixdate(std::string_view t) {
  static constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (t.size() != 29 || t.substr(3, 2) != ", " || t[7] != ' ' || t[11] != ' ' || t[16] != ' ' || t[19] != ':' ||
      t[22] != ':' || t.substr(25) != " GMT") {
    return std::nullopt;
  }
  if (std::find(kDays.begin(), kDays.end(), t.substr(0, 3)) == kDays.end()) return std::nullopt;
  auto month = std::find(kMonths.begin(), kMonths.end(), t.substr(8, 3));
  auto day = Number(t.substr(5, 2));
  auto year = Number(t.substr(12, 4));
  auto hour = Number(t.substr(17, 2));
  auto minute = Number(t.substr(20, 2));
  auto second = Number(t.substr(23, 2));
  if (month == kMonths.end() || !day || !year || !hour || !minute || !second) return std::nullopt;
  if (*day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = static_cast<int>(month - kMonths.begin());
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

}  // namespace

const WebhookSchedule& DefaultWebhookSchedule() {
  static const WebhookSchedule schedule = {seconds(5), minutes(5), minutes(30), hours(2),  hours(5),
                                           hours(10),  hours(14),  hours(20),   hours(24)};
  return schedule;
}

Result<int64_t> ParseRetryAfter(std::string_view value, int64_t now_ms) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (Digits(value)) {
    int64_t seconds_value = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds_value);
    // More than a year is absurd: cap it rather than overflow.
    if (ec == std::errc::result_out_of_range || seconds_value > 365LL * 24 * 3600) return 365LL * 24 * 3600 * 1000;
    if (ec != std::errc() || end != value.data() + value.size()) {
      return Error::InvalidArgument("Retry-After: '" + std::string(value) + "' is not a number of seconds");
    }
    return seconds_value * 1000;
  }
  auto at = ParseImfFixdate(value);
  if (!at) {
    return Error::InvalidArgument("Retry-After: '" + std::string(value) +
                                  "' is neither delay-seconds nor an IMF-fixdate HTTP-date");
  }
  return std::max<int64_t>(0, *at - now_ms);
}

RetryDecision DecideRetry(const AttemptReply& reply, int schedule_step, int64_t now_ms,
                          const WebhookSchedule& schedule, double jitter, double jitter_fraction) {
  RetryDecision d;
  if (reply.http_status && *reply.http_status >= 200 && *reply.http_status <= 299) {
    d.next = RetryDecision::Next::kDelivered;
    return d;
  }
  if (reply.http_status == 410) {
    d.next = RetryDecision::Next::kFailed;
    d.disable = "the endpoint answered 410 Gone";
    return d;
  }
  if (schedule_step < 0 || static_cast<size_t>(schedule_step) >= schedule.size()) {
    d.next = RetryDecision::Next::kFailed;
    return d;
  }
  const double spread = std::clamp(jitter, -1.0, 1.0) * jitter_fraction;
  int64_t delay = std::llround(static_cast<double>(schedule[static_cast<size_t>(schedule_step)].count()) *
                               (1.0 + spread));
  if (reply.retry_after) {
    auto asked = ParseRetryAfter(*reply.retry_after, now_ms);
    if (asked) delay = std::max(delay, *asked);
  }
  d.next = RetryDecision::Next::kRetry;
  d.retry_at_ms = now_ms + std::max<int64_t>(0, delay);
  return d;
}

}  // namespace tellal::notify

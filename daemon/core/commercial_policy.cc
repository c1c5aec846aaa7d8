#include "daemon/core/commercial_policy.h"

#include <algorithm>
#include <ctime>

#include "daemon/core/local_time.h"

namespace tellal::core {
namespace {

int LocalMinuteOfDay(store::Millis at) {
  const std::time_t seconds = static_cast<std::time_t>(at / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  return local.tm_hour * 60 + local.tm_min;
}

bool Inside(const config::QuietHours& quiet, int minute) {
  if (quiet.start_minute < quiet.end_minute) return minute >= quiet.start_minute && minute < quiet.end_minute;
  return minute >= quiet.start_minute || minute < quiet.end_minute;  // crosses midnight
}

}  // namespace

store::Millis NextLocalTimeOfDay(store::Millis at, int minute) {
  const std::time_t seconds = static_cast<std::time_t>(at / 1000);
  for (int day_offset = 0; day_offset <= 2; ++day_offset) {
    std::tm local{};
    localtime_r(&seconds, &local);
    local.tm_mday += day_offset;
    local.tm_hour = minute / 60;
    local.tm_min = minute % 60;
    local.tm_sec = 0;
    local.tm_isdst = -1;  // the offset of that day, not of `at`
    const store::Millis candidate = static_cast<store::Millis>(std::mktime(&local)) * 1000;
    if (candidate > at) return candidate;
  }
  // Unreachable: the same time of day two days later is always after `at`.
  return at + 24LL * 60 * 60 * 1000;
}

std::optional<store::Millis> QuietHoursEnd(const config::QuietHours& quiet, store::Millis at) {
  if (!Inside(quiet, LocalMinuteOfDay(at))) return std::nullopt;
  return NextLocalTimeOfDay(at, quiet.end_minute);
}

Result<std::string> RenderFooter(std::string_view footer, std::string_view reply_number) {
  constexpr std::string_view kPlaceholder = "{number}";
  std::string out;
  for (;;) {
    const std::size_t at = footer.find(kPlaceholder);
    out.append(footer.substr(0, at));
    if (at == std::string_view::npos) return out;
    if (reply_number.empty()) {
      return Error::InvalidArgument("[campaigns] footer names {number} but [campaigns] reply_number is not set");
    }
    out.append(reply_number);
    footer.remove_prefix(at + kPlaceholder.size());
  }
}

CommercialPolicy::CommercialPolicy(std::optional<config::QuietHours> quiet_hours, int cap_per_day,
                                   int cap_per_30_days)
    : quiet_hours_(quiet_hours), cap_per_day_(cap_per_day), cap_per_30_days_(cap_per_30_days) {}

store::CommercialRules CommercialPolicy::RulesAt(store::Millis now) {
  // A clock that stepped back before the cached span recomputes too.
  if (now >= cached_from_ && now < cached_until_) return cached_;
  store::CommercialRules rules;
  rules.cap_per_day = cap_per_day_;
  rules.cap_per_30_days = cap_per_30_days_;
  rules.day_start = LocalMidnight(now);
  store::Millis until = NextLocalMidnight(now);
  if (quiet_hours_) {
    rules.held_until = QuietHoursEnd(*quiet_hours_, now);
    until = std::min(until, rules.held_until ? *rules.held_until : NextLocalTimeOfDay(now, quiet_hours_->start_minute));
  }
  cached_ = rules;
  cached_from_ = now;
  cached_until_ = until;
  return rules;
}

}  // namespace tellal::core

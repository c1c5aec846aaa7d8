#include "web/api/rfc3339.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace tellal::web {
namespace {

constexpr int64_t kMillisPerSecond = 1000;
constexpr int64_t kSecondsPerDay = 86400;

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  // Exactly `count` digits naming `what`, within [min, max].
  Result<int> Number(size_t count, int min, int max, const char* what) {
    int value = 0;
    for (size_t i = 0; i < count; ++i) {
      if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9')
        return Error::InvalidArgument(std::string("expected a ") + std::to_string(count) + "-digit " + what +
                                      " at offset " + std::to_string(pos_ - i));
      value = value * 10 + (text_[pos_++] - '0');
    }
    if (value < min || value > max)
      return Error::InvalidArgument(std::string(what) + " " + std::to_string(value) + " is out of range " +
                                    std::to_string(min) + ".." + std::to_string(max));
    return value;
  }

  // One of `accepted` at the current position.
  Result<char> Separator(std::string_view accepted, const char* what) {
    if (pos_ >= text_.size() || accepted.find(text_[pos_]) == std::string_view::npos)
      return Error::InvalidArgument(std::string("expected ") + what + " at offset " + std::to_string(pos_));
    return text_[pos_++];
  }

  bool At(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  void Skip() { ++pos_; }
  bool AtDigit() const { return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9'; }
  char Take() { return text_[pos_++]; }
  bool Done() const { return pos_ == text_.size(); }
  size_t pos() const { return pos_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

Result<store::Millis> Parse(std::string_view text) {
  Reader r(text);
  auto year = r.Number(4, 0, 9999, "year");
  if (!year) return year.error();
  if (auto s = r.Separator("-", "'-' after the year"); !s) return s.error();
  auto month = r.Number(2, 1, 12, "month");
  if (!month) return month.error();
  if (auto s = r.Separator("-", "'-' after the month"); !s) return s.error();
  auto day = r.Number(2, 1, 31, "day");
  if (!day) return day.error();
  const std::chrono::year_month_day date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok())
    return Error::InvalidArgument("day " + std::to_string(*day) + " does not exist in " + std::to_string(*year) + "-" +
                                  (*month < 10 ? "0" : "") + std::to_string(*month));
  if (auto s = r.Separator("Tt", "'T' between date and time"); !s) return s.error();
  auto hour = r.Number(2, 0, 23, "hour");
  if (!hour) return hour.error();
  if (auto s = r.Separator(":", "':' after the hour"); !s) return s.error();
  auto minute = r.Number(2, 0, 59, "minute");
  if (!minute) return minute.error();
  if (auto s = r.Separator(":", "':' after the minute"); !s) return s.error();
  auto second = r.Number(2, 0, 60, "second");
  if (!second) return second.error();

  int64_t millis = 0;
  if (r.At('.')) {
    r.Skip();
    if (!r.AtDigit()) return Error::InvalidArgument("expected digits after '.' at offset " + std::to_string(r.pos()));
    int64_t scale = 100;
    while (r.AtDigit()) {
      millis += (r.Take() - '0') * scale;
      scale /= 10;
    }
  }

  int offset_minutes = 0;
  auto sign = r.Separator("Zz+-", "a UTC offset ('Z', '+HH:MM' or '-HH:MM')");
  if (!sign) return sign.error();
  if (*sign == '+' || *sign == '-') {
    auto oh = r.Number(2, 0, 23, "offset hour");
    if (!oh) return oh.error();
    if (auto s = r.Separator(":", "':' inside the offset"); !s) return s.error();
    auto om = r.Number(2, 0, 59, "offset minute");
    if (!om) return om.error();
    offset_minutes = (*oh * 60 + *om) * (*sign == '-' ? -1 : 1);
  }
  if (!r.Done()) return Error::InvalidArgument("unexpected characters at offset " + std::to_string(r.pos()));

  const int64_t days = std::chrono::sys_days(date).time_since_epoch().count();
  const int64_t seconds =
      days * kSecondsPerDay + *hour * 3600 + *minute * 60 + *second - static_cast<int64_t>(offset_minutes) * 60;
  return seconds * kMillisPerSecond + millis;
}

// Floor division, so instants before 1970 keep a non-negative millisecond.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

Result<store::Millis> ParseRfc3339(std::string_view text) {
  auto parsed = Parse(text);
  if (!parsed)
    return Error::InvalidArgument("not an RFC 3339 time with offset (e.g. 2026-11-23T17:05:00+03:00): " +
                                  parsed.error().message);
  return parsed;
}

std::string FormatRfc3339(store::Millis at, int offset_seconds) {
  const int64_t local_ms = at + static_cast<int64_t>(offset_seconds) * kMillisPerSecond;
  const int64_t local_s = FloorDiv(local_ms, kMillisPerSecond);
  const int64_t ms = local_ms - local_s * kMillisPerSecond;
  const int64_t days = FloorDiv(local_s, kSecondsPerDay);
  const int64_t in_day = local_s - days * kSecondsPerDay;
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  const int offset_minutes = (offset_seconds < 0 ? -offset_seconds : offset_seconds) / 60;
  char out[48];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02d.%03d%c%02d:%02d", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), static_cast<int>(in_day / 3600),
                static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60), static_cast<int>(ms),
                offset_seconds < 0 ? '-' : '+', offset_minutes / 60, offset_minutes % 60);
  return out;
}

std::string FormatRfc3339Local(store::Millis at) {
  const std::time_t seconds = static_cast<std::time_t>(FloorDiv(at, kMillisPerSecond));
  std::tm local{};
  // A time localtime_r cannot represent is shown in UTC rather than not at all.
  const long offset = localtime_r(&seconds, &local) != nullptr ? local.tm_gmtoff : 0;
  return FormatRfc3339(at, static_cast<int>(offset));
}

}  // namespace tellal::web

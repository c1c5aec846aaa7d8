#include "daemon/text/rfc3339.h"

#include <date/date.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "modem/text/ascii.h"

namespace tellal::text {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Reads the fixed-width fields left to right, naming what it expected where
// it stopped.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  // Exactly `count` digits naming `what`, within [min, max].
  Result<int> Number(std::size_t count, int min, int max, const char* what) {
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (pos_ >= text_.size() || !IsDigit(text_[pos_]))
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
  bool AtDigit() const { return pos_ < text_.size() && IsDigit(text_[pos_]); }
  char Take() { return text_[pos_++]; }
  bool Done() const { return pos_ == text_.size(); }
  std::size_t pos() const { return pos_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

Result<EpochMillis> Parse(std::string_view text, DateTimeSeparator separator) {
  Reader r(text);
  auto year = r.Number(4, 0, 9999, "year");
  if (!year) return year.error();
  if (auto s = r.Separator("-", "'-' after the year"); !s) return s.error();
  auto month = r.Number(2, 1, 12, "month");
  if (!month) return month.error();
  if (auto s = r.Separator("-", "'-' after the month"); !s) return s.error();
  auto day = r.Number(2, 1, 31, "day");
  if (!day) return day.error();
  const date::year_month_day ymd{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                                 date::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) {
    return Error::InvalidArgument("day " + std::to_string(*day) + " does not exist in " +
                                  date::format("%Y-%m", date::year_month{ymd.year(), ymd.month()}));
  }
  const bool space = separator == DateTimeSeparator::kTOrSpace;
  if (auto s = r.Separator(space ? "Tt " : "Tt", "'T' between date and time"); !s) return s.error();
  auto hour = r.Number(2, 0, 23, "hour");
  if (!hour) return hour.error();
  if (auto s = r.Separator(":", "':' after the hour"); !s) return s.error();
  auto minute = r.Number(2, 0, 59, "minute");
  if (!minute) return minute.error();
  if (auto s = r.Separator(":", "':' after the minute"); !s) return s.error();
  auto second = r.Number(2, 0, 60, "second");
  if (!second) return second.error();

  milliseconds fraction{0};
  if (r.At('.')) {
    r.Skip();
    if (!r.AtDigit()) return Error::InvalidArgument("expected digits after '.' at offset " + std::to_string(r.pos()));
    for (int scale = 100; r.AtDigit(); scale /= 10) fraction += milliseconds((r.Take() - '0') * scale);
  }

  std::chrono::minutes offset{0};
  auto sign = r.Separator("Zz+-", "a UTC offset ('Z', '+HH:MM' or '-HH:MM')");
  if (!sign) return sign.error();
  if (*sign == '+' || *sign == '-') {
    auto oh = r.Number(2, 0, 23, "offset hour");
    if (!oh) return oh.error();
    if (auto s = r.Separator(":", "':' inside the offset"); !s) return s.error();
    auto om = r.Number(2, 0, 59, "offset minute");
    if (!om) return om.error();
    offset = std::chrono::minutes((*oh * 60 + *om) * (*sign == '-' ? -1 : 1));
  }
  if (!r.Done()) return Error::InvalidArgument("unexpected characters at offset " + std::to_string(r.pos()));

  // A leap second is one past :59, which the arithmetic carries into the
  // next minute.
  const date::sys_time<milliseconds> at = date::sys_days(ymd) + std::chrono::hours(*hour) +
                                          std::chrono::minutes(*minute) + seconds(*second) + fraction - offset;
  return at.time_since_epoch().count();
}

}  // namespace

Result<EpochMillis> ParseRfc3339(std::string_view text, DateTimeSeparator separator) {
  auto parsed = Parse(text, separator);
  if (!parsed)
    return Error::InvalidArgument("not an RFC 3339 time with offset (e.g. 2026-11-23T17:05:00+03:00): " +
                                  parsed.error().message);
  return parsed;
}

std::string FormatRfc3339(EpochMillis at, int offset_seconds) {
  const date::sys_time<milliseconds> local{milliseconds(at) + seconds(offset_seconds)};
  const int offset_minutes = (offset_seconds < 0 ? -offset_seconds : offset_seconds) / 60;
  char offset[16];
  std::snprintf(offset, sizeof offset, "%c%02d:%02d", offset_seconds < 0 ? '-' : '+', offset_minutes / 60,
                offset_minutes % 60);
  return date::format("%FT%T", local) + offset;
}

std::string FormatRfc3339Local(EpochMillis at) {
  const std::time_t whole_seconds = static_cast<std::time_t>(date::floor<seconds>(milliseconds(at)).count());
  std::tm local{};
  // A time localtime_r cannot represent is shown in UTC rather than not at all.
  const long offset = localtime_r(&whole_seconds, &local) != nullptr ? local.tm_gmtoff : 0;
  return FormatRfc3339(at, static_cast<int>(offset));
}

std::string FormatUtc(std::int64_t unix_seconds, const char* format) {
  return date::format(format, date::sys_seconds{seconds(unix_seconds)});
}

}  // namespace tellal::text

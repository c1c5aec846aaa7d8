#include "web/api/stats_api.h"

#include <charconv>
#include <utility>
#include <vector>

#include "modem/text/ascii.h"
#include "web/api/api_json.h"
#include "web/api/stats_json.h"

namespace tellal::web {
namespace {

HttpResponse Fail(const ApiError& error) { return ErrorResponse(error); }

}  // namespace

Result<int, ApiError> ParseStatsHours(const std::multimap<std::string, std::string>& query) {
  for (const auto& [name, value] : query) {
    if (name != "hours")
      return ApiError::InvalidParameter(name, "is not a parameter of this endpoint (expected hours)");
  }
  if (query.count("hours") > 1) return ApiError::InvalidParameter("hours", "is given more than once");
  auto it = query.find("hours");
  // An empty value is absent, as for every query parameter (request_params.h).
  if (it == query.end() || it->second.empty()) return kDefaultStatsHours;
  const std::string& text = it->second;
  const std::string range =
      "must be a whole number from 1 to " + std::to_string(store::kMaxStatsHours) + ", got '" + text + "'";
  int hours = 0;
  if (!text::AllDigits(text)) return ApiError::InvalidParameter("hours", range);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), hours);
  if (ec != std::errc() || end != text.data() + text.size() || hours < 1 || hours > store::kMaxStatsHours)
    return ApiError::InvalidParameter("hours", range);
  return hours;
}

store::Millis StatsWindowStart(store::Millis now, int hours) {
  // Times before 1970 do not occur; floor division would be needed for them.
  const store::Millis current_hour = now - now % store::kHourMillis;
  return current_hour - static_cast<store::Millis>(hours - 1) * store::kHourMillis;
}

HttpResponse GetStats(const Call& c) {
  auto hours = ParseStatsHours(c.request.query);
  if (!hours) return Fail(hours.error());
  const store::Millis first = StatsWindowStart(c.now, *hours);

  store::QueueDepth depth;
  std::vector<store::HourCounts> buckets;
  Status s = c.backend.WithStats([&](store::MessageStats& stats) -> Status {
    auto read_depth = stats.CountQueueDepth();
    if (!read_depth) return read_depth.error();
    depth = std::move(read_depth).value();
    auto read_hours = stats.CountByHour(first, *hours);
    if (!read_hours) return read_hours.error();
    buckets = std::move(read_hours).value();
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  return JsonResponse(200, StatsJson(depth, buckets, c.now));
}

}  // namespace tellal::web

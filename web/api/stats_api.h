// GET /api/v1/stats: the dashboard's aggregate counts in one read — the
// queue's depth by priority and state, and the messages sent, delivered and
// failed in each hour of the last `hours` hours (stats_json.h has the
// shape). The window is whole hours: the last bucket is the current hour,
// so far; the first starts hours-1 hours before it.
//
//   ?hours=N   1..168 (a week), default 24; anything else is a 400 naming
//              `hours`. No other parameter is accepted.
//
// Pure request-to-response functions; safe from any HTTP thread.
#ifndef TELLAL_WEB_API_STATS_API_H_
#define TELLAL_WEB_API_STATS_API_H_

#include <map>
#include <string>

#include "web/api/api_call.h"
#include "web/api/api_errors.h"

namespace tellal::web {

inline constexpr int kDefaultStatsHours = 24;

// The `hours` of the query, checked.
Result<int, ApiError> ParseStatsHours(const std::multimap<std::string, std::string>& query);

// The start of the first hour of a window of `hours` whole hours ending
// with the hour that holds `now`.
store::Millis StatsWindowStart(store::Millis now, int hours);

HttpResponse GetStats(const Call& c);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_STATS_API_H_

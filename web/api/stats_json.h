// The JSON of GET /api/v1/stats, with the conventions of api_json.h (time
// stamps RFC 3339 in local time):
//
//   {"queue": {"by_priority": {"otp": n, "normal": n, "bulk": n},
//              "by_state": {"queued": n, "sending": n}},
//    "hours": [{"hour": <start of the hour>, "sent": n, "delivered": n, "failed": n}, ...],
//    "generated_at": <the time the counts were read>}
//
// by_state.queued is the sum of by_priority; "hours" is oldest first, one
// object per hour of the window (message_stats.h says what each count is).
//
// Pure functions, safe from any thread.
#ifndef TELLAL_WEB_API_STATS_JSON_H_
#define TELLAL_WEB_API_STATS_JSON_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "daemon/store/message_stats.h"

namespace tellal::web {

nlohmann::json StatsJson(const store::QueueDepth& depth, const std::vector<store::HourCounts>& hours,
                         store::Millis generated_at);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_STATS_JSON_H_

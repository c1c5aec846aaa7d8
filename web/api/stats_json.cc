#include "web/api/stats_json.h"

#include "web/api/api_json.h"

namespace tellal::web {

using nlohmann::json;

json StatsJson(const store::QueueDepth& depth, const std::vector<store::HourCounts>& hours,
               store::Millis generated_at) {
  json by_priority = json::object();
  int64_t queued = 0;
  for (const auto& [priority, count] : depth.queued_by_priority) {
    by_priority[store::PriorityName(priority)] = count;
    queued += count;
  }
  json hour_list = json::array();
  for (const store::HourCounts& h : hours) {
    hour_list.push_back(
        json{{"hour", TimeJson(h.hour_start)}, {"sent", h.sent}, {"delivered", h.delivered}, {"failed", h.failed}});
  }
  return json{{"queue", json{{"by_priority", std::move(by_priority)},
                             {"by_state", json{{"queued", queued}, {"sending", depth.sending}}}}},
              {"hours", std::move(hour_list)},
              {"generated_at", TimeJson(generated_at)}};
}

}  // namespace tellal::web

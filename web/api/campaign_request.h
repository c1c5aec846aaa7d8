// POST /api/v1/campaigns: the JSON body turned into a store::NewCampaign,
// every member checked, a 400 naming the first one that is wrong.
//
//   name             required, 1-256 bytes
//   template         the text (message_template.h syntax), or
//   variants         [{"name", "template", "weight"}] for an A/B split:
//                    names unique and non-empty, weight 1.. (default 1)
//   audience         {"groups": [names], "numbers": [numbers],
//                     "filter": {"attribute": "value"}, "csv": "text"};
//                    at least one source. The CSV (contacts_csv.h) needs a
//                    number column (number, phone, telefon, numara, gsm);
//                    every column becomes a template field by its header.
//   category         "commercial" (default) or "informational"
//   send_at, end_at  RFC 3339; end_at after send_at (and after now)
//   rate_per_minute  0 (as fast as the modems go, default) .. 60000
//   footer           true/false; default true for commercial; refused for
//                    informational
//
// Every template must parse, and a template field the CSV does not have
// (without a default) is refused here, naming the columns; a contact field
// missing at send time rejects that recipient alone.
//
// Pure functions; safe from any thread.
#ifndef TELLAL_WEB_API_CAMPAIGN_REQUEST_H_
#define TELLAL_WEB_API_CAMPAIGN_REQUEST_H_

#include <nlohmann/json.hpp>

#include "daemon/store/campaign_records.h"
#include "modem/result.h"
#include "web/api/api_errors.h"
#include "web/api/api_settings.h"

namespace tellal::web {

inline constexpr int kMaxRatePerMinute = 60'000;
inline constexpr size_t kMaxCampaignNumbers = 100'000;

Result<store::NewCampaign, ApiError> ParseCampaign(const nlohmann::json& body, const ApiSettings& settings,
                                                   store::Millis now);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_CAMPAIGN_REQUEST_H_

// Campaigns, their previews, recipients and reports as the API shows them
// (JSON, and the report as CSV). Field names follow openapi.json.
//
// Pure functions; safe from any thread.
#ifndef TELLAL_WEB_API_CAMPAIGN_JSON_H_
#define TELLAL_WEB_API_CAMPAIGN_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

#include "daemon/core/campaign_preview.h"
#include "daemon/store/campaign_records.h"

namespace tellal::web {

// The audience shows its groups and filter, and how many numbers and CSV
// rows it lists (not the lists themselves: they may be long).
nlohmann::json CampaignJson(const store::Campaign& c);
nlohmann::json PreviewJson(const core::CampaignPreview& p);
nlohmann::json RecipientJson(const store::CampaignRecipient& r);
nlohmann::json ReportJson(int64_t campaign_id, const store::CampaignReport& r);
// One line per group: "total", then each variant, then each modem.
std::string ReportCsv(const store::CampaignReport& r);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_CAMPAIGN_JSON_H_

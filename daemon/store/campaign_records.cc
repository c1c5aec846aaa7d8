#include "daemon/store/campaign_records.h"

#include <array>
#include <cstddef>

namespace tellal::store {
namespace {

// In CampaignState's order; also the values of campaigns.state.
constexpr std::array<const char*, 6> kCampaignStateNames = {"draft",  "scheduled", "running",
                                                            "paused", "completed", "cancelled"};

}  // namespace

const char* CampaignStateName(CampaignState s) { return kCampaignStateNames[static_cast<size_t>(s)]; }

std::optional<CampaignState> ParseCampaignState(std::string_view name) {
  for (size_t i = 0; i < kCampaignStateNames.size(); ++i) {
    if (name == kCampaignStateNames[i]) return static_cast<CampaignState>(i);
  }
  return std::nullopt;
}

}  // namespace tellal::store

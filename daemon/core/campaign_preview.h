// The cost and reach of a campaign before it is started: every audience
// member rendered as it would be sent (campaign_render.h), without queueing
// anything. Frequency caps and quiet hours are decided when each message
// comes up, so they are not part of a preview; the blocked list and opt-outs
// are (as they stand now).
//
// Streams the audience: memory does not grow with its size beyond the few
// examples kept.
#ifndef TELLAL_DAEMON_CORE_CAMPAIGN_PREVIEW_H_
#define TELLAL_DAEMON_CORE_CAMPAIGN_PREVIEW_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "daemon/core/campaign_render.h"
#include "daemon/store/campaigns.h"
#include "daemon/store/consents.h"
#include "modem/result.h"

namespace tellal::core {

struct PreviewExample {
  std::string number;
  std::string variant;   // its name ("" for a single template)
  std::string text;
  std::string encoding;
  int segments = 1;
};

struct PreviewRejection {
  std::string number;
  std::string reason;
};

struct CampaignPreview {
  int64_t recipients = 0;  // audience members, each number once
  int64_t messages = 0;    // would be sent: neither rejected nor suppressed
  int64_t segments = 0;    // of those messages: what the campaign costs
  std::map<std::string, int64_t> by_encoding;  // messages per encoding
  std::map<std::string, int64_t> by_variant;   // messages per variant name
  int64_t rejected = 0;                         // a field missing, or too long
  std::vector<PreviewRejection> rejections;     // the first few
  std::map<std::string, int64_t> suppressed;    // "blocked" / "opted_out" -> count
  std::vector<PreviewExample> examples;         // the first few that would be sent
};

// Campaign `id` (spec: its record) as it would go out now.
Result<CampaignPreview> PreviewCampaign(store::Campaigns& campaigns, store::Consents& consents, int64_t id,
                                        const store::NewCampaign& spec, const CampaignRenderer& renderer,
                                        size_t examples = 5);

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_CAMPAIGN_PREVIEW_H_

#include "daemon/core/campaign_preview.h"

#include <string>
#include <utility>

namespace tellal::core {

Result<CampaignPreview> PreviewCampaign(store::Campaigns& campaigns, store::Consents& consents, int64_t id,
                                        const store::NewCampaign& spec, const CampaignRenderer& renderer,
                                        size_t examples) {
  CampaignPreview p;
  const bool commercial = spec.category == store::Category::kCommercial;
  Status walked = campaigns.ForEachCampaignMember(id, [&](const store::AudienceMember& m) -> Status {
    const int64_t seq = ++p.recipients;
    auto rendered = renderer.Render(seq, m.fields);
    if (!rendered) {
      ++p.rejected;
      if (p.rejections.size() < examples) p.rejections.push_back({m.number, rendered.error().message});
      return Status::Ok();
    }
    auto suppression = consents.Suppressed(m.number);
    if (!suppression) return suppression.error();
    if (*suppression == store::Suppression::kBlocked) {
      ++p.suppressed[std::string(store::kSuppressedBlocked)];
      return Status::Ok();
    }
    if (*suppression == store::Suppression::kOptedOut && commercial) {
      ++p.suppressed[std::string(store::kSuppressedOptedOut)];
      return Status::Ok();
    }
    ++p.messages;
    p.segments += rendered->segments;
    ++p.by_encoding[rendered->encoding];
    const std::string& variant = spec.variants[static_cast<size_t>(rendered->variant)].name;
    ++p.by_variant[variant];
    if (p.examples.size() < examples) {
      p.examples.push_back(
          {m.number, variant, std::move(rendered->text), std::move(rendered->encoding), rendered->segments});
    }
    return Status::Ok();
  });
  if (!walked) return walked.error();
  return p;
}

}  // namespace tellal::core

// CampaignRenderer: one campaign recipient's text — which A/B variant it
// gets, the variant's template filled with the recipient's fields, the
// opt-out footer — and what it costs (encoding, segments).
//
// Variants are dealt by smooth weighted round-robin over the recipients'
// sequence numbers: within every run of sum(weights) consecutive recipients
// each variant gets exactly its weight, spread out rather than in blocks, so
// the split matches the weights on any audience size and a recipient's
// variant never changes (a campaign resumed after a restart deals the same).
//
// Pure: no I/O, no clock. Safe to share between threads once built.
#ifndef TELLAL_DAEMON_CORE_CAMPAIGN_RENDER_H_
#define TELLAL_DAEMON_CORE_CAMPAIGN_RENDER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "daemon/store/campaign_records.h"
#include "daemon/text/message_template.h"
#include "modem/result.h"

namespace tellal::core {

// Sum of weights above which the dealing table would be too large to keep.
inline constexpr int kMaxVariantWeightSum = 10'000;

struct RenderedText {
  int variant = 0;       // index into the campaign's variants
  std::string text;      // template expanded, footer appended
  std::string encoding;  // pdu::EncodingName
  int segments = 1;
};

class CampaignRenderer {
 public:
  // Fails on no variants, a template that does not parse (naming
  // "variants[i].template", or "template" for a single one), a weight below
  // 1 or weights summing over kMaxVariantWeightSum. `footer`: appended on a
  // line of its own to every text (the commercial opt-out line), or nullopt.
  static Result<CampaignRenderer> Create(const std::vector<store::CampaignVariant>& variants,
                                         std::optional<std::string> footer, int max_segments);

  // The variant of the recipient with this sequence number (1-based).
  int VariantFor(int64_t seq) const;
  // The recipient's text. Fails (the message is the reason a person reads)
  // when a field without a default has no value, when the text cannot be
  // encoded, or when it needs more than max_segments segments.
  Result<RenderedText> Render(int64_t seq, const std::map<std::string, std::string>& fields) const;

 private:
  CampaignRenderer() = default;

  std::vector<text::MessageTemplate> templates_;
  std::vector<int> deal_;  // variant per position in one round of sum(weights)
  std::optional<std::string> footer_;
  int max_segments_ = 1;
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_CAMPAIGN_RENDER_H_

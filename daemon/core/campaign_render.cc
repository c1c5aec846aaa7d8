#include "daemon/core/campaign_render.h"

#include <utility>

#include "modem/pdu/text_planner.h"

namespace tellal::core {

namespace {

std::string TemplateField(size_t i, size_t count) {
  return count == 1 ? "template" : "variants[" + std::to_string(i) + "].template";
}

// Smooth weighted round-robin: each step every variant gains its weight,
// the one with the most credit is dealt and pays the total back. Over one
// round each variant is dealt exactly its weight, interleaved.
std::vector<int> Deal(const std::vector<int>& weights, int total) {
  std::vector<int> credit(weights.size(), 0);
  std::vector<int> deal;
  deal.reserve(static_cast<size_t>(total));
  for (int step = 0; step < total; ++step) {
    size_t best = 0;
    for (size_t v = 0; v < weights.size(); ++v) {
      credit[v] += weights[v];
      if (credit[v] > credit[best]) best = v;
    }
    credit[best] -= total;
    deal.push_back(static_cast<int>(best));
  }
  return deal;
}

}  // namespace

Result<CampaignRenderer> CampaignRenderer::Create(const std::vector<store::CampaignVariant>& variants,
                                                  std::optional<std::string> footer, int max_segments) {
  if (variants.empty()) return Error::InvalidArgument("template: a campaign needs a template or variants");
  CampaignRenderer r;
  std::vector<int> weights;
  int total = 0;
  for (size_t i = 0; i < variants.size(); ++i) {
    auto parsed = text::MessageTemplate::Parse(variants[i].text);
    if (!parsed) {
      return Error::InvalidArgument(TemplateField(i, variants.size()) + ": " + parsed.error().message);
    }
    r.templates_.push_back(std::move(parsed).value());
    const int weight = variants[i].weight;
    if (weight < 1) {
      return Error::InvalidArgument("variants[" + std::to_string(i) + "].weight: must be at least 1, got " +
                                    std::to_string(weight));
    }
    if (weight > kMaxVariantWeightSum - total) {
      return Error::InvalidArgument("variants[" + std::to_string(i) + "].weight: the weights may add up to at most " +
                                    std::to_string(kMaxVariantWeightSum));
    }
    total += weight;
    weights.push_back(weight);
  }
  r.deal_ = Deal(weights, total);
  r.footer_ = std::move(footer);
  r.max_segments_ = max_segments;
  return r;
}

int CampaignRenderer::VariantFor(int64_t seq) const {
  const int64_t position = (seq - 1) % static_cast<int64_t>(deal_.size());
  return deal_[static_cast<size_t>(position < 0 ? position + static_cast<int64_t>(deal_.size()) : position)];
}

Result<RenderedText> CampaignRenderer::Render(int64_t seq, const std::map<std::string, std::string>& fields) const {
  RenderedText out;
  out.variant = VariantFor(seq);
  auto expanded = templates_[static_cast<size_t>(out.variant)].Expand(
      [&fields](const std::string& name) -> std::optional<std::string_view> {
        auto it = fields.find(name);
        if (it == fields.end()) return std::nullopt;
        return std::string_view(it->second);
      });
  if (!expanded) return expanded.error();
  out.text = std::move(expanded).value();
  // An empty footer ([campaigns] footer = "") is no footer: no empty line.
  if (footer_ && !footer_->empty()) out.text += "\n" + *footer_;
  auto plan = pdu::PlanText(out.text, pdu::PlanOptions{});
  if (!plan) return plan.error();  // already "text: ..."
  out.segments = static_cast<int>(plan->segments.size());
  out.encoding = pdu::EncodingName(plan->encoding);
  if (out.segments > max_segments_) {
    return Error::InvalidArgument("text: needs " + std::to_string(out.segments) + " segments as " + out.encoding +
                                  ", at most " + std::to_string(max_segments_) + " are allowed");
  }
  return out;
}

}  // namespace tellal::core

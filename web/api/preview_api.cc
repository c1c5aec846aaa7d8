#include "web/api/preview_api.h"

#include <algorithm>
#include <array>

#include "modem/pdu/gsm_alphabet.h"
#include "modem/pdu/text_planner.h"
#include "modem/pdu/utf8.h"
#include "web/api/api_json.h"
#include "web/api/json_members.h"

namespace tellal::web {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 1> kPreviewMembers = {"text"};

// The default alphabet with the Turkish single shift table reaches every
// character any table set the planner may use can (text_planner.cc), so a
// character it cannot write is one no GSM 7-bit choice could.
constexpr pdu::Gsm7Tables kWidestTables{pdu::Language::kDefault, pdu::Language::kTurkish};

std::vector<std::string> CharactersBeyondGsm7(std::string_view text) {
  std::vector<std::string> found;
  auto decoded = pdu::DecodeUtf8(text);
  if (!decoded) return found;  // the planner already accepted it; cannot happen
  for (char32_t cp : *decoded) {
    if (pdu::Gsm7CharLength(kWidestTables, cp) != 0) continue;
    std::string character;
    pdu::AppendUtf8(character, cp);
    if (std::find(found.begin(), found.end(), character) == found.end()) found.push_back(std::move(character));
  }
  return found;
}

}  // namespace

Result<TextPreview, ApiError> PreviewText(std::string_view text) {
  if (text.empty()) return ApiError::InvalidField("text", "is empty");
  auto plan = pdu::PlanText(text, pdu::PlanOptions{});
  if (!plan) return ApiError::InvalidField("text", plan.error().message);
  pdu::PlanOptions plain;
  plain.allow_national_shift = false;
  auto without = pdu::PlanText(text, plain);
  if (!without) return ApiError::InvalidField("text", without.error().message);

  TextPreview p;
  p.encoding = plan->encoding == pdu::Encoding::kUcs2 ? "ucs2" : "gsm7";
  p.turkish_tables = plan->encoding == pdu::Encoding::kGsm7Turkish;
  p.characters = plan->characters;
  p.segments = plan->segments.size();
  p.characters_per_segment = plan->units_per_segment;
  p.characters_left = plan->units_left;
  if (plan->encoding == pdu::Encoding::kUcs2) p.ucs2_forced_by = CharactersBeyondGsm7(text);
  p.segments_without_national_tables = without->segments.size();
  return p;
}

json PreviewJson(const TextPreview& p) {
  return json{{"encoding", p.encoding},
              {"national_language", p.turkish_tables ? json("turkish") : json(nullptr)},
              {"characters", p.characters},
              {"segments", p.segments},
              {"characters_per_segment", p.characters_per_segment},
              {"characters_left", p.characters_left},
              {"ucs2_forced_by", p.ucs2_forced_by},
              {"segments_without_national_tables", p.segments_without_national_tables}};
}

HttpResponse PostMessagePreview(const Call& c) {
  auto body = ObjectBody(c.request, kPreviewMembers);
  if (!body) return ErrorResponse(body.error());
  auto text = RequiredString(*body, "text");
  if (!text) return ErrorResponse(text.error());
  auto preview = PreviewText(*text);
  if (!preview) return ErrorResponse(preview.error());
  return JsonResponse(200, PreviewJson(*preview));
}

}  // namespace tellal::web

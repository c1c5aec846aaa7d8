// POST /api/v1/messages/preview {"text"}: what a text costs, as the
// daemon would send it — the encoding and segments the PDU planner
// (modem/pdu/text_planner.h) chooses, the room left in the last segment,
// the characters that forced UCS-2, and what the text would cost without
// the Turkish shift tables (so a page can show what they save).
//
// "characters_per_segment" and "characters_left" count the encoding's
// units: septets for GSM 7-bit (an extension character such as € or {
// takes two), UTF-16 code units for UCS-2 (an emoji takes two).
#ifndef TELLAL_WEB_API_PREVIEW_API_H_
#define TELLAL_WEB_API_PREVIEW_API_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"
#include "web/api/api_call.h"
#include "web/api/api_errors.h"

namespace tellal::web {

struct TextPreview {
  std::string encoding;           // "gsm7" or "ucs2"
  bool turkish_tables = false;    // GSM 7-bit with a Turkish shift table
  std::size_t characters = 0;     // Unicode code points
  std::size_t segments = 0;
  std::size_t characters_per_segment = 0;
  std::size_t characters_left = 0;
  std::vector<std::string> ucs2_forced_by;  // distinct, in order of first appearance
  std::size_t segments_without_national_tables = 0;
};

// An empty text, invalid UTF-8 or one beyond 255 segments is a 400 on
// "text".
Result<TextPreview, ApiError> PreviewText(std::string_view text);
nlohmann::json PreviewJson(const TextPreview& preview);

HttpResponse PostMessagePreview(const Call& c);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_PREVIEW_API_H_

// Chooses how a text is encoded and cut into SMS segments, and what it costs.
//
// The plan is what the PDU encoder writes and what a user sees before
// sending: encoding, septets/octets, segment count and characters left.
#ifndef TELLAL_MODEM_PDU_TEXT_PLANNER_H_
#define TELLAL_MODEM_PDU_TEXT_PLANNER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "modem/pdu/gsm_alphabet.h"
#include "modem/result.h"

namespace tellal::pdu {

enum class Encoding { kGsm7, kGsm7Turkish, kUcs2, kEightBit };
enum class EncodingRequest { kAuto, kGsm7, kUcs2 };

// "gsm7", "gsm7-turkish", "ucs2", "8bit".
const char* EncodingName(Encoding e);
Result<EncodingRequest> ParseEncodingRequest(std::string_view name);

// TS 23.040 §9.2.3.24.1: an 8-bit reference allows at most 255 parts.
inline constexpr size_t kMaxSegments = 255;
inline constexpr size_t kUserDataOctets = 140;

struct PlanOptions {
  EncodingRequest encoding = EncodingRequest::kAuto;
  bool allow_national_shift = true;  // may use the Turkish shift tables
};

// One segment: `units` units of TextPlan::payload starting at unit `begin`.
struct PlannedSegment {
  size_t begin = 0;
  size_t units = 0;
};

struct TextPlan {
  Encoding encoding = Encoding::kGsm7;
  Gsm7Tables tables;             // meaningful for the GSM 7-bit encodings
  size_t characters = 0;         // Unicode code points in the text
  size_t units = 0;              // septets, UTF-16 code units or octets, all segments
  size_t octets = 0;             // user data octets of the text alone, without headers
  size_t units_per_segment = 0;  // capacity of every segment of this plan
  size_t units_left = 0;         // free units in the last segment
  // The whole text: unpacked septets (GSM 7-bit), UTF-16BE octets (UCS-2)
  // or the data octets (8-bit); segments index into it.
  std::vector<uint8_t> payload;
  std::vector<PlannedSegment> segments;

  size_t unit_width() const { return encoding == Encoding::kUcs2 ? 2 : 1; }
  const uint8_t* data(const PlannedSegment& s) const { return payload.data() + s.begin * unit_width(); }
  size_t octets_of(const PlannedSegment& s) const { return s.units * unit_width(); }
};

// Fails on invalid UTF-8, on characters the forced encoding cannot carry
// (naming the first one and its position), on an empty text and on texts
// needing more than kMaxSegments segments.
Result<TextPlan> PlanText(std::string_view utf8, const PlanOptions& options);

// 8-bit data (TP-DCS class-less binary) cut into segments.
Result<TextPlan> PlanBinary(const std::vector<uint8_t>& data);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_TEXT_PLANNER_H_

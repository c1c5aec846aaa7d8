#include "modem/pdu/text_planner.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "modem/pdu/septet_packing.h"
#include "modem/pdu/user_data_header.h"
#include "modem/pdu/utf8.h"

namespace tellal::pdu {
namespace {

// UDH octets (UDHL included) a segment carries for these tables, with or
// without the 8-bit concatenation IE.
size_t HeaderOctets(const Gsm7Tables& tables, bool concat) {
  UserDataHeader udh;
  udh.tables = tables;
  if (concat) udh.concat = Concat{};
  return UdhSize(udh);
}

size_t Gsm7Capacity(const Gsm7Tables& tables, bool concat) {
  const size_t header = HeaderOctets(tables, concat);
  return kUserDataOctets * 8 / 7 - (header == 0 ? 0 : HeaderSeptets(header));
}

size_t OctetCapacity(bool concat) { return kUserDataOctets - (concat ? 6 : 0); }

// Where a segment may end: never between ESC and its partner, never inside
// a surrogate pair (TS 23.040 §9.2.3.24.1 leaves that to the sender).
using SplitGuard = bool (*)(const std::vector<uint8_t>& units, size_t cut);

bool Gsm7CutOk(const std::vector<uint8_t>& septets, size_t cut) { return septets[cut - 1] != kEscape; }

// units holds UTF-16BE octets here; cut counts code units.
bool Ucs2CutOk(const std::vector<uint8_t>& bytes, size_t cut) {
  const uint16_t last = static_cast<uint16_t>(bytes[2 * cut - 2] << 8 | bytes[2 * cut - 1]);
  return !IsHighSurrogate(last);
}

bool AnyCutOk(const std::vector<uint8_t>&, size_t) { return true; }

// Splits `units` (each `width` octets of payload) into segments of at most
// `capacity` units. Returns the cut points' count only when `out` is null.
size_t Split(const std::vector<uint8_t>& payload, size_t units, size_t width, size_t capacity, SplitGuard ok,
             std::vector<PlannedSegment>* out, size_t* last_units = nullptr) {
  size_t count = 0;
  size_t start = 0;
  while (start < units) {
    size_t cut = std::min(units, start + capacity);
    if (cut < units) {
      while (cut > start + 1 && !ok(payload, cut)) --cut;
    }
    if (out) {
      PlannedSegment s;
      s.payload.assign(payload.begin() + static_cast<std::ptrdiff_t>(start * width),
                       payload.begin() + static_cast<std::ptrdiff_t>(cut * width));
      s.units = cut - start;
      out->push_back(std::move(s));
    }
    ++count;
    if (last_units) *last_units = cut - start;
    start = cut;
  }
  return count;
}

struct Candidate {
  Encoding encoding;
  Gsm7Tables tables;
  std::vector<uint8_t> payload;
  size_t units = 0;
  size_t width = 1;
  size_t single_capacity = 0;
  size_t multi_capacity = 0;
  SplitGuard guard = AnyCutOk;
  size_t segments = 0;
  size_t left = 0;  // free units in the last segment
};

void CountSegments(Candidate& c) {
  if (c.units <= c.single_capacity) {
    c.segments = 1;
    c.left = c.single_capacity - c.units;
    return;
  }
  size_t last = 0;
  c.segments = Split(c.payload, c.units, c.width, c.multi_capacity, c.guard, nullptr, &last);
  c.left = c.multi_capacity - last;
}

// Fewest segments wins. On a tie plain GSM 7-bit is kept (no header, read
// by every phone); between Turkish table choices the one leaving more room.
bool Better(const Candidate& c, const Candidate& best) {
  if (c.segments != best.segments) return c.segments < best.segments;
  return best.encoding == Encoding::kGsm7Turkish && c.encoding == Encoding::kGsm7Turkish && c.left > best.left;
}

// Returns the index of the first code point the tables cannot encode, or
// npos when all can.
size_t BuildGsm7(const std::u32string& text, const Gsm7Tables& tables, Candidate& c) {
  c.encoding = tables == Gsm7Tables{} ? Encoding::kGsm7 : Encoding::kGsm7Turkish;
  c.tables = tables;
  c.payload.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    uint8_t septets[2];
    const int n = EncodeGsm7Char(tables, text[i], septets);
    if (n == 0) return i;
    c.payload.insert(c.payload.end(), septets, septets + n);
  }
  c.units = c.payload.size();
  c.width = 1;
  c.single_capacity = Gsm7Capacity(tables, false);
  c.multi_capacity = Gsm7Capacity(tables, true);
  c.guard = Gsm7CutOk;
  CountSegments(c);
  return std::u32string::npos;
}

void BuildUcs2(const std::u32string& text, Candidate& c) {
  c.encoding = Encoding::kUcs2;
  std::vector<uint16_t> utf16;
  utf16.reserve(text.size());
  for (char32_t cp : text) AppendUtf16(utf16, cp);
  c.payload.reserve(utf16.size() * 2);
  for (uint16_t u : utf16) {
    c.payload.push_back(static_cast<uint8_t>(u >> 8));
    c.payload.push_back(static_cast<uint8_t>(u));
  }
  c.units = utf16.size();
  c.width = 2;
  c.single_capacity = OctetCapacity(false) / 2;
  c.multi_capacity = OctetCapacity(true) / 2;
  c.guard = Ucs2CutOk;
  CountSegments(c);
}

std::string DescribeChar(const std::u32string& text, size_t index) {
  std::string out = "character '";
  AppendUtf8(out, text[index]);
  char code[16];
  std::snprintf(code, sizeof code, "' (U+%04X)", static_cast<unsigned>(text[index]));
  out += code;
  out += " at position " + std::to_string(index);
  return out;
}

Result<TextPlan> Finish(Candidate&& c, size_t characters) {
  if (c.segments > kMaxSegments) {
    return Error{"text: needs " + std::to_string(c.segments) + " segments, more than the " +
                 std::to_string(kMaxSegments) + " a concatenated SMS can have"};
  }
  TextPlan plan;
  plan.encoding = c.encoding;
  plan.tables = c.tables;
  plan.characters = characters;
  plan.units = c.units;
  plan.octets = c.width == 1 && (c.encoding == Encoding::kGsm7 || c.encoding == Encoding::kGsm7Turkish)
                    ? (c.units * 7 + 7) / 8
                    : c.payload.size();
  if (c.segments == 1) {
    plan.units_per_segment = c.single_capacity;
    plan.segments.push_back(PlannedSegment{std::move(c.payload), c.units});
  } else {
    plan.units_per_segment = c.multi_capacity;
    Split(c.payload, c.units, c.width, c.multi_capacity, c.guard, &plan.segments);
  }
  plan.units_left = plan.units_per_segment - plan.segments.back().units;
  return plan;
}

}  // namespace

const char* EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kGsm7: return "gsm7";
    case Encoding::kGsm7Turkish: return "gsm7-turkish";
    case Encoding::kUcs2: return "ucs2";
    case Encoding::kEightBit: return "8bit";
  }
  return "unknown";
}

Result<EncodingRequest> ParseEncodingRequest(std::string_view name) {
  if (name == "auto") return EncodingRequest::kAuto;
  if (name == "gsm7") return EncodingRequest::kGsm7;
  if (name == "ucs2") return EncodingRequest::kUcs2;
  return Error{"encoding: expected auto, gsm7 or ucs2, got '" + std::string(name) + "'"};
}

Result<TextPlan> PlanText(std::string_view utf8, const PlanOptions& options) {
  auto decoded = DecodeUtf8(utf8);
  if (!decoded) return Wrap("text", decoded.error());
  const std::u32string& text = *decoded;
  if (text.empty()) return Error{"text: is empty"};

  if (options.encoding == EncodingRequest::kUcs2) {
    Candidate c;
    BuildUcs2(text, c);
    return Finish(std::move(c), text.size());
  }

  std::vector<Gsm7Tables> table_sets = {Gsm7Tables{}};
  if (options.allow_national_shift) {
    table_sets.push_back({Language::kDefault, Language::kTurkish});
    table_sets.push_back({Language::kTurkish, Language::kDefault});
    table_sets.push_back({Language::kTurkish, Language::kTurkish});
  }
  // Default alphabet + Turkish single shift reaches every character any of
  // the combinations can, so its first failure is the one worth reporting.
  const size_t widest = table_sets.size() > 1 ? 1 : 0;
  std::optional<Candidate> best;
  size_t first_unencodable = 0;
  for (size_t i = 0; i < table_sets.size(); ++i) {
    Candidate c;
    const size_t bad = BuildGsm7(text, table_sets[i], c);
    if (bad != std::u32string::npos) {
      if (i == widest) first_unencodable = bad;
      continue;
    }
    if (!best || Better(c, *best)) best = std::move(c);
  }
  if (options.encoding == EncodingRequest::kGsm7) {
    if (!best) return Error{"text: " + DescribeChar(text, first_unencodable) + " has no GSM 7-bit encoding"};
    return Finish(std::move(*best), text.size());
  }
  Candidate ucs2;
  BuildUcs2(text, ucs2);
  // UCS-2 only when it needs strictly fewer segments.
  if (!best || ucs2.segments < best->segments) best = std::move(ucs2);
  return Finish(std::move(*best), text.size());
}

Result<TextPlan> PlanBinary(const std::vector<uint8_t>& data) {
  if (data.empty()) return Error{"data: is empty"};
  Candidate c;
  c.encoding = Encoding::kEightBit;
  c.payload = data;
  c.units = data.size();
  c.width = 1;
  c.single_capacity = OctetCapacity(false);
  c.multi_capacity = OctetCapacity(true);
  CountSegments(c);
  return Finish(std::move(c), data.size());
}

}  // namespace tellal::pdu

#include "modem/pdu/text_planner.h"
#include "modem/text/enum_names.h"

#include <array>
#include <cstdio>
#include <string>

#include "modem/pdu/septet_packing.h"
#include "modem/pdu/user_data_header.h"
#include "modem/pdu/utf8.h"

namespace tellal::pdu {
namespace {

// The GSM 7-bit table sets auto may use, in order of preference on a tie:
// plain default first (no header, read by every phone). Turkish locking
// with Turkish single shift is not a candidate: every character of the
// Turkish single shift table is either in the Turkish locking table or in
// the default extension table at the same cost, so the locking table alone
// always does as well with a smaller header.
constexpr std::array<Gsm7Tables, 3> kTableSets = {{
    {Language::kDefault, Language::kDefault},
    {Language::kDefault, Language::kTurkish},
    {Language::kTurkish, Language::kDefault},
}};
// Default alphabet + Turkish single shift reaches every character any of the
// sets can, so its first failure is the one worth reporting.
constexpr size_t kWidestSet = 1;

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

// What one pass over the text learns about a candidate encoding.
struct Candidate {
  Encoding encoding = Encoding::kGsm7;
  Gsm7Tables tables;
  bool encodable = true;
  size_t units = 0;
  size_t width = 1;
  bool has_pairs = false;  // escapes (GSM 7-bit) or surrogate pairs (UCS-2)
  size_t single_capacity = 0;
  size_t multi_capacity = 0;
  // Filled by Evaluate.
  size_t segments = 0;
  size_t left = 0;
};

// Where a segment may end: never between ESC and its partner, never inside a
// surrogate pair (TS 23.040 §9.2.3.24.1 leaves both to the sender).
bool CutOk(const Candidate& c, const uint8_t* payload, size_t cut) {
  if (c.width == 1) return c.encoding == Encoding::kEightBit || payload[cut - 1] != kEscape;
  const uint16_t last = static_cast<uint16_t>(payload[2 * cut - 2] << 8 | payload[2 * cut - 1]);
  return !IsHighSurrogate(last);
}

// Cuts `payload` into segments of at most multi_capacity units. With
// `out` null it only counts; *last_units gets the last segment's size.
size_t Split(const Candidate& c, const uint8_t* payload, std::vector<PlannedSegment>* out, size_t* last_units) {
  size_t count = 0;
  for (size_t start = 0; start < c.units;) {
    size_t cut = std::min(c.units, start + c.multi_capacity);
    if (cut < c.units) {
      while (cut > start + 1 && !CutOk(c, payload, cut)) --cut;
    }
    if (out) out->push_back(PlannedSegment{start, cut - start});
    ++count;
    *last_units = cut - start;
    start = cut;
  }
  return count;
}

void BuildPayload(std::string_view utf8, const Candidate& c, std::vector<uint8_t>& payload) {
  payload.resize(c.units * c.width);
  uint8_t* out = payload.data();
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp;
    i += DecodeUtf8Fast(utf8, i, &cp);  // validated by the first pass
    if (c.width == 1) {
      out += EncodeGsm7Char(c.tables, cp, out);
    } else if (cp < 0x10000) {
      *out++ = static_cast<uint8_t>(cp >> 8);
      *out++ = static_cast<uint8_t>(cp);
    } else {
      const char32_t v = cp - 0x10000;
      const uint16_t hi = static_cast<uint16_t>(0xD800 | v >> 10);
      const uint16_t lo = static_cast<uint16_t>(0xDC00 | (v & 0x3FF));
      *out++ = static_cast<uint8_t>(hi >> 8);
      *out++ = static_cast<uint8_t>(hi);
      *out++ = static_cast<uint8_t>(lo >> 8);
      *out++ = static_cast<uint8_t>(lo);
    }
  }
}

// Segment count and room left. Arithmetic when no pair can straddle a cut;
// otherwise the payload is cut for real (long texts with escapes or emoji
// only), building it into `payload` first unless `built` says it is there.
void Evaluate(std::string_view utf8, Candidate& c, std::vector<uint8_t>& payload, bool& built) {
  if (c.units <= c.single_capacity) {
    c.segments = 1;
    c.left = c.single_capacity - c.units;
    return;
  }
  if (!c.has_pairs) {
    c.segments = (c.units + c.multi_capacity - 1) / c.multi_capacity;
    c.left = c.segments * c.multi_capacity - c.units;
    return;
  }
  if (!built) {
    BuildPayload(utf8, c, payload);
    built = true;
  }
  size_t last = 0;
  c.segments = Split(c, payload.data(), nullptr, &last);
  c.left = c.multi_capacity - last;
}

bool Better(const Candidate& c, const Candidate& best) {
  if (c.segments != best.segments) return c.segments < best.segments;
  return best.encoding == Encoding::kGsm7Turkish && c.encoding == Encoding::kGsm7Turkish && c.left > best.left;
}

std::string DescribeChar(std::string_view utf8, size_t index) {
  char32_t cp = 0;
  for (size_t i = 0, n = 0; i < utf8.size() && n <= index; ++n) i += DecodeUtf8At(utf8, i, &cp).value();
  std::string out = "character '";
  AppendUtf8(out, cp);
  char code[24];
  std::snprintf(code, sizeof code, "' (U+%04X)", static_cast<unsigned>(cp));
  return out + code + " at position " + std::to_string(index);
}

Result<TextPlan> Finish(std::string_view utf8, Candidate& c, std::vector<uint8_t>&& payload, bool built,
                        size_t characters) {
  if (c.segments > kMaxSegments) {
    return Error::InvalidArgument(std::string(c.encoding == Encoding::kEightBit ? "data" : "text") + ": needs " +
                                  std::to_string(c.segments) + " segments, more than the " +
                                  std::to_string(kMaxSegments) + " a concatenated SMS can have");
  }
  TextPlan plan;
  plan.encoding = c.encoding;
  plan.tables = c.tables;
  plan.characters = characters;
  plan.units = c.units;
  plan.octets = c.encoding == Encoding::kEightBit ? c.units : c.width == 1 ? (c.units * 7 + 7) / 8 : c.units * 2;
  plan.payload = std::move(payload);
  if (!built) BuildPayload(utf8, c, plan.payload);
  size_t last = 0;
  if (c.segments == 1) {
    plan.units_per_segment = c.single_capacity;
    plan.segments.push_back(PlannedSegment{0, c.units});
  } else {
    plan.units_per_segment = c.multi_capacity;
    plan.segments.reserve(c.segments);
    Split(c, plan.payload.data(), &plan.segments, &last);
  }
  plan.units_left = plan.units_per_segment - plan.segments.back().units;
  return plan;
}

Candidate Gsm7Candidate(const Gsm7Tables& tables) {
  Candidate c;
  c.encoding = tables == Gsm7Tables{} ? Encoding::kGsm7 : Encoding::kGsm7Turkish;
  c.tables = tables;
  c.single_capacity = Gsm7Capacity(tables, false);
  c.multi_capacity = Gsm7Capacity(tables, true);
  return c;
}

}  // namespace

constexpr text::EnumName<Encoding> kEncodingNames[] = {{Encoding::kGsm7, "gsm7"},
                                                       {Encoding::kGsm7Turkish, "gsm7-turkish"},
                                                       {Encoding::kUcs2, "ucs2"},
                                                       {Encoding::kEightBit, "8bit"}};

const char* EncodingName(Encoding e) { return text::NameOf(kEncodingNames, e, "unknown").data(); }

constexpr text::EnumName<EncodingRequest> kEncodingRequestNames[] = {
    {EncodingRequest::kAuto, "auto"}, {EncodingRequest::kGsm7, "gsm7"}, {EncodingRequest::kUcs2, "ucs2"}};

Result<EncodingRequest> ParseEncodingRequest(std::string_view name) {
  if (const std::optional<EncodingRequest> request = text::EnumFromName(kEncodingRequestNames, name)) return *request;
  return Error::InvalidArgument("encoding: expected auto, gsm7 or ucs2, got '" + std::string(name) + "'");
}

Result<TextPlan> PlanText(std::string_view utf8, const PlanOptions& options) {
  if (utf8.empty()) return Error::InvalidArgument("text: is empty");
  const bool want_gsm7 = options.encoding != EncodingRequest::kUcs2;
  const size_t sets = !want_gsm7 ? 0 : options.allow_national_shift ? kTableSets.size() : 1;

  std::array<Candidate, kTableSets.size()> gsm7;
  for (size_t s = 0; s < sets; ++s) gsm7[s] = Gsm7Candidate(kTableSets[s]);
  Candidate ucs2;
  ucs2.encoding = Encoding::kUcs2;
  ucs2.width = 2;
  ucs2.single_capacity = OctetCapacity(false) / 2;
  ucs2.multi_capacity = OctetCapacity(true) / 2;

  // First pass: validate, count characters and UTF-16 units, and the septets
  // the default alphabet needs. ASCII, the common case, skips the decoder.
  size_t characters = 0;
  size_t first_unencodable = 0;
  // The default alphabet usually wins, so its septets are written as they
  // are counted (never more than two per UTF-8 byte).
  std::array<std::vector<uint8_t>, kTableSets.size()> payloads;
  if (sets > 0) payloads[0].resize(2 * utf8.size());
  for (size_t i = 0; i < utf8.size(); ++characters) {
    char32_t cp;
    const size_t used = DecodeUtf8Fast(utf8, i, &cp);
    if (used == 0) return Wrap("text", DecodeUtf8At(utf8, i, &cp).error());
    i += used;
    const bool pair = cp >= 0x10000;
    ucs2.units += pair ? 2 : 1;
    ucs2.has_pairs |= pair;
    if (sets == 0 || !gsm7[0].encodable) continue;
    const int n = EncodeGsm7Char(gsm7[0].tables, cp, payloads[0].data() + gsm7[0].units);
    if (n == 0) {
      gsm7[0].encodable = false;
      first_unencodable = characters;
      continue;
    }
    gsm7[0].units += static_cast<size_t>(n);
    gsm7[0].has_pairs |= n == 2;
  }
  // Second pass, only when the Turkish tables could do better: the default
  // alphabet failed or needed escapes (€ is one septet in the locking table).
  if (sets > 1 && (!gsm7[0].encodable || gsm7[0].has_pairs)) {
    for (size_t s = 1; s < sets; ++s) payloads[s].resize(2 * utf8.size());
    size_t index = 0;
    for (size_t i = 0; i < utf8.size(); ++index) {
      char32_t cp;
      i += DecodeUtf8Fast(utf8, i, &cp);  // validated above
      for (size_t s = 1; s < sets; ++s) {
        Candidate& c = gsm7[s];
        if (!c.encodable) continue;
        const int n = EncodeGsm7Char(c.tables, cp, payloads[s].data() + c.units);
        if (n == 0) {
          c.encodable = false;
          if (s == kWidestSet) first_unencodable = index;
          continue;
        }
        c.units += static_cast<size_t>(n);
        c.has_pairs |= n == 2;
      }
    }
  } else {
    for (size_t s = 1; s < sets; ++s) gsm7[s].encodable = false;  // cannot win
  }

  std::vector<uint8_t> best_payload;
  bool best_built = false;
  std::vector<uint8_t> scratch;
  bool scratch_built = false;
  Candidate* best = nullptr;
  for (size_t s = 0; s < sets; ++s) {
    Candidate& c = gsm7[s];
    if (!c.encodable) continue;
    // Every encodable GSM 7-bit candidate's septets were written while counting.
    payloads[s].resize(c.units);
    scratch.swap(payloads[s]);
    scratch_built = true;
    Evaluate(utf8, c, scratch, scratch_built);
    if (!best || Better(c, *best)) {
      best = &c;
      best_payload.swap(scratch);
      best_built = scratch_built;
    }
  }
  if (options.encoding == EncodingRequest::kGsm7) {
    if (!best)
      return Error::InvalidArgument("text: " + DescribeChar(utf8, first_unencodable) + " has no GSM 7-bit encoding");
    return Finish(utf8, *best, std::move(best_payload), best_built, characters);
  }
  // UCS-2 only when it needs strictly fewer segments; a GSM 7-bit plan that
  // fits one segment cannot be beaten.
  if (!best || best->segments > 1) {
    scratch_built = false;
    Evaluate(utf8, ucs2, scratch, scratch_built);
    if (!best || ucs2.segments < best->segments) {
      best = &ucs2;
      best_payload.swap(scratch);
      best_built = scratch_built;
    }
  }
  return Finish(utf8, *best, std::move(best_payload), best_built, characters);
}

Result<TextPlan> PlanBinary(const std::vector<uint8_t>& data) {
  if (data.empty()) return Error::InvalidArgument("data: is empty");
  Candidate c;
  c.encoding = Encoding::kEightBit;
  c.units = data.size();
  c.single_capacity = OctetCapacity(false);
  c.multi_capacity = OctetCapacity(true);
  std::vector<uint8_t> payload = data;
  bool built = true;  // the data is its own payload
  Evaluate("", c, payload, built);
  return Finish("", c, std::move(payload), built, data.size());
}

}  // namespace tellal::pdu

#include "modem/pdu/pdu_encoder.h"

#include <algorithm>

#include "modem/pdu/address.h"
#include "modem/pdu/data_coding_scheme.h"
#include "modem/pdu/hex.h"
#include "modem/pdu/septet_packing.h"
#include "modem/pdu/user_data_header.h"

namespace tellal::pdu {
namespace {

// First-octet bits (TS 23.040 §9.2.2).
constexpr uint8_t kMtiDeliver = 0x00;
constexpr uint8_t kMtiSubmit = 0x01;
constexpr uint8_t kMtiStatusReport = 0x02;
constexpr uint8_t kRejectDuplicates = 0x04;
constexpr uint8_t kMoreMessagesNone = 0x04;  // TP-MMS set: no more messages waiting
constexpr uint8_t kVpfRelative = 0x10;
constexpr uint8_t kStatusReport = 0x20;      // TP-SRR / TP-SRI / TP-SRQ
constexpr uint8_t kUdhi = 0x40;

Alphabet AlphabetOf(Encoding e) {
  switch (e) {
    case Encoding::kUcs2: return Alphabet::kUcs2;
    case Encoding::kEightBit: return Alphabet::kEightBit;
    default: return Alphabet::kGsm7;
  }
}

// Appends TP-UDL and TP-UD for one planned segment.
void AppendUserData(const TextPlan& plan, const PlannedSegment& segment, const UserDataHeader& udh,
                    std::vector<uint8_t>& out) {
  const size_t header = UdhSize(udh);
  if (AlphabetOf(plan.encoding) == Alphabet::kGsm7) {
    out.push_back(static_cast<uint8_t>((header == 0 ? 0 : HeaderSeptets(header)) + segment.units));
    AppendUdh(udh, out);
    PackSeptets(segment.payload.data(), segment.payload.size(), header == 0 ? 0 : FillBits(header), out);
  } else {
    out.push_back(static_cast<uint8_t>(header + segment.payload.size()));
    AppendUdh(udh, out);
    out.insert(out.end(), segment.payload.begin(), segment.payload.end());
  }
}

UserDataHeader SegmentHeader(const TextPlan& plan, size_t index, uint8_t ref) {
  UserDataHeader udh;
  udh.tables = plan.tables;
  if (plan.segments.size() > 1) {
    udh.concat = Concat{ref, static_cast<uint8_t>(plan.segments.size()), static_cast<uint8_t>(index + 1), false};
  }
  return udh;
}

EncodedPdu Finish(const std::vector<uint8_t>& bytes, size_t smsc_octets, const TextPlan& plan, size_t index,
                  uint8_t ref) {
  EncodedPdu pdu;
  pdu.hex = BytesToHex(bytes);
  pdu.tpdu_length = bytes.size() - smsc_octets;
  pdu.seq = index + 1;
  pdu.total = plan.segments.size();
  pdu.ref = ref;
  pdu.encoding = plan.encoding;
  return pdu;
}

}  // namespace

Result<uint8_t> RelativeValidity(int minutes) {
  if (minutes < 1) return Error{"validity: must be at least 1 minute"};
  if (minutes <= 12 * 60) return static_cast<uint8_t>((minutes + 4) / 5 - 1);
  if (minutes <= 24 * 60) return static_cast<uint8_t>(143 + (minutes - 12 * 60 + 29) / 30);
  constexpr int kDay = 24 * 60;
  if (minutes <= 30 * kDay) return static_cast<uint8_t>(166 + std::max(2, (minutes + kDay - 1) / kDay));
  constexpr int kWeek = 7 * kDay;
  if (minutes <= 63 * kWeek) return static_cast<uint8_t>(192 + std::max(5, (minutes + kWeek - 1) / kWeek));
  return Error{"validity: " + std::to_string(minutes) + " minutes exceeds the maximum of 63 weeks"};
}

int RelativeValidityMinutes(uint8_t vp) {
  if (vp <= 143) return (vp + 1) * 5;
  if (vp <= 167) return 12 * 60 + (vp - 143) * 30;
  if (vp <= 196) return (vp - 166) * 24 * 60;
  return (vp - 192) * 7 * 24 * 60;
}

Result<std::vector<EncodedPdu>> EncodeSubmit(std::string_view text, const SubmitOptions& options) {
  auto plan = PlanText(text, options.plan);
  if (!plan) return plan.error();
  return EncodeSubmit(*plan, options);
}

Result<std::vector<EncodedPdu>> EncodeSubmit(const TextPlan& plan, const SubmitOptions& options) {
  std::optional<uint8_t> vp;
  if (options.validity_minutes) {
    auto r = RelativeValidity(*options.validity_minutes);
    if (!r) return r.error();
    vp = *r;
  }
  // The header part is the same for every segment; build it once.
  std::vector<uint8_t> head;
  if (Status s = AppendSmscAddress(options.smsc, head); !s) return s.error();
  const size_t smsc_octets = head.size();
  uint8_t first = kMtiSubmit;
  if (options.reject_duplicates) first |= kRejectDuplicates;
  if (vp) first |= kVpfRelative;
  if (options.status_report) first |= kStatusReport;
  const size_t first_at = head.size();
  head.push_back(first);
  head.push_back(options.message_reference);
  if (Status s = AppendTpAddress(options.to, "TP-DA", head); !s) return s.error();
  head.push_back(options.pid);
  head.push_back(MakeDcs(AlphabetOf(plan.encoding), options.flash));
  if (vp) head.push_back(*vp);

  std::vector<EncodedPdu> out;
  out.reserve(plan.segments.size());
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i < plan.segments.size(); ++i) {
    const UserDataHeader udh = SegmentHeader(plan, i, options.concat_ref);
    bytes = head;
    if (!udh.empty()) bytes[first_at] |= kUdhi;
    AppendUserData(plan, plan.segments[i], udh, bytes);
    out.push_back(Finish(bytes, smsc_octets, plan, i, options.concat_ref));
  }
  return out;
}

Result<std::vector<EncodedPdu>> EncodeDeliver(std::string_view text, const DeliverOptions& options) {
  auto plan = PlanText(text, options.plan);
  if (!plan) return plan.error();
  std::vector<uint8_t> head;
  if (Status s = AppendSmscAddress(options.smsc, head); !s) return s.error();
  const size_t smsc_octets = head.size();
  uint8_t first = kMtiDeliver | kMoreMessagesNone;
  if (options.status_report_indication) first |= kStatusReport;
  const size_t first_at = head.size();
  head.push_back(first);
  if (Status s = AppendTpAddress(options.from, "TP-OA", head); !s) return s.error();
  head.push_back(options.pid);
  head.push_back(MakeDcs(AlphabetOf(plan->encoding), options.flash));
  AppendTimestamp(options.scts, head);

  std::vector<EncodedPdu> out;
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i < plan->segments.size(); ++i) {
    const UserDataHeader udh = SegmentHeader(*plan, i, options.concat_ref);
    bytes = head;
    if (!udh.empty()) bytes[first_at] |= kUdhi;
    AppendUserData(*plan, plan->segments[i], udh, bytes);
    out.push_back(Finish(bytes, smsc_octets, *plan, i, options.concat_ref));
  }
  return out;
}

Result<EncodedPdu> EncodeStatusReport(const StatusReportOptions& options) {
  std::vector<uint8_t> bytes;
  if (Status s = AppendSmscAddress(options.smsc, bytes); !s) return s.error();
  const size_t smsc_octets = bytes.size();
  bytes.push_back(kMtiStatusReport | kMoreMessagesNone);
  bytes.push_back(options.message_reference);
  if (Status s = AppendTpAddress(options.recipient, "TP-RA", bytes); !s) return s.error();
  AppendTimestamp(options.scts, bytes);
  AppendTimestamp(options.discharge_time, bytes);
  bytes.push_back(options.status);
  EncodedPdu pdu;
  pdu.hex = BytesToHex(bytes);
  pdu.tpdu_length = bytes.size() - smsc_octets;
  return pdu;
}

}  // namespace tellal::pdu

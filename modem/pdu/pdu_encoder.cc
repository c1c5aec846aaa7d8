#include "modem/pdu/pdu_encoder.h"

#include <algorithm>
#include <cstring>

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
constexpr uint8_t kStatusReport = 0x20;  // TP-SRR / TP-SRI / TP-SRQ
constexpr uint8_t kUdhi = 0x40;

Alphabet AlphabetOf(Encoding e) {
  switch (e) {
    case Encoding::kUcs2:
      return Alphabet::kUcs2;
    case Encoding::kEightBit:
      return Alphabet::kEightBit;
    default:
      return Alphabet::kGsm7;
  }
}

// Appends TP-UDL and TP-UD for one planned segment, as hex.
void AppendUserDataHex(const TextPlan& plan, const PlannedSegment& segment, const UserDataHeader& udh,
                       std::string& hex) {
  // 1 UDL + 140 UD octets at most; a stack buffer keeps the hot path free of
  // allocations.
  uint8_t buf[1 + kUserDataOctets + 8];
  std::vector<uint8_t> scratch;  // only for the header, which is tiny
  const size_t header = UdhSize(udh);
  size_t n = 0;
  if (AlphabetOf(plan.encoding) == Alphabet::kGsm7) {
    buf[n++] = static_cast<uint8_t>((header == 0 ? 0 : HeaderSeptets(header)) + segment.units);
    AppendUdh(udh, scratch);
    for (uint8_t b : scratch) buf[n++] = b;
    n += PackSeptetsInto(plan.data(segment), segment.units, header == 0 ? 0 : FillBits(header), buf + n);
  } else {
    const size_t octets = plan.octets_of(segment);
    buf[n++] = static_cast<uint8_t>(header + octets);
    AppendUdh(udh, scratch);
    for (uint8_t b : scratch) buf[n++] = b;
    std::memcpy(buf + n, plan.data(segment), octets);
    n += octets;
  }
  AppendHex(hex, buf, n);
}

UserDataHeader SegmentHeader(const TextPlan& plan, size_t index, uint8_t ref) {
  UserDataHeader udh;
  udh.tables = plan.tables;
  if (plan.segments.size() > 1) {
    udh.concat = Concat{ref, static_cast<uint8_t>(plan.segments.size()), static_cast<uint8_t>(index + 1), false};
  }
  return udh;
}

// `head` is the hex of everything before TP-UDL; `first_at` the hex offset
// of the first octet, whose TP-UDHI bit depends on the segment.
EncodedPdu EncodeSegment(const TextPlan& plan, size_t index, uint8_t ref, const std::string& head, size_t first_at,
                         uint8_t first, size_t smsc_octets) {
  const UserDataHeader udh = SegmentHeader(plan, index, ref);
  EncodedPdu pdu;
  pdu.hex.reserve(head.size() + 2 * (1 + kUserDataOctets));
  pdu.hex = head;
  if (!udh.empty()) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    const uint8_t with_udhi = first | kUdhi;
    pdu.hex[first_at] = kDigits[with_udhi >> 4];
    pdu.hex[first_at + 1] = kDigits[with_udhi & 0x0F];
  }
  AppendUserDataHex(plan, plan.segments[index], udh, pdu.hex);
  pdu.tpdu_length = pdu.hex.size() / 2 - smsc_octets;
  pdu.seq = index + 1;
  pdu.total = plan.segments.size();
  pdu.ref = ref;
  pdu.encoding = plan.encoding;
  return pdu;
}

}  // namespace

Result<uint8_t> RelativeValidity(int minutes) {
  if (minutes < 1) return Error::InvalidArgument("validity: must be at least 1 minute");
  if (minutes <= 12 * 60) return static_cast<uint8_t>((minutes + 4) / 5 - 1);
  if (minutes <= 24 * 60) return static_cast<uint8_t>(143 + (minutes - 12 * 60 + 29) / 30);
  constexpr int kDay = 24 * 60;
  if (minutes <= 30 * kDay) return static_cast<uint8_t>(166 + std::max(2, (minutes + kDay - 1) / kDay));
  constexpr int kWeek = 7 * kDay;
  if (minutes <= 63 * kWeek) return static_cast<uint8_t>(192 + std::max(5, (minutes + kWeek - 1) / kWeek));
  return Error::InvalidArgument("validity: " + std::to_string(minutes) + " minutes exceeds the maximum of 63 weeks");
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
  head.reserve(48);  // SMSC 12 + first, MR, DA 12, PID, DCS, VP: one allocation
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

  const std::string head_hex = BytesToHex(head);
  std::vector<EncodedPdu> out;
  out.reserve(plan.segments.size());
  for (size_t i = 0; i < plan.segments.size(); ++i) {
    out.push_back(EncodeSegment(plan, i, options.concat_ref, head_hex, first_at * 2, first, smsc_octets));
  }
  return out;
}

Result<std::vector<EncodedPdu>> EncodeDeliver(std::string_view text, const DeliverOptions& options) {
  auto plan = PlanText(text, options.plan);
  if (!plan) return plan.error();
  std::vector<uint8_t> head;
  head.reserve(48);
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

  const std::string head_hex = BytesToHex(head);
  std::vector<EncodedPdu> out;
  out.reserve(plan->segments.size());
  for (size_t i = 0; i < plan->segments.size(); ++i) {
    out.push_back(EncodeSegment(*plan, i, options.concat_ref, head_hex, first_at * 2, first, smsc_octets));
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

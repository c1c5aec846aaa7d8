// libFuzzer target for the PDU codec.
//
// Every input is tried three ways, because the codec meets untrusted data in
// three forms: raw octets (with and without the SMSC part, as +CDS/+CMT
// arrive on some modems), hex text as modems print it after +CMGR/+CMGL, and
// UTF-8 text an API client asks us to send. A crash, a sanitizer report or a
// broken invariant (abort) is a codec bug.
//
// Invariants checked:
//   - a successful decode yields valid UTF-8 in every text field, a
//     concatenation IE with 1 <= seq <= total, and the same result whether the
//     octets arrive raw or as hex;
//   - a successful plan has 1..255 segments that each fit the plan's capacity
//     and add up to the plan's totals;
//   - encoding that plan and decoding every PDU gives back the segment
//     numbering and, joined, exactly the input text (the round trip).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "modem/pdu/data_coding_scheme.h"
#include "modem/pdu/hex.h"
#include "modem/pdu/pdu_decoder.h"
#include "modem/pdu/pdu_encoder.h"
#include "modem/pdu/status_report_status.h"
#include "modem/pdu/text_planner.h"
#include "modem/pdu/timestamp.h"
#include "modem/pdu/utf8.h"

namespace tellal::pdu {
namespace {

constexpr const char* kRecipient = "+905321234567";

// libFuzzer reports abort() as a crash and saves the input; the message says
// which property broke so the report can be read without a debugger.
[[noreturn]] void Violated(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "pdu_decoder_fuzz: invariant violated: %s%s%s\n", what, detail.empty() ? "" : ": ",
               detail.c_str());
  std::abort();
}

void Require(bool condition, const char* what, const std::string& detail = {}) {
  if (!condition) Violated(what, detail);
}

void RequireUtf8(const std::string& s, const char* field) {
  auto r = DecodeUtf8(s);
  Require(r.ok(), field, r.ok() ? std::string() : r.error().message);
}

void CheckDecoded(const DecodedPdu& d) {
  RequireUtf8(d.text, "decoded text is not valid UTF-8");
  RequireUtf8(d.address.value, "decoded address is not valid UTF-8");
  RequireUtf8(d.smsc.value, "decoded SMSC is not valid UTF-8");
  if (d.udh.concat) {
    Require(d.udh.concat->seq >= 1 && d.udh.concat->seq <= d.udh.concat->total,
            "concatenation IE accepted with seq outside 1..total");
  }
  if (d.has_user_data) {
    switch (d.dcs.alphabet) {
      case Alphabet::kEightBit:
        Require(d.text.empty(), "8-bit user data produced text");
        Require(d.data.size() <= kUserDataOctets, "8-bit user data longer than 140 octets");
        break;
      case Alphabet::kUcs2:
        Require(d.data.size() % 2 == 0, "UCS-2 user data with an odd octet count");
        Require(d.data.size() <= kUserDataOctets, "UCS-2 user data longer than 140 octets");
        break;
      case Alphabet::kGsm7: {
        // Each septet yields at most one character, so 160 septets bound the text.
        auto cps = DecodeUtf8(d.text);
        Require(cps.ok() && cps->size() <= 160, "GSM 7-bit text longer than 160 characters");
        break;
      }
    }
  } else {
    Require(d.text.empty() && d.data.empty(), "text without TP-UD");
  }
  if (d.validity_minutes) Require(*d.validity_minutes >= 5, "relative validity below 5 minutes");
  // Formatting must cope with whatever the parser let through.
  if (d.scts) RequireUtf8(FormatRfc3339(*d.scts), "TP-SCTS formats to invalid UTF-8");
  if (d.discharge_time) RequireUtf8(FormatRfc3339(*d.discharge_time), "TP-DT formats to invalid UTF-8");
  Require(DescribeStatus(d.status).text != nullptr, "TP-ST without a description");
}

bool SameDecode(const DecodedPdu& a, const DecodedPdu& b) {
  return a.type == b.type && a.smsc.value == b.smsc.value && a.smsc.toa == b.smsc.toa &&
         a.address.value == b.address.value && a.address.toa == b.address.toa && a.first_octet == b.first_octet &&
         a.pid == b.pid && a.dcs_octet == b.dcs_octet && a.udh.concat == b.udh.concat && a.udh.tables == b.udh.tables &&
         a.has_user_data == b.has_user_data && a.text == b.text && a.data == b.data &&
         a.message_reference == b.message_reference && a.validity_minutes == b.validity_minutes && a.scts == b.scts &&
         a.discharge_time == b.discharge_time && a.status == b.status;
}

void FuzzBytes(const std::vector<uint8_t>& bytes) {
  for (bool has_smsc : {true, false}) {
    DecodeOptions options;
    options.has_smsc = has_smsc;
    auto raw = DecodePduBytes(bytes, options);
    if (raw) CheckDecoded(*raw);
    // The hex path must agree with the raw path on the same octets.
    auto via_hex = DecodePdu(BytesToHex(bytes), options);
    Require(raw.ok() == via_hex.ok(), "raw and hex decoding disagree on success");
    if (raw) Require(SameDecode(*raw, *via_hex), "raw and hex decoding disagree on content");
  }
}

void FuzzHexText(std::string_view text) {
  for (bool has_smsc : {true, false}) {
    DecodeOptions options;
    options.has_smsc = has_smsc;
    auto decoded = DecodePdu(text, options);
    if (!decoded) continue;
    CheckDecoded(*decoded);
    // Hex is case-insensitive and loses nothing: upper-casing round-trips.
    auto bytes = HexToBytes(text);
    Require(bytes.ok(), "DecodePdu accepted hex that HexToBytes rejects");
    std::string upper(text);
    for (char& c : upper) {
      if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    }
    Require(BytesToHex(*bytes) == upper, "hex does not round-trip");
  }
}

size_t CodePoints(std::string_view utf8) {
  auto r = DecodeUtf8(utf8);
  return r.ok() ? r->size() : 0;
}

void CheckPlan(const TextPlan& plan, const PlanOptions& options, std::string_view text) {
  Require(!plan.segments.empty() && plan.segments.size() <= kMaxSegments, "segment count outside 1..255",
          std::to_string(plan.segments.size()));
  Require(plan.characters == CodePoints(text), "plan counts the wrong number of characters");
  size_t units = 0;
  const bool gsm7 = plan.encoding == Encoding::kGsm7 || plan.encoding == Encoding::kGsm7Turkish;
  for (const PlannedSegment& s : plan.segments) {
    Require(s.units >= 1 && s.units <= plan.units_per_segment, "segment units outside 1..units_per_segment",
            std::to_string(s.units) + " of " + std::to_string(plan.units_per_segment));
    Require(s.begin + s.units <= plan.payload.size() / (gsm7 ? 1 : 2), "segment reaches past the payload");
    units += s.units;
  }
  Require(units == plan.units, "segment units do not add up to the plan's");
  Require(plan.units_left == plan.units_per_segment - plan.segments.back().units, "units_left is wrong");
  Require(plan.encoding != Encoding::kEightBit, "text planned as 8-bit data");
  if (options.encoding == EncodingRequest::kUcs2) Require(plan.encoding == Encoding::kUcs2, "forced UCS-2 ignored");
  if (options.encoding == EncodingRequest::kGsm7) Require(gsm7, "forced GSM 7-bit ignored");
  if (!options.allow_national_shift) Require(plan.tables == Gsm7Tables{}, "national shift used when not allowed");
  if (plan.encoding == Encoding::kGsm7) Require(plan.tables == Gsm7Tables{}, "plain GSM 7-bit with shift tables");
  if (plan.encoding == Encoding::kGsm7Turkish) Require(!(plan.tables == Gsm7Tables{}), "Turkish without tables");
}

// Decodes every encoded segment and checks it against the plan: numbering,
// alphabet, tables, and that the texts join back to the input.
void CheckRoundTrip(const std::vector<EncodedPdu>& pdus, const TextPlan& plan, std::string_view text, uint8_t ref,
                    MessageType type) {
  Require(pdus.size() == plan.segments.size(), "encoder produced a different segment count than planned");
  const size_t total = pdus.size();
  const Alphabet alphabet = plan.encoding == Encoding::kUcs2 ? Alphabet::kUcs2 : Alphabet::kGsm7;
  std::string joined;
  for (size_t i = 0; i < total; ++i) {
    const EncodedPdu& p = pdus[i];
    Require(p.seq == i + 1 && p.total == total && p.ref == ref, "EncodedPdu numbering is wrong");
    // No SMSC given: the SMSC part is the single octet 00.
    Require(p.hex.size() == 2 + 2 * p.tpdu_length, "tpdu_length does not match the hex");
    auto d = DecodePdu(p.hex);
    Require(d.ok(), "an encoded PDU does not decode", d.ok() ? std::string() : d.error().message + " in " + p.hex);
    CheckDecoded(*d);
    Require(d->type == type, "decoded the wrong message type", p.hex);
    Require(d->address.value == kRecipient, "address does not round-trip", d->address.value);
    Require(d->dcs.alphabet == alphabet, "alphabet does not round-trip", p.hex);
    Require(d->udh.tables == plan.tables, "shift tables do not round-trip", p.hex);
    if (total == 1) {
      Require(!d->udh.concat.has_value(), "single segment carries a concatenation IE", p.hex);
    } else {
      Require(d->udh.concat.has_value(), "segment lacks its concatenation IE", p.hex);
      Require(d->udh.concat->seq == i + 1 && d->udh.concat->total == total && d->udh.concat->ref == ref &&
                  !d->udh.concat->ref16,
              "concatenation IE does not round-trip", p.hex);
    }
    joined += d->text;
  }
  if (joined != text) {
    Violated("decoded segments do not join to the input text",
             "input hex " + BytesToHex(reinterpret_cast<const uint8_t*>(text.data()), text.size()) + ", decoded hex " +
                 BytesToHex(reinterpret_cast<const uint8_t*>(joined.data()), joined.size()));
  }
}

void FuzzText(std::string_view text, uint8_t ref) {
  static const PlanOptions kPlans[] = {
      {EncodingRequest::kAuto, true},
      {EncodingRequest::kAuto, false},
      {EncodingRequest::kGsm7, true},
      {EncodingRequest::kUcs2, true},
  };
  for (const PlanOptions& options : kPlans) {
    auto plan = PlanText(text, options);
    if (!plan) continue;
    CheckPlan(*plan, options, text);

    SubmitOptions submit;
    submit.to = kRecipient;
    submit.plan = options;
    submit.concat_ref = ref;
    auto pdus = EncodeSubmit(*plan, submit);
    Require(pdus.ok(), "EncodeSubmit failed on a valid plan", pdus.ok() ? std::string() : pdus.error().message);
    CheckRoundTrip(*pdus, *plan, text, ref, MessageType::kSubmit);

    DeliverOptions deliver;
    deliver.from = kRecipient;
    deliver.plan = options;
    deliver.concat_ref = ref;
    deliver.scts = Timestamp{2026, 11, 23, 14, 19, 0, 180};
    auto delivered = EncodeDeliver(text, deliver);
    Require(delivered.ok(), "EncodeDeliver failed where PlanText succeeded",
            delivered.ok() ? std::string() : delivered.error().message);
    CheckRoundTrip(*delivered, *plan, text, ref, MessageType::kDeliver);
  }
}

}  // namespace
}  // namespace tellal::pdu

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tellal::pdu;
  const std::vector<uint8_t> bytes(data, data + size);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  FuzzBytes(bytes);
  FuzzHexText(text);
  // The reference only has to vary; tying it to the input keeps runs reproducible.
  FuzzText(text, size == 0 ? 0 : data[size - 1]);
  return 0;
}

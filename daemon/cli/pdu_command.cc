#include "daemon/cli/pdu_command.h"

#include <nlohmann/json.hpp>
#include <random>

#include "daemon/cli/arguments.h"
#include "modem/pdu/hex.h"
#include "modem/pdu/pdu_decoder.h"
#include "modem/pdu/pdu_encoder.h"
#include "modem/pdu/text_planner.h"

namespace tellal::cli {

const char* const kPduUsage =
    "usage:\n"
    "  tellal pdu encode --to NUMBER --text TEXT [--encoding auto|gsm7|ucs2] [--no-national-shift]\n"
    "                    [--report] [--smsc NUMBER] [--flash] [--validity MINUTES] [--ref N]\n"
    "      one JSON object per segment: {\"pdu\", \"length\", \"encoding\", \"seq\", \"total\", \"ref\"}\n"
    "  tellal pdu decode HEX\n"
    "      one JSON object describing the SMS-DELIVER, SMS-SUBMIT or SMS-STATUS-REPORT\n"
    "  tellal pdu info --text TEXT [--encoding auto|gsm7|ucs2] [--no-national-shift] [--json]\n"
    "      encoding, segments, characters per segment and characters left\n";

namespace {

using nlohmann::json;

int Fail(std::ostream& out, const std::string& message) {
  out << json{{"error", message}}.dump() << "\n";
  return 2;
}

int Usage(std::ostream& err, const std::string& message) {
  err << "tellal pdu: " << message << "\n\n" << kPduUsage;
  return 2;
}

Result<pdu::PlanOptions> PlanOptionsFrom(const ParsedArguments& a) {
  pdu::PlanOptions o;
  if (auto e = a.get("--encoding")) {
    auto r = pdu::ParseEncodingRequest(*e);
    if (!r) return r.error();
    o.encoding = *r;
  }
  o.allow_national_shift = !a.has("--no-national-shift");
  return o;
}

int Encode(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto parsed = ParseArguments(args, {"--to", "--text", "--encoding", "--smsc", "--validity", "--ref"},
                               {"--no-national-shift", "--report", "--flash"});
  if (!parsed) return Usage(err, parsed.error().message);
  const ParsedArguments& a = *parsed;
  if (!a.positional.empty()) return Usage(err, "unexpected argument '" + a.positional[0] + "'");
  if (!a.get("--to")) return Usage(err, "encode needs --to");
  if (!a.get("--text")) return Usage(err, "encode needs --text");

  pdu::SubmitOptions o;
  o.to = *a.get("--to");
  o.smsc = a.get("--smsc").value_or("");
  o.status_report = a.has("--report");
  o.flash = a.has("--flash");
  auto plan = PlanOptionsFrom(a);
  if (!plan) return Fail(out, plan.error().message);
  o.plan = *plan;
  if (auto v = a.get("--validity")) {
    auto minutes = ParseInteger(*v, 1, 63L * 7 * 24 * 60, "validity");
    if (!minutes) return Fail(out, minutes.error().message);
    o.validity_minutes = static_cast<int>(*minutes);
  }
  if (auto r = a.get("--ref")) {
    auto ref = ParseInteger(*r, 0, 255, "ref");
    if (!ref) return Fail(out, ref.error().message);
    o.concat_ref = static_cast<uint8_t>(*ref);
  } else {
    // A fresh reference, so two long messages to one phone do not merge.
    o.concat_ref = static_cast<uint8_t>(std::random_device{}());
  }
  auto pdus = pdu::EncodeSubmit(*a.get("--text"), o);
  if (!pdus) return Fail(out, pdus.error().message);
  for (const pdu::EncodedPdu& p : *pdus) {
    out << json{{"pdu", p.hex}, {"length", p.tpdu_length}, {"encoding", pdu::EncodingName(p.encoding)},
                {"seq", p.seq}, {"total", p.total},        {"ref", p.ref}}
               .dump()
        << "\n";
  }
  return 0;
}

json TimestampJson(const std::optional<pdu::Timestamp>& ts) {
  return ts ? json(pdu::FormatRfc3339(*ts)) : json(nullptr);
}

std::string EncodingOf(const pdu::DecodedPdu& d) {
  if (d.dcs.alphabet == pdu::Alphabet::kGsm7) {
    return d.udh.tables == pdu::Gsm7Tables{} ? "gsm7" : "gsm7-turkish";
  }
  return pdu::AlphabetName(d.dcs.alphabet);
}

json DecodedJson(const pdu::DecodedPdu& d) {
  json j;
  j["type"] = pdu::MessageTypeName(d.type);
  j["smsc"] = d.smsc.value.empty() ? json(nullptr) : json(d.smsc.value);
  const char* party = d.type == pdu::MessageType::kDeliver ? "from" : "to";
  j[party] = d.address.value;
  j[std::string(party) + "_type"] = pdu::AddressKindName(d.address.kind());
  if (d.has_user_data) {
    j["encoding"] = EncodingOf(d);
    if (d.dcs.alphabet == pdu::Alphabet::kEightBit) {
      j["text"] = nullptr;
      j["data"] = pdu::BytesToHex(d.data);
    } else {
      j["text"] = d.text;
    }
    j["class"] = d.dcs.message_class ? json(*d.dcs.message_class) : json(nullptr);
    if (d.udh.concat) {
      j["concat"] = {{"ref", d.udh.concat->ref},
                     {"seq", d.udh.concat->seq},
                     {"total", d.udh.concat->total},
                     {"ref_bits", d.udh.concat->ref16 ? 16 : 8}};
    } else {
      j["concat"] = nullptr;
    }
    if (d.dcs.waiting) {
      j["message_waiting"] = {{"kind", pdu::WaitingKindName(d.dcs.waiting->kind)},
                              {"active", d.dcs.waiting->active},
                              {"store", d.dcs.waiting->store}};
    }
  }
  j["report_requested"] = d.report_requested;
  j["pid"] = d.pid;
  j["dcs"] = d.dcs_octet;
  switch (d.type) {
    case pdu::MessageType::kDeliver:
      j["timestamp"] = TimestampJson(d.scts);
      break;
    case pdu::MessageType::kSubmit:
      j["mr"] = d.message_reference;
      j["validity_minutes"] = d.validity_minutes ? json(*d.validity_minutes) : json(nullptr);
      break;
    case pdu::MessageType::kStatusReport: {
      const pdu::StatusMeaning meaning = pdu::DescribeStatus(d.status);
      j["mr"] = d.message_reference;
      j["timestamp"] = TimestampJson(d.scts);
      j["discharge_time"] = TimestampJson(d.discharge_time);
      j["status"] = pdu::DeliveryOutcomeName(meaning.outcome);
      j["status_code"] = d.status;
      j["status_text"] = meaning.text;
      break;
    }
  }
  return j;
}

int Decode(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto parsed = ParseArguments(args, {}, {});
  if (!parsed) return Usage(err, parsed.error().message);
  if (parsed->positional.size() != 1) return Usage(err, "decode needs exactly one HEX argument");
  auto decoded = pdu::DecodePdu(parsed->positional[0]);
  if (!decoded) return Fail(out, decoded.error().message);
  out << DecodedJson(*decoded).dump() << "\n";
  return 0;
}

int Info(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto parsed = ParseArguments(args, {"--text", "--encoding"}, {"--no-national-shift", "--json"});
  if (!parsed) return Usage(err, parsed.error().message);
  const ParsedArguments& a = *parsed;
  if (!a.positional.empty()) return Usage(err, "unexpected argument '" + a.positional[0] + "'");
  if (!a.get("--text")) return Usage(err, "info needs --text");
  auto options = PlanOptionsFrom(a);
  if (!options) return Fail(out, options.error().message);
  auto plan = pdu::PlanText(*a.get("--text"), *options);
  if (!plan) return Fail(out, plan.error().message);
  const bool septets = plan->encoding == pdu::Encoding::kGsm7 || plan->encoding == pdu::Encoding::kGsm7Turkish;
  if (a.has("--json")) {
    json j{{"encoding", pdu::EncodingName(plan->encoding)},
           {"characters", plan->characters},
           {"segments", plan->segments.size()},
           {"per_segment", plan->units_per_segment},
           {"left", plan->units_left},
           {"octets", plan->octets}};
    j[septets ? "septets" : "code_units"] = plan->units;
    out << j.dump() << "\n";
    return 0;
  }
  const char* unit = septets ? "septets" : "UTF-16 code units";
  out << "encoding:         " << pdu::EncodingName(plan->encoding) << "\n"
      << "characters:       " << plan->characters << "\n"
      << "length:           " << plan->units << " " << unit << " (" << plan->octets << " octets)\n"
      << "segments:         " << plan->segments.size() << "\n"
      << "per segment:      " << plan->units_per_segment << " " << unit << "\n"
      << "left in last:     " << plan->units_left << " " << unit << "\n";
  return 0;
}

}  // namespace

int RunPduCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return Usage(err, "missing subcommand");
  const std::string& sub = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (sub == "encode") return Encode(rest, out, err);
  if (sub == "decode") return Decode(rest, out, err);
  if (sub == "info") return Info(rest, out, err);
  if (sub == "--help" || sub == "-h" || sub == "help") {
    out << kPduUsage;
    return 0;
  }
  return Usage(err, "unknown subcommand '" + sub + "'");
}

}  // namespace tellal::cli

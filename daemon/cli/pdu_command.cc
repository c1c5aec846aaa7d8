#include "daemon/cli/pdu_command.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "daemon/cli/arguments.h"
#include "modem/pdu/hex.h"
#include "modem/pdu/pdu_decoder.h"
#include "modem/pdu/pdu_encoder.h"
#include "modem/pdu/text_planner.h"

namespace tellal::cli {

namespace {

// --encoding and --no-national-shift, which encode and info share.
void AddPlanOptions(CLI::App& app) {
  app.add_option("--encoding", "character set (auto: the fewest segments)")->type_name("auto|gsm7|ucs2");
  AddSwitch(app, "--no-national-shift", "do not use the Turkish national shift tables for GSM 7-bit");
}

}  // namespace

void DeclarePduCommandLine(CLI::App& app) {
  app.description("SMS PDU codec: encode, decode, count segments");
  CLI::App& encode = *app.add_subcommand(
      "encode", R"(one JSON object per segment: {"pdu", "length", "encoding", "seq", "total", "ref"})");
  encode.add_option("--to", "the recipient's number")->type_name("NUMBER");
  encode.add_option("--text", "the message")->type_name("TEXT");
  AddPlanOptions(encode);
  AddSwitch(encode, "--report", "ask for a status report");
  encode.add_option("--smsc", "the service centre's number (default: the SIM's)")->type_name("NUMBER");
  AddSwitch(encode, "--flash", "a class 0 (flash) message");
  encode.add_option("--validity", "relative validity period")->type_name("MINUTES");
  encode.add_option("--ref", "the concatenation reference, 0..255 (default: random)")->type_name("N");

  CLI::App& decode =
      *app.add_subcommand("decode", "one JSON object describing the SMS-DELIVER, SMS-SUBMIT or SMS-STATUS-REPORT");
  decode.add_option("HEX", "the PDU in hexadecimal, with its SMSC address");

  CLI::App& info = *app.add_subcommand("info", "encoding, segments, characters per segment and characters left");
  info.add_option("--text", "the message")->type_name("TEXT");
  AddPlanOptions(info);
  AddSwitch(info, "--json", "print the figures as one JSON object");
}

namespace {

using nlohmann::json;

int Fail(std::ostream& out, const std::string& message) {
  out << json{{"error", message}}.dump() << "\n";
  return 2;
}

int Usage(std::ostream& err, const std::string& message, const CLI::App& app) {
  return ExplainUsage(err, "tellal pdu", message, &app);
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

int Encode(const ParsedArguments& a, const CLI::App& app, std::ostream& out, std::ostream& err) {
  if (!a.positional.empty()) return Usage(err, "unexpected argument '" + a.positional[0] + "'", app);
  if (!a.get("--to")) return Usage(err, "encode needs --to", app);
  if (!a.get("--text")) return Usage(err, "encode needs --text", app);

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

int Decode(const ParsedArguments& a, const CLI::App& app, std::ostream& out, std::ostream& err) {
  if (a.positional.size() != 1) return Usage(err, "decode needs exactly one HEX argument", app);
  auto decoded = pdu::DecodePdu(a.positional[0]);
  if (!decoded) return Fail(out, decoded.error().message);
  out << DecodedJson(*decoded).dump() << "\n";
  return 0;
}

int Info(const ParsedArguments& a, const CLI::App& app, std::ostream& out, std::ostream& err) {
  if (!a.positional.empty()) return Usage(err, "unexpected argument '" + a.positional[0] + "'", app);
  if (!a.get("--text")) return Usage(err, "info needs --text", app);
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
  CLI::App app("", "tellal pdu");
  DeclarePduCommandLine(app);
  int status = kExitUsage;
  const auto parsed = ParseOrExplain(app, args, out, err, &status);
  if (!parsed) return status;
  if (parsed->subcommand == "encode") return Encode(*parsed, app, out, err);
  if (parsed->subcommand == "decode") return Decode(*parsed, app, out, err);
  if (parsed->subcommand == "info") return Info(*parsed, app, out, err);
  if (!parsed->positional.empty()) return Usage(err, "unknown subcommand '" + parsed->positional[0] + "'", app);
  return Usage(err, "missing subcommand", app);
}

}  // namespace tellal::cli

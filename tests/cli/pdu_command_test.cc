#include "daemon/cli/pdu_command.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

using nlohmann::json;
using tellal::cli::RunPduCommand;

namespace {

struct Run {
  int status;
  std::string out;
  std::string err;
};

Run Call(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = RunPduCommand(args, out, err);
  return {status, out.str(), err.str()};
}

std::vector<json> Lines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  return lines;
}

}  // namespace

TEST_CASE("pdu encode prints one JSON object per segment", "[cli]") {
  const Run r = Call({"encode", "--to", "+905321234567", "--text", std::string(200, 'x'), "--ref", "9", "--report"});
  REQUIRE(r.status == 0);
  const auto lines = Lines(r.out);
  REQUIRE(lines.size() == 2);
  for (size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i]["seq"] == i + 1);
    CHECK(lines[i]["total"] == 2);
    CHECK(lines[i]["ref"] == 9);
    CHECK(lines[i]["encoding"] == "gsm7");
    const std::string pdu = lines[i]["pdu"];
    CHECK(lines[i]["length"] == pdu.size() / 2 - 1);  // default SMSC: one octet
    CHECK(pdu.substr(0, 4) == "0061");                // SUBMIT + UDHI + SRR
  }
}

TEST_CASE("pdu encode options reach the PDU", "[cli]") {
  const Run r = Call({"encode", "--to", "+15125551234", "--text", "hellohello", "--validity", "5760", "--ref", "0"});
  REQUIRE(r.status == 0);
  CHECK(Lines(r.out)[0]["pdu"] == "0011000B915121551532F40000AA0AE8329BFD4697D9EC37");

  const Run t = Call({"encode", "--to", "+905321234567", "--text", "ğ", "--no-national-shift", "--flash", "--smsc",
                      "+905320000000", "--ref", "1"});
  REQUIRE(t.status == 0);
  const auto line = Lines(t.out)[0];
  CHECK(line["encoding"] == "ucs2");
  CHECK(line["pdu"] == "079109350200000001000C91093512325476001802011F");
  CHECK(line["length"] == 15);
}

TEST_CASE("pdu encode errors: JSON on stdout, status 2", "[cli]") {
  const Run r = Call({"encode", "--to", "+90abc", "--text", "hi"});
  CHECK(r.status == 2);
  CHECK(json::parse(r.out)["error"] == "TP-DA: '+' must be followed by digits only");
  const Run e = Call({"encode", "--to", "+905321234567", "--text", "😀", "--encoding", "gsm7"});
  CHECK(e.status == 2);
  CHECK(json::parse(e.out)["error"] == "text: character '😀' (U+1F600) at position 0 has no GSM 7-bit encoding");
  const Run v = Call({"encode", "--to", "+905321234567", "--text", "x", "--ref", "256"});
  CHECK(v.status == 2);
  CHECK(json::parse(v.out)["error"] == "ref: 256 is outside 0..255");
  const Run u = Call({"encode", "--text", "x"});
  CHECK(u.status == 2);
  CHECK(u.err.find("encode needs --to") != std::string::npos);
  const Run w = Call({"encode", "--to", "1", "--text", "x", "--bogus"});
  CHECK(w.status == 2);
  CHECK(w.err.find("unknown option --bogus") != std::string::npos);
}

TEST_CASE("pdu decode prints the documented fields", "[cli]") {
  SECTION("deliver") {
    const Run r = Call({"decode", "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07"});
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    CHECK(j["type"] == "deliver");
    CHECK(j["smsc"] == "+31624000000");
    CHECK(j["from"] == "+31641600986");
    CHECK(j["text"] == "How are you?");
    CHECK(j["encoding"] == "gsm7");
    CHECK(j["timestamp"] == "2002-08-26T19:37:41+00:00");
    CHECK(j["class"].is_null());
    CHECK(j["concat"].is_null());
    CHECK(j["report_requested"] == false);
  }
  SECTION("concatenated Turkish part") {
    const Run enc = Call({"encode", "--to", "+905321234567", "--text", std::string(300, 'a') + "ş", "--ref", "77"});
    REQUIRE(enc.status == 0);
    const auto parts = Lines(enc.out);
    REQUIRE(parts.size() == 3);
    const Run r = Call({"decode", parts[2]["pdu"]});
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    CHECK(j["type"] == "submit");
    CHECK(j["to"] == "+905321234567");
    CHECK(j["encoding"] == "gsm7-turkish");
    CHECK(j["concat"] == json{{"ref", 77}, {"seq", 3}, {"total", 3}, {"ref_bits", 8}});
  }
  SECTION("status report") {
    const Run r = Call({"decode", "00062A0C91093512325476621132419180216211324191312146"});
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    CHECK(j["type"] == "status-report");
    CHECK(j["to"] == "+905321234567");
    CHECK(j["mr"] == 42);
    CHECK(j["status"] == "expired");
    CHECK(j["status_code"] == 0x46);
    CHECK(j["timestamp"] == "2026-11-23T14:19:08+03:00");
    CHECK(j["discharge_time"] == "2026-11-23T14:19:13+03:00");
  }
}

TEST_CASE("pdu decode of malformed input exits 2 with an error object", "[cli]") {
  const Run r = Call({"decode", "0791132604"});
  CHECK(r.status == 2);
  CHECK(json::parse(r.out) == json{{"error", "SMSC: length 7 points past the end of the PDU"}});
  CHECK(Call({"decode"}).status == 2);
}

TEST_CASE("pdu info shows the cost before sending", "[cli]") {
  const Run r = Call({"info", "--text", std::string(161, 'a'), "--json"});
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  CHECK(j["encoding"] == "gsm7");
  CHECK(j["segments"] == 2);
  CHECK(j["per_segment"] == 153);
  CHECK(j["left"] == 145);
  CHECK(j["septets"] == 161);

  const Run h = Call({"info", "--text", "Merhaba dünya 😀"});
  REQUIRE(h.status == 0);
  CHECK(h.out.find("encoding:         ucs2") != std::string::npos);
  CHECK(h.out.find("segments:         1") != std::string::npos);
  CHECK(h.out.find("left in last:     54 UTF-16 code units") != std::string::npos);
}

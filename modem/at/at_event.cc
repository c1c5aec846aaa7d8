#include "modem/at/at_event.h"

#include <cstdio>

#include "modem/text/enum_names.h"

namespace tellal::at {
namespace {

// Quotes text and escapes bytes a terminal would not show, so garbage from a
// power glitch stays visible in logs.
std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto uc = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (uc < 0x20 || uc >= 0x7F) {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02X", uc);
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

constexpr text::EnumName<LineRole> kLineRoleNames[] = {
    {LineRole::kText, "text"}, {LineRole::kPduHeader, "pdu-header"}, {LineRole::kPdu, "pdu"}};

constexpr text::EnumName<FinalKind> kFinalKindNames[] = {
    {FinalKind::kOk, "ok"}, {FinalKind::kError, "error"}, {FinalKind::kCmeError, "cme"}, {FinalKind::kCmsError, "cms"}};

constexpr text::EnumName<UrcKind> kUrcKindNames[] = {
    {UrcKind::kUnknown, "unknown"},
    // TS 27.005 §3.4.1 new-message and status-report indications.
    {UrcKind::kCmti, "cmti"},
    {UrcKind::kCdsi, "cdsi"},
    {UrcKind::kCmt, "cmt"},
    {UrcKind::kCds, "cds"},
    // TS 27.007 registration and calls.
    {UrcKind::kCreg, "creg"},
    {UrcKind::kCgreg, "cgreg"},
    {UrcKind::kCereg, "cereg"},
    {UrcKind::kRing, "ring"},
    {UrcKind::kClip, "clip"},
    // Vendor status lines (Huawei ^RSSI/^MODE/^BOOT/^SRVST, SIMCom boot).
    {UrcKind::kRssi, "rssi"},
    {UrcKind::kMode, "mode"},
    {UrcKind::kBoot, "boot"},
    {UrcKind::kSrvst, "srvst"},
    {UrcKind::kSmsReady, "sms-ready"},
    {UrcKind::kCallReady, "call-ready"},
    // SIM and storage.
    {UrcKind::kCpin, "cpin"},
    {UrcKind::kMemoryFull, "memory-full"},
    {UrcKind::kOther, "other"},
};

std::string_view ToString(LineRole role) { return text::NameOf(kLineRoleNames, role, "text"); }
std::string_view ToString(FinalKind kind) { return text::NameOf(kFinalKindNames, kind, "error"); }

struct Renderer {
  std::string operator()(const Line& e) const {
    return "Line{" + std::string(ToString(e.role)) + " " + Quote(e.text) + "}";
  }
  std::string operator()(const Final& e) const {
    return "Final{" + std::string(ToString(e.kind)) + " " + std::to_string(e.code) + " " + Quote(e.text) + "}";
  }
  std::string operator()(const Prompt&) const { return "Prompt{}"; }
  std::string operator()(const Urc& e) const {
    std::string out = "Urc{" + std::string(ToString(e.kind)) + " " + Quote(e.name);
    for (const std::string& line : e.lines) out += " " + Quote(line);
    return out + "}";
  }
  std::string operator()(const Overflow& e) const { return "Overflow{" + std::to_string(e.limit) + "}"; }
};

}  // namespace

std::string_view ToString(UrcKind kind) { return text::NameOf(kUrcKindNames, kind, "unknown"); }

std::string ToString(const AtEvent& event) { return std::visit(Renderer{}, event); }

}  // namespace tellal::at

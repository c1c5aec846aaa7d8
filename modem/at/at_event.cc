#include "modem/at/at_event.h"

#include <cstdio>

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

std::string_view ToString(LineRole role) {
  switch (role) {
    case LineRole::kText:
      return "text";
    case LineRole::kPduHeader:
      return "pdu-header";
    case LineRole::kPdu:
      return "pdu";
  }
  return "text";
}

std::string_view ToString(FinalKind kind) {
  switch (kind) {
    case FinalKind::kOk:
      return "ok";
    case FinalKind::kError:
      return "error";
    case FinalKind::kCmeError:
      return "cme";
    case FinalKind::kCmsError:
      return "cms";
  }
  return "error";
}

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

std::string_view ToString(UrcKind kind) {
  switch (kind) {
    case UrcKind::kUnknown:
      return "unknown";
    case UrcKind::kCmti:
      return "cmti";
    case UrcKind::kCdsi:
      return "cdsi";
    case UrcKind::kCmt:
      return "cmt";
    case UrcKind::kCds:
      return "cds";
    case UrcKind::kCreg:
      return "creg";
    case UrcKind::kCgreg:
      return "cgreg";
    case UrcKind::kCereg:
      return "cereg";
    case UrcKind::kRing:
      return "ring";
    case UrcKind::kClip:
      return "clip";
    case UrcKind::kRssi:
      return "rssi";
    case UrcKind::kMode:
      return "mode";
    case UrcKind::kBoot:
      return "boot";
    case UrcKind::kSrvst:
      return "srvst";
    case UrcKind::kSmsReady:
      return "sms-ready";
    case UrcKind::kCallReady:
      return "call-ready";
    case UrcKind::kCpin:
      return "cpin";
    case UrcKind::kMemoryFull:
      return "memory-full";
    case UrcKind::kOther:
      return "other";
  }
  return "unknown";
}

std::string ToString(const AtEvent& event) { return std::visit(Renderer{}, event); }

}  // namespace tellal::at

#include "web/api/contact_fields.h"

namespace tellal::web {
namespace {

bool HasControl(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

std::optional<std::string> LengthProblem(std::string_view s, std::size_t max, bool may_be_empty) {
  if (!may_be_empty && s.empty()) return "is empty";
  if (s.size() > max) return "is longer than " + std::to_string(max) + " bytes";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> GroupNameProblem(std::string_view name) {
  if (auto p = LengthProblem(name, kMaxGroupNameBytes, false)) return p;
  if (HasControl(name)) return "holds a control character";
  if (name.find_first_of("/|") != std::string_view::npos) return "may not hold '/' or '|'";
  return std::nullopt;
}

std::optional<std::string> AttributeKeyProblem(std::string_view key) {
  if (auto p = LengthProblem(key, kMaxAttributeKeyBytes, false)) return p;
  if (HasControl(key)) return "holds a control character";
  if (key.find_first_of("=&") != std::string_view::npos) return "may not hold '=' or '&'";
  return std::nullopt;
}

std::optional<std::string> AttributeValueProblem(std::string_view value) {
  return LengthProblem(value, kMaxAttributeValueBytes, true);
}

std::optional<std::string> NameProblem(std::string_view name) {
  if (auto p = LengthProblem(name, kMaxNameBytes, true)) return p;
  if (HasControl(name)) return "holds a control character";
  return std::nullopt;
}

}  // namespace tellal::web

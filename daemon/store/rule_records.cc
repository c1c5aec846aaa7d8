#include "daemon/store/rule_records.h"

#include <array>
#include <cstddef>

namespace tellal::store {
namespace {

// In the enums' order; also the values stored in rules.match and actions.
constexpr std::array<const char*, 3> kMatchNames = {"keyword", "regex", "any"};
constexpr std::array<const char*, 5> kActionNames = {"reply", "tag", "untag", "webhook", "poll_vote"};

template <typename Enum, size_t N>
std::optional<Enum> ParseName(const std::array<const char*, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

const char* RuleMatchName(RuleMatch m) { return kMatchNames[static_cast<size_t>(m)]; }
std::optional<RuleMatch> ParseRuleMatch(std::string_view name) { return ParseName<RuleMatch>(kMatchNames, name); }

const char* RuleActionTypeName(RuleActionType t) { return kActionNames[static_cast<size_t>(t)]; }
std::optional<RuleActionType> ParseRuleActionType(std::string_view name) {
  return ParseName<RuleActionType>(kActionNames, name);
}

}  // namespace tellal::store

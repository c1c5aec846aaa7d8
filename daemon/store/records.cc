#include "daemon/store/records.h"

#include <array>
#include <cstddef>

namespace tellal::store {
namespace {

constexpr std::array<const char*, 3> kPriorityNames = {"otp", "normal", "bulk"};
constexpr std::array<const char*, 9> kStateNames = {"queued",  "sending",   "sent",    "delivered", "failed",
                                                    "expired", "cancelled", "unknown", "suppressed"};
constexpr std::array<const char*, 2> kCategoryNames = {"informational", "commercial"};

}  // namespace

const char* PriorityName(Priority p) { return kPriorityNames[static_cast<size_t>(p)]; }

std::optional<Priority> ParsePriority(std::string_view name) {
  for (size_t i = 0; i < kPriorityNames.size(); ++i) {
    if (name == kPriorityNames[i]) return static_cast<Priority>(i);
  }
  return std::nullopt;
}

const char* MessageStateName(MessageState s) { return kStateNames[static_cast<size_t>(s)]; }

std::optional<MessageState> ParseMessageState(std::string_view name) {
  for (size_t i = 0; i < kStateNames.size(); ++i) {
    if (name == kStateNames[i]) return static_cast<MessageState>(i);
  }
  return std::nullopt;
}

const char* CategoryName(Category c) { return kCategoryNames[static_cast<size_t>(c)]; }

std::optional<Category> ParseCategory(std::string_view name) {
  for (size_t i = 0; i < kCategoryNames.size(); ++i) {
    if (name == kCategoryNames[i]) return static_cast<Category>(i);
  }
  return std::nullopt;
}

}  // namespace tellal::store

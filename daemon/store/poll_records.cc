#include "daemon/store/poll_records.h"

namespace tellal::store {

const char* VotesPerNumberName(VotesPerNumber v) { return v == VotesPerNumber::kOnce ? "once" : "last"; }

std::optional<VotesPerNumber> ParseVotesPerNumber(std::string_view name) {
  if (name == "once") return VotesPerNumber::kOnce;
  if (name == "last") return VotesPerNumber::kLast;
  return std::nullopt;
}

}  // namespace tellal::store

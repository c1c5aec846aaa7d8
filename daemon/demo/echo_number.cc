#include "daemon/demo/echo_number.h"

namespace tellal::demo {

std::optional<std::string> EchoNumber::Accept(const pdu::DecodedPdu& submitted) {
  if (submitted.address.value != kEchoNumber) return std::nullopt;
  const auto& concat = submitted.udh.concat;
  if (!concat || concat->total <= 1) return std::string(kEchoPrefix) + submitted.text;
  auto& set = parts_[{concat->ref, concat->total}];
  // A part sent again (a retry after a lost +CMGS) replaces itself.
  set[concat->seq] = submitted.text;
  if (set.size() < concat->total) return std::nullopt;
  std::string text;
  for (const auto& [seq, part] : set) text += part;
  parts_.erase({concat->ref, concat->total});
  return std::string(kEchoPrefix) + text;
}

}  // namespace tellal::demo

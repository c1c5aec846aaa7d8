#include "web/api/api_auth.h"
#include "modem/text/ascii.h"

#include <cctype>

namespace tellal::web {

bool ConstantTimeEquals(std::string_view given, std::string_view secret) {
  // Every byte of `given` is compared (against the secret repeated), so the
  // loop never ends at the first difference nor at the secret's length.
  unsigned char difference = given.size() == secret.size() ? 0 : 1;
  if (secret.empty()) return given.empty();
  for (std::size_t i = 0; i < given.size(); ++i) {
    difference |= static_cast<unsigned char>(given[i] ^ secret[i % secret.size()]);
  }
  // Keeps the compiler from turning the accumulation into an early exit.
  asm volatile("" : "+r"(difference));
  return difference == 0;
}

BearerCheck CheckBearer(const std::map<std::string, std::string>& headers, std::string_view token) {
  auto it = headers.find("authorization");
  if (it == headers.end()) return BearerCheck::kMissing;
  std::string_view value = it->second;
  constexpr std::string_view kScheme = "bearer";
  if (value.size() <= kScheme.size() || !text::EqualsIgnoreCase(value.substr(0, kScheme.size()), kScheme)) {
    return BearerCheck::kMissing;
  }
  if (value[kScheme.size()] != ' ') return BearerCheck::kMissing;
  value.remove_prefix(kScheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return BearerCheck::kMissing;
  return ConstantTimeEquals(value, token) ? BearerCheck::kAccepted : BearerCheck::kWrong;
}

}  // namespace tellal::web

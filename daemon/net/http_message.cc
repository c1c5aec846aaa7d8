#include "daemon/net/http_message.h"

#include "modem/text/ascii.h"

namespace tellal::net {

std::optional<std::string> FindHeader(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (text::EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

}  // namespace tellal::net

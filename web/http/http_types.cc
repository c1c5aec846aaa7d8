#include "web/http/http_types.h"

namespace tellal::web {

const std::string* HttpRequest::header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? nullptr : &it->second;
}

std::optional<std::string> HttpRequest::QueryValue(std::string_view name) const {
  // multimap keeps equal keys in insertion order, so this is the first sent.
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

}  // namespace tellal::web

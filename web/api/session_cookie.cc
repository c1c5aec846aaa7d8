#include "web/api/session_cookie.h"

namespace tellal::web {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Attributes(bool secure) { return std::string("; HttpOnly; SameSite=Strict; Path=/") + (secure ? "; Secure" : ""); }

}  // namespace

std::optional<std::string> FindCookie(std::string_view cookie_header, std::string_view name) {
  size_t pos = 0;
  while (pos <= cookie_header.size()) {
    size_t end = cookie_header.find(';', pos);
    if (end == std::string_view::npos) end = cookie_header.size();
    const std::string_view pair = Trim(cookie_header.substr(pos, end - pos));
    pos = end + 1;
    const size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    if (Trim(pair.substr(0, equals)) != name) continue;
    std::string_view value = Trim(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return std::nullopt;
}

std::string SessionSetCookie(std::string_view session_id, bool secure) {
  return std::string(kSessionCookieName) + "=" + std::string(session_id) + Attributes(secure);
}

std::string ClearedSessionSetCookie(bool secure) {
  return std::string(kSessionCookieName) + "=; Max-Age=0" + Attributes(secure);
}

}  // namespace tellal::web

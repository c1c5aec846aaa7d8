// The panel's session cookie: finding it among a request's cookies, and the
// Set-Cookie values that give and clear it.
//
// Pure functions, safe from any thread.
#ifndef TELLAL_WEB_API_SESSION_COOKIE_H_
#define TELLAL_WEB_API_SESSION_COOKIE_H_

#include <optional>
#include <string>
#include <string_view>

namespace tellal::web {

inline constexpr std::string_view kSessionCookieName = "tellal_session";

// The value of cookie `name` in a Cookie header ("a=1; tellal_session=xyz;
// b=2", RFC 6265 §5.4: pairs separated by ";" with optional spaces; a
// value in double quotes is returned without them). The first pair with
// that exact name wins, as browsers send the most specific cookie first.
// Pairs without "=" are skipped. Nothing when absent.
std::optional<std::string> FindCookie(std::string_view cookie_header, std::string_view name);

// "tellal_session=<id>; HttpOnly; SameSite=Strict; Path=/" (+ "; Secure"
// when the API is served over TLS). No Max-Age: the cookie ends with the
// browser session and the server forgets the session sooner anyway.
std::string SessionSetCookie(std::string_view session_id, bool secure);
// The same cookie emptied and expired (Max-Age=0), for logout.
std::string ClearedSessionSetCookie(bool secure);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_SESSION_COOKIE_H_

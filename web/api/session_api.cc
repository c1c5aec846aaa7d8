#include "web/api/session_api.h"

#include <array>
#include <nlohmann/json.hpp>
#include <string>

#include "daemon/text/rfc3339.h"
#include "web/api/api_json.h"
#include "web/api/json_members.h"
#include "web/api/session_cookie.h"
#include "web/api/session_password.h"

namespace tellal::web {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 1> kLoginMembers = {"password"};

HttpResponse Fail(const ApiError& error) { return ErrorResponse(error); }

ApiError Make(int status, std::string code, std::string message, std::optional<std::string> field = std::nullopt) {
  ApiError e;
  e.status = status;
  e.code = std::move(code);
  e.message = std::move(message);
  e.field = std::move(field);
  return e;
}

// Whole seconds, rounded up: Retry-After (RFC 9110 §10.2.3) has no
// fractions, and rounding down would invite a retry that is refused again.
ApiError TooManyAttempts(store::Millis wait, std::string message) {
  ApiError e = Make(429, "too_many_attempts", std::move(message));
  e.headers.emplace_back("Retry-After", std::to_string((wait + 999) / 1000));
  return e;
}

std::optional<Session> SessionOf(const HttpRequest& request, SessionStore& sessions) {
  const std::string* cookies = request.header("cookie");
  if (cookies == nullptr) return std::nullopt;
  auto id = FindCookie(*cookies, kSessionCookieName);
  if (!id) return std::nullopt;
  return sessions.Find(*id);
}

json SessionJson(const Session& s) {
  return json{{"csrf_token", s.csrf_token}, {"expires_at", text::FormatRfc3339Local(s.expires_at)}};
}

bool IsReadOnly(const std::string& method) { return method == "GET" || method == "HEAD"; }

bool SecureCookies(const Call& c) { return c.settings.panel_secure_cookies; }

}  // namespace

ApiError CsrfRefused() { return Make(403, "csrf_refused", "missing or wrong CSRF token", "X-CSRF-Token"); }

CookieCheck CheckSessionCookie(const HttpRequest& request, SessionStore& sessions) {
  auto session = SessionOf(request, sessions);
  if (!session) return CookieCheck::kAbsent;
  if (IsReadOnly(request.method) || CsrfTokenMatches(*session, request.header("x-csrf-token")))
    return CookieCheck::kAccepted;
  return CookieCheck::kCsrfRefused;
}

HttpResponse PostSession(const Call& c) {
  PanelAuth& panel = *c.panel;
  auto body = ObjectBody(c.request, kLoginMembers);
  if (!body) return Fail(body.error());
  auto password = RequiredString(*body, "password");
  if (!password) return Fail(password.error());
  if (c.settings.panel_password_file.empty())
    return Fail(Make(503, "no_panel_password", "no panel password: run 'tellal passwd'"));

  if (const store::Millis wait = panel.limiter.WaitFor(c.request.remote); wait > 0)
    return Fail(TooManyAttempts(wait, "too many wrong passwords from this address; try again later"));
  if (!panel.verifications.try_acquire())
    return Fail(TooManyAttempts(1000, "other logins are being checked; try again in a moment"));
  auto checked = CheckPanelPassword(c.settings.panel_password_file, *password);
  panel.verifications.release();

  if (!checked) return Fail(ApiError::Internal(checked.error().message));
  switch (*checked) {
    case PasswordCheck::kNotSet:
      return Fail(Make(503, "no_panel_password", "no panel password: run 'tellal passwd'"));
    case PasswordCheck::kWrong:
      panel.limiter.RecordFailure(c.request.remote);
      return Fail(Make(401, "wrong_password", "wrong password", "password"));
    case PasswordCheck::kAccepted:
      break;
  }
  panel.limiter.RecordSuccess(c.request.remote);
  auto session = panel.sessions.Create();
  if (!session) return Fail(ApiError::Internal(session.error().message));
  HttpResponse response = JsonResponse(200, SessionJson(*session));
  response.headers.emplace_back("Set-Cookie", SessionSetCookie(session->id, SecureCookies(c)));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

HttpResponse GetSession(const Call& c) {
  auto session = SessionOf(c.request, c.panel->sessions);
  if (!session) return Fail(Make(401, "not_logged_in", "no session: log in with POST /api/v1/session"));
  HttpResponse response = JsonResponse(200, SessionJson(*session));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

HttpResponse DeleteSession(const Call& c) {
  if (auto session = SessionOf(c.request, c.panel->sessions)) {
    if (!CsrfTokenMatches(*session, c.request.header("x-csrf-token"))) return Fail(CsrfRefused());
    c.panel->sessions.Remove(session->id);
  }
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  response.headers.emplace_back("Set-Cookie", ClearedSessionSetCookie(SecureCookies(c)));
  return response;
}

}  // namespace tellal::web

// The panel's login: POST/GET/DELETE /api/v1/session, and the session
// cookie as a credential for the token-protected routes.
//
// POST checks the password against <state_dir>/panel-password
// (session_password.h) on the HTTP connection's thread (Argon2id takes
// 0.1-0.5 s; it never touches the daemon's io thread). At most
// kConcurrentVerifications run at once; a login beyond that is answered 429
// at once instead of queueing memory-hungry hashes. Failures are counted
// per client address (session_login_limiter.h).
//
// With a cookie instead of a bearer token, any method other than GET and
// HEAD must carry X-CSRF-Token with the session's token: a page on another
// site can make the browser send the cookie, but cannot read the token.
// SameSite=Strict is the first line; this is the second.
//
// Thread safety: PanelAuth's members are safe to use from many threads.
#ifndef TELLAL_WEB_API_SESSION_API_H_
#define TELLAL_WEB_API_SESSION_API_H_

#include <optional>
#include <semaphore>

#include "web/api/api_call.h"
#include "web/api/api_errors.h"
#include "web/api/session_login_limiter.h"
#include "web/api/session_store.h"

namespace tellal::web {

struct PanelAuth {
  static constexpr int kConcurrentVerifications = 2;

  explicit PanelAuth(const SessionStore::Clock& clock) : sessions(clock), limiter(clock) {}

  SessionStore sessions;
  LoginLimiter limiter;
  std::counting_semaphore<kConcurrentVerifications> verifications{kConcurrentVerifications};
};

enum class CookieCheck {
  kAbsent,       // no session cookie, or one naming no live session
  kAccepted,     // a live session, and the CSRF rule is met
  kCsrfRefused,  // a live session, a state-changing method, no or a wrong X-CSRF-Token
};

// Judges the request's session cookie as a credential.
CookieCheck CheckSessionCookie(const HttpRequest& request, SessionStore& sessions);

// 403 {"error":{"code":"csrf_refused",...,"field":"X-CSRF-Token"}}.
ApiError CsrfRefused();

// The handlers; c.panel must be set (the router owns it).
HttpResponse PostSession(const Call& c);
HttpResponse GetSession(const Call& c);
HttpResponse DeleteSession(const Call& c);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_SESSION_API_H_

#include "web/api/session_api.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "api_test_support.h"
#include "fake_backend.h"
#include "web/api/api_router.h"
#include "web/api/session_password.h"

namespace tellal::web {
namespace {

using namespace tellal::web::testing;
using nlohmann::json;

constexpr const char* kPassword = "parola-1234";

// A router whose panel password file holds kPassword, on a clock the test
// steps.
struct Panel {
  std::string dir;
  store::Millis now = kNow;
  FakeBackend backend;
  std::unique_ptr<ApiRouter> router;

  explicit Panel(bool with_password = true, ApiSettings settings = TestSettings()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "tellal-session-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir = pattern;
    settings.panel_password_file = dir + "/panel-password";
    if (with_password) {
      REQUIRE(WritePanelPasswordFile(settings.panel_password_file, HashPanelPassword(kPassword).value()));
    }
    router = std::make_unique<ApiRouter>(backend, std::move(settings), [this] { return now; });
  }
  ~Panel() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }

  HttpResponse Login(const std::string& password, const std::string& remote = "192.0.2.7:40000") {
    HttpRequest r = PostJson("/api/v1/session", json{{"password", password}}.dump(), nullptr);
    r.remote = remote;
    return router->Handle(r);
  }
};

struct LoggedIn {
  std::string cookie;  // "tellal_session=..."
  std::string csrf;
};

LoggedIn LogIn(Panel& p) {
  HttpResponse r = p.Login(kPassword);
  INFO(r.body);
  REQUIRE(r.status == 200);
  const std::string set_cookie = Header(r, "Set-Cookie");
  REQUIRE(set_cookie.starts_with("tellal_session="));
  return LoggedIn{set_cookie.substr(0, set_cookie.find(';')), Json(r)["csrf_token"].get<std::string>()};
}

HttpRequest WithCookie(HttpRequest r, const LoggedIn& s, bool csrf) {
  r.headers.erase("authorization");
  r.headers["cookie"] = "lang=tr; " + s.cookie + "; theme=dark";
  if (csrf) r.headers["x-csrf-token"] = s.csrf;
  return r;
}

TEST_CASE("Login with the right password sets an HttpOnly SameSite=Strict cookie and returns the CSRF token") {
  Panel p;
  HttpResponse r = p.Login(kPassword);
  REQUIRE(r.status == 200);
  const std::string cookie = Header(r, "Set-Cookie");
  CHECK(cookie.size() == std::string("tellal_session=").size() + 43 + std::string("; HttpOnly; SameSite=Strict; Path=/").size());
  CHECK(cookie.ends_with("; HttpOnly; SameSite=Strict; Path=/"));
  json body = Json(r);
  CHECK(body["csrf_token"].get<std::string>().size() == 43);
  CHECK(body["expires_at"].is_string());
  CHECK(body.size() == 2);
  CHECK(Header(r, "Cache-Control") == "no-store");
}

TEST_CASE("With TLS the cookie is Secure") {
  ApiSettings s = TestSettings();
  s.panel_secure_cookies = true;
  Panel p(true, s);
  CHECK(Header(p.Login(kPassword), "Set-Cookie").ends_with("; Secure"));
}

TEST_CASE("A wrong password is a 401 naming the password field") {
  Panel p;
  json e = ErrorOf(p.Login("parola-12345"), 401, "wrong_password");
  CHECK(e["field"] == "password");
  CHECK(e["message"] == "wrong password");
}

TEST_CASE("Without a password file login is a 503 that says to run tellal passwd") {
  Panel p(false);
  json e = ErrorOf(p.Login(kPassword), 503, "no_panel_password");
  CHECK(e["message"] == "no panel password: run 'tellal passwd'");
}

TEST_CASE("A login body without a string password is a 400 naming it") {
  Panel p;
  auto [body, code] = GENERATE(table<std::string, std::string>({
      {"{}", "missing_field"},
      {R"({"password": 5})", "invalid_field"},
      {R"({"password": "x", "user": "admin"})", "unknown_field"},
  }));
  INFO(body);
  HttpResponse r = p.router->Handle(PostJson("/api/v1/session", body, nullptr));
  CHECK(r.status == 400);
  CHECK(Json(r)["error"]["code"] == code);
}

TEST_CASE("The cookie is accepted for reads on token-protected routes without CSRF") {
  Panel p;
  LoggedIn s = LogIn(p);
  CHECK(p.router->Handle(WithCookie(Get("/api/v1/modems"), s, false)).status == 200);
  CHECK(p.router->Handle(WithCookie(Get("/metrics"), s, false)).status == 200);
  CHECK(p.router->Handle(WithCookie(Get("/api/v1/session"), s, false)).status == 200);
  CHECK(Json(p.router->Handle(WithCookie(Get("/api/v1/session"), s, false)))["csrf_token"] == s.csrf);
}

TEST_CASE("A state-changing request with the cookie needs the X-CSRF-Token") {
  Panel p;
  LoggedIn s = LogIn(p);
  const std::string body = R"({"to": "05321234567", "text": "Merhaba"})";
  json e = ErrorOf(p.router->Handle(WithCookie(PostJson("/api/v1/messages", body), s, false)), 403, "csrf_refused");
  CHECK(e["field"] == "X-CSRF-Token");
  CHECK(e["message"] == "missing or wrong CSRF token");
  HttpRequest wrong = WithCookie(PostJson("/api/v1/messages", body), s, false);
  wrong.headers["x-csrf-token"] = s.csrf.substr(1) + "A";
  ErrorOf(p.router->Handle(wrong), 403, "csrf_refused");
  // Screening (before the body is read) refuses it the same way.
  auto screened = p.router->Screen(WithCookie(PostJson("/api/v1/messages", ""), s, false));
  REQUIRE(screened);
  CHECK(screened->status == 403);
  CHECK(p.router->Handle(WithCookie(PostJson("/api/v1/messages", body), s, true)).status == 202);
}

TEST_CASE("Without a cookie or token the API still answers 401, and a bad cookie is no credential") {
  Panel p;
  CHECK(p.router->Handle(Get("/api/v1/modems", {}, nullptr)).status == 401);
  HttpRequest forged = Get("/api/v1/modems", {}, nullptr);
  forged.headers["cookie"] = "tellal_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  CHECK(p.router->Handle(forged).status == 401);
  CHECK(p.router->Handle(Get("/api/v1/session", {}, nullptr)).status == 401);
}

TEST_CASE("An Authorization header is judged alone: a wrong token is not rescued by a cookie") {
  Panel p;
  LoggedIn s = LogIn(p);
  HttpRequest r = WithCookie(Get("/api/v1/modems"), s, true);
  r.headers["authorization"] = "Bearer wrong";
  CHECK(p.router->Handle(r).status == 401);
}

TEST_CASE("The cookie is not a Kannel credential") {
  Panel p;
  LoggedIn s = LogIn(p);
  HttpRequest r = WithCookie(Get("/cgi-bin/sendsms", {{"to", "05321234567"}, {"text", "x"}}), s, true);
  CHECK(p.router->Handle(r).status == 403);
}

TEST_CASE("Logout needs the CSRF token, ends the session and clears the cookie") {
  Panel p;
  LoggedIn s = LogIn(p);
  ErrorOf(p.router->Handle(WithCookie(Request("DELETE", "/api/v1/session", nullptr), s, false)), 403, "csrf_refused");
  CHECK(p.router->Handle(WithCookie(Get("/api/v1/modems"), s, false)).status == 200);
  HttpResponse out = p.router->Handle(WithCookie(Request("DELETE", "/api/v1/session", nullptr), s, true));
  CHECK(out.status == 204);
  CHECK(Header(out, "Set-Cookie") == "tellal_session=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/");
  CHECK(p.router->Handle(WithCookie(Get("/api/v1/modems"), s, false)).status == 401);
  CHECK(p.router->Handle(WithCookie(Get("/api/v1/session"), s, false)).status == 401);
  // Logging out again (no live session) is harmless.
  CHECK(p.router->Handle(WithCookie(Request("DELETE", "/api/v1/session", nullptr), s, true)).status == 204);
}

TEST_CASE("The cookie stops working when the session expires") {
  Panel p;
  LoggedIn s = LogIn(p);
  p.now += SessionStore::kDefaultLifetime - 1;
  CHECK(p.router->Handle(WithCookie(Get("/api/v1/modems"), s, false)).status == 200);
  p.now += 1;
  CHECK(p.router->Handle(WithCookie(Get("/api/v1/modems"), s, false)).status == 401);
}

TEST_CASE("After five wrong passwords an address gets 429 with a growing Retry-After, others do not") {
  Panel p;
  for (int i = 0; i < LoginLimiter::kFreeFailures; ++i) CHECK(p.Login("wrong-password").status == 401);
  CHECK(p.Login("wrong-password").status == 401);  // the sixth is checked, and locks for 2 s
  HttpResponse locked = p.Login(kPassword);
  ErrorOf(locked, 429, "too_many_attempts");
  CHECK(Header(locked, "Retry-After") == "2");
  CHECK(p.Login(kPassword, "192.0.2.99:1").status == 200);  // another client
  p.now += 2000;
  CHECK(p.Login("wrong-password").status == 401);
  CHECK(Header(p.Login(kPassword), "Retry-After") == "4");
  p.now += 4000;
  CHECK(p.Login(kPassword).status == 200);
  CHECK(p.Login("wrong-password").status == 401);  // the record was cleared by the success
  CHECK(p.Login(kPassword).status == 200);
}

TEST_CASE("Logins beyond the concurrent verifications are refused at once with Retry-After") {
  Panel p;
  HttpRequest r = PostJson("/api/v1/session", json{{"password", kPassword}}.dump(), nullptr);
  // Hold every slot, as verifications in progress on other threads would.
  PanelAuth& auth = p.router->panel_auth();
  for (int i = 0; i < PanelAuth::kConcurrentVerifications; ++i) REQUIRE(auth.verifications.try_acquire());
  HttpResponse busy = p.router->Handle(r);
  ErrorOf(busy, 429, "too_many_attempts");
  CHECK(Header(busy, "Retry-After") == "1");
  auth.verifications.release(PanelAuth::kConcurrentVerifications);
  CHECK(p.router->Handle(r).status == 200);
}

}  // namespace
}  // namespace tellal::web

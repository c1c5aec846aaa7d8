#include "web/api/session_cookie.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>

namespace tellal::web {
namespace {

TEST_CASE("FindCookie picks the session cookie out of a Cookie header with several cookies") {
  using Expect = std::optional<std::string>;
  auto [header, expected] = GENERATE(table<std::string, Expect>({
      {"tellal_session=abc", Expect("abc")},
      {"theme=dark; tellal_session=abc; lang=tr", Expect("abc")},
      {"theme=dark;tellal_session=abc;lang=tr", Expect("abc")},
      {"  tellal_session = abc  ", Expect("abc")},
      {"tellal_session=\"abc\"", Expect("abc")},
      {"tellal_session=first; tellal_session=second", Expect("first")},
      {"x_tellal_session=abc; tellal_session_old=def", std::nullopt},
      {"Tellal_Session=abc", std::nullopt},
      {"tellal_session; other=1", std::nullopt},
      {"tellal_session=", Expect("")},
      {"a=b=c; tellal_session=v=w", Expect("v=w")},
      {"", std::nullopt},
      {";;; ;", std::nullopt},
  }));
  INFO(header);
  CHECK(FindCookie(header, kSessionCookieName) == expected);
}

TEST_CASE("The session cookie is HttpOnly, SameSite=Strict, for the whole site, Secure only with TLS") {
  CHECK(SessionSetCookie("id1", false) == "tellal_session=id1; HttpOnly; SameSite=Strict; Path=/");
  CHECK(SessionSetCookie("id1", true) == "tellal_session=id1; HttpOnly; SameSite=Strict; Path=/; Secure");
  CHECK(ClearedSessionSetCookie(false) == "tellal_session=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/");
  CHECK(ClearedSessionSetCookie(true) == "tellal_session=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/; Secure");
}

}  // namespace
}  // namespace tellal::web

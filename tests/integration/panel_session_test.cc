// The panel's login against the real tellald: the password set with the
// real `tellal passwd` (read from stdin), the session cookie as a
// credential for the API with the CSRF rule, logout, and the bearer token
// and Kannel routes unchanged beside it.
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <string>

#include "daemon_harness.h"
#include "process_tools.h"

namespace tellal::integration {
namespace {

constexpr const char* kPassword = "dükkan-parolası-7";

// Runs `tellal passwd --config <config>` with `input` on its stdin; its exit
// status. The shell starts it behind TELLAL_TEST_EXEC_WRAPPER when that is
// set (ExecArgv: the arm64 tests under qemu).
int RunPasswd(const std::string& config, const std::string& input) {
  std::string command;
  for (const std::string& word : ExecArgv({TELLAL_CLI_PATH, "passwd", "--config", config})) {
    command += "'" + word + "' ";
  }
  command += ">/dev/null";
  FILE* pipe = ::popen(command.c_str(), "w");
  REQUIRE(pipe != nullptr);
  ::fwrite(input.data(), 1, input.size(), pipe);
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

ApiReply Login(DaemonHarness& d, const std::string& password) {
  return d.RawRequest("POST", "/api/v1/session", json{{"password", password}}.dump(),
                      {{"Content-Type", "application/json"}});
}

net::HttpHeaders CookieHeaders(const std::string& cookie, const std::string& csrf = "") {
  net::HttpHeaders h{{"Cookie", cookie}};
  if (!csrf.empty()) h.emplace_back("X-CSRF-Token", csrf);
  return h;
}

const char* const kKannelIni = "kannel_username = shop\nkannel_password = s3cret";

TEST_CASE("The panel logs in with the password tellal passwd stored, and its cookie works like the token") {
  DaemonHarness d(HarnessOptions().Modems(1).HttpIni(kKannelIni));

  // No password yet: the panel says how to set one.
  ApiReply none = Login(d, kPassword);
  CHECK(none.status == 503);
  CHECK(none.body["error"]["message"] == "no panel password: run 'tellal passwd'");

  // Set it with the real CLI, piping the password; no restart follows.
  REQUIRE(RunPasswd(d.config_path(), std::string(kPassword) + "\n") == 0);
  struct stat info {};
  REQUIRE(::stat((d.dir() + "/state/panel-password").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(RunPasswd(d.config_path(), "short\n") != 0);  // refused, the stored one stays

  ApiReply wrong = Login(d, "yanlış-parola");
  CHECK(wrong.status == 401);
  CHECK(wrong.body["error"]["field"] == "password");

  ApiReply ok = Login(d, kPassword);
  REQUIRE(ok.status == 200);
  const std::string set_cookie = ok.Header("Set-Cookie").value_or("");
  CHECK(set_cookie.find("; HttpOnly") != std::string::npos);
  CHECK(set_cookie.find("; SameSite=Strict") != std::string::npos);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  const std::string csrf = ok.body["csrf_token"].get<std::string>();
  CHECK(set_cookie.find(d.token()) == std::string::npos);
  CHECK(ok.raw.find(d.token()) == std::string::npos);  // the API token never reaches the browser

  CHECK(d.RawRequest("GET", "/api/v1/session", "", CookieHeaders(cookie)).body["csrf_token"] == csrf);
  CHECK(d.RawRequest("GET", "/api/v1/modems", "", CookieHeaders(cookie)).status == 200);

  const std::string message = json{{"to", "05321234567"}, {"text", "Panelden merhaba"}}.dump();
  net::HttpHeaders no_csrf = CookieHeaders(cookie);
  no_csrf.emplace_back("Content-Type", "application/json");
  ApiReply refused = d.RawRequest("POST", "/api/v1/messages", message, no_csrf);
  CHECK(refused.status == 403);
  CHECK(refused.body["error"]["field"] == "X-CSRF-Token");
  net::HttpHeaders with_csrf = CookieHeaders(cookie, csrf);
  with_csrf.emplace_back("Content-Type", "application/json");
  ApiReply sent = d.RawRequest("POST", "/api/v1/messages", message, with_csrf);
  CHECK(sent.status == 202);
  CHECK(DaemonHarness::WaitUntil([&] { return d.SubmittedCount() == 1; }, std::chrono::seconds(10)));

  ApiReply preview = d.RawRequest("POST", "/api/v1/messages/preview", json{{"text", "Selam 😀"}}.dump(), with_csrf);
  CHECK(preview.status == 200);
  CHECK(preview.body["encoding"] == "ucs2");

  // Kannel's route takes its own credentials only.
  CHECK(d.RawRequest("GET", "/cgi-bin/sendsms?to=05321234567&text=x", "", CookieHeaders(cookie, csrf)).status == 403);

  ApiReply out = d.RawRequest("DELETE", "/api/v1/session", "", CookieHeaders(cookie, csrf));
  CHECK(out.status == 204);
  CHECK(out.Header("Set-Cookie").value_or("").find("Max-Age=0") != std::string::npos);
  CHECK(d.RawRequest("GET", "/api/v1/modems", "", CookieHeaders(cookie)).status == 401);
  CHECK(d.RawRequest("GET", "/api/v1/session", "", CookieHeaders(cookie)).status == 401);

  // The token works as before.
  CHECK(d.Request("GET", "/api/v1/modems").status == 200);
}

TEST_CASE("Repeated wrong passwords get 429 with Retry-After from the real daemon") {
  DaemonHarness d(HarnessOptions().Modems(1));
  REQUIRE(RunPasswd(d.config_path(), std::string(kPassword) + "\n") == 0);
  for (int i = 0; i < 6; ++i) CHECK(Login(d, "yanlış-parola").status == 401);
  ApiReply locked = Login(d, kPassword);
  CHECK(locked.status == 429);
  CHECK(locked.Header("Retry-After").value_or("") == "2");
}

}  // namespace
}  // namespace tellal::integration

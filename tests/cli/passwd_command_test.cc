#include "daemon/cli/passwd_command.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <deque>
#include <filesystem>
#include <sstream>
#include <string>

#include "web/api/session_password.h"

namespace tellal::cli {
namespace {

struct Run {
  int status = 0;
  std::string out, err;
  std::vector<std::string> prompts;
};

struct StateDir {
  std::string path;
  StateDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tellal-passwd-cli-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~StateDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::string file() const { return path + "/panel-password"; }
};

// Runs `tellal passwd` with `lines` as what the user types (or pipes).
Run Passwd(const std::vector<std::string>& args, std::deque<std::string> lines, bool interactive,
           const std::string& config_state_dir = "") {
  std::ostringstream out, err;
  CommandContext ctx(out, err, [](const std::string&) { return std::optional<std::string>(); },
                     [config_state_dir](const std::string&) -> Result<config::Config> {
                       if (config_state_dir.empty()) return Error::NotFound("no such file");
                       config::Config c;
                       c.daemon.state_dir = config_state_dir;
                       return c;
                     });
  Run run;
  PasswordSource source{interactive, [&](const std::string& prompt) -> std::optional<std::string> {
                          run.prompts.push_back(prompt);
                          if (lines.empty()) return std::nullopt;
                          std::string line = lines.front();
                          lines.pop_front();
                          return line;
                        }};
  run.status = RunPasswdCommand(args, ctx, source);
  run.out = out.str();
  run.err = err.str();
  return run;
}

TEST_CASE("passwd from a pipe reads one line and stores its hash, mode 0600") {
  StateDir dir;
  Run r = Passwd({"--state-dir", dir.path}, {"dükkan-parolası"}, false);
  INFO(r.err);
  REQUIRE(r.status == kExitOk);
  CHECK(r.prompts.size() == 1);
  CHECK(web::CheckPanelPassword(dir.file(), "dükkan-parolası").value() == web::PasswordCheck::kAccepted);
  struct stat info {};
  REQUIRE(::stat(dir.file().c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("passwd at a terminal asks twice and changes nothing when the answers differ") {
  StateDir dir;
  Run differ = Passwd({"--state-dir", dir.path}, {"first-password", "second-password"}, true);
  CHECK(differ.status == kExitFailure);
  CHECK(differ.err.find("differ") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file()));
  Run same = Passwd({"--state-dir", dir.path}, {"same-password", "same-password"}, true);
  CHECK(same.status == kExitOk);
  CHECK(same.prompts == std::vector<std::string>{"Panel password: ", "Again: "});
  CHECK(web::CheckPanelPassword(dir.file(), "same-password").value() == web::PasswordCheck::kAccepted);
}

TEST_CASE("passwd takes state_dir from the daemon's configuration") {
  StateDir dir;
  CHECK(Passwd({"--config", "/etc/tellal/x.ini"}, {"config-password"}, false, dir.path).status == kExitOk);
  CHECK(web::CheckPanelPassword(dir.file(), "config-password").value() == web::PasswordCheck::kAccepted);
  Run unreadable = Passwd({}, {"config-password"}, false);
  CHECK(unreadable.status == kExitFailure);
  CHECK(unreadable.err.find("/etc/tellal/tellal.ini") != std::string::npos);
}

TEST_CASE("passwd refuses short and missing passwords and keeps the stored one") {
  StateDir dir;
  REQUIRE(Passwd({"--state-dir", dir.path}, {"kept-password"}, false).status == kExitOk);
  // (what is typed, whether input ends before any line, what is said)
  auto [line, at_end, message] = GENERATE(table<std::string, bool, std::string>({
      {"1234567", false, "at least 8 characters"},
      {"", false, "at least 8 characters"},
      {"", true, "no password given"},
  }));
  std::deque<std::string> lines;
  if (!at_end) lines.push_back(line);
  Run r = Passwd({"--state-dir", dir.path}, lines, false);
  CHECK(r.status == kExitFailure);
  CHECK(r.err.find(message) != std::string::npos);
  CHECK(web::CheckPanelPassword(dir.file(), "kept-password").value() == web::PasswordCheck::kAccepted);
}

}  // namespace
}  // namespace tellal::cli

// `tellal passwd`: sets the web panel's password. Reads it twice from the
// terminal without echo (once from stdin when that is not a terminal, so a
// script can pipe it), and writes its Argon2id hash to
// <state_dir>/panel-password (web/api/session_password.h), state_dir
// being the daemon's (--config PATH, default /etc/tellal/tellal.ini) or
// --state-dir DIR. tellald reads the file at each login: no restart.
#ifndef TELLAL_DAEMON_CLI_PASSWD_COMMAND_H_
#define TELLAL_DAEMON_CLI_PASSWD_COMMAND_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "daemon/cli/api_command.h"

namespace tellal::cli {

// Where the password comes from. `interactive`: a person at a terminal,
// asked twice (with `prompt` shown, echo off); otherwise one line is read
// and no prompt shown. `read` returns nothing at end of input.
struct PasswordSource {
  bool interactive = false;
  std::function<std::optional<std::string>(const std::string& prompt)> read;
};

int RunPasswdCommand(const std::vector<std::string>& args, const CommandContext& ctx, const PasswordSource& source);
void DeclarePasswdCommandLine(CLI::App& app);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_PASSWD_COMMAND_H_

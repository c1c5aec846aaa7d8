// `tellal inbox`: received messages, newest first; with --follow, then every
// second the ones that arrived since, oldest first, until interrupted
// (like `tail -f`).
#ifndef TELLAL_DAEMON_CLI_INBOX_COMMAND_H_
#define TELLAL_DAEMON_CLI_INBOX_COMMAND_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon/cli/api_command.h"

namespace tellal::cli {

inline constexpr std::chrono::milliseconds kInboxPollInterval{1000};

int RunInboxCommand(const std::vector<std::string>& args, const CommandContext& ctx);

// The table of an inbox page's "messages" array, in the order given.
std::string FormatInboxTable(const nlohmann::json& messages);

// One line per message as --follow prints it: time, sender, modem, text.
std::string FormatInboxLine(const nlohmann::json& message);

// Declares the options of `tellal inbox`, with their help, on `app`.
void DeclareInboxCommandLine(CLI::App& app);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_INBOX_COMMAND_H_

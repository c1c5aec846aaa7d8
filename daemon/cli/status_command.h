// `tellal status ID`: one outbound message as the daemon knows it, with
// each segment's modem, message reference and report time.
#ifndef TELLAL_DAEMON_CLI_STATUS_COMMAND_H_
#define TELLAL_DAEMON_CLI_STATUS_COMMAND_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon/cli/api_command.h"

namespace tellal::cli {

int RunStatusCommand(const std::vector<std::string>& args, const CommandContext& ctx);

// The human-readable form of GET /api/v1/messages/{id}: "label: value"
// lines (members the CLI does not know are listed too, so a newer daemon's
// additions show up), the text, then a table of the parts.
std::string FormatMessageStatus(const nlohmann::json& message);

// Declares the options of `tellal status`, with their help, on `app`.
void DeclareStatusCommandLine(CLI::App& app);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_STATUS_COMMAND_H_

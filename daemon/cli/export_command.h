// `tellal export`: stored messages or inbox entries as JSON lines or CSV,
// through GET /api/v1/export page by page, into one file or stdout. The
// file is written under a temporary name and renamed when every page is in,
// so a failed export never leaves a file that looks complete.
#ifndef TELLAL_DAEMON_CLI_EXPORT_COMMAND_H_
#define TELLAL_DAEMON_CLI_EXPORT_COMMAND_H_

#include <string>
#include <vector>

#include "daemon/cli/api_command.h"

namespace tellal::cli {

int RunExportCommand(const std::vector<std::string>& args, const CommandContext& ctx);

// Declares the options of `tellal export`, with their help, on `app`.
void DeclareExportCommandLine(CLI::App& app);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_EXPORT_COMMAND_H_

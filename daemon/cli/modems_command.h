// `tellal modems`: the daemon's modems as a table (state, signal,
// registration, today's sends against the daily limit, share of the queue,
// last error). `tellal modems scan`, which needs no daemon, is in
// modems_scan.h.
#ifndef TELLAL_DAEMON_CLI_MODEMS_COMMAND_H_
#define TELLAL_DAEMON_CLI_MODEMS_COMMAND_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon/cli/api_command.h"

namespace tellal::cli {

int RunModemsListCommand(const std::vector<std::string>& args, const CommandContext& ctx);

// The table for GET /api/v1/modems' "modems" array; `wide` adds the model
// and the IMEI, IMSI and ICCID.
std::string FormatModemsTable(const nlohmann::json& modems, bool wide);

// Declares the options of `tellal modems`, and its `scan` subcommand, with
// their help, on `app`.
void DeclareModemsListCommandLine(CLI::App& app);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_MODEMS_COMMAND_H_

// `tellal campaigns`: the campaign endpoints from the command line.
//
//   tellal campaigns list                 the newest campaigns, a table
//   tellal campaigns show ID              one campaign and its counts
//   tellal campaigns create FILE          POST the JSON in FILE (openapi.json
//                                         NewCampaign); prints the new id
//   tellal campaigns preview ID           recipients, cost, examples
//   tellal campaigns start|pause|resume|cancel ID
//   tellal campaigns report ID [--csv]    the report (CSV as the API gives it)
//
// --json prints the API's JSON instead of the summary everywhere but
// report --csv.
#ifndef TELLAL_DAEMON_CLI_CAMPAIGNS_COMMAND_H_
#define TELLAL_DAEMON_CLI_CAMPAIGNS_COMMAND_H_

#include <string>
#include <vector>

#include "daemon/cli/api_command.h"

namespace CLI {
class App;
}

namespace tellal::cli {

int RunCampaignsCommand(const std::vector<std::string>& args, const CommandContext& ctx);
void DeclareCampaignsCommandLine(CLI::App& app);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_CAMPAIGNS_COMMAND_H_

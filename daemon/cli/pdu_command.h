// `tellal pdu encode|decode|info`: the codec from the command line, and the
// hook for anyone checking it against another implementation.
#ifndef TELLAL_DAEMON_CLI_PDU_COMMAND_H_
#define TELLAL_DAEMON_CLI_PDU_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "daemon/cli/arguments.h"

namespace tellal::cli {

// Exit statuses: 0 success, 2 bad input (the error is printed as
// {"error": "..."} on `out` for encode/decode, as text on `err` for usage).
int RunPduCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Declares `tellal pdu`'s subcommands (encode, decode, info) and their
// options, with their help, on `app`.
void DeclarePduCommandLine(CLI::App& app);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_PDU_COMMAND_H_

// `tellal send`: one message (--to), or one per row of a recipients CSV
// (--file) with the text as a template, sent to the API in batches.
//
// A bulk send checks the whole file and template before the first request,
// so a bad row never leaves half a campaign sent. Batches are all-or-nothing
// on the daemon's side; with --ref-prefix every message carries a client_ref
// of the prefix and its row number, which the daemon uses to recognise a
// message it already has, so running the same command again after an
// interruption sends only what is missing.
#ifndef TELLAL_DAEMON_CLI_SEND_COMMAND_H_
#define TELLAL_DAEMON_CLI_SEND_COMMAND_H_

#include <cstddef>
#include <string>
#include <vector>

#include "daemon/cli/api_command.h"

namespace tellal::cli {

// Messages per POST in a bulk send: large enough that a 10,000-row file is
// ten requests, small enough that one failed request loses little time.
inline constexpr std::size_t kSendBatchSize = 1000;

int RunSendCommand(const std::vector<std::string>& args, const CommandContext& ctx);

// Declares the options of `tellal send`, with their help, on `app`.
void DeclareSendCommandLine(CLI::App& app);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_SEND_COMMAND_H_

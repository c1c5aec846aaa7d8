// `tellal conversations [NUMBER]`: without a number, the conversations,
// newest activity first (number, contact, unread count, the SIM a reply
// goes to, the last message); with one, that number's thread oldest first
// (the newest --limit entries). Reading never marks anything read: that is
// POST /api/v1/conversations/{number}/read, on purpose a separate act.
#ifndef TELLAL_DAEMON_CLI_CONVERSATIONS_COMMAND_H_
#define TELLAL_DAEMON_CLI_CONVERSATIONS_COMMAND_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon/cli/api_command.h"

namespace tellal::cli {

int RunConversationsCommand(const std::vector<std::string>& args, const CommandContext& ctx);

// The table of a listing's "conversations" array, in the order given.
std::string FormatConversationsTable(const nlohmann::json& conversations);
// The table of a thread's "messages" array, in the order given.
std::string FormatThreadTable(const nlohmann::json& messages);

// Declares the options of `tellal conversations`, with their help, on `app`.
void DeclareConversationsCommandLine(CLI::App& app);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_CONVERSATIONS_COMMAND_H_

// What the commands that talk to tellald's API (send, status, inbox,
// modems) share: the process environment they run in, the connection
// options, error reporting and exit statuses, and safe reading of the JSON
// the API returns (a field that is missing or of another type prints as "-"
// rather than throwing).
//
// Exit statuses, as for `tellal pdu`: 0 success; 1 the API refused or could
// not be reached (the reason on stderr); 2 bad usage (a wrong option, a bad
// recipients file or template, no way to find the API).
#ifndef TELLAL_DAEMON_CLI_API_COMMAND_H_
#define TELLAL_DAEMON_CLI_API_COMMAND_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "daemon/cli/api_client.h"
#include "daemon/cli/arguments.h"
#include "daemon/cli/connection_settings.h"
#include "daemon/cli/progress_bar.h"
#include "modem/result.h"

namespace tellal::cli {

// The world outside a command, so tests can run commands in-process against
// a fake server with a fake environment and clock.
struct CommandContext {
  CommandContext(std::ostream& out_stream, std::ostream& err_stream, EnvLookup env_lookup, ConfigLoader loader)
      : out(out_stream), err(err_stream), env(std::move(env_lookup)), load_config(std::move(loader)) {}

  std::ostream& out;
  std::ostream& err;
  EnvLookup env;
  ConfigLoader load_config;
  // Whether `err` is a terminal: the progress bar is drawn only then.
  bool err_is_terminal = false;
  // Waits between `inbox --follow` polls; returns false when the user
  // interrupted (Ctrl-C) and the command should end.
  std::function<bool(std::chrono::milliseconds)> wait;
  ProgressBar::Clock clock = std::chrono::steady_clock::now;
  net::HttpTransferOptions http;
};

// Declares --url, --token and --config, in their own group of the help.
void AddConnectionOptions(CLI::App& app);

// Finds the endpoint (connection_settings.h) and makes a client for it.
Result<ApiClient> OpenApi(const ParsedArguments& args, const CommandContext& ctx);

// "tellal <command>: <message>" on stderr (Usage adds app's help when `app`
// is given); return the exit status.
int Usage(const CommandContext& ctx, std::string_view command, const std::string& message, const CLI::App* app);
int Failure(const CommandContext& ctx, std::string_view command, const std::string& message);
// An error reply: FormatApiError, and on 401 where the token came from.
// `context` (e.g. "row 17 (+90532...)") is put before the error when given.
int ApiFailure(const CommandContext& ctx, std::string_view command, const ApiResponse& response,
               const ApiEndpoint& endpoint, const std::string& context = "");

// `object[key]` if `object` is an object that has it, else nullptr.
const nlohmann::json* Member(const nlohmann::json& object, std::string_view key);
// A scalar member as text: strings as they are, numbers and booleans as
// JSON writes them, "-" for null, missing, arrays and objects.
std::string Show(const nlohmann::json& object, std::string_view key);

// Whether `text` is an RFC 3339 date-time (daemon/text/rfc3339.h; a space
// may stand for the 'T'). Options are checked with it before sending, so a
// typo is a usage error, not a half-sent batch.
bool IsCommandLineTime(std::string_view text);

// Writes the API's JSON as received, ending in one newline.
void PrintRawJson(std::ostream& out, const std::string& raw);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_API_COMMAND_H_

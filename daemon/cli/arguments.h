// The tellal subcommands' command lines. Each command declares its options
// on a CLI::App (with a description per option, so CLI11 generates its
// --help); ParseArguments reads a command line against those declarations
// into plain values, and turns CLI11's exceptions into errors.
#ifndef TELLAL_DAEMON_CLI_ARGUMENTS_H_
#define TELLAL_DAEMON_CLI_ARGUMENTS_H_

#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace tellal::cli {

// Exit statuses of every subcommand: 0 success; 1 the work failed (the API
// refused or could not be reached, sysfs unreadable); 2 bad usage.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct ParsedArguments {
  std::map<std::string, std::string> values;  // "--to" -> "+90..."
  std::set<std::string> switches;             // "--report"
  std::vector<std::string> positional;
  // The declared subcommand given ("encode" of `pdu encode`), empty when
  // none; the options above are then that subcommand's.
  std::string subcommand;
  // --help or -h was given: CLI11's help for the (sub)command, to print
  // instead of running it.
  std::optional<std::string> help;

  bool has(const std::string& name) const { return switches.count(name) || values.count(name); }
  std::optional<std::string> get(const std::string& name) const;
};

// Reads `args` (without the command's own name) against the options,
// positionals and one level of subcommands declared on `app`. An option
// given twice keeps its last value. A "--word" that is not declared is an
// error naming it; a single-dash word that is not ("-", "-5") is an
// argument. `app` keeps what was parsed, so its help() then describes the
// subcommand given.
Result<ParsedArguments> ParseArguments(CLI::App& app, const std::vector<std::string>& args);

// For the edge of each command: the parsed arguments, or nullopt once the
// help was printed on `out` (exit 0) or the mistake and the help on `err`
// (exit 2), with the exit status in `*exit_status`. The error line starts
// with app's name and the subcommand given ("tellal modems scan: ...").
std::optional<ParsedArguments> ParseOrExplain(CLI::App& app, const std::vector<std::string>& args, std::ostream& out,
                                              std::ostream& err, int* exit_status);

// "<label>: <message>" on `err`, then app's help when `app` is given;
// returns kExitUsage.
int ExplainUsage(std::ostream& err, std::string_view label, const std::string& message, const CLI::App* app);

// Declares a switch (an option that takes no value) with its help on
// `app`. CLI11 2.1's add_flag cannot take a string literal as the help.
CLI::Option* AddSwitch(CLI::App& app, const std::string& name, const std::string& description);

// Parses a whole decimal number in [min, max]; `name` is used in the error.
Result<long> ParseInteger(const std::string& text, long min, long max, const std::string& name);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_ARGUMENTS_H_

// The tellal subcommands' "--flag value" / "--switch" options, read with CLI11.
#ifndef TELLAL_DAEMON_CLI_ARGUMENTS_H_
#define TELLAL_DAEMON_CLI_ARGUMENTS_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "modem/result.h"

namespace tellal::cli {

struct ParsedArguments {
  std::map<std::string, std::string> values;  // "--to" -> "+90..."
  std::set<std::string> switches;             // "--report"
  std::vector<std::string> positional;

  bool has(const std::string& name) const { return switches.count(name) || values.count(name); }
  std::optional<std::string> get(const std::string& name) const;
};

// `with_value` lists the options that take a value, `switches` those that
// do not. Anything else starting with "--" is an error naming it.
Result<ParsedArguments> ParseArguments(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                                       const std::set<std::string>& switches);

// Parses a whole decimal number in [min, max]; `name` is used in the error.
Result<long> ParseInteger(const std::string& text, long min, long max, const std::string& name);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_ARGUMENTS_H_

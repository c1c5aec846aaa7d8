#include "daemon/cli/arguments.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>
#include <iterator>

namespace tellal::cli {
namespace {

// "--to=+90..." -> "--to".
std::string OptionName(const std::string& arg) { return arg.substr(0, arg.find('=')); }

}  // namespace

std::optional<std::string> ParsedArguments::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

Result<ParsedArguments> ParseArguments(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                                       const std::set<std::string>& switches) {
  // CLI11 would read "--json=1" as a boolean; a switch takes no value at all.
  for (const std::string& a : args) {
    if (a.starts_with("--") && a.find('=') != std::string::npos && switches.count(OptionName(a))) {
      return Error::InvalidArgument(OptionName(a) + ": takes no value");
    }
  }

  CLI::App app;
  app.set_help_flag();  // each command prints its own help for --help
  app.allow_extras();   // reported below, by name, as unknown options
  ParsedArguments out;
  std::map<std::string, CLI::Option*> value_options;
  for (const std::string& name : with_value) {
    value_options[name] = app.add_option(name, out.values[name])->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  }
  for (const std::string& name : switches) app.add_flag(name);

  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 reads from the back
  try {
    app.parse(reversed);
  } catch (const CLI::ArgumentMismatch&) {
    // The option that was left without its value: the first whose value is missing.
    for (const std::string& a : args) {
      const std::string name = OptionName(a);
      if (value_options.count(name) && value_options[name]->empty())
        return Error::InvalidArgument(name + ": needs a value");
    }
    return Error::InvalidArgument("an option needs a value");
  } catch (const CLI::ParseError& e) {
    return Error::InvalidArgument(e.what());
  }
  for (auto it = out.values.begin(); it != out.values.end();) {
    it = value_options[it->first]->count() == 0 ? out.values.erase(it) : std::next(it);
  }
  for (const std::string& name : switches) {
    if (app.count(name) > 0) out.switches.insert(name);
  }
  // What CLI11 did not take, in order: arguments, and single-dash words
  // ("-", "-5"), which are arguments here too; a "--word" is unknown.
  for (const std::string& extra : app.remaining()) {
    if (extra.starts_with("--")) return Error::InvalidArgument("unknown option " + OptionName(extra));
    out.positional.push_back(extra);
  }
  return out;
}

Result<long> ParseInteger(const std::string& text, long min, long max, const std::string& name) {
  if (text.empty()) return Error::InvalidArgument(name + ": expected a number");
  errno = 0;
  char* end = nullptr;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0') return Error::InvalidArgument(name + ": '" + text + "' is not a whole number");
  if (v < min || v > max) {
    return Error::InvalidArgument(name + ": " + text + " is outside " + std::to_string(min) + ".." +
                                  std::to_string(max));
  }
  return v;
}

}  // namespace tellal::cli

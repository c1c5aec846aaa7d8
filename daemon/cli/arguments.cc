#include "daemon/cli/arguments.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>

namespace tellal::cli {
namespace {

// "--to=+90..." -> "--to".
std::string OptionName(const std::string& arg) { return arg.substr(0, arg.find('=')); }

bool IsSwitch(const CLI::Option& option) { return option.get_expected_max() == 0; }

// `app` and the subcommands declared on it: the options a command line may
// name.
std::vector<CLI::App*> CommandAndSubcommands(CLI::App& app) {
  std::vector<CLI::App*> apps{&app};
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) apps.push_back(sub);
  return apps;
}

// The values of the options declared on `app` that were given.
void Collect(const CLI::App& app, ParsedArguments& out) {
  for (const CLI::Option* option : app.get_options()) {
    if (option->count() == 0 || option == app.get_help_ptr()) continue;
    if (option->get_positional()) {
      const auto& given = option->results();
      out.positional.insert(out.positional.end(), given.begin(), given.end());
    } else if (IsSwitch(*option)) {
      out.switches.insert(option->get_name());
    } else {
      out.values[option->get_name()] = option->results().back();  // the last one given wins
    }
  }
}

// A "--switch=value" among `args`: CLI11 would read "--json=1" as a
// boolean, and a switch takes no value at all.
Status SwitchWithValue(const std::vector<const CLI::App*>& apps, const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (!a.starts_with("--") || a.find('=') == std::string::npos) continue;
    for (const CLI::App* declared : apps) {
      const CLI::Option* option = declared->get_option_no_throw(OptionName(a));
      if (option != nullptr && IsSwitch(*option)) return Error::InvalidArgument(OptionName(a) + ": takes no value");
    }
  }
  return Status::Ok();
}

// CLI11's parse, its exceptions turned into errors; `help` is set when
// --help was given.
Status Parse(CLI::App& app, const std::vector<std::string>& args, std::optional<std::string>& help) {
  std::vector<std::string> unread(args.rbegin(), args.rend());  // CLI11 reads from the back
  try {
    app.parse(unread);
  } catch (const CLI::CallForHelp&) {
    help = app.help();  // the help of the subcommand given, if any
  } catch (const CLI::ArgumentMismatch&) {
    // CLI11 stops at the option left without its value, just after taking
    // that option off the back of `unread`.
    const std::size_t failed = args.size() - unread.size();
    if (failed >= 1 && args[failed - 1].starts_with("-")) {
      return Error::InvalidArgument(OptionName(args[failed - 1]) + ": needs a value");
    }
    return Error::InvalidArgument("an option needs a value");
  } catch (const CLI::ParseError& e) {
    return Error::InvalidArgument(e.what());
  }
  return Status::Ok();
}

}  // namespace

std::optional<std::string> ParsedArguments::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

Result<ParsedArguments> ParseArguments(CLI::App& app, const std::vector<std::string>& args) {
  const std::vector<CLI::App*> apps = CommandAndSubcommands(app);
  for (CLI::App* a : apps) {
    a->allow_extras();  // reported below, by name, as unknown options
    for (CLI::Option* option : a->get_options()) {
      if (!IsSwitch(*option) && !option->get_positional()) {
        option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
      }
    }
  }
  ParsedArguments out;
  const Status parsed = Parse(app, args, out.help);
  // Checked after parsing, so `app` knows the subcommand the switch was
  // given to, for the help that goes with the error.
  const std::vector<CLI::App*> given = app.get_subcommands();
  CLI::App& leaf = given.empty() ? app : *given.front();  // one level of subcommands
  if (Status s = SwitchWithValue({&leaf}, args); !s) return s.error();
  if (!parsed) return parsed.error();
  if (out.help) return out;

  if (&leaf != &app) {
    out.subcommand = leaf.get_name();
    // The command's own options do not apply to its subcommand.
    Collect(app, out);
    if (!out.values.empty() || !out.switches.empty()) {
      const std::string name = out.values.empty() ? *out.switches.begin() : out.values.begin()->first;
      return Error::InvalidArgument(name + ": not an option of " + out.subcommand);
    }
  }
  Collect(leaf, out);
  // What CLI11 did not take, in order: arguments, and single-dash words
  // ("-", "-5"), which are arguments here too; a "--word" is unknown.
  for (const std::string& extra : app.remaining(true)) {
    if (extra.starts_with("--")) return Error::InvalidArgument("unknown option " + OptionName(extra));
    out.positional.push_back(extra);
  }
  return out;
}

int ExplainUsage(std::ostream& err, std::string_view label, const std::string& message, const CLI::App* app) {
  err << label << ": " << message << "\n";
  if (app != nullptr) err << "\n" << app->help();
  return kExitUsage;
}

std::optional<ParsedArguments> ParseOrExplain(CLI::App& app, const std::vector<std::string>& args, std::ostream& out,
                                              std::ostream& err, int* exit_status) {
  auto parsed = ParseArguments(app, args);
  if (!parsed) {
    std::string label = app.get_name();
    for (const CLI::App* given : app.get_subcommands()) label += " " + given->get_name();
    *exit_status = ExplainUsage(err, label, parsed.error().message, &app);
    return std::nullopt;
  }
  if (parsed->help) {
    out << *parsed->help;
    *exit_status = kExitOk;
    return std::nullopt;
  }
  return std::move(*parsed);
}

CLI::Option* AddSwitch(CLI::App& app, const std::string& name, const std::string& description) {
  return app.add_flag(name, description);
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

#include "daemon/cli/arguments.h"

#include <cerrno>
#include <cstdlib>

namespace tellal::cli {

std::optional<std::string> ParsedArguments::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

Result<ParsedArguments> ParseArguments(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                                       const std::set<std::string>& switches) {
  ParsedArguments out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a.compare(0, 2, "--") != 0) {
      out.positional.push_back(a);
      continue;
    }
    std::string name = a;
    std::optional<std::string> inline_value;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      inline_value = a.substr(eq + 1);
    }
    if (switches.count(name)) {
      if (inline_value) return Error::InvalidArgument(name + ": takes no value");
      out.switches.insert(name);
    } else if (with_value.count(name)) {
      if (inline_value) {
        out.values[name] = *inline_value;
      } else if (i + 1 < args.size()) {
        out.values[name] = args[++i];
      } else {
        return Error::InvalidArgument(name + ": needs a value");
      }
    } else {
      return Error::InvalidArgument("unknown option " + name);
    }
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
    return Error::InvalidArgument(name + ": " + text + " is outside " + std::to_string(min) + ".." + std::to_string(max));
  }
  return v;
}

}  // namespace tellal::cli

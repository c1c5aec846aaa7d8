// Runs an API command in-process as `tellal` would, with captured output, an
// environment of the test's choosing, no config file unless the test gives
// one, a scripted --follow wait and a fake clock.
#ifndef TELLAL_TESTS_CLI_COMMAND_HARNESS_H_
#define TELLAL_TESTS_CLI_COMMAND_HARNESS_H_

#include <chrono>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/cli/api_command.h"

namespace tellal::cli::testing {

struct CommandRun {
  int status = -1;
  std::string out;
  std::string err;
};

using Command = int (*)(const std::vector<std::string>&, const CommandContext&);

class CommandHarness {
 public:
  std::map<std::string, std::string> env;
  ConfigLoader load_config = [](const std::string& path) -> Result<config::Config> {
    return Error::InvalidArgument(path + ": no configuration file in this test");
  };
  bool err_is_terminal = false;
  // Called before each --follow poll with the poll's number (1, 2, ...);
  // returning false ends following as Ctrl-C would.
  std::function<bool(int poll)> before_poll = [](int) { return false; };
  int polls = 0;
  // The fake clock advances this much each time it is read.
  std::chrono::milliseconds clock_step{100};

  CommandRun Run(Command command, const std::vector<std::string>& args) {
    std::ostringstream out, err;
    CommandContext ctx{out, err,
                       [this](const std::string& name) -> std::optional<std::string> {
                         const auto it = env.find(name);
                         if (it == env.end()) return std::nullopt;
                         return it->second;
                       },
                       load_config};
    ctx.err_is_terminal = err_is_terminal;
    ctx.wait = [this](std::chrono::milliseconds) { return before_poll(++polls); };
    auto now = std::chrono::steady_clock::time_point{};
    ctx.clock = [this, now]() mutable { return now += clock_step; };
    ctx.http.connect_timeout = std::chrono::milliseconds(2000);
    ctx.http.timeout = std::chrono::milliseconds(10000);
    CommandRun run;
    run.status = command(args, ctx);
    run.out = out.str();
    run.err = err.str();
    return run;
  }
};

}  // namespace tellal::cli::testing

#endif  // TELLAL_TESTS_CLI_COMMAND_HARNESS_H_

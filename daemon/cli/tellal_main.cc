// tellal: the command-line tool. Subcommands dispatch to daemon/cli/.
#include <iostream>
#include <string>
#include <vector>

#include "daemon/cli/modems_scan.h"
#include "daemon/cli/pdu_command.h"

namespace {

constexpr const char* kUsage =
    "usage: tellal <command> [options]\n"
    "\n"
    "commands:\n"
    "  pdu encode|decode|info   SMS PDU codec (see `tellal pdu --help`)\n"
    "  modems scan              list attached USB modems and their udev rule lines\n"
    "  --version                print the version\n";

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "tellal " << TELLAL_VERSION << "\n";
    return 0;
  }
  if (args[0] == "pdu") {
    return tellal::cli::RunPduCommand(std::vector<std::string>(args.begin() + 1, args.end()), std::cout, std::cerr);
  }
  if (args[0] == "modems") {
    return tellal::cli::RunModemsCommand(std::vector<std::string>(args.begin() + 1, args.end()), std::cout, std::cerr);
  }
  std::cerr << "tellal: unknown command '" << args[0] << "'\n\n" << kUsage;
  return 2;
}

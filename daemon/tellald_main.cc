// tellald: the SMS gateway daemon. For now it knows its version, its usage,
// and how to check a configuration file; the service itself arrives with the
// daemon-core work.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "daemon/config/check_config.h"

namespace {

constexpr const char* kDefaultConfig = "/etc/tellal/tellal.ini";

constexpr const char* kUsage =
    "usage: tellald [--config PATH] --check-config\n"
    "       tellald --version | --help\n"
    "\n"
    "  --config PATH   configuration file (default /etc/tellal/tellal.ini)\n"
    "  --check-config  validate the configuration, print a summary, exit 0;\n"
    "                  or print the first error and exit 1\n"
    "\n"
    "tellal's SMS gateway daemon. This build carries the PDU codec, the\n"
    "command-line tool (`tellal pdu ...`) and the configuration checker; the\n"
    "daemon service is not part of it yet.\n";

int UsageError(const std::string& message) {
  std::fprintf(stderr, "tellald: %s\n\n%s", message.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path = kDefaultConfig;
  bool check_config = false;
  for (int i = 1; i < argc; ++i) {
    const char* arg = argv[i];
    if (std::strcmp(arg, "--version") == 0) {
      std::printf("tellald %s\n", TELLAL_VERSION);
      return 0;
    }
    if (std::strcmp(arg, "--help") == 0 || std::strcmp(arg, "-h") == 0) {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (std::strcmp(arg, "--check-config") == 0) {
      check_config = true;
    } else if (std::strcmp(arg, "--config") == 0) {
      if (i + 1 == argc) return UsageError("--config needs a path");
      config_path = argv[++i];
    } else if (std::strncmp(arg, "--config=", 9) == 0) {
      config_path = arg + 9;
    } else {
      return UsageError(std::string("unknown option '") + arg + "'");
    }
  }
  if (check_config) return tellal::config::RunCheckConfig(config_path, {}, std::cout, std::cerr);
  std::fputs(kUsage, stderr);
  return 2;
}

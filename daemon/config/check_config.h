// `tellald --check-config`: load the configuration, report, exit status.
#ifndef TELLAL_DAEMON_CONFIG_CHECK_CONFIG_H_
#define TELLAL_DAEMON_CONFIG_CHECK_CONFIG_H_

#include <ostream>
#include <string>

#include "daemon/config/config.h"

namespace tellal::config {

// One line summing up a valid configuration:
// "PATH: OK (2 modems: sim1, sim2 (disabled))".
std::string Summary(const Config& config);

// Loads `path`; prints the summary on `out` and returns 0, or the error on
// `err` and returns 1.
int RunCheckConfig(const std::string& path, const ConfigEnvironment& env, std::ostream& out, std::ostream& err);

}  // namespace tellal::config

#endif  // TELLAL_DAEMON_CONFIG_CHECK_CONFIG_H_

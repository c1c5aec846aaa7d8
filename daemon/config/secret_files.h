// Which files holding secrets (the API token, a SIM PIN, the Kannel
// password) any user of the machine can read. The daemon refuses nothing
// for it, since the owner may have reasons, but says so at every start and
// reload, and --check-config says so too.
#ifndef TELLAL_DAEMON_CONFIG_SECRET_FILES_H_
#define TELLAL_DAEMON_CONFIG_SECRET_FILES_H_

#include <string>
#include <vector>

#include "daemon/config/config.h"

namespace tellal::config {

// One line per file readable by others (mode o+r): the configuration file
// (config.source_path) when it holds a secret itself, and [http]
// token_file. Files that cannot be examined are left to the reading that
// already failed or will fail with its own error.
std::vector<std::string> SecretFileWarnings(const Config& config);

}  // namespace tellal::config

#endif  // TELLAL_DAEMON_CONFIG_SECRET_FILES_H_

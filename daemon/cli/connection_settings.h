// Where the API commands connect and with which token. Each setting is taken
// from the first place that has it:
//   1. --url / --token
//   2. TELLAL_URL / TELLAL_TOKEN (empty counts as unset)
//   3. the daemon's config file (--config PATH, default
//      /etc/tellal/tellal.ini): [http] listen and token / token_file
// so on the gateway itself `tellal send ...` needs no options. The config is
// read only when a setting is still missing, and with the daemon's own
// loader, so the CLI never disagrees with tellald about what the file says.
#ifndef TELLAL_DAEMON_CLI_CONNECTION_SETTINGS_H_
#define TELLAL_DAEMON_CLI_CONNECTION_SETTINGS_H_

#include <functional>
#include <optional>
#include <string>

#include "daemon/cli/api_client.h"
#include "daemon/config/config.h"
#include "modem/result.h"

namespace tellal::cli {

inline constexpr const char* kDefaultConfigPath = "/etc/tellal/tellal.ini";

struct ConnectionOptions {
  std::optional<std::string> url;          // --url
  std::optional<std::string> token;        // --token
  std::optional<std::string> config_path;  // --config
};

// Reads an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
using ConfigLoader = std::function<Result<config::Config>(const std::string& path)>;

// The URL a client on this machine uses for `listen`: a wildcard address
// (0.0.0.0, ::) is reached through loopback. https:// when the listener has
// TLS.
std::string UrlForListener(const config::HttpSettings& http);

// Fails when no URL can be found, when a config file named with --config
// cannot be loaded, when a token given by flag or environment has
// whitespace or control characters, and when the only URL found is the
// config's TLS listener (the built-in client speaks plain HTTP). A missing
// token is not an error: the endpoint then carries none, and token_source
// says why, for the 401 that follows.
Result<ApiEndpoint> ResolveEndpoint(const ConnectionOptions& options, const EnvLookup& env, const ConfigLoader& load);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_CONNECTION_SETTINGS_H_

#include "daemon/cli/connection_settings.h"

#include <algorithm>

namespace tellal::cli {

namespace {

std::optional<std::string> NonEmpty(std::optional<std::string> value) {
  if (value && value->empty()) return std::nullopt;
  return value;
}

}  // namespace

std::string UrlForListener(const config::HttpSettings& http) {
  std::string host = http.listen.host;
  if (host == "0.0.0.0") host = "127.0.0.1";
  if (host == "::") host = "::1";
  const bool ipv6 = host.find(':') != std::string::npos;
  const bool tls = !http.tls_cert.empty();
  return std::string(tls ? "https" : "http") + "://" + (ipv6 ? "[" + host + "]" : host) + ":" +
         std::to_string(http.listen.port);
}

Result<ApiEndpoint> ResolveEndpoint(const ConnectionOptions& options, const EnvLookup& env, const ConfigLoader& load) {
  ApiEndpoint out;
  std::optional<std::string> url = NonEmpty(options.url);
  if (!url) url = NonEmpty(env("TELLAL_URL"));
  std::optional<std::string> token = NonEmpty(options.token);
  if (token) {
    out.token_source = "--token";
  } else if ((token = NonEmpty(env("TELLAL_TOKEN")))) {
    out.token_source = "TELLAL_TOKEN";
  }

  // A token pasted with its line break would otherwise fail as a malformed
  // header, which says nothing about where the bad value came from.
  if (token && std::any_of(token->begin(), token->end(),
                           [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; })) {
    return Error::InvalidArgument(out.token_source + ": the token contains whitespace or a control character");
  }

  if (!url || !token) {
    const std::string path = options.config_path.value_or(kDefaultConfigPath);
    auto config = load(path);
    if (!config) {
      if (options.config_path) return config.error();
      if (!url) {
        return Error::InvalidArgument(
            "no API URL: give --url or set TELLAL_URL, or make the daemon's configuration readable (" +
            config.error().message + ")");
      }
      out.token_source =
          "none: no --token or TELLAL_TOKEN, and the configuration could not be read (" + config.error().message + ")";
    } else {
      if (!url) {
        url = UrlForListener(config->http);
        if (!config->http.tls_cert.empty()) {
          return Error::InvalidArgument(
              path + ": [http] listens with TLS on " + *url +
              ", which tellal's built-in client does not speak; give --url of a plain-HTTP listener on "
              "loopback, or use curl");
        }
      }
      if (!token) {
        token = config->http.token;
        out.token_source = path;
      }
    }
  }
  out.url = *url;
  out.token = token.value_or("");
  return out;
}

}  // namespace tellal::cli

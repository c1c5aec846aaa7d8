#include "daemon/cli/connection_settings.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

using tellal::Error;
using tellal::Result;
using tellal::cli::ApiEndpoint;
using tellal::cli::ConnectionOptions;
using tellal::cli::ResolveEndpoint;
using tellal::cli::UrlForListener;
namespace config = tellal::config;

namespace {

struct Fixture {
  std::map<std::string, std::string> env;
  bool config_readable = true;
  config::HttpSettings http;
  std::vector<std::string> loaded;

  Result<ApiEndpoint> Resolve(const ConnectionOptions& options) {
    return ResolveEndpoint(
        options,
        [this](const std::string& name) -> std::optional<std::string> {
          const auto it = env.find(name);
          if (it == env.end()) return std::nullopt;
          return it->second;
        },
        [this](const std::string& path) -> Result<config::Config> {
          loaded.push_back(path);
          if (!config_readable) return Error::IoError(path + ": cannot open: Permission denied");
          config::Config c;
          c.http = http;
          return c;
        });
  }
};

config::HttpSettings Http(const std::string& host, int port, const std::string& token, bool tls = false) {
  config::HttpSettings h;
  h.listen.host = host;
  h.listen.port = static_cast<std::uint16_t>(port);
  h.listen.ipv6 = host.find(':') != std::string::npos;
  h.token = token;
  if (tls) {
    h.tls_cert = "/etc/tellal/cert.pem";
    h.tls_key = "/etc/tellal/key.pem";
  }
  return h;
}

}  // namespace

TEST_CASE("Flags come before the environment, which comes before the config", "[connection]") {
  Fixture f;
  f.http = Http("127.0.0.1", 8080, "from-config");
  f.env = {{"TELLAL_URL", "http://10.0.0.2:9000"}, {"TELLAL_TOKEN", "from-env"}};

  auto flags = f.Resolve({"http://127.0.0.1:7000", "from-flag", std::nullopt});
  REQUIRE(flags.ok());
  CHECK(flags->url == "http://127.0.0.1:7000");
  CHECK(flags->token == "from-flag");
  CHECK(flags->token_source == "--token");
  CHECK(f.loaded.empty());  // nothing missing, so the config is not read

  auto env = f.Resolve({});
  REQUIRE(env.ok());
  CHECK(env->url == "http://10.0.0.2:9000");
  CHECK(env->token == "from-env");
  CHECK(env->token_source == "TELLAL_TOKEN");
  CHECK(f.loaded.empty());

  f.env = {{"TELLAL_URL", ""}, {"TELLAL_TOKEN", ""}};  // empty counts as unset
  auto config = f.Resolve({std::nullopt, std::nullopt, "/srv/tellal.ini"});
  REQUIRE(config.ok());
  CHECK(config->url == "http://127.0.0.1:8080");
  CHECK(config->token == "from-config");
  CHECK(config->token_source == "/srv/tellal.ini");
  CHECK(f.loaded == std::vector<std::string>{"/srv/tellal.ini"});
}

TEST_CASE("The default config path is the daemon's", "[connection]") {
  Fixture f;
  f.http = Http("127.0.0.1", 8080, "t");
  auto e = f.Resolve({});
  REQUIRE(e.ok());
  CHECK(f.loaded == std::vector<std::string>{"/etc/tellal/tellal.ini"});
}

TEST_CASE("A setting missing from flags and environment is taken from the config alone", "[connection]") {
  Fixture f;
  f.http = Http("127.0.0.1", 8081, "cfg");
  f.env = {{"TELLAL_TOKEN", "env"}};
  auto e = f.Resolve({});
  REQUIRE(e.ok());
  CHECK(e->url == "http://127.0.0.1:8081");
  CHECK(e->token == "env");
}

TEST_CASE("Wildcard listeners are reached over loopback", "[connection]") {
  auto [host, port, url] = GENERATE(table<std::string, int, std::string>({
      {"0.0.0.0", 9000, "http://127.0.0.1:9000"},
      {"::", 8080, "http://[::1]:8080"},
      {"::1", 8080, "http://[::1]:8080"},
      {"192.168.1.10", 80, "http://192.168.1.10:80"},
  }));
  CHECK(UrlForListener(Http(host, port, "t")) == url);
}

TEST_CASE("A TLS listener is refused with what to do instead", "[connection]") {
  Fixture f;
  f.http = Http("0.0.0.0", 8443, "t", /*tls=*/true);
  auto e = f.Resolve({});
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().message ==
        "/etc/tellal/tellal.ini: [http] listens with TLS on https://127.0.0.1:8443, which tellal's built-in client "
        "does not speak; give --url of a plain-HTTP listener on loopback, or use curl");
}

TEST_CASE("An unreadable config is an error only when it was needed for the URL or named", "[connection]") {
  Fixture f;
  f.config_readable = false;

  auto no_url = f.Resolve({});
  REQUIRE_FALSE(no_url.ok());
  CHECK(no_url.error().message ==
        "no API URL: give --url or set TELLAL_URL, or make the daemon's configuration readable "
        "(/etc/tellal/tellal.ini: cannot open: Permission denied)");

  auto named = f.Resolve({"http://127.0.0.1:1", std::nullopt, "/srv/x.ini"});
  REQUIRE_FALSE(named.ok());
  CHECK(named.error().message == "/srv/x.ini: cannot open: Permission denied");

  auto no_token = f.Resolve({"http://127.0.0.1:1", std::nullopt, std::nullopt});
  REQUIRE(no_token.ok());
  CHECK(no_token->token.empty());
  CHECK(no_token->token_source ==
        "none: no --token or TELLAL_TOKEN, and the configuration could not be read "
        "(/etc/tellal/tellal.ini: cannot open: Permission denied)");
}

TEST_CASE("The daemon's own config loader supplies listen and token_file", "[connection]") {
  std::string pattern = (std::filesystem::temp_directory_path() / "tellal-cli-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  const std::filesystem::path dir = pattern;
  std::ofstream(dir / "token") << "  s3cret-token-0123456789\n";
  std::ofstream(dir / "tellal.ini") << "[http]\n"
                                       "listen = [::]:18080\n"
                                       "token_file = token\n"
                                       "\n"
                                       "[modem.sim1]\n"
                                       "device = /dev/tellal/sim1\n";
  auto e = ResolveEndpoint(
      {std::nullopt, std::nullopt, (dir / "tellal.ini").string()}, [](const std::string&) { return std::nullopt; },
      [](const std::string& path) { return config::LoadConfig(path); });
  std::filesystem::remove_all(dir);
  REQUIRE(e.ok());
  CHECK(e->url == "http://[::1]:18080");
  CHECK(e->token == "s3cret-token-0123456789");
}

TEST_CASE("A token with whitespace is refused, naming where it came from", "[connection]") {
  Fixture f;
  f.env = {{"TELLAL_TOKEN", "abc\n"}};
  auto env = f.Resolve({"http://127.0.0.1:1", std::nullopt, std::nullopt});
  REQUIRE_FALSE(env.ok());
  CHECK(env.error().message == "TELLAL_TOKEN: the token contains whitespace or a control character");
  auto flag = f.Resolve({"http://127.0.0.1:1", "a b", std::nullopt});
  REQUIRE_FALSE(flag.ok());
  CHECK(flag.error().message == "--token: the token contains whitespace or a control character");
}

#include "daemon/config/secret_files.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace tellal::config {
namespace {

using testing::TempDir;

std::string Joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const std::string& line : lines) all += line + "\n";
  return all;
}

TEST_CASE("A configuration file holding secrets is reported when other users can read it", "[config][secrets]") {
  auto [name, mode, pin, kannel, token_inline, expected] =
      GENERATE(table<std::string, mode_t, bool, bool, bool, std::string>({
          {"token, world-readable", 0644, false, false, true, "holds the API token and every user"},
          {"everything, world-readable", 0604, true, true, true,
           "holds the API token, SIM PINs and the Kannel password and every user of this machine can read it "
           "(mode 0604)"},
          {"a PIN only", 0644, true, false, false, "holds SIM PINs and every user"},
          {"token, group-readable only", 0640, false, false, true, ""},
          {"token, owner only", 0600, true, true, true, ""},
          {"no secret in it", 0644, false, false, false, ""},
      }));
  INFO(name);
  const TempDir dir;
  Config config;
  config.source_path = dir.Write("tellal.ini", "[http]\n");
  REQUIRE(::chmod(config.source_path.c_str(), mode) == 0);
  if (token_inline) config.http.token = "0123456789abcdef";
  if (pin) {
    ModemSettings modem;
    modem.id = "sim1";
    modem.device = "/dev/x";
    modem.pin = "1234";
    config.modems.push_back(modem);
  }
  if (kannel) config.http.kannel_password = "kannel-secret";
  const std::vector<std::string> warnings = SecretFileWarnings(config);
  INFO(Joined(warnings));
  if (expected.empty()) {
    CHECK(warnings.empty());
  } else {
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::StartsWith(config.source_path + " "));
    CHECK_THAT(warnings[0], Catch::Contains(expected));
    CHECK_THAT(warnings[0], Catch::EndsWith("chmod o-r " + config.source_path));
    // The secrets themselves never appear.
    CHECK_THAT(warnings[0],
               !Catch::Contains("0123456789abcdef") && !Catch::Contains("1234") && !Catch::Contains("kannel-secret"));
  }
}

TEST_CASE("A world-readable token file is reported, a private one is not", "[config][secrets]") {
  const TempDir dir;
  Config config;
  config.source_path = dir.Write("tellal.ini", "[http]\n");
  REQUIRE(::chmod(config.source_path.c_str(), 0644) == 0);  // holds no secret: fine
  config.http.token_file = dir.Write("token", "0123456789abcdef\n");
  config.http.token = "0123456789abcdef";
  REQUIRE(::chmod(config.http.token_file.c_str(), 0644) == 0);
  const std::vector<std::string> warnings = SecretFileWarnings(config);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == config.http.token_file +
                           " holds the API token and every user of this machine can read it (mode 0644); make it "
                           "private: chmod o-r " +
                           config.http.token_file);
  REQUIRE(::chmod(config.http.token_file.c_str(), 0640) == 0);
  CHECK(SecretFileWarnings(config).empty());
}

}  // namespace
}  // namespace tellal::config

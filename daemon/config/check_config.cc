#include "daemon/config/check_config.h"

#include "daemon/config/secret_files.h"

namespace tellal::config {

std::string Summary(const Config& config) {
  std::string modems;
  for (const ModemSettings& modem : config.modems) {
    modems += (modems.empty() ? "" : ", ") + modem.id + (modem.enabled ? "" : " (disabled)");
  }
  const std::size_t count = config.modems.size();
  return config.source_path + ": OK (" + std::to_string(count) + (count == 1 ? " modem: " : " modems: ") + modems + ")";
}

int RunCheckConfig(const std::string& path, const ConfigEnvironment& env, std::ostream& out, std::ostream& err) {
  const Result<Config> config = LoadConfig(path, env);
  if (!config.ok()) {
    err << config.error().message << '\n';
    return 1;
  }
  for (const std::string& warning : SecretFileWarnings(*config)) err << "warning: " << warning << '\n';
  out << Summary(*config) << '\n';
  return 0;
}

}  // namespace tellal::config

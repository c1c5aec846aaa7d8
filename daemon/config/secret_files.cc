#include "daemon/config/secret_files.h"

#include <sys/stat.h>

#include <cstdio>

namespace tellal::config {
namespace {

// "" when the file cannot be examined or only its owner and group can read it.
std::string ReadableByOthers(const std::string& path, const std::string& holds) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0 || (st.st_mode & S_IROTH) == 0) return "";
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
  return path + " holds " + holds + " and every user of this machine can read it (mode " + mode +
         "); make it private: chmod o-r " + path;
}

}  // namespace

std::vector<std::string> SecretFileWarnings(const Config& config) {
  std::vector<std::string> held;
  if (!config.http.token.empty() && config.http.token_file.empty()) held.push_back("the API token");
  for (const ModemSettings& modem : config.modems) {
    if (modem.pin) {
      held.push_back("SIM PINs");
      break;
    }
  }
  if (!config.http.kannel_password.empty()) held.push_back("the Kannel password");
  std::string holds;
  for (std::size_t i = 0; i < held.size(); ++i) {
    holds += (i == 0 ? "" : i + 1 == held.size() ? " and " : ", ") + held[i];
  }

  std::vector<std::string> warnings;
  if (!holds.empty()) {
    if (std::string w = ReadableByOthers(config.source_path, holds); !w.empty()) warnings.push_back(std::move(w));
  }
  if (std::string w = ReadableByOthers(config.http.token_file, "the API token"); !w.empty()) {
    warnings.push_back(std::move(w));
  }
  return warnings;
}

}  // namespace tellal::config

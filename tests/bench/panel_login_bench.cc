// What one panel login costs: crypto_pwhash_str_verify with the Argon2id
// limits `tellal passwd` writes (web/api/session_password.h), timed the
// way the daemon runs it, from a password file, plus the hash itself.
// Figures for choosing the limits and the concurrency bound; run on the
// target (a Raspberry Pi) to see its own.
//
//   panel_login_bench [rounds]     (default 10)
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "web/api/session_password.h"

namespace {

using Clock = std::chrono::steady_clock;

double Millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

void Report(const char* what, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  std::printf("%-28s median %7.1f ms   min %7.1f ms   max %7.1f ms   (%zu rounds)\n", what, ms[ms.size() / 2],
              ms.front(), ms.back(), ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
  std::string pattern = (std::filesystem::temp_directory_path() / "tellal-login-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const std::string file = pattern + "/panel-password";
  std::vector<double> hash_ms, right_ms, wrong_ms;
  for (int i = 0; i < rounds; ++i) {
    const auto t0 = Clock::now();
    auto hash = tellal::web::HashPanelPassword("bench-password-1");
    hash_ms.push_back(Millis(Clock::now() - t0));
    if (!hash || !tellal::web::WritePanelPasswordFile(file, *hash)) {
      std::fprintf(stderr, "cannot hash or store the password\n");
      return 1;
    }
    const auto t1 = Clock::now();
    auto right = tellal::web::CheckPanelPassword(file, "bench-password-1");
    right_ms.push_back(Millis(Clock::now() - t1));
    const auto t2 = Clock::now();
    auto wrong = tellal::web::CheckPanelPassword(file, "bench-password-2");
    wrong_ms.push_back(Millis(Clock::now() - t2));
    if (!right || *right != tellal::web::PasswordCheck::kAccepted || !wrong ||
        *wrong != tellal::web::PasswordCheck::kWrong) {
      std::fprintf(stderr, "the stored password did not verify as expected\n");
      return 1;
    }
  }
  std::filesystem::remove_all(pattern);
  std::printf("Argon2id, OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (64 MiB)\n");
  Report("hash (tellal passwd)", hash_ms);
  Report("login, right password", right_ms);
  Report("login, wrong password", wrong_ms);
  return 0;
}

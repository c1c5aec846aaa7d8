// A private directory under $TMPDIR (or /tmp) for file-backed databases,
// removed with everything in it when the test ends.
#ifndef TELLAL_TESTS_DAEMON_STORE_TEMP_DIR_H_
#define TELLAL_TESTS_DAEMON_STORE_TEMP_DIR_H_

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace tellal::store::testing {

class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/tellal-store-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace tellal::store::testing

#endif  // TELLAL_TESTS_DAEMON_STORE_TEMP_DIR_H_

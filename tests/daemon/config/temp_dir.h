// A fresh directory under $TMPDIR for one test, removed with its contents
// when the test ends.
#ifndef TELLAL_TESTS_DAEMON_CONFIG_TEMP_DIR_H_
#define TELLAL_TESTS_DAEMON_CONFIG_TEMP_DIR_H_

#include <string>
#include <string_view>

namespace tellal::config::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

  // Writes `content` to path()/relative, creating parent directories, and
  // returns the full path.
  std::string Write(std::string_view relative, std::string_view content) const;

  // A zoneinfo tree holding Europe/Istanbul and UTC (TZif magic only) and a
  // zone.tab table; returns its root.
  std::string MakeZoneinfo() const;

 private:
  std::string path_;
};

}  // namespace tellal::config::testing

#endif  // TELLAL_TESTS_DAEMON_CONFIG_TEMP_DIR_H_

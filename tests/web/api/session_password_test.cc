#include "web/api/session_password.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

namespace tellal::web {
namespace {

struct TempDir {
  std::string path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tellal-passwd-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

void WriteText(const std::string& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
}

TEST_CASE("A stored password is accepted and others are not") {
  TempDir dir;
  const std::string file = dir.path + "/panel-password";
  auto hash = HashPanelPassword("doğru parola 1");
  REQUIRE(hash);
  CHECK(hash->starts_with("$argon2id$"));
  REQUIRE(WritePanelPasswordFile(file, *hash));
  CHECK(CheckPanelPassword(file, "doğru parola 1").value() == PasswordCheck::kAccepted);
  auto wrong = GENERATE(as<std::string>{}, "", "doğru parola", "doğru parola 1 ", "DOĞRU PAROLA 1", "dogru parola 1");
  INFO(wrong);
  CHECK(CheckPanelPassword(file, wrong).value() == PasswordCheck::kWrong);
}

TEST_CASE("Two hashes of one password differ (a random salt each)") {
  CHECK(HashPanelPassword("same password").value() != HashPanelPassword("same password").value());
}

TEST_CASE("The file is written with mode 0600 and replaces an older one") {
  TempDir dir;
  const std::string file = dir.path + "/panel-password";
  WriteText(file, "old\n");
  ::chmod(file.c_str(), 0644);
  REQUIRE(WritePanelPasswordFile(file, HashPanelPassword("new password").value()));
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(CheckPanelPassword(file, "new password").value() == PasswordCheck::kAccepted);
  CHECK_FALSE(std::filesystem::exists(file + ".new"));
}

TEST_CASE("No file or an empty one means no password is set") {
  TempDir dir;
  CHECK(CheckPanelPassword(dir.path + "/panel-password", "anything").value() == PasswordCheck::kNotSet);
  WriteText(dir.path + "/empty", "\n");
  CHECK(CheckPanelPassword(dir.path + "/empty", "anything").value() == PasswordCheck::kNotSet);
}

TEST_CASE("A file that holds no Argon2id hash is an error naming it, not a wrong password") {
  TempDir dir;
  const std::string file = dir.path + "/panel-password";
  auto content = GENERATE(as<std::string>{}, "plaintext\n", "$2y$10$bcrypthashbcrypthashbcrypthash\n",
                          "$argon2i$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA\n");
  WriteText(file, content);
  auto checked = CheckPanelPassword(file, "plaintext");
  REQUIRE_FALSE(checked);
  CHECK(checked.error().message.find(file) != std::string::npos);
}

TEST_CASE("Writing into a missing directory fails with the reason") {
  auto written = WritePanelPasswordFile("/nonexistent-tellal-dir/panel-password", "$argon2id$x");
  REQUIRE_FALSE(written);
  CHECK(written.error().message.find("/nonexistent-tellal-dir/panel-password.new") != std::string::npos);
}

}  // namespace
}  // namespace tellal::web

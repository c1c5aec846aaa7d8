#include "web/api/session_password.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace tellal::web {
namespace {

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

std::string DirectoryOf(const std::string& file) {
  const size_t slash = file.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : file.substr(0, slash);
}

}  // namespace

Result<std::string> HashPanelPassword(std::string_view password) {
  if (sodium_init() < 0) return Error::Internal("libsodium could not initialise");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error::Unavailable("crypto_pwhash_str failed: not enough memory for Argon2id's 64 MiB");
  }
  return std::string(hash);
}

Result<PasswordCheck> CheckPanelPassword(const std::string& file, std::string_view password) {
  if (sodium_init() < 0) return Error::Internal("libsodium could not initialise");
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    if (errno == ENOENT) return PasswordCheck::kNotSet;
    return Error::IoError(Errno("cannot read " + file));
  }
  std::ifstream in(file);
  if (!in) return Error::IoError("cannot read " + file + " (its permissions, or its owner, keep tellald out)");
  std::string hash;
  std::getline(in, hash);
  while (!hash.empty() && (hash.back() == '\r' || hash.back() == ' ')) hash.pop_back();
  if (hash.empty()) return PasswordCheck::kNotSet;
  if (hash.size() >= crypto_pwhash_STRBYTES || !hash.starts_with("$argon2id$"))
    return Error::Corruption(file + " does not hold an Argon2id hash; run 'tellal passwd' again");
  // crypto_pwhash_str_verify answers -1 both for a wrong password and for
  // a malformed string; the prefix check above leaves only the former, and
  // the line's form was written by HashPanelPassword.
  if (crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0) return PasswordCheck::kAccepted;
  return PasswordCheck::kWrong;
}

Status WritePanelPasswordFile(const std::string& file, std::string_view hash) {
  const std::string temporary = file + ".new";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return Error::IoError(Errno("cannot create " + temporary));
  std::string line(hash);
  line += '\n';
  bool ok = ::fchmod(fd, 0600) == 0;  // O_CREAT's mode is masked by umask, and an old file keeps its own
  std::string problem = ok ? "" : Errno("cannot chmod " + temporary);
  if (ok && ::geteuid() == 0) {
    struct stat dir {};
    if (::stat(DirectoryOf(file).c_str(), &dir) == 0 && ::fchown(fd, dir.st_uid, dir.st_gid) != 0) {
      ok = false;
      problem = Errno("cannot give " + temporary + " to the state directory's owner");
    }
  }
  if (ok && ::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    ok = false;
    problem = Errno("cannot write " + temporary);
  }
  if (ok && ::fsync(fd) != 0) {
    ok = false;
    problem = Errno("cannot sync " + temporary);
  }
  ::close(fd);
  if (ok && ::rename(temporary.c_str(), file.c_str()) != 0) {
    ok = false;
    problem = Errno("cannot rename " + temporary + " to " + file);
  }
  if (!ok) {
    ::unlink(temporary.c_str());
    return Error::IoError(problem);
  }
  return Status::Ok();
}

}  // namespace tellal::web

#include "modem/vmodem/device_link.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace tellal::vmodem {

Status PointLink(const std::string& link, const std::string& target) {
  const std::string temp = link + ".tmp" + std::to_string(::getpid());
  ::unlink(temp.c_str());
  if (::symlink(target.c_str(), temp.c_str()) != 0) {
    return Error::IoError("symlink " + temp + ": " + std::strerror(errno));
  }
  if (std::rename(temp.c_str(), link.c_str()) != 0) {
    Error error = Error::IoError("rename " + temp + " to " + link + ": " + std::strerror(errno));
    ::unlink(temp.c_str());
    return error;
  }
  return Status::Ok();
}

void RemoveLink(const std::string& link) {
  struct stat st {};
  if (::lstat(link.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) ::unlink(link.c_str());
}

}  // namespace tellal::vmodem

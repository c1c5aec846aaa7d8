#include "private_tmpfs.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace tellal::integration {
namespace {

std::string SysError(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

Result<std::unique_ptr<PrivateTmpfs>> PrivateTmpfs::Mount(size_t bytes) {
  const int original = ::open("/proc/thread-self/ns/mnt", O_RDONLY | O_CLOEXEC);
  if (original < 0) return Error::NotSupported(SysError("open /proc/thread-self/ns/mnt"));
  if (::unshare(CLONE_NEWNS) != 0) {
    const Error e = Error::NotSupported(SysError("unshare(CLONE_NEWNS)"));
    ::close(original);
    return e;
  }
  auto back = [original] {
    if (::setns(original, CLONE_NEWNS) != 0) {
      // Stays in the private namespace: nothing is mounted in it yet.
    }
    ::close(original);
  };
  // systemd makes every mount shared, so a mount made in the new namespace
  // would propagate back to the host's unless the tree is made private first.
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    const Error e = Error::NotSupported(SysError("making / private in the new mount namespace"));
    back();
    return e;
  }
  char pattern[] = "/tmp/tellal-tmpfs-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) {
    const Error e = Error::IoError(SysError("mkdtemp"));
    back();
    return e;
  }
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
  if (::mount("tellal-test", pattern, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, options.c_str()) != 0) {
    const Error e = Error::NotSupported(SysError(std::string("mount -t tmpfs on ") + pattern));
    ::rmdir(pattern);
    back();
    return e;
  }
  return std::unique_ptr<PrivateTmpfs>(new PrivateTmpfs(pattern, original));
}

PrivateTmpfs::~PrivateTmpfs() {
  if (::umount2(path_.c_str(), 0) != 0) ::umount2(path_.c_str(), MNT_DETACH);
  ::rmdir(path_.c_str());
  // Fails while threads started after Mount() still share this thread's
  // file-system context; the namespace then ends with the process.
  if (::setns(original_ns_, CLONE_NEWNS) != 0) {
  }
  ::close(original_ns_);
}

Ballast::~Ballast() { Remove(); }

size_t Ballast::Fill() {
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error(SysError("opening " + path_));
  size_t added = 0;
  const std::vector<char> chunk(1 << 20, 'B');
  // Large writes first, then ever smaller ones for the last partial pages.
  for (size_t size = chunk.size(); size > 0; size /= 16) {
    for (;;) {
      const ssize_t n = ::write(fd, chunk.data(), size);
      if (n > 0) {
        added += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno != ENOSPC) {
        const std::string why = SysError("writing " + path_);
        ::close(fd);
        throw std::runtime_error(why);
      }
      break;
    }
  }
  ::close(fd);
  return added;
}

void Ballast::Remove() { ::unlink(path_.c_str()); }

}  // namespace tellal::integration

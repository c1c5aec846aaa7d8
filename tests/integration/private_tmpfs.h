// PrivateTmpfs: a small tmpfs for a test to fill, mounted in a mount
// namespace of the calling thread's own, so no other process on the machine
// sees it and the kernel removes it when the last process in that namespace
// exits, even after a SIGKILL: a test can never leave a mount behind.
// Processes forked by the calling thread afterwards (the daemon under test)
// share the namespace and so see the mount.
//
// Needs root (CAP_SYS_ADMIN); Mount() says why it cannot mount otherwise,
// for the test to report as a skip.
//
// Threading: create and destroy it on the same thread (the test's), before
// that thread starts other threads that must see the mount.
#ifndef TELLAL_TESTS_INTEGRATION_PRIVATE_TMPFS_H_
#define TELLAL_TESTS_INTEGRATION_PRIVATE_TMPFS_H_

#include <cstddef>
#include <memory>
#include <string>

#include "modem/result.h"

namespace tellal::integration {

class PrivateTmpfs {
 public:
  // Moves the calling thread into a new private mount namespace and mounts
  // a tmpfs of `bytes` on a new directory under /tmp.
  static Result<std::unique_ptr<PrivateTmpfs>> Mount(size_t bytes);
  // Unmounts (lazily when a process still uses it), removes the directory
  // and returns the thread to the mount namespace it came from.
  ~PrivateTmpfs();
  PrivateTmpfs(const PrivateTmpfs&) = delete;
  PrivateTmpfs& operator=(const PrivateTmpfs&) = delete;

  const std::string& path() const { return path_; }

 private:
  PrivateTmpfs(std::string path, int original_namespace) : path_(std::move(path)), original_ns_(original_namespace) {}

  std::string path_;
  int original_ns_;  // fd of the namespace the thread came from
};

// A file that takes whatever room a file system has left, so the writes of
// others fail with ENOSPC, until it is removed.
class Ballast {
 public:
  explicit Ballast(std::string path) : path_(std::move(path)) {}
  // Removes the file if it is still there.
  ~Ballast();
  Ballast(const Ballast&) = delete;
  Ballast& operator=(const Ballast&) = delete;

  // Appends to the file until the file system refuses any more; returns
  // how many bytes that took. Call again to take room freed meanwhile.
  size_t Fill();
  void Remove();

 private:
  std::string path_;
};

}  // namespace tellal::integration

#endif  // TELLAL_TESTS_INTEGRATION_PRIVATE_TMPFS_H_

// Group commit: several store calls made durable by one commit.
//
// While a Group is open, every store call's own transaction becomes a part
// of it (a failing call undoes only itself) and nothing is durable until
// Group::Commit(); destroying the Group uncommitted undoes everything done
// under it. The dispatcher commits each io-loop turn's results this way, and
// the API commits concurrent submissions together.
//
// Thread affinity: the store's thread. Lifetime: a Group must not outlive
// the store that began it; at most one is open at a time per store.
#ifndef TELLAL_DAEMON_STORE_GROUP_COMMIT_H_
#define TELLAL_DAEMON_STORE_GROUP_COMMIT_H_

#include <memory>
#include <utility>

#include "modem/result.h"

namespace tellal::store {

// kConnection: the commit is as durable as any other (the store's own
// setting). kDisk: the commit waits for the disk (fsync) even if the store
// was opened for process-crash durability only — for what a client was
// promised, such as accepted messages, which must survive a power cut.
enum class GroupSync { kConnection, kDisk };

class Group {
 public:
  // The storage engine's side of an open group. Destroying it uncommitted
  // rolls the group back.
  class Handle {
   public:
    virtual ~Handle() = default;
    virtual Status Commit() = 0;
  };

  explicit Group(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}
  Group(Group&&) noexcept = default;
  Group& operator=(Group&&) noexcept = default;

  // Once. On failure nothing of the group is durable.
  Status Commit() { return handle_->Commit(); }

 private:
  std::unique_ptr<Handle> handle_;
};

class GroupCommit {
 public:
  virtual ~GroupCommit() = default;
  virtual Result<Group> BeginGroup(GroupSync sync) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_GROUP_COMMIT_H_

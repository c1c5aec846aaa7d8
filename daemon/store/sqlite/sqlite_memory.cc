#include "daemon/store/sqlite/sqlite_memory.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace tellal::store {
namespace sqlite_memory {
namespace {

// The header keeps blocks 16-byte aligned, as malloc's are.
constexpr std::size_t kHeader = 16;
constexpr int kSmallStep = 32;
constexpr int kSmallLimit = 256;
constexpr int kLargeStep = 256;
constexpr int kPooledLimit = 4096;
constexpr int kClasses = kSmallLimit / kSmallStep + (kPooledLimit - kSmallLimit) / kLargeStep;  // 8 + 15
constexpr std::size_t kMaxBlocksPerClass = 64;
constexpr std::size_t kMaxBytesPerClass = 64 * 1024;

int ClassOf(int usable) {
  if (usable <= kSmallLimit) return usable / kSmallStep - 1;
  return kSmallLimit / kSmallStep + (usable - kSmallLimit) / kLargeStep - 1;
}

std::size_t CapacityOf(int usable) {
  return std::min(kMaxBlocksPerClass, kMaxBytesPerClass / static_cast<std::size_t>(usable));
}

// Trivially destructible, so it stays usable while the thread's other
// thread_local objects are destroyed.
struct FreeLists {
  void* head[kClasses];
  std::size_t count[kClasses];
  bool releaser_registered;
  bool exiting;
};
thread_local FreeLists lists;

std::size_t& UsableOf(void* block) { return *reinterpret_cast<std::size_t*>(static_cast<char*>(block) - kHeader); }
void*& NextOf(void* block) { return *static_cast<void**>(block); }

void FreeToSystem(void* block) { std::free(static_cast<char*>(block) - kHeader); }

void ReleaseAll() {
  for (int c = 0; c < kClasses; ++c) {
    while (lists.head[c] != nullptr) {
      void* block = lists.head[c];
      lists.head[c] = NextOf(block);
      FreeToSystem(block);
    }
    lists.count[c] = 0;
  }
}

// Its destructor empties the lists when the thread exits; constructed in a
// thread the first time that thread keeps a block.
struct ListsReleaser {
  ~ListsReleaser() {
    lists.exiting = true;
    ReleaseAll();
  }
};
thread_local ListsReleaser releaser;

void* AllocateFromSystem(int usable) {
  void* raw = std::malloc(kHeader + static_cast<std::size_t>(usable));
  if (raw == nullptr) return nullptr;
  void* block = static_cast<char*>(raw) + kHeader;
  UsableOf(block) = static_cast<std::size_t>(usable);
  return block;
}

}  // namespace

int Roundup(int bytes) {
  if (bytes <= 0) return 0;
  if (bytes <= kSmallLimit) return (bytes + kSmallStep - 1) / kSmallStep * kSmallStep;
  if (bytes <= kPooledLimit) return (bytes + kLargeStep - 1) / kLargeStep * kLargeStep;
  // Larger than any class: only what malloc aligns to, and no overflow.
  if (bytes > INT32_MAX - 15) return bytes;
  return (bytes + 15) / 16 * 16;
}

void* Allocate(int bytes) {
  if (bytes <= 0) return nullptr;
  const int usable = Roundup(bytes);
  if (usable <= kPooledLimit && !lists.exiting) {
    const int c = ClassOf(usable);
    if (void* block = lists.head[c]; block != nullptr) {
      lists.head[c] = NextOf(block);
      --lists.count[c];
      return block;
    }
  }
  return AllocateFromSystem(usable);
}

void Free(void* block) {
  if (block == nullptr) return;
  const std::size_t usable = UsableOf(block);
  if (usable <= static_cast<std::size_t>(kPooledLimit) && !lists.exiting) {
    const int c = ClassOf(static_cast<int>(usable));
    if (lists.count[c] < CapacityOf(static_cast<int>(usable))) {
      if (!lists.releaser_registered) {
        (void)&releaser;  // its first use in a thread registers its destructor
        lists.releaser_registered = true;
      }
      NextOf(block) = lists.head[c];
      lists.head[c] = block;
      ++lists.count[c];
      return;
    }
  }
  FreeToSystem(block);
}

void* Reallocate(void* block, int bytes) {
  if (block == nullptr) return Allocate(bytes);
  if (bytes <= 0) {
    Free(block);
    return nullptr;
  }
  const std::size_t usable = UsableOf(block);
  if (static_cast<std::size_t>(Roundup(bytes)) == usable) return block;
  void* moved = Allocate(bytes);
  if (moved == nullptr) return nullptr;  // SQLite keeps the old block
  std::memcpy(moved, block, std::min(usable, static_cast<std::size_t>(Roundup(bytes))));
  Free(block);
  return moved;
}

int Size(void* block) { return block == nullptr ? 0 : static_cast<int>(UsableOf(block)); }

std::size_t CachedBlocks() {
  std::size_t n = 0;
  for (int c = 0; c < kClasses; ++c) n += lists.count[c];
  return n;
}

}  // namespace sqlite_memory

#if defined(__SANITIZE_ADDRESS__)

bool InstallSqliteMemory() { return false; }

#else

namespace {

int InitMemory(void*) { return SQLITE_OK; }
void ShutdownMemory(void*) {}

}  // namespace

bool InstallSqliteMemory() {
  static const sqlite3_mem_methods methods = {
      sqlite_memory::Allocate, sqlite_memory::Free, sqlite_memory::Reallocate, sqlite_memory::Size,
      sqlite_memory::Roundup,  InitMemory,          ShutdownMemory,            nullptr,
  };
  return sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK;
}

#endif

}  // namespace tellal::store

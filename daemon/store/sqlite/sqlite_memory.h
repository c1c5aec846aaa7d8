// The allocator SQLite uses in this process.
//
// Why it exists: Debian's SQLite is built with SQLITE_OMIT_LOOKASIDE, so the
// memory every statement step takes and gives back (a cursor of 1-2 KB per
// table or index it opens, each record it builds, each text value) goes
// through malloc and free. glibc's per-thread cache stops at 1032 bytes and
// the rest walks its bins: under callgrind that was a fifth of the store's
// instructions per dispatched message. This allocator keeps what SQLite's
// lookaside would have kept: per thread, a short list of freed blocks for
// each size class up to 4 KB, handed back first.
//
// What it promises:
// - Every block is malloc'd memory behind a 16-byte header that holds its
//   usable size, so any thread may free any block: a freed block joins the
//   freeing thread's list. No locks.
// - Sizes up to 256 bytes are rounded up to a multiple of 32, sizes up to
//   4096 to a multiple of 256 (at most 255 bytes lost per block); larger
//   blocks go straight to malloc and free.
// - Each list is bounded (at most 64 blocks and 64 KB per size class and
//   thread); what does not fit goes back to free(). A thread's lists are
//   freed when the thread exits, and a block freed while its thread exits
//   goes straight to free().
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_MEMORY_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_MEMORY_H_

#include <cstddef>

namespace tellal::store {

// Makes SQLite use the allocator (sqlite3_config(SQLITE_CONFIG_MALLOC)).
// Must run before SQLite's first use in the process; returns false and
// changes nothing when SQLite is already initialised, or in a build with
// AddressSanitizer, which should see each of SQLite's blocks on its own.
bool InstallSqliteMemory();

// The allocator's functions, as SQLite calls them (exposed for tests).
namespace sqlite_memory {
void* Allocate(int bytes);  // nullptr for bytes <= 0 or when malloc fails
void Free(void* block);     // nullptr is ignored
void* Reallocate(void* block, int bytes);
int Size(void* block);  // the usable size: Roundup of the size asked for
int Roundup(int bytes);
// Blocks held in the calling thread's lists.
std::size_t CachedBlocks();
}  // namespace sqlite_memory

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_MEMORY_H_

#include "daemon/store/sqlite/sqlite_memory.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

#include "daemon/store/sqlite/sqlite_handle.h"

namespace mem = tellal::store::sqlite_memory;

TEST_CASE("Sizes round up to a class, larger ones to malloc's alignment", "[sqlite_memory]") {
  const std::vector<std::pair<int, int>> cases = {
      {-1, 0},      {0, 0},       {1, 32},      {32, 32},     {33, 64},     {255, 256},
      {256, 256},   {257, 512},   {1100, 1280}, {2048, 2048}, {4095, 4096}, {4096, 4096},
      {4097, 4112}, {9000, 9008},
  };
  for (const auto& [asked, rounded] : cases) {
    INFO("asked " << asked);
    CHECK(mem::Roundup(asked) == rounded);
  }
}

TEST_CASE("A block has the rounded size, is aligned and writable to its end", "[sqlite_memory]") {
  for (int bytes : {1, 40, 300, 1500, 4096, 5000, 70000}) {
    INFO("bytes " << bytes);
    void* b = mem::Allocate(bytes);
    REQUIRE(b != nullptr);
    CHECK(reinterpret_cast<std::uintptr_t>(b) % 16 == 0);
    CHECK(mem::Size(b) == mem::Roundup(bytes));
    std::memset(b, 0xab, static_cast<std::size_t>(mem::Size(b)));
    mem::Free(b);
  }
  CHECK(mem::Allocate(0) == nullptr);
  CHECK(mem::Size(nullptr) == 0);
  mem::Free(nullptr);
}

TEST_CASE("A freed block is handed back by the next allocation of its class", "[sqlite_memory]") {
  void* first = mem::Allocate(1500);
  const std::size_t cached = mem::CachedBlocks();
  mem::Free(first);
  CHECK(mem::CachedBlocks() == cached + 1);
  void* again = mem::Allocate(1400);  // another size in the same class (1280 < n <= 1536)
  CHECK(again == first);
  CHECK(mem::CachedBlocks() == cached);
  void* other = mem::Allocate(1600);  // the next class: not that block
  CHECK(other != first);
  mem::Free(again);
  mem::Free(other);
}

TEST_CASE("The lists are bounded and large blocks are never kept", "[sqlite_memory]") {
  struct Case {
    int bytes;
    std::size_t kept;  // at most 64 blocks and 64 KB per class
  };
  for (const Case& c : {Case{32, 64}, Case{2048, 32}, Case{4096, 16}, Case{5000, 0}}) {
    INFO("bytes " << c.bytes);
    // Takes whatever the class already holds, and more from the system.
    std::vector<void*> blocks;
    for (int i = 0; i < 200; ++i) blocks.push_back(mem::Allocate(c.bytes));
    const std::size_t emptied = mem::CachedBlocks();
    for (void* b : blocks) mem::Free(b);
    CHECK(mem::CachedBlocks() - emptied == c.kept);
  }
}

TEST_CASE("Reallocate keeps the contents and the block when the class stays", "[sqlite_memory]") {
  auto* b = static_cast<char*>(mem::Allocate(100));
  REQUIRE(b != nullptr);
  for (int i = 0; i < 100; ++i) b[i] = static_cast<char>(i);
  CHECK(mem::Reallocate(b, 120) == b);  // still 128
  auto* grown = static_cast<char*>(mem::Reallocate(b, 3000));
  REQUIRE(grown != nullptr);
  CHECK(mem::Size(grown) == 3072);
  for (int i = 0; i < 100; ++i) CHECK(grown[i] == static_cast<char>(i));
  auto* shrunk = static_cast<char*>(mem::Reallocate(grown, 10));
  REQUIRE(shrunk != nullptr);
  CHECK(mem::Size(shrunk) == 32);
  for (int i = 0; i < 10; ++i) CHECK(shrunk[i] == static_cast<char>(i));
  CHECK(mem::Reallocate(shrunk, 0) == nullptr);  // frees
  void* fresh = mem::Reallocate(nullptr, 50);
  CHECK(mem::Size(fresh) == 64);
  mem::Free(fresh);
}

TEST_CASE("Blocks may be freed on another thread, whose lists go when it exits", "[sqlite_memory]") {
  // The leak checker of the sanitizer build fails this test if a thread's
  // lists outlive it.
  std::vector<void*> blocks;
  for (int i = 0; i < 50; ++i) blocks.push_back(mem::Allocate(700 + i));
  std::size_t kept_there = 0;
  std::thread other([&] {
    for (void* b : blocks) mem::Free(b);
    kept_there = mem::CachedBlocks();
  });
  other.join();
  CHECK(kept_there == 50);
}

TEST_CASE("SQLite runs on it", "[sqlite_memory]") {
  auto db = tellal::store::Database::Open(":memory:");
  REQUIRE(db.ok());
  REQUIRE((*db)->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT); "
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
                      "INSERT INTO t SELECT i, printf('%0500d', i) FROM n;")
              .ok());
  auto q = (*db)->Query("SELECT count(*), sum(length(text)) FROM t");
  REQUIRE(q.ok());
  auto row = q->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  CHECK(q->ColumnInt64(0) == 500);
  CHECK(q->ColumnInt64(1) == 250000);
#if defined(__SANITIZE_ADDRESS__)
  // Not installed: AddressSanitizer sees SQLite's blocks one by one.
  CHECK_FALSE(tellal::store::InstallSqliteMemory());
#else
  // Installed by the first Database::Open: SQLite's freed blocks are here.
  CHECK(mem::CachedBlocks() > 0);
#endif
}

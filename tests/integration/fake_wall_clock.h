// The daemon's wall clock moved by libfaketime (Debian: faketime), for
// integration tests of quiet hours and clock steps: the harness starts
// tellald with libfaketime preloaded, reading its offset from a file the
// test rewrites. The monotonic clock is left alone, as a real step would.
//
// A target using this defines TELLAL_LIBFAKETIME (tests/integration/CMakeLists.txt).
#ifndef TELLAL_TESTS_INTEGRATION_FAKE_WALL_CLOCK_H_
#define TELLAL_TESTS_INTEGRATION_FAKE_WALL_CLOCK_H_

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "daemon_harness.h"

namespace tellal::integration {

// libfaketime reads the offset file again once its cache (1 s, counted in
// whole seconds) expires: up to 2 s after it changed.
inline constexpr std::chrono::milliseconds kFakeTimeRead{2100};

// What libfaketime adds to the daemon's wall clock from now on ("+0",
// "+3600": seconds). Written whole, then renamed, so it is never read half.
inline void SetOffset(const std::string& file, const std::string& offset) {
  const std::string temporary = file + ".new";
  std::ofstream(temporary) << offset << "\n";
  std::filesystem::rename(temporary, file);
}

// The real wall clock, in seconds since the epoch.
inline int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// `options` with the daemon's wall clock following `offset_file`.
inline HarnessOptions WithFakeWallClock(HarnessOptions options, const std::string& offset_file) {
  const char* asan = std::getenv("ASAN_OPTIONS");
  options.Env("LD_PRELOAD=" TELLAL_LIBFAKETIME)
      .Env("FAKETIME_TIMESTAMP_FILE=" + offset_file)
      .Env("FAKETIME_CACHE_DURATION=1")
      .Env("DONT_FAKE_MONOTONIC=1")
      .Env(std::string("ASAN_OPTIONS=") + (asan ? asan : "") + ":verify_asan_link_order=0");
  return options;
}

}  // namespace tellal::integration

#endif  // TELLAL_TESTS_INTEGRATION_FAKE_WALL_CLOCK_H_

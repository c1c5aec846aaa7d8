// The daemon's wall clock steps during a batch, as NTP steps a Raspberry
// Pi's clock after a boot without a real-time clock: +5 years, then back.
// libfaketime (LD_PRELOAD, its offset read from a file the test rewrites)
// moves tellald's wall clock only; its monotonic clock runs on. Nothing may
// stall, expire, be sent twice or reset a SIM's daily count, and records
// made after the step carry the new wall-clock time.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "daemon_harness.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

// What libfaketime adds to the wall clock from now on ("+0", "+5y").
void SetOffset(const std::string& file, const std::string& offset) {
  const std::string temporary = file + ".new";
  std::ofstream(temporary) << offset << "\n";
  std::filesystem::rename(temporary, file);
}

int SentToday(DaemonHarness& h) {
  int total = 0;
  for (const auto& [id, modem] : h.Modems()) total += modem.value("sent_today", 0);
  return total;
}

// Submits 200 messages valid for 5 minutes, steps the clock to `offset`
// once 40 are out, and waits for the batch to end.
void BatchAcrossAStep(DaemonHarness& h, const std::string& file, const std::string& tag, const std::string& offset) {
  const size_t before = h.SubmittedCount();
  const std::vector<int64_t> ids = h.Submit(200, tag, {{"valid_for", 300}});
  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount() >= before + 40; }, 20s));
  SetOffset(file, offset);
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 60s, 50ms));
  CHECK(StateSummary(h.AllMessages(), ids) == "sent:200");
  const TextAudit audit = AuditTexts(h.SubmittedTextCounts(), TaggedTexts(tag, 200));
  INFO(audit.ToString());
  // Earlier batches' texts show as unexpected here; none may be missing or
  // repeated.
  CHECK(audit.duplicated.empty());
  CHECK(audit.missing.empty());
}

TEST_CASE("Clock: the wall clock steps 5 years ahead and back during batches, nothing stalls, expires or repeats",
          "[integration][clock]") {
  const std::string offset_file =
      (std::filesystem::temp_directory_path() / ("tellal-faketime-" + std::to_string(::getpid()))).string();
  SetOffset(offset_file, "+0");
  const char* asan = std::getenv("ASAN_OPTIONS");
  DaemonHarness h(HarnessOptions()
                      .Modems(2)
                      .Latency(40ms)
                      .ModemIni(1, "daily_limit = 250")
                      .ModemIni(2, "daily_limit = 250")
                      .Env("LD_PRELOAD=" TELLAL_LIBFAKETIME)
                      .Env("FAKETIME_TIMESTAMP_FILE=" + offset_file)
                      .Env("FAKETIME_CACHE_DURATION=1")
                      .Env("DONT_FAKE_MONOTONIC=1")
                      // libfaketime is preloaded before the sanitizer runtime.
                      .Env(std::string("ASAN_OPTIONS=") + (asan ? asan : "") + ":verify_asan_link_order=0"));

  BatchAcrossAStep(h, offset_file, "ahead", "+5y");
  CHECK_THAT(h.LogText(), Catch::Contains("clock: the wall clock stepped by +"));
  // The step gave neither SIM a new day.
  CHECK(SentToday(h) == 200);
  // Records made after the step carry the wall clock's time.
  const std::vector<int64_t> probe = h.Submit(1, "probe");
  const json created = h.Get("/api/v1/messages/" + std::to_string(probe[0]));
  CHECK(created.value("created_at", "").substr(0, 4) >= "2031");

  BatchAcrossAStep(h, offset_file, "back", "+0");
  CHECK_THAT(h.LogText(), Catch::Contains("clock: the wall clock stepped by -"));
  CHECK(SentToday(h) == 401);
  std::filesystem::remove(offset_file);
}

}  // namespace
}  // namespace tellal::integration

// The disk under tellald's database fills up while it sends a batch: the
// database lives on a small tmpfs (a private mount, see private_tmpfs.h)
// that a ballast file fills, then empties again. Seen from outside, as a
// client and the network see it: submits are refused with 507 and a JSON
// error naming the full disk, and a refused request leaves nothing behind;
// what was accepted before is neither lost nor sent twice; the log holds a
// line about the outage, not one a second; and once the ballast is gone the
// daemon resumes by itself, without a restart.
//
// Needs root to mount the tmpfs. Without it the test fails with a message
// starting "SKIPPED: no tmpfs", which CTest reports as a skip.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "api_checks.h"
#include "daemon_harness.h"
#include "private_tmpfs.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

// Room for the database, its WAL and the test's margin; the ballast takes
// whatever is left.
constexpr size_t kDiskBytes = 16 << 20;
// Long enough for a daemon that logs the outage once a second (or at every
// retry of its back-off: 1, 2, 4, 8 s) to show it.
constexpr auto kOutage = 12s;

// One POST of messages with these texts, each its own client_ref, as a
// client that retries safely sends them.
ApiReply SubmitTexts(DaemonHarness& h, const std::vector<std::string>& texts) {
  json messages = json::array();
  for (const std::string& text : texts)
    messages.push_back({{"to", "+905321234567"}, {"text", text}, {"client_ref", text}});
  return h.Post("/api/v1/messages", json{{"messages", std::move(messages)}});
}

// The log lines that report the store failing.
std::vector<std::string> StorageLines(const std::string& log) {
  std::vector<std::string> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    std::string lower = line;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* mark : {"disk is full", "no space", "commit failed", "cannot begin", "storage", "sqlite"}) {
      if (lower.find(mark) != std::string::npos) {
        lines.push_back(line);
        break;
      }
    }
  }
  return lines;
}

void CheckStorageFull(const ApiReply& reply) {
  CheckApiError(reply, 507, "storage_full");
  const std::string message = reply.body.is_object() ? reply.body["error"].value("message", "") : "";
  CHECK_THAT(message, Catch::Contains("disk is full"));
}

TEST_CASE(
    "Disk full: during a batch the API refuses with 507 and stores nothing, nothing accepted is lost or "
    "sent twice, one log line, and it recovers by itself",
    "[integration][storage]") {
  auto disk = PrivateTmpfs::Mount(kDiskBytes);
  if (!disk) {
    FAIL("SKIPPED: no tmpfs for the database, so the disk-full test cannot run: "
         << disk.error().message << " (mounting one needs root or CAP_SYS_ADMIN)");
  }
  const std::string state_dir = (*disk)->path();
  Ballast ballast(state_dir + "/ballast");
  DaemonHarness h(HarnessOptions().Modems(2).Latency(100ms).StateDir(state_dir));

  const std::vector<int64_t> before = h.Submit(80, "before");
  std::vector<std::string> expected = TaggedTexts("before", 80);
  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount() >= 10; }, 20s));

  // The disk fills up. Submits still fit while the WAL has room it already
  // took; the first one refused marks the outage. Each attempt takes back
  // what the daemon may have freed meanwhile.
  const size_t log_mark = h.LogText().size();
  REQUIRE(ballast.Fill() > 0);
  std::vector<std::string> refused;
  std::optional<ApiReply> first_refusal;
  int probes = 0;
  REQUIRE(h.WaitUntil(
      [&] {
        ballast.Fill();
        const std::string text = "probe" + std::to_string(probes++);
        ApiReply reply = SubmitTexts(h, {text});
        if (reply.status == 202) {
          expected.push_back(text);
          return false;
        }
        refused.push_back(text);
        first_refusal = std::move(reply);
        return true;
      },
      30s, 50ms));
  INFO(probes << " probe(s) until the first refusal");
  CheckStorageFull(*first_refusal);
  const auto outage_start = Clock::now();
  const size_t sent_at_outage = h.SubmittedCount();

  // While it lasts, every submit is refused the same way.
  for (int round = 0; Clock::now() - outage_start < kOutage; ++round) {
    ballast.Fill();
    std::vector<std::string> texts;
    for (int i = 0; i < 3; ++i) texts.push_back("refused" + std::to_string(round) + "-" + std::to_string(i));
    CheckStorageFull(SubmitTexts(h, texts));
    refused.insert(refused.end(), texts.begin(), texts.end());
    std::this_thread::sleep_for(1s);  // paces the rounds over the outage
  }
  // Nothing is claimed that cannot be recorded: only the sends already in
  // flight when the disk filled (one per modem) may still go out.
  CHECK(h.SubmittedCount() <= sent_at_outage + 2);
  const std::vector<std::string> outage_lines = StorageLines(h.LogText().substr(log_mark));
  {
    std::string shown;
    for (const std::string& line : outage_lines) shown += line + "\n";
    INFO("storage lines logged during a " << kOutage.count() << " s outage:\n" << shown);
    CHECK(!outage_lines.empty());
    CHECK(outage_lines.size() <= 2);
  }

  // Space comes back: the queue moves again without any new request to
  // wake the daemon.
  ballast.Remove();
  const size_t sent_at_recovery = h.SubmittedCount();
  REQUIRE(sent_at_recovery < expected.size());  // something is left to resume
  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount() > sent_at_recovery; }, 60s, 50ms));
  CHECK_THAT(h.LogText().substr(log_mark), Catch::Contains("sending resumes"));

  // The first refused request, sent again as a client would: created now
  // (202), so the refusal had stored nothing under its client_ref.
  const ApiReply retried = SubmitTexts(h, {refused.front()});
  INFO("retry of " << refused.front() << " answered " << retried.status << ": " << retried.raw);
  REQUIRE(retried.status == 202);
  expected.push_back(refused.front());
  const std::vector<int64_t> after = h.Submit(10, "after");
  for (const std::string& text : TaggedTexts("after", 10)) expected.push_back(text);

  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 90s, 100ms));
  CHECK(h.Running());
  CHECK(StateSummary(h.AllMessages(), before) == "sent:80");
  CHECK(StateSummary(h.AllMessages(), after) == "sent:10");

  // Exactly what was accepted went out, once each; nothing refused did.
  const TextAudit audit = AuditTexts(h.SubmittedTextCounts(), expected);
  INFO(audit.ToString());
  CHECK(audit.Clean());
  const std::map<int64_t, json> stored = h.AllMessages();
  std::set<std::string> stored_texts;
  for (const auto& [id, m] : stored) {
    stored_texts.insert(m.value("text", ""));
    CHECK(m.value("state", "") == "sent");
  }
  CHECK(stored.size() == expected.size());
  for (size_t i = 1; i < refused.size(); ++i) {
    INFO("refused request " << refused[i]);
    CHECK(stored_texts.count(refused[i]) == 0);
  }
}

}  // namespace
}  // namespace tellal::integration

// The commercial policy against the real tellald, end to end: consent,
// opt-out by SMS mid-send, quiet hours across a boundary (libfaketime moves
// the daemon's wall clock) and frequency caps across two sends. What the
// virtual modems accepted is the proof: every text names its recipient.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>

#include "daemon/text/rfc3339.h"
#include "daemon_harness.h"
#include "fake_wall_clock.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

// No quiet hours and no caps unless a test asks: the machine's clock may be
// inside the default 21:00-09:00.
constexpr const char* kOpenPolicy = "quiet_hours = none\ncap_per_day = 0\ncap_per_30_days = 0\nreply_number = 3456\n";

std::string Number(int i) { return "+9055500" + std::to_string(10000 + i); }
std::string TextFor(const std::string& number, int n = 0) { return "Kampanya " + std::to_string(n) + " " + number; }

json Commercial(const std::string& number, int n = 0) {
  return json{{"to", number}, {"text", TextFor(number, n)}, {"category", "commercial"}, {"footer", false}};
}

std::vector<int64_t> PostBatch(DaemonHarness& h, const json& messages) {
  const ApiReply reply = h.Post("/api/v1/messages", json{{"messages", messages}});
  INFO(reply.raw.substr(0, 500));
  REQUIRE(reply.status == 202);
  std::vector<int64_t> ids;
  for (const json& m : reply.body["messages"]) ids.push_back(m["id"]);
  return ids;
}

// How many accepted texts name `number`.
int TextsTo(DaemonHarness& h, const std::string& number) {
  int n = 0;
  for (const std::string& t : h.SubmittedTexts()) n += t.ends_with(" " + number) ? 1 : 0;
  return n;
}

std::string ConsentStatus(DaemonHarness& h, const std::string& number) {
  // Kept whole: a range-for over a member of a temporary reads freed memory.
  const json page = h.Get("/api/v1/consents?limit=1000");
  std::string status;
  for (const json& r : page["consents"]) {
    if (r["recipient"] == number) status = r["status"];
  }
  return status;
}

TEST_CASE("Policy: 10,000 commercial messages with 5% of recipients opted out, none reaches them",
          "[integration][policy]") {
  DaemonHarness h(HarnessOptions().Modems(4).CampaignsIni(kOpenPolicy));
  std::set<std::string> refused;
  for (int i = 0; i < 10000; i += 20) {
    const std::string number = Number(i);
    REQUIRE(h.Post("/api/v1/optouts", json{{"number", number}}).status == 201);
    refused.insert(number);
  }
  REQUIRE(refused.size() == 500);
  json batch = json::array();
  for (int i = 0; i < 10000; ++i) batch.push_back(Commercial(Number(i)));
  PostBatch(h, batch);
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 180s, 200ms));

  int to_refused = 0;
  const std::vector<std::string> texts = h.SubmittedTexts();
  for (const std::string& t : texts) to_refused += refused.count(t.substr(t.rfind(' ') + 1));
  CHECK(to_refused == 0);
  CHECK(texts.size() == 9500);
  CHECK(std::set<std::string>(texts.begin(), texts.end()).size() == 9500);  // none twice
  int suppressed = 0;
  for (const auto& [id, m] : h.AllMessages()) {
    if (m["state"] == "suppressed") {
      ++suppressed;
      CHECK(m["error"]["code"] == "opted_out");
      CHECK(refused.count(m["to"]) == 1);
    }
  }
  CHECK(suppressed == 500);
}

TEST_CASE("Policy: an opt-out by SMS mid-send stops that number's commercial messages within a second",
          "[integration][policy]") {
  // One slow modem, so most messages are still queued when DUR arrives.
  DaemonHarness h(HarnessOptions().Modems(1).Latency(100ms).CampaignsIni(kOpenPolicy));
  const std::string leaving = Number(1);
  const std::string staying = Number(2);
  json batch = json::array();
  for (int n = 0; n < 30; ++n) {
    batch.push_back(Commercial(leaving, n));
    batch.push_back(Commercial(staying, n));
  }
  PostBatch(h, batch);
  REQUIRE(h.WaitUntil([&] { return TextsTo(h, leaving) >= 3; }, 20s));
  h.OnModems([&] {
    h.sim(1).ReceiveSms(leaving, "DUR");
    return 0;
  });
  REQUIRE(h.WaitUntil([&] { return ConsentStatus(h, leaving) == "RET"; }, 1s, 20ms));
  std::this_thread::sleep_for(1s);
  const int before = TextsTo(h, leaving);
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 60s, 100ms));
  CHECK(TextsTo(h, leaving) == before);
  CHECK(before < 30);
  CHECK(TextsTo(h, staying) == 30);
  int suppressed = 0;
  for (const auto& [id, m] : h.AllMessages()) suppressed += m["state"] == "suppressed" ? 1 : 0;
  CHECK(suppressed == 30 - before);
}

TEST_CASE("Policy: caps hold across two sends, reminders and other numbers are not capped",
          "[integration][policy]") {
  DaemonHarness h(HarnessOptions().Modems(2).CampaignsIni(
      "quiet_hours = none\ncap_per_day = 1\ncap_per_30_days = 4\nreply_number = 3456\n"));
  json first = json::array();
  for (int i = 0; i < 20; ++i) first.push_back(Commercial(Number(i), 1));
  PostBatch(h, first);
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 30s, 50ms));
  REQUIRE(h.SubmittedCount() == 20);

  json second = json::array();
  for (int i = 0; i < 20; ++i) second.push_back(Commercial(Number(i + 10), 2));  // 10 repeat, 10 new
  second.push_back(json{{"to", Number(0)}, {"text", "Randevunuz yarin 10:00"}});
  const std::vector<int64_t> ids = PostBatch(h, second);
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 30s, 50ms));
  CHECK(h.SubmittedCount() == 20 + 10 + 1);
  const auto messages = h.AllMessages();
  int capped = 0;
  for (size_t k = 0; k < 10; ++k) {
    const json& m = messages.at(ids[k]);
    capped += m["state"] == "suppressed" && m["error"]["code"] == "cap_per_day" ? 1 : 0;
  }
  CHECK(capped == 10);
  CHECK(messages.at(ids[20])["state"] == "sent");
  CHECK(messages.at(ids[20])["category"] == "informational");
}

TEST_CASE("Policy: the footer goes out with a commercial message, without reply_number it is a 409",
          "[integration][policy]") {
  DaemonHarness h(HarnessOptions().Modems(1).CampaignsIni("quiet_hours = none\nreply_number = 3456\n"));
  const ApiReply sent =
      h.Post("/api/v1/messages", json{{"to", Number(1)}, {"text", "Indirim"}, {"category", "commercial"}});
  REQUIRE(sent.status == 202);
  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount() == 1; }, 15s, 50ms));
  CHECK(h.SubmittedTexts()[0] == "Indirim\nRET yazip 3456'a gonderin");

  DaemonHarness plain(HarnessOptions().Modems(1));
  const ApiReply refused =
      plain.Post("/api/v1/messages", json{{"to", Number(1)}, {"text", "Indirim"}, {"category", "commercial"}});
  CHECK(refused.status == 409);
  INFO(refused.raw);
  CHECK(refused.body["error"]["field"] == "category");
  CHECK_THAT(refused.body["error"]["message"].get<std::string>(), Catch::Contains("reply_number"));
}

TEST_CASE("Policy: quiet hours across their start and end, nothing commercial is sent inside",
          "[integration][policy][clock]") {
  const std::string offset_file =
      (std::filesystem::temp_directory_path() / ("tellal-quiet-" + std::to_string(::getpid()))).string();
  SetOffset(offset_file, "+0");
  DaemonHarness h(WithFakeWallClock(HarnessOptions()
                      .Modems(1)
                      .Latency(200ms)
                      .DaemonIni("timezone = UTC")
                      .CampaignsIni("quiet_hours = 21:00-09:00\ncap_per_day = 0\ncap_per_30_days = 0\n"
                                    "reply_number = 3456\n"),
                                    offset_file));
  // The daemon's clock to 20:59:55 UTC of the next day.
  const int64_t now = NowSeconds();
  const int64_t evening = (now / 86400 + 1) * 86400 + 21 * 3600 - 5;
  SetOffset(offset_file, "+" + std::to_string(evening - now));
  std::this_thread::sleep_for(kFakeTimeRead);
  json batch = json::array();
  for (int n = 0; n < 40; ++n) {
    batch.push_back(Commercial(Number(n), n));
    batch.push_back(json{{"to", Number(100 + n)}, {"text", "Bilgi " + std::to_string(n)}});
  }
  const std::vector<int64_t> ids = PostBatch(h, batch);
  // 80 messages at 200 ms take 16 s: the window opens about 3 s in.
  const int64_t opens_ms = (evening + 5) * 1000;
  const int64_t closes_ms = opens_ms + 12 * 3600 * 1000;
  REQUIRE(h.WaitUntil(
      [&] {
        int informational_sent = 0;
        for (const auto& [id, m] : h.AllMessages()) {
          informational_sent += m["state"] == "sent" && m["category"] == "informational" ? 1 : 0;
        }
        return informational_sent == 40;
      },
      60s, 200ms));
  int before_window = 0;
  int held = 0;
  for (const auto& [id, m] : h.AllMessages()) {
    if (m["category"] != "commercial") continue;
    if (m["state"] == "sent") {
      auto at = text::ParseRfc3339(m["sending_at"].get<std::string>());
      REQUIRE(at.ok());
      CHECK(*at < opens_ms);
      ++before_window;
    } else {
      CHECK(m["state"] == "queued");
      auto at = text::ParseRfc3339(m["send_at"].get<std::string>());
      REQUIRE(at.ok());
      CHECK(*at == closes_ms);
      ++held;
    }
  }
  CHECK(before_window + held == 40);
  CHECK(held > 20);  // most came up after 21:00
  const size_t sent_inside = h.SubmittedCount();

  // 09:00:02 the next morning: the held messages go, informational ones
  // never waited.
  SetOffset(offset_file, "+" + std::to_string(evening + 5 + 12 * 3600 + 2 - NowSeconds()));
  std::this_thread::sleep_for(kFakeTimeRead);
  // An idle daemon notices a step within a minute (housekeeping); a new
  // message makes the dispatcher look at the clock at once.
  PostBatch(h, json::array({json{{"to", Number(999)}, {"text", "Bilgi"}}}));
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 60s, 200ms));
  CHECK(h.SubmittedCount() == sent_inside + static_cast<size_t>(held) + 1);
  for (const auto& [id, m] : h.AllMessages()) {
    if (m["category"] != "commercial") continue;
    CHECK(m["state"] == "sent");
    auto at = text::ParseRfc3339(m["sending_at"].get<std::string>());
    REQUIRE(at.ok());
    CHECK((*at < opens_ms || *at >= closes_ms));
  }
  std::filesystem::remove(offset_file);
}

}  // namespace
}  // namespace tellal::integration

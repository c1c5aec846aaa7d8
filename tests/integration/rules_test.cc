// Keyword rules end to end: rules made over the HTTP API, an inbound SMS on
// a virtual modem, and the answer seen as an AT+CMGS on the same modem.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "daemon_harness.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

std::string Number(int i) { return "+9055510" + std::to_string(10000 + i); }

void PostRule(DaemonHarness& h, const json& rule) {
  const ApiReply reply = h.Post("/api/v1/rules", rule);
  INFO(reply.raw);
  REQUIRE(reply.status == 201);
}

void Receive(DaemonHarness& h, int sim, const std::string& from, const std::string& text) {
  h.OnModems([&] {
    h.sim(sim).ReceiveSms(from, text);
    return 0;
  });
}

size_t InboxCount(DaemonHarness& h) { return h.Get("/api/v1/inbox?limit=1000")["messages"].size(); }

int Count(const std::vector<std::string>& texts, const std::string& text) {
  return static_cast<int>(std::count(texts.begin(), texts.end(), text));
}

}  // namespace

TEST_CASE("Rules: a keyword SMS is answered at once by the modem that received it", "[integration][rules]") {
  DaemonHarness h(HarnessOptions().Modems(2));
  PostRule(h, json::parse(R"({"match": {"type": "keyword", "keyword": "BİLGİ"},
      "actions": [{"type": "reply", "text": "Merhaba {name|efendim}, {keyword} icin tesekkurler"}]})"));
  Receive(h, 2, Number(1), "Bilgi lütfen");
  const std::string expected = "Merhaba efendim, bilgi icin tesekkurler";
  REQUIRE(h.WaitUntil([&] { return Count(h.SubmittedTexts(2), expected) == 1; }, 10s));
  CHECK(h.SubmittedTexts(1).empty());
  const json page = h.Get("/api/v1/messages?limit=10");
  REQUIRE(page["messages"].size() == 1);
  CHECK(page["messages"][0]["to"] == Number(1));
  CHECK(page["messages"][0]["modem"] == "sim2");
}

TEST_CASE("Rules: one number gets at most 5 answers in 10 minutes", "[integration][rules]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  PostRule(h, json::parse(R"({"match": {"type": "any"}, "actions": [{"type": "reply", "text": "Otomatik cevap"}]})"));
  for (int i = 0; i < 7; ++i) Receive(h, 1, Number(2), "robot mesaji " + std::to_string(i));
  Receive(h, 1, Number(3), "baska biri");
  REQUIRE(h.WaitUntil([&] { return InboxCount(h) == 8; }, 20s, 50ms));
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 20s, 50ms));
  CHECK(Count(h.SubmittedTexts(1), "Otomatik cevap") == 6);  // five to the robot, one to the other number
  std::string log = h.LogText();
  size_t warnings = 0;
  for (size_t at = log.find("auto_reply_limit"); at != std::string::npos; at = log.find("auto_reply_limit", at + 1))
    ++warnings;
  CHECK(warnings == 1);  // logged once, with the number
  CHECK(log.find("automatic answers to " + Number(2) + " stopped") != std::string::npos);
}

TEST_CASE("Rules: a stop keyword beats a rule for the same word", "[integration][rules]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  PostRule(h, json::parse(R"({"match": {"type": "keyword", "keyword": "DUR"},
      "actions": [{"type": "reply", "text": "kural cevabi"}]})"));
  Receive(h, 1, Number(4), "DUR");
  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount(1) == 1; }, 10s));
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 10s));
  CHECK(Count(h.SubmittedTexts(1), "kural cevabi") == 0);
  const json optouts = h.Get("/api/v1/optouts");
  REQUIRE(optouts["optouts"].size() == 1);
  CHECK(optouts["optouts"][0]["recipient"] == Number(4));
}

TEST_CASE("Rules: tag adds the sender to a group, seen through the contacts API", "[integration][rules]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  REQUIRE(h.Post("/api/v1/groups", json{{"name", "kampanya"}}).status == 201);
  PostRule(h, json::parse(R"({"match": {"type": "keyword", "keyword": "KAMPANYA"},
      "actions": [{"type": "tag", "group": "kampanya"}, {"type": "reply", "text": "Listeye eklendiniz"}]})"));
  Receive(h, 1, Number(5), "kampanya");
  REQUIRE(h.WaitUntil([&] { return h.Get("/api/v1/contacts?group=kampanya")["contacts"].size() == 1; }, 10s, 50ms));
  CHECK(h.Get("/api/v1/contacts?group=kampanya")["contacts"][0]["number"] == Number(5));
  REQUIRE(h.WaitUntil([&] { return Count(h.SubmittedTexts(1), "Listeye eklendiniz") == 1; }, 10s));
}

}  // namespace tellal::integration

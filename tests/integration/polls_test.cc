// SMS polls end to end: polls made over the HTTP API, votes as inbound SMS
// on a virtual modem, answers seen as AT+CMGS on that modem, results read
// back as JSON and CSV.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "daemon_harness.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

std::string Number(int i) { return "+9055520" + std::to_string(10000 + i); }

int64_t PostPoll(DaemonHarness& h, const json& poll) {
  const ApiReply reply = h.Post("/api/v1/polls", poll);
  INFO(reply.raw);
  REQUIRE(reply.status == 201);
  return reply.body["id"].get<int64_t>();
}

json Poll(const std::string& keyword, const std::string& votes) {
  return json{
      {"name", keyword + " anketi"},
      {"keyword", keyword},
      {"options", json::array({{{"keyword", "EVET"}, {"title", "Evet"}}, {{"keyword", "HAYIR"}, {"title", "Hayır"}}})},
      {"votes_per_number", votes},
      {"replies", {{"valid", "{poll}: {title}"}, {"invalid", "Gecersiz oy"}, {"closed", "Anket kapandi"}}}};
}

// Receives one SMS and waits until it is in the inbox, so that a number's
// votes are processed in the order they were sent.
void Vote(DaemonHarness& h, const std::string& from, const std::string& text) {
  const size_t before = h.Get("/api/v1/inbox?limit=1000")["messages"].size();
  h.OnModems([&] {
    h.sim(1).ReceiveSms(from, text);
    return 0;
  });
  REQUIRE(h.WaitUntil([&] { return h.Get("/api/v1/inbox?limit=1000")["messages"].size() == before + 1; }, 10s));
}

int Count(const std::vector<std::string>& texts, const std::string& text) {
  return static_cast<int>(std::count(texts.begin(), texts.end(), text));
}

}  // namespace

TEST_CASE("Polls: once and last, an invalid answer and a closed poll, results as JSON and CSV",
          "[integration][polls]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  const int64_t once = PostPoll(h, Poll("ANKET", "once"));
  const int64_t last = PostPoll(h, Poll("SECIM", "last"));
  json closed = Poll("ESKI", "once");
  closed["closes_at"] = "2020-01-01T00:00:00+03:00";
  PostPoll(h, closed);

  Vote(h, Number(1), "Anket evet");
  Vote(h, Number(1), "anket hayır");  // once: kept, not counted
  Vote(h, Number(2), "ANKET HAYIR");
  Vote(h, Number(3), "anket belki");  // invalid
  Vote(h, Number(1), "secim evet");
  Vote(h, Number(1), "secim hayir");  // last: replaces the first
  Vote(h, Number(4), "eski evet");    // closed
  REQUIRE(h.WaitUntil([&] { return h.Settled() && h.SubmittedCount(1) == 7; }, 20s, 50ms));

  const std::vector<std::string> texts = h.SubmittedTexts(1);
  CHECK(Count(texts, "ANKET anketi: Evet") == 1);
  CHECK(Count(texts, "ANKET anketi: Hayır") == 2);
  CHECK(Count(texts, "Gecersiz oy") == 1);
  CHECK(Count(texts, "SECIM anketi: Evet") == 1);
  CHECK(Count(texts, "SECIM anketi: Hayır") == 1);
  CHECK(Count(texts, "Anket kapandi") == 1);

  const json r = h.Get("/api/v1/polls/" + std::to_string(once) + "/results");
  CHECK(r["options"][0]["votes"] == 1);
  CHECK(r["options"][1]["votes"] == 1);
  CHECK(r["votes"] == 3);
  CHECK(r["counted"] == 2);
  CHECK(r["numbers"] == 2);
  CHECK(r["invalid"] == 1);
  const json s = h.Get("/api/v1/polls/" + std::to_string(last) + "/results");
  CHECK(s["options"][0]["votes"] == 0);
  CHECK(s["options"][1]["votes"] == 1);

  const ApiReply csv = h.Request("GET", "/api/v1/polls/" + std::to_string(once) + "/results?format=csv");
  REQUIRE(csv.status == 200);
  std::vector<std::string> lines;
  for (size_t at = 0, end; (end = csv.raw.find("\r\n", at)) != std::string::npos; at = end + 2)
    lines.push_back(csv.raw.substr(at, end - at));
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "number,option,at,counted");
  CHECK(lines[1].starts_with(Number(1) + ",EVET,"));
  CHECK(lines[1].ends_with(",true"));
  CHECK(lines[2].starts_with(Number(1) + ",HAYIR,"));
  CHECK(lines[2].ends_with(",false"));
  CHECK(lines[4].starts_with(Number(3) + ",,"));
}

}  // namespace tellal::integration

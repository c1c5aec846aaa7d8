// Conversations end to end: an SMS a customer sends to one SIM shows as an
// unread conversation; replies through the conversation go out on that SIM
// (AT+CMGS observed on the virtual modem); the thread shows both in order;
// marking it read clears the count.
#include <catch2/catch.hpp>
#include <string>

#include "daemon_harness.h"

using namespace tellal::integration;
using namespace std::chrono_literals;

namespace {

constexpr const char* kCustomer = "+905551234567";
constexpr const char* kPath = "/api/v1/conversations/%2B905551234567";

json OnlyConversation(DaemonHarness& h) {
  const json list = h.Get("/api/v1/conversations");
  REQUIRE(list["conversations"].size() == 1);
  return list["conversations"][0];
}

}  // namespace

TEST_CASE("Conversations: a reply goes out on the SIM the customer wrote to, threaded after the question",
          "[integration][conversations]") {
  DaemonHarness h(HarnessOptions().Modems(2));
  h.OnModems([&] {
    h.sim(2).ReceiveSms(kCustomer, "Siparişim nerede?");
    return 0;
  });
  REQUIRE(h.WaitUntil([&] { return h.Get("/api/v1/conversations")["conversations"].size() == 1; }, 15s, 50ms));
  json listed = OnlyConversation(h);
  CHECK(listed["number"] == kCustomer);
  CHECK(listed["unread"] == 1);
  CHECK(listed["last_inbound_modem"] == "sim2");
  CHECK(listed["last"]["direction"] == "inbound");
  CHECK(listed["last"]["text"] == "Siparişim nerede?");

  // Several replies: with two idle SIMs, an unpinned message would land on
  // sim1 about half the time, so five on sim2 is the pin at work.
  constexpr int kReplies = 5;
  for (int i = 0; i < kReplies; ++i) {
    ApiReply r = h.Post(std::string(kPath) + "/messages", json{{"text", "Kargoda " + std::to_string(i)}});
    REQUIRE(r.status == 202);
    CHECK(r.body["modem"] == "sim2");
    CHECK(r.body["to"] == kCustomer);
    REQUIRE(r.Header("Location").has_value());
  }
  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount(2) == kReplies; }, 20s, 50ms));
  CHECK(h.SubmittedCount(1) == 0);
  CHECK(h.SubmittedTexts(2)[0] == "Kargoda 0");
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 15s, 50ms));

  const json thread = h.Get(kPath);
  REQUIRE(thread["messages"].size() == kReplies + 1);
  CHECK(thread["messages"][0]["direction"] == "inbound");
  CHECK(thread["messages"][0]["text"] == "Siparişim nerede?");
  CHECK(thread["messages"][0]["modem"] == "sim2");
  for (int i = 1; i <= kReplies; ++i) {
    CHECK(thread["messages"][i]["direction"] == "outbound");
    CHECK(thread["messages"][i]["text"] == "Kargoda " + std::to_string(i - 1));
    CHECK(thread["messages"][i]["modem"] == "sim2");
    CHECK(thread["messages"][i]["state"] == "sent");
  }
  // Reading the thread marked nothing.
  CHECK(thread["unread"] == 1);
  listed = OnlyConversation(h);
  CHECK(listed["unread"] == 1);
  CHECK(listed["last"]["direction"] == "outbound");

  ApiReply read = h.Request("POST", std::string(kPath) + "/read");
  REQUIRE(read.status == 200);
  CHECK(read.body["marked_read"] == 1);
  CHECK(OnlyConversation(h)["unread"] == 0);
  CHECK(h.Get(kPath)["messages"][0]["read"] == true);

  // The customer writes again, to sim1 now: unread again, and the next
  // reply follows to sim1.
  h.OnModems([&] {
    h.sim(1).ReceiveSms(kCustomer, "Teşekkürler");
    return 0;
  });
  REQUIRE(h.WaitUntil([&] { return OnlyConversation(h)["unread"] == 1; }, 15s, 50ms));
  CHECK(OnlyConversation(h)["last_inbound_modem"] == "sim1");
  ApiReply again = h.Post(std::string(kPath) + "/messages", json{{"text", "Rica ederiz"}});
  REQUIRE(again.status == 202);
  CHECK(again.body["modem"] == "sim1");
  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount(1) == 1; }, 15s, 50ms));
  CHECK(h.SubmittedTexts(1)[0] == "Rica ederiz");
}

TEST_CASE("Conversations: malformed or unknown numbers in the path", "[integration][conversations]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  ApiReply bad = h.Request("GET", "/api/v1/conversations/12ab");
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["field"] == "number");
  ApiReply unknown = h.Request("GET", kPath);
  CHECK(unknown.status == 404);
  ApiReply reply_bad = h.Post(std::string(kPath) + "/messages", json{{"text", "x"}, {"modem", "sim1"}});
  CHECK(reply_bad.status == 400);
  CHECK(reply_bad.body["error"]["field"] == "modem");
}

TEST_CASE("Conversations: a number that never wrote is not listed, but its outbound thread can be read",
          "[integration][conversations]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  ApiReply sent = h.Post("/api/v1/messages", json{{"to", kCustomer}, {"text", "Randevunuz yarın 10:00"}});
  REQUIRE(sent.status == 202);
  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount(1) == 1; }, 15s, 50ms));
  CHECK(h.Get("/api/v1/conversations")["conversations"].empty());
  ApiReply thread = h.Request("GET", kPath);
  REQUIRE(thread.status == 200);
  CHECK(thread.body["number"] == kCustomer);
  CHECK(thread.body["unread"] == 0);
  CHECK(thread.body["last_inbound_modem"].is_null());
  REQUIRE(thread.body["messages"].size() == 1);
  CHECK(thread.body["messages"][0]["direction"] == "outbound");
  CHECK(thread.body["messages"][0]["text"] == "Randevunuz yarın 10:00");
}

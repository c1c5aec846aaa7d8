// Contacts, consent and opt-out by SMS against the real tellald: the HTTP
// API as a client uses it, and a "Dur" arriving at a virtual modem.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "daemon_harness.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

ApiReply PostCsv(DaemonHarness& h, const std::string& csv) {
  return h.RawRequest("POST", "/api/v1/contacts/import", csv,
                      {{"Authorization", "Bearer " + h.token()}, {"Content-Type", "text/csv; charset=utf-8"}});
}

// The number's current consent status ("ONAY", "RET"), or "" when none.
std::string Status(DaemonHarness& h, const std::string& number) {
  const json page = h.Get("/api/v1/consents?limit=1000");
  std::string status;
  for (const json& r : page["consents"]) {
    if (r["recipient"] == number) status = r["status"];
  }
  return status;
}

TEST_CASE("Contacts: create, read, change, list by group and delete over HTTP", "[integration][audience]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  REQUIRE(h.Post("/api/v1/groups", json{{"name", "müşteriler"}}).status == 201);
  ApiReply created = h.Post("/api/v1/contacts", json{{"number", "0532 000 00 01"},
                                                     {"name", "Gülşen Işık"},
                                                     {"attributes", {{"şehir", "Iğdır"}}},
                                                     {"groups", {"müşteriler"}}});
  INFO(created.raw);
  REQUIRE(created.status == 201);
  const int64_t id = created.body["id"];
  const std::string path = "/api/v1/contacts/" + std::to_string(id);
  CHECK(h.Get(path)["number"] == "+905320000001");
  CHECK(h.Get(path)["attributes"]["şehir"] == "Iğdır");
  CHECK(h.Post("/api/v1/contacts", json{{"number", "+905320000001"}}).status == 409);

  ApiReply patched = h.Request("PATCH", path, json{{"name", "Gülşen Öz"}});
  REQUIRE(patched.status == 200);
  CHECK(patched.body["name"] == "Gülşen Öz");
  const json listed = h.Get("/api/v1/contacts?group=m%C3%BC%C5%9Fteriler&q=GULSEN");
  REQUIRE(listed["contacts"].size() == 1);
  CHECK(listed["contacts"][0]["id"] == id);

  CHECK(h.Request("DELETE", path).status == 200);
  CHECK(h.Request("GET", path).status == 404);
}

TEST_CASE("Contacts: a CSV import upserts by number and reports the rows it refused", "[integration][audience]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  REQUIRE(h.Post("/api/v1/contacts", json{{"number", "+905320000001"}, {"name", "Eski"}}).status == 201);
  ApiReply report = PostCsv(h,
                            "\xEF\xBB\xBF"
                            "Telefon;Ad Soyad;Şehir\r\n"
                            "0532 000 00 01;Yeni Ad;Ankara\r\n"
                            "05320000002;\"Şahin; Çağrı\";İzmir\r\n"
                            "yok;Kimse;Van\r\n"
                            "05320000003;eksik\r\n");
  INFO(report.raw);
  REQUIRE(report.status == 200);
  CHECK(report.body["created"] == 1);
  CHECK(report.body["updated"] == 1);
  REQUIRE(report.body["rejected"].size() == 2);
  CHECK(report.body["rejected"][0]["row"] == 4);
  CHECK(report.body["rejected"][0]["field"] == "Telefon");
  CHECK(report.body["rejected"][1]["row"] == 5);
  CHECK(report.body["rejected"][1]["field"].is_null());
  const json all = h.Get("/api/v1/contacts");
  REQUIRE(all["contacts"].size() == 2);
  CHECK(all["contacts"][0]["name"] == "Şahin; Çağrı");
  CHECK(all["contacts"][1]["name"] == "Yeni Ad");
  CHECK(all["contacts"][1]["attributes"]["Şehir"] == "Ankara");
}

TEST_CASE("Contacts: an import may exceed max_body_kib up to its own limit, other bodies may not",
          "[integration][audience]") {
  DaemonHarness h(HarnessOptions().Modems(1).HttpIni("max_body_kib = 16\nimport_max_body_kib = 1024\n"));
  std::string csv = "number,name\n";
  for (int i = 0; i < 2000; ++i) csv += "+9053210" + std::to_string(10000 + i) + ",Müşteri " + std::to_string(i) + "\n";
  REQUIRE(csv.size() > 16 * 1024);
  ApiReply report = PostCsv(h, csv);
  INFO(report.raw.substr(0, 500));
  REQUIRE(report.status == 200);
  CHECK(report.body["created"] == 2000);
  CHECK(report.body["rejected"].empty());
  ApiReply too_big = h.RawRequest("POST", "/api/v1/messages", std::string(20 * 1024, ' '),
                                  {{"Authorization", "Bearer " + h.token()}, {"Content-Type", "application/json"}});
  CHECK(too_big.status == 413);
}

TEST_CASE("Opt-out by SMS: Dur records RET within a second and is answered once from the same SIM",
          "[integration][audience]") {
  DaemonHarness h(HarnessOptions().Modems(2));
  const std::string sender = "+905551234567";
  h.OnModems([&] {
    h.sim(2).ReceiveSms(sender, " Dur! ");
    return 0;
  });
  CHECK(h.WaitUntil([&] { return Status(h, sender) == "RET"; }, 1s, 20ms));
  const json optouts = h.Get("/api/v1/optouts");
  REQUIRE(optouts["optouts"].size() == 1);
  CHECK(optouts["optouts"][0]["source"] == "HS_MESAJ");
  CHECK(optouts["optouts"][0]["modem"] == "sim2");
  CHECK(optouts["optouts"][0]["inbox_id"].is_number_integer());
  // The answer goes out from sim2, the SIM the refusal reached, and only once.
  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount(2) == 1; }, 15s, 50ms));
  CHECK_THAT(h.SubmittedTexts(2)[0], Catch::Contains("BASLA"));
  CHECK(h.SubmittedCount(1) == 0);
  // One answer was queued at all (pinned to sim2), not one per attempt.
  const auto messages = h.AllMessages();
  REQUIRE(messages.size() == 1);
  CHECK(messages.begin()->second["to"] == sender);
  CHECK(h.SubmittedCount() == 1);
}

TEST_CASE("Opt-out by SMS: a sentence that contains DUR or IPTAL is only an inbox message", "[integration][audience]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  const std::string sender = "+905559876543";
  h.OnModems([&] {
    h.sim(1).ReceiveSms(sender, "durum nedir");
    h.sim(1).ReceiveSms(sender, "siparişimi iptal edin");
    return 0;
  });
  REQUIRE(h.WaitUntil([&] { return h.Get("/api/v1/inbox")["messages"].size() == 2; }, 15s, 50ms));
  CHECK(Status(h, sender).empty());
  CHECK(h.Get("/api/v1/optouts")["optouts"].empty());
  CHECK(h.SubmittedCount() == 0);
}

TEST_CASE("Blocked list: a message accepted before the block is never sent, others are", "[integration][audience]") {
  // One modem, slow enough that both messages are still queued when the
  // number is blocked: the check is at send time, not only at acceptance.
  DaemonHarness h(HarnessOptions().Modems(1).Latency(300ms));
  const ApiReply first = h.Post("/api/v1/messages", json{{"to", "+905550000001"}, {"text", "ilk"}});
  REQUIRE(first.status == 202);
  const ApiReply later = h.Post("/api/v1/messages", json{{"to", "+905550000002"}, {"text", "engelli"}});
  REQUIRE(later.status == 202);
  const ApiReply last = h.Post("/api/v1/messages", json{{"to", "+905550000003"}, {"text", "son"}});
  REQUIRE(last.status == 202);
  REQUIRE(h.Post("/api/v1/blocked", json{{"number", "+905550000002"}, {"reason", "istemiyor"}}).status == 201);

  const std::string path = "/api/v1/messages/" + std::to_string(later.body["id"].get<int64_t>());
  REQUIRE(h.WaitUntil([&] { return h.Get(path)["state"] == "suppressed"; }, 15s, 50ms));
  CHECK(h.Get(path)["error"]["code"] == "blocked");
  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount() == 2; }, 15s, 50ms));
  const std::vector<std::string> texts = h.SubmittedTexts();
  CHECK(std::find(texts.begin(), texts.end(), "engelli") == texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "son") != texts.end());
}

}  // namespace
}  // namespace tellal::integration

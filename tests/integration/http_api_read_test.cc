// Reading what the daemon holds, over HTTP against the real tellald: one
// message with its parts, the paginated and filtered listing, cancelling,
// scheduling, the inbox fed by the virtual modems, and the modem list.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "api_checks.h"
#include "daemon/cli/api_client.h"
#include "daemon/cli/api_command.h"
#include "daemon/net/url.h"
#include "daemon/text/rfc3339.h"
#include "daemon_harness.h"
#include "http_tools.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

json Message(DaemonHarness& h, int64_t id) { return h.Get("/api/v1/messages/" + std::to_string(id)); }

int64_t Millis(const json& timestamp) {
  REQUIRE(timestamp.is_string());
  const auto at = text::ParseRfc3339(timestamp.get<std::string>());
  REQUIRE(at.ok());
  return *at;
}

// Walks every page of `path` (a listing with its query, without limit and
// cursor), `limit` at a time. Returns the ids in the order listed; fails
// the test on a page that repeats an id or breaks the newest-first order.
std::vector<int64_t> WalkPages(DaemonHarness& h, const std::string& path, int limit, int* pages = nullptr) {
  std::vector<int64_t> ids;
  std::string cursor;
  int count = 0;
  const char separator = path.find('?') == std::string::npos ? '?' : '&';
  do {
    const std::string page_path = path + separator + "limit=" + std::to_string(limit) +
                                  (cursor.empty() ? "" : "&cursor=" + net::PercentEncode(cursor));
    json page = h.Get(page_path);
    INFO("page " << count << ": " << page_path);
    REQUIRE(page["messages"].is_array());
    CHECK(page["messages"].size() <= static_cast<size_t>(limit));
    for (json& m : page["messages"]) {
      const int64_t id = m.at("id").get<int64_t>();
      if (!ids.empty()) CHECK(id < ids.back());  // newest first, so no repeats either
      ids.push_back(id);
    }
    REQUIRE((page["next_cursor"].is_null() || page["next_cursor"].is_string()));
    cursor = page["next_cursor"].is_string() ? page["next_cursor"].get<std::string>() : "";
    // A cursor is only handed out with a full page.
    if (!cursor.empty()) CHECK(page["messages"].size() == static_cast<size_t>(limit));
    REQUIRE(++count < 1000);
  } while (!cursor.empty());
  if (pages) *pages = count;
  return ids;
}

std::set<int64_t> AsSet(const std::vector<int64_t>& ids) { return {ids.begin(), ids.end()}; }

TEST_CASE("API message: GET shows state, parts, modem, attempts and time stamps through to delivery", "[api]") {
  // The network reports back half a second after the send, as a real one
  // does (seconds, in fact), not in the same breath as +CMGS.
  DaemonHarness h(HarnessOptions().Modems(2).Modem([](int, vmodem::Options& o) { o.status_report_delay = 500ms; }));
  const std::string text(200, 'd');  // two GSM 7-bit segments
  ApiReply posted = h.Post("/api/v1/messages", {{"to", "05321234567"},
                                                {"text", text},
                                                {"report", true},
                                                {"modem", "sim2"},
                                                {"priority", "otp"},
                                                {"valid_for", 3600},
                                                {"client_ref", "detail-1"}});
  INFO(posted.raw);
  REQUIRE(posted.status == 202);
  const int64_t id = posted.body["id"].get<int64_t>();
  REQUIRE(h.WaitUntil([&] { return Message(h, id)["state"] == "delivered"; }, 20s, 50ms));

  json m = Message(h, id);
  INFO(m.dump(2));
  // Every member is there; what is not known is null, never missing.
  for (const char* key :
       {"id",         "client_ref",   "to",           "text",          "encoding", "segments",     "priority",
        "state",      "modem",        "pinned_modem", "attempts",      "error",    "report",       "flash",
        "created_at", "send_at",      "valid_until",  "sending_at",    "sent_at",  "delivered_at", "failed_at",
        "expired_at", "cancelled_at", "unknown_at",   "segment_states"}) {
    INFO("member " << key);
    CHECK(m.contains(key));
  }
  CHECK(m["id"] == id);
  CHECK(m["client_ref"] == "detail-1");
  CHECK(m["to"] == "+905321234567");
  CHECK(m["text"] == text);
  CHECK(m["encoding"] == "gsm7");
  CHECK(m["segments"] == 2);
  CHECK(m["priority"] == "otp");
  CHECK(m["modem"] == "sim2");
  CHECK(m["pinned_modem"] == "sim2");
  CHECK(m["attempts"] == 1);
  CHECK(m["error"].is_null());
  CHECK(m["report"] == true);
  CHECK(m["flash"] == false);
  CHECK(m["send_at"] == m["created_at"]);  // not scheduled: due when accepted
  for (const char* key : {"failed_at", "expired_at", "cancelled_at", "unknown_at"}) CHECK(m[key].is_null());
  for (const char* key : {"created_at", "valid_until", "sent_at", "delivered_at"}) {
    INFO(key << " = " << m[key]);
    REQUIRE(m[key].is_string());
    CHECK(IsApiTimestamp(m[key].get<std::string>()));
  }
  CHECK(Millis(m["created_at"]) <= Millis(m["sent_at"]));
  CHECK(Millis(m["sent_at"]) <= Millis(m["delivered_at"]));
  // valid_for counts from acceptance.
  CHECK(Millis(m["valid_until"]) - Millis(m["created_at"]) >= 3595 * 1000);
  CHECK(Millis(m["valid_until"]) - Millis(m["created_at"]) <= 3605 * 1000);

  // The parts, each with the reference the modem answered to AT+CMGS.
  const std::vector<uint8_t> references = h.OnModems([&] {
    std::vector<uint8_t> mrs;
    for (const vmodem::SubmittedMessage& s : h.sim(2).submitted()) mrs.push_back(s.message_reference);
    return mrs;
  });
  REQUIRE(references.size() == 2);
  CHECK(h.SubmittedCount(1) == 0);
  json& parts = m["segment_states"];
  REQUIRE(parts.size() == 2);
  std::set<int> mrs;
  for (size_t i = 0; i < parts.size(); ++i) {
    INFO("part " << i << ": " << parts[i].dump());
    if (i > 0) CHECK(parts[i]["seq"].get<int>() == parts[i - 1]["seq"].get<int>() + 1);
    CHECK(parts[i]["state"] == "delivered");
    CHECK(parts[i]["modem"] == "sim2");
    REQUIRE(parts[i]["mr"].is_number_integer());
    mrs.insert(parts[i]["mr"].get<int>());
    CHECK(IsApiTimestamp(parts[i].value("sent_at", "")));
    CHECK(IsApiTimestamp(parts[i].value("reported_at", "")));
  }
  CHECK(mrs == std::set<int>{references[0], references[1]});
  // The network was asked for reports and for the validity period.
  for (const pdu::DecodedPdu& p : SubmittedPdus(h, 2)) {
    CHECK(p.report_requested);
    REQUIRE(p.validity_minutes.has_value());
    CHECK(*p.validity_minutes >= 55);
    CHECK(*p.validity_minutes <= 60);
  }

  CheckApiError(h.Request("GET", "/api/v1/messages/987654"), 404, "not_found");
  for (const char* bad : {"abc", "-1", "1.5", "12x"}) {
    INFO("id " << bad);
    CheckApiError(h.Request("GET", std::string("/api/v1/messages/") + bad), 400, "invalid_parameter", "id");
  }
}

TEST_CASE("API listing: pages walk every message once, newest first, and filters by state, to and since", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(2));
  const std::vector<int64_t> sent = h.Submit(30, "now");
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 30s, 50ms));
  const std::string later = Rfc3339Utc(std::chrono::system_clock::now() + 1h);
  const std::vector<int64_t> waiting = h.Submit(27, "later", {{"send_at", later}});
  ApiReply other = h.Post("/api/v1/messages", {{"to", "+905551112233"}, {"text", "other"}, {"send_at", later}});
  REQUIRE(other.status == 202);
  const int64_t other_id = other.body["id"].get<int64_t>();

  std::set<int64_t> all = AsSet(sent);
  all.insert(waiting.begin(), waiting.end());
  all.insert(other_id);
  REQUIRE(all.size() == 58);

  SECTION("every page in turn, in several page sizes") {
    for (int limit : {1, 7, 29, 58, 1000}) {
      INFO("limit " << limit);
      int pages = 0;
      const std::vector<int64_t> walked = WalkPages(h, "/api/v1/messages", limit, &pages);
      CHECK(walked.size() == all.size());
      CHECK(AsSet(walked) == all);
      // The server looks one past the page, so the last page is never empty.
      CHECK(pages == (58 + limit - 1) / limit);
    }
    // Without a limit, a page of the default size still starts newest first.
    json first = h.Get("/api/v1/messages");
    REQUIRE(!first["messages"].empty());
    CHECK(first["messages"][0]["id"] == other_id);
  }
  SECTION("filters") {
    std::set<int64_t> queued = AsSet(waiting);
    queued.insert(other_id);
    std::set<int64_t> to_main = AsSet(sent);
    to_main.insert(waiting.begin(), waiting.end());
    const std::string since = net::PercentEncode(Message(h, waiting[0])["created_at"].get<std::string>());
    struct Row {
      std::string query;
      std::set<int64_t> expected;
    };
    const std::vector<Row> rows = {
        {"state=queued", queued},
        {"state=sent", AsSet(sent)},
        {"state=delivered", {}},
        {"state=cancelled", {}},
        {"to=05551112233", {other_id}},
        {"to=%2B905551112233", {other_id}},
        {"to=5321234567", to_main},
        {"to=%2B905329999999", {}},
        {"since=" + since, queued},
        {"since=" + net::PercentEncode(Rfc3339Utc(std::chrono::system_clock::now() - 1h)), all},
        {"since=" + net::PercentEncode(later), {}},
        {"state=queued&to=05551112233", {other_id}},
        {"state=sent&to=05551112233", {}},
        {"state=queued&since=" + since + "&to=05321234567", AsSet(waiting)},
        {"state=&to=", all},  // empty values count as absent
    };
    for (const Row& row : rows) {
      INFO("?" << row.query);
      const std::vector<int64_t> walked = WalkPages(h, "/api/v1/messages?" + row.query, 10);
      CHECK(walked.size() == row.expected.size());
      CHECK(AsSet(walked) == row.expected);
    }
  }
}

TEST_CASE("API listing: a bad query parameter is 400 naming it", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  struct Row {
    std::string path;
    std::string parameter;
  };
  const std::vector<Row> rows = {
      {"/api/v1/messages?limit=0", "limit"},
      {"/api/v1/messages?limit=1001", "limit"},
      {"/api/v1/messages?limit=ten", "limit"},
      {"/api/v1/messages?limit=-5", "limit"},
      {"/api/v1/messages?state=lost", "state"},
      {"/api/v1/messages?to=call-me", "to"},
      {"/api/v1/messages?since=yesterday", "since"},
      {"/api/v1/messages?since=2026-01-01T10:00:00", "since"},
      {"/api/v1/messages?cursor=not-a-cursor", "cursor"},
      {"/api/v1/messages?cursor=%01%02", "cursor"},
      {"/api/v1/messages?colour=red", "colour"},
      {"/api/v1/messages?limit=5&limit=6", "limit"},
      {"/api/v1/messages?from=%2B905551112233", "from"},
      {"/api/v1/inbox?limit=0", "limit"},
      {"/api/v1/inbox?since=noon", "since"},
      {"/api/v1/inbox?cursor=not-a-cursor", "cursor"},
      {"/api/v1/inbox?state=sent", "state"},
      {"/api/v1/inbox?to=%2B905551112233", "to"},
  };
  for (const Row& row : rows) {
    INFO(row.path);
    CheckApiError(h.Request("GET", row.path), 400, "invalid_parameter", row.parameter);
  }
}

TEST_CASE(
    "API cancel: DELETE cancels a queued message, which is then never sent, 409 once it is not queued, 404 for none",
    "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  const auto now = std::chrono::system_clock::now();
  // Due in 2 s, and a marker due a second after it: once the marker is
  // sent, the cancelled message would have gone before it.
  ApiReply doomed =
      h.Post("/api/v1/messages", {{"to", "05321234567"}, {"text", "cancel me"}, {"send_at", Rfc3339Utc(now + 2s)}});
  REQUIRE(doomed.status == 202);
  const int64_t id = doomed.body["id"].get<int64_t>();
  const std::string path = "/api/v1/messages/" + std::to_string(id);

  ApiReply cancelled = h.Request("DELETE", path);
  INFO(cancelled.raw);
  REQUIRE(cancelled.status == 200);
  CHECK(cancelled.body["id"] == id);
  CHECK(cancelled.body["state"] == "cancelled");
  CHECK(IsApiTimestamp(cancelled.body.value("cancelled_at", "")));
  CHECK(Message(h, id)["state"] == "cancelled");

  ApiReply marker =
      h.Post("/api/v1/messages", {{"to", "05321234567"}, {"text", "marker"}, {"send_at", Rfc3339Utc(now + 3s)}});
  REQUIRE(marker.status == 202);
  const int64_t marker_id = marker.body["id"].get<int64_t>();
  REQUIRE(h.WaitUntil([&] { return Message(h, marker_id)["state"] == "sent"; }, 20s, 50ms));
  CHECK(h.SubmittedTexts() == std::vector<std::string>{"marker"});
  CHECK(Message(h, id)["state"] == "cancelled");

  // Cancelled already, and sent already: both too late.
  ApiReply twice = h.Request("DELETE", path);
  CheckApiError(twice, 409, "not_cancellable");
  CHECK(twice.body["error"].value("message", "").find("cancelled") != std::string::npos);
  ApiReply too_late = h.Request("DELETE", "/api/v1/messages/" + std::to_string(marker_id));
  CheckApiError(too_late, 409, "not_cancellable");
  CHECK(too_late.body["error"].value("message", "").find("sent") != std::string::npos);
  CHECK(Message(h, marker_id)["state"] == "sent");

  CheckApiError(h.Request("DELETE", "/api/v1/messages/987654"), 404, "not_found");
  CheckApiError(h.Request("DELETE", "/api/v1/messages/abc"), 400, "invalid_parameter", "id");
  CHECK(WalkPages(h, "/api/v1/messages?state=cancelled", 10) == std::vector<int64_t>{id});
}

TEST_CASE("API scheduling: a message with send_at waits for its time, and the listing shows that time", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  const std::string send_at = Rfc3339Utc(std::chrono::system_clock::now() + 2s);
  ApiReply posted = h.Post("/api/v1/messages", {{"to", "05321234567"}, {"text", "scheduled"}, {"send_at", send_at}});
  REQUIRE(posted.status == 202);
  const int64_t id = posted.body["id"].get<int64_t>();
  CHECK(Millis(Message(h, id)["send_at"]) == *text::ParseRfc3339(send_at));

  REQUIRE(h.WaitUntil([&] { return Message(h, id)["state"] == "sent"; }, 20s, 50ms));
  json m = Message(h, id);
  INFO(m.dump());
  CHECK(Millis(m["sent_at"]) >= *text::ParseRfc3339(send_at));
  CHECK(h.SubmittedTexts() == std::vector<std::string>{"scheduled"});
}

TEST_CASE("API inbox: received SMS are listed with sender, time, modem and parts, and from, since and pages work",
          "[api]") {
  DaemonHarness h(HarnessOptions().Modems(2));
  const std::string long_text(200, 'L');  // two parts
  h.OnModems([&] {
    h.sim(1).ReceiveSms("+905551112233", "Merhaba");
    h.sim(2).ReceiveSms("+905554445566", "EVET");
    h.sim(1).ReceiveSms("05557778899", "national sender");
    h.sim(2).ReceiveSms("+905551112233", long_text);
    h.sim(1).ReceiveSms("TELLAL", "alphanumeric sender");
    return 0;
  });
  std::vector<int64_t> five;
  REQUIRE(h.WaitUntil([&] { return (five = WalkPages(h, "/api/v1/inbox", 100)).size() == 5; }, 20s, 50ms));

  std::map<std::string, json> by_text;
  json listed = h.Get("/api/v1/inbox?limit=100");
  for (json& m : listed["messages"]) by_text[m.value("text", "")] = m;
  struct Row {
    std::string text;
    std::string from;
    std::string modem;
    int parts;
  };
  const std::vector<Row> rows = {
      {"Merhaba", "+905551112233", "sim1", 1},         {"EVET", "+905554445566", "sim2", 1},
      {"national sender", "+905557778899", "sim1", 1}, {long_text, "+905551112233", "sim2", 2},
      {"alphanumeric sender", "TELLAL", "sim1", 1},
  };
  INFO("inbox: " << listed.dump(1));
  for (const Row& row : rows) {
    INFO("text " << row.text.substr(0, 30));
    REQUIRE(by_text.count(row.text));
    json& m = by_text[row.text];
    INFO(m.dump());
    CHECK(m["id"].is_number_integer());
    CHECK(m["from"] == row.from);
    CHECK(m["modem"] == row.modem);
    CHECK(m["parts"] == row.parts);
    CHECK(m["parts_received"] == row.parts);
    CHECK(m["partial"] == false);
    CHECK(IsApiTimestamp(m.value("received_at", "")));
    CHECK(m.contains("smsc_time"));
    CHECK(m.contains("sim"));
  }

  SECTION("from, in any form a person types it") {
    struct FromRow {
      std::string query;
      std::set<std::string> texts;
    };
    const std::vector<FromRow> from_rows = {
        {"from=05551112233", {"Merhaba", long_text}},
        {"from=%2B905551112233", {"Merhaba", long_text}},
        {"from=905554445566", {"EVET"}},
        {"from=%2B905557778899", {"national sender"}},
        {"from=TELLAL", {"alphanumeric sender"}},
        {"from=%2B905550000000", {}},
    };
    for (const FromRow& row : from_rows) {
      INFO("?" << row.query);
      std::set<std::string> texts;
      json page = h.Get("/api/v1/inbox?" + row.query);
      for (json& m : page["messages"]) texts.insert(m.value("text", ""));
      CHECK(texts == row.texts);
    }
  }
  SECTION("pages") {
    for (int limit : {1, 2, 4}) {
      INFO("limit " << limit);
      const std::vector<int64_t> walked = WalkPages(h, "/api/v1/inbox", limit);
      CHECK(walked == five);
    }
  }
  SECTION("since") {
    int64_t newest = 0;
    std::string newest_text;
    for (const auto& [text, m] : by_text) {
      if (Millis(m["received_at"]) > newest) {
        newest = Millis(m["received_at"]);
        newest_text = m["received_at"].get<std::string>();
      }
    }
    h.OnModems([&] {
      h.sim(2).ReceiveSms("+905559990000", "later");
      return 0;
    });
    REQUIRE(h.WaitUntil([&] { return WalkPages(h, "/api/v1/inbox", 100).size() == 6; }, 20s, 50ms));
    std::set<std::string> texts;
    json page = h.Get("/api/v1/inbox?since=" + net::PercentEncode(newest_text));
    for (json& m : page["messages"]) {
      CHECK(Millis(m["received_at"]) >= newest);
      texts.insert(m.value("text", ""));
    }
    CHECK(texts.count("later") == 1);
    // Exactly the ones at or after that instant.
    size_t at_or_after = 1;
    for (const auto& [text, m] : by_text) at_or_after += Millis(m["received_at"]) >= newest ? 1 : 0;
    CHECK(texts.size() == at_or_after);
  }
}

TEST_CASE("API modems: each configured modem with its state, identity, signal, limits and counters", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(2).ModemIni(2, "daily_limit = 100\nrate_per_minute = 30"));
  h.Submit(3, "via-sim1", {{"modem", "sim1"}});
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 20s, 50ms));
  REQUIRE(h.WaitUntil([&] { return h.ModemState("sim1") == "ready" && h.ModemState("sim2") == "ready"; }, 10s));

  json reply = h.Get("/api/v1/modems");
  INFO(reply.dump(2));
  REQUIRE(reply["modems"].size() == 2);
  for (int n = 1; n <= 2; ++n) {
    json& m = reply["modems"][static_cast<size_t>(n - 1)];
    INFO("sim" << n);
    CHECK(m["id"] == "sim" + std::to_string(n));
    CHECK(m["state"] == "ready");
    CHECK(m["device"] == h.dir() + "/dev/sim" + std::to_string(n));
    CHECK(m["manufacturer"] == "tellal");
    CHECK(m["model"] == "virtual");
    CHECK(m["imsi"] == "28601000000000" + std::to_string(n));
    CHECK(m["iccid"] == "899001000000000000" + std::to_string(n));
    CHECK(m["imei"] == "35693803564380" + std::to_string(n));
    CHECK(m["operator"] == "Turkcell");
    CHECK(m["signal_dbm"] == -73);  // AT+CSQ 20 (TS 27.007 §8.5)
    CHECK(m["signal_bars"] == 5);
    CHECK(m["registration"] == "home");
    CHECK(m["failed_total"] == 0);
    CHECK(m["last_error"].is_null());
  }
  json& sim1 = reply["modems"][0];
  json& sim2 = reply["modems"][1];
  CHECK(sim1["sent_today"] == 3);
  CHECK(sim1["sent_total"] == 3);
  CHECK(sim1["daily_limit"].is_null());
  CHECK(sim1["rate_per_minute"].is_null());
  CHECK(sim1["queue_share"] == 1.0);
  CHECK(sim2["sent_today"] == 0);
  CHECK(sim2["daily_limit"] == 100);
  CHECK(sim2["rate_per_minute"] == 30);
  CHECK(sim2["queue_share"] == 0.0);
}

}  // namespace
}  // namespace tellal::integration

// What comes back from the network: delivery reports for sent messages, and
// inbound messages (single, multipart, and left on the SIM while the daemon
// was not running).
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <thread>

#include "daemon_harness.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

json Message(DaemonHarness& h, int64_t id) { return h.Get("/api/v1/messages/" + std::to_string(id)); }

// Characters (code points) in UTF-8 text.
size_t CodePoints(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Bytes in the UTF-8 sequence that starts with `lead`.
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// `pattern` repeated and cut to exactly `count` characters.
std::string RepeatToLength(const std::string& pattern, size_t count) {
  std::string out;
  size_t chars = 0;
  size_t i = 0;
  while (chars < count) {
    // One whole UTF-8 sequence at a time, never half a character.
    const size_t len = SequenceLength(static_cast<unsigned char>(pattern[i]));
    out.append(pattern, i, len);
    ++chars;
    i = (i + len) % pattern.size();
  }
  return out;
}

// The inbox entries whose text is `text`.
std::vector<json> InboxEntries(DaemonHarness& h, const std::string& text) {
  std::vector<json> found;
  const json inbox = h.Get("/api/v1/inbox?limit=1000");
  for (const json& m : inbox["messages"]) {
    if (m.value("text", "") == text) found.push_back(m);
  }
  return found;
}

TEST_CASE("Delivery reports: +CDS marks a message delivered, a failure status marks it failed", "[integration]") {
  // sim2 sends no report by itself, so the test chooses the status.
  DaemonHarness h(HarnessOptions().Modems(2).Modem([](int n, vmodem::Options& o) {
    if (n == 2) o.status_reports = false;
  }));
  const int64_t delivered = h.Submit(1, "dlr-ok", {{"report", true}, {"modem", "sim1"}})[0];
  const int64_t refused = h.Submit(1, "dlr-fail", {{"report", true}, {"modem", "sim2"}})[0];

  CHECK(h.WaitUntil([&] { return Message(h, delivered)["state"] == "delivered"; }, 15s, 50ms));
  const json ok = Message(h, delivered);
  INFO("delivered message: " << ok.dump());
  CHECK(ok["state"] == "delivered");
  CHECK(ok["delivered_at"].is_string());
  REQUIRE(ok["segment_states"].size() == 1);
  CHECK(ok["segment_states"][0]["state"] == "delivered");
  CHECK(h.SubmittedTexts(1) == std::vector<std::string>{"dlr-ok0"});

  REQUIRE(h.WaitUntil([&] { return Message(h, refused)["state"] == "sent"; }, 15s, 50ms));
  const json sent = Message(h, refused);
  INFO("sent message: " << sent.dump());
  REQUIRE(sent["segment_states"].size() == 1);
  REQUIRE(sent["segment_states"][0]["mr"].is_number_integer());
  const int mr = sent["segment_states"][0]["mr"].get<int>();
  const int modem_mr = h.OnModems([&] {
    const auto& submitted = h.sim(2).submitted();
    return submitted.size() == 1 ? static_cast<int>(submitted[0].message_reference) : -1;
  });
  CHECK(mr == modem_mr);

  // TP-ST 0x41: incompatible destination, a permanent error (TS 23.040 §9.2.3.15).
  h.OnModems([&] {
    h.sim(2).SendStatusReport(static_cast<uint8_t>(mr), 0x41);
    return 0;
  });
  CHECK(h.WaitUntil([&] { return Message(h, refused)["state"] == "failed"; }, 15s, 50ms));
  const json failed = Message(h, refused);
  INFO("after the failure report: " << failed.dump());
  CHECK(failed["state"] == "failed");
  CHECK(failed["segment_states"][0]["state"] == "failed");
}

TEST_CASE("Delivery reports: a part's report that comes while later parts are still being sent is not lost",
          "[integration]") {
  // Each part takes 800 ms to send and its report follows 100 ms after its
  // +CMGS, so the first two reports arrive before the message is sent.
  DaemonHarness h(
      HarnessOptions().Modems(1).Latency(800ms).Modem([](int, vmodem::Options& o) { o.status_report_delay = 100ms; }));
  const std::string text = RepeatToLength("Uzun bir mesaj. ", 400);  // 3 GSM 7-bit parts
  const ApiReply r = h.Post("/api/v1/messages", {{"to", "+905321234567"}, {"text", text}, {"report", true}});
  REQUIRE(r.status == 202);
  const int64_t id = r.body["id"].get<int64_t>();
  REQUIRE(r.body["segments"] == 3);
  CHECK(h.WaitUntil([&] { return Message(h, id)["state"] == "delivered"; }, 20s, 50ms));
  const json m = Message(h, id);
  INFO(m.dump());
  REQUIRE(m["segment_states"].size() == 3);
  for (const json& part : m["segment_states"]) CHECK(part["state"] == "delivered");
}

TEST_CASE("Inbound: long GSM 7-bit and Turkish/emoji messages are reassembled, listed once, and removed from the SIM",
          "[integration]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  const std::string latin = RepeatToLength("Pack my box with five dozen liquor jugs, said the clerk at 09:45. ", 400);
  const std::string turkish = RepeatToLength("Günaydın Ayşe! Şubat'ta İğdır'a gidiyoruz 😀 çok güzel ölçü. ", 150);
  REQUIRE(CodePoints(latin) == 400);
  REQUIRE(CodePoints(turkish) == 150);

  const auto [latin_parts, turkish_parts] = h.OnModems([&] {
    const size_t a = h.sim(1).ReceiveSms("+905551112233", latin).size();
    const size_t b = h.sim(1).ReceiveSms("+905554445566", turkish).size();
    return std::pair<size_t, size_t>(a, b);
  });
  REQUIRE(latin_parts == 3);  // 153 + 153 + 94 septets
  REQUIRE(turkish_parts > 1);

  CHECK(h.WaitUntil([&] { return InboxEntries(h, latin).size() == 1 && InboxEntries(h, turkish).size() == 1; }, 15s,
                    50ms));
  CHECK(h.WaitUntil([&] { return h.OnModems([&] { return h.sim(1).stored_messages(); }) == 0; }, 10s, 50ms));
  // A second look after the SIM is empty: nothing listed twice, nothing
  // left over as a partial fragment.
  std::this_thread::sleep_for(1s);
  const json inbox = h.Get("/api/v1/inbox?limit=1000")["messages"];
  INFO("inbox: " << inbox.dump());
  CHECK(inbox.size() == 2);

  const std::vector<json> a = InboxEntries(h, latin);
  REQUIRE(a.size() == 1);
  CHECK(a[0]["from"] == "+905551112233");
  CHECK(a[0]["modem"] == "sim1");
  CHECK(a[0]["parts"] == 3);
  CHECK(a[0]["partial"] == false);

  const std::vector<json> b = InboxEntries(h, turkish);
  REQUIRE(b.size() == 1);
  CHECK(b[0]["from"] == "+905554445566");
  CHECK(b[0]["parts"] == turkish_parts);
  CHECK(b[0]["partial"] == false);
}

TEST_CASE("Inbound: a message left on the SIM before the daemon started is found at start-up", "[integration]") {
  DaemonHarness h(HarnessOptions().Modems(1).DontStart());
  const std::string text = "Stored while nobody had the port open";
  h.OnModems([&] {
    h.sim(1).StoreSmsSilently("+905557778899", text);
    return 0;
  });
  h.Start();

  CHECK(h.WaitUntil([&] { return InboxEntries(h, text).size() == 1; }, 15s, 50ms));
  CHECK(h.WaitUntil([&] { return h.OnModems([&] { return h.sim(1).stored_messages(); }) == 0; }, 10s, 50ms));
  const std::vector<json> found = InboxEntries(h, text);
  REQUIRE(found.size() == 1);
  CHECK(found[0]["from"] == "+905557778899");
  CHECK(found[0]["partial"] == false);
}

// SMS-DELIVER `i` (0..99) of a flood nothing can decode, from +90555111 00<i>:
// even ones announce compressed user data (TS 23.038 §4), odd ones a
// TP-UDL longer than their user data.
std::string UndecodablePdu(int i) {
  // TP-OA semi-octets swap each digit pair (TS 23.040 §9.1.2.3).
  const std::string last_pair{static_cast<char>('0' + i % 10), static_cast<char>('0' + i / 10)};
  // No SMSC, SMS-DELIVER, 12 international digits, TP-PID 0.
  const std::string head = "00040C910955151100" + last_pair + "00";
  const std::string scts = "62106010000021";  // 2026-01-06T01:00:00+03:00
  // TP-DCS 0x20 with one octet of user data; or TP-UDL 10 with two octets.
  return head + (i % 2 == 0 ? "20" + scts + "0141" : "00" + scts + "0A4141");
}

TEST_CASE("Inbound: 40 undecodable PDUs on a 30-slot SIM all reach the inbox flagged, and the next message too",
          "[integration]") {
  DaemonHarness h(HarnessOptions().Modems(1).Modem([](int, vmodem::Options& o) { o.sim_capacity = 30; }));
  std::map<std::string, std::string> flood;  // raw PDU -> the reason's stable name
  for (int i = 0; i < 40; ++i) {
    flood[UndecodablePdu(i)] = i % 2 == 0 ? "compressed-user-data: " : "truncated-user-data: ";
  }
  REQUIRE(flood.size() == 40);
  const std::string after = "After the flood";
  h.OnModems([&] {
    for (int i = 0; i < 40; ++i) h.sim(1).DeliverPdu(UndecodablePdu(i));
    // Ten wait at the network for room; the normal message waits behind them.
    h.sim(1).ReceiveSms("+905551112233", after);
    return 0;
  });

  // Before: the 30 that fitted stayed on the SIM for ever, and nothing else came in.
  CHECK(h.WaitUntil([&] { return InboxEntries(h, after).size() == 1; }, 30s, 100ms));
  CHECK(h.WaitUntil(
      [&] { return h.OnModems([&] { return h.sim(1).stored_messages() + h.sim(1).waiting_at_network(); }) == 0; }, 10s,
      50ms));
  const json inbox = h.Get("/api/v1/inbox?limit=1000")["messages"];
  INFO("inbox: " << inbox.dump());
  CHECK(inbox.size() == 41);
  std::map<std::string, std::string> kept;
  for (const json& m : inbox) {
    if (m["undecodable"] != true) {
      CHECK(m["text"] == after);
      CHECK(m["raw_pdu"].is_null());
      CHECK(m["undecodable_reason"].is_null());
      continue;
    }
    INFO(m.dump());
    const std::string reason = m["undecodable_reason"].get<std::string>();
    kept[m["raw_pdu"].get<std::string>()] = reason.substr(0, reason.find(' ') + 1);
    CHECK(m["text"] == "");
    CHECK(m["modem"] == "sim1");
    CHECK(m["from"].get<std::string>().starts_with("+9055511100"));
    CHECK(m["smsc_time"] == "2026-01-06T01:00:00+03:00");
  }
  CHECK(kept == flood);
}

}  // namespace
}  // namespace tellal::integration

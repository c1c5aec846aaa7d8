// InboundProcessor with a real SQLite store on a temporary directory: SMS
// and status reports as a driver hands them up, built with the project's
// PDU encoder and read with its decoder exactly as the driver does.
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/core/inbound_processor.h"
#include "daemon/store/sqlite/sqlite_store.h"
#include "modem/pdu/pdu_decoder.h"
#include "modem/pdu/pdu_encoder.h"
#include "tests/daemon/store/temp_dir.h"
#include "tests/support/network_pdus.h"

namespace tellal::core {
namespace {

constexpr store::Millis kT0 = 1'780'000'000'000;
constexpr store::Millis kSecond = 1000;
constexpr store::Millis kHour = 3'600'000;
constexpr const char* kModem = "gsm0";
constexpr const char* kSim = "286010000000001";

std::unique_ptr<store::SqliteStore> OpenStore(const std::string& path) {
  auto s = store::SqliteStore::Open(path);
  if (!s.ok()) FAIL(s.error().message);
  return std::move(s).value();
}

using testing::Scts;
using testing::StatusReportFor;

// The parts of a text from `from` as SIM slots first_index, first_index + 1, ...
std::vector<modem::InboundPdu> Deliver(const std::string& from, const std::string& text, uint8_t ref = 0x42,
                                       int first_index = 1, pdu::PlanOptions plan = {}) {
  pdu::DeliverOptions o;
  o.from = from;
  o.smsc = "+905329000000";
  o.scts = Scts(first_index % 60);
  o.plan = plan;
  o.concat_ref = ref;
  auto parts = pdu::EncodeDeliver(text, o);
  if (!parts.ok()) FAIL(parts.error().message);
  std::vector<modem::InboundPdu> out;
  int index = first_index;
  for (const pdu::EncodedPdu& p : *parts) {
    modem::InboundPdu in;
    in.index = index++;
    in.pdu_hex = p.hex;
    in.decoded = pdu::DecodePdu(p.hex);
    REQUIRE(in.decoded.ok());
    out.push_back(std::move(in));
  }
  return out;
}

// A text long enough for three GSM 7-bit parts.
std::string ThreePartText() {
  std::string s;
  for (int i = 0; s.size() < 400; ++i) s += "Parca " + std::to_string(i) + " randevu hatirlatma. ";
  return s;
}

struct Rig {
  store::testing::TempDir dir;
  std::string path = dir.File("tellal.db");
  std::unique_ptr<store::SqliteStore> store = OpenStore(path);
  std::ostringstream log_text;
  std::shared_ptr<spdlog::logger> log =
      std::make_shared<spdlog::logger>("inbound-test", std::make_shared<spdlog::sinks::ostream_sink_st>(log_text));
  store::Millis clock = kT0;
  std::unique_ptr<InboundProcessor> processor;
  std::vector<store::InboxMessage> inbox_events;
  int confirmations = 0;

  explicit Rig(store::Millis report_window = 7LL * 24 * kHour) {
    log->set_level(spdlog::level::debug);
    InboundOptions o;
    o.default_country = "90";
    o.report_window = report_window;
    o.log = log;
    o.now = [this] { return clock; };
    processor = std::make_unique<InboundProcessor>(store->inbox(), store->queue(), o);
    processor->OnInbox([this](const store::InboxMessage& m) { inbox_events.push_back(m); });
  }

  // Hands `pdu` up; returns whether the SIM copy was released for deletion.
  bool Handle(const modem::InboundPdu& pdu, const std::string& sim = kSim, const std::string& modem = kModem) {
    bool confirmed = false;
    processor->HandleMessage(modem, sim, pdu, [&] {
      confirmed = true;
      ++confirmations;
    });
    return confirmed;
  }

  bool HandleReport(const modem::StatusReport& report, const std::string& modem = kModem) {
    bool confirmed = false;
    processor->HandleStatusReport(modem, report, [&] { confirmed = true; });
    return confirmed;
  }

  std::vector<store::InboxMessage> Inbox() {
    auto page = store->inbox().ListInbox({}, 1000, "");
    REQUIRE(page.ok());
    return page->items;
  }

  store::Message Get(int64_t id) {
    auto m = store->queue().GetMessage(id);
    REQUIRE(m.ok());
    REQUIRE(m->has_value());
    return **m;
  }

  std::vector<store::SegmentRecord> Segments(int64_t id) {
    auto s = store->queue().ListSegments(id);
    REQUIRE(s.ok());
    return *s;
  }

  // An outbound message that went out through `modem` with one TP-MR per
  // segment at `at`, as the dispatcher records it.
  int64_t Sent(const std::vector<int>& mrs, store::Millis at, const std::string& to = "+905321234567",
               std::optional<std::string> dlr_url = std::nullopt, const std::string& modem = kModem,
               bool mark_sent = true) {
    store::NewMessage n;
    n.to = to;
    n.text = std::string(mrs.size() == 1 ? 20 : 153 * mrs.size(), 'o');
    n.encoding = "gsm7";
    n.segments = static_cast<int>(mrs.size());
    n.report_requested = true;
    n.dlr_mask = dlr_url ? 31 : 0;
    n.dlr_url = std::move(dlr_url);
    auto queued = store->queue().Enqueue(n, at);
    REQUIRE(queued.ok());
    auto claimed = store->queue().ClaimNext(modem, at);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->has_value());
    REQUIRE((*claimed)->id == queued->id);
    for (size_t i = 0; i < mrs.size(); ++i) {
      REQUIRE(store->queue().MarkSegmentSent(queued->id, static_cast<int>(i) + 1, modem, mrs[i], at).ok());
    }
    if (mark_sent) REQUIRE(store->queue().MarkSent(queued->id, at).ok());
    return queued->id;
  }
};

TEST_CASE("AMessageIsCommittedBeforeItsSimSlotIsReleased", "[inbound_processor]") {
  Rig rig;
  // Inbox sizes another connection saw at each confirmation.
  std::vector<size_t> seen_by_another_connection;
  std::vector<modem::InboundPdu> pdus = Deliver("+905551110000", "Merhaba, yarin 10:00 uygun mu?", 0, 7);
  REQUIRE(pdus.size() == 1);
  rig.processor->HandleMessage(kModem, kSim, pdus[0], [&] {
    // What a crash right now would leave: only what is on disk.
    auto other = OpenStore(rig.path);
    auto page = other->inbox().ListInbox({}, 10, "");
    REQUIRE(page.ok());
    seen_by_another_connection.push_back(page->items.size());
  });
  CHECK(seen_by_another_connection == std::vector<size_t>{1});

  const std::vector<store::InboxMessage> inbox = rig.Inbox();
  REQUIRE(inbox.size() == 1);
  const store::InboxMessage& m = inbox[0];
  CHECK(m.text == "Merhaba, yarin 10:00 uygun mu?");
  CHECK(m.sender == "+905551110000");
  CHECK(m.modem == kModem);
  CHECK(m.sim == std::optional<std::string>(kSim));
  CHECK(m.smsc_time == "2026-06-01T10:00:07+03:00");
  CHECK(m.received_at == kT0);
  CHECK(m.parts_received == 1);
  CHECK(m.parts_total == 1);
  CHECK_FALSE(m.partial);
  REQUIRE(rig.inbox_events.size() == 1);
  CHECK(rig.inbox_events[0].id == m.id);
  CHECK(rig.inbox_events[0].text == m.text);
  CHECK(rig.processor->inbound_total() == 1);
}

TEST_CASE("AnUnknownSimIsStoredAsAbsent", "[inbound_processor]") {
  Rig rig;
  REQUIRE(rig.Handle(Deliver("+905551110000", "selam")[0], ""));
  const std::vector<store::InboxMessage> inbox = rig.Inbox();
  REQUIRE(inbox.size() == 1);
  CHECK_FALSE(inbox[0].sim.has_value());
}

TEST_CASE("MultipartMessagesAreReassembledInAnyArrivalOrder", "[inbound_processor]") {
  const std::vector<int> order =
      GENERATE(std::vector<int>{0, 1, 2}, std::vector<int>{0, 2, 1}, std::vector<int>{1, 0, 2},
               std::vector<int>{1, 2, 0}, std::vector<int>{2, 0, 1}, std::vector<int>{2, 1, 0});
  CAPTURE(order);
  Rig rig;
  const std::string text = ThreePartText();
  std::vector<modem::InboundPdu> parts = Deliver("+905551110000", text, 0x99);
  REQUIRE(parts.size() == 3);
  for (size_t i = 0; i < order.size(); ++i) {
    rig.clock = kT0 + static_cast<store::Millis>(i) * kSecond;
    // Every part is stored, and only then released from the SIM.
    CHECK(rig.Handle(parts[static_cast<size_t>(order[i])]));
    const bool last = i + 1 == order.size();
    CHECK(rig.Inbox().size() == (last ? 1u : 0u));
    CHECK(rig.inbox_events.size() == (last ? 1u : 0u));
  }
  const std::vector<store::InboxMessage> inbox = rig.Inbox();
  REQUIRE(inbox.size() == 1);
  CHECK(inbox[0].text == text);
  CHECK(inbox[0].parts_total == 3);
  CHECK(inbox[0].parts_received == 3);
  CHECK_FALSE(inbox[0].partial);
  CHECK(inbox[0].sender == "+905551110000");
  CHECK(rig.processor->inbound_total() == 1);
  CHECK(rig.confirmations == 3);
}

TEST_CASE("SetsAreKeptApartBySenderReferenceAndTotal", "[inbound_processor]") {
  Rig rig;
  // Same reference from two senders; the same sender and reference with a
  // different part count; and a different reference.
  const std::string two = std::string(150, 'a') + std::string(150, 'b');
  const std::string three = std::string(200, 'c') + std::string(200, 'd');
  const std::string other = std::string(150, 'e') + std::string(150, 'f');
  std::vector<modem::InboundPdu> a5 = Deliver("+905551110000", two, 5);
  std::vector<modem::InboundPdu> b5 = Deliver("+905552220000", other, 5);
  std::vector<modem::InboundPdu> a5_three = Deliver("+905551110000", three, 5);
  std::vector<modem::InboundPdu> a6 = Deliver("+905551110000", other + "!", 6);
  REQUIRE(a5.size() == 2);
  REQUIRE(b5.size() == 2);
  REQUIRE(a5_three.size() == 3);
  REQUIRE(a6.size() == 2);
  for (const modem::InboundPdu* p :
       {&a5[0], &b5[1], &a5_three[2], &a6[1], &a5_three[0], &b5[0], &a6[0], &a5[1], &a5_three[1]}) {
    REQUIRE(rig.Handle(*p));
  }
  std::vector<store::InboxMessage> inbox = rig.Inbox();
  REQUIRE(inbox.size() == 4);
  std::vector<std::pair<std::string, std::string>> got;
  for (const store::InboxMessage& m : inbox) {
    CHECK_FALSE(m.partial);
    got.emplace_back(m.sender, m.text);
  }
  std::sort(got.begin(), got.end());
  std::vector<std::pair<std::string, std::string>> want = {
      {"+905551110000", two}, {"+905551110000", three}, {"+905551110000", other + "!"}, {"+905552220000", other}};
  std::sort(want.begin(), want.end());
  CHECK(got == want);
  CHECK(rig.processor->inbound_total() == 4);
}

TEST_CASE("ARereadMessageIsReleasedButNotStoredTwice", "[inbound_processor]") {
  Rig rig;
  SECTION("a single message") {
    std::vector<modem::InboundPdu> pdus = Deliver("+905551110000", "tekrar");
    REQUIRE(rig.Handle(pdus[0]));
    // The driver could not delete it before a restart and reads it again.
    CHECK(rig.Handle(pdus[0]));
    CHECK(rig.Inbox().size() == 1);
  }
  SECTION("a part of an assembled message") {
    std::vector<modem::InboundPdu> pdus = Deliver("+905551110000", ThreePartText());
    for (const modem::InboundPdu& p : pdus) REQUIRE(rig.Handle(p));
    CHECK(rig.Handle(pdus[1]));
    CHECK(rig.Inbox().size() == 1);
  }
  SECTION("a part of an incomplete set") {
    std::vector<modem::InboundPdu> pdus = Deliver("+905551110000", ThreePartText());
    REQUIRE(rig.Handle(pdus[0]));
    CHECK(rig.Handle(pdus[0]));
    CHECK(rig.Inbox().empty());
    REQUIRE(rig.Handle(pdus[1]));
    REQUIRE(rig.Handle(pdus[2]));
    REQUIRE(rig.Inbox().size() == 1);
    CHECK(rig.Inbox()[0].parts_received == 3);
  }
  CHECK(rig.inbox_events.size() == 1);
  CHECK(rig.processor->inbound_total() == 1);
}

TEST_CASE("SendersAreNormalisedWithTheDefaultCountry", "[inbound_processor]") {
  auto [from, sender] = GENERATE(table<std::string, std::string>({
      {"+905321234567", "+905321234567"},
      {"05321234567", "+905321234567"},   // national, type unknown
      {"905321234567", "+905321234567"},  // international digits without '+'
      {"4545", "4545"},                   // short code
      {"Turkcell", "Turkcell"},           // alphanumeric (TS 23.040 §9.1.2.5)
      {"+4915123456789", "+4915123456789"},
  }));
  CAPTURE(from);
  Rig rig;
  REQUIRE(rig.Handle(Deliver(from, "Bilgi")[0]));
  REQUIRE(rig.Inbox().size() == 1);
  CHECK(rig.Inbox()[0].sender == sender);
}

TEST_CASE("TextsInEveryAlphabetArriveIntact", "[inbound_processor]") {
  pdu::PlanOptions ucs2;
  ucs2.encoding = pdu::EncodingRequest::kUcs2;
  auto [text, plan] = GENERATE_COPY(table<std::string, pdu::PlanOptions>({
      {"Ayşe: yarın görüşürüz, İyi günler ğ", pdu::PlanOptions{}},
      {"Ayşe: yarın görüşürüz 😀", ucs2},
      {std::string(60, 'x') + "😀 " + std::string(60, 'y') + "Привет мир 😀😀", ucs2},
      {"Fiyat 10€ [indirim] {kod} ~ ^ | \\", pdu::PlanOptions{}},
  }));
  CAPTURE(text);
  Rig rig;
  for (const modem::InboundPdu& p : Deliver("+905551110000", text, 3, 1, plan)) REQUIRE(rig.Handle(p));
  REQUIRE(rig.Inbox().size() == 1);
  CHECK(rig.Inbox()[0].text == text);
}

TEST_CASE("EightBitDataIsKeptAsHex", "[inbound_processor]") {
  // SMS-DELIVER by hand (TS 23.040 §9.2.2.1): no SMSC, TP-MMS, TP-OA
  // +905321234567, TP-PID 00, TP-DCS 04 (8-bit data), TP-SCTS
  // 2026-01-23 10:00:00 +03:00, TP-UDL 3, data 01 02 FF.
  const std::string hex = "00040C91093512325476000462103201000021030102FF";
  modem::InboundPdu in;
  in.index = 3;
  in.pdu_hex = hex;
  in.decoded = pdu::DecodePdu(hex);
  REQUIRE(in.decoded.ok());
  REQUIRE(in.decoded->dcs.alphabet == pdu::Alphabet::kEightBit);
  Rig rig;
  REQUIRE(rig.Handle(in));
  REQUIRE(rig.Inbox().size() == 1);
  const store::InboxMessage m = rig.Inbox()[0];
  CHECK(m.text == "[8-bit data] 0102FF");
  CHECK(m.sender == "+905321234567");
  CHECK(m.smsc_time == "2026-01-23T10:00:00+03:00");
}

// `pdu` as the driver hands up a PDU that does not decode.
modem::InboundPdu UndecodableAt(int index, const std::string& hex) {
  modem::InboundPdu in;
  in.index = index;
  in.memory = "SM";
  in.pdu_hex = hex;
  in.decoded = pdu::DecodePdu(hex);
  REQUIRE_FALSE(in.decoded.ok());
  in.undecodable = true;
  in.reason = in.decoded.error().message;
  return in;
}

// A real DELIVER from `from` whose TP-DCS announces compressed user data
// (TS 23.038 §4, bit 5 of group 00xx), which nothing here decompresses.
std::string CompressedDeliver(const std::string& from, int index) {
  std::string hex = Deliver(from, "sikistirilmis", 0, index)[0].pdu_hex;
  // SMSC address, first octet, TP-OA (length in digits), TP-PID: then TP-DCS.
  size_t pos = 2 + 2 * std::stoul(hex.substr(0, 2), nullptr, 16) + 2;
  pos += 4 + 2 * ((std::stoul(hex.substr(pos, 2), nullptr, 16) + 1) / 2) + 2;
  REQUIRE(hex.substr(pos, 2) == "00");
  hex.replace(pos, 2, "20");
  return hex;
}

TEST_CASE("AnUndecodablePduIsStoredFlaggedThenReleasedFromTheSim", "[inbound_processor]") {
  Rig rig;
  // A real DELIVER cut short inside its time stamp.
  const std::string whole = Deliver("+905551110000", "kayip")[0].pdu_hex;
  const std::string cut = whole.substr(0, 40);
  const modem::InboundPdu in = UndecodableAt(17, cut);
  CHECK(rig.Handle(in));
  const std::vector<store::InboxMessage> inbox = rig.Inbox();
  REQUIRE(inbox.size() == 1);
  const store::InboxMessage& m = inbox[0];
  CHECK(m.undecodable);
  CHECK(m.raw_pdu == cut);
  CHECK(m.undecodable_reason == "malformed-pdu: " + in.decoded.error().message);
  CHECK(m.text.empty());
  CHECK(m.sender == "+905551110000");  // TP-OA was read before the cut
  CHECK(m.smsc_time.empty());          // TP-SCTS was not
  CHECK(m.modem == kModem);
  CHECK(m.sim == kSim);
  CHECK(m.received_at == kT0);
  CHECK(rig.processor->inbound_total() == 1);
  REQUIRE(rig.inbox_events.size() == 1);
  CHECK(rig.inbox_events[0].id == m.id);
  // One line names the modem, the slot and the reason.
  const std::string log = rig.log_text.str();
  CHECK_THAT(log, Catch::Contains(std::string(kModem) + ": undecodable PDU at SM index 17 (malformed-pdu: ") &&
                      Catch::Contains("stored as inbox message " + std::to_string(m.id)));
}

TEST_CASE("ACompressedMessageKeepsItsSenderAndTimeStamp", "[inbound_processor]") {
  Rig rig;
  const modem::InboundPdu in = UndecodableAt(3, CompressedDeliver("05551110000", 3));
  CHECK(rig.Handle(in));
  REQUIRE(rig.Inbox().size() == 1);
  const store::InboxMessage m = rig.Inbox()[0];
  CHECK(m.undecodable);
  CHECK(m.sender == "+905551110000");  // normalised like any sender
  CHECK(m.smsc_time == "2026-06-01T10:00:03+03:00");
  CHECK_THAT(*m.undecodable_reason, Catch::StartsWith("compressed-user-data: "));
}

TEST_CASE("AnUndecodablePduReadAgainIsReleasedButNotStoredTwice", "[inbound_processor]") {
  Rig rig;
  const modem::InboundPdu in = UndecodableAt(5, CompressedDeliver("+905551110000", 5));
  CHECK(rig.Handle(in));
  rig.clock += kHour;  // the driver restarted before its AT+CMGD
  CHECK(rig.Handle(in));
  CHECK(rig.Inbox().size() == 1);
  CHECK(rig.inbox_events.size() == 1);
  CHECK(rig.processor->inbound_total() == 1);
}

TEST_CASE("AnUndecodablePduAmongThePartsOfAMessageDoesNotHoldItUp", "[inbound_processor]") {
  Rig rig;
  std::vector<modem::InboundPdu> parts = Deliver("+905551110000", ThreePartText());
  REQUIRE(parts.size() == 3);
  CHECK(rig.Handle(parts[0]));
  CHECK(rig.Handle(UndecodableAt(9, CompressedDeliver("+905551110000", 9))));
  CHECK(rig.Handle(parts[1]));
  CHECK(rig.Handle(parts[2]));
  const std::vector<store::InboxMessage> inbox = rig.Inbox();
  REQUIRE(inbox.size() == 2);
  CHECK_FALSE(inbox[0].undecodable);
  CHECK(inbox[0].text == ThreePartText());
  CHECK_FALSE(inbox[0].partial);
  CHECK(inbox[1].undecodable);
}

TEST_CASE("EvenTextThatIsNotHexLeavesTheSim", "[inbound_processor]") {
  Rig rig;
  CHECK(rig.Handle(UndecodableAt(6, "0G")));
  REQUIRE(rig.Inbox().size() == 1);
  CHECK(rig.Inbox()[0].raw_pdu == "0G");
  CHECK(rig.Inbox()[0].sender.empty());
  CHECK_THAT(*rig.Inbox()[0].undecodable_reason, Catch::StartsWith("malformed-pdu: "));
}

TEST_CASE("APduThatIsNotADeliverStaysOnTheSim", "[inbound_processor]") {
  Rig rig;
  pdu::SubmitOptions o;
  o.to = "+905321234567";
  auto submit = pdu::EncodeSubmit("giden", o);
  REQUIRE(submit.ok());
  modem::InboundPdu in;
  in.index = 4;
  in.pdu_hex = (*submit)[0].hex;
  in.decoded = pdu::DecodePdu(in.pdu_hex);
  REQUIRE(in.decoded.ok());
  REQUIRE(in.decoded->type == pdu::MessageType::kSubmit);
  CHECK_FALSE(rig.Handle(in));
  CHECK(rig.Inbox().empty());
  CHECK_THAT(rig.log_text.str(), Catch::Contains("index 4") && Catch::Contains(in.pdu_hex));
}

TEST_CASE("IncompleteSetsBecomePartialAfterTheTimeout", "[inbound_processor]") {
  Rig rig;
  const store::Millis max_age = 24 * kHour;
  const std::string text = ThreePartText();
  std::vector<modem::InboundPdu> parts = Deliver("+905551110000", text, 0x21);
  REQUIRE(parts.size() == 3);
  REQUIRE(rig.Handle(parts[0]));
  rig.clock = kT0 + 10 * kSecond;
  REQUIRE(rig.Handle(parts[2]));
  const std::string first = parts[0].decoded->text;
  const std::string third = parts[2].decoded->text;

  // The newest part's age counts, not the first's.
  rig.clock = kT0 + max_age + 1;
  rig.processor->ExpirePartials(max_age);
  CHECK(rig.Inbox().empty());
  rig.clock = kT0 + 10 * kSecond + max_age;
  rig.processor->ExpirePartials(max_age);
  CHECK(rig.Inbox().empty());
  CHECK(rig.processor->inbound_total() == 0);

  rig.clock = kT0 + 10 * kSecond + max_age + 1;
  rig.processor->ExpirePartials(max_age);
  const std::vector<store::InboxMessage> inbox = rig.Inbox();
  REQUIRE(inbox.size() == 1);
  CHECK(inbox[0].partial);
  CHECK(inbox[0].parts_received == 2);
  CHECK(inbox[0].parts_total == 3);
  CHECK(inbox[0].text == first + third);
  CHECK(inbox[0].sender == "+905551110000");
  CHECK(rig.processor->inbound_total() == 1);

  // Once written, it is not written again.
  rig.clock += kHour;
  rig.processor->ExpirePartials(max_age);
  CHECK(rig.Inbox().size() == 1);
  CHECK(rig.processor->inbound_total() == 1);
}

TEST_CASE("AStatusReportMovesItsSegmentAndMessage", "[inbound_processor]") {
  auto [status, segment_state, message_state, error_code] =
      GENERATE(table<uint8_t, std::string, store::MessageState, std::string>({
          {0x00, "delivered", store::MessageState::kDelivered, ""},
          {0x01, "delivered", store::MessageState::kDelivered, ""},
          {0x20, "pending", store::MessageState::kSent, ""},
          {0x41, "failed", store::MessageState::kFailed, "TP-ST 0x41"},
          {0x46, "expired", store::MessageState::kExpired, "TP-ST 0x46"},
          {0x62, "expired", store::MessageState::kExpired, "TP-ST 0x62"},
      }));
  CAPTURE(static_cast<int>(status));
  Rig rig;
  const int64_t id = rig.Sent({42}, kT0);
  rig.clock = kT0 + 30 * kSecond;
  CHECK(rig.HandleReport(StatusReportFor(42, "+905321234567", status)));
  CHECK(rig.processor->reports_total() == 1);
  const store::Message m = rig.Get(id);
  CHECK(m.state == message_state);
  CHECK(m.error_code.value_or("") == error_code);
  const std::vector<store::SegmentRecord> segments = rig.Segments(id);
  REQUIRE(segments.size() == 1);
  CHECK(segments[0].state == segment_state);
  CHECK(segments[0].reported_at == std::optional<store::Millis>(kT0 + 30 * kSecond));
}

TEST_CASE("ReportedRecipientsMatchInAnyWrittenForm", "[inbound_processor]") {
  const std::string recipient = GENERATE(as<std::string>{}, "+905321234567", "05321234567", "905321234567");
  CAPTURE(recipient);
  Rig rig;
  const int64_t id = rig.Sent({7}, kT0);
  CHECK(rig.HandleReport(StatusReportFor(7, recipient, 0x00)));
  CHECK(rig.Get(id).state == store::MessageState::kDelivered);
}

TEST_CASE("UnmatchedReportsAreReleasedAndChangeNothing", "[inbound_processor]") {
  auto [case_name, modem, mr, recipient, at] =
      GENERATE(table<std::string, std::string, int, std::string, store::Millis>({
          {"another modem", "gsm1", 42, "+905321234567", kT0 + kSecond},
          {"another reference", "gsm0", 43, "+905321234567", kT0 + kSecond},
          {"another recipient", "gsm0", 42, "+905321234568", kT0 + kSecond},
          {"older than the window", "gsm0", 42, "+905321234567", kT0 + 7LL * 24 * kHour + 1},
      }));
  CAPTURE(case_name);
  Rig rig;
  const int64_t id = rig.Sent({42}, kT0);
  rig.clock = at;
  // Dropped, so deleted from the SIM.
  CHECK(rig.HandleReport(StatusReportFor(mr, recipient, 0x00), modem));
  CHECK(rig.processor->reports_total() == 1);
  CHECK(rig.Get(id).state == store::MessageState::kSent);
  CHECK(rig.Segments(id)[0].state == "sent");
  CHECK_THAT(rig.log_text.str(), Catch::Contains("matches no recent message"));
}

TEST_CASE("TheReportWindowIsInclusive", "[inbound_processor]") {
  Rig rig(kHour);
  const int64_t id = rig.Sent({9}, kT0);
  rig.clock = kT0 + kHour + 1;
  REQUIRE(rig.HandleReport(StatusReportFor(9, "+905321234567", 0x00)));
  CHECK(rig.Get(id).state == store::MessageState::kSent);
  rig.clock = kT0 + kHour;
  REQUIRE(rig.HandleReport(StatusReportFor(9, "+905321234567", 0x00)));
  CHECK(rig.Get(id).state == store::MessageState::kDelivered);
}

TEST_CASE("EachSegmentIsMatchedByItsOwnReference", "[inbound_processor]") {
  Rig rig;
  const int64_t id = rig.Sent({10, 11, 12}, kT0);
  REQUIRE(rig.HandleReport(StatusReportFor(12, "+905321234567", 0x00)));
  REQUIRE(rig.HandleReport(StatusReportFor(10, "+905321234567", 0x00)));
  CHECK(rig.Get(id).state == store::MessageState::kSent);
  std::vector<store::SegmentRecord> segments = rig.Segments(id);
  REQUIRE(segments.size() == 3);
  std::sort(segments.begin(), segments.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
  CHECK(segments[0].state == "delivered");
  CHECK(segments[1].state == "sent");
  CHECK(segments[2].state == "delivered");
  REQUIRE(rig.HandleReport(StatusReportFor(11, "+905321234567", 0x00)));
  CHECK(rig.Get(id).state == store::MessageState::kDelivered);
}

TEST_CASE("AReusedReferenceMatchesTheNewestSegment", "[inbound_processor]") {
  Rig rig;
  // TP-MR wraps at 256: the same reference to the same recipient, an hour apart.
  const int64_t older = rig.Sent({200}, kT0 - kHour);
  const int64_t newer = rig.Sent({200}, kT0);
  rig.clock = kT0 + kSecond;
  REQUIRE(rig.HandleReport(StatusReportFor(200, "+905321234567", 0x00)));
  CHECK(rig.Get(newer).state == store::MessageState::kDelivered);
  CHECK(rig.Get(older).state == store::MessageState::kSent);
}

TEST_CASE("AReportBeforeTheLastSegmentIsRecordedIsKept", "[inbound_processor]") {
  // Short messages deliver fast: the report can beat MarkSent.
  Rig rig;
  const int64_t id = rig.Sent({77}, kT0, "+905321234567", std::nullopt, kModem, false);
  REQUIRE(rig.HandleReport(StatusReportFor(77, "+905321234567", 0x00)));
  CHECK(rig.Get(id).state == store::MessageState::kSending);
  REQUIRE(rig.store->queue().MarkSent(id, kT0 + kSecond).ok());
  CHECK(rig.Get(id).state == store::MessageState::kDelivered);
}

}  // namespace
}  // namespace tellal::core

// Opt-out by SMS in InboundProcessor, against a real SQLite store: the
// keyword message, its consent record and its answer commit together.
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <catch2/catch.hpp>
#include <memory>
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
constexpr const char* kModem = "gsm0";
constexpr const char* kSim = "286010000000001";
constexpr const char* kSender = "+905321112233";

modem::InboundPdu Deliver(const std::string& from, const std::string& text, int index = 1) {
  pdu::DeliverOptions o;
  o.from = from;
  o.smsc = "+905329000000";
  o.scts = testing::Scts(index % 60);
  auto parts = pdu::EncodeDeliver(text, o);
  REQUIRE(parts.ok());
  REQUIRE(parts->size() == 1);
  modem::InboundPdu in;
  in.index = index;
  in.pdu_hex = (*parts)[0].hex;
  in.decoded = pdu::DecodePdu(in.pdu_hex);
  REQUIRE(in.decoded.ok());
  return in;
}

struct Rig {
  store::testing::TempDir dir;
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<InboundProcessor> processor;
  int wakes = 0;

  explicit Rig(bool confirm = true, std::string brand = "Tellal") {
    auto opened = store::SqliteStore::Open(dir.File("tellal.db"));
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    InboundOptions o;
    o.default_country = "90";
    o.log = std::make_shared<spdlog::logger>("opt-out-test", std::make_shared<spdlog::sinks::null_sink_st>());
    o.now = [] { return kT0; };
    OptOutOptions opt;
    opt.brand = std::move(brand);
    opt.confirm = confirm;
    opt.stop_reply = "Listemizden çıkarıldınız.";
    opt.start_reply = "Yeniden hoş geldiniz.";
    o.opt_out = opt;
    processor = std::make_unique<InboundProcessor>(*store, o);
    processor->OnQueued([this] { ++wakes; });
  }

  bool Handle(const modem::InboundPdu& pdu) {
    bool released = false;
    processor->HandleMessage(kModem, kSim, pdu, [&] { released = true; });
    return released;
  }

  store::Suppression Status(const std::string& number = kSender) {
    auto s = store->consents().Suppressed(number);
    REQUIRE(s.ok());
    return *s;
  }

  std::vector<store::Message> Queued() {
    auto page = store->queue().ListMessages({}, 100, "");
    REQUIRE(page.ok());
    return page->items;
  }
};

TEST_CASE("ADurRecordsARefusalWithTheReceivingSimAndQueuesOneAnswerFromIt", "[inbound_processor][opt_out]") {
  Rig rig;
  REQUIRE(rig.Handle(Deliver(kSender, "Dur")));
  CHECK(rig.Status() == store::Suppression::kOptedOut);
  auto current = rig.store->consents().CurrentConsent(kSender);
  REQUIRE(current.ok());
  REQUIRE(current->has_value());
  const store::NewConsent& c = (*current)->consent;
  CHECK(c.status == "RET");
  CHECK(c.source == "HS_MESAJ");
  CHECK(c.type == "MESAJ");
  CHECK(c.modem == std::optional<std::string>(kModem));
  CHECK(c.sim == std::optional<std::string>(kSim));
  CHECK(c.consent_date == kT0);
  CHECK(c.inbox_id.has_value());

  auto queued = rig.Queued();
  REQUIRE(queued.size() == 1);
  CHECK(queued[0].to == kSender);
  CHECK(queued[0].text == "Listemizden çıkarıldınız.");
  CHECK(queued[0].pinned_modem == std::optional<std::string>(kModem));
  CHECK(queued[0].encoding == "gsm7-turkish");  // ç and ı fit the Turkish shift table
  CHECK(rig.wakes == 1);
}

TEST_CASE("AMessageThatOnlyContainsAKeywordIsJustAnInboxEntry", "[inbound_processor][opt_out]") {
  auto text = GENERATE(as<std::string>{}, "durum nedir", "siparişimi iptal edin", "Merhaba");
  Rig rig;
  REQUIRE(rig.Handle(Deliver(kSender, text)));
  CHECK(rig.Status() == store::Suppression::kNone);
  CHECK_FALSE(rig.store->consents().CurrentConsent(kSender)->has_value());
  CHECK(rig.Queued().empty());
  CHECK(rig.store->inbox().ListInbox({}, 10, "")->items.size() == 1);
}

TEST_CASE("BaslaAfterDurOptsBackInAndIsAnsweredToo", "[inbound_processor][opt_out]") {
  Rig rig;
  REQUIRE(rig.Handle(Deliver(kSender, "İPTAL TELLAL", 1)));
  CHECK(rig.Status() == store::Suppression::kOptedOut);
  REQUIRE(rig.Handle(Deliver(kSender, "başla", 2)));
  CHECK(rig.Status() == store::Suppression::kNone);
  CHECK((*rig.store->consents().CurrentConsent(kSender))->consent.status == "ONAY");
  CHECK(rig.store->consents().ListConsents(std::nullopt, 10, "")->items.size() == 2);
  CHECK(rig.Queued().size() == 2);
}

TEST_CASE("AKeywordMessageReadAgainIsNotRecordedOrAnsweredTwice", "[inbound_processor][opt_out]") {
  Rig rig;
  const modem::InboundPdu pdu = Deliver(kSender, "STOP");
  REQUIRE(rig.Handle(pdu));
  REQUIRE(rig.Handle(pdu));  // the driver could not delete it and read it again
  CHECK(rig.store->consents().ListConsents(std::nullopt, 10, "")->items.size() == 1);
  CHECK(rig.Queued().size() == 1);
}

TEST_CASE("WithConfirmOffNothingIsQueued", "[inbound_processor][opt_out]") {
  Rig rig(/*confirm=*/false);
  REQUIRE(rig.Handle(Deliver(kSender, "RET")));
  CHECK(rig.Status() == store::Suppression::kOptedOut);
  CHECK(rig.Queued().empty());
  CHECK(rig.wakes == 0);
}

TEST_CASE("AFailedCommitKeepsNeitherTheRefusalNorTheInboxEntryAndLeavesTheSms", "[inbound_processor][opt_out]") {
  Rig rig;
  rig.store->FailNextCommits(1);
  CHECK_FALSE(rig.Handle(Deliver(kSender, "DUR")));
  CHECK(rig.Status() == store::Suppression::kNone);
  CHECK(rig.store->inbox().ListInbox({}, 10, "")->items.empty());
  CHECK(rig.Queued().empty());
  // Read again after the failure: now it takes.
  REQUIRE(rig.Handle(Deliver(kSender, "DUR")));
  CHECK(rig.Status() == store::Suppression::kOptedOut);
}

}  // namespace
}  // namespace tellal::core

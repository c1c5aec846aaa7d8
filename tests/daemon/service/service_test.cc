// The Service wired together for real — store, dispatcher, inbound
// processing, reload, shutdown, HTTP server on a free port — with fake modems
// (tests/support/fake_modem.h) instead of serial ports, so every case runs in
// milliseconds and decides its own modem answers.
#include "daemon/service/service.h"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "daemon/core/local_time.h"
#include "modem/pdu/pdu_decoder.h"
#include "tests/daemon/store/temp_dir.h"
#include "tests/support/fake_modem.h"
#include "tests/support/run_io_until.h"

namespace tellal::service {
namespace {

using namespace std::chrono_literals;
using store::MessageState;

// SMS-DELIVER "hellohello" from 27838890001 (SMSC +27381000015).
constexpr const char* kDeliverPdu = "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37";

std::string ConfigText(const std::string& state_dir, const std::vector<std::string>& modems) {
  std::string text = "[daemon]\nstate_dir = " + state_dir +
                     "\ndefault_country = 90\n[http]\nlisten = 127.0.0.1:1\ntoken = service-test-token-0123\n";
  for (const std::string& id : modems) text += "[modem." + id + "]\ndevice = /dev/null/" + id + "\n";
  return text;
}

class Rig {
 public:
  explicit Rig(const std::vector<std::string>& modems) {
    std::filesystem::create_directories(dir.File("state"));  // systemd's StateDirectory= in production
    Write(modems);
    auto config = config::LoadConfig(config_path);
    if (!config) FAIL(config.error().message);
    ServiceOptions options;
    options.config = *config;
    options.config.http.listen.port = 0;  // any free port (the file cannot say 0)
    options.config_path = config_path;
    options.make_modem = [this](const modem::ModemConfig& c, modem::ModemListener& listener) {
      auto fake = std::make_unique<testing::FakeModem>(io, c.name, listener);
      fakes[c.name] = fake.get();
      if (hold_new) fake->Hold();
      return fake;
    };
    service = std::make_unique<Service>(io, std::move(options));
    Status started = service->Start();
    if (!started) FAIL(started.message());
  }
  ~Rig() {
    if (!service) return;
    bool done = false;
    // Only the fakes the service still owns: a reload destroys the removed ones.
    for (const auto& [id, modem] : service->drivers()) fakes.at(id)->ReleaseAll();
    service->Shutdown([&] { done = true; });
    RunUntil([&] { return done; });
  }

  void Write(const std::vector<std::string>& modems) {
    std::ofstream(config_path) << ConfigText(dir.File("state"), modems);
  }
  // Runs what is ready without waiting for anything new.
  void Poll() {
    for (int i = 0; i < 1000; ++i) {
      if (io.stopped()) io.restart();
      if (io.poll() == 0) break;
    }
  }
  bool RunUntil(const std::function<bool()>& done) { return ::tellal::testing::RunIoUntil(io, done, 10s); }
  void Expect(const std::function<bool()>& done) { REQUIRE(RunUntil(done)); }

  int64_t Enqueue(const std::string& text, bool report = false) {
    store::NewMessage n;
    n.to = "+905321234567";
    n.text = text;
    n.encoding = "gsm7";
    n.report_requested = report;
    auto r = service->store().queue().Enqueue(n, core::NowMillis());
    REQUIRE(r.ok());
    service->dispatcher().Wake();
    return r->id;
  }
  MessageState State(int64_t id) {
    auto m = service->store().queue().GetMessage(id);
    REQUIRE(m.ok());
    REQUIRE(m->has_value());
    return (*m)->state;
  }

  store::testing::TempDir dir;
  std::string config_path = dir.File("tellal.ini");
  boost::asio::io_context io;
  std::map<std::string, testing::FakeModem*> fakes;
  bool hold_new = false;
  std::unique_ptr<Service> service;
};

TEST_CASE("ServiceSendsQueuedMessagesThroughItsModemsAndReportsDeliverThem", "[service]") {
  Rig rig({"gsm0", "gsm1"});
  rig.Expect([&] { return rig.service->started_up(); });
  const int64_t id = rig.Enqueue("merhaba", /*report=*/true);
  rig.Expect([&] { return rig.State(id) == MessageState::kSent; });

  auto segments = rig.service->store().queue().ListSegments(id);
  REQUIRE(segments.ok());
  REQUIRE(segments->size() == 1);
  const store::SegmentRecord& sent = segments->front();
  testing::FakeModem& modem = *rig.fakes.at(sent.modem);
  REQUIRE(modem.submitted().size() == 1);
  CHECK(modem.submitted()[0].decoded.text == "merhaba");
  CHECK(modem.submitted()[0].decoded.report_requested);

  modem::StatusReport report;
  report.message_reference = sent.mr;
  report.recipient = "+905321234567";
  report.status = 0x00;  // received by the SME
  modem.DeliverStatusReport(report);
  rig.Expect([&] { return rig.State(id) == MessageState::kDelivered; });
  CHECK(modem.confirmations() == 1);
}

TEST_CASE("ServiceStoresAnInboundMessageBeforeConfirmingIt", "[service]") {
  Rig rig({"gsm0"});
  rig.Expect([&] { return rig.service->started_up(); });
  modem::InboundPdu inbound;
  inbound.index = 3;
  inbound.pdu_hex = kDeliverPdu;
  inbound.decoded = pdu::DecodePdu(kDeliverPdu);
  REQUIRE(inbound.decoded.ok());
  rig.fakes.at("gsm0")->DeliverInbound(inbound);
  CHECK(rig.fakes.at("gsm0")->confirmations() == 1);
  auto inbox = rig.service->store().inbox().ListInbox({}, 10, "");
  REQUIRE(inbox.ok());
  REQUIRE(inbox->items.size() == 1);
  CHECK(inbox->items[0].text == "hellohello");
  CHECK(inbox->items[0].modem == "gsm0");
  CHECK(inbox->items[0].sim == std::optional<std::string>("286010000000001"));
}

TEST_CASE("ServiceFailsOverWhenAModemReportsAFault", "[service]") {
  Rig rig({"gsm0", "gsm1"});
  rig.Expect([&] { return rig.service->started_up(); });
  // Both sent nothing today, so the first in order (gsm0) is asked first.
  rig.fakes.at("gsm0")->AnswerCmsError(310);  // SIM not inserted: the modem's fault
  const int64_t id = rig.Enqueue("failover");
  rig.Expect([&] { return rig.State(id) == MessageState::kSent; });
  auto m = rig.service->store().queue().GetMessage(id);
  REQUIRE(m.ok());
  REQUIRE(m->has_value());
  CHECK((*m)->modem == std::optional<std::string>("gsm1"));
  // gsm1 was free, so it took the message at once: gsm0 was asked once.
  CHECK(rig.fakes.at("gsm0")->send_calls() == 1);
  CHECK((*m)->attempts == 2);
  CHECK(rig.fakes.at("gsm1")->Texts() == std::vector<std::string>{"failover"});
}

TEST_CASE("ServiceReloadAddsAndRemovesModems", "[service]") {
  Rig rig({"gsm0"});
  rig.Expect([&] { return rig.service->started_up(); });
  rig.Write({"gsm1"});
  rig.service->Reload();
  rig.Expect([&] { return rig.service->drivers().count("gsm1") == 1 && rig.service->drivers().count("gsm0") == 0; });
  rig.Expect([&] { return modem::AcceptsSends(rig.service->drivers().at("gsm1")->state()); });
  const int64_t id = rig.Enqueue("after reload");
  rig.Expect([&] { return rig.State(id) == MessageState::kSent; });
  CHECK(rig.fakes.at("gsm1")->Texts() == std::vector<std::string>{"after reload"});
}

TEST_CASE("ServiceShutdownWaitsForTheSendInFlight", "[service]") {
  Rig rig({"gsm0"});
  rig.Expect([&] { return rig.service->started_up(); });
  testing::FakeModem& gsm0 = *rig.fakes.at("gsm0");
  gsm0.Hold();
  const int64_t id = rig.Enqueue("in flight");
  rig.Expect([&] { return gsm0.held() == 1; });
  bool done = false;
  rig.service->Shutdown([&] { done = true; });
  rig.Poll();
  // Still waiting: the PDU is with the modem and no answer came.
  CHECK_FALSE(done);
  gsm0.ReleaseAll();
  rig.Expect([&] { return done; });
  CHECK(rig.State(id) == MessageState::kSent);
  rig.service.reset();
}

}  // namespace
}  // namespace tellal::service

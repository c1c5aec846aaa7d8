// VirtualModem driven over its real pty, the way a driver talks to it.
#include "modem/vmodem/virtual_modem.h"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

#include "modem/at/at_commands.h"
#include "modem/at/at_engine.h"
#include "modem/pdu/pdu_decoder.h"
#include "modem/pdu/pdu_encoder.h"
#include "pty_host.h"

namespace tellal::vmodem {
namespace {

using testing::PtyHost;
using namespace std::chrono_literals;

// A fresh directory per test, so parallel CTest runs never share a link.
class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/tellal-vmodem-test-XXXXXX";
    path_ = ::mkdtemp(name);
  }
  ~TempDir() { ::rmdir(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Bench {
  explicit Bench(Options options = {}) : modem(io, WithDir(std::move(options), dir)), host(io, modem.device_path()) {}

  static Options WithDir(Options options, const TempDir& dir) {
    options.link_dir = dir.path();
    return options;
  }

  TempDir dir;
  boost::asio::io_context io;
  VirtualModem modem;
  PtyHost host;
};

Options Quiet() {
  Options o;
  o.echo_at_power_up = false;
  return o;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  for (std::size_t end = text.find("\r\n"); end != std::string::npos; end = text.find("\r\n", begin)) {
    if (end > begin) out.push_back(text.substr(begin, end - begin));
    begin = end + 2;
  }
  return out;
}

pdu::EncodedPdu OneSubmit(const std::string& text, bool report = false) {
  pdu::SubmitOptions so;
  so.to = "+905321234567";
  so.status_report = report;
  auto parts = pdu::EncodeSubmit(text, so);
  REQUIRE(parts.ok());
  REQUIRE(parts->size() == 1);
  return parts->front();
}

// Sends one PDU through the prompt; returns what followed the payload.
std::string SendPdu(PtyHost& host, const pdu::EncodedPdu& pdu, std::chrono::milliseconds timeout = 5s) {
  host.Take();
  host.Write("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r");
  REQUIRE(host.WaitForText("\r\n> "));
  host.Take();
  host.Write(pdu.hex + "\x1A");
  if (!host.WaitUntil([&] { return testing::HasFinalResult(host.received()); }, timeout)) return {};
  return host.Take();
}

TEST_CASE("PowerUpEchoesUntilAte0") {
  Bench b;
  CHECK(b.host.Transact("AT") == "AT\r\r\nOK\r\n");
  CHECK(b.host.Transact("ATE0") == "ATE0\r\r\nOK\r\n");
  CHECK(b.host.Transact("AT") == "\r\nOK\r\n");
  CHECK(b.host.Transact("ATE1") == "\r\nOK\r\n");
  CHECK(b.host.Transact("AT") == "AT\r\r\nOK\r\n");
  CHECK(b.modem.commands() == std::vector<std::string>{"AT", "ATE0", "AT", "ATE1", "AT"});
}

TEST_CASE("CrLfLineEndsGetOneAnswer") {
  Bench b(Quiet());
  b.host.Write("AT\r\nAT+CSQ\r\n");
  REQUIRE(b.host.WaitForText("+CSQ: 20,99\r\n\r\nOK\r\n"));
  CHECK(b.host.Take() == "\r\nOK\r\n\r\n+CSQ: 20,99\r\n\r\nOK\r\n");
}

TEST_CASE("IdentityCommandsOfTheGenericProfile") {
  Bench b(Quiet());
  CHECK(b.host.Transact("AT+CGMI") == "\r\ntellal\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CGMM") == "\r\nvirtual\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CGSN") == "\r\n356938035643809\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CIMI") == "\r\n286010000000001\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CCID") == "\r\n8990010000000000001\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+COPS?") == "\r\n+COPS: 0,0,\"Turkcell\",2\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+COPS=3,2") == "\r\nOK\r\n");
  CHECK(b.host.Transact("AT+COPS?") == "\r\n+COPS: 0,2,\"28601\",2\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CNMI=?") == "\r\n+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CPMS=\"SM\",\"SM\",\"SM\"") == "\r\n+CPMS: 0,30,0,30,0,30\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CSCA?") == "\r\n+CSCA: \"+905329000000\",145\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CMMS=2") == "\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CMMS?") == "\r\n+CMMS: 2\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CREG?") == "\r\n+CREG: 0,1\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CGREG?") == "\r\n+CGREG: 0,1\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+NOSUCH") == "\r\nERROR\r\n");
  CHECK(b.host.Transact("HELLO") == "\r\nERROR\r\n");
}

TEST_CASE("HuaweiHasNoCcidButIccid") {
  Options o = Quiet();
  o.profile = Profile::kHuawei;
  Bench b(o);
  CHECK(b.host.Transact("AT+CGMI") == "\r\nhuawei\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CCID") == "\r\nERROR\r\n");
  CHECK(b.host.Transact("AT^ICCID?") == "\r\n^ICCID: 980910000000000000F1\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CNMI=?") == "\r\n+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)\r\n\r\nOK\r\n");
}

TEST_CASE("PinRequiredThenWrongPinThenRightPin") {
  Options o = Quiet();
  o.pin = "1234";
  Bench b(o);
  REQUIRE(b.host.Transact("AT+CMEE=1") == "\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CPIN?") == "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CMGL=4") == "\r\n+CME ERROR: 11\r\n");
  CHECK(b.host.Transact("AT+CIMI") == "\r\n+CME ERROR: 11\r\n");
  CHECK(b.host.Transact("AT+CREG?") == "\r\n+CREG: 0,0\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CPIN=\"0000\"") == "\r\n+CME ERROR: 16\r\n");
  CHECK(b.host.Transact("AT+CPIN=\"1234\"") == "\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CPIN?") == "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CIMI") == "\r\n286010000000001\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CREG?") == "\r\n+CREG: 0,1\r\n\r\nOK\r\n");
}

TEST_CASE("ThreeWrongPinsBlockTheSim") {
  Options o = Quiet();
  o.pin = "1234";
  Bench b(o);
  REQUIRE(b.host.Transact("AT+CMEE=1") == "\r\nOK\r\n");
  for (int i = 0; i < 3; ++i) CHECK(b.host.Transact("AT+CPIN=\"9999\"") == "\r\n+CME ERROR: 16\r\n");
  CHECK(b.host.Transact("AT+CPIN=\"1234\"") == "\r\n+CME ERROR: 12\r\n");
  CHECK(b.host.Transact("AT+CPIN?") == "\r\n+CPIN: SIM PUK\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CMGL=4") == "\r\n+CME ERROR: 12\r\n");
}

TEST_CASE("ErrorsFollowCmee") {
  Options o = Quiet();
  o.pin = "1234";
  Bench b(o);
  CHECK(b.host.Transact("AT+CIMI") == "\r\nERROR\r\n");
  REQUIRE(b.host.Transact("AT+CMEE=2") == "\r\nOK\r\n");
  const std::string verbose = b.host.Transact("AT+CIMI");
  CHECK(verbose.rfind("\r\n+CME ERROR: SIM PIN", 0) == 0);
}

TEST_CASE("SingleSubmitIsRecordedAndDecoded") {
  Bench b(Quiet());
  const pdu::EncodedPdu pdu = OneSubmit("Hello from tellal");
  CHECK(SendPdu(b.host, pdu) == "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  REQUIRE(b.modem.submitted().size() == 1);
  const SubmittedMessage& m = b.modem.submitted()[0];
  CHECK(m.pdu_hex == pdu.hex);
  CHECK(m.decoded.type == pdu::MessageType::kSubmit);
  CHECK(m.decoded.text == "Hello from tellal");
  CHECK(m.decoded.address.value == "+905321234567");
  CHECK(m.message_reference == 0);
  CHECK(m.finished >= m.started);
  CHECK(b.modem.commands().back() == "AT+CMGS=" + std::to_string(pdu.tpdu_length));
}

TEST_CASE("SubmitWithEchoEchoesCommandAndPayload") {
  Bench b;
  const pdu::EncodedPdu pdu = OneSubmit("echo");
  const std::string cmd = "AT+CMGS=" + std::to_string(pdu.tpdu_length);
  b.host.Write(cmd + "\r");
  REQUIRE(b.host.WaitForText("> "));
  CHECK(b.host.Take() == cmd + "\r\r\n> ");
  b.host.Write(pdu.hex + "\x1A");
  REQUIRE(b.host.WaitForText("OK\r\n"));
  CHECK(b.host.Take() == pdu.hex + "\x1A\r\n+CMGS: 0\r\n\r\nOK\r\n");
}

TEST_CASE("MultipartSubmitsGetIncreasingReferences") {
  Bench b(Quiet());
  pdu::SubmitOptions so;
  so.to = "+905321234567";
  so.concat_ref = 77;
  const std::string text(200, 'x');
  auto parts = pdu::EncodeSubmit(text, so);
  REQUIRE(parts.ok());
  REQUIRE(parts->size() == 2);
  CHECK(SendPdu(b.host, (*parts)[0]) == "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  CHECK(SendPdu(b.host, (*parts)[1]) == "\r\n+CMGS: 1\r\n\r\nOK\r\n");
  REQUIRE(b.modem.submitted().size() == 2);
  std::string joined;
  for (std::size_t i = 0; i < 2; ++i) {
    const pdu::DecodedPdu& d = b.modem.submitted()[i].decoded;
    REQUIRE(d.udh.concat.has_value());
    CHECK(d.udh.concat->ref == 77);
    CHECK(d.udh.concat->seq == i + 1);
    CHECK(d.udh.concat->total == 2);
    joined += d.text;
  }
  CHECK(joined == text);
}

TEST_CASE("CommandAndPayloadInOneWrite") {
  Bench b(Quiet());
  const pdu::EncodedPdu pdu = OneSubmit("eager host");
  b.host.Write("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r" + pdu.hex + "\x1A");
  REQUIRE(b.host.WaitForText("OK\r\n"));
  CHECK(b.host.Take() == "\r\n> \r\n+CMGS: 0\r\n\r\nOK\r\n");
  REQUIRE(b.modem.submitted().size() == 1);
  CHECK(b.modem.submitted()[0].decoded.text == "eager host");
}

TEST_CASE("BadPdusAreRejectedWith304") {
  Bench b(Quiet());
  REQUIRE(b.host.Transact("AT+CMEE=1") == "\r\nOK\r\n");
  pdu::EncodedPdu pdu = OneSubmit("length");
  SECTION("length does not match") { pdu.tpdu_length += 1; }
  SECTION("not hex") { pdu.hex[4] = 'G'; }
  SECTION("truncated user data") {
    pdu.hex.resize(pdu.hex.size() - 4);
    pdu.tpdu_length -= 2;
  }
  CHECK(SendPdu(b.host, pdu) == "\r\n+CMS ERROR: 304\r\n");
  CHECK(b.modem.submitted().empty());
  CHECK(b.host.Transact("AT") == "\r\nOK\r\n");
}

TEST_CASE("EscAbortsTheSend") {
  Bench b(Quiet());
  const pdu::EncodedPdu pdu = OneSubmit("never sent");
  b.host.Write("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r");
  REQUIRE(b.host.WaitForText("> "));
  b.host.Take();
  b.host.Write(pdu.hex.substr(0, 10) + "\x1B");
  REQUIRE(b.host.WaitForText("\r\nOK\r\n"));
  CHECK(b.host.Take() == "\r\nOK\r\n");
  CHECK(b.modem.submitted().empty());
  CHECK(b.host.Transact("AT") == "\r\nOK\r\n");
}

TEST_CASE("SendLatencyIsSpentInsideCmgs") {
  Options o = Quiet();
  o.send_latency = 150ms;
  o.send_jitter = 50ms;
  Bench b(o);
  int callbacks = 0;
  b.modem.OnSubmitted([&](const SubmittedMessage&) { ++callbacks; });
  CHECK(SendPdu(b.host, OneSubmit("slow")) == "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  REQUIRE(b.modem.submitted().size() == 1);
  const SubmittedMessage& m = b.modem.submitted()[0];
  CHECK(m.finished - m.started >= 100ms);
  CHECK(b.modem.time_in_cmgs() >= 100ms);
  CHECK(b.modem.time_in_cmgs() == m.finished - m.started);
  CHECK(callbacks == 1);

  b.modem.set_send_latency(300ms, 0ms);
  CHECK(SendPdu(b.host, OneSubmit("slower")) == "\r\n+CMGS: 1\r\n\r\nOK\r\n");
  const SubmittedMessage& second = b.modem.submitted().at(1);
  CHECK(second.finished - second.started >= 300ms);
}

TEST_CASE("ErrorRateOneFailsEverySend") {
  Options o = Quiet();
  o.cms_error_rate = 1.0;
  Bench b(o);
  REQUIRE(b.host.Transact("AT+CMEE=1") == "\r\nOK\r\n");
  CHECK(SendPdu(b.host, OneSubmit("doomed")) == "\r\n+CMS ERROR: 38\r\n");
  CHECK(b.modem.submitted().empty());
  b.modem.set_cms_error_rate(0.0);
  CHECK(SendPdu(b.host, OneSubmit("fine")) == "\r\n+CMGS: 0\r\n\r\nOK\r\n");
}

std::string ReadStored(PtyHost& host, int index) {
  const std::vector<std::string> lines = Lines(host.Transact("AT+CMGR=" + std::to_string(index)));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].rfind("+CMGR: 0,,", 0) == 0);
  CHECK(lines[2] == "OK");
  return lines[1];
}

TEST_CASE("InboundMessagesAreStoredAndAnnounced") {
  Bench b(Quiet());
  CHECK(b.modem.ReceiveSms("+905551112233", "Short one") == std::vector<int>{1});
  REQUIRE(b.host.WaitForText("\r\n+CMTI: \"SM\",1\r\n"));
  const std::string long_text(250, 'y');
  CHECK(b.modem.ReceiveSms("+905551112233", long_text) == std::vector<int>{2, 3});
  REQUIRE(b.host.WaitForText("\r\n+CMTI: \"SM\",3\r\n"));
  CHECK(b.host.Take() == "\r\n+CMTI: \"SM\",1\r\n\r\n+CMTI: \"SM\",2\r\n\r\n+CMTI: \"SM\",3\r\n");
  CHECK(b.modem.stored_messages() == 3);

  auto first = pdu::DecodePdu(ReadStored(b.host, 1));
  REQUIRE(first.ok());
  CHECK(first->type == pdu::MessageType::kDeliver);
  CHECK(first->text == "Short one");
  CHECK(first->address.value == "+905551112233");

  std::string joined;
  for (int index : {2, 3}) {
    auto part = pdu::DecodePdu(ReadStored(b.host, index));
    REQUIRE(part.ok());
    REQUIRE(part->udh.concat.has_value());
    CHECK(part->udh.concat->total == 2);
    joined += part->text;
  }
  CHECK(joined == long_text);

  const std::vector<std::string> listed = Lines(b.host.Transact("AT+CMGL=4"));
  REQUIRE(listed.size() == 7);
  CHECK(listed[0].rfind("+CMGL: 1,1,,", 0) == 0);
  CHECK(listed[2].rfind("+CMGL: 2,1,,", 0) == 0);
  CHECK(listed[4].rfind("+CMGL: 3,1,,", 0) == 0);
  CHECK(listed[6] == "OK");

  CHECK(b.host.Transact("AT+CMGD=2") == "\r\nOK\r\n");
  CHECK(b.modem.stored_messages() == 2);
  CHECK(b.host.Transact("AT+CMGR=2") == "\r\nOK\r\n");
  // The lowest free slot is taken again.
  CHECK(b.modem.ReceiveSms("+905551112233", "Again") == std::vector<int>{2});
  REQUIRE(b.host.WaitForText("\r\n+CMTI: \"SM\",2\r\n"));
  CHECK(b.host.Transact("AT+CMGD=1,4") == "\r\nOK\r\n");
  CHECK(b.modem.stored_messages() == 0);
}

TEST_CASE("CnmiMtZeroStoresSilently") {
  Bench b(Quiet());
  REQUIRE(b.host.Transact("AT+CNMI=2,0,0,0,0") == "\r\nOK\r\n");
  CHECK(b.modem.ReceiveSms("+905551112233", "quiet") == std::vector<int>{1});
  b.host.RunFor(100ms);
  CHECK(b.host.received().empty());
  CHECK(Lines(b.host.Transact("AT+CMGL")).size() == 3);  // unread: header, PDU, OK
  CHECK(Lines(b.host.Transact("AT+CMGL")).size() == 1);  // now read: only OK
}

TEST_CASE("SilentlyStoredMessagesAreOnlyFoundByListing") {
  // Whatever AT+CNMI asks (stored and announced, or routed), nothing is said.
  const std::string cnmi = GENERATE(std::string("AT+CNMI=2,1,0,0,0"), std::string("AT+CNMI=2,2,0,0,0"));
  Bench b(Quiet());
  REQUIRE(b.host.Transact(cnmi) == "\r\nOK\r\n");
  CHECK(b.modem.StoreSmsSilently("+905551112233", "unannounced") == std::vector<int>{1});
  CHECK(b.modem.stored_messages() == 1);
  // A URC would have been written before the answer to the next command.
  CHECK(b.host.Transact("AT") == "\r\nOK\r\n");
  const std::vector<std::string> listed = Lines(b.host.Transact("AT+CMGL=4"));
  REQUIRE(listed.size() == 3);
  CHECK(listed[0].rfind("+CMGL: 1,0,,", 0) == 0);
  auto pdu = pdu::DecodePdu(listed[1]);
  REQUIRE(pdu.ok());
  CHECK(pdu->text == "unannounced");
}

TEST_CASE("InjectedBytesReachTheHostAsTheyAre") {
  Bench b(Quiet());
  using namespace std::string_literals;
  const std::string noise = "\0\xff\r\nOK?\x1b\x1a\n\xfe garbage"s;
  b.modem.InjectBytes(noise);
  REQUIRE(b.host.WaitUntil([&] { return b.host.received().size() >= noise.size(); }));
  CHECK(b.host.Take() == noise);
  // Not held back during a prompt, unlike URCs: noise does not wait.
  const pdu::EncodedPdu pdu = OneSubmit("noisy prompt");
  b.host.Write("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r");
  REQUIRE(b.host.WaitForText("> "));
  b.host.Take();
  b.modem.InjectBytes("\xff\xff");
  REQUIRE(b.host.WaitForText("\xff\xff"));
  b.host.Take();
  b.host.Write(pdu.hex + "\x1A");
  REQUIRE(b.host.WaitForText("OK\r\n"));
  CHECK(b.host.Take() == "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  // Dropped while hung.
  b.modem.set_hung(true);
  b.modem.InjectBytes("lost");
  b.modem.set_hung(false);
  CHECK(b.host.Transact("AT") == "\r\nOK\r\n");
}

TEST_CASE("UrcsWaitWhileTheHostTypesAPdu") {
  Bench b(Quiet());
  const pdu::EncodedPdu pdu = OneSubmit("interleaved");
  b.host.Write("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r");
  REQUIRE(b.host.WaitForText("> "));
  b.host.Take();
  b.modem.ReceiveSms("+905551112233", "arrives during the prompt");
  b.host.RunFor(50ms);
  CHECK(b.host.received().empty());
  b.host.Write(pdu.hex + "\x1A");
  REQUIRE(b.host.WaitForText("OK\r\n"));
  CHECK(b.host.Take() == "\r\n+CMTI: \"SM\",1\r\n\r\n+CMGS: 0\r\n\r\nOK\r\n");
}

TEST_CASE("StatusReportForSrrSubmit") {
  Options o = Quiet();
  o.status_report_delay = 20ms;
  Bench b(o);
  SECTION("routed with ds=1") {
    REQUIRE(b.host.Transact("AT+CNMI=2,1,0,1,0") == "\r\nOK\r\n");
    CHECK(SendPdu(b.host, OneSubmit("report me", true)) == "\r\n+CMGS: 0\r\n\r\nOK\r\n");
    REQUIRE(b.host.WaitUntil([&] { return Lines(b.host.received()).size() >= 2; }));
    const std::vector<std::string> lines = Lines(b.host.Take());
    REQUIRE(lines.size() == 2);
    REQUIRE(lines[0].rfind("+CDS: ", 0) == 0);
    auto report = pdu::DecodePdu(lines[1]);
    REQUIRE(report.ok());
    CHECK(report->type == pdu::MessageType::kStatusReport);
    CHECK(report->message_reference == 0);
    CHECK(report->address.value == "+905321234567");
    CHECK(report->status == 0);
    CHECK(lines[0] ==
          "+CDS: " + std::to_string(lines[1].size() / 2 - 1 - std::stoi(lines[1].substr(0, 2), nullptr, 16)));

    b.modem.SendStatusReport(0, 0x46);
    REQUIRE(b.host.WaitUntil([&] { return Lines(b.host.received()).size() >= 2; }));
    auto expired = pdu::DecodePdu(Lines(b.host.Take())[1]);
    REQUIRE(expired.ok());
    CHECK(expired->status == 0x46);
  }
  SECTION("stored with ds=2") {
    REQUIRE(b.host.Transact("AT+CNMI=2,1,0,2,0") == "\r\nOK\r\n");
    CHECK(SendPdu(b.host, OneSubmit("report me", true)) == "\r\n+CMGS: 0\r\n\r\nOK\r\n");
    REQUIRE(b.host.WaitForText("\r\n+CDSI: \"SM\",1\r\n"));
    auto report = pdu::DecodePdu(ReadStored(b.host, 1));
    REQUIRE(report.ok());
    CHECK(report->type == pdu::MessageType::kStatusReport);
  }
  SECTION("none without SRR") {
    REQUIRE(b.host.Transact("AT+CNMI=2,1,0,1,0") == "\r\nOK\r\n");
    CHECK(SendPdu(b.host, OneSubmit("no report")) == "\r\n+CMGS: 0\r\n\r\nOK\r\n");
    b.host.RunFor(100ms);
    CHECK(b.host.received().empty());
  }
}

TEST_CASE("HungModemAnswersNothingUntilUnhung") {
  Options o = Quiet();
  o.send_latency = 100ms;
  Bench b(o);
  const pdu::EncodedPdu pdu = OneSubmit("lost in the hang");
  b.host.Write("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r");
  REQUIRE(b.host.WaitForText("> "));
  b.host.Write(pdu.hex + "\x1A");
  b.host.RunFor(20ms);
  b.modem.set_hung(true);
  b.host.Take();
  b.host.Write("AT\r");
  b.host.RunFor(250ms);
  CHECK(b.host.received().empty());
  CHECK(b.modem.submitted().empty());
  b.modem.set_hung(false);
  CHECK(b.host.Transact("AT") == "\r\nOK\r\n");
  CHECK(b.modem.submitted().empty());
}

TEST_CASE("UnplugRemovesTheDeviceAndReplugPowersUpAfresh") {
  Bench b;
  REQUIRE(b.host.Transact("ATE0") == "ATE0\r\r\nOK\r\n");
  const std::string path = b.modem.device_path();
  b.modem.Unplug();
  CHECK_FALSE(b.modem.plugged());
  struct stat st {};
  CHECK(::lstat(path.c_str(), &st) != 0);
  CHECK(errno == ENOENT);
  CHECK(b.host.WaitUntil([&] { return b.host.read_failed(); }));
  CHECK_THROWS(PtyHost(b.io, path));

  b.modem.Replug();
  CHECK(b.modem.plugged());
  PtyHost again(b.io, path);
  CHECK(again.Transact("AT") == "AT\r\r\nOK\r\n");  // echo is back on
}

TEST_CASE("ReplugAsksForThePinAgain") {
  Options o = Quiet();
  o.pin = "1234";
  Bench b(o);
  REQUIRE(b.host.Transact("AT+CPIN=\"1234\"") == "\r\nOK\r\n");
  b.modem.Replug();
  PtyHost again(b.io, b.modem.device_path());
  CHECK(again.Transact("AT+CPIN?") == "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n");
}

TEST_CASE("RegistrationLostAndRegained") {
  Bench b(Quiet());
  REQUIRE(b.host.Transact("AT+CMEE=1") == "\r\nOK\r\n");
  REQUIRE(b.host.Transact("AT+CREG=1") == "\r\nOK\r\n");
  b.modem.set_registered(false);
  REQUIRE(b.host.WaitForText("\r\n+CREG: 0\r\n"));
  b.host.Take();
  CHECK(b.host.Transact("AT+CREG?") == "\r\n+CREG: 1,0\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+COPS?") == "\r\n+COPS: 0\r\n\r\nOK\r\n");
  CHECK(SendPdu(b.host, OneSubmit("no network")) == "\r\n+CMS ERROR: 331\r\n");
  b.modem.set_registered(true);
  REQUIRE(b.host.WaitForText("\r\n+CREG: 1\r\n"));
  b.host.Take();
  CHECK(SendPdu(b.host, OneSubmit("network back")) == "\r\n+CMGS: 0\r\n\r\nOK\r\n");
}

// "^RSSI:17", "^MODE:5,4", "^SRVST:2", "^BOOT:<digits and commas>".
bool IsHuaweiStatusLine(const std::string& line) {
  auto digits_after = [&](const std::string& prefix, const std::string& allowed) {
    return line.rfind(prefix, 0) == 0 && line.size() > prefix.size() &&
           line.find_first_not_of(allowed, prefix.size()) == std::string::npos;
  };
  return line == "^MODE:5,4" || line == "^SRVST:2" || digits_after("^RSSI:", "0123456789") ||
         digits_after("^BOOT:", "0123456789,");
}

TEST_CASE("HuaweiNoiseLandsBetweenResponseLinesAsWholeLines") {
  Options o = Quiet();
  o.profile = Profile::kHuawei;
  o.urc_noise = true;
  o.noise_in_response_rate = 1.0;
  o.noise_period = 100000ms;  // only the mid-response kind in this test
  Bench b(o);
  b.modem.ReceiveSms("+905551112233", "first");
  b.modem.ReceiveSms("+905551112233", "second");
  REQUIRE(b.host.WaitForText("+CMTI: \"SM\",2\r\n"));
  b.host.Take();
  const std::string response = b.host.Transact("AT+CMGL=4");
  const std::vector<std::string> lines = Lines(response);
  int noise_lines = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i][0] != '^') continue;
    ++noise_lines;
    CHECK(IsHuaweiStatusLine(lines[i]));
    // Never between a +CMGL header and its PDU.
    REQUIRE(i > 0);
    CHECK(lines[i - 1].rfind("+CMGL:", 0) != 0);
  }
  CHECK(noise_lines == 2);  // between the entries, and before OK
  CHECK(response.find("\r\n^") != std::string::npos);

  // A host using the project's AT engine still reads the answer right.
  at::AtEngine engine;
  auto cmgl = at::Cmgl(4);
  REQUIRE(cmgl.ok());
  engine.BeginCommand(*cmgl);
  int entries = 0, urcs = 0, finals = 0;
  for (const at::AtEvent& e : engine.Feed(response)) {
    if (const auto* line = std::get_if<at::Line>(&e)) entries += line->text.rfind("+CMGL:", 0) == 0;
    urcs += std::holds_alternative<at::Urc>(e);
    finals += std::holds_alternative<at::Final>(e);
  }
  CHECK(entries == 2);
  CHECK(urcs == 2);
  CHECK(finals == 1);
}

TEST_CASE("HuaweiPeriodicNoiseUntilCurcZero") {
  Options o = Quiet();
  o.profile = Profile::kHuawei;
  o.urc_noise = true;
  o.noise_period = 20ms;
  Bench b(o);
  REQUIRE(b.host.WaitUntil([&] { return Lines(b.host.received()).size() >= 3; }, 2s));
  for (const std::string& line : Lines(b.host.Take())) CHECK(line[0] == '^');
  REQUIRE(b.host.Transact("AT^CURC=0") == "\r\nOK\r\n");
  b.host.RunFor(150ms);
  CHECK(b.host.received().empty());
}

TEST_CASE("SimcomPowerUpBanner") {
  Options o = Quiet();
  o.profile = Profile::kSimcom;
  SECTION("SIM ready") {
    Bench b(o);
    REQUIRE(b.host.WaitForText("SMS Ready\r\n"));
    CHECK(b.host.Take() == "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n");
    CHECK(b.host.Transact("AT+CGMM") == "\r\nSIMCOM_SIM800L\r\n\r\nOK\r\n");
    CHECK(b.host.Transact("AT+COPS?") == "\r\n+COPS: 0,0,\"Turkcell\"\r\n\r\nOK\r\n");
  }
  SECTION("PIN first") {
    o.pin = "4321";
    Bench b(o);
    REQUIRE(b.host.WaitForText("+CPIN: SIM PIN\r\n"));
    CHECK(b.host.Take() == "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: SIM PIN\r\n");
    b.host.Write("AT+CPIN=4321\r");
    REQUIRE(b.host.WaitForText("SMS Ready\r\n"));
    CHECK(b.host.Take() == "\r\nOK\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n");
  }
}

TEST_CASE("DestructionRemovesTheLink") {
  TempDir dir;
  boost::asio::io_context io;
  std::string path;
  {
    Options o;
    o.link_dir = dir.path();
    VirtualModem modem(io, o);
    path = modem.device_path();
    struct stat st {};
    CHECK(::lstat(path.c_str(), &st) == 0);
  }
  struct stat st {};
  CHECK(::lstat(path.c_str(), &st) != 0);
  io.run();  // late handlers of the destroyed modem do nothing
}

}  // namespace
}  // namespace tellal::vmodem

namespace tellal::vmodem {
namespace {

TEST_CASE("QuirksChangeTheAnswersAsRealFamiliesDo") {
  Options o = Quiet();
  Quirks q;
  q.cpin_without_ok = true;
  q.unknown_command = "COMMAND NOT SUPPORT";
  q.cpms_max_memories = 2;
  q.cpms_set_pairs = 2;
  q.iccid_command = "";
  o.quirks = q;
  Bench b(o);
  b.host.Write("AT+CPIN?\r");
  REQUIRE(b.host.WaitForText("+CPIN: READY\r\n"));
  CHECK(b.host.Take() == "\r\n+CPIN: READY\r\n");
  b.host.Write("AT+CCID\r");
  REQUIRE(b.host.WaitForText("COMMAND NOT SUPPORT\r\n"));
  CHECK(b.host.Take() == "\r\nCOMMAND NOT SUPPORT\r\n");
  CHECK(b.host.Transact("AT") == "\r\nOK\r\n");  // no late OK for AT+CPIN?
  CHECK(b.host.Transact("AT+CPMS=\"SM\",\"SM\",\"SM\"") == "\r\nERROR\r\n");
  CHECK(b.host.Transact("AT+CPMS=\"SM\",\"SM\"") == "\r\n+CPMS: 0,30,0,30\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CRSM=176,12258,0,0,10") == "\r\n+CRSM: 144,0,980910000000000000F1\r\n\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CPINR=\"SIM PIN\"") == "\r\n+CPINR: SIM PIN,3,3\r\n\r\nOK\r\n");
}

TEST_CASE("CnmiOutsideWhatItOffersIsRefused") {
  Options o = Quiet();
  o.profile = Profile::kSimcom;  // (0-3),(0-3),(0,2),(0,1),(0,1)
  Bench b(o);
  REQUIRE(b.host.WaitForText("SMS Ready\r\n"));  // the SIM800 boot banner
  b.host.Take();
  REQUIRE(b.host.Transact("AT+CMEE=1") == "\r\nOK\r\n");
  CHECK(b.host.Transact("AT+CNMI=2,1,0,2,0") == "\r\n+CMS ERROR: 303\r\n");
  CHECK(b.host.Transact("AT+CNMI=2,1,0,1,0") == "\r\nOK\r\n");
}

TEST_CASE("AFullSimMakesTheNetworkWaitUntilASlotIsFreed") {
  Options o = Quiet();
  o.sim_capacity = 2;
  Bench b(o);
  REQUIRE(b.modem.DeliverPdu("00040B9101") == 1);
  REQUIRE(b.modem.DeliverPdu("00040B9102") == 2);
  CHECK_FALSE(b.modem.DeliverPdu("00040B9103").has_value());
  CHECK(b.modem.waiting_at_network() == 1);
  REQUIRE(b.host.WaitForText("+CMTI: \"SM\",2\r\n"));
  b.host.Take();
  CHECK(b.host.Transact("AT+CPMS?") == "\r\n+CPMS: \"SM\",2,2,\"SM\",2,2,\"SM\",2,2\r\n\r\nOK\r\n");
  const std::string answer = b.host.Transact("AT+CMGD=1");
  CHECK(answer.find("+CMTI: \"SM\",1") != std::string::npos);
  CHECK(b.modem.waiting_at_network() == 0);
  CHECK(b.modem.stored_messages() == 2);
}

}  // namespace
}  // namespace tellal::vmodem

#include "driver_harness.h"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "modem/pdu/pdu_encoder.h"
#include "tests/support/run_io_until.h"

namespace tellal::modem::testing {

TempDir::TempDir() {
  char name[] = "/tmp/tellal-driver-test-XXXXXX";
  if (::mkdtemp(name) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = name;
}

TempDir::~TempDir() { ::rmdir(path_.c_str()); }

ModemConfig FastConfig(const std::string& device) {
  ModemConfig c;
  c.name = "gsm-test";
  c.device = device;
  c.timeouts.basic = 300ms;
  c.timeouts.query = 300ms;
  c.timeouts.pin = 500ms;
  c.timeouts.sim = 500ms;
  c.timeouts.prompt = 300ms;
  c.timeouts.send = 1000ms;
  c.timeouts.resync_settle = 20ms;
  c.timeouts.sim_poll = 20ms;
  c.recovery.wake_attempts = 2;
  c.recovery.sim_poll_attempts = 10;
  c.recovery.max_consecutive_failures = 2;
  c.recovery.reopen_initial = 50ms;
  c.recovery.reopen_max = 200ms;
  c.health_interval = 10s;
  c.sim_scan_interval = 60s;
  return c;
}

std::vector<Segment> Submit(const std::string& text, bool status_report, const std::string& to) {
  pdu::SubmitOptions options;
  options.to = to;
  options.status_report = status_report;
  options.concat_ref = 7;
  Result<std::vector<pdu::EncodedPdu>> pdus = pdu::EncodeSubmit(text, options);
  if (!pdus.ok()) throw std::runtime_error(pdus.error().message);
  std::vector<Segment> out;
  for (const pdu::EncodedPdu& p : *pdus) {
    out.push_back(Segment{p.hex, static_cast<int>(p.tpdu_length)});
  }
  return out;
}

Harness::Harness(vmodem::Options options, std::function<void(ModemConfig&)> tune) {
  logger =
      std::make_shared<spdlog::logger>("driver-test", std::make_shared<spdlog::sinks::ostream_sink_st>(log_stream_));
  logger->set_level(spdlog::level::debug);
  options.link_dir = dir.path();
  vm = std::make_unique<vmodem::VirtualModem>(io, std::move(options));
  ModemConfig config = FastConfig(vm->device_path());
  config.logger = logger;
  if (tune) tune(config);
  driver = std::make_unique<ModemDriver>(io, std::move(config), *this);
}

Harness::~Harness() {
  driver.reset();
  vm.reset();
}

bool Harness::WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  return ::tellal::testing::RunIoUntil(io, done, timeout);
}

bool Harness::WaitForState(ModemState state, std::chrono::milliseconds timeout) {
  return WaitUntil([&] { return driver->state() == state; }, timeout);
}

std::optional<SendResult> Harness::SendAndWait(const Segment& segment, bool more_follow,
                                               std::chrono::milliseconds timeout) {
  std::optional<SendResult> result;
  driver->Send(segment.hex, segment.tpdu_length, more_follow, [&result](SendResult r) { result = std::move(r); });
  WaitUntil([&] { return result.has_value(); }, timeout);
  return result;
}

bool Harness::SawState(ModemState state) const {
  return std::find(states.begin(), states.end(), state) != states.end();
}

int Harness::CountCommands(const std::string& command) const {
  const std::vector<std::string>& c = vm->commands();
  return static_cast<int>(std::count(c.begin(), c.end(), command));
}

void Harness::OnStateChanged(const std::string&, ModemState state) { states.push_back(state); }

void Harness::OnInbound(const std::string&, InboundPdu pdu, std::function<void()> confirm) {
  inbound.push_back(std::move(pdu));
  stored.push_back(std::move(confirm));
}

void Harness::OnStatusReport(const std::string&, StatusReport report, std::function<void()> confirm) {
  reports.push_back(std::move(report));
  report_stored.push_back(std::move(confirm));
}

}  // namespace tellal::modem::testing

// Test harness: a VirtualModem on a real pty and a ModemDriver opening it,
// both on one io_context, with a listener that records what the driver
// hands up. Waiting runs the io_context until a condition holds or a
// deadline passes; nothing sleeps.
#ifndef TELLAL_TESTS_MODEM_DRIVER_DRIVER_HARNESS_H_
#define TELLAL_TESTS_MODEM_DRIVER_DRIVER_HARNESS_H_

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "modem/driver/modem_driver.h"
#include "modem/vmodem/virtual_modem.h"

namespace spdlog {
class logger;
}

namespace tellal::modem::testing {

using namespace std::chrono_literals;

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Timeouts small enough for fault tests to finish in well under a second.
ModemConfig FastConfig(const std::string& device);

// Encodes `text` to `to` as SMS-SUBMIT PDUs (one per segment).
struct Segment {
  std::string hex;
  int tpdu_length = 0;
};
std::vector<Segment> Submit(const std::string& text, bool status_report = false,
                            const std::string& to = "+905321234567");

class Harness : public ModemListener {
 public:
  explicit Harness(vmodem::Options options, std::function<void(ModemConfig&)> tune = {});
  ~Harness() override;

  // Runs the io_context until `Done()` or `timeout`; returns Done().
  bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout = 5s);
  bool WaitForState(ModemState state, std::chrono::milliseconds timeout = 5s);
  // Sends `segment` and waits for its result.
  std::optional<SendResult> SendAndWait(const Segment& segment, bool more_follow = false,
                                        std::chrono::milliseconds timeout = 5s);
  bool SawState(ModemState state) const;
  int CountCommands(const std::string& command) const;
  std::string log_text() const { return log_stream_.str(); }

  // ModemListener.
  void OnStateChanged(const std::string& modem, ModemState state) override;
  void OnInbound(const std::string& modem, InboundPdu pdu, std::function<void()> stored) override;
  void OnStatusReport(const std::string& modem, StatusReport report, std::function<void()> stored) override;

  TempDir dir;
  boost::asio::io_context io;
  std::ostringstream log_stream_;
  std::shared_ptr<spdlog::logger> logger;
  std::unique_ptr<vmodem::VirtualModem> vm;
  std::unique_ptr<ModemDriver> driver;

  std::vector<ModemState> states;  // as notified
  std::vector<InboundPdu> inbound;
  std::vector<std::function<void()>> stored;  // confirmations not yet given
  std::vector<StatusReport> reports;
  std::vector<std::function<void()>> report_stored;  // confirmations not yet given
};

}  // namespace tellal::modem::testing

#endif  // TELLAL_TESTS_MODEM_DRIVER_DRIVER_HARNESS_H_

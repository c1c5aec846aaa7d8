// The built-in demo: four virtual modems on pseudo-terminals in this
// process (different makers, operators, signal levels and latencies), a
// database in a fresh temporary directory, a random API token, and a small
// simulated "town" whose people sometimes answer what they receive ("EVET",
// "DUR", a question) and whose echo number (echo_number.h) always does,
// while the virtual network sends delivery reports for messages that ask
// for them. Nothing here is special-cased in the daemon:
// the drivers talk AT to the virtual modems exactly as to real ones.
//
// Thread affinity: the io_context thread. Lifetime: the Demo must outlive
// the Service that uses its modems.
#ifndef TELLAL_DAEMON_DEMO_DEMO_H_
#define TELLAL_DAEMON_DEMO_DEMO_H_

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "daemon/config/config.h"
#include "daemon/demo/echo_number.h"
#include "modem/result.h"
#include "modem/vmodem/virtual_modem.h"

namespace tellal::demo {

struct DemoOptions {
  std::string listen = "127.0.0.1:8080";
  int modems = 4;
  // -1: each modem its own realistic latency (0.4 s .. 1.8 s); otherwise
  // every modem answers AT+CMGS after this many milliseconds.
  int latency_ms = -1;
  double reply_rate = 0.1;  // share of recipients who answer
};

class Demo {
 public:
  static Result<std::unique_ptr<Demo>> Create(boost::asio::io_context& io, const DemoOptions& options);
  ~Demo();

  const config::Config& config() const { return config_; }
  const std::string& directory() const { return directory_; }
  // What to print for a newcomer: the URL, the token, and ready-to-paste
  // curl and `tellal send` lines.
  std::string Banner(uint16_t port) const;

 private:
  Demo(boost::asio::io_context& io, DemoOptions options) : io_(io), options_(std::move(options)) {}
  // What the town does with a message a modem handed to the network.
  void OnSubmitted(vmodem::VirtualModem& modem, const vmodem::SubmittedMessage& sent);
  void MaybeReply(vmodem::VirtualModem& modem, const std::string& recipient);
  // `from` answers `text` on `modem` after `delay`, unless the demo is gone.
  void ReplyLater(vmodem::VirtualModem& modem, const std::string& from, std::string text,
                  std::chrono::milliseconds delay);

  boost::asio::io_context& io_;
  DemoOptions options_;
  std::string directory_;
  std::string panel_password_;  // random, printed in the banner; its hash is in the state dir
  config::Config config_;
  std::vector<std::unique_ptr<vmodem::VirtualModem>> modems_;
  std::mt19937 rng_{20261123};
  EchoNumber echo_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace tellal::demo

#endif  // TELLAL_DAEMON_DEMO_DEMO_H_

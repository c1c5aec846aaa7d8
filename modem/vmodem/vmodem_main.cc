// tellal-vmodem: serves one or more virtual modems on pseudo-terminals until
// SIGINT/SIGTERM, printing each device path on its own line first, so a
// script can start it and open what it printed.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "modem/vmodem/profile.h"
#include "modem/vmodem/virtual_modem.h"

namespace {

using tellal::vmodem::Options;
using tellal::vmodem::VirtualModem;

struct Args {
  Options options;
  int count = 1;
  int inbound_every_s = 0;
  bool verbose = false;
};

// Returns the parsed arguments, or the exit status after printing the help
// (0) or what is wrong (2).
std::variant<Args, int> ParseArgs(int argc, char** argv) {
  // An empty name, directory or PIN is a mistake, never a choice.
  const CLI::Validator non_empty(
      [](const std::string& value) { return value.empty() ? std::string("must not be empty") : std::string(); },
      "TEXT");
  Args args;
  CLI::App app("Serves virtual GSM modems on pseudo-terminals and prints each device path.", "tellal-vmodem");
  app.add_option("--name", args.options.name, "device name; with --count, NAME0, NAME1, ...")
      ->check(non_empty)
      ->capture_default_str();
  app.add_option("--dir", args.options.link_dir, "directory of the device symlink")
      ->capture_default_str()
      ->check(non_empty);
  // Sorted, as the help and CLI11's error list them.
  std::vector<std::string> names = tellal::vmodem::ProfileNames();
  std::sort(names.begin(), names.end());
  std::string profile_names;
  for (const std::string& name : names) profile_names += (profile_names.empty() ? "" : "|") + name;
  // Read as a name and mapped after parsing: a CheckedTransformer's error
  // would list the enum's numbers too.
  std::string profile_name = "generic";
  app.add_option("--profile", profile_name, "the modem family it plays (default generic)")
      ->check(CLI::IsMember(names).description(""))
      ->type_name(profile_names);
  app.add_option("--pin", args.options.pin, "SIM PIN required until AT+CPIN=\"PIN\"")->check(non_empty);
  int latency_ms = 0;
  int jitter_ms = 0;
  app.add_option("--latency-ms", latency_ms, "time inside AT+CMGS")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--jitter-ms", jitter_ms, "+/- on the latency")->check(CLI::NonNegativeNumber)->capture_default_str();
  app.add_option("--error-rate", args.options.cms_error_rate, "fraction of sends answered +CMS ERROR")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_flag_callback(
      "--no-echo", [&] { args.options.echo_at_power_up = false; }, "start with ATE0");
  app.add_flag("--noise", args.options.urc_noise, "profile URCs, also inside responses");
  app.add_option("--count", args.count, "number of modems")->check(CLI::PositiveNumber)->capture_default_str();
  app.add_option("--inbound-every", args.inbound_every_s, "each modem receives an SMS every S seconds")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--verbose", args.verbose, "debug logging to stderr");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      std::cout << app.help();
      return 0;
    }
    std::cerr << "tellal-vmodem: " << e.what() << "\n\n" << app.help();
    return 2;
  }
  args.options.profile = *tellal::vmodem::ProfileFromName(profile_name);
  args.options.send_latency = std::chrono::milliseconds(latency_ms);
  args.options.send_jitter = std::chrono::milliseconds(jitter_ms);
  return args;
}

// A virtual recipient that texts one modem now and then.
class InboundSender {
 public:
  InboundSender(boost::asio::io_context& io, VirtualModem& modem, std::chrono::seconds every)
      : timer_(io), modem_(modem), every_(every) {
    Arm();
  }

 private:
  void Arm() {
    timer_.expires_after(every_);
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      ++sent_;
      modem_.ReceiveSms("+905551234567", "Test message " + std::to_string(sent_) + " from the virtual network");
      Arm();
    });
  }

  boost::asio::steady_timer timer_;
  VirtualModem& modem_;
  std::chrono::seconds every_;
  int sent_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  auto parsed = ParseArgs(argc, argv);
  if (const int* status = std::get_if<int>(&parsed)) return *status;
  const Args* args = &std::get<Args>(parsed);
  // Log to stderr: stdout carries only the device paths.
  spdlog::set_default_logger(spdlog::stderr_color_mt("tellal-vmodem"));
  spdlog::set_level(args->verbose ? spdlog::level::debug : spdlog::level::info);
  try {
    boost::asio::io_context io;
    // Installed before any path is printed: a script that reads the paths
    // and sends SIGTERM at once must still get the symlinks removed.
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io](const boost::system::error_code&, int) { io.stop(); });
    std::vector<std::unique_ptr<VirtualModem>> modems;
    std::vector<std::unique_ptr<InboundSender>> senders;
    for (int i = 0; i < args->count; ++i) {
      Options options = args->options;
      if (args->count > 1) options.name += std::to_string(i);
      options.seed = static_cast<uint32_t>(i + 1);
      modems.push_back(std::make_unique<VirtualModem>(io, options));
      std::cout << modems.back()->device_path() << "\n";
      if (args->inbound_every_s > 0) {
        senders.push_back(
            std::make_unique<InboundSender>(io, *modems.back(), std::chrono::seconds(args->inbound_every_s)));
      }
    }
    std::cout.flush();
    io.run();
    senders.clear();
    modems.clear();  // removes the device symlinks
  } catch (const std::exception& e) {
    std::cerr << "tellal-vmodem: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

// tellal-vmodem: serves one or more virtual modems on pseudo-terminals until
// SIGINT/SIGTERM, printing each device path on its own line first, so a
// script can start it and open what it printed.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modem/vmodem/virtual_modem.h"

namespace {

using tellal::vmodem::Options;
using tellal::vmodem::Profile;
using tellal::vmodem::VirtualModem;

constexpr const char* kUsage =
    "usage: tellal-vmodem [options]\n"
    "  --name NAME          device name (default vmodem; with --count, NAME0..)\n"
    "  --dir DIR            directory of the device symlink (default /tmp)\n"
    "  --profile P          generic | huawei | simcom | huawei-e3372 | zte-mf190 | zte-mf626 |\n"
    "                       simcom-7600 | quectel-ec25 | quectel-m35 | wavecom-q2403 |\n"
    "                       wavecom-fastrack | cinterion-mc55 | cinterion-bgs2 | ublox-sara |\n"
    "                       telit-gl865 (default generic)\n"
    "  --pin PIN            SIM PIN required until AT+CPIN=\"PIN\"\n"
    "  --latency-ms N       time inside AT+CMGS (default 0)\n"
    "  --jitter-ms N        +/- on the latency (default 0)\n"
    "  --error-rate F       fraction of sends answered +CMS ERROR (default 0)\n"
    "  --no-echo            start with ATE0\n"
    "  --noise              profile URCs, also inside responses\n"
    "  --count N            number of modems (default 1)\n"
    "  --inbound-every S    each modem receives an SMS every S seconds\n"
    "  --verbose            debug logging to stderr\n";

struct Args {
  Options options;
  int count = 1;
  int inbound_every_s = 0;
  bool verbose = false;
};

template <typename T>
bool ParseNumber(std::string_view s, T& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// Returns the parsed arguments, or nothing after printing why not.
std::optional<Args> ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    auto value = [&]() -> std::optional<std::string_view> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string_view(argv[++i]);
    };
    auto fail = [&] {
      std::cerr << "tellal-vmodem: bad or missing value for " << flag << "\n" << kUsage;
      return std::nullopt;
    };
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else if (flag == "--no-echo") {
      args.options.echo_at_power_up = false;
    } else if (flag == "--noise") {
      args.options.urc_noise = true;
    } else if (flag == "--verbose") {
      args.verbose = true;
    } else if (flag == "--name" || flag == "--dir" || flag == "--pin" || flag == "--profile") {
      const auto v = value();
      if (!v || v->empty()) return fail();
      if (flag == "--name") args.options.name = *v;
      if (flag == "--dir") args.options.link_dir = *v;
      if (flag == "--pin") args.options.pin = *v;
      if (flag == "--profile") {
        static const std::pair<const char*, Profile> kProfiles[] = {
            {"generic", Profile::kGeneric},
            {"huawei", Profile::kHuawei},
            {"simcom", Profile::kSimcom},
            {"huawei-e3372", Profile::kHuaweiE3372},
            {"zte-mf190", Profile::kZteMf190},
            {"zte-mf626", Profile::kZteMf626},
            {"simcom-7600", Profile::kSimcom7600},
            {"quectel-ec25", Profile::kQuectelEc25},
            {"quectel-m35", Profile::kQuectelM35},
            {"wavecom-q2403", Profile::kWavecomQ2403},
            {"wavecom-fastrack", Profile::kWavecomFastrack},
            {"cinterion-mc55", Profile::kCinterionMc55},
            {"cinterion-bgs2", Profile::kCinterionBgs2},
            {"ublox-sara", Profile::kUbloxSara},
            {"telit-gl865", Profile::kTelitGl865},
        };
        const auto* found =
            std::find_if(std::begin(kProfiles), std::end(kProfiles), [&](const auto& p) { return *v == p.first; });
        if (found == std::end(kProfiles)) return fail();
        args.options.profile = found->second;
      }
    } else if (flag == "--latency-ms" || flag == "--jitter-ms" || flag == "--count" || flag == "--inbound-every") {
      const auto v = value();
      int n = 0;
      if (!v || !ParseNumber(*v, n) || n < 0) return fail();
      if (flag == "--latency-ms") args.options.send_latency = std::chrono::milliseconds(n);
      if (flag == "--jitter-ms") args.options.send_jitter = std::chrono::milliseconds(n);
      if (flag == "--count") args.count = n;
      if (flag == "--inbound-every") args.inbound_every_s = n;
    } else if (flag == "--error-rate") {
      const auto v = value();
      // from_chars for double is in libstdc++ 11+, and needs no locale.
      double rate = 0;
      if (!v || !ParseNumber(*v, rate) || rate < 0 || rate > 1) return fail();
      args.options.cms_error_rate = rate;
    } else {
      std::cerr << "tellal-vmodem: unknown option " << flag << "\n" << kUsage;
      return std::nullopt;
    }
  }
  if (args.count < 1) {
    std::cerr << "tellal-vmodem: --count must be at least 1\n";
    return std::nullopt;
  }
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
  const std::optional<Args> args = ParseArgs(argc, argv);
  if (!args) return 2;
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

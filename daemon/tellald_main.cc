// tellald: the SMS gateway daemon. Parses the command line, sets up
// logging, then runs the Service (or the built-in demo) on one io_context
// until SIGTERM/SIGINT; SIGHUP reloads modems and limits.
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>

#include "daemon/config/check_config.h"
#include "daemon/config/config.h"
#include "daemon/demo/demo.h"
#include "daemon/service/log_format.h"
#include "daemon/service/service.h"

namespace {

constexpr const char* kDefaultConfig = "/etc/tellal/tellal.ini";

spdlog::level::level_enum ToSpdlog(tellal::config::LogLevel level) {
  using tellal::config::LogLevel;
  switch (level) {
    case LogLevel::kTrace:
      return spdlog::level::trace;
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarn:
      return spdlog::level::warn;
    case LogLevel::kError:
      return spdlog::level::err;
    case LogLevel::kCritical:
      return spdlog::level::critical;
    case LogLevel::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

void SetUpLogging(tellal::config::LogLevel level) {
  auto logger = spdlog::stderr_color_mt("tellald");
  // Under systemd the journal adds its own time stamp and unit name.
  const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
  logger->set_formatter(tellal::service::MakeLogFormatter(journal));
  logger->set_level(ToSpdlog(level));
  spdlog::set_default_logger(logger);
}

// Runs the service until a stop signal; returns the exit status.
int Run(tellal::service::ServiceOptions options, tellal::demo::Demo* demo, boost::asio::io_context& io) {
  const int send_timeout = options.config.daemon.send_timeout_seconds;
  tellal::service::Service service(io, std::move(options));
  tellal::Status started = service.Start();
  if (!started) {
    spdlog::critical("cannot start: {}", started.message());
    return 1;
  }
  if (demo != nullptr) std::fputs(demo->Banner(service.http_port()).c_str(), stdout), std::fflush(stdout);

  boost::asio::signal_set signals(io, SIGTERM, SIGINT, SIGHUP);
  boost::asio::steady_timer deadline(io);
  bool stopping = false;
  std::function<void()> wait = [&] {
    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      if (signal == SIGHUP) {
        service.Reload();
        wait();
        return;
      }
      if (stopping) {
        spdlog::warn("second stop signal: exiting now");
        io.stop();
        return;
      }
      stopping = true;
      // Bounded: a send in flight ends within the send timeout; beyond that
      // and a margin, give up waiting rather than hang the shutdown.
      deadline.expires_after(std::chrono::seconds(send_timeout + 10));
      deadline.async_wait([&](const boost::system::error_code& e) {
        if (e) return;
        spdlog::error("shutdown took longer than {} s; exiting anyway", send_timeout + 10);
        io.stop();
      });
      service.Shutdown([&] {
        deadline.cancel();
        signals.cancel();
        io.stop();
      });
      wait();
    });
  };
  wait();
  io.run();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path = kDefaultConfig;
  bool check_config = false;
  bool demo = false;
  tellal::demo::DemoOptions demo_options;
  CLI::App app(
      "The tellal SMS gateway daemon.\n"
      "Signals: SIGTERM/SIGINT stop after the sends in flight; SIGHUP reloads the modems and their limits from "
      "the configuration file.",
      "tellald");
  app.set_version_flag("--version", std::string("tellald ") + TELLAL_VERSION);
  app.add_option("--config", config_path, "configuration file")->capture_default_str();
  app.add_flag("--check-config", check_config,
               "validate the configuration, print a summary, exit 0; or print the first error and exit 1");
  app.add_flag("--demo", demo,
               "run with 4 built-in virtual modems, a temporary database and a random token (printed), no hardware");
  app.add_option("--listen", demo_options.listen, "the demo's API address (ADDR:PORT)")->capture_default_str();
  app.add_option("--demo-modems", demo_options.modems, "how many virtual modems the demo runs")
      ->check(CLI::Range(0, 600000))
      ->capture_default_str();
  app.add_option("--demo-latency-ms", demo_options.latency_ms,
                 "every virtual modem's AT+CMGS latency (default: each its own, 0.4-1.8 s)")
      ->check(CLI::Range(0, 600000));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version end here too, with exit code 0.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "tellald: " << e.what() << "\n\n" << app.help();
    return 2;
  }
  if (check_config) return tellal::config::RunCheckConfig(config_path, {}, std::cout, std::cerr);

  // One thread runs every Asio object; other threads (the HTTP server's)
  // only post to it. So the reactor's per-descriptor locking, taken on
  // every read and write of every modem, protects nothing.
  boost::asio::io_context io(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO);
  tellal::service::ServiceOptions options;
  std::unique_ptr<tellal::demo::Demo> demo_setup;
  if (demo) {
    SetUpLogging(tellal::config::LogLevel::kInfo);
    auto created = tellal::demo::Demo::Create(io, demo_options);
    if (!created) {
      spdlog::critical("demo: {}", created.error().message);
      return 1;
    }
    demo_setup = std::move(*created);
    options.config = demo_setup->config();
  } else {
    auto config = tellal::config::LoadConfig(config_path);
    if (!config) {
      std::fprintf(stderr, "tellald: %s\n", config.error().message.c_str());
      return 1;
    }
    SetUpLogging(config->daemon.log_level);
    options.config = std::move(*config);
    options.config_path = config_path;
  }
  return Run(std::move(options), demo_setup.get(), io);
}

// Service: the running gateway. Owns the store, one driver per enabled
// modem, the dispatcher, inbound processing, delivery callbacks and the HTTP
// API, all on one io_context.
//
// Start-up: opens <state_dir>/tellal.db (WAL), resolves messages a crash
// left `sending` (RecoverAfterCrash: `unknown`, or requeued with
// resend_unknown = yes), starts the drivers and the API, and tells systemd
// READY=1 as soon as the API listens: modems come when they come, and
// STATUS= (like /health and /api/v1/modems) says how many are ready. A
// systemd watchdog, when asked
// for, is fed from the io loop, so a stuck loop gets the service restarted.
//
// Webhooks and Kannel dlr-url calls: events and calls are written to the
// store's outbox by the transactions that cause them; a WebhookRunner and a
// DlrRunner on the io thread make them (pending ones too, from before a
// restart), never blocking sending.
//
// Retention: history older than [daemon] keep_days is deleted in small
// batches shortly after start and hourly (RetentionRunner), archived first
// with [daemon] archive = yes.
//
// Reload (SIGHUP): re-reads the file; modems added, removed or reconnected
// and limits changed take effect at once, queued messages stay queued.
// Settings outside [modem.*] are reported as needing a restart.
//
// Shutdown (SIGTERM): the API stops taking requests, the dispatcher stops
// claiming, the AT+CMGS in flight finishes (bounded by the send timeout),
// results are committed, the drivers close, and Shutdown's callback runs.
//
// Thread affinity: every method on the io_context thread; the HTTP API's
// threads reach it only through ServiceApi.
#ifndef TELLAL_DAEMON_SERVICE_SERVICE_H_
#define TELLAL_DAEMON_SERVICE_SERVICE_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "daemon/config/config.h"
#include "daemon/core/clock_rebaser.h"
#include "daemon/core/daemon_clock.h"
#include "daemon/core/campaign_runner.h"
#include "daemon/core/dispatcher.h"
#include "daemon/core/inbound_processor.h"
#include "daemon/store/store.h"
#include "modem/driver/modem.h"
#include "modem/driver/modem_config.h"
#include "modem/driver/modem_listener.h"
#include "modem/driver/pin_guard.h"
#include "modem/result.h"

namespace tellal::web {
class HttpServer;
class ApiRouter;
struct ApiSettings;
}  // namespace tellal::web

namespace tellal::notify {
class DlrRunner;
class WebhookRunner;
}

namespace tellal::service {

class ServiceApi;
class RetentionRunner;

struct ServiceOptions {
  config::Config config;
  // Re-read on SIGHUP; empty: reload is refused (the demo builds its
  // configuration in memory).
  std::string config_path;
  // Shrinks driver timeouts for tests and the demo; 0: the built-in ones.
  std::chrono::milliseconds command_timeout{0};
  // Makes the modem for one [modem.*] section; null: a ModemDriver on the
  // configured device. Tests hand in fakes, so the service runs without
  // serial ports.
  std::function<std::unique_ptr<modem::Modem>(const modem::ModemConfig&, modem::ModemListener&)> make_modem;
};

class Service : public modem::ModemListener {
 public:
  Service(boost::asio::io_context& io, ServiceOptions options);
  ~Service() override;
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Opens everything; an error names what could not start (the database,
  // the listen address). Drivers that cannot open their device yet are not
  // an error: they wait for it.
  Status Start();
  void Reload();
  // `done` runs on the io thread once everything has stopped.
  void Shutdown(std::function<void()> done);

  // The bound HTTP port (useful when listen asked for port 0).
  uint16_t http_port() const;
  const config::Config& config() const { return options_.config; }

  // For ServiceApi (io thread only).
  store::Store& store() { return *store_; }
  core::Dispatcher& dispatcher() { return *dispatcher_; }
  core::CampaignRunner& campaigns() { return *campaigns_; }
  const core::DaemonClock& clock() const { return clock_; }
  core::InboundProcessor& inbound() { return *inbound_; }
  const std::map<std::string, std::unique_ptr<modem::Modem>>& drivers() const { return drivers_; }
  // Every modem has settled (ready, degraded or failed) or start_timeout_seconds
  // passed; until then /health says "starting" rather than "degraded".
  bool started_up() const { return modems_settled_; }

  // ModemListener.
  void OnStateChanged(const std::string& modem, modem::ModemState state) override;
  void OnInbound(const std::string& modem, modem::InboundPdu pdu, std::function<void()> stored) override;
  void OnStatusReport(const std::string& modem, modem::StatusReport report, std::function<void()> stored) override;

 private:
  modem::ModemConfig DriverConfig(const config::ModemSettings& settings) const;
  Status AddModem(const config::ModemSettings& settings);
  void RemoveModem(const std::string& id, std::function<void()> done);
  web::ApiSettings MakeApiSettings() const;
  void CheckSettled();
  void ReportModemsStatus();
  void ReleaseIdleMemory();
  void ArmWatchdog();
  void ArmHousekeeping();
  void FinishShutdown();

  boost::asio::io_context& io_;
  ServiceOptions options_;
  core::DaemonClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<core::ClockRebaser> rebaser_;
  // Every driver's PinGuard, started or reloaded: refusals outlive the
  // process. Uses store_, so declared after it; the drivers share it.
  std::shared_ptr<modem::PinGuard> pin_guard_;
  std::unique_ptr<core::Dispatcher> dispatcher_;
  std::unique_ptr<core::InboundProcessor> inbound_;
  std::unique_ptr<core::CampaignRunner> campaigns_;  // uses store_ and dispatcher_
  std::unique_ptr<notify::DlrRunner> dlr_runner_;  // uses store_
  std::unique_ptr<notify::WebhookRunner> webhooks_;  // uses store_
  std::unique_ptr<RetentionRunner> retention_;  // uses store_
  std::map<std::string, std::unique_ptr<modem::Modem>> drivers_;
  std::map<std::string, config::ModemSettings> modem_settings_;
  std::unique_ptr<ServiceApi> api_;
  std::unique_ptr<web::ApiRouter> router_;
  std::unique_ptr<web::HttpServer> http_;
  std::thread http_stopper_;

  boost::asio::steady_timer settle_timer_;
  boost::asio::steady_timer watchdog_timer_;
  boost::asio::steady_timer housekeeping_timer_;
  std::chrono::microseconds watchdog_interval_{0};
  bool modems_settled_ = false;
  std::string last_status_;  // the STATUS= line systemd last got
  bool shutting_down_ = false;
  int drivers_stopping_ = 0;
  std::function<void()> shutdown_done_;
  std::shared_ptr<int> alive_;
};

}  // namespace tellal::service

#endif  // TELLAL_DAEMON_SERVICE_SERVICE_H_

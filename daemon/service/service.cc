#include "daemon/service/service.h"

#include <malloc.h>

#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include <boost/asio/post.hpp>
#include <fstream>
#include <sstream>

#include "daemon/config/config_diff.h"
#include "daemon/config/secret_files.h"
#include "daemon/core/commercial_policy.h"
#include "daemon/core/local_time.h"
#include "daemon/core/stored_pin_guard.h"
#include "daemon/notify/dlr_runner.h"
#include "daemon/notify/webhook_runner.h"
#include "daemon/service/retention_runner.h"
#include "daemon/service/service_api.h"
#include "daemon/store/sqlite/sqlite_store.h"
#include "modem/driver/modem_driver.h"
#include "web/api/api_router.h"
#include "web/api/api_settings.h"
#include "web/http/http_server.h"
#include "web/api/session_password.h"
#include "web/panel_server/static_file.h"
#include "web/panel_server/static_site.h"

namespace tellal::service {
namespace {

constexpr auto kHousekeepingInterval = std::chrono::seconds(60);
// Daily limits need one local day; GET /api/v1/stats counts sends per hour
// from it over up to 168 hours (kMaxStatsHours), so it keeps 8 days.
constexpr store::Millis kSendLogKeep = 8LL * 24 * 3600 * 1000;

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::IoError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Service::Service(boost::asio::io_context& io, ServiceOptions options)
    : io_(io),
      options_(std::move(options)),
      settle_timer_(io),
      watchdog_timer_(io),
      housekeeping_timer_(io),
      alive_(std::make_shared<int>(0)) {}

Service::~Service() {
  if (http_stopper_.joinable()) http_stopper_.join();
  if (api_) api_->Close();
  http_.reset();
}

modem::ModemConfig Service::DriverConfig(const config::ModemSettings& settings) const {
  const config::DaemonSettings& d = options_.config.daemon;
  modem::ModemConfig c;
  c.name = settings.id;
  c.device = settings.device;
  c.baud = static_cast<unsigned>(settings.baud);
  c.hardware_flow_control = settings.hardware_flow_control;
  c.pin = settings.pin.value_or("");
  c.pin_guard = pin_guard_;
  c.timeouts.send = std::chrono::seconds(d.send_timeout_seconds);
  if (options_.command_timeout.count() > 0) {
    c.timeouts.basic = c.timeouts.query = c.timeouts.pin = c.timeouts.sim = c.timeouts.prompt =
        options_.command_timeout;
  }
  c.health_interval = std::chrono::seconds(d.health_interval_seconds);
  c.sim_scan_interval = std::chrono::seconds(d.sim_scan_interval_seconds);
  return c;
}

web::ApiSettings Service::MakeApiSettings() const {
  const config::Config& c = options_.config;
  web::ApiSettings s;
  s.token = c.http.token;
  s.default_country = c.daemon.default_country.value_or("");
  s.max_segments = c.http.max_segments;
  s.dlr_url_allow_local = c.http.dlr_url_allow_local;
  auto footer = core::RenderFooter(c.campaigns.footer, c.campaigns.reply_number);
  if (footer) {
    s.commercial_footer = std::move(*footer);
  } else {
    s.commercial_footer_error = footer.error().message;
  }
  for (const config::ModemSettings& m : c.modems) s.modem_ids.push_back(m.id);
  if (!c.http.kannel_username.empty()) s.kannel = web::KannelUser{c.http.kannel_username, c.http.kannel_password};
  s.version = TELLAL_VERSION;
  s.panel_password_file = c.daemon.state_dir + "/" + std::string(web::kPanelPasswordFileName);
  s.panel_secure_cookies = !c.http.tls_cert.empty();
  return s;
}

Status Service::Start() {
  const config::Config& c = options_.config;
  for (const std::string& warning : config::SecretFileWarnings(c)) spdlog::warn("{}", warning);
  if (c.daemon.timezone) core::SetLocalTimeZone(*c.daemon.timezone);

  const std::string db_path = c.daemon.state_dir + "/tellal.db";
  store::ConnectionOptions connection;
  connection.synchronous_full = c.daemon.durability == config::Durability::kEveryChange;
  connection.before_migrating = [&db_path](int from, int to) {
    // A schema step may rebuild the messages table; on a large database
    // that outlasts TimeoutStartSec, and a start killed mid-migration would
    // only roll back and begin again.
    spdlog::info("{}: upgrading the schema from version {} to {}; a large database can take minutes", db_path, from,
                 to);
    sd_notify(0, "EXTEND_TIMEOUT_USEC=1800000000\nSTATUS=Upgrading the database schema");
  };
  // The one place that knows the store is SQLite.
  auto store = store::SqliteStore::Open(db_path, connection);
  if (!store) return Wrap("opening " + db_path, store.error());
  store_ = std::move(*store);
  pin_guard_ = std::make_shared<core::StoredPinGuard>(store_->refused_pins());
  core::InboundOptions inbound;
  rebaser_ = std::make_unique<core::ClockRebaser>(clock_, store_->elapsed_times(), inbound.report_window);
  rebaser_->RebaseAtStart();
  auto recovered = store_->queue().RecoverAfterCrash(c.daemon.resend_unknown, clock_.Now());
  if (!recovered) return recovered.error();
  if (recovered->sent + recovered->unknown + recovered->requeued > 0) {
    spdlog::warn(
        "recovered after an unclean stop: {} message(s) were sent, {} marked unknown (maybe sent; not resent), {} "
        "requeued",
        recovered->sent, recovered->unknown, recovered->requeued);
  }

  core::DispatcherOptions dispatch;
  dispatch.max_attempts = c.daemon.max_attempts;
  dispatch.retry_backoff = std::chrono::seconds(c.daemon.retry_backoff_seconds);
  dispatch.rest = std::chrono::seconds(c.daemon.modem_rest_seconds);
  // Modems that finish together at high rates share a commit (16% less
  // daemon CPU per SMS at zero modem latency); 0.13% of a real modem's
  // 1.5 s per SMS.
  dispatch.commit_gather = std::chrono::milliseconds(2);
  dispatch.now = [this] { return clock_.Now(); };
  dispatch.check_clock = [this] { rebaser_->Check(); };
  dispatch.commercial_rules = [policy = std::make_shared<core::CommercialPolicy>(
                                   c.campaigns.quiet_hours, c.campaigns.cap_per_day, c.campaigns.cap_per_30_days)](
                                  store::Millis now) { return policy->RulesAt(now); };
  dispatcher_ = std::make_unique<core::Dispatcher>(io_, store_->queue(), store_->send_log(), *store_, dispatch);
  inbound.now = [this] { return clock_.Now(); };
  inbound.default_country = c.daemon.default_country.value_or("");
  core::OptOutOptions opt_out;
  opt_out.stop_keywords = c.campaigns.stop_keywords;
  opt_out.start_keywords = c.campaigns.start_keywords;
  opt_out.brand = c.campaigns.brand;
  opt_out.confirm = c.campaigns.confirm;
  opt_out.stop_reply = c.campaigns.stop_reply;
  opt_out.start_reply = c.campaigns.start_reply;
  inbound.opt_out = std::move(opt_out);
  core::RuleOptions rules;
  rules.reply_limit = c.campaigns.auto_reply_limit;
  rules.reply_window = static_cast<store::Millis>(c.campaigns.auto_reply_window_minutes) * 60 * 1000;
  inbound.rules = rules;
  inbound_ = std::make_unique<core::InboundProcessor>(*store_, inbound);
  inbound_->OnQueued([this] { dispatcher_->Wake(); });
  rebaser_->SetDispatcher(dispatcher_.get());
  // Kannel dlr-url calls are written by the store in the transaction of
  // each state change; the runner makes them, those from before a restart too.
  notify::DlrRunnerOptions dlr_options;
  dlr_options.allow_local_targets = c.http.dlr_url_allow_local;
  dlr_options.now = [this] { return clock_.Now(); };
  dlr_runner_ = std::make_unique<notify::DlrRunner>(io_, store_->dlr_calls(), std::move(dlr_options));
  dlr_runner_->Start();
  notify::WebhookRunnerOptions webhook_options;
  if (!c.webhooks.retry_schedule_ms.empty()) {
    webhook_options.schedule.clear();
    for (int64_t ms : c.webhooks.retry_schedule_ms) webhook_options.schedule.emplace_back(ms);
  }
  webhook_options.request_timeout = std::chrono::seconds(c.webhooks.request_timeout_seconds);
  webhook_options.now = [this] { return clock_.Now(); };
  webhooks_ = std::make_unique<notify::WebhookRunner>(io_, store_->webhooks(), std::move(webhook_options));
  webhooks_->Start();
  RetentionOptions retention;
  retention.keep_days = c.daemon.keep_days;
  if (c.daemon.archive) retention.archive.emplace(c.daemon.state_dir + "/archive");
  retention_ = std::make_unique<RetentionRunner>(io_, store_->retention(), std::move(retention));
  retention_->Start();

  for (const config::ModemSettings& m : c.modems) {
    if (!m.enabled) {
      spdlog::info("{}: disabled in the configuration", m.id);
      continue;
    }
    Status added = AddModem(m);
    if (!added) return added;
  }

  core::CampaignRunnerOptions campaign_options;
  if (auto footer = core::RenderFooter(c.campaigns.footer, c.campaigns.reply_number)) {
    campaign_options.footer = std::move(*footer);
  } else {
    campaign_options.footer_error = footer.error().message;
  }
  campaign_options.max_segments = c.http.max_segments;
  campaign_options.sync = c.daemon.durability == config::Durability::kProcess ? store::GroupSync::kConnection
                                                                            : store::GroupSync::kDisk;
  campaigns_ = std::make_unique<core::CampaignRunner>(io_, *store_, clock_, std::move(campaign_options),
                                                      [this] { dispatcher_->Wake(); });
  Status restored = campaigns_->Restore();
  if (!restored) return restored;

  api_ = std::make_unique<ServiceApi>(io_, *this);
  router_ = std::make_unique<web::ApiRouter>(*api_, MakeApiSettings(), [this] { return clock_.Now(); },
                                             web::StaticSite(web::PanelFiles()));
  web::HttpServerOptions http;
  http.host = c.http.listen.host;
  http.port = c.http.listen.port;
  http.ipv6 = c.http.listen.ipv6;
  http.max_body_bytes = static_cast<size_t>(c.http.max_body_kib) * 1024;
  http.body_limits.emplace_back("/api/v1/contacts/import", static_cast<size_t>(c.http.import_max_body_kib) * 1024);
  http.per_client_connection_limit = static_cast<unsigned>(c.http.max_connections_per_client);
  http.request_timeout_seconds = static_cast<unsigned>(c.http.request_timeout_seconds);
  // Parsing and answering requests is the least urgent work here: the io
  // thread they hand their calls to also drives the modems.
  http.worker_nice = 19;
  if (!c.http.tls_cert.empty()) {
    auto cert = ReadFile(c.http.tls_cert);
    if (!cert) return cert.error();
    auto key = ReadFile(c.http.tls_key);
    if (!key) return key.error();
    http.tls_cert_pem = *cert;
    http.tls_key_pem = *key;
  }
  http.log = [](std::string_view line) { spdlog::warn("http: {}", line); };
  web::ApiRouter* router = router_.get();
  http.screen = [router](const web::HttpRequest& r) { return router->Screen(r); };
  auto server =
      web::HttpServer::Start(std::move(http), [router](const web::HttpRequest& r) { return router->Handle(r); });
  if (!server) return server.error();
  http_ = std::move(*server);
  spdlog::info("API listening on {}://{}{}{}:{}", c.http.tls_cert.empty() ? "http" : "https",
               c.http.listen.ipv6 ? "[" : "", c.http.listen.host, c.http.listen.ipv6 ? "]" : "", http_->port());

  // READY=1 now, not when the modems are up: a modem that is absent, mistyped
  // or slow to boot must not hold the start past TimeoutStartSec (systemd
  // would kill and restart the whole gateway in a loop). /api/v1/modems and
  // /health say which modems are ready; STATUS= follows them.
  sd_notify(0, "READY=1\nSTATUS=API listening; modems starting");
  settle_timer_.expires_after(std::chrono::seconds(c.daemon.start_timeout_seconds));
  settle_timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
    if (ec || alive.expired() || modems_settled_) return;
    spdlog::warn("not every modem settled within {} s; the others keep trying",
                 options_.config.daemon.start_timeout_seconds);
    modems_settled_ = true;
    ReportModemsStatus();
  });
  CheckSettled();
  uint64_t watchdog_usec = 0;
  if (sd_watchdog_enabled(0, &watchdog_usec) > 0 && watchdog_usec > 0) {
    watchdog_interval_ = std::chrono::microseconds(watchdog_usec / 2);
    ArmWatchdog();
  }
  ArmHousekeeping();
  return Status::Ok();
}

uint16_t Service::http_port() const { return http_ ? http_->port() : 0; }

Status Service::AddModem(const config::ModemSettings& settings) {
  std::unique_ptr<modem::Modem> driver = options_.make_modem
                                             ? options_.make_modem(DriverConfig(settings), *this)
                                             : std::make_unique<modem::ModemDriver>(io_, DriverConfig(settings), *this);
  modem::Modem& d = *driver;
  drivers_[settings.id] = std::move(driver);
  modem_settings_[settings.id] = settings;
  Status added =
      dispatcher_->AddModem(settings.id, d, core::ModemLimits{settings.rate_per_minute, settings.daily_limit});
  if (!added) return added;
  d.Start();
  return Status::Ok();
}

void Service::RemoveModem(const std::string& id, std::function<void()> done) {
  dispatcher_->RemoveModem(id, [this, id, done = std::move(done)]() mutable {
    auto it = drivers_.find(id);
    if (it == drivers_.end()) {
      done();
      return;
    }
    it->second->Stop([this, id, done = std::move(done)]() mutable {
      // Destroyed from a fresh handler, never from inside the driver's own.
      boost::asio::post(io_, [this, id, done = std::move(done)] {
        drivers_.erase(id);
        modem_settings_.erase(id);
        done();
      });
    });
  });
}

void Service::Reload() {
  if (shutting_down_) return;
  if (options_.config_path.empty()) {
    spdlog::warn("SIGHUP: this instance has no configuration file to reload");
    return;
  }
  auto fresh = config::LoadConfig(options_.config_path);
  if (!fresh) {
    spdlog::error("reload refused, keeping the running configuration: {}", fresh.error().message);
    return;
  }
  const config::ConfigDiff diff = config::DiffModems(options_.config, *fresh);
  for (const std::string& name : diff.daemon_wide_changed) {
    spdlog::warn("reload: {} changed; it takes effect at the next restart", name);
  }
  // Daemon-wide settings stay as started; only modems and limits change.
  config::Config next = options_.config;
  next.modems = fresh->modems;
  options_.config = next;

  auto reopen = [this](const config::ModemSettings& m) {
    if (!m.enabled) return;
    Status added = AddModem(m);
    if (!added) spdlog::error("reload: {}: {}", m.id, added.error().message);
  };
  for (const config::ModemSettings& m : diff.removed) {
    spdlog::info("reload: {} removed", m.id);
    RemoveModem(m.id, [] {});
  }
  for (const config::ModemSettings& m : diff.added) {
    spdlog::info("reload: {} added", m.id);
    reopen(m);
  }
  for (const config::ModemChange& change : diff.changed) {
    const std::string& id = change.after.id;
    if (change.connection_changed || change.enabled_changed) {
      spdlog::info("reload: {} reconnects with its new settings", id);
      if (drivers_.count(id)) {
        RemoveModem(id, [after = change.after, reopen] { reopen(after); });
      } else {
        reopen(change.after);
      }
    } else if (change.limits_changed) {
      spdlog::info("reload: {} limits now {} per minute, {} per day", id,
                   change.after.rate_per_minute ? std::to_string(*change.after.rate_per_minute) : "unlimited",
                   change.after.daily_limit ? std::to_string(*change.after.daily_limit) : "unlimited");
      dispatcher_->SetLimits(id, core::ModemLimits{change.after.rate_per_minute, change.after.daily_limit});
      modem_settings_[id] = change.after;
    }
  }
  router_->UpdateSettings(MakeApiSettings());
  for (const std::string& warning : config::SecretFileWarnings(*fresh)) spdlog::warn("{}", warning);
  spdlog::info("configuration reloaded from {}", options_.config_path);
}

void Service::OnStateChanged(const std::string& modem, modem::ModemState state) {
  // The driver has logged the transition already.
  dispatcher_->ModemStateChanged(modem, state);
  CheckSettled();
  ReportModemsStatus();
}

void Service::OnInbound(const std::string& modem, modem::InboundPdu pdu, std::function<void()> stored) {
  inbound_->HandleMessage(modem, pdu.sim, pdu, stored);
}

void Service::OnStatusReport(const std::string& modem, modem::StatusReport report, std::function<void()> stored) {
  dispatcher_->CommitOutcomes();  // the report may be for a send answered this very turn
  inbound_->HandleStatusReport(modem, report, stored);
}

void Service::CheckSettled() {
  if (modems_settled_) return;
  for (const auto& [id, driver] : drivers_) {
    const modem::ModemState s = driver->state();
    const bool settled = modem::AcceptsSends(s) || s == modem::ModemState::kDegraded ||
                         s == modem::ModemState::kFailed || s == modem::ModemState::kSimLocked;
    if (!settled) return;
  }
  modems_settled_ = true;
  settle_timer_.cancel();
  spdlog::info("all {} modem(s) settled", drivers_.size());
  ReportModemsStatus();
  ReleaseIdleMemory();
}

void Service::ReportModemsStatus() {
  if (shutting_down_) return;
  int ready = 0;
  for (const auto& [id, driver] : drivers_) ready += modem::AcceptsSends(driver->state()) ? 1 : 0;
  const std::string status = fmt::format("STATUS=running; {} of {} modem(s) ready{}", ready, drivers_.size(),
                                         modems_settled_ ? "" : ", others starting");
  // Every send flips its modem ready -> busy -> ready; only a changed line
  // is worth a message to systemd.
  if (status == last_status_) return;
  last_status_ = status;
  sd_notify(0, status.c_str());
}

void Service::ReleaseIdleMemory() {
  // Start-up (migrations, crash recovery, modem initialisation) and bursts
  // leave SQLite's page cache full and freed heap that glibc keeps; on a
  // Raspberry Pi the resident set is what the daemon costs while it waits.
  store_->ReleaseMemory();
  malloc_trim(0);
}

void Service::ArmWatchdog() {
  watchdog_timer_.expires_after(watchdog_interval_);
  watchdog_timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    sd_notify(0, "WATCHDOG=1");
    ArmWatchdog();
  });
}

void Service::ArmHousekeeping() {
  housekeeping_timer_.expires_after(kHousekeepingInterval);
  housekeeping_timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
    if (ec || alive.expired() || shutting_down_) return;
    // Idle, nothing else reads the clock: a step is noticed here within a
    // minute (busy, the dispatcher notices it at once).
    rebaser_->Check();
    inbound_->ExpirePartials(static_cast<store::Millis>(options_.config.daemon.partial_inbound_timeout_seconds) * 1000);
    Status pruned = store_->send_log().PruneSendLog(clock_.Now() - kSendLogKeep);
    if (!pruned) spdlog::error("{}", pruned.error().message);
    ReleaseIdleMemory();
    ArmHousekeeping();
  });
}

void Service::Shutdown(std::function<void()> done) {
  if (shutting_down_) return;
  shutting_down_ = true;
  shutdown_done_ = std::move(done);
  spdlog::info("stopping: no new requests; finishing sends in flight");
  sd_notify(0, "STOPPING=1");
  settle_timer_.cancel();
  watchdog_timer_.cancel();
  housekeeping_timer_.cancel();
  if (retention_) retention_->Stop();
  if (campaigns_) campaigns_->Stop();
  if (api_) api_->Close();
  // Handlers in flight wait for this thread, so the server is stopped from
  // another one while this loop keeps serving them.
  if (http_) {
    std::shared_ptr<web::HttpServer> server(std::move(http_));
    http_stopper_ = std::thread([server]() mutable { server.reset(); });
  }
  dispatcher_->Stop([this] {
    // An attempt in flight is not recorded, so it is made again after the restart.
    if (dlr_runner_) dlr_runner_->Stop();
    if (webhooks_) webhooks_->Stop();
    drivers_stopping_ = static_cast<int>(drivers_.size());
    if (drivers_stopping_ == 0) {
      FinishShutdown();
      return;
    }
    for (auto& [id, driver] : drivers_) {
      driver->Stop([this] {
        if (--drivers_stopping_ == 0) boost::asio::post(io_, [this] { FinishShutdown(); });
      });
    }
  });
}

void Service::FinishShutdown() {
  drivers_.clear();
  if (http_stopper_.joinable()) http_stopper_.join();
  spdlog::info("stopped cleanly");
  if (shutdown_done_) boost::asio::post(io_, std::move(shutdown_done_));
}

}  // namespace tellal::service

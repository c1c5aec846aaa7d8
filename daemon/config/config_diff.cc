#include "daemon/config/config_diff.h"

#include <algorithm>
#include <utility>

namespace tellal::config {
namespace {

const ModemSettings* FindModem(const std::vector<ModemSettings>& modems, const std::string& id) {
  const auto found = std::find_if(modems.begin(), modems.end(), [&](const ModemSettings& m) { return m.id == id; });
  return found == modems.end() ? nullptr : &*found;
}

// Lists every daemon-wide setting that differs. Written out field by field,
// so a new setting added to the structs without a line here is a visible
// omission in review, and the names match the file's keys.
std::vector<std::string> DaemonWideChanges(const Config& before, const Config& after) {
  std::vector<std::string> names;
  const auto note = [&](bool differs, const char* name) {
    if (differs) names.emplace_back(name);
  };
  const DaemonSettings& d0 = before.daemon;
  const DaemonSettings& d1 = after.daemon;
  note(d0.state_dir != d1.state_dir, "[daemon] state_dir");
  note(d0.log_level != d1.log_level, "[daemon] log_level");
  note(d0.default_country != d1.default_country, "[daemon] default_country");
  note(d0.timezone != d1.timezone, "[daemon] timezone");
  note(d0.resend_unknown != d1.resend_unknown, "[daemon] resend_unknown");
  note(d0.max_attempts != d1.max_attempts, "[daemon] max_attempts");
  note(d0.retry_backoff_seconds != d1.retry_backoff_seconds, "[daemon] retry_backoff_seconds");
  note(d0.partial_inbound_timeout_seconds != d1.partial_inbound_timeout_seconds,
       "[daemon] partial_inbound_timeout_seconds");
  note(d0.start_timeout_seconds != d1.start_timeout_seconds, "[daemon] start_timeout_seconds");
  note(d0.send_timeout_seconds != d1.send_timeout_seconds, "[daemon] send_timeout_seconds");
  note(d0.health_interval_seconds != d1.health_interval_seconds, "[daemon] health_interval_seconds");
  note(d0.sim_scan_interval_seconds != d1.sim_scan_interval_seconds, "[daemon] sim_scan_interval_seconds");
  note(d0.modem_rest_seconds != d1.modem_rest_seconds, "[daemon] modem_rest_seconds");
  note(d0.durability != d1.durability, "[daemon] durability");
  note(d0.keep_days != d1.keep_days, "[daemon] keep_days");
  note(d0.archive != d1.archive, "[daemon] archive");
  const HttpSettings& h0 = before.http;
  const HttpSettings& h1 = after.http;
  note(h0.listen != h1.listen, "[http] listen");
  // The token itself, not where it came from: a rotated token file changes
  // it, and a move from token to token_file with the same value does not.
  note(h0.token != h1.token, "[http] token");
  note(h0.tls_cert != h1.tls_cert, "[http] tls_cert");
  note(h0.max_segments != h1.max_segments, "[http] max_segments");
  note(h0.max_body_kib != h1.max_body_kib, "[http] max_body_kib");
  note(h0.max_connections_per_client != h1.max_connections_per_client, "[http] max_connections_per_client");
  note(h0.request_timeout_seconds != h1.request_timeout_seconds, "[http] request_timeout_seconds");
  note(h0.dlr_url_allow_local != h1.dlr_url_allow_local, "[http] dlr_url_allow_local");
  note(h0.kannel_username != h1.kannel_username, "[http] kannel_username");
  note(h0.kannel_password != h1.kannel_password, "[http] kannel_password");
  note(h0.tls_key != h1.tls_key, "[http] tls_key");
  note(h0.import_max_body_kib != h1.import_max_body_kib, "[http] import_max_body_kib");
  const CampaignSettings& c0 = before.campaigns;
  const CampaignSettings& c1 = after.campaigns;
  note(c0.stop_keywords != c1.stop_keywords, "[campaigns] stop_keywords");
  note(c0.start_keywords != c1.start_keywords, "[campaigns] start_keywords");
  note(c0.brand != c1.brand, "[campaigns] brand");
  note(c0.confirm != c1.confirm, "[campaigns] confirm");
  note(c0.stop_reply != c1.stop_reply, "[campaigns] stop_reply");
  note(c0.start_reply != c1.start_reply, "[campaigns] start_reply");
  note(c0.quiet_hours != c1.quiet_hours, "[campaigns] quiet_hours");
  note(c0.cap_per_day != c1.cap_per_day, "[campaigns] cap_per_day");
  note(c0.cap_per_30_days != c1.cap_per_30_days, "[campaigns] cap_per_30_days");
  note(c0.footer != c1.footer, "[campaigns] footer");
  note(c0.reply_number != c1.reply_number, "[campaigns] reply_number");
  note(before.webhooks.retry_schedule_ms != after.webhooks.retry_schedule_ms, "[webhooks] retry_schedule");
  note(before.webhooks.request_timeout_seconds != after.webhooks.request_timeout_seconds,
       "[webhooks] request_timeout_seconds");
  note(c0.auto_reply_limit != c1.auto_reply_limit, "[campaigns] auto_reply_limit");
  note(c0.auto_reply_window_minutes != c1.auto_reply_window_minutes, "[campaigns] auto_reply_window_minutes");
  return names;
}

}  // namespace

ConfigDiff DiffModems(const Config& before, const Config& after) {
  ConfigDiff diff;
  for (const ModemSettings& old_modem : before.modems) {
    if (FindModem(after.modems, old_modem.id) == nullptr) diff.removed.push_back(old_modem);
  }
  for (const ModemSettings& new_modem : after.modems) {
    const ModemSettings* old_modem = FindModem(before.modems, new_modem.id);
    if (old_modem == nullptr) {
      diff.added.push_back(new_modem);
      continue;
    }
    if (*old_modem == new_modem) continue;
    ModemChange change{*old_modem, new_modem};
    change.connection_changed = old_modem->device != new_modem.device || old_modem->baud != new_modem.baud ||
                                old_modem->pin != new_modem.pin ||
                                old_modem->hardware_flow_control != new_modem.hardware_flow_control;
    change.limits_changed =
        old_modem->rate_per_minute != new_modem.rate_per_minute || old_modem->daily_limit != new_modem.daily_limit;
    change.enabled_changed = old_modem->enabled != new_modem.enabled;
    diff.changed.push_back(std::move(change));
  }
  diff.daemon_wide_changed = DaemonWideChanges(before, after);
  return diff;
}

}  // namespace tellal::config

// MetricsSnapshot: the numbers GET /metrics reports, gathered by the daemon
// at one moment. Plain values; the HTTP API's ApiBackend hands one out, and
// metrics_text.h renders it. Depends on nothing but the standard library,
// so web/metrics never needs web/api.
#ifndef TELLAL_WEB_METRICS_METRICS_SNAPSHOT_H_
#define TELLAL_WEB_METRICS_METRICS_SNAPSHOT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tellal::web {

// One modem as GET /api/v1/modems and the metrics show it.
struct ModemView {
  std::string id;
  std::string state;  // absent|initialising|ready|busy|degraded|recovering|failed|sim-locked|disabled
  // Why a sim-locked modem will not enter its PIN ("PIN refused", "PUK
  // required", "only 2 PIN attempts left"); empty otherwise.
  std::string lock_reason;
  std::optional<int> pin_attempts_left;
  // SIM message storage: slots used and in all (0 when unknown); full stops inbound.
  int sim_used = 0;
  int sim_total = 0;
  bool sim_full = false;
  std::string device;
  std::string manufacturer, model, imei, imsi, iccid, operator_name;
  std::optional<int> signal_dbm;
  std::string registration;  // "home", "roaming", "searching", "denied", "unknown", "not registered"
  int sent_today = 0;        // SMS (segments) since local midnight
  std::optional<int> daily_limit;
  std::optional<int> rate_per_minute;
  double queue_share = 0.0;  // this modem's share of segments sent in the last hour, 0..1
  std::optional<std::string> last_error;
  uint64_t sent_total = 0;    // segments sent since start
  uint64_t failed_total = 0;  // send attempts that failed since start
};

// Cumulative histogram: bucket upper bounds in seconds with counts of
// observations <= bound; `sum` in seconds.
struct Histogram {
  std::vector<double> bounds;
  std::vector<uint64_t> counts;  // same size as bounds; +Inf is `count`
  uint64_t count = 0;
  double sum = 0;
};

struct MetricsSnapshot {
  std::vector<ModemView> modems;
  std::map<std::string, int64_t> queued_by_priority;  // "otp", "normal", "bulk"
  uint64_t inbound_total = 0;
  uint64_t accepted_total = 0;
  Histogram send_latency;  // seconds inside AT+CMGS, per segment
};

}  // namespace tellal::web

#endif  // TELLAL_WEB_METRICS_METRICS_SNAPSHOT_H_

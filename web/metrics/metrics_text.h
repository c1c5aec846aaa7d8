// RenderMetrics: a MetricsSnapshot as Prometheus' text exposition format,
// version 0.0.4, the body GET /metrics answers with.
//
// Every family is announced by `# HELP` and `# TYPE` and its samples follow
// together, as the format requires. Numbers are written with std::to_chars,
// so the output does not depend on the process locale.
//
// Pure: no I/O, no logging; safe to call from any thread.
#ifndef TELLAL_WEB_METRICS_METRICS_TEXT_H_
#define TELLAL_WEB_METRICS_METRICS_TEXT_H_

#include <string>
#include <string_view>

#include "web/metrics/metrics_snapshot.h"

namespace tellal::web {

// The Content-Type to serve RenderMetrics' output with.
inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

// Families, in this order:
//   tellal_modem_signal_dbm{modem}          gauge    (no sample while unknown)
//   tellal_modem_state{modem,state}         gauge    1 for the current state, 0 for the others
//   tellal_modem_sent_total{modem}          counter
//   tellal_modem_failed_total{modem}        counter
//   tellal_modem_sent_today{modem}          gauge
//   tellal_queue_depth{priority}            gauge    otp, normal and bulk always present
//   tellal_inbound_total                    counter
//   tellal_accepted_total                   counter
//   tellal_send_latency_seconds             histogram
// Precondition: snapshot.send_latency.bounds ascending with cumulative
// counts, as Histogram documents.
std::string RenderMetrics(const MetricsSnapshot& snapshot);

// Label value escaping of the text format: backslash, double quote and line
// feed become \\, \" and \n. Exposed for tests.
std::string EscapeLabelValue(std::string_view value);

// A sample value as Prometheus clients print it: shortest round-trip form
// ("0.005", "1", "2.5", "1e-05"), "+Inf", "-Inf", "NaN". Exposed for tests.
std::string FormatSampleValue(double value);

}  // namespace tellal::web

#endif  // TELLAL_WEB_METRICS_METRICS_TEXT_H_

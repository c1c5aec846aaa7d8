#include "web/metrics/metrics_text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace tellal::web {
namespace {

// Every state ModemView documents; a dashboard can then sum or alert on any
// of them without the series appearing and disappearing as modems change.
constexpr std::array<std::string_view, 9> kModemStates = {
    "absent", "initialising", "ready", "busy", "degraded", "recovering", "failed", "sim-locked", "disabled",
};

constexpr std::array<std::string_view, 3> kPriorities = {"otp", "normal", "bulk"};

template <typename Int>
std::string FormatInteger(Int value) {
  std::array<char, 24> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  (void)ec;  // 24 characters hold every 64-bit integer
  return std::string(buffer.data(), end);
}

using Labels = std::vector<std::pair<std::string_view, std::string_view>>;

class Writer {
 public:
  void Family(std::string_view name, std::string_view type, std::string_view help) {
    out_ += "# HELP ";
    out_ += name;
    out_ += ' ';
    out_ += help;  // constant texts below, free of backslashes and line feeds
    out_ += "\n# TYPE ";
    out_ += name;
    out_ += ' ';
    out_ += type;
    out_ += '\n';
  }

  void Sample(std::string_view name, const Labels& labels, std::string_view value) {
    out_ += name;
    if (!labels.empty()) {
      out_ += '{';
      bool first = true;
      for (const auto& [label, label_value] : labels) {
        if (!first) out_ += ',';
        first = false;
        out_ += label;
        out_ += "=\"";
        out_ += EscapeLabelValue(label_value);
        out_ += '"';
      }
      out_ += '}';
    }
    out_ += ' ';
    out_ += value;
    out_ += '\n';
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

void RenderModems(const std::vector<ModemView>& modems, Writer& w) {
  w.Family("tellal_modem_signal_dbm", "gauge", "Received signal strength of the modem in dBm.");
  for (const auto& m : modems) {
    // An absent sample says "unknown"; any number would be a lie an alert
    // could fire on.
    if (m.signal_dbm) w.Sample("tellal_modem_signal_dbm", {{"modem", m.id}}, FormatInteger(*m.signal_dbm));
  }

  w.Family("tellal_modem_state", "gauge", "Current state of the modem: 1 for the state it is in, 0 for the others.");
  for (const auto& m : modems) {
    bool known = false;
    for (std::string_view state : kModemStates) {
      const bool current = m.state == state;
      known = known || current;
      w.Sample("tellal_modem_state", {{"modem", m.id}, {"state", state}}, current ? "1" : "0");
    }
    // A state newer than this list still shows up rather than leaving the
    // modem with no state at 1.
    if (!known) w.Sample("tellal_modem_state", {{"modem", m.id}, {"state", m.state}}, "1");
  }

  w.Family("tellal_modem_sent_total", "counter", "SMS segments the modem sent since the daemon started.");
  for (const auto& m : modems) w.Sample("tellal_modem_sent_total", {{"modem", m.id}}, FormatInteger(m.sent_total));

  w.Family("tellal_modem_failed_total", "counter", "Send attempts on the modem that failed since the daemon started.");
  for (const auto& m : modems) {
    w.Sample("tellal_modem_failed_total", {{"modem", m.id}}, FormatInteger(m.failed_total));
  }

  w.Family("tellal_modem_sent_today", "gauge", "SMS segments the modem sent since local midnight.");
  for (const auto& m : modems) w.Sample("tellal_modem_sent_today", {{"modem", m.id}}, FormatInteger(m.sent_today));
}

void RenderQueue(const std::map<std::string, int64_t>& queued, Writer& w) {
  w.Family("tellal_queue_depth", "gauge", "Messages waiting to be sent, by priority.");
  // The three priorities always appear so that a drained queue reads 0
  // instead of "no data".
  for (std::string_view priority : kPriorities) {
    const auto it = queued.find(std::string(priority));
    w.Sample("tellal_queue_depth", {{"priority", priority}},
             FormatInteger(it == queued.end() ? int64_t{0} : it->second));
  }
  for (const auto& [priority, depth] : queued) {
    if (std::find(kPriorities.begin(), kPriorities.end(), priority) != kPriorities.end()) continue;
    w.Sample("tellal_queue_depth", {{"priority", priority}}, FormatInteger(depth));
  }
}

void RenderLatency(const Histogram& h, Writer& w) {
  constexpr std::string_view kName = "tellal_send_latency_seconds";
  w.Family(kName, "histogram", "Time a segment spent inside AT+CMGS, in seconds.");
  const std::size_t n = std::min(h.bounds.size(), h.counts.size());
  for (std::size_t i = 0; i < n; ++i) {
    // Histogram's own bounds may include +Inf; the format wants it once.
    if (std::isinf(h.bounds[i]) && h.bounds[i] > 0) continue;
    const std::string le = FormatSampleValue(h.bounds[i]);
    w.Sample("tellal_send_latency_seconds_bucket", {{"le", le}}, FormatInteger(h.counts[i]));
  }
  w.Sample("tellal_send_latency_seconds_bucket", {{"le", "+Inf"}}, FormatInteger(h.count));
  w.Sample("tellal_send_latency_seconds_sum", {}, FormatSampleValue(h.sum));
  w.Sample("tellal_send_latency_seconds_count", {}, FormatInteger(h.count));
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string FormatSampleValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  (void)ec;  // the shortest round-trip form of a double fits in 24 characters
  return std::string(buffer.data(), end);
}

std::string RenderMetrics(const MetricsSnapshot& snapshot) {
  Writer w;
  RenderModems(snapshot.modems, w);
  RenderQueue(snapshot.queued_by_priority, w);
  w.Family("tellal_inbound_total", "counter", "SMS received since the daemon started.");
  w.Sample("tellal_inbound_total", {}, FormatInteger(snapshot.inbound_total));
  w.Family("tellal_accepted_total", "counter", "Messages accepted for sending since the daemon started.");
  w.Sample("tellal_accepted_total", {}, FormatInteger(snapshot.accepted_total));
  RenderLatency(snapshot.send_latency, w);
  return w.Take();
}

}  // namespace tellal::web

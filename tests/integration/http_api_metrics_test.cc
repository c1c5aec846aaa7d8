// GET /metrics against the real tellald: Prometheus' text exposition format
// (version 0.0.4), checked line by line, and the values it reports after
// the daemon has sent, queued and received known numbers of messages.
#include <catch2/catch.hpp>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "api_checks.h"
#include "daemon_harness.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct Family {
  std::string type;
  std::string help;
  std::vector<Sample> samples;
};

bool IsMetricName(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != ':') return false;
  }
  return true;
}

bool IsLabelName(std::string_view s) { return IsMetricName(s) && s.find(':') == std::string_view::npos; }

std::optional<double> ParseValue(std::string_view s) {
  if (s == "+Inf") return INFINITY;
  if (s == "-Inf") return -INFINITY;
  if (s == "NaN") return NAN;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Parses one sample line, strictly; an error names what is wrong.
std::variant<Sample, std::string> ParseSample(std::string_view line) {
  Sample s;
  size_t i = 0;
  while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
  s.name = std::string(line.substr(0, i));
  if (!IsMetricName(s.name)) return "bad metric name '" + s.name + "'";
  if (i < line.size() && line[i] == '{') {
    ++i;
    while (i < line.size() && line[i] != '}') {
      const size_t eq = line.find('=', i);
      if (eq == std::string_view::npos) return std::string("label without '='");
      const std::string label(line.substr(i, eq - i));
      if (!IsLabelName(label)) return "bad label name '" + label + "'";
      if (eq + 1 >= line.size() || line[eq + 1] != '"') return "label value of " + label + " not quoted";
      std::string value;
      size_t j = eq + 2;
      for (; j < line.size() && line[j] != '"'; ++j) {
        if (line[j] == '\\') {
          if (++j >= line.size()) return std::string("escape at the end of the line");
          if (line[j] == 'n') {
            value += '\n';
          } else if (line[j] == '\\' || line[j] == '"') {
            value += line[j];
          } else {
            return std::string("unknown escape \\") + line[j];
          }
        } else {
          value += line[j];
        }
      }
      if (j >= line.size()) return "unterminated value of " + label;
      if (!s.labels.emplace(label, value).second) return "label " + label + " twice";
      i = j + 1;
      if (i < line.size() && line[i] == ',') ++i;
    }
    if (i >= line.size()) return std::string("labels not closed");
    ++i;
  }
  if (i >= line.size() || line[i] != ' ') return std::string("no space before the value");
  std::string_view rest = line.substr(i + 1);
  const size_t space = rest.find(' ');
  const std::optional<double> value = ParseValue(rest.substr(0, space));
  if (!value) return "bad value '" + std::string(rest.substr(0, space)) + "'";
  if (space != std::string_view::npos) {
    // An optional timestamp: an integer of milliseconds.
    int64_t timestamp = 0;
    const std::string_view ts = rest.substr(space + 1);
    auto [end, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), timestamp);
    if (ec != std::errc() || end != ts.data() + ts.size()) return "bad timestamp '" + std::string(ts) + "'";
  }
  s.value = *value;
  return s;
}

// The families of an exposition, checked line by line against the format:
// HELP and TYPE at most once each and TYPE before the family's samples,
// every sample of a declared family and the family's samples together, no
// series twice, histograms with cumulative buckets ending at le="+Inf" equal
// to _count.
std::map<std::string, Family> ParseExposition(const std::string& text) {
  std::map<std::string, Family> families;
  REQUIRE(!text.empty());
  CHECK(text.back() == '\n');
  std::set<std::string> finished;  // families whose samples have ended
  std::string current;
  std::set<std::string> series;
  size_t line_no = 0;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    INFO("line " << line_no << ": " << line);
    CHECK(!line.empty());
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
      const std::string rest = line.substr(7);
      const size_t space = rest.find(' ');
      REQUIRE(space != std::string::npos);
      const std::string name = rest.substr(0, space);
      CHECK(IsMetricName(name));
      Family& f = families[name];
      CHECK(f.samples.empty());
      CHECK(!finished.count(name));
      if (line[2] == 'H') {
        CHECK(f.help.empty());
        f.help = rest.substr(space + 1);
        CHECK(!f.help.empty());
      } else {
        CHECK(f.type.empty());
        f.type = rest.substr(space + 1);
        CHECK((f.type == "counter" || f.type == "gauge" || f.type == "histogram" || f.type == "summary" ||
               f.type == "untyped"));
      }
      continue;
    }
    CHECK(line[0] != '#');  // the renderer writes no other comments
    auto parsed = ParseSample(line);
    if (const std::string* error = std::get_if<std::string>(&parsed)) {
      FAIL_CHECK("not a sample line: " << *error);
      continue;
    }
    Sample& sample = std::get<Sample>(parsed);
    std::string family = sample.name;
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      if (!sample.name.ends_with(suffix)) continue;
      const std::string base = sample.name.substr(0, sample.name.size() - std::strlen(suffix));
      if (families.count(base) && families[base].type == "histogram") family = base;
    }
    REQUIRE(families.count(family));
    CHECK(!families[family].type.empty());
    CHECK(!finished.count(family));
    if (family != current) {
      if (!current.empty()) finished.insert(current);
      current = family;
    }
    std::string key = sample.name;
    for (const auto& [label, value] : sample.labels) key += "|" + label + "=" + value;
    CHECK(series.insert(key).second);
    families[family].samples.push_back(std::move(sample));
  }

  for (const auto& [name, family] : families) {
    INFO("family " << name);
    CHECK(!family.help.empty());
    CHECK(!family.type.empty());
    if (family.type != "histogram") continue;
    std::vector<std::pair<double, double>> buckets;  // le, count
    std::optional<double> count, sum;
    for (const Sample& s : family.samples) {
      if (s.name == name + "_bucket") {
        REQUIRE(s.labels.count("le"));
        const std::optional<double> le = ParseValue(s.labels.at("le"));
        REQUIRE(le.has_value());
        buckets.emplace_back(*le, s.value);
      } else if (s.name == name + "_count") {
        count = s.value;
      } else if (s.name == name + "_sum") {
        sum = s.value;
      } else {
        FAIL_CHECK("unexpected sample " << s.name << " in histogram " << name);
      }
    }
    REQUIRE(count.has_value());
    REQUIRE(sum.has_value());
    REQUIRE(!buckets.empty());
    CHECK(std::isinf(buckets.back().first));
    CHECK(buckets.back().second == *count);
    for (size_t i = 1; i < buckets.size(); ++i) {
      CHECK(buckets[i].first > buckets[i - 1].first);
      CHECK(buckets[i].second >= buckets[i - 1].second);
    }
  }
  return families;
}

double Value(const Family& family, const std::string& name, const std::map<std::string, std::string>& labels) {
  for (const Sample& s : family.samples) {
    if (s.name == name && s.labels == labels) return s.value;
  }
  FAIL("no sample " << name << " with the labels asked for");
  return 0;
}

TEST_CASE("API metrics: /metrics is Prometheus text with modem, queue, inbound and latency families", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(2));
  // Sent now: three one-part messages and one of two parts (5 segments).
  std::vector<int64_t> now = h.Submit(3, "metrics");
  ApiReply two_parts = h.Post("/api/v1/messages", {{"to", "05321234567"}, {"text", std::string(200, 'm')}});
  REQUIRE(two_parts.status == 202);
  now.push_back(two_parts.body["id"].get<int64_t>());
  // Waiting: one otp and two bulk.
  const std::string later = Rfc3339Utc(std::chrono::system_clock::now() + 1h);
  h.Submit(1, "later-otp", {{"send_at", later}, {"priority", "otp"}});
  h.Submit(2, "later-bulk", {{"send_at", later}, {"priority", "bulk"}});
  h.OnModems([&] {
    h.sim(1).ReceiveSms("+905551112233", "first reply");
    h.sim(2).ReceiveSms("+905554445566", "second reply");
    return 0;
  });
  REQUIRE(h.WaitUntil([&] { return StateSummary(h.AllMessages(), now) == "sent:4"; }, 20s, 50ms));
  REQUIRE(h.WaitUntil([&] { return h.Get("/api/v1/inbox")["messages"].size() == 2; }, 20s, 50ms));
  REQUIRE(h.WaitUntil([&] { return h.ModemState("sim1") == "ready" && h.ModemState("sim2") == "ready"; }, 10s));

  ApiReply reply = h.Request("GET", "/metrics");
  INFO(reply.raw);
  REQUIRE(reply.status == 200);
  CHECK(reply.Header("Content-Type").value_or("") == "text/plain; version=0.0.4; charset=utf-8");
  const std::map<std::string, Family> families = ParseExposition(reply.raw);

  const std::map<std::string, std::string> types = {
      {"tellal_modem_signal_dbm", "gauge"},         {"tellal_modem_state", "gauge"},
      {"tellal_modem_sent_total", "counter"},       {"tellal_modem_failed_total", "counter"},
      {"tellal_modem_sent_today", "gauge"},         {"tellal_queue_depth", "gauge"},
      {"tellal_inbound_total", "counter"},          {"tellal_accepted_total", "counter"},
      {"tellal_send_latency_seconds", "histogram"},
  };
  for (const auto& [name, type] : types) {
    INFO(name);
    REQUIRE(families.count(name));
    CHECK(families.at(name).type == type);
  }

  double sent = 0;
  for (const std::string modem : {"sim1", "sim2"}) {
    INFO(modem);
    CHECK(Value(families.at("tellal_modem_signal_dbm"), "tellal_modem_signal_dbm", {{"modem", modem}}) == -73);
    // One state at 1, the current one.
    std::vector<std::string> current;
    for (const Sample& s : families.at("tellal_modem_state").samples) {
      if (s.labels.at("modem") != modem) continue;
      CHECK((s.value == 0 || s.value == 1));
      if (s.value == 1) current.push_back(s.labels.at("state"));
    }
    CHECK(current == std::vector<std::string>{"ready"});
    CHECK(Value(families.at("tellal_modem_failed_total"), "tellal_modem_failed_total", {{"modem", modem}}) == 0);
    const double modem_sent =
        Value(families.at("tellal_modem_sent_total"), "tellal_modem_sent_total", {{"modem", modem}});
    CHECK(Value(families.at("tellal_modem_sent_today"), "tellal_modem_sent_today", {{"modem", modem}}) == modem_sent);
    CHECK(modem_sent == static_cast<double>(h.SubmittedCount(modem == "sim1" ? 1 : 2)));
    sent += modem_sent;
  }
  CHECK(sent == 5);
  const Family& queue = families.at("tellal_queue_depth");
  CHECK(Value(queue, "tellal_queue_depth", {{"priority", "otp"}}) == 1);
  CHECK(Value(queue, "tellal_queue_depth", {{"priority", "normal"}}) == 0);
  CHECK(Value(queue, "tellal_queue_depth", {{"priority", "bulk"}}) == 2);
  CHECK(Value(families.at("tellal_inbound_total"), "tellal_inbound_total", {}) == 2);
  CHECK(Value(families.at("tellal_accepted_total"), "tellal_accepted_total", {}) == 7);
  const Family& latency = families.at("tellal_send_latency_seconds");
  CHECK(Value(latency, "tellal_send_latency_seconds_count", {}) == 5);
  CHECK(Value(latency, "tellal_send_latency_seconds_bucket", {{"le", "+Inf"}}) == 5);
  CHECK(Value(latency, "tellal_send_latency_seconds_sum", {}) >= 0);
  CHECK(latency.samples.size() > 3);  // finite buckets as well
}

}  // namespace
}  // namespace tellal::integration

#include "web/metrics/metrics_text.h"

#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <locale>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tellal::web {
namespace {

// A reader of the text exposition format, strict where RenderMetrics must
// be: it records every deviation instead of skipping it, so a test fails on
// the first malformed line.
struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct Exposition {
  std::vector<Sample> samples;
  std::map<std::string, std::string> help;
  std::map<std::string, std::string> type;
  std::vector<std::string> errors;

  std::vector<Sample> Find(const std::string& name) const {
    std::vector<Sample> found;
    for (const auto& s : samples) {
      if (s.name == name) found.push_back(s);
    }
    return found;
  }
};

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

std::optional<double> ParseValue(std::string_view text) {
  if (text == "+Inf") return std::numeric_limits<double>::infinity();
  if (text == "-Inf") return -std::numeric_limits<double>::infinity();
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// The family a sample belongs to: histogram series carry a suffix.
std::string FamilyOf(const std::string& name, const std::map<std::string, std::string>& types) {
  for (std::string_view suffix : {"_bucket", "_sum", "_count"}) {
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      const std::string base = name.substr(0, name.size() - suffix.size());
      const auto it = types.find(base);
      if (it != types.end() && it->second == "histogram") return base;
    }
  }
  return name;
}

Exposition Parse(const std::string& text) {
  Exposition e;
  if (!text.empty() && text.back() != '\n') e.errors.push_back("text does not end with a line feed");
  std::set<std::string> finished;  // families whose samples are behind us
  std::string current;
  std::size_t start = 0;
  int line_no = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    const std::string where = "line " + std::to_string(line_no) + " '" + line + "': ";
    if (line.empty()) continue;
    if (line[0] == '#') {
      for (std::string_view kind : {"# HELP ", "# TYPE "}) {
        if (line.rfind(kind, 0) != 0) continue;
        const std::string rest = line.substr(kind.size());
        const std::size_t space = rest.find(' ');
        const std::string name = rest.substr(0, space);
        const std::string value = space == std::string::npos ? "" : rest.substr(space + 1);
        auto& table = kind == "# HELP " ? e.help : e.type;
        if (table.count(name)) e.errors.push_back(where + "repeated");
        if (finished.count(name) || current == name) e.errors.push_back(where + "after the family's samples");
        if (kind == "# TYPE ") {
          static const std::set<std::string> kTypes = {"counter", "gauge", "histogram", "summary", "untyped"};
          if (!kTypes.count(value)) e.errors.push_back(where + "unknown type");
        }
        table[name] = value;
      }
      continue;
    }

    Sample s;
    std::size_t i = 0;
    if (!IsNameStart(line[0])) {
      e.errors.push_back(where + "bad metric name");
      continue;
    }
    while (i < line.size() && IsNameChar(line[i])) ++i;
    s.name = line.substr(0, i);
    bool ok = true;
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (ok && i < line.size() && line[i] != '}') {
        const std::size_t name_start = i;
        while (i < line.size() && IsNameChar(line[i])) ++i;
        const std::string label = line.substr(name_start, i - name_start);
        if (label.empty() || i + 1 >= line.size() || line[i] != '=' || line[i + 1] != '"') {
          ok = false;
          break;
        }
        i += 2;
        std::string value;
        while (i < line.size() && line[i] != '"') {
          if (line[i] == '\\') {
            if (i + 1 >= line.size()) {
              ok = false;
              break;
            }
            const char next = line[i + 1];
            if (next == '\\')
              value += '\\';
            else if (next == '"')
              value += '"';
            else if (next == 'n')
              value += '\n';
            else {
              ok = false;
              break;
            }
            i += 2;
          } else {
            value += line[i++];
          }
        }
        if (!ok || i >= line.size()) {
          ok = false;
          break;
        }
        ++i;  // closing quote
        if (s.labels.count(label)) ok = false;
        s.labels[label] = value;
        if (i < line.size() && line[i] == ',') ++i;
      }
      if (i >= line.size() || line[i] != '}') ok = false;
      ++i;
    }
    if (!ok || i >= line.size() || line[i] != ' ') {
      e.errors.push_back(where + "malformed name or labels");
      continue;
    }
    std::string value_text = line.substr(i + 1);
    const std::size_t space = value_text.find(' ');  // an optional timestamp follows
    if (space != std::string::npos) value_text.resize(space);
    const auto value = ParseValue(value_text);
    if (!value) {
      e.errors.push_back(where + "bad value");
      continue;
    }
    s.value = *value;

    const std::string family = FamilyOf(s.name, e.type);
    if (!e.type.count(family)) e.errors.push_back(where + "no # TYPE before the sample");
    if (!e.help.count(family)) e.errors.push_back(where + "no # HELP before the sample");
    if (family != current) {
      if (finished.count(family)) e.errors.push_back(where + "family's samples are not contiguous");
      if (!current.empty()) finished.insert(current);
      current = family;
    }
    e.samples.push_back(std::move(s));
  }
  return e;
}

ModemView Modem(std::string id, std::string state, std::optional<int> signal) {
  ModemView m;
  m.id = std::move(id);
  m.state = std::move(state);
  m.signal_dbm = signal;
  return m;
}

MetricsSnapshot FullSnapshot() {
  MetricsSnapshot s;
  ModemView a = Modem("gsm0", "ready", -71);
  a.sent_total = 1234;
  a.failed_total = 5;
  a.sent_today = 77;
  ModemView b = Modem("odd\"id\\with\nbreak", "recovering", std::nullopt);
  b.sent_total = 18446744073709551615ull;  // uint64 max survives untruncated
  b.failed_total = 0;
  b.sent_today = 0;
  s.modems = {a, b};
  s.queued_by_priority = {{"otp", 3}, {"bulk", 9000}};
  s.inbound_total = 42;
  s.accepted_total = 4242;
  s.send_latency.bounds = {0.005, 0.1, 1, 2.5, 10};
  s.send_latency.counts = {0, 4, 10, 12, 13};
  s.send_latency.count = 14;
  s.send_latency.sum = 31.25;
  return s;
}

std::optional<double> ValueOf(const Exposition& e, const std::string& name,
                              const std::map<std::string, std::string>& labels) {
  for (const auto& s : e.samples) {
    if (s.name == name && s.labels == labels) return s.value;
  }
  return std::nullopt;
}

TEST_CASE("Every line of a full snapshot parses, each family announced before its samples", "[metrics]") {
  const std::string text = RenderMetrics(FullSnapshot());
  const Exposition e = Parse(text);
  INFO(text);
  for (const auto& error : e.errors) FAIL_CHECK(error);
  CHECK(e.errors.empty());

  const std::map<std::string, std::string> expected_types = {
      {"tellal_modem_signal_dbm", "gauge"},         {"tellal_modem_state", "gauge"},
      {"tellal_modem_sent_total", "counter"},       {"tellal_modem_failed_total", "counter"},
      {"tellal_modem_sent_today", "gauge"},         {"tellal_queue_depth", "gauge"},
      {"tellal_inbound_total", "counter"},          {"tellal_accepted_total", "counter"},
      {"tellal_send_latency_seconds", "histogram"},
  };
  CHECK(e.type == expected_types);
  for (const auto& [name, type] : expected_types) {
    INFO(name);
    CHECK(e.help.count(name) == 1);
    CHECK_FALSE(e.help.at(name).empty());
  }

  CHECK(ValueOf(e, "tellal_modem_signal_dbm", {{"modem", "gsm0"}}) == -71);
  CHECK(ValueOf(e, "tellal_modem_sent_total", {{"modem", "gsm0"}}) == 1234);
  CHECK(ValueOf(e, "tellal_modem_failed_total", {{"modem", "gsm0"}}) == 5);
  CHECK(ValueOf(e, "tellal_modem_sent_today", {{"modem", "gsm0"}}) == 77);
  CHECK(ValueOf(e, "tellal_inbound_total", {}) == 42);
  CHECK(ValueOf(e, "tellal_accepted_total", {}) == 4242);
  CHECK(text.find("tellal_modem_sent_total{modem=\"odd\\\"id\\\\with\\nbreak\"} 18446744073709551615\n") !=
        std::string::npos);
}

TEST_CASE("Histogram buckets are cumulative, ascending, and +Inf equals _count", "[metrics]") {
  const Exposition e = Parse(RenderMetrics(FullSnapshot()));
  REQUIRE(e.errors.empty());
  const auto buckets = e.Find("tellal_send_latency_seconds_bucket");
  REQUIRE(buckets.size() == 6);

  std::vector<std::string> les;
  double previous_le = -std::numeric_limits<double>::infinity();
  double previous_count = 0;
  for (const auto& b : buckets) {
    REQUIRE(b.labels.count("le") == 1);
    les.push_back(b.labels.at("le"));
    const auto le = ParseValue(b.labels.at("le"));
    REQUIRE(le);
    CHECK(*le > previous_le);
    CHECK(b.value >= previous_count);
    previous_le = *le;
    previous_count = b.value;
  }
  CHECK(les == std::vector<std::string>{"0.005", "0.1", "1", "2.5", "10", "+Inf"});
  CHECK(buckets.back().value == 14);
  CHECK(ValueOf(e, "tellal_send_latency_seconds_count", {}) == buckets.back().value);
  CHECK(ValueOf(e, "tellal_send_latency_seconds_sum", {}) == 31.25);
}

TEST_CASE("A histogram with no observations still has +Inf, _sum and _count", "[metrics]") {
  MetricsSnapshot s;
  const Exposition e = Parse(RenderMetrics(s));
  REQUIRE(e.errors.empty());
  const auto buckets = e.Find("tellal_send_latency_seconds_bucket");
  REQUIRE(buckets.size() == 1);
  CHECK(buckets[0].labels.at("le") == "+Inf");
  CHECK(buckets[0].value == 0);
  CHECK(ValueOf(e, "tellal_send_latency_seconds_sum", {}) == 0);
  CHECK(ValueOf(e, "tellal_send_latency_seconds_count", {}) == 0);
}

TEST_CASE("A modem id with quote, backslash and line feed round-trips through the labels", "[metrics]") {
  const std::string id = "odd\"id\\with\nbreak";
  const Exposition e = Parse(RenderMetrics(FullSnapshot()));
  REQUIRE(e.errors.empty());
  for (const std::string name : {"tellal_modem_sent_total", "tellal_modem_failed_total", "tellal_modem_sent_today"}) {
    INFO(name);
    CHECK(ValueOf(e, name, {{"modem", id}}).has_value());
  }
  CHECK(ValueOf(e, "tellal_modem_state", {{"modem", id}, {"state", "recovering"}}) == 1);
}

TEST_CASE("EscapeLabelValue escapes exactly backslash, double quote and line feed", "[metrics]") {
  auto [in, out] = GENERATE(table<std::string, std::string>({
      {"plain", "plain"},
      {"a\"b", "a\\\"b"},
      {"a\\b", "a\\\\b"},
      {"a\nb", "a\\nb"},
      {"\\\"\n", "\\\\\\\"\\n"},
      {"tab\tand ş stay", "tab\tand ş stay"},
      {"", ""},
  }));
  CHECK(EscapeLabelValue(in) == out);
}

TEST_CASE("A modem with unknown signal has no signal sample but all its other series", "[metrics]") {
  const Exposition e = Parse(RenderMetrics(FullSnapshot()));
  REQUIRE(e.errors.empty());
  const auto signal = e.Find("tellal_modem_signal_dbm");
  REQUIRE(signal.size() == 1);
  CHECK(signal[0].labels.at("modem") == "gsm0");
  CHECK(ValueOf(e, "tellal_modem_sent_today", {{"modem", "odd\"id\\with\nbreak"}}) == 0);
}

TEST_CASE("Each modem has every state listed, with 1 only on the current one", "[metrics]") {
  MetricsSnapshot s;
  s.modems = {Modem("a", "busy", -90), Modem("b", "absent", std::nullopt), Modem("c", "brand-new-state", -60)};
  const Exposition e = Parse(RenderMetrics(s));
  REQUIRE(e.errors.empty());
  const std::vector<std::string> states = {"absent",   "initialising", "ready",  "busy",
                                           "degraded", "recovering",   "failed", "sim-locked", "disabled"};
  const std::map<std::string, std::string> current = {{"a", "busy"}, {"b", "absent"}, {"c", "brand-new-state"}};
  for (const auto& [modem, state] : current) {
    INFO(modem);
    double ones = 0;
    for (const auto& sample : e.Find("tellal_modem_state")) {
      if (sample.labels.at("modem") != modem) continue;
      CHECK((sample.value == 0 || sample.value == 1));
      CHECK(sample.value == (sample.labels.at("state") == state ? 1 : 0));
      ones += sample.value;
    }
    CHECK(ones == 1);
    for (const auto& listed : states) {
      CHECK(ValueOf(e, "tellal_modem_state", {{"modem", modem}, {"state", listed}}).has_value());
    }
  }
}

TEST_CASE("Queue depth always reports otp, normal and bulk, and any other priority too", "[metrics]") {
  MetricsSnapshot s;
  SECTION("empty map") {
    const Exposition e = Parse(RenderMetrics(s));
    REQUIRE(e.errors.empty());
    CHECK(e.Find("tellal_queue_depth").size() == 3);
    for (const std::string p : {"otp", "normal", "bulk"})
      CHECK(ValueOf(e, "tellal_queue_depth", {{"priority", p}}) == 0);
  }
  SECTION("partial map with an extra priority") {
    s.queued_by_priority = {{"normal", 12}, {"x-later", 2}};
    const Exposition e = Parse(RenderMetrics(s));
    REQUIRE(e.errors.empty());
    CHECK(e.Find("tellal_queue_depth").size() == 4);
    CHECK(ValueOf(e, "tellal_queue_depth", {{"priority", "otp"}}) == 0);
    CHECK(ValueOf(e, "tellal_queue_depth", {{"priority", "normal"}}) == 12);
    CHECK(ValueOf(e, "tellal_queue_depth", {{"priority", "bulk"}}) == 0);
    CHECK(ValueOf(e, "tellal_queue_depth", {{"priority", "x-later"}}) == 2);
  }
}

TEST_CASE("Sample values are printed the way Prometheus clients print them", "[metrics]") {
  auto [value, text] = GENERATE(table<double, std::string>({
      {0.005, "0.005"},
      {0.01, "0.01"},
      {0.1, "0.1"},
      {1, "1"},
      {2.5, "2.5"},
      {10, "10"},
      {60, "60"},
      {-71, "-71"},
      {0, "0"},
      {0.00001, "1e-05"},
      {std::numeric_limits<double>::infinity(), "+Inf"},
      {-std::numeric_limits<double>::infinity(), "-Inf"},
  }));
  CHECK(FormatSampleValue(value) == text);
}

TEST_CASE("NaN is printed as NaN", "[metrics]") {
  CHECK(FormatSampleValue(std::numeric_limits<double>::quiet_NaN()) == "NaN");
}

// A process-wide locale with a decimal comma and thousands grouping, as a
// Turkish or German desktop would have; the output must not change.
struct CommaNumpunct : std::numpunct<char> {
  char do_decimal_point() const override { return ','; }
  char do_thousands_sep() const override { return '.'; }
  std::string do_grouping() const override { return "\3"; }
};

TEST_CASE("Output does not depend on the global C++ locale", "[metrics]") {
  const std::string classic = RenderMetrics(FullSnapshot());
  const std::locale previous = std::locale::global(std::locale(std::locale::classic(), new CommaNumpunct));
  const std::string localised = RenderMetrics(FullSnapshot());
  std::locale::global(previous);
  CHECK(localised == classic);
  CHECK(classic.find("le=\"2.5\"") != std::string::npos);
  CHECK(classic.find("tellal_accepted_total 4242\n") != std::string::npos);
}

TEST_CASE("The parser used here rejects what the format forbids", "[metrics]") {
  // Guards the guard: if Parse accepted these, the tests above would prove nothing.
  auto bad = GENERATE(as<std::string>{},
                      "x 1\n",                                                                     // no TYPE/HELP
                      "# HELP x h\n# TYPE x gauge\nx{a=\"b} 1\n",                                  // unterminated label
                      "# HELP x h\n# TYPE x gauge\nx{a=\"\\t\"} 1\n",                              // bad escape
                      "# HELP x h\n# TYPE x gauge\nx one\n",                                       // bad value
                      "# HELP x h\n# TYPE x gauge\nx 1",                                           // no final line feed
                      "# HELP x h\n# TYPE x gauge\n# HELP y h\n# TYPE y gauge\nx 1\ny 1\nx 2\n");  // split family
  CHECK_FALSE(Parse(bad).errors.empty());
}

}  // namespace
}  // namespace tellal::web

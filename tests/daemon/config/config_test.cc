#include "daemon/config/config.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "daemon/config/check_config.h"
#include "temp_dir.h"

using tellal::config::Config;
using tellal::config::ConfigEnvironment;
using tellal::config::Durability;
using tellal::config::LoadConfig;
using tellal::config::LogLevel;
using tellal::config::ParseConfig;
using tellal::config::RunCheckConfig;
using tellal::config::QuietHours;
using tellal::config::testing::TempDir;

namespace {

// The smallest valid file: a token and one modem.
constexpr const char* kMinimal =
    "[http]\n"
    "token = s3cret-s3cret-s3cret\n"
    "\n"
    "[modem.sim1]\n"
    "device = /dev/ttyUSB0\n";

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

TEST_CASE("The shipped example parses into the values it documents", "[config]") {
  const TempDir dir;
  const ConfigEnvironment env{dir.MakeZoneinfo()};
  const auto config = LoadConfig(TELLAL_EXAMPLE_CONFIG, env);
  INFO((config.ok() ? "" : config.error().message));
  REQUIRE(config.ok());
  CHECK(config->source_path == TELLAL_EXAMPLE_CONFIG);
  CHECK(config->daemon.state_dir == "/var/lib/tellal");
  CHECK(config->daemon.log_level == LogLevel::kInfo);
  CHECK(config->daemon.default_country == "90");
  CHECK(config->daemon.timezone == "Europe/Istanbul");
  CHECK(config->daemon.durability == Durability::kAccepted);
  CHECK(config->daemon.keep_days == 90);
  CHECK_FALSE(config->daemon.archive);
  CHECK(config->http.listen.host == "127.0.0.1");
  CHECK(config->http.listen.port == 8080);
  CHECK(config->http.token == "change-me-openssl-rand-hex-16");
  REQUIRE(config->modems.size() == 2);
  const auto& sim1 = config->modems[0];
  CHECK(sim1.id == "sim1");
  CHECK(sim1.device == "/dev/tellal/sim1");
  CHECK(sim1.baud == 115200);
  CHECK(sim1.pin == "1234");
  CHECK(sim1.rate_per_minute == 6);
  CHECK(sim1.daily_limit == 500);
  CHECK(sim1.enabled);
  CHECK_FALSE(sim1.hardware_flow_control);
  CHECK(config->modems[1].id == "sim2");
  CHECK_FALSE(config->modems[1].enabled);
}

TEST_CASE("Keys left out take their documented defaults", "[config]") {
  const auto config = ParseConfig(kMinimal, "t.ini");
  REQUIRE(config.ok());
  CHECK(config->source_path == "t.ini");
  const auto& daemon = config->daemon;
  CHECK(daemon.state_dir == "/var/lib/tellal");
  CHECK(daemon.log_level == LogLevel::kInfo);
  CHECK_FALSE(daemon.default_country.has_value());
  CHECK_FALSE(daemon.timezone.has_value());
  CHECK_FALSE(daemon.resend_unknown);
  CHECK(daemon.max_attempts == 5);
  CHECK(daemon.retry_backoff_seconds == 30);
  CHECK(daemon.partial_inbound_timeout_seconds == 3600);
  CHECK(daemon.start_timeout_seconds == 120);
  CHECK(daemon.durability == Durability::kAccepted);
  CHECK(daemon.keep_days == 90);
  CHECK_FALSE(daemon.archive);
  CHECK(config->http.listen.host == "127.0.0.1");
  CHECK(config->http.listen.port == 8080);
  CHECK_FALSE(config->http.listen.ipv6);
  CHECK(config->http.token_file.empty());
  CHECK(config->http.tls_cert.empty());
  CHECK(config->http.tls_key.empty());
  CHECK(config->http.max_connections_per_client == 32);
  CHECK(config->http.request_timeout_seconds == 30);
  CHECK_FALSE(config->http.dlr_url_allow_local);
  REQUIRE(config->modems.size() == 1);
  const auto& modem = config->modems[0];
  CHECK(modem.baud == 115200);
  CHECK_FALSE(modem.pin.has_value());
  CHECK_FALSE(modem.rate_per_minute.has_value());
  CHECK_FALSE(modem.daily_limit.has_value());
  CHECK(modem.enabled);
  CHECK_FALSE(modem.hardware_flow_control);
}

TEST_CASE("Every key of every section lands in its field", "[config]") {
  const TempDir dir;
  const ConfigEnvironment env{dir.MakeZoneinfo()};
  dir.Write("etc/cert.pem", "cert");
  dir.Write("etc/key.pem", "key");
  const std::string text = ReplaceAll(
      "[daemon]\n"
      "state_dir = /srv/tellal\n"
      "log_level = debug\n"
      "default_country = 1\n"
      "timezone = UTC\n"
      "resend_unknown = on\n"
      "max_attempts = 100\n"
      "retry_backoff_seconds = 86400\n"
      "partial_inbound_timeout_seconds = 1\n"
      "start_timeout_seconds = 3600\n"
      "[http]\n"
      "listen = [::1]:443\n"
      "token = abc-0123456789abcdef\n"
      "tls_cert = cert.pem\n"
      "tls_key = $DIR/etc/key.pem\n"
      "max_connections_per_client = 4\n"
      "request_timeout_seconds = 3600\n"
      "dlr_url_allow_local = yes\n"
      "[modem.a-B_9]\n"
      "device = /dev/ttyACM0\n"
      "baud = 9600\n"
      "pin = 12345678\n"
      "rate_per_minute = 1000\n"
      "daily_limit = 1000000\n"
      "enabled = false\n"
      "hardware_flow_control = 1\n",
      "$DIR", dir.path());
  const auto config = ParseConfig(text, dir.path() + "/etc/tellal.ini", env);
  INFO((config.ok() ? "" : config.error().message));
  REQUIRE(config.ok());
  CHECK(config->daemon.state_dir == "/srv/tellal");
  CHECK(config->daemon.log_level == LogLevel::kDebug);
  CHECK(config->daemon.default_country == "1");
  CHECK(config->daemon.timezone == "UTC");
  CHECK(config->daemon.resend_unknown);
  CHECK(config->daemon.max_attempts == 100);
  CHECK(config->daemon.retry_backoff_seconds == 86400);
  CHECK(config->daemon.partial_inbound_timeout_seconds == 1);
  CHECK(config->daemon.start_timeout_seconds == 3600);
  CHECK(config->http.listen.host == "::1");
  CHECK(config->http.listen.port == 443);
  CHECK(config->http.listen.ipv6);
  // Relative paths are anchored at the configuration file's directory.
  CHECK(config->http.tls_cert == dir.path() + "/etc/cert.pem");
  CHECK(config->http.tls_key == dir.path() + "/etc/key.pem");
  CHECK(config->http.max_connections_per_client == 4);
  CHECK(config->http.request_timeout_seconds == 3600);
  CHECK(config->http.dlr_url_allow_local);
  REQUIRE(config->modems.size() == 1);
  const auto& modem = config->modems[0];
  CHECK(modem.id == "a-B_9");
  CHECK(modem.device == "/dev/ttyACM0");
  CHECK(modem.baud == 9600);
  CHECK(modem.pin == "12345678");
  CHECK(modem.rate_per_minute == 1000);
  CHECK(modem.daily_limit == 1000000);
  CHECK_FALSE(modem.enabled);
  CHECK(modem.hardware_flow_control);
}

TEST_CASE("Each log level spelling parses", "[config]") {
  auto [spelling, level] = GENERATE(table<std::string, LogLevel>({
      {"trace", LogLevel::kTrace},
      {"debug", LogLevel::kDebug},
      {"info", LogLevel::kInfo},
      {"warn", LogLevel::kWarn},
      {"error", LogLevel::kError},
      {"critical", LogLevel::kCritical},
      {"off", LogLevel::kOff},
  }));
  const auto config = ParseConfig("[daemon]\nlog_level = " + spelling + "\n" + kMinimal, "t.ini");
  REQUIRE(config.ok());
  CHECK(config->daemon.log_level == level);
  CHECK(tellal::config::LogLevelName(level) == spelling);
}

TEST_CASE("Retention keys parse, zero keeping everything", "[config]") {
  auto [text, keep_days, archive] = GENERATE(table<std::string, int, bool>({
      {"keep_days = 0\n", 0, false},
      {"keep_days = 30\narchive = yes\n", 30, true},
      {"keep_days = 36500\narchive = off\n", 36500, false},
  }));
  const auto config = ParseConfig("[daemon]\n" + text + kMinimal, "t.ini");
  REQUIRE(config.ok());
  CHECK(config->daemon.keep_days == keep_days);
  CHECK(config->daemon.archive == archive);
}

TEST_CASE("Each durability spelling parses", "[config]") {
  auto [spelling, durability] = GENERATE(table<std::string, Durability>({
      {"accepted", Durability::kAccepted},
      {"every_change", Durability::kEveryChange},
      {"process", Durability::kProcess},
  }));
  const auto config = ParseConfig("[daemon]\ndurability = " + spelling + "\n" + kMinimal, "t.ini");
  REQUIRE(config.ok());
  CHECK(config->daemon.durability == durability);
  CHECK(tellal::config::DurabilityName(durability) == spelling);
}

TEST_CASE("Each boolean spelling parses", "[config]") {
  auto [spelling, value] = GENERATE(table<std::string, bool>({
      {"yes", true},
      {"true", true},
      {"on", true},
      {"1", true},
      {"no", false},
      {"false", false},
      {"off", false},
      {"0", false},
  }));
  const auto config = ParseConfig(std::string(kMinimal) + "enabled = " + spelling + "\n", "t.ini");
  REQUIRE(config.ok());
  CHECK(config->modems[0].enabled == value);
}

TEST_CASE("Listen addresses of both families parse", "[config]") {
  auto [text, host, port, ipv6] = GENERATE(table<std::string, std::string, int, bool>({
      {"0.0.0.0:80", "0.0.0.0", 80, false},
      {"192.168.1.10:65535", "192.168.1.10", 65535, false},
      {"[::]:8080", "::", 8080, true},
      {"[fe80::1]:1", "fe80::1", 1, true},
  }));
  const auto config =
      ParseConfig("[http]\nlisten = " + text + "\ntoken = t123456789abcdef0\n[modem.m]\ndevice = /dev/x\n", "t.ini");
  REQUIRE(config.ok());
  CHECK(config->http.listen.host == host);
  CHECK(config->http.listen.port == port);
  CHECK(config->http.listen.ipv6 == ipv6);
}

TEST_CASE("A token file is read at load time and trimmed", "[config]") {
  const TempDir dir;
  dir.Write("token", "\n  0123456789abcdef \r\n\n");
  SECTION("by absolute path") {
    const auto config =
        ParseConfig("[http]\ntoken_file = " + dir.path() + "/token\n[modem.m]\ndevice = /dev/x\n", "/etc/tellal.ini");
    REQUIRE(config.ok());
    CHECK(config->http.token == "0123456789abcdef");
    CHECK(config->http.token_file == dir.path() + "/token");
  }
  SECTION("relative to the configuration file's directory") {
    const auto config = ParseConfig("[http]\ntoken_file = token\n[modem.m]\ndevice = /dev/x\n", dir.path() + "/t.ini");
    REQUIRE(config.ok());
    CHECK(config->http.token == "0123456789abcdef");
    CHECK(config->http.token_file == dir.path() + "/token");
  }
}

TEST_CASE("Layout that inih would misread is accepted as meant", "[config]") {
  SECTION("indented keys are keys, not continuations of the previous value") {
    const auto config =
        ParseConfig("[modem.m]\n  device = /dev/x\n\tbaud = 9600\n[http]\n  token = t123456789abcdef0\n", "t.ini");
    INFO((config.ok() ? "" : config.error().message));
    REQUIRE(config.ok());
    CHECK(config->modems[0].device == "/dev/x");
    CHECK(config->modems[0].baud == 9600);
  }
  SECTION("CRLF line ends, a byte order mark, comments and spaced headers") {
    const auto config = ParseConfig(
        "\xEF\xBB\xBF[http]\r\n; comment\r\n# comment\r\ntoken = t123456789abcdef0 ; inline\r\n[ modem.m ]  ; "
        "trailing\r\n"
        "device=/dev/x\r\n",
        "t.ini");
    INFO((config.ok() ? "" : config.error().message));
    REQUIRE(config.ok());
    CHECK(config->http.token == "t123456789abcdef0");
    CHECK(config->modems[0].id == "m");
    CHECK(config->modems[0].device == "/dev/x");
  }
}

TEST_CASE("An absent device node is not an error, the driver waits for it", "[config]") {
  const auto config =
      ParseConfig("[http]\ntoken = t123456789abcdef0\n[modem.m]\ndevice = /dev/tellal/not-plugged-in\n", "t.ini");
  REQUIRE(config.ok());
  CHECK(config->modems[0].device == "/dev/tellal/not-plugged-in");
}

TEST_CASE("Modems may all be disabled, and keep their file order", "[config]") {
  const auto config = ParseConfig(
      "[http]\ntoken = t123456789abcdef0\n[modem.z]\ndevice = /dev/z\nenabled = no\n[modem.a]\ndevice = "
      "/dev/a\nenabled = no\n",
      "t.ini");
  REQUIRE(config.ok());
  REQUIRE(config->modems.size() == 2);
  CHECK(config->modems[0].id == "z");
  CHECK(config->modems[1].id == "a");
}

// Every kind of mistake, with the exact message: the first error, its line,
// section and key. $DIR is the test's temporary directory.
TEST_CASE("Each bad input names file, line, section and key", "[config]") {
  auto [name, text, expected] = GENERATE(table<std::string, std::string, std::string>({
      // Structure.
      {"empty file", "", "t.ini: no [modem.*] section; the daemon needs at least one modem"},
      {"only comments", "; nothing\n\n# here\n", "t.ini: no [modem.*] section; the daemon needs at least one modem"},
      {"unknown section", "[http]\ntoken = t123456789abcdef0\n[modme.sim1]\ndevice = /dev/x\n",
       "t.ini:3: [modme.sim1]: unknown section (expected [daemon], [http], [campaigns], [webhooks] or [modem.<id>])"},
      {"unknown section without keys", "[http]\ntoken = t123456789abcdef0\n[modem.a]\ndevice = /dev/x\n[logging]\n",
       "t.ini:5: [logging]: unknown section (expected [daemon], [http], [campaigns], [webhooks] or [modem.<id>])"},
      {"repeated section", "[daemon]\nlog_level = info\n[daemon]\nstate_dir = /x\n",
       "t.ini:3: [daemon]: repeated section (first at line 1)"},
      {"duplicate modem",
       "[http]\ntoken = t123456789abcdef0\n[modem.sim1]\ndevice = /dev/a\n[modem.sim1]\ndevice = /dev/b\n",
       "t.ini:5: [modem.sim1]: duplicate modem id sim1 (first at line 3)"},
      {"bad modem id", "[modem.sim 1]\ndevice = /dev/x\n",
       "t.ini:1: [modem.sim 1]: a modem id is 1-32 of A-Z a-z 0-9 _ -"},
      {"empty modem id", "[modem.]\ndevice = /dev/x\n", "t.ini:1: [modem.]: a modem id is 1-32 of A-Z a-z 0-9 _ -"},
      {"line inih cannot parse", "[http]\ntoken = t123456789abcdef0\n[modem.m]\ndevice /dev/x\nbaud = 1\n",
       "t.ini:4: expected [section], key = value, or a comment"},
      {"syntax error before a bad value", "[daemon]\nlog_level\nmax_attempts = 0\n",
       "t.ini:2: expected [section], key = value, or a comment"},
      {"header without ]", "[http\ntoken = t123456789abcdef0\n", "t.ini:1: section header has no closing ']'"},
      {"text after header", "[http] x\ntoken = t123456789abcdef0\n", "t.ini:1: [http]: unexpected text after ']'"},
      {"key before any section", "token = t123456789abcdef0\n[http]\n",
       "t.ini:1: token: key before any section (expected [daemon], [http] or [modem.<id>])"},
      {"NUL byte", std::string("[http]\ntok") + '\0' + "en = t\n", "t.ini:2: contains a NUL byte"},
      {"line too long", "[daemon]\nstate_dir = /" + std::string(300, 'a') + "\n",
       "t.ini:2: line is longer than 198 characters"},
      // Keys.
      {"unknown key", "[daemon]\ncolour = blue\n",
       "t.ini:2: [daemon] colour: unknown key (known keys: state_dir, log_level, default_country, timezone, "
       "resend_unknown, max_attempts, retry_backoff_seconds, partial_inbound_timeout_seconds, "
       "start_timeout_seconds, send_timeout_seconds, health_interval_seconds, sim_scan_interval_seconds, "
       "modem_rest_seconds, "
       "durability, keep_days, archive)"},
      {"key in wrong case", "[modem.m]\nDevice = /dev/x\n",
       "t.ini:2: [modem.m] Device: unknown key (known keys: device, baud, pin, rate_per_minute, daily_limit, enabled, "
       "hardware_flow_control)"},
      {"duplicate key", "[daemon]\nlog_level = info\n; again\nlog_level = debug\n",
       "t.ini:4: [daemon] log_level: repeated key (first at line 2)"},
      {"empty value", "[modem.m]\ndevice = /dev/x\npin =\n",
       "t.ini:3: [modem.m] pin: empty value; remove the line to use the default"},
      {"missing device",
       "[http]\ntoken = t123456789abcdef0\n[modem.sim1]\nbaud = 9600\n[modem.sim2]\ndevice = /dev/x\n",
       "t.ini:3: [modem.sim1] device: missing; give the path of the modem's serial device"},
      {"modem section without keys", "[http]\ntoken = t123456789abcdef0\n[modem.sim1]\ndevice = /dev/x\n[modem.sim2]\n",
       "t.ini:5: [modem.sim2] device: missing; give the path of the modem's serial device"},
      {"relative device", "[modem.m]\ndevice = ttyUSB0\n",
       "t.ini:2: [modem.m] device: ttyUSB0 is not an absolute path"},
      // Values.
      {"bad baud", std::string(kMinimal) + "baud = 12345\n",
       "t.ini:6: [modem.sim1] baud: 12345 is not a standard baud rate (1200, 2400, 4800, 9600, 19200, 38400, 57600, "
       "115200, 230400, 460800, 921600)"},
      {"non-numeric baud", std::string(kMinimal) + "baud = fast\n",
       "t.ini:6: [modem.sim1] baud: fast is not a standard baud rate (1200, 2400, 4800, 9600, 19200, 38400, 57600, "
       "115200, 230400, 460800, 921600)"},
      {"pin with a letter", std::string(kMinimal) + "pin = 12a4\n", "t.ini:6: [modem.sim1] pin: a PIN is 4-8 digits"},
      {"pin too short", std::string(kMinimal) + "pin = 123\n", "t.ini:6: [modem.sim1] pin: a PIN is 4-8 digits"},
      {"pin too long", std::string(kMinimal) + "pin = 123456789\n", "t.ini:6: [modem.sim1] pin: a PIN is 4-8 digits"},
      {"bad bool", std::string(kMinimal) + "enabled = maybe\n",
       "t.ini:6: [modem.sim1] enabled: maybe is not a boolean (yes/no, true/false, on/off, 1/0)"},
      {"bad flow control bool", std::string(kMinimal) + "hardware_flow_control = Yes\n",
       "t.ini:6: [modem.sim1] hardware_flow_control: Yes is not a boolean (yes/no, true/false, on/off, 1/0)"},
      {"send timeout past the stop budget", "[daemon]\nsend_timeout_seconds = 61\n",
       "t.ini:2: [daemon] send_timeout_seconds: 61 is out of range (expected 1-60)"},
      {"non-numeric daily limit", std::string(kMinimal) + "daily_limit = lots\n",
       "t.ini:6: [modem.sim1] daily_limit: lots is not a whole number (expected 1-1000000)"},
      {"daily limit with a unit", std::string(kMinimal) + "daily_limit = 500/day\n",
       "t.ini:6: [modem.sim1] daily_limit: 500/day is not a whole number (expected 1-1000000)"},
      {"negative daily limit", std::string(kMinimal) + "daily_limit = -5\n",
       "t.ini:6: [modem.sim1] daily_limit: -5 is out of range (expected 1-1000000)"},
      {"zero rate", std::string(kMinimal) + "rate_per_minute = 0\n",
       "t.ini:6: [modem.sim1] rate_per_minute: 0 is out of range (expected 1-1000)"},
      {"negative rate", std::string(kMinimal) + "rate_per_minute = -1\n",
       "t.ini:6: [modem.sim1] rate_per_minute: -1 is out of range (expected 1-1000)"},
      {"plus-signed rate", std::string(kMinimal) + "rate_per_minute = +6\n",
       "t.ini:6: [modem.sim1] rate_per_minute: +6 is not a whole number (expected 1-1000)"},
      {"overflowing attempts", "[daemon]\nmax_attempts = 99999999999999999999\n",
       "t.ini:2: [daemon] max_attempts: 99999999999999999999 is out of range (expected 1-100)"},
      {"negative backoff", "[daemon]\nretry_backoff_seconds = -30\n",
       "t.ini:2: [daemon] retry_backoff_seconds: -30 is out of range (expected 1-86400)"},
      {"fractional timeout", "[daemon]\npartial_inbound_timeout_seconds = 1.5\n",
       "t.ini:2: [daemon] partial_inbound_timeout_seconds: 1.5 is not a whole number (expected 1-604800)"},
      {"zero start timeout", "[daemon]\nstart_timeout_seconds = 0\n",
       "t.ini:2: [daemon] start_timeout_seconds: 0 is out of range (expected 1-3600)"},
      {"bad log level", "[daemon]\nlog_level = loud\n",
       "t.ini:2: [daemon] log_level: loud is not a log level (trace, debug, info, warn, error, critical, off)"},
      {"negative keep_days", "[daemon]\nkeep_days = -1\n",
       "t.ini:2: [daemon] keep_days: -1 is out of range (expected 0-36500)"},
      {"keep_days past a century", "[daemon]\nkeep_days = 36501\n",
       "t.ini:2: [daemon] keep_days: 36501 is out of range (expected 0-36500)"},
      {"bad archive", "[daemon]\narchive = sometimes\n",
       "t.ini:2: [daemon] archive: sometimes is not a boolean (yes/no, true/false, on/off, 1/0)"},
      {"bad durability", "[daemon]\ndurability = fsync\n",
       "t.ini:2: [daemon] durability: fsync is not a durability (accepted, every_change, process)"},
      {"country with plus", "[daemon]\ndefault_country = +90\n",
       "t.ini:2: [daemon] default_country: +90 is not a country calling code (1-3 digits without '+', e.g. 90)"},
      {"country too long", "[daemon]\ndefault_country = 9000\n",
       "t.ini:2: [daemon] default_country: 9000 is not a country calling code (1-3 digits without '+', e.g. 90)"},
      {"country starting with 0", "[daemon]\ndefault_country = 090\n",
       "t.ini:2: [daemon] default_country: 090 is not a country calling code (1-3 digits without '+', e.g. 90)"},
      {"relative state dir", "[daemon]\nstate_dir = var/lib/tellal\n",
       "t.ini:2: [daemon] state_dir: var/lib/tellal is not an absolute path"},
      {"unknown timezone", "[daemon]\ntimezone = Mars/Olympus\n",
       "t.ini:2: [daemon] timezone: Mars/Olympus is not a time zone ($DIR/zoneinfo/Mars/Olympus: No such file or "
       "directory)"},
      {"timezone directory", "[daemon]\ntimezone = Europe\n",
       "t.ini:2: [daemon] timezone: Europe is not a time zone ($DIR/zoneinfo/Europe: not a regular file)"},
      {"timezone table, not a zone", "[daemon]\ntimezone = zone.tab\n",
       "t.ini:2: [daemon] timezone: zone.tab is not a time zone ($DIR/zoneinfo/zone.tab is not a TZif file)"},
      {"timezone escaping zoneinfo", "[daemon]\ntimezone = ../../etc/passwd\n",
       "t.ini:2: [daemon] timezone: ../../etc/passwd is not a time zone name (e.g. Europe/Istanbul)"},
      {"bad listen host", "[http]\nlisten = localhost:8080\n",
       "t.ini:2: [http] listen: localhost:8080: localhost is not an IPv4 address (host names are not resolved)"},
      {"listen without port", "[http]\nlisten = 127.0.0.1\n",
       "t.ini:2: [http] listen: 127.0.0.1 is not IP:PORT (e.g. 127.0.0.1:8080 or [::1]:8080)"},
      {"listen IPv6 without brackets", "[http]\nlisten = ::1:8080\n",
       "t.ini:2: [http] listen: ::1:8080: an IPv6 address needs brackets, e.g. [::1]:8080"},
      {"listen bad IPv6", "[http]\nlisten = [::g]:8080\n",
       "t.ini:2: [http] listen: [::g]:8080: ::g is not an IPv6 address"},
      {"listen bracket without port", "[http]\nlisten = [::1]\n",
       "t.ini:2: [http] listen: [::1] is not IP:PORT (e.g. 127.0.0.1:8080 or [::1]:8080)"},
      {"listen port zero", "[http]\nlisten = [::1]:0\n",
       "t.ini:2: [http] listen: [::1]:0: port 0 is out of range (expected 1-65535)"},
      {"listen port too big", "[http]\nlisten = 127.0.0.1:65536\n",
       "t.ini:2: [http] listen: 127.0.0.1:65536: port 65536 is out of range (expected 1-65535)"},
      {"listen port by name", "[http]\nlisten = 127.0.0.1:http\n",
       "t.ini:2: [http] listen: 127.0.0.1:http: port http is not a whole number (expected 1-65535)"},
      // The token.
      {"no token, no [http]", "[modem.m]\ndevice = /dev/x\n",
       "t.ini: [http] token: missing; give token or token_file (the API has no unauthenticated mode)"},
      {"no token in [http]", "[modem.m]\ndevice = /dev/x\n[http]\nlisten = 127.0.0.1:80\n",
       "t.ini:3: [http] token: missing; give token or token_file (the API has no unauthenticated mode)"},
      {"token and token_file", "[http]\ntoken = t123456789abcdef0\ntoken_file = $DIR/token\n",
       "t.ini:3: [http] token_file: conflicts with token (line 2); give one or the other"},
      {"token_file and token", "[http]\ntoken_file = $DIR/token\ntoken = t123456789abcdef0\n",
       "t.ini:3: [http] token: conflicts with token_file (line 2); give one or the other"},
      {"token of 15 characters", "[http]\ntoken = 0123456789abcde\n",
       "t.ini:2: [http] token: shorter than 16 characters, too easy to guess; make one with: openssl rand -hex 16"},
      {"short token_file", "[http]\ntoken_file = $DIR/short\n",
       "t.ini:2: [http] token_file: $DIR/short: shorter than 16 characters, too easy to guess; make one with: openssl "
       "rand -hex 16"},
      {"token with a space", "[http]\ntoken = two words\n",
       "t.ini:2: [http] token: a token must not contain whitespace or control characters"},
      {"unreadable token_file", "[http]\ntoken_file = $DIR/absent\n",
       "t.ini:2: [http] token_file: cannot read $DIR/absent: No such file or directory"},
      {"token_file is a directory", "[http]\ntoken_file = $DIR/zoneinfo\n",
       "t.ini:2: [http] token_file: cannot read $DIR/zoneinfo: not a regular file"},
      {"empty token_file", "[http]\ntoken_file = $DIR/blank\n", "t.ini:2: [http] token_file: $DIR/blank is empty"},
      {"token_file too large", "[http]\ntoken_file = $DIR/huge\n",
       "t.ini:2: [http] token_file: cannot read $DIR/huge: larger than 4096 bytes"},
      {"token_file with two lines", "[http]\ntoken_file = $DIR/two-lines\n",
       "t.ini:2: [http] token_file: $DIR/two-lines: a token must not contain whitespace or control characters"},
      // TLS.
      {"tls_cert alone", "[modem.m]\ndevice = /dev/x\n[http]\ntoken = t123456789abcdef0\ntls_cert = $DIR/token\n",
       "t.ini:5: [http] tls_cert: tls_key is missing; give both or neither"},
      {"tls_key alone", "[modem.m]\ndevice = /dev/x\n[http]\ntls_key = $DIR/token\ntoken = t123456789abcdef0\n",
       "t.ini:4: [http] tls_key: tls_cert is missing; give both or neither"},
      {"kannel user without password",
       "[modem.m]\ndevice = /dev/x\n[http]\ntoken = t123456789abcdef0\nkannel_username = shop\n",
       "t.ini:5: [http] kannel_username: kannel_password is missing; give both or neither"},
      {"max_segments out of range", "[http]\nmax_segments = 256\n",
       "t.ini:2: [http] max_segments: 256 is out of range (expected 1-255)"},
      {"max_connections_per_client zero", "[http]\nmax_connections_per_client = 0\n",
       "t.ini:2: [http] max_connections_per_client: 0 is out of range (expected 1-1024)"},
      {"request_timeout_seconds too long", "[http]\nrequest_timeout_seconds = 3601\n",
       "t.ini:2: [http] request_timeout_seconds: 3601 is out of range (expected 1-3600)"},
      {"dlr_url_allow_local not a bool", "[http]\ndlr_url_allow_local = maybe\n",
       "t.ini:2: [http] dlr_url_allow_local: maybe is not a boolean (yes/no, true/false, on/off, 1/0)"},
      {"unreadable tls_key", "[http]\ntls_key = $DIR/absent.pem\n",
       "t.ini:2: [http] tls_key: cannot read $DIR/absent.pem: No such file or directory"},
  }));
  const TempDir dir;
  const ConfigEnvironment env{dir.MakeZoneinfo()};
  dir.Write("token", "from-file-0123456789\n");
  dir.Write("blank", " \n\t\n");
  dir.Write("huge", std::string(4097, 'x'));
  dir.Write("two-lines", "first\nsecond\n");
  dir.Write("short", "change-me\n");
  INFO(name);
  const auto config = ParseConfig(ReplaceAll(text, "$DIR", dir.path()), "t.ini", env);
  REQUIRE_FALSE(config.ok());
  CHECK(config.error().message == ReplaceAll(expected, "$DIR", dir.path()));
}

TEST_CASE("Secrets are not repeated in error messages", "[config]") {
  const auto pin = ParseConfig(std::string(kMinimal) + "pin = 98x76\n", "t.ini");
  REQUIRE_FALSE(pin.ok());
  CHECK(pin.error().message.find("98x76") == std::string::npos);
  const auto token = ParseConfig("[http]\ntoken = sec ret\n", "t.ini");
  REQUIRE_FALSE(token.ok());
  CHECK(token.error().message.find("sec ret") == std::string::npos);
}

TEST_CASE("LoadConfig reads the file and names it in errors", "[config]") {
  const TempDir dir;
  SECTION("a readable file") {
    const std::string path = dir.Write("tellal.ini", kMinimal);
    const auto config = LoadConfig(path);
    REQUIRE(config.ok());
    CHECK(config->source_path == path);
  }
  SECTION("a missing file") {
    const auto config = LoadConfig(dir.path() + "/absent.ini");
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().message == dir.path() + "/absent.ini: cannot read: No such file or directory");
  }
  SECTION("an error inside the file carries its path") {
    const std::string path = dir.Write("tellal.ini", "[daemon]\nlog_level = loud\n");
    const auto config = LoadConfig(path);
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().message.starts_with(path + ":2: [daemon] log_level: loud is not a log level"));
  }
}

TEST_CASE("Checking a configuration prints a summary or the error", "[config]") {
  const TempDir dir;
  std::ostringstream out, err;
  SECTION("valid, with a disabled modem") {
    const std::string path = dir.Write("ok.ini",
                                       "[http]\ntoken = t123456789abcdef0\n[modem.sim1]\ndevice = "
                                       "/dev/a\n[modem.sim2]\ndevice = /dev/b\nenabled = no\n");
    REQUIRE(::chmod(path.c_str(), 0640) == 0);
    CHECK(RunCheckConfig(path, {}, out, err) == 0);
    CHECK(out.str() == path + ": OK (2 modems: sim1, sim2 (disabled))\n");
    CHECK(err.str().empty());
  }
  SECTION("valid, but other users can read the token: a warning, and still valid") {
    const std::string path = dir.Write("ok.ini", kMinimal);
    REQUIRE(::chmod(path.c_str(), 0644) == 0);
    CHECK(RunCheckConfig(path, {}, out, err) == 0);
    CHECK(out.str() == path + ": OK (1 modem: sim1)\n");
    CHECK(err.str() == "warning: " + path +
                           " holds the API token and every user of this machine can read it (mode 0644); make it "
                           "private: chmod o-r " +
                           path + "\n");
  }
  SECTION("valid, one modem") {
    const std::string path = dir.Write("ok.ini", kMinimal);
    CHECK(RunCheckConfig(path, {}, out, err) == 0);
    CHECK(out.str() == path + ": OK (1 modem: sim1)\n");
  }
  SECTION("invalid") {
    const std::string path = dir.Write("bad.ini", std::string(kMinimal) + "baud = 1\n");
    CHECK(RunCheckConfig(path, {}, out, err) == 1);
    CHECK(out.str().empty());
    CHECK(err.str().starts_with(path + ":6: [modem.sim1] baud: 1 is not a standard baud rate"));
  }
}

TEST_CASE("The campaigns section sets keywords, brand and the replies", "[config][campaigns]") {
  const std::string text = std::string(kMinimal) +
                           "[campaigns]\n"
                           "stop_keywords = DUR, İPTAL ,stop\n"
                           "start_keywords = BAŞLA\n"
                           "brand = Tellal\n"
                           "confirm = no\n"
                           "stop_reply = Listeden çıktınız\n"
                           "start_reply = Hoş geldiniz\n";
  const auto config = ParseConfig(text, "t.ini");
  INFO((config.ok() ? "" : config.error().message));
  REQUIRE(config.ok());
  CHECK(config->campaigns.stop_keywords == std::vector<std::string>{"DUR", "İPTAL", "stop"});
  CHECK(config->campaigns.start_keywords == std::vector<std::string>{"BAŞLA"});
  CHECK(config->campaigns.brand == "Tellal");
  CHECK_FALSE(config->campaigns.confirm);
  CHECK(config->campaigns.stop_reply == "Listeden çıktınız");
  CHECK(config->campaigns.start_reply == "Hoş geldiniz");
}

TEST_CASE("Campaign defaults are the documented keywords with confirmation on", "[config][campaigns]") {
  const auto config = ParseConfig(kMinimal, "t.ini");
  REQUIRE(config.ok());
  CHECK(config->campaigns.stop_keywords == std::vector<std::string>{"DUR", "STOP", "IPTAL", "RET"});
  CHECK(config->campaigns.start_keywords == std::vector<std::string>{"BASLA", "START"});
  CHECK(config->campaigns.confirm);
  CHECK(config->campaigns.brand.empty());
  CHECK(config->http.import_max_body_kib == 65536);
}

TEST_CASE("A keyword list with an empty item is refused naming the key", "[config][campaigns]") {
  const auto config = ParseConfig(std::string(kMinimal) + "[campaigns]\nstop_keywords = DUR,,STOP\n", "t.ini");
  REQUIRE_FALSE(config.ok());
  CHECK_THAT(config.error().message, Catch::Contains("[campaigns] stop_keywords"));
}

TEST_CASE("The commercial policy keys parse, defaults are 21:00-09:00, 1 a day, 4 in 30 days", "[config][campaigns]") {
  const auto defaults = ParseConfig(kMinimal, "t.ini");
  REQUIRE(defaults.ok());
  CHECK(defaults->campaigns.quiet_hours == QuietHours{21 * 60, 9 * 60});
  CHECK(defaults->campaigns.cap_per_day == 1);
  CHECK(defaults->campaigns.cap_per_30_days == 4);
  CHECK(defaults->campaigns.footer == "RET yazip {number}'a gonderin");
  CHECK(defaults->campaigns.reply_number.empty());

  const auto config = ParseConfig(std::string(kMinimal) +
                                      "[campaigns]\n"
                                      "quiet_hours = 12:00 - 13:30\n"
                                      "cap_per_day = 0\n"
                                      "cap_per_30_days = 10\n"
                                      "footer = Ayrilmak icin RET: {number}\n"
                                      "reply_number = 3456\n",
                                  "t.ini");
  INFO((config.ok() ? "" : config.error().message));
  REQUIRE(config.ok());
  CHECK(config->campaigns.quiet_hours == QuietHours{12 * 60, 13 * 60 + 30});
  CHECK(config->campaigns.cap_per_day == 0);
  CHECK(config->campaigns.cap_per_30_days == 10);
  CHECK(config->campaigns.footer == "Ayrilmak icin RET: {number}");
  CHECK(config->campaigns.reply_number == "3456");

  const auto none = ParseConfig(std::string(kMinimal) + "[campaigns]\nquiet_hours = none\n", "t.ini");
  REQUIRE(none.ok());
  CHECK_FALSE(none->campaigns.quiet_hours);
}

TEST_CASE("Bad quiet hours and caps are refused naming the key", "[config][campaigns]") {
  auto [value, expected] = GENERATE(table<const char*, const char*>({
      {"quiet_hours = 21:00", "[campaigns] quiet_hours: '21:00' is not a window of local time"},
      {"quiet_hours = 24:00-09:00", "is not a window of local time"},
      {"quiet_hours = 9:00-21:00", "is not a window of local time"},
      {"quiet_hours = 21:00-21:00", "starts and ends at the same time"},
      {"cap_per_day = -1", "[campaigns] cap_per_day"},
      {"cap_per_30_days = 10001", "[campaigns] cap_per_30_days"},
      {"auto_reply_limit = 1001", "[campaigns] auto_reply_limit"},
      {"auto_reply_window_minutes = 0", "[campaigns] auto_reply_window_minutes"},
  }));
  const auto config = ParseConfig(std::string(kMinimal) + "[campaigns]\n" + value + "\n", "t.ini");
  REQUIRE_FALSE(config.ok());
  CHECK_THAT(config.error().message, Catch::Contains(expected));
}

TEST_CASE("The webhooks section sets the retry schedule and the attempt timeout", "[config][webhooks]") {
  const auto defaults = ParseConfig(kMinimal, "t.ini");
  REQUIRE(defaults.ok());
  CHECK(defaults->webhooks.retry_schedule_ms.empty());
  CHECK(defaults->webhooks.request_timeout_seconds == 10);
  const auto config = ParseConfig(std::string(kMinimal) +
                                      "[webhooks]\nretry_schedule = 250ms, 5s,2m , 3h\nrequest_timeout_seconds = 4\n",
                                  "t.ini");
  REQUIRE(config.ok());
  CHECK(config->webhooks.retry_schedule_ms == std::vector<int64_t>{250, 5'000, 120'000, 10'800'000});
  CHECK(config->webhooks.request_timeout_seconds == 4);
}

TEST_CASE("Bad webhook settings are refused naming the key", "[config][webhooks]") {
  auto [value, expected] = GENERATE(table<const char*, const char*>({
      {"retry_schedule = 5", "[webhooks] retry_schedule: '5' is not a delay"},
      {"retry_schedule = 5s,,5m", "[webhooks] retry_schedule: '' is not a delay"},
      {"retry_schedule = 5d", "'5d' is not a delay"},
      {"retry_schedule = 0ms", "'0ms' is outside 1ms to 7 days"},
      {"retry_schedule = 169h", "'169h' is outside 1ms to 7 days"},
      {"retry_schedule = 1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s", "more than 20 delays"},
      {"request_timeout_seconds = 0", "[webhooks] request_timeout_seconds"},
      {"request_timeout_seconds = 301", "[webhooks] request_timeout_seconds"},
      {"secret = x", "[webhooks] secret: unknown key"},
  }));
  const auto config = ParseConfig(std::string(kMinimal) + "[webhooks]\n" + value + "\n", "t.ini");
  REQUIRE_FALSE(config.ok());
  CHECK_THAT(config.error().message, Catch::Contains(expected));
}

TEST_CASE("The auto-reply limit defaults to 5 per 10 minutes and both keys parse", "[config][campaigns]") {
  const auto defaults = ParseConfig(kMinimal, "t.ini");
  REQUIRE(defaults.ok());
  CHECK(defaults->campaigns.auto_reply_limit == 5);
  CHECK(defaults->campaigns.auto_reply_window_minutes == 10);
  const auto config = ParseConfig(
      std::string(kMinimal) + "[campaigns]\nauto_reply_limit = 0\nauto_reply_window_minutes = 60\n", "t.ini");
  REQUIRE(config.ok());
  CHECK(config->campaigns.auto_reply_limit == 0);
  CHECK(config->campaigns.auto_reply_window_minutes == 60);
}

// The daemon's configuration: one INI file parsed once, at start and on
// SIGHUP, into the typed values below. Nothing else in the daemon reads the
// file or sees a string where a number, an address or an enum belongs.
//
// File format (default /etc/tellal/tellal.ini, `tellald --config PATH`):
// `key = value` lines under `[section]` headers; `;` or `#` starts a comment
// line, and ` ;` (whitespace, then `;`) starts a comment after a value. Keys
// are lower case and matched exactly. Leading whitespace is ignored, so keys
// may be indented; there are no multi-line values.
//
// [daemon]
//   state_dir        absolute path; the SQLite database lives here. Not
//                    created or checked here: the store does that when it
//                    opens. Default /var/lib/tellal.
//   log_level        trace | debug | info | warn | error | critical | off.
//                    Default info.
//   default_country  country calling code, 1-3 digits without '+', e.g. 90:
//                    national numbers (0532…, 532…) become +90532…. Default:
//                    unset, and only international numbers are accepted.
//   timezone         IANA name, e.g. Europe/Istanbul; must be a TZif file
//                    under the zoneinfo directory. Daily limits reset at this
//                    zone's midnight. Default: unset, the system's local time.
//   resend_unknown   boolean. At start, a message found `sending` (the daemon
//                    stopped during its AT+CMGS) is queued again (risking a
//                    duplicate) rather than marked `unknown` and left.
//                    Default no.
//   max_attempts     1-100 sends of one message before it fails. Default 5.
//   retry_backoff_seconds
//                    1-86400, wait before a failed send is retried. Default 30.
//   partial_inbound_timeout_seconds
//                    1-604800, how long parts of a concatenated inbound
//                    message wait for the rest before being delivered as
//                    they are. Default 3600.
//   start_timeout_seconds
//                    1-3600, how long a modem may take from opening its
//                    device to being ready to send (SIM unlocked, registered)
//                    before the attempt counts as failed and is retried;
//                    until then /health says "starting" rather than
//                    "degraded". Default 120.
//   send_timeout_seconds
//                    1-60, AT+CMGS until +CMGS: <mr>. A send that times out
//                    is `unknown` (it may have gone out) and never resent.
//                    Default 60. The cap keeps a clean stop, which waits for
//                    the send in flight, inside the unit's TimeoutStopSec.
//   health_interval_seconds
//                    1-3600, signal and registration checks. Default 30.
//   sim_scan_interval_seconds
//                    1-86400, re-reads the SIM for messages whose +CMTI was
//                    lost. Default 300.
//   modem_rest_seconds
//                    1-3600, how long a modem that failed 3 sends in a row
//                    stays out of rotation (doubling up to 10 minutes, or
//                    until it recovers). Default 30.
//   durability       accepted | every_change | process. When a commit waits
//                    for the disk (fsync); every kind survives the daemon
//                    being killed (kill -9, crash), they differ on a power
//                    cut or kernel panic:
//                    accepted: what the API answered 202 for is on disk
//                      first (one fsync per group of requests). State changes
//                      of the dispatcher reach the disk with the next
//                      accepted batch or checkpoint, so after a power cut a
//                      message sent in the last seconds may be sent again.
//                    every_change: every state change is on disk before the
//                      action it allows, so not even a power cut makes a
//                      duplicate; one fsync per dispatcher turn (slow on SD
//                      cards).
//                    process: nothing waits for the disk; a power cut may
//                      lose the last seconds of accepted messages.
//                    Default accepted.
//   keep_days        0-36500. Messages in a final state (sent, delivered,
//                    failed, expired, cancelled, unknown) that reached it
//                    more than this many days ago, and inbox entries
//                    received that long ago, are deleted in small batches
//                    (shortly after start, then hourly). 0 keeps everything
//                    forever. Default 90.
//   archive          boolean. Before deleting, retention appends what it
//                    deletes as JSON lines to
//                    <state_dir>/archive/messages-YYYY-MM.jsonl and
//                    inbox-YYYY-MM.jsonl (the month a message was created,
//                    an entry received), fsynced before the rows go.
//                    Default no.
//
// [http]
//   listen           IP:port, an address literal (names are not resolved):
//                    127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080, [::]:8080.
//                    Default 127.0.0.1:8080.
//   token            bearer token for the API; no whitespace or control
//                    characters. Required, unless token_file is given.
//   token_file       path of a file holding the token, read when the
//                    configuration is loaded (and on every reload), trimmed of
//                    surrounding whitespace; at most 4096 bytes. A relative
//                    path is taken relative to the configuration file's
//                    directory. Give token or token_file, not both.
//   tls_cert, tls_key
//                    PEM files, both or neither (neither: plain HTTP). They
//                    must be readable when the configuration is loaded;
//                    relative paths as for token_file.
//   max_segments     1-255, longest text the API accepts, in SMS segments.
//                    Default 10.
//   max_body_kib     1-65536, largest request body; larger ones get 413.
//                    Default 4096 (4 MiB).
//   max_connections_per_client
//                    1-1024, connections open at once from one client address
//                    (256 from all). Default 32.
//   request_timeout_seconds
//                    1-3600, time a client has to send a whole request (line,
//                    headers, body) from connecting or from the previous
//                    answer; slower ones are cut off. Default 30.
//   dlr_url_allow_local
//                    yes: a dlr-url may call a loopback or link-local address
//                    (an application on this box). Default no, so a delivery
//                    report cannot call the daemon's own /cgi-bin/sendsms.
//   kannel_username, kannel_password
//                    both or neither: the credentials Kannel-style clients
//                    give to /cgi-bin/sendsms. Neither: that endpoint refuses.
//
//   import_max_body_kib
//                    1-1048576, largest body of POST /api/v1/contacts/import
//                    (a CSV of 100,000 contacts is about 5 MiB), which alone
//                    may exceed max_body_kib. Default 65536 (64 MiB).
//
// [campaigns]        commercial messaging: opt-out by SMS, and the policy
//                    every commercial message obeys when it is about to be
//                    sent (a campaign's, or POST /api/v1/messages with
//                    "category": "commercial"); informational messages and
//                    one-time codes obey none of it.
//   quiet_hours      HH:MM-HH:MM in local time (see [daemon] timezone),
//                    may cross midnight: commercial messages that come up
//                    inside wait until it ends. "none": no quiet hours.
//                    Default 21:00-09:00.
//   cap_per_day      0-1000: commercial messages one number may get per
//                    local day, across campaigns; more are suppressed
//                    ("cap_per_day"). 0: no cap. Default 1.
//   cap_per_30_days  0-10000: the same over the last 30 days. Default 4.
//   footer           appended (on its own line) to every commercial message
//                    that does not opt out of it, and counted in its
//                    segments; {number} stands for reply_number. Empty: no
//                    footer. Default "RET yazip {number}'a gonderin".
//   reply_number     the number customers text RET to (a SIM's number or
//                    short code), for {number} in footer. Commercial
//                    messages with a footer naming {number} are refused
//                    (409) until it is set.
//   stop_keywords    comma-separated words that, as a whole inbound message
//                    (compared Turkish-folded: case, İ/ı, ş ğ ç ö ü and
//                    surrounding spaces and punctuation do not matter),
//                    record a refusal (RET, source HS_MESAJ) for the sender.
//                    Default DUR, STOP, IPTAL, RET.
//   start_keywords   the same for opting back in (ONAY, HS_MESAJ).
//                    Default BASLA, START.
//   brand            the business's short name; a keyword followed by it
//                    ("DUR TELLAL") counts too. Default: none.
//   confirm          boolean: answer an opt-out or opt-in with one SMS from
//                    the SIM that received it. Default yes.
//   stop_reply       the answer to an opt-out. Default "Ticari ileti
//                    listemizden cikarildiniz. Tekrar katilmak icin BASLA
//                    yazin."
//   start_reply      the answer to an opt-in. Default "Ticari ileti
//                    listemize yeniden katildiniz. Ayrilmak icin DUR yazin."
//   auto_reply_limit 0-1000: answers keyword rules (POST /api/v1/rules) may
//                    send one number within auto_reply_window_minutes;
//                    more are not sent, so two robots answering each other
//                    stop. 0: rules never answer. Default 5.
//   auto_reply_window_minutes
//                    1-1440, that window. Default 10.
//
// [webhooks]         delivery of webhook events (POST /api/v1/webhooks).
//   retry_schedule   comma-separated delays before each retry of a failed
//                    delivery, each a whole number with a unit ms, s, m or
//                    h (1 ms to 7 days), 1-20 of them; after the last the
//                    delivery fails. Each delay is spread by +-15%, and a
//                    longer Retry-After from the endpoint wins. Default
//                    5s, 5m, 30m, 2h, 5h, 10h, 14h, 20h, 24h. Shorter
//                    schedules are for tests.
//   request_timeout_seconds
//                    1-300, time one delivery attempt may take, connecting
//                    included. Default 10.
//
// [modem.<id>]       one section per modem; <id> is the modem's name in the
//                    API, the logs and the database: 1-32 of A-Z a-z 0-9 _ -.
//   device           absolute path of the serial device. Required. The node
//                    itself need not exist: a USB modem may be unplugged at
//                    boot, and the driver waits for it and reopens it, so an
//                    absent node is the driver's business, not a config error.
//   baud             1200 2400 4800 9600 19200 38400 57600 115200 230400
//                    460800 921600. Default 115200.
//   pin              SIM PIN, 4-8 digits. Default: none (SIM not locked).
//   rate_per_minute  1-1000 sends per minute from this SIM. Default: no limit.
//   daily_limit      1-1000000 sends per day from this SIM, counted from
//                    local midnight (see timezone). Default: no limit.
//   enabled          boolean; a disabled modem is not opened. Default yes.
//   hardware_flow_control
//                    boolean; RTS/CTS on the serial line. Default no.
//
// Booleans are yes/no, true/false, on/off or 1/0.
//
// The file must have at least one [modem.*] section: a gateway without a
// modem is a mistake. All of them may be disabled, though, so that an
// operator can take the last SIM out of service with a reload, keeping the
// queue, rather than stop the daemon.
//
// Errors are the first one found, as `FILE:LINE: [SECTION] KEY: reason`
// (`FILE: reason` when no line is to blame). Unknown sections and keys,
// repeated keys and sections, and values out of range are all errors: the
// daemon refuses to start half-configured. Error messages never repeat the
// value of `pin`, `token` or a token file's contents.
//
// Thread-compatible: parsing touches no global state (inih's runtime options
// are left at their defaults).
#ifndef TELLAL_DAEMON_CONFIG_CONFIG_H_
#define TELLAL_DAEMON_CONFIG_CONFIG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace tellal::config {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kCritical, kOff };

// The spelling used in the file: "trace", "debug", ...
std::string_view LogLevelName(LogLevel level);

enum class Durability { kAccepted, kEveryChange, kProcess };

// The spelling used in the file: "accepted", "every_change", "process".
std::string_view DurabilityName(Durability durability);

// Modems give up on AT+CMGS themselves well within this (networks answer in
// seconds); a longer wait would only delay a clean stop.
inline constexpr int kMaxSendTimeoutSeconds = 60;

struct DaemonSettings {
  std::string state_dir = "/var/lib/tellal";
  LogLevel log_level = LogLevel::kInfo;
  std::optional<std::string> default_country;  // digits, e.g. "90"
  std::optional<std::string> timezone;         // e.g. "Europe/Istanbul"
  bool resend_unknown = false;
  int max_attempts = 5;
  int retry_backoff_seconds = 30;
  int partial_inbound_timeout_seconds = 3600;
  int start_timeout_seconds = 120;
  int send_timeout_seconds = kMaxSendTimeoutSeconds;  // AT+CMGS until +CMGS: <mr>
  int health_interval_seconds = 30;                   // AT+CSQ / AT+CREG? per modem
  int sim_scan_interval_seconds = 300;                // AT+CMGL safety net per modem
  int modem_rest_seconds = 30;                        // out of rotation after repeated failures (doubles)
  Durability durability = Durability::kAccepted;
  int keep_days = 90;    // 0: keep forever
  bool archive = false;  // retention writes what it deletes to <state_dir>/archive/

  bool operator==(const DaemonSettings&) const = default;
};

struct ListenAddress {
  std::string host = "127.0.0.1";  // without brackets, e.g. "::1"
  std::uint16_t port = 8080;
  bool ipv6 = false;

  bool operator==(const ListenAddress&) const = default;
};

struct HttpSettings {
  ListenAddress listen;
  std::string token;       // from `token`, or the contents of token_file
  std::string token_file;  // as resolved; empty when `token` was given
  std::string tls_cert;    // both empty, or both set
  std::string tls_key;
  int max_segments = 10;    // longer texts are refused
  int max_body_kib = 4096;  // request bodies above this get 413
  int max_connections_per_client = 32;
  int request_timeout_seconds = 30;  // a whole request must arrive within this
  bool dlr_url_allow_local = false;  // dlr-url may name loopback / link-local hosts
  std::string kannel_username;       // /cgi-bin/sendsms credentials; both or neither
  std::string kannel_password;
  int import_max_body_kib = 65536;  // POST /api/v1/contacts/import bodies above this get 413

  bool operator==(const HttpSettings&) const = default;
};

// A daily window of local time, in minutes after midnight; it crosses
// midnight when end_minute < start_minute. start_minute != end_minute.
struct QuietHours {
  int start_minute = 21 * 60;
  int end_minute = 9 * 60;
  bool operator==(const QuietHours&) const = default;
};

struct CampaignSettings {
  std::optional<QuietHours> quiet_hours = QuietHours{};
  int cap_per_day = 1;
  int cap_per_30_days = 4;
  std::string footer = "RET yazip {number}'a gonderin";
  std::string reply_number;
  std::vector<std::string> stop_keywords = {"DUR", "STOP", "IPTAL", "RET"};
  std::vector<std::string> start_keywords = {"BASLA", "START"};
  std::string brand;
  bool confirm = true;
  std::string stop_reply = "Ticari ileti listemizden cikarildiniz. Tekrar katilmak icin BASLA yazin.";
  std::string start_reply = "Ticari ileti listemize yeniden katildiniz. Ayrilmak icin DUR yazin.";
  int auto_reply_limit = 5;            // keyword rule answers per number per window; 0: none
  int auto_reply_window_minutes = 10;

  bool operator==(const CampaignSettings&) const = default;
};

struct WebhookSettings {
  // Empty: the default schedule (notify::DefaultWebhookSchedule).
  std::vector<int64_t> retry_schedule_ms;
  int request_timeout_seconds = 10;

  bool operator==(const WebhookSettings&) const = default;
};

struct ModemSettings {
  std::string id;
  std::string device;
  int baud = 115200;
  std::optional<std::string> pin;
  std::optional<int> rate_per_minute;
  std::optional<int> daily_limit;
  bool enabled = true;
  bool hardware_flow_control = false;

  bool operator==(const ModemSettings&) const = default;
};

struct Config {
  DaemonSettings daemon;
  HttpSettings http;
  CampaignSettings campaigns;
  WebhookSettings webhooks;
  std::vector<ModemSettings> modems;  // in file order; ids are unique
  std::string source_path;            // the file name given to the parser
};

// What the parser may look at outside the text itself. Tests point
// zoneinfo_dir at a temporary directory.
struct ConfigEnvironment {
  std::string zoneinfo_dir = "/usr/share/zoneinfo";
};

// Parses and validates `text`; `file_name` prefixes error messages, becomes
// Config::source_path, and anchors relative token_file/tls paths. Reads the
// token file and checks the timezone and TLS files on the real file system.
Result<Config> ParseConfig(std::string_view text, std::string_view file_name, const ConfigEnvironment& env = {});

// Reads `path` (at most 1 MiB) and parses it as above.
Result<Config> LoadConfig(const std::string& path, const ConfigEnvironment& env = {});

}  // namespace tellal::config

#endif  // TELLAL_DAEMON_CONFIG_CONFIG_H_

// ParseConfig: inih splits lines into sections, keys and values; the tables
// below turn each key into a typed field, and ConfigBuilder checks what only
// the whole file can tell (missing keys, conflicting keys, no modem).
//
// inih does not tell its handler the line number (Debian builds it without
// INI_HANDLER_LINENO), so lines are fed through our own reader, which inih
// calls once per line; the handler reads the current line from it.
#include <ini.h>

#include <exception>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "daemon/config/config.h"
#include "daemon/config/config_values.h"
#include "modem/text/ascii.h"

namespace tellal::config {

using text::TrimSpaces;
namespace {

constexpr std::size_t kMaxConfigBytes = 1 << 20;

// Where relative token_file and TLS paths are anchored.
std::string DirectoryOf(std::string_view file_name) {
  const std::size_t slash = file_name.rfind('/');
  if (slash == std::string_view::npos) return "";
  if (slash == 0) return "/";
  return std::string(file_name.substr(0, slash));
}

struct KeyContext {
  const ConfigEnvironment& env;
  const std::string& config_dir;
};

// One known key of a section: how its value lands in the settings, and which
// other key of the same section it excludes.
template <typename Settings>
struct KeyRule {
  std::string_view name;
  Status (*apply)(std::string_view value, Settings& settings, const KeyContext& context);
  std::string_view conflicts_with = {};
};

template <typename Field, typename Value>
Status Assign(Result<Value> parsed, Field& field) {
  if (!parsed.ok()) return parsed.error();
  field = std::move(*parsed);
  return Status::Ok();
}

using Ctx = const KeyContext&;

const KeyRule<DaemonSettings> kDaemonKeys[] = {
    {"state_dir", [](std::string_view v, DaemonSettings& s, Ctx) { return Assign(ParseAbsolutePath(v), s.state_dir); }},
    {"log_level", [](std::string_view v, DaemonSettings& s, Ctx) { return Assign(ParseLogLevel(v), s.log_level); }},
    {"default_country",
     [](std::string_view v, DaemonSettings& s, Ctx) { return Assign(ParseCountryCode(v), s.default_country); }},
    {"timezone",
     [](std::string_view v, DaemonSettings& s, Ctx c) {
       if (Status checked = CheckTimezone(v, c.env.zoneinfo_dir); !checked.ok()) return checked;
       s.timezone = std::string(v);
       return Status::Ok();
     }},
    {"resend_unknown",
     [](std::string_view v, DaemonSettings& s, Ctx) { return Assign(ParseBool(v), s.resend_unknown); }},
    {"max_attempts",
     [](std::string_view v, DaemonSettings& s, Ctx) { return Assign(ParseInt(v, 1, 100), s.max_attempts); }},
    {"retry_backoff_seconds",
     [](std::string_view v, DaemonSettings& s, Ctx) { return Assign(ParseInt(v, 1, 86400), s.retry_backoff_seconds); }},
    {"partial_inbound_timeout_seconds",
     [](std::string_view v, DaemonSettings& s, Ctx) {
       return Assign(ParseInt(v, 1, 604800), s.partial_inbound_timeout_seconds);
     }},
    {"start_timeout_seconds",
     [](std::string_view v, DaemonSettings& s, Ctx) { return Assign(ParseInt(v, 1, 3600), s.start_timeout_seconds); }},
    {"send_timeout_seconds",
     [](std::string_view v, DaemonSettings& s, Ctx) {
       return Assign(ParseInt(v, 1, kMaxSendTimeoutSeconds), s.send_timeout_seconds);
     }},
    {"health_interval_seconds", [](std::string_view v, DaemonSettings& s,
                                   Ctx) { return Assign(ParseInt(v, 1, 3600), s.health_interval_seconds); }},
    {"sim_scan_interval_seconds", [](std::string_view v, DaemonSettings& s,
                                     Ctx) { return Assign(ParseInt(v, 1, 86400), s.sim_scan_interval_seconds); }},
    {"modem_rest_seconds",
     [](std::string_view v, DaemonSettings& s, Ctx) { return Assign(ParseInt(v, 1, 3600), s.modem_rest_seconds); }},
    {"durability", [](std::string_view v, DaemonSettings& s, Ctx) { return Assign(ParseDurability(v), s.durability); }},
    {"keep_days",
     [](std::string_view v, DaemonSettings& s, Ctx) { return Assign(ParseInt(v, 0, 36500), s.keep_days); }},
    {"archive", [](std::string_view v, DaemonSettings& s, Ctx) { return Assign(ParseBool(v), s.archive); }},
};

const KeyRule<HttpSettings> kHttpKeys[] = {
    {"listen", [](std::string_view v, HttpSettings& s, Ctx) { return Assign(ParseListen(v), s.listen); }},
    {"token", [](std::string_view v, HttpSettings& s, Ctx) { return Assign(ParseApiToken(v), s.token); }, "token_file"},
    {"token_file",
     [](std::string_view v, HttpSettings& s, Ctx c) {
       s.token_file = ResolvePath(v, c.config_dir);
       return Assign(ReadTokenFile(s.token_file), s.token);
     },
     "token"},
    {"tls_cert",
     [](std::string_view v, HttpSettings& s, Ctx c) {
       s.tls_cert = ResolvePath(v, c.config_dir);
       return CheckReadableFile(s.tls_cert);
     }},
    {"tls_key",
     [](std::string_view v, HttpSettings& s, Ctx c) {
       s.tls_key = ResolvePath(v, c.config_dir);
       return CheckReadableFile(s.tls_key);
     }},
    {"max_segments",
     [](std::string_view v, HttpSettings& s, Ctx) { return Assign(ParseInt(v, 1, 255), s.max_segments); }},
    {"max_body_kib",
     [](std::string_view v, HttpSettings& s, Ctx) { return Assign(ParseInt(v, 1, 65536), s.max_body_kib); }},
    {"max_connections_per_client", [](std::string_view v, HttpSettings& s,
                                      Ctx) { return Assign(ParseInt(v, 1, 1024), s.max_connections_per_client); }},
    {"request_timeout_seconds",
     [](std::string_view v, HttpSettings& s, Ctx) { return Assign(ParseInt(v, 1, 3600), s.request_timeout_seconds); }},
    {"dlr_url_allow_local",
     [](std::string_view v, HttpSettings& s, Ctx) { return Assign(ParseBool(v), s.dlr_url_allow_local); }},
    {"kannel_username",
     [](std::string_view v, HttpSettings& s, Ctx) { return Assign(ParseToken(v), s.kannel_username); }},
    {"kannel_password",
     [](std::string_view v, HttpSettings& s, Ctx) { return Assign(ParseToken(v), s.kannel_password); }},
    {"import_max_body_kib",
     [](std::string_view v, HttpSettings& s, Ctx) { return Assign(ParseInt(v, 1, 1048576), s.import_max_body_kib); }},
};

const KeyRule<CampaignSettings> kCampaignKeys[] = {
    {"stop_keywords",
     [](std::string_view v, CampaignSettings& s, Ctx) { return Assign(ParseKeywordList(v), s.stop_keywords); }},
    {"start_keywords",
     [](std::string_view v, CampaignSettings& s, Ctx) { return Assign(ParseKeywordList(v), s.start_keywords); }},
    {"brand",
     [](std::string_view v, CampaignSettings& s, Ctx) {
       s.brand = std::string(v);
       return Status::Ok();
     }},
    {"confirm", [](std::string_view v, CampaignSettings& s, Ctx) { return Assign(ParseBool(v), s.confirm); }},
    {"stop_reply",
     [](std::string_view v, CampaignSettings& s, Ctx) {
       s.stop_reply = std::string(v);
       return Status::Ok();
     }},
    {"start_reply",
     [](std::string_view v, CampaignSettings& s, Ctx) {
       s.start_reply = std::string(v);
       return Status::Ok();
     }},
    {"quiet_hours",
     [](std::string_view v, CampaignSettings& s, Ctx) { return Assign(ParseQuietHours(v), s.quiet_hours); }},
    {"cap_per_day",
     [](std::string_view v, CampaignSettings& s, Ctx) { return Assign(ParseInt(v, 0, 1000), s.cap_per_day); }},
    {"cap_per_30_days",
     [](std::string_view v, CampaignSettings& s, Ctx) { return Assign(ParseInt(v, 0, 10000), s.cap_per_30_days); }},
    {"footer",
     [](std::string_view v, CampaignSettings& s, Ctx) {
       s.footer = std::string(v);
       return Status::Ok();
     }},
    {"reply_number",
     [](std::string_view v, CampaignSettings& s, Ctx) {
       s.reply_number = std::string(v);
       return Status::Ok();
     }},
    {"auto_reply_limit",
     [](std::string_view v, CampaignSettings& s, Ctx) { return Assign(ParseInt(v, 0, 1000), s.auto_reply_limit); }},
    {"auto_reply_window_minutes",
     [](std::string_view v, CampaignSettings& s, Ctx) {
       return Assign(ParseInt(v, 1, 1440), s.auto_reply_window_minutes);
     }},
};

const KeyRule<WebhookSettings> kWebhookKeys[] = {
    {"retry_schedule",
     [](std::string_view v, WebhookSettings& s, Ctx) { return Assign(ParseDelayList(v), s.retry_schedule_ms); }},
    {"request_timeout_seconds",
     [](std::string_view v, WebhookSettings& s, Ctx) { return Assign(ParseInt(v, 1, 300), s.request_timeout_seconds); }},
};

const KeyRule<ModemSettings> kModemKeys[] = {
    {"device", [](std::string_view v, ModemSettings& s, Ctx) { return Assign(ParseAbsolutePath(v), s.device); }},
    {"baud", [](std::string_view v, ModemSettings& s, Ctx) { return Assign(ParseBaud(v), s.baud); }},
    {"pin", [](std::string_view v, ModemSettings& s, Ctx) { return Assign(ParsePin(v), s.pin); }},
    {"rate_per_minute",
     [](std::string_view v, ModemSettings& s, Ctx) { return Assign(ParseInt(v, 1, 1000), s.rate_per_minute); }},
    {"daily_limit",
     [](std::string_view v, ModemSettings& s, Ctx) { return Assign(ParseInt(v, 1, 1000000), s.daily_limit); }},
    {"enabled", [](std::string_view v, ModemSettings& s, Ctx) { return Assign(ParseBool(v), s.enabled); }},
    {"hardware_flow_control",
     [](std::string_view v, ModemSettings& s, Ctx) { return Assign(ParseBool(v), s.hardware_flow_control); }},
};

template <typename Settings>
const KeyRule<Settings>* FindRule(std::span<const KeyRule<Settings>> rules, std::string_view name) {
  for (const KeyRule<Settings>& rule : rules) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

template <typename Settings>
std::string KnownKeys(std::span<const KeyRule<Settings>> rules) {
  std::string names;
  for (const KeyRule<Settings>& rule : rules) names += (names.empty() ? "" : ", ") + std::string(rule.name);
  return names;
}

enum class SectionKind { kDaemon, kHttp, kCampaigns, kWebhooks, kModem };

struct Section {
  std::string name;  // as written between the brackets, trimmed
  SectionKind kind = SectionKind::kDaemon;
  int line = 0;
  std::size_t modem_index = 0;                   // into Config::modems, for kModem
  std::map<std::string, int, std::less<>> keys;  // key -> line it was set on
};

class ConfigBuilder {
 public:
  ConfigBuilder(std::string_view file_name, const ConfigEnvironment& env)
      : file_name_(file_name), config_dir_(DirectoryOf(file_name)), env_(env) {
    config_.source_path = file_name_;
  }

  bool Failed() const { return error_line_ >= 0; }

  // line 0 blames the whole file. Only the first error is kept: later ones
  // are often consequences of it.
  void Fail(int line, const std::string& message) {
    if (Failed()) return;
    error_line_ = line;
    error_ = file_name_ + (line > 0 ? ":" + std::to_string(line) : "") + ": " + message;
  }

  void OnSectionHeader(int line, std::string_view name) {
    const std::string label = "[" + std::string(name) + "]";
    Section section;
    section.name = std::string(name);
    section.kind = SectionKind::kDaemon;
    section.line = line;
    if (name == "http") {
      section.kind = SectionKind::kHttp;
    } else if (name == "campaigns") {
      section.kind = SectionKind::kCampaigns;
    } else if (name == "webhooks") {
      section.kind = SectionKind::kWebhooks;
    } else if (name.starts_with("modem.")) {
      section.kind = SectionKind::kModem;
    } else if (name != "daemon") {
      return Fail(line, label + ": unknown section (expected [daemon], [http], [campaigns], [webhooks] or [modem.<id>])");
    }
    for (const Section& earlier : sections_) {
      if (earlier.name != name) continue;
      if (section.kind == SectionKind::kModem) {
        return Fail(line, label + ": duplicate modem id " + std::string(name.substr(6)) + " (first at line " +
                              std::to_string(earlier.line) + ")");
      }
      return Fail(line, label + ": repeated section (first at line " + std::to_string(earlier.line) + ")");
    }
    if (section.kind == SectionKind::kModem) {
      const std::string_view id = name.substr(6);
      if (!IsValidModemId(id)) return Fail(line, label + ": a modem id is 1-32 of A-Z a-z 0-9 _ -");
      section.modem_index = config_.modems.size();
      config_.modems.emplace_back().id = std::string(id);
    }
    sections_.push_back(std::move(section));
  }

  void OnKey(int line, std::string_view key, std::string_view value) {
    if (sections_.empty()) {
      return Fail(line, std::string(key) + ": key before any section (expected [daemon], [http] or [modem.<id>])");
    }
    Section& section = sections_.back();
    const std::string prefix = "[" + section.name + "] " + std::string(key) + ": ";
    switch (section.kind) {
      case SectionKind::kDaemon:
        return Apply<DaemonSettings>(kDaemonKeys, config_.daemon, section, line, key, value, prefix);
      case SectionKind::kHttp:
        return Apply<HttpSettings>(kHttpKeys, config_.http, section, line, key, value, prefix);
      case SectionKind::kCampaigns:
        return Apply<CampaignSettings>(kCampaignKeys, config_.campaigns, section, line, key, value, prefix);
      case SectionKind::kWebhooks:
        return Apply<WebhookSettings>(kWebhookKeys, config_.webhooks, section, line, key, value, prefix);
      case SectionKind::kModem:
        return Apply<ModemSettings>(kModemKeys, config_.modems[section.modem_index], section, line, key, value, prefix);
    }
  }

  // `inih_result` is ini_parse_stream's: 0, or the first line inih could not
  // parse (or whose handler failed), or negative on allocation failure.
  Result<Config> Finish(int inih_result) {
    if (inih_result < 0) return Error::InvalidArgument(file_name_ + ": out of memory while parsing");
    // A syntax error inih found before our first error wins; at our error's
    // own line inih merely echoes the handler's failure.
    if (inih_result > 0 && (!Failed() || inih_result < error_line_)) {
      error_line_ = -1;
      Fail(inih_result, "expected [section], key = value, or a comment");
    }
    if (!Failed()) CheckWholeFile();
    if (Failed()) return Error::InvalidArgument(error_);
    return std::move(config_);
  }

 private:
  template <typename Settings>
  void Apply(std::span<const KeyRule<Settings>> rules, Settings& settings, Section& section, int line,
             std::string_view key, std::string_view value, const std::string& prefix) {
    const KeyRule<Settings>* rule = FindRule(rules, key);
    if (rule == nullptr) return Fail(line, prefix + "unknown key (known keys: " + KnownKeys(rules) + ")");
    if (const auto first = section.keys.find(key); first != section.keys.end()) {
      return Fail(line, prefix + "repeated key (first at line " + std::to_string(first->second) + ")");
    }
    if (!rule->conflicts_with.empty()) {
      if (const auto other = section.keys.find(rule->conflicts_with); other != section.keys.end()) {
        return Fail(line, prefix + "conflicts with " + std::string(rule->conflicts_with) + " (line " +
                              std::to_string(other->second) + "); give one or the other");
      }
    }
    section.keys.emplace(std::string(key), line);
    if (value.empty()) return Fail(line, prefix + "empty value; remove the line to use the default");
    const Status applied = rule->apply(value, settings, KeyContext{env_, config_dir_});
    if (!applied.ok()) Fail(line, prefix + applied.message());
  }

  const Section* FindSection(SectionKind kind) const {
    for (const Section& section : sections_) {
      if (section.kind == kind) return &section;
    }
    return nullptr;
  }

  void CheckWholeFile() {
    if (config_.modems.empty()) return Fail(0, "no [modem.*] section; the daemon needs at least one modem");
    for (const Section& section : sections_) {
      if (section.kind == SectionKind::kModem && !section.keys.contains("device")) {
        return Fail(section.line, "[" + section.name + "] device: missing; give the path of the modem's serial device");
      }
    }
    const Section* http = FindSection(SectionKind::kHttp);
    if (config_.http.token.empty()) {
      return Fail(http != nullptr ? http->line : 0,
                  "[http] token: missing; give token or token_file (the API has no unauthenticated mode)");
    }
    // A token was given, so [http] exists.
    for (const auto& [given, absent] :
         {std::pair{"tls_cert", "tls_key"}, std::pair{"tls_key", "tls_cert"},
          std::pair{"kannel_username", "kannel_password"}, std::pair{"kannel_password", "kannel_username"}}) {
      const auto found = http->keys.find(std::string_view(given));
      if (found != http->keys.end() && !http->keys.contains(std::string_view(absent))) {
        return Fail(found->second,
                    "[http] " + std::string(given) + ": " + absent + " is missing; give both or neither");
      }
    }
  }

  std::string file_name_;
  std::string config_dir_;
  const ConfigEnvironment& env_;
  Config config_;
  std::vector<Section> sections_;
  int error_line_ = -1;
  std::string error_;
};

// The state inih's two callbacks share. C callbacks must not let exceptions
// through inih's C frames, so any exception (allocation failure) is parked
// here and rethrown once inih has returned.
struct LineFeed {
  std::string_view rest;
  int line = 0;
  ConfigBuilder* builder;
  std::exception_ptr fault;
};

// inih's reader: copies the next line into `buffer` (fgets-style, `size`
// bytes including the terminator). Beyond copying, it handles what inih
// would otherwise get subtly wrong:
//  - leading whitespace is dropped, because inih reads an indented line as a
//    continuation of the previous value, silently;
//  - a line too long for inih's buffer is an error, not two lines;
//  - section headers are read here, since inih does not report a section
//    without keys, and a [modem.x] without keys still lacks its device.
char* ReadLine(char* buffer, int size, void* stream) {
  auto* feed = static_cast<LineFeed*>(stream);
  try {
    if (feed->builder->Failed() || feed->rest.empty()) return nullptr;
    const std::size_t newline = feed->rest.find('\n');
    std::string_view text = feed->rest.substr(0, newline);
    feed->rest.remove_prefix(newline == std::string_view::npos ? feed->rest.size() : newline + 1);
    ++feed->line;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    text = TrimSpaces(text);
    if (text.find('\0') != std::string_view::npos) {
      feed->builder->Fail(feed->line, "contains a NUL byte");
      return nullptr;
    }
    // Room for the line, its '\n' and the terminator.
    if (text.size() + 2 > static_cast<std::size_t>(size)) {
      feed->builder->Fail(feed->line, "line is longer than " + std::to_string(size - 2) + " characters");
      return nullptr;
    }
    if (text.starts_with('[')) {
      const std::size_t close = text.find(']');
      if (close == std::string_view::npos) {
        feed->builder->Fail(feed->line, "section header has no closing ']'");
        return nullptr;
      }
      const std::string_view after = TrimSpaces(text.substr(close + 1));
      const std::string_view name = TrimSpaces(text.substr(1, close - 1));
      if (!after.empty() && !after.starts_with(';') && !after.starts_with('#')) {
        feed->builder->Fail(feed->line, "[" + std::string(name) + "]: unexpected text after ']'");
        return nullptr;
      }
      feed->builder->OnSectionHeader(feed->line, name);
      if (feed->builder->Failed()) return nullptr;
    }
    text.copy(buffer, text.size());
    buffer[text.size()] = '\n';
    buffer[text.size() + 1] = '\0';
    return buffer;
  } catch (...) {
    feed->fault = std::current_exception();
    return nullptr;
  }
}

// inih's handler: one key = value of the line ReadLine returned last.
// Returns 0 on error so that inih, too, counts the line as failed.
int OnKeyValue(void* user, const char* /*section: ReadLine tracks it*/, const char* name, const char* value) {
  auto* feed = static_cast<LineFeed*>(user);
  try {
    feed->builder->OnKey(feed->line, name, value);
    return feed->builder->Failed() ? 0 : 1;
  } catch (...) {
    feed->fault = std::current_exception();
    return 0;
  }
}

}  // namespace

Result<Config> ParseConfig(std::string_view text, std::string_view file_name, const ConfigEnvironment& env) {
  // Drop a UTF-8 byte order mark here rather than leave it to inih, so that
  // ReadLine sees a header on line 1 as a header.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  ConfigBuilder builder(file_name, env);
  LineFeed feed{text, 0, &builder, nullptr};
  const int result = ini_parse_stream(&ReadLine, &feed, &OnKeyValue, &feed);
  if (feed.fault) std::rethrow_exception(feed.fault);
  return builder.Finish(result);
}

Result<Config> LoadConfig(const std::string& path, const ConfigEnvironment& env) {
  const Result<std::string> text = ReadSmallFile(path, kMaxConfigBytes);
  if (!text.ok()) return Error::IoError(path + ": cannot read: " + text.error().message);
  return ParseConfig(*text, path, env);
}

}  // namespace tellal::config

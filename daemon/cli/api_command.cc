#include "daemon/cli/api_command.h"

#include <algorithm>

namespace tellal::cli {

using nlohmann::json;

const char* const kConnectionHelp =
    "connection (each from the first place that has it):\n"
    "  --url URL       the daemon's API, e.g. http://127.0.0.1:8080; else $TELLAL_URL;\n"
    "                  else [http] listen from the configuration file\n"
    "  --token TOKEN   the API's bearer token; else $TELLAL_TOKEN; else [http] token or\n"
    "                  token_file from the configuration file\n"
    "  --config PATH   the daemon's configuration file (default /etc/tellal/tellal.ini)\n";

std::set<std::string> WithConnectionOptions(std::set<std::string> names) {
  names.insert({"--url", "--token", "--config"});
  return names;
}

bool WantsHelp(const std::vector<std::string>& args) {
  return std::any_of(args.begin(), args.end(), [](const std::string& a) { return a == "--help" || a == "-h"; });
}

void PrintHelp(std::ostream& out, const char* usage) { out << usage << "\n" << kConnectionHelp; }

Result<ApiClient> OpenApi(const ParsedArguments& args, const CommandContext& ctx) {
  ConnectionOptions options{args.get("--url"), args.get("--token"), args.get("--config")};
  auto endpoint = ResolveEndpoint(options, ctx.env, ctx.load_config);
  if (!endpoint) return endpoint.error();
  return ApiClient::Create(*endpoint, ctx.http);
}

int Usage(const CommandContext& ctx, std::string_view command, const std::string& message, const char* usage) {
  ctx.err << "tellal " << command << ": " << message << "\n";
  if (usage != nullptr) {
    ctx.err << "\n";
    PrintHelp(ctx.err, usage);
  }
  return kExitUsage;
}

int Failure(const CommandContext& ctx, std::string_view command, const std::string& message) {
  ctx.err << "tellal " << command << ": " << message << "\n";
  return kExitFailure;
}

int ApiFailure(const CommandContext& ctx, std::string_view command, const ApiResponse& response,
               const ApiEndpoint& endpoint, const std::string& context) {
  std::string message = FormatApiError(ParseApiError(response));
  if (!context.empty()) message = context + ": " + message;
  if (response.status == 401) {
    message += endpoint.token.empty() ? "\n  no token was sent (" + endpoint.token_source + ")"
                                      : "\n  the token came from " + endpoint.token_source;
  }
  return Failure(ctx, command, message);
}

const json* Member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string Show(const json& object, std::string_view key) {
  const json* v = Member(object, key);
  if (v == nullptr || v->is_null() || v->is_structured()) return "-";
  if (v->is_string()) return v->get<std::string>();
  return v->dump();
}

std::optional<std::int64_t> ParseRfc3339(std::string_view t) {
  // date-time = full-date "T" full-time (RFC 3339 §5.6); "t" and " " are
  // accepted as the separator, as the RFC's note on §5.6 permits.
  bool ok = true;
  const auto number = [&t, &ok](std::size_t at, std::size_t count, int min, int max) {
    int v = 0;
    for (std::size_t i = at; i < at + count; ++i) {
      if (i >= t.size() || t[i] < '0' || t[i] > '9') {
        ok = false;
        return 0;
      }
      v = v * 10 + (t[i] - '0');
    }
    if (v < min || v > max) ok = false;
    return v;
  };
  const auto is = [&t](std::size_t at, std::string_view chars) {
    return at < t.size() && chars.find(t[at]) != std::string_view::npos;
  };
  const int year = number(0, 4, 0, 9999);
  const int month = number(5, 2, 1, 12);
  const int day = number(8, 2, 1, 31);
  const int hour = number(11, 2, 0, 23);
  const int minute = number(14, 2, 0, 59);
  // 60 is a leap second; it is counted as the first second of the next minute.
  const int second = number(17, 2, 0, 60);
  if (!ok || !is(4, "-") || !is(7, "-") || !is(10, "Tt ") || !is(13, ":") || !is(16, ":")) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;

  std::size_t pos = 19;
  std::int64_t millis = 0;
  if (is(pos, ".")) {
    const std::size_t start = ++pos;
    int scale = 100;
    while (is(pos, "0123456789")) {
      millis += (t[pos] - '0') * scale;  // digits past milliseconds are dropped
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  int offset_minutes = 0;
  if (is(pos, "Zz")) {
    ++pos;
  } else if (is(pos, "+-")) {
    const int sign = t[pos] == '-' ? -1 : 1;
    const int offset_hours = number(pos + 1, 2, 0, 23);
    const int offset_rest = number(pos + 4, 2, 0, 59);
    if (!ok || !is(pos + 3, ":")) return std::nullopt;
    offset_minutes = sign * (offset_hours * 60 + offset_rest);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != t.size()) return std::nullopt;

  const std::int64_t days = std::chrono::sys_days(date).time_since_epoch().count();
  const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  return seconds * 1000 + millis;
}

void PrintRawJson(std::ostream& out, const std::string& raw) {
  out << raw;
  if (raw.empty() || raw.back() != '\n') out << '\n';
}

}  // namespace tellal::cli

#include "daemon/config/config_values.h"
#include "modem/text/ascii.h"
#include "modem/text/enum_names.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <system_error>

namespace tellal::config {

using text::AllDigits;
namespace {

constexpr std::array<int, 11> kBaudRates = {1200,  2400,   4800,   9600,   19200, 38400,
                                            57600, 115200, 230400, 460800, 921600};
constexpr std::size_t kMaxTokenFileBytes = 4096;

std::string ErrnoText(int error) { return std::error_code(error, std::generic_category()).message(); }

// Closes the descriptor on every return path of the file checks below.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Opens `path` for reading and insists on a regular file; the error is the
// reason alone. O_NONBLOCK keeps a FIFO given by mistake from blocking the
// open; it is then refused anyway.
Result<int> OpenRegularFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return Error::IoError(ErrnoText(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int error = errno;
    ::close(fd);
    return Error::IoError(ErrnoText(error));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error::InvalidArgument("not a regular file");
  }
  return fd;
}

// Reads up to `limit` + 1 bytes, so the caller can tell "too large" apart.
Result<std::string> ReadUpTo(int fd, std::size_t limit) {
  std::string content;
  std::array<char, 4096> buffer;
  while (content.size() <= limit) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error::IoError(ErrnoText(errno));
    }
    if (n == 0) break;
    content.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return content;
}

}  // namespace

Result<bool> ParseBool(std::string_view text) {
  if (text == "yes" || text == "true" || text == "on" || text == "1") return true;
  if (text == "no" || text == "false" || text == "off" || text == "0") return false;
  return Error::InvalidArgument(std::string(text) + " is not a boolean (yes/no, true/false, on/off, 1/0)");
}

Result<std::vector<std::string>> ParseKeywordList(std::string_view text) {
  std::vector<std::string> keywords;
  while (true) {
    const std::size_t comma = text.find(',');
    const std::string_view item = text::TrimSpaces(text.substr(0, comma));
    const bool has_word = std::any_of(item.begin(), item.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
    });
    if (!has_word)
      return Error::InvalidArgument("'" + std::string(item) + "' is not a keyword (comma-separated words)");
    keywords.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return keywords;
}

Result<std::vector<int64_t>> ParseDelayList(std::string_view text) {
  constexpr int64_t kMaxDelayMs = 7LL * 24 * 3600 * 1000;
  std::vector<int64_t> delays;
  while (true) {
    const std::size_t comma = text.find(',');
    const std::string_view item = text::TrimSpaces(text.substr(0, comma));
    std::size_t digits = 0;
    while (digits < item.size() && item[digits] >= '0' && item[digits] <= '9') ++digits;
    const std::string_view number = item.substr(0, digits);
    const std::string_view unit = item.substr(digits);
    int64_t scale = 0;
    if (unit == "ms") scale = 1;
    if (unit == "s") scale = 1000;
    if (unit == "m") scale = 60'000;
    if (unit == "h") scale = 3'600'000;
    int64_t value = 0;
    const bool read = digits > 0 && digits <= 9 &&
                      std::from_chars(number.data(), number.data() + number.size(), value).ec == std::errc();
    if (!read || scale == 0) {
      return Error::InvalidArgument("'" + std::string(item) + "' is not a delay (a whole number and ms, s, m or h)");
    }
    if (value * scale < 1 || value * scale > kMaxDelayMs) {
      return Error::InvalidArgument("'" + std::string(item) + "' is outside 1ms to 7 days");
    }
    delays.push_back(value * scale);
    if (delays.size() > 20) return Error::InvalidArgument("more than 20 delays");
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return delays;
}

namespace {

// "HH:MM" -> minutes after midnight.
std::optional<int> ParseClockTime(std::string_view text) {
  if (text.size() != 5 || text[2] != ':' || !AllDigits(text.substr(0, 2)) || !AllDigits(text.substr(3))) {
    return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

}  // namespace

Result<std::optional<QuietHours>> ParseQuietHours(std::string_view text) {
  text = text::TrimSpaces(text);
  if (text == "none") return std::optional<QuietHours>();
  const std::size_t dash = text.find('-');
  const auto start = ParseClockTime(text::TrimSpaces(text.substr(0, dash)));
  const auto end =
      dash == std::string_view::npos ? std::nullopt : ParseClockTime(text::TrimSpaces(text.substr(dash + 1)));
  if (!start || !end) {
    return Error::InvalidArgument("'" + std::string(text) +
                                  "' is not a window of local time (expected HH:MM-HH:MM, e.g. 21:00-09:00, or none)");
  }
  if (*start == *end) {
    return Error::InvalidArgument("'" + std::string(text) + "' starts and ends at the same time (use none for no quiet hours)");
  }
  return std::optional<QuietHours>(QuietHours{*start, *end});
}

Result<int> ParseInt(std::string_view text, int min, int max) {
  const std::string range = std::to_string(min) + "-" + std::to_string(max);
  const bool negative = text.size() > 1 && text.front() == '-' && AllDigits(text.substr(1));
  if (!AllDigits(text) && !negative) {
    return Error::InvalidArgument(std::string(text) + " is not a whole number (expected " + range + ")");
  }
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Error::InvalidArgument(std::string(text) + " is out of range (expected " + range + ")");
  }
  return static_cast<int>(value);
}

Result<int> ParseBaud(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool parsed = AllDigits(text) && ec == std::errc() && end == text.data() + text.size();
  if (parsed && std::find(kBaudRates.begin(), kBaudRates.end(), value) != kBaudRates.end()) return value;
  std::string rates;
  for (const int rate : kBaudRates) rates += (rates.empty() ? "" : ", ") + std::to_string(rate);
  return Error::InvalidArgument(std::string(text) + " is not a standard baud rate (" + rates + ")");
}

Result<std::string> ParsePin(std::string_view text) {
  if (!AllDigits(text) || text.size() < 4 || text.size() > 8) return Error::InvalidArgument("a PIN is 4-8 digits");
  return std::string(text);
}

Result<std::string> ParseCountryCode(std::string_view text) {
  if (!AllDigits(text) || text.size() > 3 || text.front() == '0') {
    return Error::InvalidArgument(std::string(text) +
                                  " is not a country calling code (1-3 digits without '+', e.g. 90)");
  }
  return std::string(text);
}

Result<ListenAddress> ParseListen(std::string_view text) {
  const std::string shape = std::string(text) + " is not IP:PORT (e.g. 127.0.0.1:8080 or [::1]:8080)";
  ListenAddress address;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return Error::InvalidArgument(shape);
    address.host = std::string(text.substr(1, close - 1));
    address.ipv6 = true;
    port = text.substr(close + 2);
    in6_addr parsed{};
    if (::inet_pton(AF_INET6, address.host.c_str(), &parsed) != 1) {
      return Error::InvalidArgument(std::string(text) + ": " + address.host + " is not an IPv6 address");
    }
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return Error::InvalidArgument(shape);
    address.host = std::string(text.substr(0, colon));
    port = text.substr(colon + 1);
    if (address.host.find(':') != std::string::npos) {
      return Error::InvalidArgument(std::string(text) + ": an IPv6 address needs brackets, e.g. [::1]:8080");
    }
    in_addr parsed{};
    if (::inet_pton(AF_INET, address.host.c_str(), &parsed) != 1) {
      return Error::InvalidArgument(std::string(text) + ": " + address.host +
                                    " is not an IPv4 address (host names are not resolved)");
    }
  }
  const Result<int> number = ParseInt(port, 1, 65535);
  if (!number.ok()) return Error::InvalidArgument(std::string(text) + ": port " + number.error().message);
  address.port = static_cast<std::uint16_t>(*number);
  return address;
}

Result<std::string> ParseAbsolutePath(std::string_view text) {
  if (text.empty() || text.front() != '/')
    return Error::InvalidArgument(std::string(text) + " is not an absolute path");
  return std::string(text);
}

Result<std::string> ParseToken(std::string_view text) {
  const bool clean = std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte != 0x7f;
  });
  if (!clean) return Error::InvalidArgument("a token must not contain whitespace or control characters");
  return std::string(text);
}

Result<std::string> ParseApiToken(std::string_view text) {
  Result<std::string> token = ParseToken(text);
  if (!token.ok()) return token;
  if (token->size() < kMinApiTokenLength) {
    // The token itself is not repeated: error messages reach logs.
    return Error::InvalidArgument("shorter than " + std::to_string(kMinApiTokenLength) +
                                  " characters, too easy to guess; make one with: openssl rand -hex 16");
  }
  return token;
}

Status CheckTimezone(std::string_view name, const std::string& zoneinfo_dir) {
  const std::string not_zone = std::string(name) + " is not a time zone";
  // The name becomes a path: keep it inside zoneinfo_dir.
  const bool safe = !name.empty() && name.front() != '/' && name.find("..") == std::string_view::npos &&
                    std::all_of(name.begin(), name.end(), [](char c) {
                      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                             c == '_' || c == '-' || c == '+' || c == '.';
                    });
  if (!safe) return Error::InvalidArgument(not_zone + " name (e.g. Europe/Istanbul)");
  const std::string path = zoneinfo_dir + "/" + std::string(name);
  const Result<int> fd = OpenRegularFile(path);
  if (!fd.ok()) return Error::InvalidArgument(not_zone + " (" + path + ": " + fd.error().message + ")");
  const Fd closer(*fd);
  // RFC 8536 §3.1: every TZif file starts with the magic "TZif"; this tells a
  // zone from the tables (zone.tab, iso3166.tab) that share the directory.
  const Result<std::string> head = ReadUpTo(closer.get(), 3);
  if (!head.ok() || head->substr(0, 4) != "TZif")
    return Error::InvalidArgument(not_zone + " (" + path + " is not a TZif file)");
  return Status::Ok();
}

Result<std::string> ReadSmallFile(const std::string& path, std::size_t limit) {
  const Result<int> fd = OpenRegularFile(path);
  if (!fd.ok()) return fd.error();
  const Fd closer(*fd);
  Result<std::string> content = ReadUpTo(closer.get(), limit);
  if (content.ok() && content->size() > limit) {
    return Error::InvalidArgument("larger than " + std::to_string(limit) + " bytes");
  }
  return content;
}

Result<std::string> ReadTokenFile(const std::string& path) {
  const Result<std::string> content = ReadSmallFile(path, kMaxTokenFileBytes);
  if (!content.ok()) return Error::IoError("cannot read " + path + ": " + content.error().message);
  const std::string_view token = text::TrimWhitespace(*content);
  if (token.empty()) return Error::InvalidArgument(path + " is empty");
  const Result<std::string> checked = ParseApiToken(token);
  if (!checked.ok()) return Error::InvalidArgument(path + ": " + checked.error().message);
  return checked;
}

Status CheckReadableFile(const std::string& path) {
  const Result<int> fd = OpenRegularFile(path);
  if (!fd.ok()) return Error::IoError("cannot read " + path + ": " + fd.error().message);
  ::close(*fd);
  return Status::Ok();
}

bool IsValidModemId(std::string_view id) {
  return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string ResolvePath(std::string_view path, std::string_view base_dir) {
  if ((!path.empty() && path.front() == '/') || base_dir.empty()) return std::string(path);
  std::string resolved(base_dir);
  if (resolved.back() != '/') resolved += '/';
  return resolved + std::string(path);
}

constexpr text::EnumName<Durability> kDurabilityNames[] = {
    {Durability::kAccepted, "accepted"}, {Durability::kEveryChange, "every_change"}, {Durability::kProcess, "process"}};

std::string_view DurabilityName(Durability durability) { return text::NameOf(kDurabilityNames, durability, "?"); }

Result<Durability> ParseDurability(std::string_view text) {
  if (const std::optional<Durability> d = text::EnumFromName(kDurabilityNames, text)) return *d;
  return Error::InvalidArgument(std::string(text) + " is not a durability (" + text::JoinNames(kDurabilityNames, ", ") +
                                ")");
}

constexpr text::EnumName<LogLevel> kLogLevelNames[] = {{LogLevel::kTrace, "trace"}, {LogLevel::kDebug, "debug"},
                                                       {LogLevel::kInfo, "info"},   {LogLevel::kWarn, "warn"},
                                                       {LogLevel::kError, "error"}, {LogLevel::kCritical, "critical"},
                                                       {LogLevel::kOff, "off"}};

std::string_view LogLevelName(LogLevel level) { return text::NameOf(kLogLevelNames, level, "info"); }

Result<LogLevel> ParseLogLevel(std::string_view text) {
  if (const std::optional<LogLevel> level = text::EnumFromName(kLogLevelNames, text)) return *level;
  return Error::InvalidArgument(std::string(text) + " is not a log level (" + text::JoinNames(kLogLevelNames, ", ") +
                                ")");
}

}  // namespace tellal::config

// Parsers for single configuration values. Each returns the typed value or
// an Error whose message is the reason alone ("12345 is not a standard baud
// rate (...)"); the caller prefixes file, line, section and key.
//
// Secrets (PIN, token) are never repeated in an error message, because the
// message may end up in the journal.
#ifndef TELLAL_DAEMON_CONFIG_CONFIG_VALUES_H_
#define TELLAL_DAEMON_CONFIG_CONFIG_VALUES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/config/config.h"
#include "modem/result.h"

namespace tellal::config {

// yes/no, true/false, on/off, 1/0.
Result<bool> ParseBool(std::string_view text);
// A comma-separated list of keywords, each trimmed and non-empty, with at
// least one letter or digit (a keyword of punctuation would match nothing).
Result<std::vector<std::string>> ParseKeywordList(std::string_view text);

// A decimal whole number in [min, max]; no sign, no spaces.
Result<int> ParseInt(std::string_view text, int min, int max);
// "5s, 5m, 2h, 250ms": 1-20 comma-separated delays, each 1 ms to 7 days, in
// milliseconds.
Result<std::vector<int64_t>> ParseDelayList(std::string_view text);
// "21:00-09:00" (HH:MM-HH:MM, 24-hour), or "none".
Result<std::optional<QuietHours>> ParseQuietHours(std::string_view text);

// One of the rates termios offers and modems use, 1200 to 921600.
Result<int> ParseBaud(std::string_view text);

Result<LogLevel> ParseLogLevel(std::string_view text);
Result<Durability> ParseDurability(std::string_view text);

// 4-8 digits.
Result<std::string> ParsePin(std::string_view text);

// A country calling code: 1-3 digits, not starting with 0 (ITU-T E.164 codes
// never do), no '+'.
Result<std::string> ParseCountryCode(std::string_view text);

// IPv4:port or [IPv6]:port, address literals only.
Result<ListenAddress> ParseListen(std::string_view text);

Result<std::string> ParseAbsolutePath(std::string_view text);

// A credential: printable, no whitespace.
Result<std::string> ParseToken(std::string_view text);

// The API's bearer token: a ParseToken of at least kMinApiTokenLength
// characters, since it is all that guards sending SMS at the owner's cost.
inline constexpr std::size_t kMinApiTokenLength = 16;
Result<std::string> ParseApiToken(std::string_view text);

// Checks that `name` is a TZif file (RFC 8536) under `zoneinfo_dir`.
Status CheckTimezone(std::string_view name, const std::string& zoneinfo_dir);

// Reads a token file: a regular file of at most 4096 bytes whose content,
// trimmed of surrounding whitespace, is a valid API token.
Result<std::string> ReadTokenFile(const std::string& path);

// Reads a regular file of at most `limit` bytes. The error is the reason
// alone: "No such file or directory", "not a regular file", "larger than
// 4096 bytes".
Result<std::string> ReadSmallFile(const std::string& path, std::size_t limit);

// Checks that `path` is a regular file this process can read.
Status CheckReadableFile(const std::string& path);

// 1-32 of A-Z a-z 0-9 _ -: the id appears in URLs, log lines and the
// database, so it is kept to characters that need no escaping anywhere.
bool IsValidModemId(std::string_view id);

// `path` if absolute, else `path` relative to `base_dir` (which may be empty,
// meaning the working directory).
std::string ResolvePath(std::string_view path, std::string_view base_dir);

}  // namespace tellal::config

#endif  // TELLAL_DAEMON_CONFIG_CONFIG_VALUES_H_

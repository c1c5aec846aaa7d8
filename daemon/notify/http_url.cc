#include "daemon/notify/http_url.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace tellal::notify {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> PercentDecode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size() || HexValue(text[i + 1]) < 0 || HexValue(text[i + 2]) < 0) {
      return Error::InvalidArgument("bad percent escape at position " + std::to_string(i));
    }
    out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
    i += 2;
  }
  return out;
}

bool NeedsEscapeInTarget(unsigned char c) {
  return c <= 0x20 || c >= 0x7F || std::string_view("\"<>\\^`{|}").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string EscapeTarget(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (NeedsEscapeInTarget(c)) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out;
}

bool IsHostChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7F && std::string_view("\"<>\\^`{|}/?#@[]").find(c) == std::string_view::npos;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string HttpUrl::HostHeader() const {
  std::string out = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != 80) out += ":" + std::to_string(port);
  return out;
}

std::string HttpUrl::ForLog() const { return "http://" + HostHeader() + path; }

Result<HttpUrl> ParseHttpUrl(std::string_view url) {
  const std::size_t colon = url.find("://");
  if (colon == std::string_view::npos) return Error::InvalidArgument("not an absolute http:// URL");
  const std::string_view scheme = url.substr(0, colon);
  if (EqualsIgnoreCase(scheme, "https")) return Error::NotSupported("https is not supported, only http");
  if (!EqualsIgnoreCase(scheme, "http"))
    return Error::NotSupported("scheme '" + std::string(scheme) + "' is not supported, only http");

  std::string_view rest = url.substr(colon + 3);
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  const std::size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  const std::string_view path_and_query = authority_end == std::string_view::npos ? "" : rest.substr(authority_end);

  HttpUrl out;
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    auto userinfo = PercentDecode(authority.substr(0, at));
    if (!userinfo.ok()) return Wrap("user info", userinfo.error());
    out.userinfo = std::move(*userinfo);
    authority.remove_prefix(at + 1);
  }

  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return Error::InvalidArgument("host: '[' without ']'");
    out.host = std::string(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return Error::InvalidArgument("host: unexpected text after ']'");
    if (!after.empty()) port_text = after.substr(1);
    for (char c : out.host) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') {
        return Error::InvalidArgument("host: '" + out.host + "' is not an IPv6 address");
      }
    }
  } else {
    const std::size_t port_colon = authority.find(':');
    out.host = std::string(authority.substr(0, port_colon));
    if (port_colon != std::string_view::npos) port_text = authority.substr(port_colon + 1);
    for (char c : out.host) {
      if (!IsHostChar(c) || c == ':') return Error::InvalidArgument("host: character '" + std::string(1, c) + "' is not allowed");
    }
  }
  if (out.host.empty()) return Error::InvalidArgument("URL has no host");

  if (!port_text.empty()) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || value == 0 || value > 65535) {
      return Error::InvalidArgument("port '" + std::string(port_text) + "' is not a number from 1 to 65535");
    }
    out.port = static_cast<std::uint16_t>(value);
  }

  out.target = EscapeTarget(path_and_query);
  if (out.target.empty() || out.target.front() == '?') out.target.insert(0, "/");
  out.path = out.target.substr(0, out.target.find('?'));
  return out;
}

std::string UrlForLog(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  std::string out;
  std::size_t authority = url.find("://");
  authority = authority == std::string_view::npos ? 0 : authority + 3;
  const std::size_t path = url.find('/', authority);
  const std::size_t at = url.substr(0, path).rfind('@');
  if (at != std::string_view::npos && at >= authority) {
    out = std::string(url.substr(0, authority));
    out += url.substr(at + 1);
  } else {
    out = std::string(url);
  }
  return out;
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  const std::size_t left = bytes.size() - i;
  if (left > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (left == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += left == 2 ? kAlphabet[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

std::string FormatGetRequest(const HttpUrl& url, std::string_view user_agent) {
  std::string out = "GET " + url.target + " HTTP/1.1\r\nHost: " + url.HostHeader() + "\r\n";
  out += "User-Agent: ";
  out += user_agent;
  out += "\r\n";
  if (!url.userinfo.empty()) out += "Authorization: Basic " + Base64(url.userinfo) + "\r\n";
  // One request per connection: the notifier never reuses one, and the
  // server then ends the body by closing when it sends no length.
  out += "Connection: close\r\n\r\n";
  return out;
}

Result<std::optional<ResponseHead>> ParseResponseHead(std::string_view bytes) {
  // Bare LF line ends are tolerated, as most clients do (RFC 9112 §2.2).
  const std::size_t first_lf = bytes.find('\n');
  if (first_lf == std::string_view::npos) {
    // Reject garbage early instead of waiting for a line end that a
    // non-HTTP peer may never send.
    constexpr std::string_view kPrefix = "HTTP/1.";
    const std::size_t n = std::min(bytes.size(), kPrefix.size());
    if (bytes.substr(0, n) != kPrefix.substr(0, n)) return Error::InvalidArgument("response does not start with HTTP/1.");
    return std::optional<ResponseHead>{};
  }
  std::string_view status_line = bytes.substr(0, first_lf);
  if (!status_line.empty() && status_line.back() == '\r') status_line.remove_suffix(1);
  // "HTTP/1.x SSS[ reason]"
  if (status_line.size() < 12 || status_line.substr(0, 7) != "HTTP/1." ||
      !std::isdigit(static_cast<unsigned char>(status_line[7])) || status_line[8] != ' ' ||
      (status_line.size() > 12 && status_line[12] != ' ')) {
    return Error::InvalidArgument("malformed status line '" + std::string(status_line.substr(0, 80)) + "'");
  }
  int status = 0;
  for (char c : status_line.substr(9, 3)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return Error::InvalidArgument("malformed status line '" + std::string(status_line.substr(0, 80)) + "'");
    }
    status = status * 10 + (c - '0');
  }

  ResponseHead head;
  head.status = status;
  bool chunked_or_coded = false;
  std::optional<std::size_t> length;
  std::size_t pos = first_lf + 1;
  for (;;) {
    const std::size_t lf = bytes.find('\n', pos);
    if (lf == std::string_view::npos) return std::optional<ResponseHead>{};
    std::string_view line = bytes.substr(pos, lf - pos);
    pos = lf + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      return Error::InvalidArgument("malformed header line '" + std::string(line.substr(0, 80)) + "'");
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = TrimSpaces(line.substr(colon + 1));
    if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
      chunked_or_coded = true;
    } else if (EqualsIgnoreCase(name, "Content-Length")) {
      std::size_t n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
        return Error::InvalidArgument("bad Content-Length '" + std::string(value) + "'");
      }
      if (length && *length != n) return Error::InvalidArgument("conflicting Content-Length headers");
      length = n;
    }
  }
  head.head_size = pos;
  if (status == 204 || status == 304) {
    head.content_length = 0;  // never a body, whatever the headers say (RFC 9112 §6.3)
  } else if (!chunked_or_coded) {
    head.content_length = length;
  }
  return std::optional<ResponseHead>{head};
}

}  // namespace tellal::notify

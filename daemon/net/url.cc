#include "daemon/net/url.h"

#include <algorithm>
#include <charconv>
#include <memory>
#include <stdexcept>

#include "daemon/net/curl_library.h"
#include "modem/text/ascii.h"

namespace tellal::net {
namespace {

// For the helpers that return a plain string: libcurl missing is an
// installation fault (the package depends on it), reported as an exception.
const CurlLibrary& CurlOrThrow() {
  auto curl = LoadCurl();
  if (!curl) throw std::runtime_error(curl.error().message);
  return **curl;
}

struct UrlHandleDeleter {
  const CurlLibrary* curl;
  void operator()(CURLU* h) const { curl->url_cleanup(h); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlHandleDeleter>;

// One part of a parsed URL; empty when the URL has none.
std::string Part(const CurlLibrary& curl, CURLU* h, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (curl.url_get(h, part, &value, flags) != CURLUE_OK || value == nullptr) return {};
  std::string out(value);
  curl.free(value);
  return out;
}

// curl's own wording, in the lower case a message continues in.
std::string Reason(const CurlLibrary& curl, CURLUcode code) {
  std::string reason = curl.url_strerror(code);
  if (!reason.empty()) reason[0] = text::ToLowerAscii(reason[0]);
  return reason;
}

}  // namespace

std::string Url::ForLog() const {
  std::string out = scheme + "://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host);
  if (explicit_port) out += ":" + std::to_string(port);
  return out + path;
}

Result<Url> ParseUrl(std::string_view text) {
  if (text.find("://") == std::string_view::npos)
    return Error::InvalidArgument("not an absolute URL (scheme://host/...)");
  auto loaded = LoadCurl();
  if (!loaded) return loaded.error();
  const CurlLibrary& curl = **loaded;
  UrlHandle h(curl.url(), UrlHandleDeleter{&curl});
  if (!h) return Error::Internal("curl_url: out of memory");
  const std::string input(text);
  // Spaces and non-ASCII are what people paste; the request line needs them
  // encoded, which CURLU_URLENCODE does as the URL is read.
  const unsigned flags = CURLU_NON_SUPPORT_SCHEME | CURLU_ALLOW_SPACE | CURLU_URLENCODE;
  if (const CURLUcode rc = curl.url_set(h.get(), CURLUPART_URL, input.c_str(), flags); rc != CURLUE_OK) {
    return Error::InvalidArgument(Reason(curl, rc));
  }
  Url url;
  url.scheme = text::ToLowerAscii(Part(curl, h.get(), CURLUPART_SCHEME));
  url.host = Part(curl, h.get(), CURLUPART_HOST);
  if (url.host.size() >= 2 && url.host.front() == '[' && url.host.back() == ']') {
    url.host = url.host.substr(1, url.host.size() - 2);
  }
  if (url.host.empty()) return Error::InvalidArgument("no host");
  const std::string explicit_port = Part(curl, h.get(), CURLUPART_PORT);
  const std::string port = explicit_port.empty() ? Part(curl, h.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT) : explicit_port;
  unsigned value = 0;
  std::from_chars(port.data(), port.data() + port.size(), value);
  if (!explicit_port.empty() && (value < 1 || value > 65535)) {
    return Error::InvalidArgument("port " + explicit_port + " is outside 1..65535");
  }
  url.port = static_cast<std::uint16_t>(value);
  url.explicit_port = !explicit_port.empty();
  url.path = Part(curl, h.get(), CURLUPART_PATH);
  if (url.path.empty()) url.path = "/";
  url.query = Part(curl, h.get(), CURLUPART_QUERY);
  url.user = Part(curl, h.get(), CURLUPART_USER, CURLU_URLDECODE);
  url.has_credentials = !Part(curl, h.get(), CURLUPART_USER).empty() || !Part(curl, h.get(), CURLUPART_PASSWORD).empty();
  curl.url_set(h.get(), CURLUPART_FRAGMENT, nullptr, 0);
  url.normalized = Part(curl, h.get(), CURLUPART_URL);
  return url;
}

std::string PercentEncode(std::string_view value) {
  // Since curl 7.82 curl_easy_escape needs no handle.
  const CurlLibrary& curl = CurlOrThrow();
  char* escaped = curl.easy_escape(nullptr, value.data(), static_cast<int>(value.size()));
  if (escaped == nullptr) throw std::bad_alloc();
  std::string out(escaped);
  curl.free(escaped);
  return out;
}

std::string PercentDecode(std::string_view value, bool plus_is_space) {
  std::string input(value);
  if (plus_is_space) std::replace(input.begin(), input.end(), '+', ' ');
  const CurlLibrary& curl = CurlOrThrow();
  int length = 0;
  char* decoded = curl.easy_unescape(nullptr, input.data(), static_cast<int>(input.size()), &length);
  if (decoded == nullptr) throw std::bad_alloc();
  std::string out(decoded, static_cast<std::size_t>(length));
  curl.free(decoded);
  return out;
}

std::string UrlForLog(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  std::size_t authority = url.find("://");
  authority = authority == std::string_view::npos ? 0 : authority + 3;
  const std::size_t at = url.substr(0, url.find('/', authority)).rfind('@');
  if (at == std::string_view::npos || at < authority) return std::string(url);
  return std::string(url.substr(0, authority)) + std::string(url.substr(at + 1));
}

}  // namespace tellal::net

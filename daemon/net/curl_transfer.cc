#include "daemon/net/curl_transfer.h"

#include <algorithm>
#include <cstring>
#include <new>

#include "daemon/net/local_address.h"
#include "modem/text/ascii.h"

namespace tellal::net {
namespace {

#ifdef TELLAL_VERSION
constexpr const char* kDefaultUserAgent = "tellal/" TELLAL_VERSION;
#else
constexpr const char* kDefaultUserAgent = "tellal";
#endif

// RFC 9110 §5.6.2 token characters, for header names and methods.
bool IsToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || text::IsDigit(c) ||
           (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
  });
}

std::string DescribeDuration(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + " s";
  return std::to_string(d.count()) + " ms";
}

// " to <where>" / " from <where>", or nothing when `where` is empty.
std::string Naming(const char* preposition, std::string_view where) {
  return where.empty() ? std::string() : std::string(" ") + preposition + " " + std::string(where);
}

}  // namespace

CurlTransfer::CurlTransfer(const CurlLibrary& curl) : curl_(curl) {
  easy_ = curl_.easy_init();
  if (easy_ == nullptr) throw std::bad_alloc();
}

CurlTransfer::~CurlTransfer() {
  curl_.easy_cleanup(easy_);
  curl_.slist_free_all(header_list_);
}

Status CurlTransfer::Prepare(HttpRequest request, const HttpTransferOptions& options) {
  if (!IsToken(request.method)) return Error::InvalidArgument("HTTP method '" + request.method + "' is not a token");
  for (const auto& [name, value] : request.headers) {
    if (!IsToken(name)) return Error::InvalidArgument("header name '" + name + "' is not a token");
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      return Error::InvalidArgument("header " + name + ": value contains CR, LF or NUL");
    }
    if (text::EqualsIgnoreCase(name, "Content-Length") || text::EqualsIgnoreCase(name, "Transfer-Encoding")) {
      return Error::InvalidArgument("header " + name + " is set by the client itself");
    }
  }

  request_ = std::move(request);
  options_ = options;
  user_agent_ = options.user_agent.empty() ? kDefaultUserAgent : options.user_agent;
  reply_ = HttpReply{};
  error_[0] = '\0';
  curl_.slist_free_all(header_list_);
  header_list_ = nullptr;

  curl_.easy_reset(easy_);
  curl_.easy_setopt(easy_, CURLOPT_URL, request_.url.c_str());
  curl_.easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "http,https");
  // No SIGALRM for timeouts: the daemon owns its signals.
  curl_.easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
  curl_.easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_.easy_setopt(easy_, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_.easy_setopt(easy_, CURLOPT_USERAGENT, user_agent_.c_str());
  curl_.easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_);
  curl_.easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &CurlTransfer::OnBody);
  curl_.easy_setopt(easy_, CURLOPT_WRITEDATA, this);
  curl_.easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &CurlTransfer::OnHeader);
  curl_.easy_setopt(easy_, CURLOPT_HEADERDATA, this);
  curl_.easy_setopt(easy_, CURLOPT_PRIVATE, this);
  if (!options.keep_alive) curl_.easy_setopt(easy_, CURLOPT_FORBID_REUSE, 1L);
  refused_ip_.clear();
  if (!options.allow_local_targets) {
    curl_.easy_setopt(easy_, CURLOPT_PREREQFUNCTION, &CurlTransfer::OnConnected);
    curl_.easy_setopt(easy_, CURLOPT_PREREQDATA, this);
  }
  if (!options.ca_file.empty()) curl_.easy_setopt(easy_, CURLOPT_CAINFO, options_.ca_file.c_str());

  const std::string& method = request_.method;
  const bool has_body = !request_.body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
  if (method == "HEAD") {
    curl_.easy_setopt(easy_, CURLOPT_NOBODY, 1L);
  } else if (has_body) {
    curl_.easy_setopt(easy_, CURLOPT_POSTFIELDS, request_.body.data());
    curl_.easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request_.body.size()));
    if (method != "POST") curl_.easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, method.c_str());
  } else if (method != "GET") {
    curl_.easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, method.c_str());
  }

  // "Expect:" with no value stops curl from asking for 100 Continue before
  // a large body: a round trip the API never needs.
  std::vector<std::string> lines = {"Expect:"};
  if (!options.keep_alive) lines.emplace_back("Connection: close");
  for (const auto& [name, value] : request_.headers) {
    // "Name;" is curl's way to send a header whose value is empty.
    lines.push_back(value.empty() ? name + ";" : name + ": " + value);
  }
  for (const std::string& line : lines) {
    curl_slist* extended = curl_.slist_append(header_list_, line.c_str());
    if (extended == nullptr) return Error::Internal("curl_slist_append: out of memory");
    header_list_ = extended;
  }
  curl_.easy_setopt(easy_, CURLOPT_HTTPHEADER, header_list_);
  return Status::Ok();
}

std::size_t CurlTransfer::OnBody(char* data, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<CurlTransfer*>(self);
  const std::size_t n = size * count;
  std::string& body = t->reply_.body;
  const std::size_t room = t->options_.max_body_bytes - std::min(body.size(), t->options_.max_body_bytes);
  if (n > room) {
    body.append(data, room);
    t->reply_.body_truncated = true;
    return 0;  // ends the transfer with CURLE_WRITE_ERROR
  }
  body.append(data, n);
  return n;
}

std::size_t CurlTransfer::OnHeader(char* data, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<CurlTransfer*>(self);
  const std::size_t n = size * count;
  std::string_view line(data, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.substr(0, 5) == "HTTP/") {
    // A new response begins: an interim 1xx one's fields are not the reply's.
    t->reply_.headers.clear();
  } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
    t->reply_.headers.emplace_back(std::string(line.substr(0, colon)),
                                   std::string(text::TrimSpaces(line.substr(colon + 1))));
  }
  return n;
}

int CurlTransfer::OnConnected(void* self, char* peer_ip, char* /*local_ip*/, int /*peer_port*/, int /*local_port*/) {
  auto* t = static_cast<CurlTransfer*>(self);
  if (peer_ip == nullptr || !IsLocalAddress(peer_ip)) return CURL_PREREQFUNC_OK;
  t->refused_ip_ = peer_ip;
  return CURL_PREREQFUNC_ABORT;
}

Result<HttpReply> CurlTransfer::Finish(CURLcode code, std::string_view where) {
  if (code == CURLE_ABORTED_BY_CALLBACK && !refused_ip_.empty()) {
    return Error::InvalidArgument((where.empty() ? std::string() : std::string(where) + ": ") +
                                  "refused: " + refused_ip_ + " is a loopback or link-local address");
  }
  const bool cut_at_limit = code == CURLE_WRITE_ERROR && reply_.body_truncated;
  if (code != CURLE_OK && !cut_at_limit) return Describe(code, where);
  long status = 0;
  curl_.easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  reply_.status = static_cast<int>(status);
  return std::move(reply_);
}

Error CurlTransfer::Describe(CURLcode code, std::string_view where) const {
  const std::string detail = error_[0] != '\0' ? error_ : curl_.easy_strerror(code);
  const std::string prefix = where.empty() ? std::string() : std::string(where) + ": ";
  switch (code) {
    case CURLE_COULDNT_CONNECT: {
      long os_errno = 0;
      curl_.easy_getinfo(easy_, CURLINFO_OS_ERRNO, &os_errno);
      return Error::Unavailable("cannot connect" + Naming("to", where) + ": " +
                                (os_errno != 0 ? std::strerror(static_cast<int>(os_errno)) : detail));
    }
    case CURLE_COULDNT_RESOLVE_HOST:
      return Error::Unavailable("cannot connect" + Naming("to", where) + ": " + detail);
    case CURLE_OPERATION_TIMEDOUT: {
      curl_off_t connected_after = 0;
      curl_.easy_getinfo(easy_, CURLINFO_CONNECT_TIME_T, &connected_after);
      long head_bytes = 0;
      curl_.easy_getinfo(easy_, CURLINFO_HEADER_SIZE, &head_bytes);
      if (connected_after == 0) {
        return Error::Timeout("cannot connect" + Naming("to", where) + ": no answer within " +
                              DescribeDuration(std::min(options_.connect_timeout, options_.timeout)));
      }
      if (head_bytes == 0) {
        return Error::Timeout("no response" + Naming("from", where) + " within " + DescribeDuration(options_.timeout));
      }
      return Error::Timeout("response" + Naming("from", where) + " incomplete after " +
                            DescribeDuration(options_.timeout));
    }
    case CURLE_GOT_NOTHING:
      return Error::IoError(prefix + "connection closed before a response");
    case CURLE_URL_MALFORMAT:
      return Error::InvalidArgument(prefix + detail);
    case CURLE_UNSUPPORTED_PROTOCOL:
      return Error::NotSupported(prefix + detail);
    case CURLE_OUT_OF_MEMORY:
      return Error::Internal(prefix + detail);
    default:
      return Error::IoError(prefix + detail);
  }
}

}  // namespace tellal::net

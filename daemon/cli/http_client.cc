#include "daemon/cli/http_client.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace tellal::cli {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 9110 §5.6.2 token characters, for header names and methods.
bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool IsToken(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsTokenChar); }

// Splits a comma-separated field value (Connection, Transfer-Encoding,
// Content-Length may each be a list) into trimmed, non-empty elements.
std::vector<std::string_view> ListElements(std::string_view value) {
  std::vector<std::string_view> out;
  while (true) {
    const size_t comma = value.find(',');
    std::string_view element = TrimOws(value.substr(0, comma));
    if (!element.empty()) out.push_back(element);
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return out;
}

std::string DescribeDuration(milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + " s";
  return std::to_string(d.count()) + " ms";
}

std::string Errno(int error) { return std::strerror(error); }

// Waits for `events` on `fd` until `deadline`; a signal does not cut the
// wait short. Returns the revents, 0 on timeout, or -errno.
int PollUntil(int fd, short events, Clock::time_point deadline) {
  while (true) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    pollfd p{fd, events, 0};
    const int timeout =
        static_cast<int>(std::max<milliseconds::rep>(0, std::min<milliseconds::rep>(left.count(), 1 << 30)));
    const int n = ::poll(&p, 1, timeout);
    if (n > 0) return p.revents;
    if (n == 0) return 0;
    if (errno != EINTR) return -errno;
  }
}

bool IsIdempotent(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS";
}

}  // namespace

// ---------------------------------------------------------------- HttpUrl

std::string HttpUrl::ToString() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + base_path;
}

Result<HttpUrl> ParseHttpUrl(std::string_view url) {
  const std::string quoted = "'" + std::string(url) + "'";
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return Error::InvalidArgument("URL " + quoted + " has no scheme: write it as http://HOST:PORT");
  }
  std::string scheme(url.substr(0, scheme_end));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), AsciiLower);
  if (scheme == "https") {
    return Error::NotSupported("URL " + quoted +
                 ": https is not supported by tellal's built-in client; point it at the daemon's plain-HTTP "
                 "listener on loopback (e.g. http://127.0.0.1:8080), or use curl for a TLS endpoint");
  }
  if (scheme != "http") return Error::NotSupported("URL " + quoted + ": scheme '" + scheme + "' is not supported, only http");
  std::string_view rest = url.substr(scheme_end + 3);
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return Error::InvalidArgument("URL " + quoted + ": a query or fragment is not allowed in the base URL");
  }
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  if (authority.find('@') != std::string_view::npos) {
    return Error::NotSupported("URL " + quoted + ": user information is not supported; give the token with --token");
  }

  HttpUrl out;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return Error::InvalidArgument("URL " + quoted + ": '[' without ']' around the IPv6 address");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Error::InvalidArgument("URL " + quoted + ": unexpected text after the IPv6 address");
      port_text = after.substr(1);
      if (port_text.empty()) return Error::InvalidArgument("URL " + quoted + ": empty port");
    }
  } else {
    const size_t colon = authority.find(':');
    if (colon != std::string_view::npos && authority.find(':', colon + 1) != std::string_view::npos) {
      return Error::InvalidArgument("URL " + quoted + ": an IPv6 address must be written in brackets, e.g. http://[::1]:8080");
    }
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return Error::InvalidArgument("URL " + quoted + ": empty port");
    }
  }
  if (out.host.empty()) return Error::InvalidArgument("URL " + quoted + ": no host");
  for (char c : out.host) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '/' || c == '[' || c == ']') {
      return Error::InvalidArgument("URL " + quoted + ": host contains a character that is not allowed");
    }
  }
  if (!port_text.empty()) {
    if (port_text.size() > 5 ||
        !std::all_of(port_text.begin(), port_text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return Error::InvalidArgument("URL " + quoted + ": port '" + std::string(port_text) + "' is not a number");
    }
    const int port = std::stoi(std::string(port_text));
    if (port < 1 || port > 65535)
      return Error::InvalidArgument("URL " + quoted + ": port " + std::to_string(port) + " is outside 1..65535");
    out.port = static_cast<std::uint16_t>(port);
  }
  for (char c : path) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
      return Error::InvalidArgument("URL " + quoted + ": path contains a space or control character");
    }
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.base_path = std::string(path);
  return out;
}

std::optional<std::string> FindHeader(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

// ----------------------------------------------------- HttpResponseParser

HttpResponseParser::HttpResponseParser(bool head_request, std::size_t max_body_bytes)
    : head_request_(head_request), max_body_bytes_(max_body_bytes) {}

Result<std::size_t> HttpResponseParser::Feed(std::string_view bytes) {
  if (failed_ || state_ == State::kDone || bytes.empty()) return std::size_t{0};
  received_any_ = true;
  pending_.append(bytes);
  while (state_ != State::kDone) {
    auto progressed = Step();
    if (!progressed) {
      failed_ = true;
      pending_.clear();
      return progressed.error();
    }
    if (!*progressed) break;
  }
  if (state_ != State::kDone) return bytes.size();  // pending_ keeps a partial line for the next call
  // Every byte before this call was consumed by earlier steps that could not
  // finish the response, so what is left over lies within `bytes`.
  const std::size_t leftover = std::min(pending_.size(), bytes.size());
  pending_.clear();
  return bytes.size() - leftover;
}

// A line is taken out of pending_; `pending_` keeps only what follows it.
// Lines longer than the header budget are refused before they end, so a
// server that never sends a newline cannot grow the buffer without bound.
Result<bool> HttpResponseParser::TakeLine(std::string* line) {
  const size_t newline = pending_.find('\n');
  const bool in_head = state_ == State::kStatusLine || state_ == State::kHeaders || state_ == State::kTrailers;
  const size_t budget = in_head ? kMaxHeaderBytes - std::min(head_bytes_, kMaxHeaderBytes) : 1024;
  const size_t length = newline == std::string::npos ? pending_.size() : newline + 1;
  if (length > budget) {
    return Error::IoError(in_head ? "response headers exceed " + std::to_string(kMaxHeaderBytes) + " bytes"
                         : std::string("chunk-size line is too long"));
  }
  if (newline == std::string::npos) return false;
  if (in_head) head_bytes_ += length;
  line->assign(pending_, 0, newline);
  if (!line->empty() && line->back() == '\r') line->pop_back();
  pending_.erase(0, newline + 1);
  return true;
}

Result<bool> HttpResponseParser::Step() {
  std::string line;
  switch (state_) {
    case State::kStatusLine: {
      auto got = TakeLine(&line);
      if (!got || !*got) return got;
      if (line.empty()) return true;  // RFC 9112 §2.2: tolerate empty lines before the status line
      Status s = OnStatusLine(line);
      if (!s) return s.error();
      state_ = State::kHeaders;
      return true;
    }
    case State::kHeaders:
    case State::kTrailers: {
      const bool trailer = state_ == State::kTrailers;
      auto got = TakeLine(&line);
      if (!got || !*got) return got;
      if (line.empty()) {
        if (trailer) {
          state_ = State::kDone;
          return true;
        }
        Status s = OnHeadersDone();
        if (!s) return s.error();
        return true;
      }
      Status s = OnHeaderLine(line, trailer);
      if (!s) return s.error();
      return true;
    }
    case State::kBody:
    case State::kChunkData: {
      if (pending_.empty()) return false;
      const size_t take = std::min(remaining_, pending_.size());
      Status s = AppendBody(std::string_view(pending_).substr(0, take));
      if (!s) return s.error();
      pending_.erase(0, take);
      remaining_ -= take;
      if (remaining_ == 0) state_ = state_ == State::kBody ? State::kDone : State::kChunkDataEnd;
      return true;
    }
    case State::kChunkSize: {
      auto got = TakeLine(&line);
      if (!got || !*got) return got;
      std::string_view size_text = TrimOws(std::string_view(line).substr(0, line.find(';')));
      if (size_text.empty() || size_text.size() > 15) {
        return Error::IoError("chunked body: bad chunk size '" + std::string(size_text) + "'");
      }
      std::size_t size = 0;
      for (char c : size_text) {
        int digit;
        if (c >= '0' && c <= '9')
          digit = c - '0';
        else if (c >= 'a' && c <= 'f')
          digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
          digit = c - 'A' + 10;
        else
          return Error::IoError("chunked body: bad chunk size '" + std::string(size_text) + "'");
        size = size * 16 + static_cast<std::size_t>(digit);
      }
      if (size == 0) {
        state_ = State::kTrailers;
      } else if (size > max_body_bytes_ - std::min(reply_.body.size(), max_body_bytes_)) {
        return Error::IoError("response body exceeds " + std::to_string(max_body_bytes_) + " bytes");
      } else {
        remaining_ = size;
        state_ = State::kChunkData;
      }
      return true;
    }
    case State::kChunkDataEnd: {
      auto got = TakeLine(&line);
      if (!got || !*got) return got;
      if (!line.empty()) return Error::IoError("chunked body: chunk data longer than its size");
      state_ = State::kChunkSize;
      return true;
    }
    case State::kUntilClose: {
      Status s = AppendBody(pending_);
      if (!s) return s.error();
      pending_.clear();
      return false;
    }
    case State::kDone:
      return false;
  }
  return false;
}

Status HttpResponseParser::OnStatusLine(const std::string& line) {
  // HTTP-version SP status-code SP [reason-phrase], RFC 9112 §4.
  const auto bad = [&line] { return Error::IoError("malformed status line '" + line.substr(0, 80) + "'"); };
  if (line.size() < 12 || line.compare(0, 7, "HTTP/1.") != 0 || line[8] != ' ') return bad();
  if (line[7] != '0' && line[7] != '1') return bad();
  for (int i = 9; i < 12; ++i) {
    if (line[i] < '0' || line[i] > '9') return bad();
  }
  if (line.size() > 12 && line[12] != ' ') return bad();
  http10_ = line[7] == '0';
  reply_.status = std::stoi(line.substr(9, 3));
  if (reply_.status < 100) return bad();
  reply_.reason = line.size() > 13 ? line.substr(13) : "";
  return Status::Ok();
}

Status HttpResponseParser::OnHeaderLine(const std::string& line, bool trailer) {
  if (line.front() == ' ' || line.front() == '\t') {
    return Error::IoError("obsolete folded header line '" + line.substr(0, 80) + "'");
  }
  const size_t colon = line.find(':');
  if (colon == std::string::npos || !IsToken(std::string_view(line).substr(0, colon))) {
    return Error::IoError(std::string(trailer ? "trailer" : "header") + " line '" + line.substr(0, 80) + "' is not NAME: VALUE");
  }
  reply_.headers.emplace_back(line.substr(0, colon), std::string(TrimOws(std::string_view(line).substr(colon + 1))));
  return Status::Ok();
}

Status HttpResponseParser::OnHeadersDone() {
  if (reply_.status < 200) {
    if (reply_.status == 101) return Error::IoError("unexpected 101 Switching Protocols");
    // An interim response; the real one follows.
    reply_ = HttpReply{};
    state_ = State::kStatusLine;
    return Status::Ok();
  }

  bool close = false;
  bool keep = false;
  std::vector<std::string_view> codings;
  std::optional<std::size_t> length;
  for (const auto& [name, value] : reply_.headers) {
    if (EqualsIgnoreCase(name, "Connection")) {
      for (std::string_view option : ListElements(value)) {
        if (EqualsIgnoreCase(option, "close")) close = true;
        if (EqualsIgnoreCase(option, "keep-alive")) keep = true;
      }
    } else if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
      for (std::string_view coding : ListElements(value)) codings.push_back(coding);
    } else if (EqualsIgnoreCase(name, "Content-Length")) {
      // Repeated identical values are allowed (RFC 9112 §6.3, item 5).
      for (std::string_view element : ListElements(value)) {
        if (element.size() > 18 ||
            !std::all_of(element.begin(), element.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          return Error::IoError("bad Content-Length '" + value + "'");
        }
        const std::size_t n = std::stoull(std::string(element));
        if (length && *length != n) return Error::IoError("conflicting Content-Length values");
        length = n;
      }
      if (!length) return Error::IoError("empty Content-Length");
    }
  }
  keep_alive_ = !close && (!http10_ || keep);

  if (head_request_ || reply_.status == 204 || reply_.status == 304) {
    state_ = State::kDone;
    return Status::Ok();
  }
  if (!codings.empty()) {
    // Only chunked is understood; the client never asks for compression.
    for (std::string_view coding : codings) {
      if (!EqualsIgnoreCase(coding, "chunked")) {
        return Error::NotSupported("unsupported transfer coding '" + std::string(coding) + "'");
      }
    }
    state_ = State::kChunkSize;
    return Status::Ok();
  }
  if (length) {
    if (*length > max_body_bytes_) {
      return Error::IoError("response body of " + std::to_string(*length) + " bytes exceeds the limit of " +
                   std::to_string(max_body_bytes_));
    }
    remaining_ = *length;
    state_ = *length == 0 ? State::kDone : State::kBody;
    reply_.body.reserve(*length);
    return Status::Ok();
  }
  keep_alive_ = false;
  state_ = State::kUntilClose;
  return Status::Ok();
}

Status HttpResponseParser::AppendBody(std::string_view bytes) {
  if (bytes.size() > max_body_bytes_ - reply_.body.size()) {
    return Error::IoError("response body exceeds " + std::to_string(max_body_bytes_) + " bytes");
  }
  reply_.body.append(bytes);
  return Status::Ok();
}

Status HttpResponseParser::FinishAtEof() {
  switch (state_) {
    case State::kDone:
      return Status::Ok();
    case State::kUntilClose:
      state_ = State::kDone;
      return Status::Ok();
    case State::kStatusLine:
      return Error::IoError(received_any_ ? "connection closed inside the status line" : "connection closed before a response");
    case State::kHeaders:
      return Error::IoError("connection closed inside the response headers");
    case State::kBody:
      return Error::IoError("connection closed after " + std::to_string(reply_.body.size()) + " of " +
                   std::to_string(reply_.body.size() + remaining_) + " body bytes");
    case State::kChunkSize:
    case State::kChunkData:
    case State::kChunkDataEnd:
    case State::kTrailers:
      return Error::IoError("connection closed inside the chunked body");
  }
  return Error::IoError("connection closed");
}

// ------------------------------------------------------------- HttpClient

HttpClient::HttpClient(HttpUrl url, HttpClientOptions options) : url_(std::move(url)), options_(options) {}

HttpClient::~HttpClient() { Close(); }

HttpClient::HttpClient(HttpClient&& other) noexcept
    : url_(std::move(other.url_)), options_(other.options_), fd_(std::exchange(other.fd_, -1)) {}

HttpClient& HttpClient::operator=(HttpClient&& other) noexcept {
  if (this != &other) {
    Close();
    url_ = std::move(other.url_);
    options_ = other.options_;
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void HttpClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Status HttpClient::Connect() {
  const std::string where = url_.ToString();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(url_.port);
  if (const int rc = ::getaddrinfo(url_.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return Error::IoError("cannot resolve '" + url_.host + "': " + ::gai_strerror(rc));
  }
  const auto deadline = Clock::now() + options_.connect_timeout;
  std::string failure = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      failure = Errno(errno);
      continue;
    }
    int error = 0;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      error = errno;
      if (error == EINPROGRESS) {
        const int ready = PollUntil(fd, POLLOUT, deadline);
        if (ready == 0) {
          ::close(fd);
          failure = "no answer within " + DescribeDuration(options_.connect_timeout);
          break;
        }
        socklen_t size = sizeof error;
        if (ready < 0) {
          error = -ready;
        } else if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0) {
          error = errno;
        }
      }
    }
    if (error != 0) {
      ::close(fd);
      failure = Errno(error);
      continue;
    }
    // Requests are written whole; waiting for an ACK before the next one
    // (Nagle with delayed ACK) would cost 40 ms per keep-alive request.
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::freeaddrinfo(found);
    fd_ = fd;
    return Status::Ok();
  }
  ::freeaddrinfo(found);
  return Error::IoError("cannot connect to " + where + ": " + failure);
}

Status HttpClient::SendAll(std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      const int ready = PollUntil(fd_, POLLOUT, Clock::now() + options_.read_timeout);
      if (ready == 0) {
        return Error::Timeout(url_.ToString() + " accepted no data for " + DescribeDuration(options_.read_timeout));
      }
      if (ready < 0) return Error::IoError("sending to " + url_.ToString() + ": " + Errno(-ready));
      continue;
    }
    return Error::IoError("sending to " + url_.ToString() + ": " + Errno(n < 0 ? errno : EPIPE));
  }
  return Status::Ok();
}

Status HttpClient::ReadReply(HttpResponseParser& parser, bool* closed_early) {
  *closed_early = false;
  char buffer[64 * 1024];
  while (!parser.Done()) {
    const int ready = PollUntil(fd_, POLLIN, Clock::now() + options_.read_timeout);
    if (ready == 0) {
      return Error::Timeout(parser.nothing_received()
                       ? "no response from " + url_.ToString() + " within " + DescribeDuration(options_.read_timeout)
                       : "response from " + url_.ToString() + " stalled for " +
                             DescribeDuration(options_.read_timeout));
    }
    if (ready < 0) return Error::IoError("reading from " + url_.ToString() + ": " + Errno(-ready));
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n > 0) {
      auto used = parser.Feed(std::string_view(buffer, static_cast<size_t>(n)));
      if (!used) return Error::IoError("malformed response from " + url_.ToString() + ": " + used.error().message);
      // Bytes past the response belong to nothing we asked for; the
      // connection's framing can no longer be trusted.
      if (*used < static_cast<size_t>(n)) Close();
      continue;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
    *closed_early = parser.nothing_received();
    // A reset is a clean end only where it could not have cut a body short.
    if (n < 0 && (errno != ECONNRESET || !*closed_early)) {
      return Error::IoError("reading from " + url_.ToString() + ": " + Errno(errno));
    }
    Status end = parser.FinishAtEof();
    if (!end) return Error::IoError(url_.ToString() + ": " + end.message());
    Close();
  }
  return Status::Ok();
}

bool HttpClient::KeptConnectionIsStale() const {
  // Between requests the server has nothing to say: readable means it
  // closed the connection (EOF) or reset it.
  pollfd p{fd_, POLLIN, 0};
  int n;
  do {
    n = ::poll(&p, 1, 0);
  } while (n < 0 && errno == EINTR);
  return n != 0;
}

Result<HttpReply> HttpClient::Request(std::string_view method, std::string_view path, std::string_view body,
                                      const HttpHeaders& headers) {
  if (!IsToken(method)) return Error::InvalidArgument("HTTP method '" + std::string(method) + "' is not a token");
  if (path.empty() || path.front() != '/') return Error::InvalidArgument("request path '" + std::string(path) + "' must start with '/'");
  for (char c : path) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
      return Error::InvalidArgument("request path contains a space or control character; percent-encode it");
    }
  }
  bool user_agent = false;
  bool host = false;
  for (const auto& [name, value] : headers) {
    if (!IsToken(name)) return Error::InvalidArgument("header name '" + name + "' is not a token");
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      return Error::InvalidArgument("header " + name + ": value contains CR, LF or NUL");
    }
    if (EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Transfer-Encoding")) {
      return Error::InvalidArgument("header " + name + " is set by the client itself");
    }
    user_agent = user_agent || EqualsIgnoreCase(name, "User-Agent");
    host = host || EqualsIgnoreCase(name, "Host");
  }

  std::string request;
  request.reserve(256 + body.size());
  request.append(method).append(" ").append(url_.base_path).append(path).append(" HTTP/1.1\r\n");
  if (!host) {
    const bool ipv6 = url_.host.find(':') != std::string::npos;
    request.append("Host: ").append(ipv6 ? "[" + url_.host + "]" : url_.host);
    if (url_.port != 80) request.append(":").append(std::to_string(url_.port));
    request.append("\r\n");
  }
  if (!user_agent) request.append("User-Agent: tellal/" TELLAL_VERSION "\r\n");
  if (!options_.keep_alive) request.append("Connection: close\r\n");
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    request.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  }
  for (const auto& [name, value] : headers) request.append(name).append(": ").append(value).append("\r\n");
  request.append("\r\n").append(body);

  for (int attempt = 0;; ++attempt) {
    bool reused = fd_ >= 0;
    if (reused && KeptConnectionIsStale()) {
      Close();
      reused = false;
    }
    if (fd_ < 0) {
      Status connected = Connect();
      if (!connected) return connected.error();
    }
    const bool may_retry = reused && attempt == 0 && IsIdempotent(method);
    if (Status sent = SendAll(request); !sent) {
      Close();
      if (may_retry) continue;
      return sent.error();
    }
    HttpResponseParser parser(method == "HEAD", options_.max_body_bytes);
    bool closed_early = false;
    if (Status read = ReadReply(parser, &closed_early); !read) {
      Close();
      if (may_retry && closed_early) continue;
      return read.error();
    }
    if (!options_.keep_alive || !parser.keep_alive()) Close();
    return parser.TakeReply();
  }
}

}  // namespace tellal::cli

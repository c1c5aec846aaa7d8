// A small blocking HTTP/1.1 client over POSIX sockets: what the tellal CLI
// uses to reach tellald's API, and what integration tests use to talk to a
// running daemon. Plain http:// only; the daemon's API is meant to be reached
// over a loopback listener (TLS, when configured, is for remote clients,
// which have curl).
//
// Responses are read with Content-Length, chunked transfer coding, or (when a
// response has neither) until the server closes. One connection is kept open
// between requests (keep-alive) unless the server or the options say
// otherwise, so a bulk send pays for one TCP handshake, not one per batch.
//
// The response parser is separate from the socket code (HttpResponseParser),
// so it can be fed byte by byte in tests.
//
// Thread-compatible: one HttpClient per thread.
#ifndef TELLAL_DAEMON_CLI_HTTP_CLIENT_H_
#define TELLAL_DAEMON_CLI_HTTP_CLIENT_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modem/result.h"

namespace tellal::cli {

// Where requests go: parsed once from "http://host[:port][/base]".
struct HttpUrl {
  std::string host;  // without IPv6 brackets: "127.0.0.1", "::1", "localhost"
  std::uint16_t port = 80;
  std::string base_path;  // "" or "/prefix" (no trailing slash); prefixed to every request path

  // "http://127.0.0.1:8080", "http://[::1]:8080/prefix": for messages.
  std::string ToString() const;
};

// Accepts http:// URLs with an optional port and path; the path must not
// carry a query or fragment. https:// is refused with a message saying what
// to use instead, as is any other scheme, user information and a bad port.
Result<HttpUrl> ParseHttpUrl(std::string_view url);

// Header fields in order. Names compare case-insensitively (FindHeader).
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// The value of the first field named `name` (ASCII case-insensitive).
std::optional<std::string> FindHeader(const HttpHeaders& headers, std::string_view name);

struct HttpReply {
  int status = 0;
  std::string reason;
  HttpHeaders headers;  // as received, trailers of a chunked body appended
  std::string body;     // with the transfer coding removed

  std::optional<std::string> Header(std::string_view name) const { return FindHeader(headers, name); }
};

// Parses one HTTP/1.x response from bytes fed in any pieces. Interim 1xx
// responses (100 Continue) are skipped. Accepts LF as well as CRLF line ends,
// as RFC 9112 §2.2 allows a recipient to.
class HttpResponseParser {
 public:
  // `head_request`: the response to HEAD has headers only, whatever its
  // Content-Length says. `max_body_bytes` bounds the decoded body, so a
  // confused server cannot make the client allocate without limit.
  explicit HttpResponseParser(bool head_request = false, std::size_t max_body_bytes = kDefaultMaxBodyBytes);

  // Consumes bytes until the response is complete and returns how many were
  // used; bytes after the end of the response are left unconsumed. Fails
  // with the reason when the bytes are not an HTTP response or exceed a
  // limit; after a failure or once Done(), further calls consume nothing.
  Result<std::size_t> Feed(std::string_view bytes);

  // The server closed the connection. Completes a body delimited by the
  // close; anything else unfinished is an error saying what was cut short.
  Status FinishAtEof();

  bool Done() const { return state_ == State::kDone; }
  // Whether no byte of the response has arrived yet: a connection closed at
  // this point was idle, not broken mid-response.
  bool nothing_received() const { return !received_any_; }
  // Once Done(): whether the connection may carry another request
  // (HTTP/1.1 without "Connection: close", or HTTP/1.0 with keep-alive, and
  // a body not delimited by the close).
  bool keep_alive() const { return keep_alive_; }

  // Precondition: Done(). Moves the reply out.
  HttpReply TakeReply() { return std::move(reply_); }

  static constexpr std::size_t kDefaultMaxBodyBytes = std::size_t{64} << 20;
  static constexpr std::size_t kMaxHeaderBytes = std::size_t{64} << 10;

 private:
  enum class State {
    kStatusLine,
    kHeaders,
    kBody,
    kChunkSize,
    kChunkData,
    kChunkDataEnd,
    kTrailers,
    kUntilClose,
    kDone
  };

  // Each consumes from pending_ and returns false when it needs more bytes.
  Result<bool> Step();
  Result<bool> TakeLine(std::string* line);
  Status OnStatusLine(const std::string& line);
  Status OnHeaderLine(const std::string& line, bool trailer);
  Status OnHeadersDone();
  Status AppendBody(std::string_view bytes);

  bool head_request_;
  std::size_t max_body_bytes_;
  State state_ = State::kStatusLine;
  std::string pending_;         // bytes fed but not yet consumed by a step
  std::size_t head_bytes_ = 0;  // status line + headers so far, against kMaxHeaderBytes
  std::size_t remaining_ = 0;   // of a Content-Length body or of the current chunk
  bool received_any_ = false;
  bool http10_ = false;
  bool keep_alive_ = false;
  bool failed_ = false;
  HttpReply reply_;
};

struct HttpClientOptions {
  // Establishing the TCP connection (over every address the host resolves to).
  std::chrono::milliseconds connect_timeout{5000};
  // Longest wait for the next byte of a response, or for room to write.
  std::chrono::milliseconds read_timeout{30000};
  // Keep the connection for the next request when the server allows it.
  bool keep_alive = true;
  std::size_t max_body_bytes = HttpResponseParser::kDefaultMaxBodyBytes;
};

class HttpClient {
 public:
  explicit HttpClient(HttpUrl url, HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(HttpClient&& other) noexcept;
  HttpClient& operator=(HttpClient&& other) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and waits for the whole response. `path` starts with
  // '/' and may carry a query; the URL's base path is put in front of it.
  // The client adds Host, User-Agent (unless given), Content-Length (for a
  // body, and for POST/PUT/PATCH always) and "Connection: close" when
  // keep-alive is off; `headers` must not set Content-Length or
  // Transfer-Encoding.
  //
  // Any HTTP status is a successful reply; an Error means no complete
  // response arrived (cannot connect, timed out, connection closed early,
  // malformed response) or the request itself was malformed, and says so
  // naming the URL.
  //
  // A kept connection the server has closed meanwhile is replaced before
  // sending. If a kept connection fails before any byte of the response
  // arrives, the request is sent once more on a new connection only for
  // idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS): a POST may have
  // been acted on.
  Result<HttpReply> Request(std::string_view method, std::string_view path, std::string_view body = {},
                            const HttpHeaders& headers = {});

  // Closes the kept connection, if any.
  void Close();
  bool connected() const { return fd_ >= 0; }
  const HttpUrl& url() const { return url_; }

 private:
  Status Connect();
  Status SendAll(std::string_view data);
  // Reads into `parser` until it is done; `*closed_early` says the
  // connection was closed or reset before any byte arrived.
  Status ReadReply(HttpResponseParser& parser, bool* closed_early);
  bool KeptConnectionIsStale() const;

  HttpUrl url_;
  HttpClientOptions options_;
  int fd_ = -1;
};

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_HTTP_CLIENT_H_

// One HTTP request on a libcurl easy handle: the handle set up from an
// HttpRequest, the reply collected by curl's callbacks, and a failure turned
// into an Error with a code (ErrorCode) and a message a person can act on.
// Shared by BlockingHttpClient (which runs it with curl_easy_perform) and
// AsyncHttpClient (which hands it to a curl multi handle).
//
// Thread-compatible; curl's callbacks run inside perform/socket_action on the
// caller's thread.
#ifndef TELLAL_DAEMON_NET_CURL_TRANSFER_H_
#define TELLAL_DAEMON_NET_CURL_TRANSFER_H_

#include <string>
#include <string_view>

#include "daemon/net/curl_library.h"
#include "daemon/net/http_message.h"
#include "modem/result.h"

namespace tellal::net {

class CurlTransfer {
 public:
  // `curl` comes from LoadCurl.
  explicit CurlTransfer(const CurlLibrary& curl);
  ~CurlTransfer();
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  // Resets the handle (its connection and DNS caches stay) and sets it up
  // for `request`. Refuses, before anything is sent, a method that is not
  // an HTTP token, a header name that is not one, a value with CR, LF or
  // NUL, and Content-Length or Transfer-Encoding, which curl sets.
  Status Prepare(HttpRequest request, const HttpTransferOptions& options);

  CURL* easy() const { return easy_; }
  const CurlLibrary& curl() const { return curl_; }

  // After curl ended the transfer with `code`: the reply, or why there is
  // none. `where` ("http://127.0.0.1:8080", or empty) names the server in
  // messages: "cannot connect to <where>: Connection refused".
  Result<HttpReply> Finish(CURLcode code, std::string_view where);

 private:
  static std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* self);
  static int OnConnected(void* self, char* peer_ip, char* local_ip, int peer_port, int local_port);
  Error Describe(CURLcode code, std::string_view where) const;

  const CurlLibrary& curl_;
  CURL* easy_;
  curl_slist* header_list_ = nullptr;
  HttpRequest request_;  // curl reads the URL and body from here
  HttpTransferOptions options_;
  std::string user_agent_;
  HttpReply reply_;
  std::string refused_ip_;  // the local address OnConnected would not talk to
  char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace tellal::net

#endif  // TELLAL_DAEMON_NET_CURL_TRANSFER_H_

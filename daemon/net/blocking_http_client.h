// A blocking HTTP client on libcurl's easy interface: what the tellal CLI
// uses to reach tellald's API, and what integration tests use to talk to a
// running daemon.
//
// One easy handle serves every request, so its connection stays open
// between requests (keep-alive) unless the server or the options say
// otherwise, and a bulk send pays for one TCP handshake, not one per batch.
// curl checks a kept connection before reusing it and opens a new one when
// the server has closed it meanwhile.
//
// Thread-compatible: one BlockingHttpClient per thread.
#ifndef TELLAL_DAEMON_NET_BLOCKING_HTTP_CLIENT_H_
#define TELLAL_DAEMON_NET_BLOCKING_HTTP_CLIENT_H_

#include <memory>
#include <string>
#include <string_view>

#include "daemon/net/http_message.h"
#include "modem/result.h"

namespace tellal::net {

class CurlTransfer;

class BlockingHttpClient {
 public:
  // Requests go to `base_url` followed by their path: "http://127.0.0.1:8080"
  // or, with a base path, "http://gw.local/tellal" (no trailing slash).
  explicit BlockingHttpClient(std::string base_url, HttpTransferOptions options = {});
  ~BlockingHttpClient();
  BlockingHttpClient(BlockingHttpClient&& other) noexcept;
  BlockingHttpClient& operator=(BlockingHttpClient&& other) noexcept;

  // Sends one request and waits for the whole response. `path` starts with
  // '/', may carry a query, and must already be percent-encoded.
  //
  // Any HTTP status is a successful reply. An Error means no complete
  // response arrived, named with the base URL: kUnavailable when nothing
  // answers at the address ("cannot connect to http://127.0.0.1:8080:
  // Connection refused"), kTimeout past a timeout, kIoError for a connection
  // cut short, a malformed response or a body over max_body_bytes,
  // kInvalidArgument for a request that cannot be sent (bad path, method or
  // header); and, once, kUnavailable when libcurl cannot be loaded.
  Result<HttpReply> Request(std::string_view method, std::string_view path, std::string_view body = {},
                            const HttpHeaders& headers = {});

  // Closes the kept connection, if any.
  void Close();

  const std::string& base_url() const { return base_url_; }

 private:
  std::string base_url_;
  HttpTransferOptions options_;
  std::unique_ptr<CurlTransfer> transfer_;  // made by the first Request
};

}  // namespace tellal::net

#endif  // TELLAL_DAEMON_NET_BLOCKING_HTTP_CLIENT_H_

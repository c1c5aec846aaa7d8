#include "daemon/net/blocking_http_client.h"

#include <utility>

#include "daemon/net/curl_library.h"
#include "daemon/net/curl_transfer.h"

namespace tellal::net {

BlockingHttpClient::BlockingHttpClient(std::string base_url, HttpTransferOptions options)
    : base_url_(std::move(base_url)), options_(std::move(options)) {}

BlockingHttpClient::~BlockingHttpClient() = default;
BlockingHttpClient::BlockingHttpClient(BlockingHttpClient&& other) noexcept = default;
BlockingHttpClient& BlockingHttpClient::operator=(BlockingHttpClient&& other) noexcept = default;

void BlockingHttpClient::Close() { transfer_.reset(); }

Result<HttpReply> BlockingHttpClient::Request(std::string_view method, std::string_view path, std::string_view body,
                                              const HttpHeaders& headers) {
  if (path.empty() || path.front() != '/') {
    return Error::InvalidArgument("request path '" + std::string(path) + "' must start with '/'");
  }
  for (char c : path) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
      return Error::InvalidArgument("request path contains a space or control character; percent-encode it");
    }
  }
  if (!transfer_) {
    auto curl = LoadCurl();
    if (!curl) return curl.error();
    transfer_ = std::make_unique<CurlTransfer>(**curl);
  }
  HttpRequest request;
  request.method = std::string(method);
  request.url = base_url_ + std::string(path);
  request.headers = headers;
  request.body = std::string(body);
  if (Status prepared = transfer_->Prepare(std::move(request), options_); !prepared) return prepared.error();
  auto reply = transfer_->Finish(transfer_->curl().easy_perform(transfer_->easy()), base_url_);
  if (reply.ok() && reply->body_truncated) {
    return Error::IoError("response from " + base_url_ + " exceeds " + std::to_string(options_.max_body_bytes) +
                          " bytes");
  }
  return reply;
}

}  // namespace tellal::net

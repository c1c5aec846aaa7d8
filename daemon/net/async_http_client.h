// AsyncHttpClient: HTTP requests on the daemon's io_context, through
// libcurl's multi socket interface. curl says which sockets to watch and
// when it next needs a timeout (CURLMOPT_SOCKETFUNCTION, _TIMERFUNCTION);
// the sockets are watched with Asio (posix::stream_descriptor) and the
// timeouts with one steady_timer, so requests run on the io thread with no
// thread of ours and no polling loop, and an idle client has no timer armed.
// Connections are kept and reused between requests when the options allow.
//
// Thread affinity: every method must be called on the io_context's thread
// (single-threaded io_context, no strands).
// Callbacks: each request's callback runs exactly once, on the io thread,
// from a handler (never from inside Send), with the reply or an Error (see
// CurlTransfer for the codes) — unless the request is cancelled or the
// client destroyed first, in which case it never runs. A callback may call
// Send and Cancel but must not destroy the client, and must not throw.
// Lifetime: destruction abandons every request; handlers still queued in the
// io_context then do nothing.
#ifndef TELLAL_DAEMON_NET_ASYNC_HTTP_CLIENT_H_
#define TELLAL_DAEMON_NET_ASYNC_HTTP_CLIENT_H_

#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "daemon/net/http_message.h"
#include "modem/result.h"

namespace tellal::net {

class AsyncHttpClient {
 public:
  using Callback = std::function<void(Result<HttpReply>)>;

  AsyncHttpClient(boost::asio::io_context& io, HttpTransferOptions options = {});
  ~AsyncHttpClient();
  AsyncHttpClient(const AsyncHttpClient&) = delete;
  AsyncHttpClient& operator=(const AsyncHttpClient&) = delete;

  // Starts `request`; returns its id for Cancel. A request curl cannot send
  // (a bad header, say) fails through `done` like any other.
  std::uint64_t Send(HttpRequest request, Callback done);

  // Abandons the request: its connection is closed and its callback never
  // runs. An id that finished or never existed is ignored.
  void Cancel(std::uint64_t id);

  // Requests started and not yet finished or cancelled.
  std::size_t active() const;
  // Sockets curl has asked to be watched now (open connections mid-request).
  std::size_t watched_sockets() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace tellal::net

#endif  // TELLAL_DAEMON_NET_ASYNC_HTTP_CLIENT_H_

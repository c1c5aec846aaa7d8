#include "daemon/net/async_http_client.h"

#include <poll.h>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <new>
#include <optional>
#include <utility>

#include "daemon/net/curl_library.h"
#include "daemon/net/curl_transfer.h"

namespace tellal::net {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

// The directions `events` (POLLIN, POLLOUT) in which `fd` is ready now.
short ReadyNow(int fd, short events) {
  pollfd p{fd, events, 0};
  if (::poll(&p, 1, 0) <= 0) return 0;
  // A hang-up or an error is news for whichever direction curl waits in.
  return (p.revents & (POLLHUP | POLLERR)) != 0 ? events : static_cast<short>(p.revents & events);
}

}  // namespace

struct AsyncHttpClient::Impl : std::enable_shared_from_this<Impl> {
  // One socket curl asked to watch. The descriptor never owns the socket:
  // curl closes it, after telling us (CURL_POLL_REMOVE).
  struct Watch {
    Watch(asio::io_context& io, curl_socket_t fd) : descriptor(io, fd), fd(fd) {}
    asio::posix::stream_descriptor descriptor;
    curl_socket_t fd;
    int wanted = 0;                    // CURL_POLL_IN / _OUT / _INOUT
    bool waiting[2] = {false, false};  // a read / write wait is queued
  };
  using WatchPtr = std::shared_ptr<Watch>;

  struct Pending {
    std::unique_ptr<CurlTransfer> transfer;
    Callback done;
    std::optional<Error> refused;  // Prepare failed; delivered by a posted handler
  };

  Impl(asio::io_context& io_context, HttpTransferOptions transfer_options)
      : io(io_context), options(std::move(transfer_options)), timer(io_context) {}

  ~Impl() {
    for (auto& [id, pending] : pending_by_id) {
      if (pending.transfer) curl->multi_remove_handle(multi, pending.transfer->easy());
    }
    pending_by_id.clear();
    for (auto& [fd, watch] : watches) Forget(*watch);
    watches.clear();
    if (multi != nullptr) curl->multi_cleanup(multi);  // closes the kept connections
  }

  // Loads libcurl and makes the multi handle: the first request's work.
  Status Start() {
    auto loaded = LoadCurl();
    if (!loaded) return loaded.error();
    curl = *loaded;
    multi = curl->multi_init();
    if (multi == nullptr) return Error::Internal("curl_multi_init: out of memory");
    curl->multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Impl::OnSocket);
    curl->multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl->multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Impl::OnTimer);
    curl->multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    return Status::Ok();
  }

  static void Forget(Watch& watch) {
    error_code ignored;
    watch.descriptor.cancel(ignored);
    watch.descriptor.release();
  }

  static int OnSocket(CURL*, curl_socket_t fd, int what, void* self, void*) {
    auto* impl = static_cast<Impl*>(self);
    auto it = impl->watches.find(fd);
    if (what == CURL_POLL_REMOVE) {
      if (it != impl->watches.end()) {
        Forget(*it->second);
        impl->watches.erase(it);
      }
      return 0;
    }
    if (it == impl->watches.end()) {
      try {
        it = impl->watches.emplace(fd, std::make_shared<Watch>(impl->io, fd)).first;
      } catch (...) {
        return -1;  // curl fails the transfer; nothing may unwind through it
      }
    }
    it->second->wanted = what;
    impl->Arm(it->second);
    return 0;
  }

  static int OnTimer(CURLM*, long timeout_ms, void* self) {
    auto* impl = static_cast<Impl*>(self);
    if (timeout_ms < 0) {
      impl->timer.cancel();
      return 0;
    }
    impl->timer.expires_after(std::chrono::milliseconds(timeout_ms));
    impl->timer.async_wait([weak = impl->weak_from_this()](const error_code& ec) {
      if (ec) return;
      if (auto impl = weak.lock()) impl->Act(CURL_SOCKET_TIMEOUT, 0);
    });
    return 0;
  }

  // Waits for each direction curl wants that has no wait queued. Asio's
  // epoll reactor reports a socket's readiness only when it changes, while
  // curl may leave bytes unread; a socket ready already is acted on at once.
  void Arm(const WatchPtr& watch) {
    for (int direction = 0; direction < 2; ++direction) {
      const int flag = direction == 0 ? CURL_POLL_IN : CURL_POLL_OUT;
      if ((watch->wanted & flag) == 0 || watch->waiting[direction]) continue;
      watch->waiting[direction] = true;
      const int select = direction == 0 ? CURL_CSELECT_IN : CURL_CSELECT_OUT;
      auto on_ready = [weak = weak_from_this(), watch, direction, select](const error_code& ec) {
        watch->waiting[direction] = false;
        auto impl = weak.lock();
        if (!impl || ec == asio::error::operation_aborted) return;
        // Gone or replaced while the wait was queued: not ours any more.
        auto it = impl->watches.find(watch->fd);
        if (it == impl->watches.end() || it->second != watch) return;
        impl->Act(watch->fd, ec ? CURL_CSELECT_ERR : select);
        it = impl->watches.find(watch->fd);
        if (it != impl->watches.end() && it->second == watch) impl->Arm(watch);
      };
      const short poll_event = direction == 0 ? POLLIN : POLLOUT;
      if (ReadyNow(watch->fd, poll_event) != 0) {
        asio::post(io, [on_ready] { on_ready(error_code()); });
      } else {
        watch->descriptor.async_wait(
            direction == 0 ? asio::posix::descriptor_base::wait_read : asio::posix::descriptor_base::wait_write,
            on_ready);
      }
    }
  }

  // Lets curl work on `fd` (or on its timeouts), then hands finished
  // transfers to their callbacks.
  void Act(curl_socket_t fd, int select) {
    auto keep_alive = shared_from_this();
    int running = 0;
    curl->multi_socket_action(multi, fd, select, &running);
    int left = 0;
    while (CURLMsg* message = curl->multi_info_read(multi, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      CurlTransfer* transfer = nullptr;
      curl->easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
      const CURLcode code = message->data.result;
      auto it = id_by_transfer.find(transfer);
      curl->multi_remove_handle(multi, message->easy_handle);
      if (it == id_by_transfer.end()) continue;
      const std::uint64_t id = it->second;
      id_by_transfer.erase(it);
      Pending pending = std::move(pending_by_id.at(id));
      pending_by_id.erase(id);
      pending.done(pending.transfer->Finish(code, ""));
    }
  }

  // Hands `request` to curl as `pending`'s transfer; why it could not be,
  // if so (libcurl missing, a bad header, curl out of memory).
  std::optional<Error> Begin(Pending& pending, HttpRequest request) {
    if (multi == nullptr) {
      if (Status started = Start(); !started) return started.error();
    }
    pending.transfer = std::make_unique<CurlTransfer>(*curl);
    if (Status prepared = pending.transfer->Prepare(std::move(request), options); !prepared) return prepared.error();
    if (const CURLMcode rc = curl->multi_add_handle(multi, pending.transfer->easy()); rc != CURLM_OK) {
      return Error::Internal(std::string("curl_multi_add_handle: ") + curl->multi_strerror(rc));
    }
    return std::nullopt;
  }

  std::uint64_t Send(HttpRequest request, Callback done) {
    const std::uint64_t id = next_id++;
    Pending pending;
    pending.done = std::move(done);
    pending.refused = Begin(pending, std::move(request));
    if (pending.refused) {
      pending_by_id.emplace(id, std::move(pending));
      asio::post(io, [weak = weak_from_this(), id] {
        auto impl = weak.lock();
        if (!impl) return;
        auto it = impl->pending_by_id.find(id);
        if (it == impl->pending_by_id.end()) return;
        Pending failed = std::move(it->second);
        impl->pending_by_id.erase(it);
        failed.done(std::move(*failed.refused));
      });
      return id;
    }
    id_by_transfer.emplace(pending.transfer.get(), id);
    pending_by_id.emplace(id, std::move(pending));
    return id;
  }

  void Cancel(std::uint64_t id) {
    auto it = pending_by_id.find(id);
    if (it == pending_by_id.end()) return;
    if (!it->second.refused) {
      id_by_transfer.erase(it->second.transfer.get());
      curl->multi_remove_handle(multi, it->second.transfer->easy());
    }
    pending_by_id.erase(it);
  }

  asio::io_context& io;
  HttpTransferOptions options;
  asio::steady_timer timer;
  const CurlLibrary* curl = nullptr;  // set by Start
  CURLM* multi = nullptr;
  std::map<curl_socket_t, WatchPtr> watches;
  std::map<std::uint64_t, Pending> pending_by_id;
  std::map<CurlTransfer*, std::uint64_t> id_by_transfer;
  std::uint64_t next_id = 1;
};

// libcurl (and the TLS library under it) is loaded at the first request,
// not here: a daemon whose clients never ask for callbacks never maps it in
// (see curl_library.h).
AsyncHttpClient::AsyncHttpClient(asio::io_context& io, HttpTransferOptions options)
    : impl_(std::make_shared<Impl>(io, std::move(options))) {}

AsyncHttpClient::~AsyncHttpClient() = default;

std::uint64_t AsyncHttpClient::Send(HttpRequest request, Callback done) {
  return impl_->Send(std::move(request), std::move(done));
}

void AsyncHttpClient::Cancel(std::uint64_t id) { impl_->Cancel(id); }

std::size_t AsyncHttpClient::active() const { return impl_->pending_by_id.size(); }

std::size_t AsyncHttpClient::watched_sockets() const { return impl_->watches.size(); }

}  // namespace tellal::net

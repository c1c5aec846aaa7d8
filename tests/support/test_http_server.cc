#include "support/test_http_server.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "modem/text/ascii.h"
#include "web/http/http_server.h"

namespace tellal::testing {

std::optional<std::string> RecordedRequest::Header(const std::string& name) const {
  const auto it = headers.find(text::ToLowerAscii(name));
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> RecordedRequest::Param(const std::string& name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) return std::string(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

TestHttpServer::TestHttpServer(Handler handler, std::string tls_cert_pem, std::string tls_key_pem)
    : state_(std::make_shared<State>()), tls_(!tls_cert_pem.empty()) {
  web::HttpServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.connection_timeout_seconds = 0;
  // Tests open many connections from one address and hold requests for as
  // long as they like: the production limits would get in their way.
  options.per_client_connection_limit = 0;
  options.request_timeout_seconds = 0;
  options.tls_cert_pem = std::move(tls_cert_pem);
  options.tls_key_pem = std::move(tls_key_pem);
  options.log = [](std::string_view) {};
  auto serve = [state = state_, handler = std::move(handler)](const web::HttpRequest& in) {
    RecordedRequest r;
    r.method = in.method;
    r.target = in.target;
    const std::size_t question = in.target.find('?');
    r.path = in.target.substr(0, question);
    r.query = question == std::string::npos ? "" : in.target.substr(question + 1);
    r.headers = in.headers;
    r.body = in.body;
    {
      std::lock_guard lock(state->mutex);
      // The peer's address and port tell connections apart.
      auto [it, added] =
          state->connection_by_peer.try_emplace(in.remote, static_cast<int>(state->connection_by_peer.size()) + 1);
      r.connection = it->second;
      state->requests.push_back(r);
    }
    const ScriptedReply reply = handler(r);
    if (reply.hold) {
      std::unique_lock lock(state->mutex);
      ++state->held;
      const std::uint64_t generation = state->release_generation;
      state->released_cv.wait(lock, [&] { return state->stopping || state->release_generation != generation; });
      --state->held;
    }
    web::HttpResponse out;
    out.status = reply.status;
    out.body = reply.body;
    out.content_type = reply.content_type;
    out.headers = reply.headers;
    if (reply.close) out.headers.emplace_back("Connection", "close");
    return out;
  };
  auto started = web::HttpServer::Start(std::move(options), std::move(serve));
  if (!started.ok()) throw std::runtime_error("test HTTP server: " + started.error().message);
  server_ = std::move(*started);
}

TestHttpServer::~TestHttpServer() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->released_cv.notify_all();
  server_.reset();  // waits for the handlers, none of which is held now
}

std::uint16_t TestHttpServer::port() const { return server_->port(); }

std::vector<RecordedRequest> TestHttpServer::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}

int TestHttpServer::connections() const {
  std::lock_guard lock(state_->mutex);
  return static_cast<int>(state_->connection_by_peer.size());
}

std::size_t TestHttpServer::held() const {
  std::lock_guard lock(state_->mutex);
  return state_->held;
}

void TestHttpServer::Release() {
  {
    std::lock_guard lock(state_->mutex);
    ++state_->release_generation;
  }
  state_->released_cv.notify_all();
}

RefusingPort::RefusingPort() {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    const int error = errno;
    ::close(fd_);
    throw std::runtime_error(std::string("bind: ") + std::strerror(error));
  }
  port_ = ntohs(address.sin_port);
}

RefusingPort::~RefusingPort() { ::close(fd_); }

}  // namespace tellal::testing

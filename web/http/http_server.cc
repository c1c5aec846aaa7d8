#include "web/http/http_server.h"

#include <malloc.h>
#include <microhttpd.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modem/text/ascii.h"
#include "web/http/connection_deadlines.h"
#include "web/http/socket_address.h"

namespace tellal::web {

namespace {

// The state of one request, from the access handler's first call until
// libmicrohttpd reports the request complete.
struct RequestState {
  HttpRequest request;
  bool too_large = false;
  std::size_t discarded = 0;  // body bytes thrown away since too_large
  bool responded = false;
  bool begun = false;        // Begin() has run: the state may exist earlier, made by OnUri
  std::size_t max_body = 0;  // this request's limit, set by Begin()
};

std::string ErrorJson(std::string_view code, std::string_view message) {
  // Both strings are our own constants and numbers, never client input, so
  // there is nothing to escape.
  std::string out = R"({"error":{"code":")";
  out += code;
  out += R"(","message":")";
  out += message;
  out += R"("}})";
  return out;
}

bool HasLineBreakOrNul(const std::string& s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos;
}

// Collects header or query values; exceptions must not unwind through
// libmicrohttpd's C frames, so a failure is recorded and checked after.
struct Collector {
  HttpRequest* request;
  bool failed = false;
};

MHD_Result CollectHeader(void* cls, MHD_ValueKind, const char* key, size_t key_size, const char* value,
                         size_t value_size) {
  auto* c = static_cast<Collector*>(cls);
  try {
    std::string name = text::ToLowerAscii(std::string_view(key, key_size));
    std::string text = value == nullptr ? std::string() : std::string(value, value_size);
    auto [it, inserted] = c->request->headers.try_emplace(std::move(name), text);
    if (!inserted) {
      it->second += ", ";
      it->second += text;
    }
    return MHD_YES;
  } catch (...) {
    c->failed = true;
    return MHD_NO;
  }
}

MHD_Result CollectArgument(void* cls, MHD_ValueKind, const char* key, size_t key_size, const char* value,
                           size_t value_size) {
  auto* c = static_cast<Collector*>(cls);
  try {
    c->request->query.emplace(std::string(key, key_size),
                              value == nullptr ? std::string() : std::string(value, value_size));
    return MHD_YES;
  } catch (...) {
    c->failed = true;
    return MHD_NO;
  }
}

}  // namespace

struct HttpServer::Impl {
  HttpServerOptions options;
  HttpHandler handler;
  MHD_Daemon* daemon = nullptr;
  uint16_t port = 0;
  // Only with a request timeout; destroyed after the daemon is stopped.
  std::unique_ptr<ConnectionDeadlines> deadlines;

  ConnectionDeadlines::Clock::time_point NextDeadline() const {
    return ConnectionDeadlines::Clock::now() + std::chrono::seconds(options.request_timeout_seconds);
  }

  std::mutex log_mu;
  // While Start() runs, messages are kept to explain a failure to start
  // instead of being printed; afterwards they go to the sink.
  bool starting = true;                  // guarded by log_mu
  std::vector<std::string> startup_log;  // guarded by log_mu

  void Log(std::string line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    {
      std::lock_guard lock(log_mu);
      if (starting) {
        startup_log.push_back(std::move(line));
        return;
      }
    }
    Emit(line);
  }

  void Emit(const std::string& line) {
    if (options.log) {
      options.log(line);
    } else {
      std::fprintf(stderr, "tellal http: %s\n", line.c_str());
    }
  }

  MHD_Result Queue(MHD_Connection* connection, RequestState& state, const HttpResponse& response);
  MHD_Result QueueError(MHD_Connection* connection, RequestState& state, int status, std::string_view code,
                        std::string_view message);
  MHD_Result Answer(MHD_Connection* connection, RequestState& state);
  MHD_Result Begin(MHD_Connection* connection, const char* url, const char* method, void** con_cls);
  MHD_Result Receive(RequestState& state, const char* data, size_t* size);
};

namespace {

void OnLog(void* cls, const char* format, va_list ap) {
  auto* impl = static_cast<HttpServer::Impl*>(cls);
  try {
    char small[512];
    va_list copy;
    va_copy(copy, ap);
    int n = std::vsnprintf(small, sizeof small, format, copy);
    va_end(copy);
    if (n < 0) return;
    if (static_cast<std::size_t>(n) < sizeof small) {
      impl->Log(std::string(small, static_cast<std::size_t>(n)));
      return;
    }
    std::string big(static_cast<std::size_t>(n) + 1, '\0');
    va_copy(copy, ap);
    std::vsnprintf(big.data(), big.size(), format, copy);
    va_end(copy);
    big.resize(static_cast<std::size_t>(n));
    impl->Log(std::move(big));
  } catch (...) {
    // Losing a log line is better than unwinding into libmicrohttpd.
  }
}

void OnConnection(void* cls, MHD_Connection* connection, void** /*socket_context*/,
                  MHD_ConnectionNotificationCode code) {
  auto* impl = static_cast<HttpServer::Impl*>(cls);
  if (!impl->deadlines) return;
  try {
    if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
      impl->deadlines->Close(connection);
      return;
    }
    const MHD_ConnectionInfo* fd = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    const MHD_ConnectionInfo* peer = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (fd == nullptr) return;
    impl->deadlines->Open(connection, fd->connect_fd,
                          FormatSocketAddress(peer == nullptr ? nullptr : peer->client_addr), impl->NextDeadline());
  } catch (...) {
    // Without an entry the connection still has libmicrohttpd's idle timeout.
  }
}

// libmicrohttpd's URI log hook sees the request-target before it is
// percent-decoded; what it returns becomes the request's state.
void* OnUri(void* /*cls*/, const char* uri, MHD_Connection* /*connection*/) {
  try {
    auto state = std::make_unique<RequestState>();
    state->request.target = uri == nullptr ? "" : uri;
    return state.release();
  } catch (...) {
    return nullptr;  // Begin() makes the state; only the raw target is lost
  }
}

// Once per thread (libmicrohttpd gives each connection its own): Linux
// applies a nice value set for a thread id to that thread alone.
void LowerThisThreadsPriority(int nice) {
  thread_local bool lowered = false;
  if (lowered || nice <= 0) return;
  lowered = true;
  const id_t thread = static_cast<id_t>(::gettid());
  const int current = ::getpriority(PRIO_PROCESS, thread);
  if (current < nice) ::setpriority(PRIO_PROCESS, thread, std::min(nice, 19));
}

MHD_Result OnRequest(void* cls, MHD_Connection* connection, const char* url, const char* method,
                     const char* /*version*/, const char* upload_data, size_t* upload_data_size, void** con_cls) {
  auto* impl = static_cast<HttpServer::Impl*>(cls);
  try {
    LowerThisThreadsPriority(impl->options.worker_nice);
    if (*con_cls == nullptr || !static_cast<RequestState*>(*con_cls)->begun) {
      return impl->Begin(connection, url, method, con_cls);
    }
    auto& state = *static_cast<RequestState*>(*con_cls);
    if (*upload_data_size != 0) return impl->Receive(state, upload_data, upload_data_size);
    return impl->Answer(connection, state);
  } catch (...) {
    // Only allocation can fail here; closing the connection is all that is left.
    return MHD_NO;
  }
}

// Bodies from this size on are batches of thousands of messages.
constexpr std::size_t kTrimAfterBodyBytes = 256 * 1024;

void OnCompleted(void* cls, MHD_Connection* connection, void** con_cls, MHD_RequestTerminationCode /*toe*/) {
  auto* impl = static_cast<HttpServer::Impl*>(cls);
  // The next request on a kept-alive connection has its own deadline.
  if (impl->deadlines) impl->deadlines->Arm(connection, impl->NextDeadline());
  auto* state = static_cast<RequestState*>(*con_cls);
  const bool large = state != nullptr && state->request.body.size() >= kTrimAfterBodyBytes;
  delete state;
  *con_cls = nullptr;
  // Parsing a large batch leaves megabytes of freed heap in this connection
  // thread's malloc arena, which glibc keeps for the thread (17 MB per
  // 10,000-message batch and connection); handing it back keeps RSS at what
  // is in use.
  if (large) malloc_trim(0);
}

}  // namespace

MHD_Result HttpServer::Impl::Begin(MHD_Connection* connection, const char* url, const char* method, void** con_cls) {
  if (*con_cls == nullptr) *con_cls = new RequestState();  // OnCompleted frees it, whatever happens next
  RequestState& state = *static_cast<RequestState*>(*con_cls);
  state.begun = true;

  HttpRequest& request = state.request;
  request.method = method;
  request.path = url;
  Collector collector{&request};
  MHD_get_connection_values_n(connection, MHD_HEADER_KIND, &CollectHeader, &collector);
  MHD_get_connection_values_n(connection, MHD_GET_ARGUMENT_KIND, &CollectArgument, &collector);
  if (collector.failed) return MHD_NO;
  const MHD_ConnectionInfo* peer = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  request.remote = FormatSocketAddress(peer == nullptr ? nullptr : peer->client_addr);
  state.max_body = options.max_body_bytes;
  for (const auto& [path, limit] : options.body_limits) {
    if (path == request.path) state.max_body = limit;
  }

  if (const std::string* length = request.header("content-length")) {
    // libmicrohttpd has already refused a malformed Content-Length with 400.
    uint64_t announced = 0;
    auto [end, ec] = std::from_chars(length->data(), length->data() + length->size(), announced);
    if (ec == std::errc() && announced > state.max_body) {
      // Answering now, before the body, makes libmicrohttpd skip the
      // "100 Continue", drop the body unread and close after the answer.
      state.too_large = true;
      return Answer(connection, state);
    }
  }
  if (options.screen) {
    std::optional<HttpResponse> early;
    try {
      early = options.screen(request);
    } catch (const std::exception& e) {
      Log("request screen threw on " + request.method + " " + request.path + " from " + request.remote + ": " +
          e.what());
      return QueueError(connection, state, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", "internal server error");
    }
    if (early) return Queue(connection, state, *early);
  }
  return MHD_YES;
}

MHD_Result HttpServer::Impl::Receive(RequestState& state, const char* data, size_t* size) {
  std::size_t n = *size;
  *size = 0;
  if (state.too_large) {
    // A response cannot be queued while the upload is still arriving, so the
    // rest of an over-long chunked body is read and dropped, up to a bound
    // that stops an endless upload from tying the connection up for ever.
    state.discarded += n;
    if (state.discarded > std::max<std::size_t>(state.max_body, 1024 * 1024)) {
      Log("closing connection from " + state.request.remote + ": " + state.request.method + " " + state.request.path +
          " kept uploading far past the " + std::to_string(state.max_body) + "-byte body limit");
      return MHD_NO;
    }
    return MHD_YES;
  }
  std::string& body = state.request.body;
  if (n > state.max_body - body.size()) {
    state.too_large = true;
    state.discarded = n;
    std::string().swap(body);  // release the memory, not just the contents
    return MHD_YES;
  }
  body.append(data, n);
  return MHD_YES;
}

MHD_Result HttpServer::Impl::Answer(MHD_Connection* connection, RequestState& state) {
  if (state.responded) return MHD_YES;
  if (state.too_large) {
    return QueueError(connection, state, MHD_HTTP_CONTENT_TOO_LARGE, "payload_too_large",
                      "request body exceeds " + std::to_string(state.max_body) + " bytes");
  }
  // The request has arrived whole; the handler's own time is not the
  // client's to account for.
  if (deadlines) deadlines->Disarm(connection);
  HttpResponse response;
  const HttpRequest& request = state.request;
  try {
    response = handler(request);
  } catch (const std::exception& e) {
    Log("handler threw on " + request.method + " " + request.path + " from " + request.remote + ": " + e.what());
    return QueueError(connection, state, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", "internal server error");
  } catch (...) {
    Log("handler threw a non-exception on " + request.method + " " + request.path + " from " + request.remote);
    return QueueError(connection, state, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", "internal server error");
  }
  return Queue(connection, state, response);
}

MHD_Result HttpServer::Impl::QueueError(MHD_Connection* connection, RequestState& state, int status,
                                        std::string_view code, std::string_view message) {
  HttpResponse response;
  response.status = status;
  response.body = ErrorJson(code, message);
  return Queue(connection, state, response);
}

MHD_Result HttpServer::Impl::Queue(MHD_Connection* connection, RequestState& state, const HttpResponse& response) {
  const HttpRequest& request = state.request;
  auto refuse = [&](const std::string& why) {
    Log("cannot send the handler's response to " + request.method + " " + request.path + ": " + why);
    return QueueError(connection, state, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", "internal server error");
  };
  if (response.status < 200 || response.status > 599) {
    return refuse("status " + std::to_string(response.status) + " is outside 200..599");
  }
  // libmicrohttpd copies the body (MHD_RESPMEM_MUST_COPY) and never writes
  // through the pointer; its C signature simply lacks the const.
  MHD_Response* out = MHD_create_response_from_buffer(response.body.size(), const_cast<char*>(response.body.data()),
                                                      MHD_RESPMEM_MUST_COPY);
  if (out == nullptr) return MHD_NO;
  auto add = [&](const std::string& name, const std::string& value) -> std::string {
    if (name.empty() || HasLineBreakOrNul(name) || HasLineBreakOrNul(value)) {
      return "header '" + name + "' is empty or contains CR, LF or NUL";
    }
    if (MHD_add_response_header(out, name.c_str(), value.c_str()) != MHD_YES) {
      return "libmicrohttpd refused header '" + name + "'";
    }
    return {};
  };
  std::string problem;
  if (!response.content_type.empty()) {
    problem = add(MHD_HTTP_HEADER_CONTENT_TYPE, response.content_type);
  }
  for (const auto& [name, value] : response.headers) {
    if (!problem.empty()) break;
    problem = add(name, value);
  }
  if (!problem.empty()) {
    MHD_destroy_response(out);
    return refuse(problem);
  }
  MHD_Result queued = MHD_queue_response(connection, static_cast<unsigned int>(response.status), out);
  MHD_destroy_response(out);
  if (queued == MHD_YES) state.responded = true;
  return queued;
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  // Closes every connection and joins every connection thread, so no
  // handler is running once this returns.
  if (impl_ && impl_->daemon != nullptr) MHD_stop_daemon(impl_->daemon);
}

uint16_t HttpServer::port() const { return impl_->port; }

Result<std::unique_ptr<HttpServer>> HttpServer::Start(HttpServerOptions options, HttpHandler handler) {
  const std::string where = "http server on " + DisplayAddress(options.host, options.port, options.ipv6);
  Result<ListenAddress> address = ParseListenAddress(options.host, options.port, options.ipv6);
  if (!address.ok()) return Wrap(where, address.error());
  if (!handler) return Error::InvalidArgument(where + ": no request handler");
  if (options.connection_limit == 0) return Error::InvalidArgument(where + ": connection_limit must be at least 1");
  const bool has_cert = !options.tls_cert_pem.empty();
  const bool has_key = !options.tls_key_pem.empty();
  if (has_cert != has_key) {
    return Error::InvalidArgument(where + ": TLS needs both tls_cert_pem and tls_key_pem, but only the " +
                                  (has_cert ? "certificate" : "key") + " is set");
  }
  const bool tls = has_cert;
  if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
    return Error::NotSupported(where + ": this libmicrohttpd was built without TLS support");
  }

  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->handler = std::move(handler);

  // Each connection thread waits with poll() rather than select(), which
  // fails once descriptor numbers pass FD_SETSIZE in a busy daemon.
  unsigned int flags =
      MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG;
  if (impl->options.ipv6) flags |= MHD_USE_IPv6;
  if (tls) flags |= MHD_USE_TLS;

  std::vector<MHD_OptionItem> items = {
      {MHD_OPTION_SOCK_ADDR, 0, const_cast<sockaddr*>(address->get())},
      {MHD_OPTION_CONNECTION_LIMIT, static_cast<intptr_t>(impl->options.connection_limit), nullptr},
      {MHD_OPTION_CONNECTION_TIMEOUT, static_cast<intptr_t>(impl->options.connection_timeout_seconds), nullptr},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, static_cast<intptr_t>(impl->options.per_client_connection_limit), nullptr},
  };
  if (impl->options.request_timeout_seconds > 0) {
    Impl* raw = impl.get();
    impl->deadlines = std::make_unique<ConnectionDeadlines>([raw](std::string_view peer) {
      raw->Log("closing connection from " + std::string(peer) + ": no whole request within " +
               std::to_string(raw->options.request_timeout_seconds) + " s");
    });
    items.push_back({MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&OnConnection), impl.get()});
  }
  if (tls) {
    // libmicrohttpd only reads these during MHD_start_daemon; impl keeps
    // them alive regardless.
    items.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, impl->options.tls_cert_pem.data()});
    items.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, impl->options.tls_key_pem.data()});
  }
  items.push_back({MHD_OPTION_END, 0, nullptr});

  // The logger comes first so that start-up failures reach it.
  impl->daemon =
      MHD_start_daemon(flags, impl->options.port, nullptr, nullptr, &OnRequest, impl.get(), MHD_OPTION_EXTERNAL_LOGGER,
                       &OnLog, impl.get(), MHD_OPTION_NOTIFY_COMPLETED, &OnCompleted, impl.get(),
                       MHD_OPTION_URI_LOG_CALLBACK, &OnUri, impl.get(), MHD_OPTION_ARRAY, items.data(), MHD_OPTION_END);

  std::vector<std::string> startup_log;
  {
    std::lock_guard lock(impl->log_mu);
    impl->starting = false;
    startup_log.swap(impl->startup_log);
  }
  if (impl->daemon == nullptr) {
    std::string reason;
    for (const std::string& line : startup_log) reason += (reason.empty() ? "" : "; ") + line;
    if (reason.empty()) reason = "libmicrohttpd could not start and logged no reason";
    return Error::IoError(where + ": " + reason);
  }
  for (const std::string& line : startup_log) impl->Emit(line);

  const MHD_DaemonInfo* info = MHD_get_daemon_info(impl->daemon, MHD_DAEMON_INFO_BIND_PORT);
  impl->port = info == nullptr ? 0 : info->port;
  if (impl->port == 0) {
    MHD_stop_daemon(impl->daemon);
    return Error::IoError(where + ": libmicrohttpd did not report the bound port");
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

}  // namespace tellal::web

#include "fake_http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace tellal::cli::testing {

namespace {

bool EqualsIgnoreCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<std::string> Find(const Headers& headers, const std::string& name) {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// A TCP socket on 127.0.0.1 with an ephemeral port.
int BoundLoopbackSocket(std::uint16_t* port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error(std::string("bind: ") + std::strerror(errno));
  }
  socklen_t size = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  *port = ntohs(addr.sin_port);
  return fd;
}

const char* ReasonFor(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 202:
      return "Accepted";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

}  // namespace

std::optional<std::string> RecordedRequest::Header(const std::string& name) const { return Find(headers, name); }

std::optional<std::string> RecordedRequest::Param(const std::string& name) const {
  size_t pos = 0;
  while (pos <= query.size()) {
    const size_t amp = std::min(query.find('&', pos), query.size());
    const std::string pair = query.substr(pos, amp - pos);
    const size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) return eq == std::string::npos ? "" : pair.substr(eq + 1);
    pos = amp + 1;
  }
  return std::nullopt;
}

FakeHttpServer::FakeHttpServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = BoundLoopbackSocket(&port_);
  if (::listen(listen_fd_, 16) != 0 || ::pipe2(wake_, O_CLOEXEC) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error(std::string("listen/pipe: ") + std::strerror(errno));
  }
  thread_ = std::thread([this] { Serve(); });
}

FakeHttpServer::~FakeHttpServer() {
  const char stop = 'x';
  (void)!::write(wake_[1], &stop, 1);
  thread_.join();
  ::close(listen_fd_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

std::vector<RecordedRequest> FakeHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

int FakeHttpServer::connections() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return connections_;
}

int FakeHttpServer::closed_connections() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return closed_;
}

bool FakeHttpServer::SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

void FakeHttpServer::Serve() {
  std::vector<Connection> open;
  while (true) {
    std::vector<pollfd> fds = {{wake_[0], POLLIN, 0}, {listen_fd_, POLLIN, 0}};
    for (const Connection& c : open) fds.push_back({c.fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].revents != 0) break;
    if (fds[1].revents & POLLIN) {
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        std::lock_guard<std::mutex> lock(mutex_);
        open.push_back({fd, ++connections_, ""});
      }
    }
    std::vector<int> to_close;
    for (size_t i = 2; i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      Connection& c = *std::find_if(open.begin(), open.end(), [&](const Connection& k) { return k.fd == fds[i].fd; });
      char buffer[64 * 1024];
      const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
      if (n <= 0) {
        to_close.push_back(c.fd);
        continue;
      }
      c.buffer.append(buffer, static_cast<size_t>(n));
      if (!HandleInput(c)) to_close.push_back(c.fd);
    }
    for (int fd : to_close) {
      ::close(fd);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ++closed_;
      }
      open.erase(std::remove_if(open.begin(), open.end(), [fd](const Connection& c) { return c.fd == fd; }),
                 open.end());
    }
  }
  for (const Connection& c : open) ::close(c.fd);
}

bool FakeHttpServer::HandleInput(Connection& c) {
  while (true) {
    const size_t head_end = c.buffer.find("\r\n\r\n");
    if (head_end == std::string::npos) return true;
    RecordedRequest r;
    r.connection = c.number;
    const std::string head = c.buffer.substr(0, head_end);
    size_t line_end = head.find("\r\n");
    const std::string request_line = head.substr(0, line_end);
    const size_t sp1 = request_line.find(' ');
    const size_t sp2 = request_line.rfind(' ');
    if (sp1 == std::string::npos || sp2 == sp1) return false;
    r.method = request_line.substr(0, sp1);
    r.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    const size_t q = r.target.find('?');
    r.path = r.target.substr(0, q);
    r.query = q == std::string::npos ? "" : r.target.substr(q + 1);
    while (line_end != std::string::npos && line_end < head.size()) {
      const size_t start = line_end + 2;
      line_end = head.find("\r\n", start);
      const std::string line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
      const size_t colon = line.find(':');
      if (colon == std::string::npos) return false;
      r.headers.emplace_back(line.substr(0, colon), Trim(line.substr(colon + 1)));
    }
    const size_t length = std::stoul(r.Header("Content-Length").value_or("0"));
    if (c.buffer.size() < head_end + 4 + length) return true;
    r.body = c.buffer.substr(head_end + 4, length);
    c.buffer.erase(0, head_end + 4 + length);

    const CannedReply reply = handler_(r);
    const bool client_closes = EqualsIgnoreCase(r.Header("Connection").value_or(""), "close");
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(std::move(r));
    }

    std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + ReasonFor(reply.status) + "\r\n";
    Headers headers = reply.headers;
    if (!Find(headers, "Content-Type")) headers.emplace_back("Content-Type", "application/json");
    if (reply.chunked) {
      headers.emplace_back("Transfer-Encoding", "chunked");
    } else if (!reply.end_by_close) {
      headers.emplace_back("Content-Length", std::to_string(reply.body.size()));
    }
    if (reply.close || reply.end_by_close) headers.emplace_back("Connection", "close");
    for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (reply.chunked) {
      for (size_t pos = 0; pos < reply.body.size(); pos += 7) {
        const std::string chunk = reply.body.substr(pos, 7);
        char size[16];
        std::snprintf(size, sizeof size, "%zx", chunk.size());
        out += std::string(size) + "\r\n" + chunk + "\r\n";
      }
      out += "0\r\n\r\n";
    } else {
      out += reply.body;
    }
    if (!SendAll(c.fd, out)) return false;
    if (reply.close || reply.end_by_close || reply.drop_after || client_closes) return false;
  }
}

RefusingPort::RefusingPort() { fd_ = BoundLoopbackSocket(&port_); }
RefusingPort::~RefusingPort() { ::close(fd_); }

SilentListener::SilentListener() {
  fd_ = BoundLoopbackSocket(&port_);
  if (::listen(fd_, 4) != 0) throw std::runtime_error(std::string("listen: ") + std::strerror(errno));
}
SilentListener::~SilentListener() { ::close(fd_); }

}  // namespace tellal::cli::testing

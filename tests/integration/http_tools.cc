#include "http_tools.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "daemon/net/url.h"
#include "modem/text/ascii.h"

namespace tellal::integration {
namespace {

using SteadyClock = std::chrono::steady_clock;

std::string SysError(const std::string& what) { return what + ": " + std::strerror(errno); }

int MillisLeft(SteadyClock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

// Whether `received` holds a whole response with a Content-Length (one
// without is complete only when the server closes).
bool ResponseComplete(std::string_view received) {
  const size_t head_end = received.find("\r\n\r\n");
  if (head_end == std::string_view::npos) return false;
  const std::string head = text::ToLowerAscii(received.substr(0, head_end));
  const size_t at = head.find("\r\ncontent-length:");
  if (at == std::string::npos) return false;
  const size_t length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
  return received.size() >= head_end + 4 + length;
}

}  // namespace

std::string RawHttpExchange(uint16_t port, std::string_view request, std::chrono::milliseconds timeout) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(SysError("socket"));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    const std::string error = SysError("connecting to 127.0.0.1:" + std::to_string(port));
    ::close(fd);
    throw std::runtime_error(error);
  }
  const auto deadline = SteadyClock::now() + timeout;
  std::string received;
  size_t sent = 0;
  bool open = true;
  while (open && MillisLeft(deadline) > 0) {
    pollfd p{fd, static_cast<short>(POLLIN | (sent < request.size() ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, MillisLeft(deadline)) <= 0) break;
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      char buffer[16384];
      const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
      if (n <= 0) {
        open = false;
      } else {
        received.append(buffer, static_cast<size_t>(n));
        open = !ResponseComplete(received);
      }
    } else if (p.revents & POLLOUT) {
      const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      // A server that answered early may close before taking everything;
      // what it already answered is still read above.
      sent = n < 0 ? request.size() : sent + static_cast<size_t>(n);
    }
  }
  ::close(fd);
  return received;
}

uint16_t FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(SysError("socket"));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const std::string error = SysError("binding a loopback port");
    ::close(fd);
    throw std::runtime_error(error);
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

int RawStatus(std::string_view response) {
  if (!response.starts_with("HTTP/1.") || response.size() < 12) return 0;
  int status = 0;
  for (size_t i = 9; i < 12; ++i) {
    if (!text::IsDigit(response[i])) return 0;
    status = status * 10 + (response[i] - '0');
  }
  return status;
}

std::string RawBody(std::string_view response) {
  const size_t end = response.find("\r\n\r\n");
  return end == std::string_view::npos ? std::string() : std::string(response.substr(end + 4));
}

std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!query.empty()) {
    const size_t amp = std::min(query.find('&'), query.size());
    const std::string_view pair = query.substr(0, amp);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(net::PercentDecode(pair, true), "");
    } else {
      out.emplace_back(net::PercentDecode(pair.substr(0, eq), true), net::PercentDecode(pair.substr(eq + 1), true));
    }
    query.remove_prefix(std::min(amp + 1, query.size()));
  }
  return out;
}

std::string QueryValue(std::string_view target, std::string_view name) {
  const size_t question = target.find('?');
  if (question == std::string_view::npos) return "";
  for (const auto& [key, value] : ParseQuery(target.substr(question + 1))) {
    if (key == name) return value;
  }
  return "";
}

bool IsApiTimestamp(const std::string& text) {
  // 'd' a digit, 's' the offset's sign, anything else itself.
  static constexpr std::string_view kPattern = "dddd-dd-ddTdd:dd:dd.dddsdd:dd";
  if (text.size() != kPattern.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (kPattern[i]) {
      case 'd':
        if (!text::IsDigit(c)) return false;
        break;
      case 's':
        if (c != '+' && c != '-') return false;
        break;
      default:
        if (c != kPattern[i]) return false;
    }
  }
  return true;
}

}  // namespace tellal::integration

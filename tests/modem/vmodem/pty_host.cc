#include "pty_host.h"

#include <fcntl.h>
#include <unistd.h>
#include "tests/support/run_io_until.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tellal::vmodem::testing {

bool HasFinalResult(const std::string& text) {
  std::size_t begin = 0;
  for (std::size_t end = text.find("\r\n"); end != std::string::npos; end = text.find("\r\n", begin)) {
    const std::string line = text.substr(begin, end - begin);
    if (line == "OK" || line == "ERROR" || line.rfind("+CME ERROR:", 0) == 0 || line.rfind("+CMS ERROR:", 0) == 0) {
      return true;
    }
    begin = end + 2;
  }
  return false;
}

namespace {

int OpenPort(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("open " + path + ": " + std::strerror(errno));
  return fd;
}

}  // namespace

PtyHost::PtyHost(boost::asio::io_context& io, const std::string& path) : io_(io), port_(io, OpenPort(path)) {
  StartRead();
}

PtyHost::~PtyHost() {
  *alive_ = false;
  boost::system::error_code ignored;
  port_.close(ignored);
}

void PtyHost::StartRead() {
  auto alive = alive_;
  auto buffer = buffer_;
  port_.async_read_some(boost::asio::buffer(*buffer),
                        [this, alive, buffer](const boost::system::error_code& ec, std::size_t n) {
                          if (!*alive) return;
                          if (ec) {
                            if (ec != boost::asio::error::operation_aborted) read_failed_ = true;
                            return;
                          }
                          received_.append(buffer->data(), n);
                          StartRead();
                        });
}

void PtyHost::Write(const std::string& bytes) { boost::asio::write(port_, boost::asio::buffer(bytes)); }

bool PtyHost::WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  return ::tellal::testing::RunIoUntil(io_, done, timeout);
}

bool PtyHost::WaitForText(const std::string& needle, std::chrono::milliseconds timeout) {
  return WaitUntil([&] { return received_.find(needle) != std::string::npos; }, timeout);
}

void PtyHost::RunFor(std::chrono::milliseconds period) {
  bool over = false;
  boost::asio::steady_timer timer(io_, period);
  timer.async_wait([&over](const boost::system::error_code&) { over = true; });
  WaitUntil([&] { return over; }, period + 5s);
}

std::string PtyHost::Transact(const std::string& line, std::chrono::milliseconds timeout) {
  received_.clear();
  Write(line + "\r");
  if (!WaitUntil([&] { return HasFinalResult(received_); }, timeout)) return {};
  return Take();
}

std::string PtyHost::Take() {
  std::string out;
  out.swap(received_);
  return out;
}

}  // namespace tellal::vmodem::testing

// The host side of a virtual modem, for tests: opens the device path like a
// driver would, on the same io_context, and collects everything the modem
// writes. Waiting runs the io_context until a condition holds or a deadline
// passes; nothing sleeps.
#ifndef TELLAL_TESTS_MODEM_VMODEM_PTY_HOST_H_
#define TELLAL_TESTS_MODEM_VMODEM_PTY_HOST_H_

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace tellal::vmodem::testing {

using namespace std::chrono_literals;

class PtyHost {
 public:
  // Opens `path`; throws std::runtime_error when it cannot.
  PtyHost(boost::asio::io_context& io, const std::string& path);
  ~PtyHost();

  void Write(const std::string& bytes);

  // Runs the io_context until `Done()` or `timeout`; returns Done().
  bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout = 5s);
  bool WaitForText(const std::string& needle, std::chrono::milliseconds timeout = 5s);
  // Runs the io_context for `period` (to show that nothing arrives).
  void RunFor(std::chrono::milliseconds period);

  // Writes `line` + "\r" and waits for a final result; returns everything
  // received since the write (echo included). Empty on timeout.
  std::string Transact(const std::string& line, std::chrono::milliseconds timeout = 5s);

  // Everything received and not yet taken.
  const std::string& received() const { return received_; }
  std::string Take();

  // Set once a read failed (EIO when the pty went away) or hit end of file.
  bool read_failed() const { return read_failed_; }

 private:
  void StartRead();

  boost::asio::io_context& io_;
  boost::asio::posix::stream_descriptor port_;
  std::shared_ptr<std::array<char, 1024>> buffer_ = std::make_shared<std::array<char, 1024>>();
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::string received_;
  bool read_failed_ = false;
};

// True when `text` holds a complete final result line.
bool HasFinalResult(const std::string& text);

}  // namespace tellal::vmodem::testing

#endif  // TELLAL_TESTS_MODEM_VMODEM_PTY_HOST_H_

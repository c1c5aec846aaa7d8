// tellald under systemd's Type=notify, with a modem that is not there: READY=1
// must come as soon as the API listens, not when the modems are up, or
// systemd kills the service at TimeoutStartSec and restarts it in a loop.
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "http_tools.h"
#include "process_tools.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;
using nlohmann::literals::operator""_json_pointer;

// The datagram socket systemd gives a Type=notify service as NOTIFY_SOCKET.
class NotifySocket {
 public:
  explicit NotifySocket(std::string path) : path_(std::move(path)) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(path_.size() < sizeof(address.sun_path));
    std::memcpy(address.sun_path, path_.c_str(), path_.size() + 1);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  }
  ~NotifySocket() { ::close(fd_); }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  // Collects datagrams until one has the line `line` or `timeout` passes;
  // returns everything received.
  std::string WaitFor(const std::string& line, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return received_;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char buffer[4096];
      const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
      if (n <= 0) continue;
      const std::string datagram(buffer, static_cast<size_t>(n));
      received_ += datagram + "\n";
      if (("\n" + datagram + "\n").find("\n" + line + "\n") != std::string::npos) return received_;
    }
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::string received_;
};

TEST_CASE("READY=1 reaches systemd within 5 s although the only modem's device does not exist", "[integration]") {
  ScratchDir scratch("tellal-notify");
  const uint16_t port = FreeLoopbackPort();
  const std::string config = scratch.Write(
      "tellal.ini", "[daemon]\nstate_dir = " + scratch.path() + "\nlog_level = debug\n" +
                        "[http]\nlisten = 127.0.0.1:" + std::to_string(port) + "\ntoken = notify-test-token-0123456\n" +
                        "[modem.gsm0]\ndevice = " + scratch.path() + "/no-such-modem\n");
  NotifySocket notify(scratch.path() + "/notify");

  const auto started = std::chrono::steady_clock::now();
  ChildProcess daemon({TELLALD_PATH, "--config", config}, {{"NOTIFY_SOCKET", notify.path()}},
                      scratch.path() + "/stdout", scratch.path() + "/stderr");
  daemon.WatchForFailures();
  const std::string received = notify.WaitFor("READY=1", 5s);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  INFO("received from tellald:\n" << received << "after " << took.count() << " ms");
  REQUIRE(received.find("READY=1") != std::string::npos);

  // Ready means the API answers, and says the modem is not.
  const std::string health = RawHttpExchange(port, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(RawStatus(health) == 200);
  const auto body = nlohmann::json::parse(RawBody(health), nullptr, false);
  INFO(RawBody(health));
  CHECK(body.value("/modems/total"_json_pointer, -1) == 1);
  CHECK(body.value("/modems/ready"_json_pointer, -1) == 0);

  daemon.Signal(SIGTERM);
  const std::optional<int> status = daemon.Wait(20s);
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  CHECK(notify.WaitFor("STOPPING=1", 1s).find("STOPPING=1") != std::string::npos);
}

}  // namespace
}  // namespace tellal::integration

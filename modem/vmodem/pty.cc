#include "modem/vmodem/pty.h"

#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace tellal::vmodem {
namespace {

Error SysError(const char* call) { return Error::IoError(std::string(call) + ": " + std::strerror(errno)); }

}  // namespace

Result<Pty> Pty::Open() {
  const int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) return SysError("posix_openpt");
  if (grantpt(master) != 0 || unlockpt(master) != 0) {
    Error error = SysError("grantpt/unlockpt");
    ::close(master);
    return error;
  }
  char name[128];
  if (ptsname_r(master, name, sizeof name) != 0) {
    Error error = SysError("ptsname_r");
    ::close(master);
    return error;
  }
  const int slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) {
    Error error = SysError("open pty slave");
    ::close(master);
    return error;
  }
  termios tio{};
  if (tcgetattr(slave, &tio) != 0) {
    Error error = SysError("tcgetattr");
    ::close(slave);
    ::close(master);
    return error;
  }
  cfmakeraw(&tio);
  if (tcsetattr(slave, TCSANOW, &tio) != 0) {
    Error error = SysError("tcsetattr");
    ::close(slave);
    ::close(master);
    return error;
  }
  return Pty(master, slave, name);
}

Pty::Pty(int master, int slave, std::string slave_path)
    : master_(master), kept_slave_(slave), slave_path_(std::move(slave_path)) {}

Pty::Pty(Pty&& other) noexcept
    : master_(std::exchange(other.master_, -1)),
      kept_slave_(std::exchange(other.kept_slave_, -1)),
      slave_path_(std::move(other.slave_path_)) {}

Pty& Pty::operator=(Pty&& other) noexcept {
  if (this != &other) {
    Close();
    master_ = std::exchange(other.master_, -1);
    kept_slave_ = std::exchange(other.kept_slave_, -1);
    slave_path_ = std::move(other.slave_path_);
  }
  return *this;
}

Pty::~Pty() { Close(); }

int Pty::ReleaseMaster() { return std::exchange(master_, -1); }

void Pty::Close() {
  if (master_ >= 0) ::close(std::exchange(master_, -1));
  if (kept_slave_ >= 0) ::close(std::exchange(kept_slave_, -1));
}

}  // namespace tellal::vmodem

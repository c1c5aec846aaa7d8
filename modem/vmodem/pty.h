// A pseudo-terminal pair for one "power-on" of a virtual modem.
//
// The master side is the modem; the slave side (/dev/pts/N) is what a host
// opens as if it were /dev/ttyUSB0. The slave is put in raw mode so the line
// discipline neither echoes nor translates CR/LF: echo is the modem's job,
// exactly as on a real serial port.
//
// A slave descriptor is kept open for the pair's whole life. Without it, the
// master reads EIO whenever the host closes its side (for example while a
// driver reopens the port), which a real modem never does.
#ifndef TELLAL_MODEM_VMODEM_PTY_H_
#define TELLAL_MODEM_VMODEM_PTY_H_

#include <string>

#include "modem/result.h"

namespace tellal::vmodem {

class Pty {
 public:
  // Opens a new pair; errors name the failing call and errno text.
  static Result<Pty> Open();

  Pty(Pty&& other) noexcept;
  Pty& operator=(Pty&& other) noexcept;
  Pty(const Pty&) = delete;
  Pty& operator=(const Pty&) = delete;
  ~Pty();

  // Hands the master descriptor over to the caller (an asio descriptor),
  // which then owns and closes it. Returns -1 if already released.
  int ReleaseMaster();

  const std::string& slave_path() const { return slave_path_; }

 private:
  Pty(int master, int slave, std::string slave_path);
  void Close();

  int master_ = -1;
  int kept_slave_ = -1;
  std::string slave_path_;
};

}  // namespace tellal::vmodem

#endif  // TELLAL_MODEM_VMODEM_PTY_H_

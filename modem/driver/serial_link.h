// The serial port of one modem: open (8N1, baud, optional RTS/CTS), close,
// reopen. Never throws: Asio's throwing overloads are not used, so no
// exception can escape into a handler.
//
// Every Open() starts a new generation, so a completion handler of an
// earlier open (delivered with operation_aborted after Close(), or late) can
// tell it is stale and do nothing.
//
// Thread affinity: the io_context's thread. Lifetime: closing happens in the
// destructor too; handlers still queued then must not touch the link.
#ifndef TELLAL_MODEM_DRIVER_SERIAL_LINK_H_
#define TELLAL_MODEM_DRIVER_SERIAL_LINK_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/serial_port.hpp>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <string>

namespace tellal::modem {

class SerialLink {
 public:
  explicit SerialLink(boost::asio::io_context& io);

  // Opens `device` and discards whatever the kernel buffered before (the
  // answers and URCs of a previous owner). On failure the link stays closed.
  boost::system::error_code Open(const std::string& device, unsigned baud, bool hardware_flow_control);
  void Close();

  bool is_open() const { return port_.is_open(); }
  std::uint64_t generation() const { return generation_; }
  // Precondition for async operations: is_open().
  boost::asio::serial_port& port() { return port_; }

  // Whether `error` (from open, read or write) means the device node or the
  // device behind it has gone: ENOENT, ENODEV, ENXIO, EIO, end of file.
  static bool IsDeviceGone(const boost::system::error_code& error);

 private:
  boost::asio::serial_port port_;
  std::uint64_t generation_ = 0;
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_SERIAL_LINK_H_

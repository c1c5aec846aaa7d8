#include "modem/driver/serial_link.h"

#include <termios.h>

#include <boost/asio/error.hpp>
#include <cerrno>

namespace tellal::modem {

namespace asio = boost::asio;

SerialLink::SerialLink(asio::io_context& io) : port_(io) {}

boost::system::error_code SerialLink::Open(const std::string& device, unsigned baud, bool hardware_flow_control) {
  Close();
  boost::system::error_code ec;
  // Asio opens with O_NOCTTY | O_NONBLOCK and puts the line in raw mode.
  port_.open(device, ec);
  if (ec) return ec;
  using base = asio::serial_port_base;
  const auto flow = hardware_flow_control ? base::flow_control::hardware : base::flow_control::none;
  port_.set_option(base::baud_rate(baud), ec);
  if (!ec) port_.set_option(base::character_size(8), ec);
  if (!ec) port_.set_option(base::parity(base::parity::none), ec);
  if (!ec) port_.set_option(base::stop_bits(base::stop_bits::one), ec);
  if (!ec) port_.set_option(base::flow_control(flow), ec);
  if (!ec) {
    ::tcflush(port_.native_handle(), TCIOFLUSH);
    ++generation_;
    return {};
  }
  boost::system::error_code ignored;
  port_.close(ignored);
  return ec;
}

void SerialLink::Close() {
  if (!port_.is_open()) return;
  boost::system::error_code ignored;
  port_.close(ignored);
  // A late handler of this open must see a different generation even if the
  // next open fails.
  ++generation_;
}

bool SerialLink::IsDeviceGone(const boost::system::error_code& error) {
  if (error == asio::error::eof) return true;
  if (error.category() != boost::system::system_category()) return false;
  const int e = error.value();
  return e == ENOENT || e == ENODEV || e == ENXIO || e == EIO;
}

}  // namespace tellal::modem

#include "daemon/notify/outbox_pump.h"

#include <boost/asio/post.hpp>
#include <utility>

namespace tellal::notify {

OutboxPump::OutboxPump(boost::asio::io_context& io, std::function<void()> pump)
    : io_(io), pump_(std::move(pump)), timer_(io) {}

void OutboxPump::Wake() {
  if (stopped_ || posted_) return;
  posted_ = true;
  boost::asio::post(io_, [this, alive = Token()] {
    if (alive.expired()) return;
    posted_ = false;
    pump_();
  });
}

void OutboxPump::ArmTimer(std::chrono::milliseconds delay) {
  timer_.expires_after(delay);
  timer_.async_wait([this, alive = Token()](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    pump_();
  });
}

bool OutboxPump::Stop() {
  if (stopped_) return false;
  stopped_ = true;
  timer_.cancel();
  alive_ = std::make_shared<bool>(true);  // handlers holding the old one do nothing
  return true;
}

}  // namespace tellal::notify

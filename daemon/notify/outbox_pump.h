// When an outbox runner (webhook deliveries, dlr-url calls) looks at its
// store: soon after a wake-up, or when its one retry timer fires. Both call
// the runner's pump from a fresh io_context handler, never from inside the
// caller, because a wake-up comes from a writer's transaction and the rows it
// announces are only visible once that transaction commits.
#ifndef TELLAL_DAEMON_NOTIFY_OUTBOX_PUMP_H_
#define TELLAL_DAEMON_NOTIFY_OUTBOX_PUMP_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>

namespace tellal::notify {

class OutboxPump {
 public:
  OutboxPump(boost::asio::io_context& io, std::function<void()> pump);

  // Posts one call of the pump; wake-ups before it runs are coalesced.
  // Nothing after Stop.
  void Wake();
  // Replaces the pending timer: the pump runs after `delay`.
  void ArmTimer(std::chrono::milliseconds delay);
  // Nothing is due: the pending timer, if any, is cancelled.
  void CancelTimer() { timer_.cancel(); }
  // Cancels the timer; a posted call, a timer and every handler guarded by a
  // Token taken before this do nothing. Returns false if already stopped.
  bool Stop();
  bool stopped() const { return stopped_; }
  // Expires at Stop: a handler holding it checks it before touching its runner.
  std::weak_ptr<bool> Token() const { return alive_; }

 private:
  boost::asio::io_context& io_;
  std::function<void()> pump_;
  boost::asio::steady_timer timer_;
  bool posted_ = false;
  bool stopped_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace tellal::notify

#endif  // TELLAL_DAEMON_NOTIFY_OUTBOX_PUMP_H_

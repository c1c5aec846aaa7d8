// ModemDriver: one GSM modem on one serial device. Owns the only serial I/O
// for it: one async read always running and feeding the AT engine, one AT
// command in flight from a queue, a timer per command, the init sequence,
// health checks, the inbound safety-net scan and recovery (resynchronise,
// re-initialise, reopen with back-off, absent while unplugged).
//
// Sends: Send() accepts messages only in kReady / kBusy and queues them
// behind the command in flight; in any other state, or while stopping, it
// fails at once with SendError::kUnavailable so the dispatcher routes the
// message elsewhere. Queued sends are failed the same way when a fault
// interrupts the conversation. Callbacks run on the io_context, never from
// inside Send().
//
// Thread affinity: every method must be called on the io_context's thread
// (single-threaded io_context; no strands). Never blocks or sleeps; idle, it
// waits on one read and its timers.
// Lifetime: construct, Start(), then Stop() and destroy it from stop's
// completion (or later). Destroying it earlier is safe, but queued
// callbacks are then dropped without being called. The listener must
// outlive the driver.
#ifndef TELLAL_MODEM_DRIVER_MODEM_DRIVER_H_
#define TELLAL_MODEM_DRIVER_MODEM_DRIVER_H_

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "modem/at/at_engine.h"
#include "modem/driver/backoff.h"
#include "modem/driver/command_queue.h"
#include "modem/driver/init_sequence.h"
#include "modem/driver/modem.h"
#include "modem/driver/modem_config.h"
#include "modem/driver/modem_info.h"
#include "modem/driver/modem_listener.h"
#include "modem/driver/modem_state.h"
#include "modem/driver/pin_guard.h"
#include "modem/driver/send_result.h"
#include "modem/driver/serial_link.h"
#include "modem/driver/stored_messages.h"

namespace spdlog {
class logger;
}

namespace tellal::modem {

class ModemDriver : public Modem {
 public:
  ModemDriver(boost::asio::io_context& io, ModemConfig config, ModemListener& listener);
  ~ModemDriver() override;
  ModemDriver(const ModemDriver&) = delete;
  ModemDriver& operator=(const ModemDriver&) = delete;

  // Opens the device and initialises the modem; retries until Stop(). Once.
  void Start() override;

  // Fails queued sends (kUnavailable), lets a send already in flight finish
  // (it may be mid-air), then closes the device and posts `done`. Idempotent.
  void Stop(std::function<void()> done) override;

  // Queues AT+CMGS=<tpdu_length> with `pdu_hex` (SMSC part + TPDU).
  // `more_follow`: the caller has more messages for this modem right now,
  // so the relay link is kept open (AT+CMMS=1) where the modem supports it.
  // `done` is called exactly once (unless the driver is destroyed first).
  void Send(std::string pdu_hex, int tpdu_length, bool more_follow, SendCallback done) override;

  ModemState state() const override { return state_; }
  const ModemInfo& info() const override { return info_; }
  const std::string& name() const override { return config_.name; }
  // Sends accepted and not yet answered, the one in flight included.
  std::size_t queued_sends() const;

 private:
  // Lifecycle.
  void OpenDevice();
  void ScheduleReopen();
  void OnReopenTimer(const boost::system::error_code& ec, std::uint64_t epoch);
  void CloseLink();
  void DeviceLost(const boost::system::error_code& ec);
  void Fault(const std::string& reason);
  void OperatorNeeded(const std::string& reason);
  void SimLocked(const std::string& reason);
  void FinishStop();
  void CancelTimers();
  void CancelBackgroundTimers();  // all but the command timer
  void AbortCommands(const std::string& why);

  // Init.
  void BeginInit();
  void OnSettled(const boost::system::error_code& ec, std::uint64_t epoch);
  void IssueInitStep();
  void EnqueueInitStep(std::uint64_t epoch);
  void OnInitReply(std::uint64_t epoch, const CommandReply& reply);
  void FinishInit();

  // The byte stream.
  void StartRead();
  void OnRead(const boost::system::error_code& ec, std::size_t n, std::uint64_t generation);
  void Write(std::string bytes, std::string_view log_text);
  void StartWrite();
  void OnWrite(const boost::system::error_code& ec, std::uint64_t generation);
  void HandleEvent(at::AtEvent& event);

  // The command queue.
  void Enqueue(QueuedCommand command);
  void Pump();
  void ArmCommandTimer(std::chrono::milliseconds timeout);
  void OnCommandTimeout(const boost::system::error_code& ec, std::uint64_t seq);
  void Complete(ReplyStatus status, at::Final final);

  // Unsolicited events, inbound and health.
  // A message slot: the memory ("SM", "ME", "MT") and the index in it.
  struct Slot {
    std::string memory;
    int index = -1;
    auto operator<=>(const Slot&) const = default;
  };
  void OnUrc(const at::Urc& urc);
  void OnRegistration(int stat);
  void ReadStored(const Slot& slot);
  void DeliverStored(const std::string& memory, const StoredPdu& stored);
  void HandUp(const Slot& slot, std::string pdu_hex, Result<pdu::DecodedPdu> decoded);
  void ReportStatus(const Slot& slot, const std::string& pdu_hex, const pdu::DecodedPdu& pdu);
  // The `stored` confirmation handed up with a SIM message: deletes `slot`
  // once called. Safe to call late, twice, or after destruction.
  std::function<void()> Confirmation(const Slot& slot);
  void OnStored(const Slot& slot, const std::string& imsi);
  void DeleteStored(const Slot& slot);
  // Queues `command` to run with <mem1> = `memory`, preceded by an AT+CPMS
  // that selects it when it is not selected already (+CMTI: "ME",n on a modem
  // reading SM, Huawei E3531 gammu#369). A refused selection fails `command`
  // with the AT+CPMS reply.
  void EnqueueInMemory(const std::string& memory, QueuedCommand command);
  void OnSimFull(const std::string& why);
  void RefreshStorage();
  void ScanSim();
  void ArmHealthTimer();
  void ArmScanTimer();
  void CheckHealth();
  void RefreshNetwork();

  void Apply(ModemEvent event);
  bool TrafficAllowed() const;
  std::string Masked(std::string_view text) const;

  // Wraps a handler so it does nothing once the driver is destroyed.
  template <typename F>
  auto Guarded(F f);

  boost::asio::io_context& io_;
  ModemConfig config_;
  ModemListener& listener_;
  std::shared_ptr<spdlog::logger> log_;
  std::shared_ptr<int> alive_;

  SerialLink link_;
  at::AtEngine engine_;
  CommandQueue queue_;
  std::optional<InitSequence> init_;

  boost::asio::steady_timer command_timer_;
  boost::asio::steady_timer delay_timer_;  // resync settle, init step delays
  boost::asio::steady_timer health_timer_;
  boost::asio::steady_timer scan_timer_;
  boost::asio::steady_timer reopen_timer_;
  Backoff reopen_backoff_;

  std::array<char, 4096> read_buffer_{};
  std::deque<std::string> writes_;
  bool writing_ = false;

  ModemState state_ = ModemState::kAbsent;
  ModemInfo info_;
  // Bumped whenever the conversation restarts (fault, reopen, stop): timer
  // and init handlers from before compare it and do nothing.
  std::uint64_t epoch_ = 0;
  std::uint64_t timer_seq_ = 0;  // the command timer's current arming
  int consecutive_failures_ = 0;
  bool open_failure_logged_ = false;
  // Remembers refused PINs across re-inits and reopens (config's, or ours).
  std::shared_ptr<PinGuard> pin_guard_;
  // Set by a fault: the next init first waits for AT+CSQ's own answer, so a
  // late answer to the abandoned command is not credited to the init.
  bool resync_with_marker_ = false;
  // How long the marker waits, at least a basic command's timeout: set by a
  // command timeout (the abandoned command may still be running).
  std::chrono::milliseconds resync_wait_{0};
  bool started_ = false;
  bool stopping_ = false;
  bool stopped_ = false;
  std::function<void()> stop_done_;

  bool health_pending_ = false;
  bool cmms_active_ = false;
  std::chrono::steady_clock::time_point last_send_end_{};

  // Inbound bookkeeping, by slot: handed up and not yet deleted; confirmed
  // stored by the layer above (delete due); reads and deletes in the queue.
  std::set<Slot> handed_up_;
  std::set<Slot> to_delete_;
  std::set<Slot> reading_;
  std::set<Slot> deleting_;
  std::set<Slot> read_after_delete_;  // announced while its delete was in the queue
  // The <mem1> the modem reads and deletes in, as the queue will have it
  // when the last queued command runs; empty when unknown.
  std::string current_memory_;
  int cpms_arity_ = 0;                   // memories AT+CPMS takes (init found)
  std::set<std::string> scan_memories_;  // the storage and every +CMTI memory seen
  bool sim_full_logged_ = false;
};

template <typename F>
auto ModemDriver::Guarded(F f) {
  return [alive = std::weak_ptr<int>(alive_), f = std::move(f)](auto&&... args) mutable {
    if (alive.expired()) return;
    f(std::forward<decltype(args)>(args)...);
  };
}

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_MODEM_DRIVER_H_

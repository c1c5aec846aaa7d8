#include "modem/driver/modem_driver.h"

#include <algorithm>
#include <cctype>

#include <spdlog/spdlog.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <utility>
#include <vector>

#include "modem/at/at_commands.h"
#include "modem/at/at_replies.h"

namespace tellal::modem {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr char kEsc[] = "\x1b";
constexpr int kCmsMemoryFull = 322;  // TS 27.005 §3.2.5
std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    if (!out.empty()) out += " | ";
    out += line;
  }
  return out;
}

}  // namespace

ModemDriver::ModemDriver(asio::io_context& io, ModemConfig config, ModemListener& listener)
    : io_(io),
      config_(std::move(config)),
      listener_(listener),
      log_(config_.logger ? config_.logger : spdlog::default_logger()),
      alive_(std::make_shared<int>(0)),
      link_(io),
      command_timer_(io),
      delay_timer_(io),
      health_timer_(io),
      scan_timer_(io),
      reopen_timer_(io),
      reopen_backoff_(config_.recovery.reopen_initial, config_.recovery.reopen_max),
      pin_guard_(config_.pin_guard ? config_.pin_guard : std::make_shared<InMemoryPinGuard>()) {}

ModemDriver::~ModemDriver() {
  alive_.reset();
  link_.Close();
}

// ---------------------------------------------------------------------------
// Public API

void ModemDriver::Start() {
  if (started_) return;
  started_ = true;
  OpenDevice();
}

void ModemDriver::Stop(std::function<void()> done) {
  if (stopped_) {
    if (done) asio::post(io_, std::move(done));
    return;
  }
  stop_done_ = std::move(done);
  if (stopping_) return;
  stopping_ = true;
  log_->info("{}: stopping", name());
  // A send in flight may already be on air: let it finish so its caller
  // learns the message reference. It keeps its timeout, so a modem that
  // has gone silent still ends the stop. Everything else ends now.
  const bool wait_for_send = queue_.send_in_flight();
  if (wait_for_send) {
    CancelBackgroundTimers();
  } else {
    CancelTimers();
  }
  for (QueuedCommand& c : queue_.TakePending()) {
    if (c.done) c.done(CommandReply::Aborted("driver stopping"));
  }
  if (!wait_for_send) FinishStop();
}

void ModemDriver::Send(std::string pdu_hex, int tpdu_length, bool more_follow, SendCallback done) {
  auto fail_later = [this, &done](SendResult result) {
    asio::post(io_,
               Guarded([done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); }));
  };
  if (stopping_ || stopped_) {
    fail_later(SendUnavailable(name() + " is stopping"));
    return;
  }
  if (!AcceptsSends(state_)) {
    fail_later(SendUnavailable(name() + " is " + std::string(ToString(state_))));
    return;
  }
  Result<at::AtCommand> cmgs = at::Cmgs(tpdu_length, pdu_hex);
  if (!cmgs.ok()) {
    SendResult bad;
    bad.error = SendError::kPermanent;
    bad.detail = cmgs.error().message;
    fail_later(std::move(bad));
    return;
  }
  QueuedCommand c;
  c.command = std::move(cmgs).value();
  c.kind = CommandKind::kSend;
  c.is_send = true;
  c.more_follow = more_follow;
  c.done = [this, done = std::move(done)](CommandReply reply) {
    SendResult result = SendResultFromReply(reply);
    if (result.ok) {
      log_->debug("{}: sent, message reference {}", name(), result.message_reference);
    } else {
      log_->warn("{}: send failed ({}): {}", name(), ToString(result.error), result.detail);
    }
    done(std::move(result));
  };
  Enqueue(std::move(c));
}

std::size_t ModemDriver::queued_sends() const { return queue_.pending_sends() + (queue_.send_in_flight() ? 1 : 0); }

// ---------------------------------------------------------------------------
// Lifecycle

void ModemDriver::OpenDevice() {
  const error_code ec = link_.Open(config_.device, config_.baud, config_.hardware_flow_control);
  if (ec) {
    // One warning per outage; the retries every few seconds go to debug.
    if (!open_failure_logged_) {
      log_->warn("{}: cannot open {}: {}{}", name(), config_.device, ec.message(),
                 SerialLink::IsDeviceGone(ec) ? " (absent; retrying)" : "");
      open_failure_logged_ = true;
    } else {
      log_->debug("{}: cannot open {}: {}", name(), config_.device, ec.message());
    }
    Apply(ModemEvent::kDeviceMissing);
    ScheduleReopen();
    return;
  }
  open_failure_logged_ = false;
  log_->info("{}: opened {} at {} baud", name(), config_.device, config_.baud);
  engine_.Reset();
  consecutive_failures_ = 0;
  // A freshly opened port starts with the plain AT wake-up: a modem that
  // refuses AT+CSQ still comes back through a reopen.
  resync_with_marker_ = false;
  StartRead();
  Apply(ModemEvent::kDeviceOpened);
  BeginInit();
}

void ModemDriver::ScheduleReopen() {
  const std::chrono::milliseconds delay = reopen_backoff_.Next();
  log_->debug("{}: reopening in {} ms", name(), delay.count());
  reopen_timer_.expires_after(delay);
  reopen_timer_.async_wait(Guarded([this, epoch = epoch_](const error_code& ec) { OnReopenTimer(ec, epoch); }));
}

void ModemDriver::OnReopenTimer(const error_code& ec, std::uint64_t epoch) {
  if (ec || epoch != epoch_ || stopping_ || stopped_) return;
  OpenDevice();
}

void ModemDriver::CloseLink() {
  link_.Close();
  writes_.clear();
  writing_ = false;
  engine_.Reset();
}

void ModemDriver::CancelTimers() {
  ++timer_seq_;
  command_timer_.cancel();
  CancelBackgroundTimers();
}

void ModemDriver::CancelBackgroundTimers() {
  delay_timer_.cancel();
  health_timer_.cancel();
  scan_timer_.cancel();
  reopen_timer_.cancel();
  health_pending_ = false;
}

void ModemDriver::AbortCommands(const std::string& why) {
  std::vector<std::pair<QueuedCommand, CommandReply>> ended;
  if (queue_.in_flight()) {
    ++timer_seq_;
    command_timer_.cancel();
    engine_.AbandonCommand();
    ended.push_back(queue_.Finish(ReplyStatus::kAborted, {}, why));
  }
  for (QueuedCommand& c : queue_.TakePending()) {
    ended.emplace_back(std::move(c), CommandReply::Aborted(why));
  }
  for (auto& [command, reply] : ended) {
    if (command.done) command.done(std::move(reply));
  }
}

void ModemDriver::DeviceLost(const error_code& ec) {
  log_->warn("{}: device lost: {}", name(), ec.message());
  if (stopping_) {
    FinishStop();
    return;
  }
  ++epoch_;
  init_.reset();
  CancelTimers();
  CloseLink();
  Apply(ModemEvent::kDeviceMissing);
  AbortCommands("device lost");
  if (stopped_) return;
  reopen_backoff_.Reset();
  ScheduleReopen();
}

void ModemDriver::Fault(const std::string& reason) {
  if (stopping_) {
    FinishStop();
    return;
  }
  ++epoch_;
  init_.reset();
  CancelTimers();
  ++consecutive_failures_;
  const int max = config_.recovery.max_consecutive_failures;
  log_->warn("{}: {}; recovering (failure {} of {})", name(), reason, consecutive_failures_, max);
  Apply(ModemEvent::kFault);
  AbortCommands("recovering: " + reason);
  if (stopped_) return;
  if (consecutive_failures_ >= max) {
    log_->warn("{}: closing {} to reopen it", name(), config_.device);
    CloseLink();
    ScheduleReopen();
    return;
  }
  // The modem may still answer what we abandoned (a slow AT+CMGS): the
  // re-init starts only after a marker command's own answer has come.
  resync_with_marker_ = true;
  BeginInit();
}

void ModemDriver::OperatorNeeded(const std::string& reason) {
  log_->error("{}: {}; giving up until the device is replugged", name(), reason);
  ++epoch_;
  init_.reset();
  CancelTimers();
  Apply(ModemEvent::kOperatorNeeded);
  AbortCommands(reason);
  // The read stays running, so an unplug is still noticed and a replugged
  // (perhaps re-SIMmed) modem gets a new init.
}

void ModemDriver::SimLocked(const std::string& reason) {
  // One line, never the PIN: the reason names the state, not the value.
  log_->error("{}: SIM locked: {}; giving up until the device is replugged", name(), reason);
  ++epoch_;
  init_.reset();
  CancelTimers();
  info_.lock_reason = reason;
  Apply(ModemEvent::kSimLocked);
  AbortCommands("SIM locked: " + reason);
}

void ModemDriver::FinishStop() {
  if (stopped_) return;
  stopped_ = true;
  ++epoch_;
  init_.reset();
  CancelTimers();
  AbortCommands("driver stopped");
  CloseLink();
  log_->info("{}: stopped", name());
  if (stop_done_) asio::post(io_, std::exchange(stop_done_, nullptr));
}

// ---------------------------------------------------------------------------
// Init

void ModemDriver::BeginInit() {
  ++epoch_;
  cmms_active_ = false;
  InitOptions options;
  options.pin = config_.pin;
  options.pin_guard = pin_guard_.get();
  options.device = config_.device;
  options.wake_attempts = config_.recovery.wake_attempts;
  options.sim_poll_attempts = config_.recovery.sim_poll_attempts;
  options.sim_poll_delay = config_.timeouts.sim_poll;
  init_.emplace(std::move(options));
  // ESC ends a PDU prompt a previous owner (or our abandoned AT+CMGS) left
  // open; in command mode modems ignore it. Whatever the modem still had to
  // say drains while we wait, unattributed.
  Write(kEsc, "<ESC>");
  delay_timer_.expires_after(config_.timeouts.resync_settle);
  delay_timer_.async_wait(Guarded([this, epoch = epoch_](const error_code& ec) { OnSettled(ec, epoch); }));
}

void ModemDriver::OnSettled(const error_code& ec, std::uint64_t epoch) {
  if (ec || epoch != epoch_ || !init_) return;
  if (!resync_with_marker_) {
    IssueInitStep();
    return;
  }
  // AT+CSQ works on every GSM modem, with or without a SIM, and its
  // "+CSQ:" line tells its own OK from a stale one.
  QueuedCommand marker;
  marker.command = at::Csq();
  marker.kind = CommandKind::kBasic;
  marker.marker_prefix = "+CSQ:";
  marker.owner_handles_timeout = true;
  // resync_wait_ is set only by a command timeout; a fault without one
  // (garbage on the line, the SIM reset) still gives the marker a basic
  // command's time, never a zero timeout that fails it before the modem
  // can answer.
  marker.timeout = std::max(resync_wait_, TimeoutFor(CommandKind::kBasic, config_.timeouts));
  marker.done = [this, epoch](CommandReply reply) {
    if (epoch != epoch_ || !init_) return;
    if (reply.status != ReplyStatus::kFinal) {
      Fault("no answer to the resynchronisation marker AT+CSQ");
      return;
    }
    resync_with_marker_ = false;
    // Spent: a later fault without a timeout must not wait as long as this
    // one's abandoned send could take.
    resync_wait_ = std::chrono::milliseconds{0};
    log_->debug("{}: resynchronised", name());
    IssueInitStep();
  };
  Enqueue(std::move(marker));
}

void ModemDriver::IssueInitStep() {
  const std::chrono::milliseconds delay = init_->step().delay;
  if (delay.count() <= 0) {
    EnqueueInitStep(epoch_);
    return;
  }
  delay_timer_.expires_after(delay);
  delay_timer_.async_wait(Guarded([this, epoch = epoch_](const error_code& ec) {
    if (ec || epoch != epoch_ || !init_) return;
    EnqueueInitStep(epoch);
  }));
}

void ModemDriver::EnqueueInitStep(std::uint64_t epoch) {
  const InitStep& step = init_->step();
  QueuedCommand c;
  c.command = step.command;
  c.kind = step.kind;
  c.secret = step.secret;
  c.owner_handles_timeout = true;
  c.done = [this, epoch](CommandReply reply) { OnInitReply(epoch, reply); };
  Enqueue(std::move(c));
}

void ModemDriver::OnInitReply(std::uint64_t epoch, const CommandReply& reply) {
  if (epoch != epoch_ || !init_ || reply.status == ReplyStatus::kAborted) {
    return;
  }
  const InitOutcome outcome = init_->OnReply(reply);
  switch (outcome.verdict) {
    case InitVerdict::kNext:
      IssueInitStep();
      return;
    case InitVerdict::kDone:
      FinishInit();
      return;
    case InitVerdict::kFault:
      Fault("init: " + outcome.reason);
      return;
    case InitVerdict::kOperatorNeeded:
      OperatorNeeded(outcome.reason);
      return;
    case InitVerdict::kSimLocked:
      SimLocked(outcome.reason);
      return;
  }
}

void ModemDriver::FinishInit() {
  ModemInfo fresh = init_->info();
  cpms_arity_ = init_->cpms_arity();
  init_.reset();
  if (fresh.imsi != info_.imsi && !info_.imsi.empty()) {
    // Another SIM: the indexes we were tracking belong to the old one.
    log_->warn("{}: SIM changed (IMSI {} -> {})", name(), info_.imsi, fresh.imsi);
    handed_up_.clear();
    read_after_delete_.clear();
    to_delete_.clear();
  }
  info_ = std::move(fresh);
  // Init's AT+CPMS selected the storage as <mem1>.
  current_memory_ = info_.storage;
  scan_memories_.insert(info_.storage);
  consecutive_failures_ = 0;
  reopen_backoff_.Reset();
  const bool registered = at::IsRegistered(info_.registration);
  log_->info(
      "{}: initialised: {} {} ({}), IMEI {}, operator '{}', signal {}, "
      "registration {}, CNMI {}, CMMS {}",
      name(), info_.manufacturer, info_.model, info_.family, info_.imei, info_.operator_name,
      info_.signal_dbm ? std::to_string(*info_.signal_dbm) + " dBm" : std::string("unknown"), info_.registration,
      info_.cnmi.empty() ? "none" : info_.cnmi, info_.supports_cmms ? "yes" : "no");
  Apply(registered ? ModemEvent::kInitialisedRegistered : ModemEvent::kInitialisedUnregistered);
  ArmHealthTimer();
  ArmScanTimer();
  // Whatever arrived while we were away, or whose +CMTI we missed.
  if (info_.sim_full) OnSimFull("+CPMS: " + std::to_string(info_.sim_used) + " of " + std::to_string(info_.sim_total));
  ScanSim();
  Pump();
}

// ---------------------------------------------------------------------------
// The byte stream

void ModemDriver::StartRead() {
  link_.port().async_read_some(asio::buffer(read_buffer_),
                               Guarded([this, generation = link_.generation()](const error_code& ec, std::size_t n) {
                                 OnRead(ec, n, generation);
                               }));
}

void ModemDriver::OnRead(const error_code& ec, std::size_t n, std::uint64_t generation) {
  if (generation != link_.generation() || !link_.is_open()) return;
  if (ec) {
    if (ec == asio::error::operation_aborted) return;
    DeviceLost(ec);
    return;
  }
  std::vector<at::AtEvent> events = engine_.Feed(std::string_view(read_buffer_.data(), n));
  const std::uint64_t epoch = epoch_;
  for (at::AtEvent& event : events) {
    HandleEvent(event);
    // A fault restarted the conversation: the rest belongs to the old one.
    if (epoch != epoch_ || stopped_) break;
  }
  if (!stopped_ && link_.is_open() && generation == link_.generation()) {
    StartRead();
  }
}

void ModemDriver::Write(std::string bytes, std::string_view log_text) {
  log_->debug("{}: > {}", name(), log_text);
  if (!link_.is_open()) return;
  writes_.push_back(std::move(bytes));
  if (!writing_) StartWrite();
}

void ModemDriver::StartWrite() {
  writing_ = true;
  auto bytes = std::make_shared<std::string>(std::move(writes_.front()));
  writes_.pop_front();
  asio::async_write(link_.port(), asio::buffer(*bytes),
                    Guarded([this, bytes, generation = link_.generation()](const error_code& ec, std::size_t) {
                      OnWrite(ec, generation);
                    }));
}

void ModemDriver::OnWrite(const error_code& ec, std::uint64_t generation) {
  if (generation != link_.generation() || !link_.is_open()) return;
  writing_ = false;
  if (ec) {
    if (ec == asio::error::operation_aborted) return;
    DeviceLost(ec);
    return;
  }
  if (!writes_.empty()) StartWrite();
}

void ModemDriver::HandleEvent(at::AtEvent& event) {
  if (auto* line = std::get_if<at::Line>(&event)) {
    log_->debug("{}: < {}", name(), Masked(line->text));
    if (queue_.in_flight()) queue_.AddLine(std::move(*line));
  } else if (auto* final = std::get_if<at::Final>(&event)) {
    log_->debug("{}: < {}", name(), final->text);
    if (!queue_.in_flight()) return;
    const QueuedCommand& current = queue_.current();
    if (!current.marker_prefix.empty() && !queue_.HasLineWithPrefix(current.marker_prefix)) {
      log_->debug("{}: ignoring stale {} while resynchronising", name(), final->text);
      engine_.BeginCommand(current.command);  // keep waiting for the marker's own answer
      return;
    }
    Complete(ReplyStatus::kFinal, std::move(*final));
  } else if (std::holds_alternative<at::Prompt>(event)) {
    log_->debug("{}: < >", name());
    if (queue_.in_flight() && queue_.current().command.expects_prompt() && !queue_.prompt_seen()) {
      queue_.MarkPrompt();
      const at::AtCommand& command = queue_.current().command;
      Write(at::PayloadBytes(command), command.payload + "<Ctrl-Z>");
      ArmCommandTimer(config_.timeouts.send);
    }
  } else if (auto* urc = std::get_if<at::Urc>(&event)) {
    log_->debug("{}: < {}", name(), Masked(JoinLines(urc->lines)));
    OnUrc(*urc);
  } else if (auto* overflow = std::get_if<at::Overflow>(&event)) {
    Fault("a line longer than " + std::to_string(overflow->limit) + " bytes: garbage on the line");
  }
}

// ---------------------------------------------------------------------------
// The command queue

void ModemDriver::Enqueue(QueuedCommand command) {
  queue_.push_back(std::move(command));
  Pump();
}

void ModemDriver::Pump() {
  if (stopped_ || queue_.in_flight()) return;
  if (stopping_) {
    FinishStop();
    return;
  }
  if (!link_.is_open()) return;
  const QueuedCommand* next = queue_.front();
  if (next == nullptr) {
    Apply(ModemEvent::kSendsDrained);
    return;
  }
  if (next->is_send) {
    const auto now = std::chrono::steady_clock::now();
    if (cmms_active_ && now - last_send_end_ > config_.recovery.cmms_hold) {
      cmms_active_ = false;
    }
    const bool more = next->more_follow || queue_.pending_sends() > 1;
    if (more && info_.supports_cmms && !cmms_active_) {
      QueuedCommand cmms;
      cmms.command = at::Cmms(1).value();
      cmms.done = [this](CommandReply reply) {
        if (reply.ok()) {
          cmms_active_ = true;
          last_send_end_ = std::chrono::steady_clock::now();
        } else if (reply.status == ReplyStatus::kFinal) {
          info_.supports_cmms = false;
        }
      };
      queue_.push_front(std::move(cmms));
    } else {
      Apply(ModemEvent::kSendStarted);
    }
  }
  const QueuedCommand& command = queue_.StartNext();
  engine_.BeginCommand(command.command);
  Write(at::CommandBytes(command.command),
        command.secret ? std::string("AT+CPIN=\"****\"") : Masked(command.command.text));
  ArmCommandTimer(command.timeout ? *command.timeout : TimeoutFor(command.kind, config_.timeouts));
}

void ModemDriver::ArmCommandTimer(std::chrono::milliseconds timeout) {
  const std::uint64_t seq = ++timer_seq_;
  command_timer_.expires_after(timeout);
  command_timer_.async_wait(Guarded([this, seq](const error_code& ec) { OnCommandTimeout(ec, seq); }));
}

void ModemDriver::OnCommandTimeout(const error_code& ec, std::uint64_t seq) {
  if (ec || seq != timer_seq_ || !queue_.in_flight()) return;
  const QueuedCommand& command = queue_.current();
  const bool awaiting_prompt = command.command.expects_prompt() && !queue_.prompt_seen();
  const std::string what = command.secret ? "AT+CPIN" : command.command.text;
  const bool owner_decides = command.owner_handles_timeout;
  // The modem may take as long again to finish what was abandoned; the
  // resynchronisation marker waits that long for its own answer.
  const bool on_air = command.command.expects_prompt() && !awaiting_prompt;
  resync_wait_ = std::max(TimeoutFor(CommandKind::kBasic, config_.timeouts),
                          on_air ? config_.timeouts.send : TimeoutFor(command.kind, config_.timeouts));
  log_->warn("{}: {} timed out{}", name(), what, awaiting_prompt ? " waiting for the prompt" : "");
  // A late answer must not be credited to the next command.
  engine_.AbandonCommand();
  if (awaiting_prompt) Write(kEsc, "<ESC>");
  auto [ended, reply] = queue_.Finish(ReplyStatus::kTimeout);
  if (ended.is_send) last_send_end_ = std::chrono::steady_clock::now();
  if (ended.done) ended.done(std::move(reply));
  if (stopped_) return;
  if (owner_decides) {
    Pump();
  } else {
    Fault(what + " timed out");
  }
}

void ModemDriver::Complete(ReplyStatus status, at::Final final) {
  ++timer_seq_;
  command_timer_.cancel();
  // TS 27.005 §3.2.5 322 "memory full", whichever command met it.
  const bool memory_full = final.kind == at::FinalKind::kCmsError && final.code == kCmsMemoryFull;
  auto [ended, reply] = queue_.Finish(status, std::move(final));
  if (ended.is_send) last_send_end_ = std::chrono::steady_clock::now();
  if (ended.done) ended.done(std::move(reply));
  if (memory_full) OnSimFull("+CMS ERROR: 322");
  Pump();
}

// ---------------------------------------------------------------------------
// Helpers

void ModemDriver::Apply(ModemEvent event) {
  const ModemState next = NextState(state_, event);
  if (next == state_) return;
  // ready <-> busy flips twice per message; at gateway rates that would
  // drown the log, so only the transitions that mean something are info.
  const bool routine = (state_ == ModemState::kReady && next == ModemState::kBusy) ||
                       (state_ == ModemState::kBusy && next == ModemState::kReady);
  log_->log(routine ? spdlog::level::debug : spdlog::level::info, "{}: {} -> {} ({})", name(), ToString(state_),
            ToString(next), ToString(event));
  state_ = next;
  asio::post(io_, Guarded([this, next] {
               if (!stopped_) listener_.OnStateChanged(config_.name, next);
             }));
}

bool ModemDriver::TrafficAllowed() const {
  return link_.is_open() && !init_ && !stopping_ && !stopped_ &&
         (state_ == ModemState::kReady || state_ == ModemState::kBusy || state_ == ModemState::kDegraded);
}

std::string ModemDriver::Masked(std::string_view text) const {
  std::string out(text);
  // An echo of AT+CPIN=… (echo still on, or an echo the engine did not
  // recognise) must not put the PIN or PUK in the log, whatever it holds.
  static constexpr std::string_view kCpinSet = "AT+CPIN=";
  for (std::size_t i = 0; i + kCpinSet.size() <= out.size(); ++i) {
    bool match = true;
    for (std::size_t j = 0; j < kCpinSet.size() && match; ++j) {
      match = std::toupper(static_cast<unsigned char>(out[i + j])) == kCpinSet[j];
    }
    if (match) {
      const std::size_t end = out.find_first_of("\r\n|", i);
      out.replace(i + kCpinSet.size(), (end == std::string::npos ? out.size() : end) - i - kCpinSet.size(), "****");
      break;
    }
  }
  if (config_.pin.empty()) return out;
  const std::string quoted = "\"" + config_.pin + "\"";
  for (std::size_t at = out.find(quoted); at != std::string::npos; at = out.find(quoted, at)) {
    out.replace(at, quoted.size(), "\"****\"");
  }
  return out;
}

}  // namespace tellal::modem

#include "modem/driver/modem_driver.h"

#include <algorithm>

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
      reopen_backoff_(config_.recovery.reopen_initial, config_.recovery.reopen_max) {}

ModemDriver::~ModemDriver() {
  alive_.reset();
  link_.close();
}

// ---------------------------------------------------------------------------
// Public API

void ModemDriver::start() {
  if (started_) return;
  started_ = true;
  open_device();
}

void ModemDriver::stop(std::function<void()> done) {
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
    cancel_background_timers();
  } else {
    cancel_timers();
  }
  for (QueuedCommand& c : queue_.take_pending()) {
    if (c.done) c.done(CommandReply::Aborted("driver stopping"));
  }
  if (!wait_for_send) finish_stop();
}

void ModemDriver::send(std::string pdu_hex, int tpdu_length, bool more_follow, SendCallback done) {
  auto fail_later = [this, &done](SendResult result) {
    asio::post(io_,
               guarded([done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); }));
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
  enqueue(std::move(c));
}

std::size_t ModemDriver::queued_sends() const { return queue_.pending_sends() + (queue_.send_in_flight() ? 1 : 0); }

// ---------------------------------------------------------------------------
// Lifecycle

void ModemDriver::open_device() {
  const error_code ec = link_.open(config_.device, config_.baud, config_.hardware_flow_control);
  if (ec) {
    // One warning per outage; the retries every few seconds go to debug.
    if (!open_failure_logged_) {
      log_->warn("{}: cannot open {}: {}{}", name(), config_.device, ec.message(),
                 SerialLink::IsDeviceGone(ec) ? " (absent; retrying)" : "");
      open_failure_logged_ = true;
    } else {
      log_->debug("{}: cannot open {}: {}", name(), config_.device, ec.message());
    }
    apply(ModemEvent::kDeviceMissing);
    schedule_reopen();
    return;
  }
  open_failure_logged_ = false;
  log_->info("{}: opened {} at {} baud", name(), config_.device, config_.baud);
  engine_.reset();
  consecutive_failures_ = 0;
  // A freshly opened port starts with the plain AT wake-up: a modem that
  // refuses AT+CSQ still comes back through a reopen.
  resync_with_marker_ = false;
  start_read();
  apply(ModemEvent::kDeviceOpened);
  begin_init();
}

void ModemDriver::schedule_reopen() {
  const std::chrono::milliseconds delay = reopen_backoff_.next();
  log_->debug("{}: reopening in {} ms", name(), delay.count());
  reopen_timer_.expires_after(delay);
  reopen_timer_.async_wait(guarded([this, epoch = epoch_](const error_code& ec) { on_reopen_timer(ec, epoch); }));
}

void ModemDriver::on_reopen_timer(const error_code& ec, std::uint64_t epoch) {
  if (ec || epoch != epoch_ || stopping_ || stopped_) return;
  open_device();
}

void ModemDriver::close_link() {
  link_.close();
  writes_.clear();
  writing_ = false;
  engine_.reset();
}

void ModemDriver::cancel_timers() {
  ++timer_seq_;
  command_timer_.cancel();
  cancel_background_timers();
}

void ModemDriver::cancel_background_timers() {
  delay_timer_.cancel();
  health_timer_.cancel();
  scan_timer_.cancel();
  reopen_timer_.cancel();
  health_pending_ = false;
}

void ModemDriver::abort_commands(const std::string& why) {
  std::vector<std::pair<QueuedCommand, CommandReply>> ended;
  if (queue_.in_flight()) {
    ++timer_seq_;
    command_timer_.cancel();
    engine_.abandon_command();
    ended.push_back(queue_.finish(ReplyStatus::kAborted, {}, why));
  }
  for (QueuedCommand& c : queue_.take_pending()) {
    ended.emplace_back(std::move(c), CommandReply::Aborted(why));
  }
  for (auto& [command, reply] : ended) {
    if (command.done) command.done(std::move(reply));
  }
}

void ModemDriver::device_lost(const error_code& ec) {
  log_->warn("{}: device lost: {}", name(), ec.message());
  if (stopping_) {
    finish_stop();
    return;
  }
  ++epoch_;
  init_.reset();
  cancel_timers();
  close_link();
  apply(ModemEvent::kDeviceMissing);
  abort_commands("device lost");
  if (stopped_) return;
  reopen_backoff_.reset();
  schedule_reopen();
}

void ModemDriver::fault(const std::string& reason) {
  if (stopping_) {
    finish_stop();
    return;
  }
  ++epoch_;
  init_.reset();
  cancel_timers();
  ++consecutive_failures_;
  const int max = config_.recovery.max_consecutive_failures;
  log_->warn("{}: {}; recovering (failure {} of {})", name(), reason, consecutive_failures_, max);
  apply(ModemEvent::kFault);
  abort_commands("recovering: " + reason);
  if (stopped_) return;
  if (consecutive_failures_ >= max) {
    log_->warn("{}: closing {} to reopen it", name(), config_.device);
    close_link();
    schedule_reopen();
    return;
  }
  // The modem may still answer what we abandoned (a slow AT+CMGS): the
  // re-init starts only after a marker command's own answer has come.
  resync_with_marker_ = true;
  begin_init();
}

void ModemDriver::operator_needed(const std::string& reason) {
  log_->error("{}: {}; giving up until the device is replugged", name(), reason);
  ++epoch_;
  init_.reset();
  cancel_timers();
  apply(ModemEvent::kOperatorNeeded);
  abort_commands(reason);
  // The read stays running, so an unplug is still noticed and a replugged
  // (perhaps re-SIMmed) modem gets a new init.
}

void ModemDriver::finish_stop() {
  if (stopped_) return;
  stopped_ = true;
  ++epoch_;
  init_.reset();
  cancel_timers();
  abort_commands("driver stopped");
  close_link();
  log_->info("{}: stopped", name());
  if (stop_done_) asio::post(io_, std::exchange(stop_done_, nullptr));
}

// ---------------------------------------------------------------------------
// Init

void ModemDriver::begin_init() {
  ++epoch_;
  cmms_active_ = false;
  InitOptions options;
  options.pin = config_.pin;
  options.pin_rejected = pin_rejected_;
  options.wake_attempts = config_.recovery.wake_attempts;
  options.sim_poll_attempts = config_.recovery.sim_poll_attempts;
  options.sim_poll_delay = config_.timeouts.sim_poll;
  init_.emplace(std::move(options));
  // ESC ends a PDU prompt a previous owner (or our abandoned AT+CMGS) left
  // open; in command mode modems ignore it. Whatever the modem still had to
  // say drains while we wait, unattributed.
  write(kEsc, "<ESC>");
  delay_timer_.expires_after(config_.timeouts.resync_settle);
  delay_timer_.async_wait(guarded([this, epoch = epoch_](const error_code& ec) { on_settled(ec, epoch); }));
}

void ModemDriver::on_settled(const error_code& ec, std::uint64_t epoch) {
  if (ec || epoch != epoch_ || !init_) return;
  if (!resync_with_marker_) {
    issue_init_step();
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
      fault("no answer to the resynchronisation marker AT+CSQ");
      return;
    }
    resync_with_marker_ = false;
    // Spent: a later fault without a timeout must not wait as long as this
    // one's abandoned send could take.
    resync_wait_ = std::chrono::milliseconds{0};
    log_->debug("{}: resynchronised", name());
    issue_init_step();
  };
  enqueue(std::move(marker));
}

void ModemDriver::issue_init_step() {
  const std::chrono::milliseconds delay = init_->step().delay;
  if (delay.count() <= 0) {
    enqueue_init_step(epoch_);
    return;
  }
  delay_timer_.expires_after(delay);
  delay_timer_.async_wait(guarded([this, epoch = epoch_](const error_code& ec) {
    if (ec || epoch != epoch_ || !init_) return;
    enqueue_init_step(epoch);
  }));
}

void ModemDriver::enqueue_init_step(std::uint64_t epoch) {
  const InitStep& step = init_->step();
  QueuedCommand c;
  c.command = step.command;
  c.kind = step.kind;
  c.secret = step.secret;
  c.owner_handles_timeout = true;
  c.done = [this, epoch](CommandReply reply) { on_init_reply(epoch, reply); };
  enqueue(std::move(c));
}

void ModemDriver::on_init_reply(std::uint64_t epoch, const CommandReply& reply) {
  if (epoch != epoch_ || !init_ || reply.status == ReplyStatus::kAborted) {
    return;
  }
  const InitOutcome outcome = init_->on_reply(reply);
  pin_rejected_ = pin_rejected_ || init_->pin_rejected();
  switch (outcome.verdict) {
    case InitVerdict::kNext:
      issue_init_step();
      return;
    case InitVerdict::kDone:
      finish_init();
      return;
    case InitVerdict::kFault:
      fault("init: " + outcome.reason);
      return;
    case InitVerdict::kOperatorNeeded:
      operator_needed(outcome.reason);
      return;
  }
}

void ModemDriver::finish_init() {
  ModemInfo fresh = init_->info();
  init_.reset();
  if (fresh.imsi != info_.imsi && !info_.imsi.empty()) {
    // Another SIM: the indexes we were tracking belong to the old one.
    log_->warn("{}: SIM changed (IMSI {} -> {})", name(), info_.imsi, fresh.imsi);
    handed_up_.clear();
    to_delete_.clear();
  }
  info_ = std::move(fresh);
  consecutive_failures_ = 0;
  reopen_backoff_.reset();
  const bool registered = at::IsRegistered(info_.registration);
  log_->info(
      "{}: initialised: {} {} ({}), IMEI {}, operator '{}', signal {}, "
      "registration {}, CNMI {}, CMMS {}",
      name(), info_.manufacturer, info_.model, info_.family, info_.imei, info_.operator_name,
      info_.signal_dbm ? std::to_string(*info_.signal_dbm) + " dBm" : std::string("unknown"), info_.registration,
      info_.cnmi.empty() ? "none" : info_.cnmi, info_.supports_cmms ? "yes" : "no");
  apply(registered ? ModemEvent::kInitialisedRegistered : ModemEvent::kInitialisedUnregistered);
  arm_health_timer();
  arm_scan_timer();
  // Whatever arrived while we were away, or whose +CMTI we missed.
  scan_sim();
  pump();
}

// ---------------------------------------------------------------------------
// The byte stream

void ModemDriver::start_read() {
  link_.port().async_read_some(asio::buffer(read_buffer_),
                               guarded([this, generation = link_.generation()](const error_code& ec, std::size_t n) {
                                 on_read(ec, n, generation);
                               }));
}

void ModemDriver::on_read(const error_code& ec, std::size_t n, std::uint64_t generation) {
  if (generation != link_.generation() || !link_.is_open()) return;
  if (ec) {
    if (ec == asio::error::operation_aborted) return;
    device_lost(ec);
    return;
  }
  std::vector<at::AtEvent> events = engine_.feed(std::string_view(read_buffer_.data(), n));
  const std::uint64_t epoch = epoch_;
  for (at::AtEvent& event : events) {
    handle_event(event);
    // A fault restarted the conversation: the rest belongs to the old one.
    if (epoch != epoch_ || stopped_) break;
  }
  if (!stopped_ && link_.is_open() && generation == link_.generation()) {
    start_read();
  }
}

void ModemDriver::write(std::string bytes, std::string_view log_text) {
  log_->debug("{}: > {}", name(), log_text);
  if (!link_.is_open()) return;
  writes_.push_back(std::move(bytes));
  if (!writing_) start_write();
}

void ModemDriver::start_write() {
  writing_ = true;
  auto bytes = std::make_shared<std::string>(std::move(writes_.front()));
  writes_.pop_front();
  asio::async_write(link_.port(), asio::buffer(*bytes),
                    guarded([this, bytes, generation = link_.generation()](const error_code& ec, std::size_t) {
                      on_write(ec, generation);
                    }));
}

void ModemDriver::on_write(const error_code& ec, std::uint64_t generation) {
  if (generation != link_.generation() || !link_.is_open()) return;
  writing_ = false;
  if (ec) {
    if (ec == asio::error::operation_aborted) return;
    device_lost(ec);
    return;
  }
  if (!writes_.empty()) start_write();
}

void ModemDriver::handle_event(at::AtEvent& event) {
  if (auto* line = std::get_if<at::Line>(&event)) {
    log_->debug("{}: < {}", name(), masked(line->text));
    if (queue_.in_flight()) queue_.add_line(std::move(*line));
  } else if (auto* final = std::get_if<at::Final>(&event)) {
    log_->debug("{}: < {}", name(), final->text);
    if (!queue_.in_flight()) return;
    const QueuedCommand& current = queue_.current();
    if (!current.marker_prefix.empty() && !queue_.has_line_with_prefix(current.marker_prefix)) {
      log_->debug("{}: ignoring stale {} while resynchronising", name(), final->text);
      engine_.begin_command(current.command);  // keep waiting for the marker's own answer
      return;
    }
    complete(ReplyStatus::kFinal, std::move(*final));
  } else if (std::holds_alternative<at::Prompt>(event)) {
    log_->debug("{}: < >", name());
    if (queue_.in_flight() && queue_.current().command.expects_prompt() && !queue_.prompt_seen()) {
      queue_.mark_prompt();
      const at::AtCommand& command = queue_.current().command;
      write(at::PayloadBytes(command), command.payload + "<Ctrl-Z>");
      arm_command_timer(config_.timeouts.send);
    }
  } else if (auto* urc = std::get_if<at::Urc>(&event)) {
    log_->debug("{}: < {}", name(), masked(JoinLines(urc->lines)));
    on_urc(*urc);
  } else if (auto* overflow = std::get_if<at::Overflow>(&event)) {
    fault("a line longer than " + std::to_string(overflow->limit) + " bytes: garbage on the line");
  }
}

// ---------------------------------------------------------------------------
// The command queue

void ModemDriver::enqueue(QueuedCommand command) {
  queue_.push_back(std::move(command));
  pump();
}

void ModemDriver::pump() {
  if (stopped_ || queue_.in_flight()) return;
  if (stopping_) {
    finish_stop();
    return;
  }
  if (!link_.is_open()) return;
  const QueuedCommand* next = queue_.front();
  if (next == nullptr) {
    apply(ModemEvent::kSendsDrained);
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
      apply(ModemEvent::kSendStarted);
    }
  }
  const QueuedCommand& command = queue_.start_next();
  engine_.begin_command(command.command);
  write(at::CommandBytes(command.command),
        command.secret ? std::string_view("AT+CPIN=\"****\"") : std::string_view(command.command.text));
  arm_command_timer(command.timeout ? *command.timeout : TimeoutFor(command.kind, config_.timeouts));
}

void ModemDriver::arm_command_timer(std::chrono::milliseconds timeout) {
  const std::uint64_t seq = ++timer_seq_;
  command_timer_.expires_after(timeout);
  command_timer_.async_wait(guarded([this, seq](const error_code& ec) { on_command_timeout(ec, seq); }));
}

void ModemDriver::on_command_timeout(const error_code& ec, std::uint64_t seq) {
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
  engine_.abandon_command();
  if (awaiting_prompt) write(kEsc, "<ESC>");
  auto [ended, reply] = queue_.finish(ReplyStatus::kTimeout);
  if (ended.is_send) last_send_end_ = std::chrono::steady_clock::now();
  if (ended.done) ended.done(std::move(reply));
  if (stopped_) return;
  if (owner_decides) {
    pump();
  } else {
    fault(what + " timed out");
  }
}

void ModemDriver::complete(ReplyStatus status, at::Final final) {
  ++timer_seq_;
  command_timer_.cancel();
  auto [ended, reply] = queue_.finish(status, std::move(final));
  if (ended.is_send) last_send_end_ = std::chrono::steady_clock::now();
  if (ended.done) ended.done(std::move(reply));
  pump();
}

// ---------------------------------------------------------------------------
// Helpers

void ModemDriver::apply(ModemEvent event) {
  const ModemState next = NextState(state_, event);
  if (next == state_) return;
  // ready <-> busy flips twice per message; at gateway rates that would
  // drown the log, so only the transitions that mean something are info.
  const bool routine = (state_ == ModemState::kReady && next == ModemState::kBusy) ||
                       (state_ == ModemState::kBusy && next == ModemState::kReady);
  log_->log(routine ? spdlog::level::debug : spdlog::level::info, "{}: {} -> {} ({})", name(), ToString(state_),
            ToString(next), ToString(event));
  state_ = next;
  asio::post(io_, guarded([this, next] {
               if (!stopped_) listener_.on_state_changed(*this, next);
             }));
}

bool ModemDriver::traffic_allowed() const {
  return link_.is_open() && !init_ && !stopping_ && !stopped_ &&
         (state_ == ModemState::kReady || state_ == ModemState::kBusy || state_ == ModemState::kDegraded);
}

std::string ModemDriver::masked(std::string_view text) const {
  std::string out(text);
  if (config_.pin.empty()) return out;
  // An echo of AT+CPIN="…" (echo still on, or an echo the engine did not
  // recognise) must not put the PIN in the log.
  const std::string quoted = "\"" + config_.pin + "\"";
  for (std::size_t at = out.find(quoted); at != std::string::npos; at = out.find(quoted, at)) {
    out.replace(at, quoted.size(), "\"****\"");
  }
  return out;
}

}  // namespace tellal::modem

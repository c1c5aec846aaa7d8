#include "daemon/core/dispatcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>

#include "daemon/core/local_time.h"
#include "daemon/core/outbound_pdus.h"

namespace tellal::core {

using store::Millis;

namespace {

struct SentSegment {
  int seq = 1;
  int mr = 0;
  Millis at = 0;
  bool recorded = false;  // already in the store (a part before the last)
};

std::string ErrorCode(const modem::SendResult& result) {
  switch (result.error) {
    case modem::SendError::kPermanent:
    case modem::SendError::kTemporary:
    case modem::SendError::kModem:
      if (result.code >= 0) {
        const bool cme = result.table == modem::ErrorTable::kCme;
        return std::string(cme ? "CME " : "CMS ") + std::to_string(result.code);
      }
      return std::string(modem::ToString(result.error));
    case modem::SendError::kTimeout:
      return "timeout";
    case modem::SendError::kUnavailable:
      return "unavailable";
    case modem::SendError::kNone:
      break;
  }
  return "error";
}

// Errors after which the same message may go again: the network or the
// modem may do better later. Permanent errors will not; after a timeout the
// part may already be out.
bool Retryable(modem::SendError error) {
  return error == modem::SendError::kTemporary || error == modem::SendError::kModem ||
         error == modem::SendError::kUnavailable;
}

// The wait before the same modem tries `attempts`' message again.
Millis Backoff(const DispatcherOptions& options, int attempts) {
  const int doublings = std::clamp(attempts - 1, 0, 20);
  return std::min<Millis>(options.retry_backoff.count() << doublings, options.max_backoff.count());
}

std::string Progress(size_t out, size_t total) {
  return "sent " + std::to_string(out) + " of " + std::to_string(total) + " parts";
}

}  // namespace

struct Dispatcher::Outcome {
  enum class Kind { kSent, kRequeue, kPause, kFailed, kUnknown };
  Kind kind = Kind::kSent;
  store::Message message;
  std::string modem;
  std::vector<SentSegment> segments;  // answered with +CMGS in this attempt
  store::MessageError error;
  Millis at = 0;
  Millis not_before = 0;    // kRequeue, kPause
  Millis resume_until = 0;  // kPause
  bool failover = false;    // kRequeue: another free modem may take it at once
};

struct Dispatcher::Slot {
  Slot(std::string name, modem::Modem& d, std::function<Millis(Millis)> next_midnight)
      : id(std::move(name)), driver(&d), limiter(std::move(next_midnight)) {}

  std::string id;
  modem::Modem* driver;
  SendLimiter limiter;
  modem::ModemState last_state = modem::ModemState::kAbsent;

  // The message in flight, its PDUs and how far it got.
  std::optional<store::Message> current;
  std::vector<pdu::EncodedPdu> pdus;
  size_t next = 0;
  std::vector<bool> sent_before;  // per part: recorded by an earlier attempt
  size_t parts_before = 0;
  std::vector<SentSegment> sent;  // in this attempt
  std::chrono::steady_clock::time_point segment_started;

  int consecutive_failures = 0;
  int rests = 0;
  Millis rest_until = 0;

  bool removing = false;
  std::function<void()> removed;

  ModemCounters counters;
};

Dispatcher::Dispatcher(boost::asio::io_context& io, store::OutboundQueue& queue, store::SendLog& send_log,
                       store::GroupCommit& groups, DispatcherOptions options)
    : io_(io),
      queue_(queue),
      send_log_(send_log),
      groups_(groups),
      options_(std::move(options)),
      log_(options_.log ? options_.log : spdlog::default_logger()),
      alive_(std::make_shared<int>(0)),
      wake_timer_(io),
      gather_timer_(io) {
  if (!options_.now) options_.now = NowMillis;
  if (!options_.next_midnight) options_.next_midnight = NextLocalMidnight;
  if (!options_.day_start) options_.day_start = LocalMidnight;
}

Dispatcher::~Dispatcher() = default;

Millis Dispatcher::Now() const { return options_.now(); }

store::CommercialRules Dispatcher::CommercialRulesAt(Millis now) const {
  return options_.commercial_rules ? options_.commercial_rules(now) : store::CommercialRules{};
}

Status Dispatcher::AddModem(const std::string& id, modem::Modem& driver, ModemLimits limits) {
  if (slots_.count(id)) return Error::Conflict("modem " + id + " is already dispatched to");
  auto slot = std::make_unique<Slot>(id, driver, options_.next_midnight);
  const Millis now = Now();
  auto recent = send_log_.SendTimes(id, now - SendLimiter::kWindow);
  if (!recent) return Wrap("modem " + id + ": restoring the rate window", recent.error());
  auto today = send_log_.CountSends(id, options_.day_start(now));
  if (!today) return Wrap("modem " + id + ": restoring the daily count", today.error());
  slot->limiter.SetLimits(limits.rate_per_minute, limits.daily_limit);
  slot->limiter.Restore(*recent, *today, now);
  slot->last_state = driver.state();
  slots_.emplace(id, std::move(slot));
  SchedulePump();
  return Status::Ok();
}

void Dispatcher::RemoveModem(const std::string& id, std::function<void()> done) {
  auto it = slots_.find(id);
  if (it == slots_.end()) {
    boost::asio::post(io_, std::move(done));
    return;
  }
  it->second->removing = true;
  it->second->removed = std::move(done);
  SchedulePump();  // the pump erases it once nothing is in flight
}

void Dispatcher::SetLimits(const std::string& id, ModemLimits limits) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return;
  it->second->limiter.SetLimits(limits.rate_per_minute, limits.daily_limit);
  SchedulePump();
}

void Dispatcher::ModemStateChanged(const std::string& id, modem::ModemState state) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return;
  Slot& slot = *it->second;
  const bool was_serving = modem::AcceptsSends(slot.last_state);
  slot.last_state = state;
  if (modem::AcceptsSends(state) && !was_serving && slot.rest_until != 0) {
    // It went through recovery and came back: that is the "recovers" that
    // returns it to rotation, whatever is left of its rest.
    log_->info("{}: back in rotation after recovering", id);
    slot.rest_until = 0;
    slot.consecutive_failures = 0;
    slot.counters.resting = false;
  }
  // Between ready and busy (every send passes through busy) there is
  // nothing new to claim for: the send's own result pumps.
  if (modem::AcceptsSends(state) && !was_serving) SchedulePump();
}

void Dispatcher::Wake() { SchedulePump(); }

namespace {

void ShiftMessage(store::Message& m, Millis delta) {
  m.not_before += delta;
  if (m.valid_until) *m.valid_until += delta;
  if (m.resume_until) *m.resume_until += delta;
}

}  // namespace

void Dispatcher::ClockStepped(Millis delta) {
  for (auto& [id, slot] : slots_) {
    slot->limiter.Shift(delta);
    if (slot->rest_until != 0) slot->rest_until += delta;
    if (slot->current) ShiftMessage(*slot->current, delta);
    for (SentSegment& segment : slot->sent) segment.at += delta;
  }
  for (Outcome& outcome : outcomes_) {
    ShiftMessage(outcome.message, delta);
    for (SentSegment& segment : outcome.segments) segment.at += delta;
    outcome.at += delta;
    outcome.not_before += delta;
    outcome.resume_until += delta;
  }
  last_expiry_sweep_ += delta;
  // The pump re-arms the timer for the moved deadlines.
  wake_at_.reset();
  wake_timer_.cancel();
  SchedulePump();
}

void Dispatcher::Stop(std::function<void()> done) {
  stopping_ = true;
  stop_done_ = std::move(done);
  wake_timer_.cancel();
  SchedulePump();
}

std::optional<ModemCounters> Dispatcher::Counters(const std::string& id) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return std::nullopt;
  Slot& slot = *it->second;
  const Millis now = Now();
  ModemCounters c = slot.counters;
  c.sent_today = slot.limiter.SentToday(now);
  c.rate_per_minute = slot.limiter.per_minute();
  c.daily_limit = slot.limiter.daily();
  c.resting = now < slot.rest_until;
  return c;
}

void Dispatcher::CommitOutcomes() {
  if (!outcomes_.empty()) Pump();
}

void Dispatcher::SchedulePump() {
  if (pump_posted_) return;
  pump_posted_ = true;
  boost::asio::post(io_, [this, alive = std::weak_ptr<int>(alive_)] {
    if (alive.expired()) return;
    Pump();
  });
}

bool Dispatcher::Eligible(Slot& slot, Millis now) {
  return !slot.current && !slot.removing && modem::AcceptsSends(slot.driver->state()) && now >= slot.rest_until &&
         slot.limiter.Allows(now);
}

void Dispatcher::GatherThenPump() {
  const bool others_in_flight =
      std::any_of(slots_.begin(), slots_.end(), [](const auto& entry) { return entry.second->current.has_value(); });
  if (options_.commit_gather.count() == 0 || stopping_ || !others_in_flight) {
    SchedulePump();
    return;
  }
  if (gathering_) return;
  gathering_ = true;
  gather_timer_.expires_after(options_.commit_gather);
  gather_timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
    if (ec || alive.expired() || !gathering_) return;
    gathering_ = false;
    SchedulePump();
  });
}

void Dispatcher::Pump() {
  pump_posted_ = false;
  if (gathering_) {
    gathering_ = false;
    gather_timer_.cancel();
  }
  if (options_.check_clock) options_.check_clock();
  const Millis now = Now();
  std::vector<Outcome> outcomes = std::move(outcomes_);
  outcomes_.clear();
  std::vector<Slot*> started;

  auto group = groups_.BeginGroup(store::GroupSync::kConnection);
  if (!group) {
    const StorageOutage::Retry retry = outage_.Failed(now);
    if (retry.log) {
      log_->critical("dispatcher: cannot begin a transaction: {}; sending paused, retrying every {} s ({} failed)",
                     group.error().message, retry.after.count() / 1000, retry.failures);
    }
    outcomes_ = std::move(outcomes);
    wake_timer_.expires_after(retry.after);
    wake_timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
      if (!ec && !alive.expired()) Pump();
    });
    return;
  }
  for (Outcome& outcome : outcomes) ApplyOutcome(outcome);
  // The sweep is for messages no modem reaches (ClaimNext expires the ones
  // it meets), so it need not run on every completion at full speed: the
  // wake timer or a second's pause is soon enough.
  if (woken_by_timer_ || now - last_expiry_sweep_ >= kExpirySweepInterval) {
    woken_by_timer_ = false;
    last_expiry_sweep_ = now;
    auto expired = queue_.ExpireDue(now);
    if (!expired) {
      log_->error("dispatcher: {}", expired.error().message);
    } else if (!expired->empty()) {
      log_->info("dispatcher: {} queued message(s) expired before a modem took them", expired->size());
    }
  }

  if (!stopping_) {
    std::vector<Slot*> order;
    for (auto& [id, slot] : slots_) order.push_back(slot.get());
    // Least used today first: with fewer messages than free modems, the
    // work goes where it evens out the counts.
    std::stable_sort(order.begin(), order.end(),
                     [now](Slot* a, Slot* b) { return a->limiter.SentToday(now) < b->limiter.SentToday(now); });
    for (const Outcome& outcome : outcomes) {
      if (outcome.failover) Failover(outcome, order, now, started);
    }
    for (Slot* slot : order) {
      if (Eligible(*slot, now)) Claim(*slot, now, started);
    }
  }

  Status committed = group->Commit();
  if (!committed) {
    // Nothing of this turn is durable: do not send what was claimed, and
    // keep the results to record them again.
    const StorageOutage::Retry retry = outage_.Failed(now);
    if (retry.log) {
      log_->critical("dispatcher: commit failed: {}; sending paused, retrying every {} s ({} failed)",
                     committed.error().message, retry.after.count() / 1000, retry.failures);
    }
    for (Slot* slot : started) {
      slot->current.reset();
      slot->pdus.clear();
    }
    outcomes_ = std::move(outcomes);
    wake_timer_.expires_after(retry.after);
    wake_timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
      if (!ec && !alive.expired()) Pump();
    });
    return;
  }
  if (auto lasted = outage_.Succeeded(now)) {
    log_->warn("dispatcher: the store commits again after {} s; sending resumes", lasted->count() / 1000);
  }

  for (Slot* slot : started) SendSegment(*slot);

  for (auto it = slots_.begin(); it != slots_.end();) {
    Slot& slot = *it->second;
    if (slot.removing && !slot.current) {
      if (slot.removed) boost::asio::post(io_, std::move(slot.removed));
      it = slots_.erase(it);
    } else {
      ++it;
    }
  }
  if (!stopping_) ArmWakeTimer(now);
  MaybeFinishStop();
}

void Dispatcher::Claim(Slot& slot, Millis now, std::vector<Slot*>& started) {
  auto claimed = queue_.ClaimNext(slot.id, now, CommercialRulesAt(now));
  if (!claimed) {
    log_->error("{}: {}", slot.id, claimed.error().message);
    return;
  }
  if (*claimed) Start(slot, std::move(**claimed), now, started);
}

void Dispatcher::Failover(const Outcome& outcome, const std::vector<Slot*>& order, Millis now,
                          std::vector<Slot*>& started) {
  for (Slot* slot : order) {
    if (slot->id == outcome.modem || !Eligible(*slot, now)) continue;
    auto claimed = queue_.ClaimMessage(outcome.message.id, slot->id, now, CommercialRulesAt(now));
    if (!claimed) {
      log_->error("{}: {}", slot->id, claimed.error().message);
      return;
    }
    if (!*claimed) return;  // pinned to the failing modem, or past its deadline
    log_->info("{}: takes message {} at once after {} failed", slot->id, outcome.message.id, outcome.modem);
    Start(*slot, std::move(**claimed), now, started);
    return;
  }
}

void Dispatcher::Start(Slot& slot, store::Message message, Millis now, std::vector<Slot*>& started) {
  auto pdus = BuildSubmitPdus(message, now);
  if (!pdus) {
    log_->error("{}: message {} cannot be encoded: {}", slot.id, message.id, pdus.error().message);
    Status s = queue_.MarkFailed(message.id, {"encode", pdus.error().message}, now);
    if (!s) log_->error("{}: {}", slot.id, s.error().message);
    SchedulePump();  // look for the next one
    return;
  }
  slot.sent_before.assign(pdus->size(), false);
  slot.parts_before = 0;
  if (message.resume_until) {
    // Paused with parts out: only the parts the store has no +CMGS for go.
    auto segments = queue_.ListSegments(message.id);
    if (!segments) {
      log_->error("{}: message {}: {}; trying again in 1 s", slot.id, message.id, segments.error().message);
      Status s =
          queue_.Pause(message.id, now + 1000, *message.resume_until, {"store", "could not read which parts went out"});
      if (!s) log_->error("{}: {}", slot.id, s.error().message);
      return;
    }
    for (const store::SegmentRecord& segment : *segments) {
      if (segment.seq < 1 || segment.seq > static_cast<int>(pdus->size())) continue;
      slot.sent_before[static_cast<size_t>(segment.seq - 1)] = true;
      ++slot.parts_before;
    }
  }
  slot.pdus = std::move(*pdus);
  slot.next = 0;
  slot.sent.clear();
  SkipSentParts(slot);
  if (slot.next == slot.pdus.size()) {
    // Every part was recorded before the message paused: nothing to send.
    Status s = queue_.MarkSent(message.id, now);
    if (!s) log_->error("{}: {}", slot.id, s.error().message);
    slot.pdus.clear();
    SchedulePump();
    return;
  }
  if (slot.parts_before > 0) {
    log_->info("{}: message {}: sending the remaining {} of {} parts", slot.id, message.id,
               slot.pdus.size() - slot.parts_before, slot.pdus.size());
  }
  slot.current = std::move(message);
  started.push_back(&slot);
}

void Dispatcher::SkipSentParts(Slot& slot) {
  while (slot.next < slot.pdus.size() && slot.sent_before[slot.next]) ++slot.next;
}

Millis Dispatcher::ResumeDeadline(const store::Message& message, Millis now) const {
  if (message.resume_until) return *message.resume_until;
  const Millis window = now + options_.resume_window.count();
  return message.valid_until ? std::min(*message.valid_until, window) : window;
}

void Dispatcher::SendSegment(Slot& slot) {
  const pdu::EncodedPdu& p = slot.pdus[slot.next];
  bool more = false;
  for (size_t i = slot.next + 1; i < slot.pdus.size(); ++i) more = more || !slot.sent_before[i];
  slot.segment_started = std::chrono::steady_clock::now();
  const int64_t message_id = slot.current->id;
  slot.driver->Send(p.hex, static_cast<int>(p.tpdu_length), more,
                    [this, alive = std::weak_ptr<int>(alive_), id = slot.id, message_id](modem::SendResult result) {
                      if (alive.expired()) return;
                      OnSegmentDone(id, message_id, std::move(result));
                    });
}

void Dispatcher::OnSegmentDone(const std::string& id, int64_t message_id, modem::SendResult result) {
  auto it = slots_.find(id);
  if (it == slots_.end() || !it->second->current || it->second->current->id != message_id) {
    log_->error("{}: a send result for message {} arrived with no such send in flight", id, message_id);
    return;
  }
  Slot& slot = *it->second;
  const Millis now = Now();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - slot.segment_started).count();
  for (size_t i = 0; i < std::size(kLatencyBounds); ++i) {
    if (seconds <= kLatencyBounds[i]) ++latency_.counts[i];
  }
  ++latency_.count;
  latency_.sum += seconds;

  const store::Message& message = *slot.current;
  Outcome outcome;
  outcome.message = message;
  outcome.modem = slot.id;
  outcome.at = now;

  if (result.ok) {
    int mr = result.message_reference;
    if (mr < 0 || mr > 255) {
      log_->warn("{}: +CMGS gave no usable message reference for message {}; delivery reports for it cannot match",
                 slot.id, message.id);
      mr = 0;
    }
    SentSegment segment{static_cast<int>(slot.next) + 1, mr, now};
    ++slot.counters.sent_total;
    ++sent_total_;
    slot.limiter.Record(now);
    slot.consecutive_failures = 0;
    ++slot.next;
    SkipSentParts(slot);
    if (slot.next < slot.pdus.size()) {
      // Recorded now, not with the message's outcome: the part's delivery
      // report may arrive while later parts are still going out, and it can
      // only be matched to a stored reference.
      Status s = queue_.MarkSegmentSent(message.id, segment.seq, slot.id, segment.mr, segment.at);
      if (s) {
        segment.recorded = true;
      } else {
        log_->error("{}: {}; recording it with the message's outcome instead", slot.id, s.error().message);
      }
      slot.sent.push_back(segment);
      if (stopping_ || slot.removing) {
        // A stop waits for one AT+CMGS, not for every part: the rest wait
        // in the store for this modem.
        const std::string why = stopping_ ? "the daemon stopped" : slot.id + " was removed";
        outcome.kind = Outcome::Kind::kPause;
        outcome.not_before = now;
        outcome.resume_until = ResumeDeadline(message, now);
        outcome.error = {"paused", why + " after " + Progress(slot.parts_before + slot.sent.size(), slot.pdus.size()) +
                                       "; the rest go on " + slot.id};
        log_->info("{}: message {} paused: {}", slot.id, message.id, outcome.error.text);
        outcome.segments = std::move(slot.sent);
        Finish(slot, std::move(outcome));
        return;
      }
      SendSegment(slot);
      return;
    }
    slot.sent.push_back(segment);
    log_->debug("{}: message {} sent ({} part(s))", slot.id, message.id, slot.pdus.size());
    outcome.kind = Outcome::Kind::kSent;
    outcome.segments = std::move(slot.sent);
    Finish(slot, std::move(outcome));
    return;
  }

  ++slot.counters.failed_total;
  slot.counters.last_error = result.detail;
  outcome.segments = std::move(slot.sent);
  const std::string code = ErrorCode(result);
  const size_t parts_out = slot.parts_before + outcome.segments.size();
  const std::string progress = Progress(parts_out, slot.pdus.size());
  if (parts_out > 0) {
    // The recipient holds some parts: the rest may only follow on this
    // modem, as the same set, or not at all.
    NoteFailure(slot, result.detail, now);
    outcome.kind = Outcome::Kind::kUnknown;
    const Millis deadline = ResumeDeadline(message, now);
    const Millis resume_at = now + Backoff(options_, message.attempts);
    if (!Retryable(result.error)) {
      outcome.error = {"partial", progress + ", then: " + result.detail};
    } else if (message.attempts >= options_.max_attempts) {
      outcome.error = {"partial", progress + "; gave up after " + std::to_string(message.attempts) +
                                      " attempts; last: " + result.detail};
    } else if (resume_at > deadline) {
      outcome.error = {"partial",
                       progress + "; " + slot.id + " cannot send the rest before the deadline; last: " + result.detail};
    } else {
      outcome.kind = Outcome::Kind::kPause;
      outcome.error = {code, progress + ", then: " + result.detail + "; the rest follow on " + slot.id};
      outcome.not_before = resume_at;
      outcome.resume_until = deadline;
    }
  } else if (result.error == modem::SendError::kPermanent) {
    outcome.kind = Outcome::Kind::kFailed;
    outcome.error = {code, result.detail};
  } else if (result.error == modem::SendError::kTimeout) {
    outcome.kind = Outcome::Kind::kUnknown;
    outcome.error = {code, result.detail + " (the modem may have sent it; not resent)"};
    NoteFailure(slot, result.detail, now);
  } else {
    NoteFailure(slot, result.detail, now);
    if (message.attempts >= options_.max_attempts) {
      outcome.kind = Outcome::Kind::kFailed;
      outcome.error = {code, "gave up after " + std::to_string(message.attempts) + " attempts; last: " + result.detail};
    } else {
      // The back-off is for this modem; another free one takes it at once.
      outcome.kind = Outcome::Kind::kRequeue;
      outcome.error = {code, result.detail};
      outcome.failover = true;
      const bool temporary = result.error == modem::SendError::kTemporary;
      outcome.not_before = now + (temporary ? Backoff(options_, message.attempts) : 0);
    }
  }
  log_->warn("{}: message {} attempt {} failed: {} -> {}", slot.id, message.id, message.attempts, result.detail,
             outcome.kind == Outcome::Kind::kRequeue  ? "retry"
             : outcome.kind == Outcome::Kind::kPause  ? "resume later"
             : outcome.kind == Outcome::Kind::kFailed ? "failed"
                                                      : "unknown");
  Finish(slot, std::move(outcome));
}

void Dispatcher::NoteFailure(Slot& slot, const std::string& detail, Millis now) {
  if (++slot.consecutive_failures < options_.failures_before_rest) return;
  const int doublings = std::min(slot.rests, 10);
  const Millis rest = std::min<Millis>(options_.rest.count() << doublings, options_.max_rest.count());
  slot.rest_until = now + rest;
  ++slot.rests;
  slot.consecutive_failures = 0;
  log_->warn("{}: out of rotation for {} s after {} consecutive failures (last: {})", slot.id, rest / 1000,
             options_.failures_before_rest, detail);
}

void Dispatcher::Finish(Slot& slot, Outcome outcome) {
  slot.current.reset();
  slot.pdus.clear();
  slot.next = 0;
  slot.sent.clear();
  slot.sent_before.clear();
  slot.parts_before = 0;
  outcomes_.push_back(std::move(outcome));
  GatherThenPump();
}

void Dispatcher::ApplyOutcome(Outcome& o) {
  const int64_t id = o.message.id;
  for (const SentSegment& seg : o.segments) {
    if (seg.recorded) continue;
    Status s = queue_.MarkSegmentSent(id, seg.seq, o.modem, seg.mr, seg.at);
    if (!s) log_->error("{}: {}", o.modem, s.error().message);
  }
  Status s = Status::Ok();
  switch (o.kind) {
    case Outcome::Kind::kSent:
      s = queue_.MarkSent(id, o.at);
      break;
    case Outcome::Kind::kRequeue:
      s = queue_.Requeue(id, o.not_before, o.error);
      break;
    case Outcome::Kind::kPause:
      s = queue_.Pause(id, o.not_before, o.resume_until, o.error);
      break;
    case Outcome::Kind::kFailed:
      s = queue_.MarkFailed(id, o.error, o.at);
      break;
    case Outcome::Kind::kUnknown:
      s = queue_.MarkUnknown(id, o.error, o.at);
      break;
  }
  if (!s) log_->error("{}: {}", o.modem, s.error().message);
}

void Dispatcher::ArmWakeTimer(Millis now) {
  std::optional<Millis> wake;
  auto consider = [&wake](Millis at) {
    if (!wake || at < *wake) wake = at;
  };
  bool idle_ready = false;
  bool any_busy = false;
  for (auto& [id, slot] : slots_) {
    any_busy = any_busy || slot->current.has_value();
    if (slot->current || slot->removing || !modem::AcceptsSends(slot->driver->state())) continue;
    if (now < slot->rest_until) {
      consider(slot->rest_until);
    } else if (!slot->limiter.Allows(now)) {
      consider(slot->limiter.NextAllowed(now));
    } else {
      idle_ready = true;
    }
  }
  // Scheduled and backed-off messages matter when a modem is free to take
  // them, and expiry of queued ones when nothing is in flight (all modems
  // down). While every modem is busy, each completion pumps anyway, so the
  // query is skipped on the hot path.
  if (idle_ready || !any_busy) {
    auto due = queue_.NextDue(now);
    if (!due) {
      log_->error("dispatcher: {}", due.error().message);
    } else if (*due) {
      consider(**due + 1);  // ExpireDue and ClaimNext act strictly after the instant
    }
  }
  if (!wake) {
    if (wake_at_) wake_timer_.cancel();
    wake_at_.reset();
    return;
  }
  if (wake_at_ == wake) return;
  wake_at_ = wake;
  // At most a day ahead: a paused campaign's messages wait at
  // store::kHeldByPause, which as a steady_clock deadline would overflow.
  constexpr Millis kLongestSleep = 24 * 3600 * 1000;
  wake_timer_.expires_after(std::chrono::milliseconds(std::clamp<Millis>(*wake - now, 1, kLongestSleep)));
  wake_timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    wake_at_.reset();
    woken_by_timer_ = true;
    SchedulePump();
  });
}

void Dispatcher::MaybeFinishStop() {
  if (!stopping_ || !stop_done_) return;
  if (!outcomes_.empty() || pump_posted_) return;
  for (auto& [id, slot] : slots_) {
    if (slot->current) return;
  }
  boost::asio::post(io_, std::move(stop_done_));
  stop_done_ = nullptr;
}

}  // namespace tellal::core

// Dispatcher: moves queued messages from the store to the modems.
//
// Promises:
//  - Order: each free modem takes the next message by priority, then age
//    (OutboundQueue::ClaimNext). When several modems are free at once, the
//    one that sent least today is served first, so load spreads evenly.
//  - Write first, act second: a message is `sending` in a committed
//    transaction before its first AT+CMGS goes out. Results are committed in
//    groups (one transaction per io-loop turn, however many modems finished
//    in it, and sends that end within commit_gather of each other share a
//    turn), which keeps the store's cost per message flat at high rates.
//  - All segments of a message go through one SIM (modem), in order, with
//    one concatenation reference, and no segment answered with +CMGS is
//    ever sent again.
//  - Outcomes before any part went out: a +CMGS answer for every segment ->
//    `sent`; a permanent error -> `failed` with the reason; a temporary
//    error or a modem fault (the modem's own error, or it went away) -> back
//    to `queued` and, when another modem is free at that moment, claimed by
//    it at once; otherwise it waits for its back-off (exponential for
//    temporary errors, none for modem faults; the failing modem rests after
//    repeated failures); after max_attempts -> `failed`; a timeout after
//    the PDU was written -> `unknown` (it may have gone out; never resent).
//  - Outcomes once a part went out: a temporary error or a modem fault
//    pauses the message (OutboundQueue::Pause): it waits for its back-off
//    and then sends only the remaining parts, on the same modem, with the
//    same reference, within max_attempts. It ends `unknown` with error
//    "partial" only when that modem cannot send them before the deadline
//    (valid_until, or resume_window after the first pause when the message
//    has none), when attempts run out, or on a permanent error or a timeout
//    of a later part. Stop() and RemoveModem() pause a multi-part message
//    after its part in flight, so a stop waits for one AT+CMGS at most.
//  - Limits: a modem takes a message only while its rate_per_minute window
//    and daily_limit allow one more SMS; counts are restored from the send
//    log, so they survive restarts. A multi-part message may overshoot a
//    limit by at most its parts minus one.
//  - Idle costs nothing: with nothing due, it waits on one timer set to the
//    next scheduled/back-off/expiry time or limit window, or on Wake().
//
// Thread affinity: the io_context's single thread. Lifetime: outlives the
// drivers' callbacks (stop the drivers first, or Stop() and wait).
#ifndef TELLAL_DAEMON_CORE_DISPATCHER_H_
#define TELLAL_DAEMON_CORE_DISPATCHER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/core/send_limiter.h"
#include "daemon/core/storage_outage.h"
#include "daemon/store/group_commit.h"
#include "daemon/store/outbound_queue.h"
#include "daemon/store/records.h"
#include "daemon/store/send_log.h"
#include "modem/driver/modem.h"
#include "modem/pdu/pdu_encoder.h"

namespace spdlog {
class logger;
}

namespace tellal::core {

struct DispatcherOptions {
  int max_attempts = 5;
  std::chrono::milliseconds retry_backoff{30'000};  // doubles per attempt
  std::chrono::milliseconds max_backoff{15 * 60'000};
  int failures_before_rest = 3;            // consecutive failures of one modem
  std::chrono::milliseconds rest{30'000};  // doubles per rest, up to max_rest
  std::chrono::milliseconds max_rest{10 * 60'000};
  // How long the remaining parts of a paused multi-part message without a
  // validity deadline wait for their modem before the message is `unknown`.
  std::chrono::milliseconds resume_window{24 * 60 * 60'000};
  // How long a finished send's result may wait for the sends still in
  // flight on other modems, so that their results (and those modems' next
  // claims) share one commit: at high rates the store's cost per message
  // falls with the commits it makes. The wait ends early once no other send
  // is in flight. Zero: commit each result at once.
  std::chrono::microseconds commit_gather{0};
  std::shared_ptr<spdlog::logger> log;  // null: spdlog's default
  std::function<store::Millis()> now;   // null: the system clock
  // Runs at the start of every pump, before the pump reads the clock: the
  // owner applies a wall-clock step there (ClockStepped) when there is one.
  std::function<void()> check_clock;
  std::function<store::Millis(store::Millis)> next_midnight;  // null: NextLocalMidnight
  std::function<store::Millis(store::Millis)> day_start;      // null: LocalMidnight
  // The commercial policy at a time (quiet hours, caps; see
  // commercial_policy.h), asked before every claim. Null: none.
  std::function<store::CommercialRules(store::Millis)> commercial_rules;
};

struct ModemLimits {
  std::optional<int> rate_per_minute;
  std::optional<int> daily_limit;
};

// Send latency buckets (seconds) for the metrics histogram.
inline constexpr double kLatencyBounds[] = {0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 60};

struct ModemCounters {
  uint64_t sent_total = 0;    // segments answered with +CMGS
  uint64_t failed_total = 0;  // segment sends that failed
  int sent_today = 0;
  std::optional<int> rate_per_minute;
  std::optional<int> daily_limit;
  std::optional<std::string> last_error;
  bool resting = false;  // out of rotation after repeated failures
};

struct LatencyHistogram {
  std::vector<uint64_t> counts = std::vector<uint64_t>(std::size(kLatencyBounds), 0);
  uint64_t count = 0;
  double sum = 0;
};

class Dispatcher {
 public:
  // `queue`, `send_log` and `groups` (which commits each turn's results
  // together) must outlive the dispatcher.
  Dispatcher(boost::asio::io_context& io, store::OutboundQueue& queue, store::SendLog& send_log,
             store::GroupCommit& groups, DispatcherOptions options);
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Starts using `modem` under the name `id` (the modem's config id).
  // Restores its counters from the send log.
  Status AddModem(const std::string& id, modem::Modem& modem, ModemLimits limits);
  // Stops giving the modem work; `done` runs once its send in flight (if
  // any) has settled, a multi-part message pausing after that part. The driver may be stopped and destroyed after that.
  void RemoveModem(const std::string& id, std::function<void()> done);
  void SetLimits(const std::string& id, ModemLimits limits);
  // The driver's state changed (from the service's ModemListener).
  void ModemStateChanged(const std::string& id, modem::ModemState state);
  // New messages were queued: look for work now.
  void Wake();
  // Commits the results that arrived since the last commit now rather than
  // on the next io-loop turn: called before a delivery report is matched,
  // which needs the message references they carry in the store.
  void CommitOutcomes();
  // No new claims; `done` once nothing is in flight. A multi-part message
  // pauses after its part in flight (the rest go after a restart).
  void Stop(std::function<void()> done);

  // The clock was rebased by `delta` (daemon/core/daemon_clock.h) after the
  // stored times were moved: moves the times held in memory (rests, rate
  // windows and days, the message in flight, results not yet committed).
  void ClockStepped(store::Millis delta);


  std::optional<ModemCounters> Counters(const std::string& id);
  LatencyHistogram Latency() const { return latency_; }
  uint64_t SentTotal() const { return sent_total_; }

 private:
  struct Slot;
  struct Outcome;

  void SchedulePump();
  // SchedulePump(), or a short wait for other modems' results first.
  void GatherThenPump();
  void Pump();
  void ApplyOutcome(Outcome& outcome);
  bool Eligible(Slot& slot, store::Millis now);
  void Claim(Slot& slot, store::Millis now, std::vector<Slot*>& started);
  void Failover(const Outcome& outcome, const std::vector<Slot*>& order, store::Millis now,
                std::vector<Slot*>& started);
  void Start(Slot& slot, store::Message message, store::Millis now, std::vector<Slot*>& started);
  void SkipSentParts(Slot& slot);
  store::Millis ResumeDeadline(const store::Message& message, store::Millis now) const;
  void SendSegment(Slot& slot);
  void OnSegmentDone(const std::string& id, int64_t message_id, modem::SendResult result);
  void Finish(Slot& slot, Outcome outcome);
  void NoteFailure(Slot& slot, const std::string& detail, store::Millis now);
  void ArmWakeTimer(store::Millis now);
  void MaybeFinishStop();
  store::Millis Now() const;
  store::CommercialRules CommercialRulesAt(store::Millis now) const;

  boost::asio::io_context& io_;
  store::OutboundQueue& queue_;
  store::SendLog& send_log_;
  store::GroupCommit& groups_;
  DispatcherOptions options_;
  std::shared_ptr<spdlog::logger> log_;
  std::shared_ptr<int> alive_;
  std::map<std::string, std::unique_ptr<Slot>> slots_;
  std::vector<Outcome> outcomes_;  // finished sends not yet committed
  bool pump_posted_ = false;
  boost::asio::steady_timer wake_timer_;
  boost::asio::steady_timer gather_timer_;
  bool gathering_ = false;
  std::optional<store::Millis> wake_at_;
  static constexpr store::Millis kExpirySweepInterval = 1000;
  bool woken_by_timer_ = false;
  store::Millis last_expiry_sweep_ = 0;
  bool stopping_ = false;
  std::function<void()> stop_done_;
  LatencyHistogram latency_;
  uint64_t sent_total_ = 0;
  StorageOutage outage_;  // commits failing (disk full, read-only): back off, log once a minute
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_DISPATCHER_H_

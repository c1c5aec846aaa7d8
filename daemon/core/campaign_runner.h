// CampaignRunner: drives campaigns from draft to completed.
//
// Start resolves the audience into recipients (store::Campaigns) and the
// campaign becomes scheduled (send_at ahead) or running. While running, the
// runner turns pending recipients into queued messages a chunk per io-loop
// turn, each chunk in one group commit with the recipients' outcomes, so a
// crash leaves every recipient either pending or with exactly one message
// (and a message's client_ref "campaign-<id>-<seq>" makes a repeat a no-op
// besides). The messages are bulk priority, carry the campaign's category
// (the commercial policy applies when each comes up, outbound_queue.h),
// start at send_at, are spaced 60 000 / rate_per_minute ms apart, and expire
// at end_at. Once nothing is pending and no message is queued or sending,
// the campaign completes.
//
// Pause holds the queued messages (store::kHeldByPause) and stops queueing;
// resume spaces the held ones again from now. Cancel cancels the queued
// messages and the pending recipients. A restart picks up every scheduled,
// running or paused campaign where it stood.
//
// Errors from the actions: kNotFound (no such campaign), kInvalidArgument
// "audience.groups: ..." (start: a group the audience names is gone), kConflict (the
// campaign's state does not allow it, or a commercial footer is asked but
// [campaigns] reply_number is missing: the message says which), or the
// storage's. A storage failure while queueing is logged and retried a second
// later.
//
// Thread affinity: the io thread. Lifetime: the store, the clock and the
// io_context must outlive it.
#ifndef TELLAL_DAEMON_CORE_CAMPAIGN_RUNNER_H_
#define TELLAL_DAEMON_CORE_CAMPAIGN_RUNNER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "daemon/core/campaign_render.h"
#include "daemon/core/daemon_clock.h"
#include "daemon/store/campaign_records.h"
#include "daemon/store/group_commit.h"
#include "daemon/store/store.h"
#include "modem/result.h"

namespace spdlog {
class logger;
}

namespace tellal::core {

struct CampaignRunnerOptions {
  // The commercial opt-out footer, rendered (RenderFooter); nullopt when it
  // cannot be, with the reason in footer_error.
  std::optional<std::string> footer;
  std::string footer_error;
  int max_segments = 10;   // a longer text rejects its recipient
  // Recipients queued per io-loop turn: one commit each. 5,000 queue
  // 100,000 in 3.8 s (1,000: 7 s, the commits dominate) and hold the io
  // thread about 0.2 s a turn, short beside a modem's 1.5 s per SMS.
  int chunk = 5000;
  store::GroupSync sync = store::GroupSync::kDisk;
  store::Millis completion_poll = 1000;  // how often a fully queued campaign checks whether it finished
};

class CampaignRunner {
 public:
  CampaignRunner(boost::asio::io_context& io, store::Store& store, DaemonClock& clock, CampaignRunnerOptions options,
                 std::function<void()> wake_dispatcher, std::shared_ptr<spdlog::logger> log = nullptr);
  ~CampaignRunner();
  CampaignRunner(const CampaignRunner&) = delete;
  CampaignRunner& operator=(const CampaignRunner&) = delete;

  // After a restart: picks up scheduled, running and paused campaigns.
  Status Restore();

  // The renderer a campaign would use: fails on a bad template or weight
  // (kInvalidArgument naming the field) or a footer that cannot be rendered
  // (kConflict naming reply_number).
  Result<CampaignRenderer> RendererFor(const store::NewCampaign& spec) const;

  // Each returns the campaign's state after the action.
  Result<store::CampaignState> Start(int64_t id);   // draft -> scheduled | running
  Result<store::CampaignState> Pause(int64_t id);   // running | scheduled -> paused
  Result<store::CampaignState> Resume(int64_t id);  // paused -> running | scheduled
  Result<store::CampaignState> Cancel(int64_t id);  // any but completed, cancelled -> cancelled

  // Stops every timer; nothing runs after it (the daemon is shutting down).
  void Stop();

 private:
  struct Active;

  Result<store::Campaign> Load(int64_t id);
  void Activate(const store::Campaign& campaign, CampaignRenderer renderer);
  void ArmStartTimer(Active& a, store::Millis at_least = 0);
  void SchedulePump(int64_t id, store::Millis delay);
  void Pump(int64_t id);
  // One chunk; true when more recipients may be pending.
  Result<bool> QueueChunk(Active& a);
  void CheckFinished(int64_t id);
  store::Millis Spacing(const store::NewCampaign& spec) const;
  store::Millis FirstSlot(const store::NewCampaign& spec, store::Millis now) const;

  boost::asio::io_context& io_;
  store::Store& store_;
  DaemonClock& clock_;
  CampaignRunnerOptions options_;
  std::function<void()> wake_dispatcher_;
  std::shared_ptr<spdlog::logger> log_;
  std::map<int64_t, std::unique_ptr<Active>> active_;
  bool stopped_ = false;
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_CAMPAIGN_RUNNER_H_

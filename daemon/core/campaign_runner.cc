#include "daemon/core/campaign_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <utility>
#include <vector>

namespace tellal::core {

using store::CampaignState;
using store::Millis;

namespace {

// A day: longer delays are re-armed when they fire (a steady_clock deadline
// years ahead would overflow, and the wall clock may step meanwhile).
constexpr Millis kLongestTimer = 24 * 3600 * 1000;
constexpr Millis kRetryAfterError = 1000;

std::string Named(int64_t id) { return "campaign " + std::to_string(id); }

Error WrongState(int64_t id, CampaignState state, const char* action) {
  return Error::Conflict(Named(id) + " is " + store::CampaignStateName(state) + ": cannot " + action + " it");
}

}  // namespace

struct CampaignRunner::Active {
  Active(boost::asio::io_context& io, store::Campaign c, CampaignRenderer r)
      : campaign(std::move(c)), renderer(std::move(r)), timer(io) {}
  store::Campaign campaign;
  CampaignRenderer renderer;
  boost::asio::steady_timer timer;
  Millis next_slot = 0;        // not_before of the next message queued, when spaced
  bool fully_queued = false;   // no pending recipient left: only waiting to finish
  bool error_logged = false;   // one log line per outage, not one per retry
};

CampaignRunner::CampaignRunner(boost::asio::io_context& io, store::Store& store, DaemonClock& clock,
                               CampaignRunnerOptions options, std::function<void()> wake_dispatcher,
                               std::shared_ptr<spdlog::logger> log)
    : io_(io),
      store_(store),
      clock_(clock),
      options_(std::move(options)),
      wake_dispatcher_(std::move(wake_dispatcher)),
      log_(log ? std::move(log) : spdlog::default_logger()) {}

CampaignRunner::~CampaignRunner() { Stop(); }

void CampaignRunner::Stop() {
  stopped_ = true;
  for (auto& [id, a] : active_) a->timer.cancel();
  active_.clear();
}

Result<CampaignRenderer> CampaignRunner::RendererFor(const store::NewCampaign& spec) const {
  std::optional<std::string> footer;
  if (spec.category == store::Category::kCommercial && spec.footer) {
    if (!options_.footer) return Error::Conflict("footer: " + options_.footer_error);
    footer = options_.footer;
  }
  return CampaignRenderer::Create(spec.variants, std::move(footer), options_.max_segments);
}

Result<store::Campaign> CampaignRunner::Load(int64_t id) {
  auto found = store_.campaigns().GetCampaign(id);
  if (!found) return found.error();
  if (!*found) return Error::NotFound(Named(id) + " does not exist");
  return std::move(**found);
}

Millis CampaignRunner::Spacing(const store::NewCampaign& spec) const {
  return spec.rate_per_minute > 0 ? 60'000 / spec.rate_per_minute : 0;
}

Millis CampaignRunner::FirstSlot(const store::NewCampaign& spec, Millis now) const {
  return std::max(now, spec.send_at.value_or(now));
}

Status CampaignRunner::Restore() {
  auto campaigns = store_.campaigns().ActiveCampaigns();
  if (!campaigns) return campaigns.error();
  for (store::Campaign& c : *campaigns) {
    auto renderer = RendererFor(c.spec);
    if (!renderer) {
      // The configuration changed under it (reply_number removed): it
      // waits, paused in effect, until the operator acts.
      log_->error("{}: cannot continue: {}", Named(c.id), renderer.error().message);
      continue;
    }
    log_->info("{} ({}) continues: {} of {} recipient(s) pending", Named(c.id), store::CampaignStateName(c.state),
               c.counts.pending, c.counts.recipients);
    Activate(c, std::move(renderer).value());
  }
  return Status::Ok();
}

Result<CampaignState> CampaignRunner::Start(int64_t id) {
  auto campaign = Load(id);
  if (!campaign) return campaign.error();
  if (campaign->state != CampaignState::kDraft) return WrongState(id, campaign->state, "start");
  auto renderer = RendererFor(campaign->spec);
  if (!renderer) return renderer.error();
  const Millis now = clock_.Now();
  const CampaignState next =
      campaign->spec.send_at && *campaign->spec.send_at > now ? CampaignState::kScheduled : CampaignState::kRunning;
  auto group = store_.BeginGroup(options_.sync);
  if (!group) return group.error();
  auto recipients = store_.campaigns().ResolveRecipients(id);
  if (!recipients && recipients.error().code == ErrorCode::kNotFound) {
    // The campaign exists (Load): what is missing is a group it names.
    return Error::InvalidArgument("audience.groups: " + recipients.error().message);
  }
  if (!recipients) return recipients.error();
  auto moved = store_.campaigns().Transition(id, CampaignState::kDraft, next, now);
  if (!moved) return moved.error();
  if (!*moved) return Error::Conflict(Named(id) + " changed state meanwhile");
  Status committed = group->Commit();
  if (!committed) return committed.error();
  log_->info("{} '{}' starts ({}): {} recipient(s)", Named(id), campaign->spec.name, store::CampaignStateName(next),
             *recipients);
  campaign->state = next;
  Activate(*campaign, std::move(renderer).value());
  return next;
}

Result<CampaignState> CampaignRunner::Pause(int64_t id) {
  auto campaign = Load(id);
  if (!campaign) return campaign.error();
  const CampaignState from = campaign->state;
  if (from != CampaignState::kRunning && from != CampaignState::kScheduled) return WrongState(id, from, "pause");
  auto group = store_.BeginGroup(options_.sync);
  if (!group) return group.error();
  auto moved = store_.campaigns().Transition(id, from, CampaignState::kPaused, clock_.Now());
  if (!moved) return moved.error();
  if (!*moved) return Error::Conflict(Named(id) + " changed state meanwhile");
  auto held = store_.campaigns().HoldQueued(id);
  if (!held) return held.error();
  Status committed = group->Commit();
  if (!committed) return committed.error();
  log_->info("{} paused: {} queued message(s) held", Named(id), *held);
  if (auto it = active_.find(id); it != active_.end()) {
    it->second->campaign.state = CampaignState::kPaused;
    it->second->timer.cancel();
  }
  return CampaignState::kPaused;
}

Result<CampaignState> CampaignRunner::Resume(int64_t id) {
  auto campaign = Load(id);
  if (!campaign) return campaign.error();
  if (campaign->state != CampaignState::kPaused) return WrongState(id, campaign->state, "resume");
  auto renderer = RendererFor(campaign->spec);
  if (!renderer) return renderer.error();
  const Millis now = clock_.Now();
  const CampaignState next =
      campaign->spec.send_at && *campaign->spec.send_at > now ? CampaignState::kScheduled : CampaignState::kRunning;
  const Millis spacing = Spacing(campaign->spec);
  const Millis first = FirstSlot(campaign->spec, now);
  auto group = store_.BeginGroup(options_.sync);
  if (!group) return group.error();
  auto moved = store_.campaigns().Transition(id, CampaignState::kPaused, next, now);
  if (!moved) return moved.error();
  if (!*moved) return Error::Conflict(Named(id) + " changed state meanwhile");
  auto released = store_.campaigns().ReleaseHeld(id, first, spacing);
  if (!released) return released.error();
  Status committed = group->Commit();
  if (!committed) return committed.error();
  log_->info("{} resumed ({}): {} held message(s) released", Named(id), store::CampaignStateName(next), *released);
  active_.erase(id);
  campaign->state = next;
  Activate(*campaign, std::move(renderer).value());
  active_[id]->next_slot = first + *released * spacing;
  if (*released > 0) wake_dispatcher_();
  return next;
}

Result<CampaignState> CampaignRunner::Cancel(int64_t id) {
  auto campaign = Load(id);
  if (!campaign) return campaign.error();
  const CampaignState from = campaign->state;
  if (from == CampaignState::kCompleted || from == CampaignState::kCancelled) return WrongState(id, from, "cancel");
  const Millis now = clock_.Now();
  auto group = store_.BeginGroup(options_.sync);
  if (!group) return group.error();
  auto moved = store_.campaigns().Transition(id, from, CampaignState::kCancelled, now);
  if (!moved) return moved.error();
  if (!*moved) return Error::Conflict(Named(id) + " changed state meanwhile");
  auto cancelled = store_.campaigns().CancelQueued(id, now);
  if (!cancelled) return cancelled.error();
  Status committed = group->Commit();
  if (!committed) return committed.error();
  log_->info("{} cancelled: {} queued message(s) cancelled", Named(id), *cancelled);
  active_.erase(id);
  return CampaignState::kCancelled;
}

void CampaignRunner::Activate(const store::Campaign& campaign, CampaignRenderer renderer) {
  if (stopped_) return;
  const Millis now = clock_.Now();
  auto a = std::make_unique<Active>(io_, campaign, std::move(renderer));
  a->next_slot = FirstSlot(campaign.spec, now);
  Active& ref = *a;
  active_[campaign.id] = std::move(a);
  switch (ref.campaign.state) {
    case CampaignState::kScheduled:
      ArmStartTimer(ref);
      break;
    case CampaignState::kRunning:
      SchedulePump(campaign.id, 0);
      break;
    default:
      break;  // paused: waits for Resume
  }
}

void CampaignRunner::ArmStartTimer(Active& a, Millis at_least) {
  const int64_t id = a.campaign.id;
  const Millis due = a.campaign.spec.send_at.value_or(0);
  const Millis delay = std::max(at_least, std::clamp<Millis>(due - clock_.Now(), 0, kLongestTimer));
  a.timer.expires_after(std::chrono::milliseconds(delay));
  a.timer.async_wait([this, id](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    auto it = active_.find(id);
    if (it == active_.end() || it->second->campaign.state != CampaignState::kScheduled) return;
    Active& active = *it->second;
    const Millis now = clock_.Now();
    if (active.campaign.spec.send_at.value_or(0) > now) {
      ArmStartTimer(active);  // a long wait, or the clock moved: not yet
      return;
    }
    auto moved = store_.campaigns().Transition(id, CampaignState::kScheduled, CampaignState::kRunning, now);
    if (!moved) {
      log_->error("{}: {}", Named(id), moved.error().message);
      ArmStartTimer(active, kRetryAfterError);
      return;
    }
    if (!*moved) return;  // paused or cancelled meanwhile
    log_->info("{} is due: running", Named(id));
    active.campaign.state = CampaignState::kRunning;
    active.next_slot = FirstSlot(active.campaign.spec, now);
    Pump(id);
  });
}

void CampaignRunner::SchedulePump(int64_t id, Millis delay) {
  auto it = active_.find(id);
  if (it == active_.end()) return;
  if (delay <= 0) {
    // Through the io_context, so other work (modems, HTTP) runs between chunks.
    boost::asio::post(io_, [this, id] {
      if (!stopped_) Pump(id);
    });
    return;
  }
  it->second->timer.expires_after(std::chrono::milliseconds(delay));
  it->second->timer.async_wait([this, id](const boost::system::error_code& ec) {
    if (!ec && !stopped_) Pump(id);
  });
}

void CampaignRunner::Pump(int64_t id) {
  auto it = active_.find(id);
  if (it == active_.end()) return;
  Active& a = *it->second;
  if (a.campaign.state != CampaignState::kRunning) return;
  if (a.fully_queued) {
    CheckFinished(id);
    return;
  }
  auto more = QueueChunk(a);
  if (!more) {
    if (!a.error_logged) log_->error("{}: queueing stopped: {}; retrying", Named(id), more.error().message);
    a.error_logged = true;
    SchedulePump(id, kRetryAfterError);
    return;
  }
  if (a.error_logged) log_->info("{}: queueing again", Named(id));
  a.error_logged = false;
  if (*more) {
    SchedulePump(id, 0);
    return;
  }
  a.fully_queued = true;
  CheckFinished(id);
}

Result<bool> CampaignRunner::QueueChunk(Active& a) {
  const int64_t id = a.campaign.id;
  auto pending = store_.campaigns().PendingRecipients(id, options_.chunk);
  if (!pending) return pending.error();
  if (pending->empty()) return false;
  const store::NewCampaign& spec = a.campaign.spec;
  const Millis now = clock_.Now();
  const Millis spacing = Spacing(spec);
  Millis slot = std::max(a.next_slot, now);

  std::vector<store::NewMessage> messages;
  std::vector<store::RecipientOutcome> outcomes;
  std::vector<size_t> message_of;  // outcome index -> messages index, for queued ones
  messages.reserve(pending->size());
  outcomes.reserve(pending->size());
  for (const store::CampaignRecipient& r : *pending) {
    store::RecipientOutcome outcome;
    outcome.seq = r.seq;
    auto rendered = a.renderer.Render(r.seq, r.fields);
    if (!rendered) {
      outcome.variant = a.renderer.VariantFor(r.seq);
      outcome.rejected_reason = rendered.error().message;
      outcomes.push_back(std::move(outcome));
      continue;
    }
    outcome.variant = rendered->variant;
    store::NewMessage m;
    m.client_ref = "campaign-" + std::to_string(id) + "-" + std::to_string(r.seq);
    m.to = r.number;
    m.text = std::move(rendered->text);
    m.encoding = std::move(rendered->encoding);
    m.segments = rendered->segments;
    m.priority = store::Priority::kBulk;
    m.report_requested = true;
    m.category = spec.category;
    m.campaign_id = id;
    m.valid_until = spec.end_at;
    if (spacing > 0) {
      m.not_before = slot;
      slot += spacing;
    } else if (spec.send_at && *spec.send_at > now) {
      m.not_before = *spec.send_at;
    }
    message_of.push_back(outcomes.size());
    outcomes.push_back(std::move(outcome));
    messages.push_back(std::move(m));
  }

  auto group = store_.BeginGroup(options_.sync);
  if (!group) return group.error();
  if (!messages.empty()) {
    auto queued = store_.queue().EnqueueBatch(messages, now);
    if (!queued) return queued.error();
    for (size_t i = 0; i < queued->size(); ++i) outcomes[message_of[i]].message_id = (*queued)[i].id;
  }
  Status recorded = store_.campaigns().RecordOutcomes(id, outcomes);
  if (!recorded) return recorded.error();
  Status committed = group->Commit();
  if (!committed) return committed.error();
  a.next_slot = slot;
  if (!messages.empty()) wake_dispatcher_();
  return pending->size() == static_cast<size_t>(options_.chunk);
}

void CampaignRunner::CheckFinished(int64_t id) {
  auto it = active_.find(id);
  if (it == active_.end() || it->second->campaign.state != CampaignState::kRunning) return;
  auto finished = store_.campaigns().IsFinished(id);
  if (finished && *finished) {
    auto moved = store_.campaigns().Transition(id, CampaignState::kRunning, CampaignState::kCompleted, clock_.Now());
    if (moved && *moved) {
      log_->info("{} completed", Named(id));
      active_.erase(it);
      return;
    }
    if (!moved) finished = moved.error();
  }
  if (!finished) log_->error("{}: {}", Named(id), finished.error().message);
  SchedulePump(id, options_.completion_poll);
}

}  // namespace tellal::core

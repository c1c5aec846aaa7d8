#include "fake_backend.h"

#include <stdexcept>

namespace tellal::web::testing {

Result<std::vector<store::EnqueueOutcome>> FakeBackend::Submit(std::vector<SubmitItem> items) {
  std::lock_guard lock(mutex_);
  submits.push_back(items);
  if (failure) return Error{failure_code, *failure};
  std::vector<store::EnqueueOutcome> outcomes;
  for (const SubmitItem& item : items) {
    const store::NewMessage& n = item.message;
    if (n.client_ref) {
      bool found = false;
      for (const auto& [id, detail] : messages) {
        if (detail.message.client_ref == n.client_ref) {
          outcomes.push_back(store::EnqueueOutcome{id, false});
          found = true;
          break;
        }
      }
      if (found) continue;
    }
    store::Message m;
    m.id = next_id_++;
    m.client_ref = n.client_ref;
    m.to = n.to;
    m.text = n.text;
    m.encoding = n.encoding;
    m.segments = n.segments;
    m.priority = n.priority;
    m.pinned_modem = n.modem;
    m.report_requested = n.report_requested;
    m.flash = n.flash;
    m.created_at = accept_time;
    m.not_before = n.not_before.value_or(accept_time);
    m.valid_until = n.valid_until;
    messages[m.id] = MessageDetail{m, {}};
    outcomes.push_back(store::EnqueueOutcome{m.id, true});
  }
  return outcomes;
}

int64_t FakeBackend::Add(store::Message message, std::vector<SegmentView> segments) {
  std::lock_guard lock(mutex_);
  message.id = next_id_++;
  messages[message.id] = MessageDetail{message, std::move(segments)};
  return message.id;
}

Result<std::optional<MessageDetail>> FakeBackend::GetMessage(int64_t id) {
  std::lock_guard lock(mutex_);
  gets.push_back(id);
  if (failure) return Error{failure_code, *failure};
  auto it = messages.find(id);
  if (it == messages.end()) return std::optional<MessageDetail>();
  return std::optional<MessageDetail>(it->second);
}

Result<store::Page<store::Message>> FakeBackend::ListMessages(const store::MessageFilter& filter, int limit,
                                                              const std::string& cursor) {
  std::lock_guard lock(mutex_);
  message_lists.push_back(MessageListCall{filter, limit, cursor});
  if (failure) return Error{failure_code, *failure};
  return message_page;
}

Result<store::CancelOutcome> FakeBackend::Cancel(int64_t id) {
  std::lock_guard lock(mutex_);
  cancels.push_back(id);
  if (failure) return Error{failure_code, *failure};
  auto it = messages.find(id);
  if (it == messages.end()) return store::CancelOutcome::kNotFound;
  if (it->second.message.state != store::MessageState::kQueued) return store::CancelOutcome::kNotQueued;
  it->second.message.state = store::MessageState::kCancelled;
  it->second.message.cancelled_at = accept_time;
  return store::CancelOutcome::kCancelled;
}

Result<store::Page<store::InboxMessage>> FakeBackend::ListInbox(const store::InboxFilter& filter, int limit,
                                                                const std::string& cursor) {
  std::lock_guard lock(mutex_);
  inbox_lists.push_back(InboxListCall{filter, limit, cursor});
  if (failure) return Error{failure_code, *failure};
  return inbox_page;
}

std::vector<ModemView> FakeBackend::Modems() {
  std::lock_guard lock(mutex_);
  return modems;
}

HealthView FakeBackend::Health() {
  std::lock_guard lock(mutex_);
  if (throw_on_health) throw std::runtime_error("health exploded");
  return health;
}

MetricsSnapshot FakeBackend::Metrics() {
  std::lock_guard lock(mutex_);
  ++metrics_calls;
  return metrics;
}

store::SqliteStore& FakeBackend::audience_store() {
  if (!audience_store_) {
    auto opened = store::SqliteStore::OpenInMemory();
    if (!opened) throw std::runtime_error(opened.error().message);
    audience_store_ = std::move(opened).value();
  }
  return *audience_store_;
}

Status FakeBackend::WithAudience(const std::function<Status(Audience&)>& work) {
  std::lock_guard lock(mutex_);
  if (failure) return Error{failure_code, *failure};
  store::SqliteStore& s = audience_store();
  auto group = s.BeginGroup(store::GroupSync::kConnection);
  if (!group) return group.error();
  Audience audience{s.contacts(), s.consents()};
  Status done = work(audience);
  if (!done) return done;
  return group->Commit();
}

Status FakeBackend::WithRules(const std::function<Status(RuleDesk&)>& work) {
  std::lock_guard lock(mutex_);
  if (failure) return Error{failure_code, *failure};
  store::SqliteStore& s = audience_store();
  auto group = s.BeginGroup(store::GroupSync::kConnection);
  if (!group) return group.error();
  RuleDesk desk{s.rules(), s.polls(), s.contacts()};
  Status done = work(desk);
  if (!done) return done;
  return group->Commit();
}

Status FakeBackend::WithConversations(const std::function<Status(store::Conversations&)>& work) {
  std::lock_guard lock(mutex_);
  if (failure) return Error{failure_code, *failure};
  return work(audience_store().conversations());
}

Status FakeBackend::WithStats(const std::function<Status(store::MessageStats&)>& work) {
  std::lock_guard lock(mutex_);
  if (failure) return Error{failure_code, *failure};
  return work(audience_store().message_stats());
}

Status FakeBackend::WithCampaigns(const std::function<Status(CampaignDesk&)>& work) {
  std::lock_guard lock(mutex_);
  if (failure) return Error{failure_code, *failure};
  store::SqliteStore& s = audience_store();
  if (!campaign_runner_) {
    core::CampaignRunnerOptions options;
    options.footer = "RET 3456";
    options.sync = store::GroupSync::kConnection;
    campaign_runner_ = std::make_unique<core::CampaignRunner>(campaign_io, s, campaign_clock_, options, [] {});
  }
  CampaignDesk desk{s.campaigns(), s.consents(), *campaign_runner_};
  return work(desk);
}

Status FakeBackend::WithWebhooks(const std::function<Status(store::Webhooks&)>& work) {
  std::lock_guard lock(mutex_);
  if (failure) return Error{failure_code, *failure};
  return work(audience_store().webhooks());
}

}  // namespace tellal::web::testing

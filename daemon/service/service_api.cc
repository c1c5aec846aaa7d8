#include "daemon/service/service_api.h"

#include <boost/asio/post.hpp>

#include "daemon/service/service.h"

namespace tellal::service {
namespace {

Error ShuttingDown() { return Error::Unavailable("the daemon is shutting down"); }

std::string RegistrationName(int stat) {
  switch (stat) {
    case 0:
      return "not registered";
    case 1:
      return "home";
    case 2:
      return "searching";
    case 3:
      return "denied";
    case 5:
      return "roaming";
    default:
      return "unknown";
  }
}

}  // namespace

ServiceApi::ServiceApi(boost::asio::io_context& io, Service& service) : io_(io), service_(service) {}

template <typename T, typename F, typename C>
T ServiceApi::OnIo(F f, C closed) {
  if (closed_) return closed();
  auto promise = std::make_shared<std::promise<T>>();
  auto future = promise->get_future();
  boost::asio::post(io_, [this, promise, f = std::move(f), closed = std::move(closed)]() mutable {
    promise->set_value(closed_ ? closed() : f());
  });
  return future.get();
}

Result<std::vector<store::EnqueueOutcome>> ServiceApi::Submit(std::vector<web::SubmitItem> items) {
  if (closed_) return ShuttingDown();
  auto pending = std::make_unique<PendingSubmit>();
  pending->items = std::move(items);
  auto future = pending->done.get_future();
  {
    std::lock_guard lock(pending_mutex_);
    pending_.push_back(std::move(pending));
    if (!flush_posted_) {
      flush_posted_ = true;
      boost::asio::post(io_, [this] { FlushSubmissions(); });
    }
  }
  return future.get();
}

size_t ServiceApi::waiting_submissions() {
  std::lock_guard lock(pending_mutex_);
  return pending_.size();
}

void ServiceApi::FlushSubmissions() {
  std::vector<std::unique_ptr<PendingSubmit>> batch;
  {
    std::lock_guard lock(pending_mutex_);
    batch.swap(pending_);
    flush_posted_ = false;
  }
  if (closed_) {
    for (auto& p : batch) p->done.set_value(ShuttingDown());
    return;
  }
  store::Store& store = service_.store();
  const store::Millis now = service_.clock().Now();
  std::vector<Result<std::vector<store::EnqueueOutcome>>> results;
  results.reserve(batch.size());
  // A 202 is a promise: under the default durability the group's commit
  // waits for the disk, once for every request in it.
  auto group = store.BeginGroup(service_.config().daemon.durability == config::Durability::kProcess
                                    ? store::GroupSync::kConnection
                                    : store::GroupSync::kDisk);
  if (!group) {
    for (auto& p : batch) p->done.set_value(group.error());
    return;
  }
  uint64_t created = 0;
  for (auto& p : batch) {
    std::vector<store::NewMessage> messages;
    messages.reserve(p->items.size());
    for (web::SubmitItem& item : p->items) {
      if (item.callback) {
        item.message.dlr_url = item.callback->url;
        item.message.dlr_mask = item.callback->mask;
      }
      messages.push_back(std::move(item.message));
    }
    auto outcome = store.queue().EnqueueBatch(messages, now);
    if (outcome) {
      for (const auto& o : *outcome) created += o.created ? 1 : 0;
    }
    results.push_back(std::move(outcome));
  }
  Status committed = group->Commit();
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!committed) {
      batch[i]->done.set_value(Wrap("queueing", committed.error()));
    } else {
      batch[i]->done.set_value(std::move(results[i]));
    }
  }
  if (committed) {
    accepted_total_ += created;
    if (created > 0) service_.dispatcher().Wake();
  }
}

Status ServiceApi::WithAudience(const std::function<Status(web::Audience&)>& work) {
  return OnIo<Status>(
      [this, &work]() -> Status {
        store::Store& store = service_.store();
        auto group = store.BeginGroup(service_.config().daemon.durability == config::Durability::kProcess
                                          ? store::GroupSync::kConnection
                                          : store::GroupSync::kDisk);
        if (!group) return group.error();
        web::Audience audience{store.contacts(), store.consents()};
        Status done = work(audience);
        if (!done) return done;  // the group rolls back
        return group->Commit();
      },
      [] { return Status(ShuttingDown()); });
}

Status ServiceApi::WithCampaigns(const std::function<Status(web::CampaignDesk&)>& work) {
  return OnIo<Status>(
      [this, &work]() -> Status {
        store::Store& store = service_.store();
        web::CampaignDesk desk{store.campaigns(), store.consents(), service_.campaigns()};
        return work(desk);
      },
      [] { return Status(ShuttingDown()); });
}

Status ServiceApi::WithWebhooks(const std::function<Status(store::Webhooks&)>& work) {
  return OnIo<Status>([this, &work]() -> Status { return work(service_.store().webhooks()); },
                      [] { return Status(ShuttingDown()); });
}

Status ServiceApi::WithRules(const std::function<Status(web::RuleDesk&)>& work) {
  return OnIo<Status>(
      [this, &work]() -> Status {
        store::Store& store = service_.store();
        auto group = store.BeginGroup(service_.config().daemon.durability == config::Durability::kProcess
                                          ? store::GroupSync::kConnection
                                          : store::GroupSync::kDisk);
        if (!group) return group.error();
        web::RuleDesk desk{store.rules(), store.polls(), store.contacts()};
        Status done = work(desk);
        if (!done) return done;  // the group rolls back
        return group->Commit();
      },
      [] { return Status(ShuttingDown()); });
}

Status ServiceApi::WithConversations(const std::function<Status(store::Conversations&)>& work) {
  return OnIo<Status>([this, &work]() -> Status { return work(service_.store().conversations()); },
                      [] { return Status(ShuttingDown()); });
}

Status ServiceApi::WithStats(const std::function<Status(store::MessageStats&)>& work) {
  return OnIo<Status>([this, &work]() -> Status { return work(service_.store().message_stats()); },
                      [] { return Status(ShuttingDown()); });
}

Result<std::optional<web::MessageDetail>> ServiceApi::GetMessage(int64_t id) {
  return OnIo<Result<std::optional<web::MessageDetail>>>(
      [this, id]() -> Result<std::optional<web::MessageDetail>> {
        auto message = service_.store().queue().GetMessage(id);
        if (!message) return message.error();
        if (!*message) return std::optional<web::MessageDetail>();
        auto segments = service_.store().queue().ListSegments(id);
        if (!segments) return segments.error();
        web::MessageDetail detail;
        detail.message = std::move(**message);
        for (const store::SegmentRecord& s : *segments) {
          web::SegmentView v;
          v.seq = s.seq;
          v.state = s.state;
          v.modem = s.modem;
          v.mr = s.mr;
          v.sent_at = s.sent_at;
          v.reported_at = s.reported_at;
          detail.segments.push_back(std::move(v));
        }
        return std::optional<web::MessageDetail>(std::move(detail));
      },
      ShuttingDown);
}

Result<store::Page<store::Message>> ServiceApi::ListMessages(const store::MessageFilter& filter, int limit,
                                                             const std::string& cursor) {
  return OnIo<Result<store::Page<store::Message>>>(
      [this, filter, limit, cursor] { return service_.store().queue().ListMessages(filter, limit, cursor); },
      ShuttingDown);
}

Result<store::CancelOutcome> ServiceApi::Cancel(int64_t id) {
  return OnIo<Result<store::CancelOutcome>>(
      [this, id] { return service_.store().queue().Cancel(id, service_.clock().Now()); }, ShuttingDown);
}

Result<store::Page<store::InboxMessage>> ServiceApi::ListInbox(const store::InboxFilter& filter, int limit,
                                                               const std::string& cursor) {
  return OnIo<Result<store::Page<store::InboxMessage>>>(
      [this, filter, limit, cursor] { return service_.store().inbox().ListInbox(filter, limit, cursor); },
      ShuttingDown);
}

std::vector<web::ModemView> ServiceApi::ModemsOnIo() {
  std::vector<web::ModemView> views;
  uint64_t total_sent = 0;
  for (const config::ModemSettings& settings : service_.config().modems) {
    web::ModemView v;
    v.id = settings.id;
    v.device = settings.device;
    v.rate_per_minute = settings.rate_per_minute;
    v.daily_limit = settings.daily_limit;
    auto driver = service_.drivers().find(settings.id);
    if (driver == service_.drivers().end()) {
      v.state = "disabled";
    } else {
      const modem::Modem& d = *driver->second;
      v.state = std::string(modem::ToString(d.state()));
      const modem::ModemInfo& info = d.info();
      v.manufacturer = info.manufacturer;
      v.model = info.model;
      v.imei = info.imei;
      v.imsi = info.imsi;
      v.iccid = info.iccid;
      v.operator_name = info.operator_name;
      v.signal_dbm = info.signal_dbm;
      v.registration = RegistrationName(info.registration);
      v.lock_reason = info.lock_reason;
      v.pin_attempts_left = info.pin_attempts_left;
      v.sim_used = info.sim_used;
      v.sim_total = info.sim_total;
      v.sim_full = info.sim_full;
    }
    if (auto counters = service_.dispatcher().Counters(settings.id)) {
      v.sent_today = counters->sent_today;
      v.sent_total = counters->sent_total;
      v.failed_total = counters->failed_total;
      v.last_error = counters->last_error;
      total_sent += counters->sent_total;
    }
    views.push_back(std::move(v));
  }
  for (web::ModemView& v : views) {
    v.queue_share = total_sent == 0 ? 0.0 : static_cast<double>(v.sent_total) / static_cast<double>(total_sent);
  }
  return views;
}

std::vector<web::ModemView> ServiceApi::Modems() {
  return OnIo<std::vector<web::ModemView>>([this] { return ModemsOnIo(); },
                                           [] { return std::vector<web::ModemView>(); });
}

web::HealthView ServiceApi::Health() {
  auto closed = [] {
    web::HealthView h;
    h.status = "stopping";
    h.version = TELLAL_VERSION;
    return h;
  };
  if (closed_) return closed();
  std::shared_future<web::HealthView> answer;
  {
    std::lock_guard lock(health_mutex_);
    if (!health_in_flight_.valid()) {
      auto promise = std::make_shared<std::promise<web::HealthView>>();
      health_in_flight_ = promise->get_future().share();
      boost::asio::post(io_, [this, promise, closed] {
        web::HealthView h = closed_ ? closed() : HealthOnIo();
        {
          // Cleared before the answer is given, so a caller arriving after
          // a change on the io thread never gets a read made before it.
          std::lock_guard lock(health_mutex_);
          health_in_flight_ = {};
        }
        promise->set_value(std::move(h));
      });
    }
    answer = health_in_flight_;
  }
  return answer.get();
}

web::HealthView ServiceApi::HealthOnIo() {
  web::HealthView h;
  h.version = TELLAL_VERSION;
  for (const auto& [id, driver] : service_.drivers()) {
    ++h.modems_total;
    if (modem::AcceptsSends(driver->state())) ++h.modems_ready;
  }
  // Three rows kept by the store as messages change state.
  if (auto counts = service_.store().queue().CountQueued()) {
    for (const auto& [priority, n] : *counts) h.queued += n;
  }
  h.status = h.modems_ready > 0 ? "ok" : (service_.started_up() ? "degraded" : "starting");
  return h;
}

web::MetricsSnapshot ServiceApi::Metrics() {
  return OnIo<web::MetricsSnapshot>(
      [this] {
        web::MetricsSnapshot m;
        m.modems = ModemsOnIo();
        m.queued_by_priority = {{"otp", 0}, {"normal", 0}, {"bulk", 0}};
        if (auto counts = service_.store().queue().CountQueued()) {
          for (const auto& [priority, n] : *counts) m.queued_by_priority[store::PriorityName(priority)] = n;
        }
        m.inbound_total = service_.inbound().inbound_total();
        m.accepted_total = accepted_total_;
        const core::LatencyHistogram latency = service_.dispatcher().Latency();
        m.send_latency.bounds.assign(std::begin(core::kLatencyBounds), std::end(core::kLatencyBounds));
        m.send_latency.counts = latency.counts;
        m.send_latency.count = latency.count;
        m.send_latency.sum = latency.sum;
        return m;
      },
      [] { return web::MetricsSnapshot{}; });
}

}  // namespace tellal::service

// ServiceApi: the daemon's side of the HTTP API (web::ApiBackend). HTTP
// worker threads call it; it runs each request on the io thread and waits.
//
// Group commit: submissions arriving while one commit is being prepared
// are queued and written together, in one transaction (each request in its
// own savepoint, so one request's failure does not undo another's), so
// many concurrent POSTs cost one commit instead of one each.
//
// Health: GET /api/v1/health is public and may be polled hard. Its figures
// are read on the io thread from counts the store keeps as messages change
// state (never a count of the queue), and concurrent callers share one read:
// while one is pending, later callers wait for it instead of posting their
// own, so any number of pollers cost the io thread at most one small read
// at a time.
//
// Shutdown: Close() makes every later call fail at once with "shutting
// down" instead of waiting for an io thread that is about to stop.
#ifndef TELLAL_DAEMON_SERVICE_SERVICE_API_H_
#define TELLAL_DAEMON_SERVICE_SERVICE_API_H_

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <future>
#include <mutex>
#include <vector>

#include "web/api/api_backend.h"

namespace tellal::service {

class Service;

class ServiceApi : public web::ApiBackend {
 public:
  ServiceApi(boost::asio::io_context& io, Service& service);

  void Close() { closed_ = true; }

  Result<std::vector<store::EnqueueOutcome>> Submit(std::vector<web::SubmitItem> items) override;
  Result<std::optional<web::MessageDetail>> GetMessage(int64_t id) override;
  Result<store::Page<store::Message>> ListMessages(const store::MessageFilter& filter, int limit,
                                                   const std::string& cursor) override;
  Result<store::CancelOutcome> Cancel(int64_t id) override;
  Result<store::Page<store::InboxMessage>> ListInbox(const store::InboxFilter& filter, int limit,
                                                     const std::string& cursor) override;
  std::vector<web::ModemView> Modems() override;
  web::HealthView Health() override;
  web::MetricsSnapshot Metrics() override;
  Status WithAudience(const std::function<Status(web::Audience&)>& work) override;
  Status WithCampaigns(const std::function<Status(web::CampaignDesk&)>& work) override;
  Status WithWebhooks(const std::function<Status(store::Webhooks&)>& work) override;
  Status WithRules(const std::function<Status(web::RuleDesk&)>& work) override;
  Status WithConversations(const std::function<Status(store::Conversations&)>& work) override;
  Status WithStats(const std::function<Status(store::MessageStats&)>& work) override;

  uint64_t accepted_total() const { return accepted_total_; }
  // Submit calls waiting for the next group commit. For tests, which gather
  // several calls into one group by letting them arrive before the io
  // thread runs; there is no other way to see from outside that they did.
  size_t waiting_submissions();

 private:
  struct PendingSubmit {
    std::vector<web::SubmitItem> items;
    std::promise<Result<std::vector<store::EnqueueOutcome>>> done;
  };

  // Runs f() on the io thread and returns its result; fails fast once closed.
  template <typename T, typename F, typename C>
  T OnIo(F f, C closed);
  void FlushSubmissions();
  std::vector<web::ModemView> ModemsOnIo();
  web::HealthView HealthOnIo();

  boost::asio::io_context& io_;
  Service& service_;
  std::atomic<bool> closed_{false};
  std::mutex pending_mutex_;
  std::vector<std::unique_ptr<PendingSubmit>> pending_;
  bool flush_posted_ = false;  // guarded by pending_mutex_
  std::atomic<uint64_t> accepted_total_{0};
  std::mutex health_mutex_;
  std::shared_future<web::HealthView> health_in_flight_;  // guarded by health_mutex_; invalid: none
};

}  // namespace tellal::service

#endif  // TELLAL_DAEMON_SERVICE_SERVICE_API_H_

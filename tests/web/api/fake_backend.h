// FakeBackend: an in-memory ApiBackend that records every call, so tests
// check both what the API answered and what it asked the daemon to do.
//
// Submit queues into `messages` (ids from 1) and honours client_ref like the
// store does; GetMessage and Cancel read and change `messages`. Set
// `failure` to make every call that returns a Result fail with it (with
// `failure_code`), and
// `throw_on_health` to check that nothing escapes the router.
//
// Thread safety: every method locks, so concurrency tests may share one.
#ifndef TELLAL_TESTS_WEB_API_FAKE_BACKEND_H_
#define TELLAL_TESTS_WEB_API_FAKE_BACKEND_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "daemon/store/sqlite/sqlite_store.h"
#include "web/api/api_backend.h"

namespace tellal::web::testing {

class FakeBackend : public ApiBackend {
 public:
  struct MessageListCall {
    store::MessageFilter filter;
    int limit = 0;
    std::string cursor;
  };
  struct InboxListCall {
    store::InboxFilter filter;
    int limit = 0;
    std::string cursor;
  };

  Result<std::vector<store::EnqueueOutcome>> Submit(std::vector<SubmitItem> items) override;
  Result<std::optional<MessageDetail>> GetMessage(int64_t id) override;
  Result<store::Page<store::Message>> ListMessages(const store::MessageFilter& filter, int limit,
                                                   const std::string& cursor) override;
  Result<store::CancelOutcome> Cancel(int64_t id) override;
  Result<store::Page<store::InboxMessage>> ListInbox(const store::InboxFilter& filter, int limit,
                                                     const std::string& cursor) override;
  std::vector<ModemView> Modems() override;
  HealthView Health() override;
  MetricsSnapshot Metrics() override;
  // Against a real in-memory SQLite store (opened on first use), one
  // transaction per call, as the daemon does.
  Status WithAudience(const std::function<Status(Audience&)>& work) override;
  store::SqliteStore& audience_store();
  // Against the same store, with a real CampaignRunner on `campaign_io`
  // (run it to let a started campaign queue) and the footer "RET 3456".
  Status WithCampaigns(const std::function<Status(CampaignDesk&)>& work) override;
  // Against the same store as WithAudience.
  Status WithWebhooks(const std::function<Status(store::Webhooks&)>& work) override;
  boost::asio::io_context campaign_io;
  // Against the same store, one transaction per call.
  Status WithRules(const std::function<Status(RuleDesk&)>& work) override;
  // Against the same store.
  Status WithConversations(const std::function<Status(store::Conversations&)>& work) override;
  // Against the same store.
  Status WithStats(const std::function<Status(store::MessageStats&)>& work) override;

  // Puts a message straight into the fake's state (as if queued earlier).
  int64_t Add(store::Message message, std::vector<SegmentView> segments = {});

  // Behaviour.
  std::optional<std::string> failure;
  ErrorCode failure_code = ErrorCode::kInvalidArgument;  // the code `failure` carries
  bool throw_on_health = false;
  store::Millis accept_time = 0;  // created_at of submitted messages
  store::Page<store::Message> message_page;
  store::Page<store::InboxMessage> inbox_page;
  std::vector<ModemView> modems;
  HealthView health;
  MetricsSnapshot metrics;

  // State and recorded calls.
  std::map<int64_t, MessageDetail> messages;
  std::vector<std::vector<SubmitItem>> submits;
  std::vector<int64_t> gets;
  std::vector<int64_t> cancels;
  std::vector<MessageListCall> message_lists;
  std::vector<InboxListCall> inbox_lists;
  int metrics_calls = 0;

 private:
  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::unique_ptr<store::SqliteStore> audience_store_;
  core::DaemonClock campaign_clock_;
  std::unique_ptr<core::CampaignRunner> campaign_runner_;
};

}  // namespace tellal::web::testing

#endif  // TELLAL_TESTS_WEB_API_FAKE_BACKEND_H_

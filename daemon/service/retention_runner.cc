#include "daemon/service/retention_runner.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "daemon/core/local_time.h"

namespace tellal::service {
namespace {

constexpr store::Millis kDay = 24LL * 3600 * 1000;

}  // namespace

RetentionRunner::RetentionRunner(boost::asio::io_context& io, store::Retention& retention, RetentionOptions options)
    : io_(io), retention_(retention), options_(std::move(options)), timer_(io), alive_(std::make_shared<int>(0)) {}

RetentionRunner::~RetentionRunner() { Stop(); }

void RetentionRunner::Start() {
  stopped_ = false;
  Arm(options_.first_run);
}

void RetentionRunner::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void RetentionRunner::Arm(std::chrono::milliseconds after) {
  timer_.expires_after(after);
  timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
    if (ec || alive.expired() || stopped_) return;
    BeginRun();
  });
}

void RetentionRunner::BeginRun() {
  const store::Millis now = options_.now ? options_.now() : core::NowMillis();
  cutoff_ = now - options_.keep_days * kDay;
  phase_ = Phase::kMessages;
  current_ = RetentionRun{};
  current_.runs = last_.runs;
  if (options_.keep_days == 0) {
    Finish(Status::Ok());
    return;
  }
  Step();
}

void RetentionRunner::Post() {
  boost::asio::post(io_, [this, alive = std::weak_ptr<int>(alive_)] {
    if (alive.expired() || stopped_) return;
    Step();
  });
}

void RetentionRunner::Step() {
  switch (phase_) {
    case Phase::kMessages: {
      store::Retention::MessageArchive archive;
      if (options_.archive) {
        archive = [this](const std::vector<store::Message>& rows) { return options_.archive->Append(rows); };
      }
      auto deleted = retention_.PurgeMessages(cutoff_, options_.batch, archive);
      if (!deleted) return Finish(deleted.error());
      current_.messages += *deleted;
      if (*deleted < options_.batch) phase_ = Phase::kInbox;
      return Post();
    }
    case Phase::kInbox: {
      store::Retention::InboxArchive archive;
      if (options_.archive) {
        archive = [this](const std::vector<store::InboxMessage>& rows) { return options_.archive->Append(rows); };
      }
      auto deleted = retention_.PurgeInbox(cutoff_, options_.batch, archive);
      if (!deleted) return Finish(deleted.error());
      current_.inbox += *deleted;
      if (*deleted < options_.batch) phase_ = Phase::kWebhooks;
      return Post();
    }
    case Phase::kWebhooks: {
      auto deleted = retention_.PurgeWebhookHistory(cutoff_, options_.batch);
      if (!deleted) return Finish(deleted.error());
      current_.webhook_history += *deleted;
      if (*deleted == options_.batch) return Post();
      return Finish(Status::Ok());
    }
  }
}

void RetentionRunner::Finish(const Status& status) {
  ++current_.runs;
  last_ = current_;
  if (!status) {
    spdlog::error("retention: stopped after deleting {} message(s) and {} inbox entr{}: {}; next try in {} min",
                  current_.messages, current_.inbox, current_.inbox == 1 ? "y" : "ies", status.error().message,
                  std::chrono::duration_cast<std::chrono::minutes>(options_.interval).count());
  } else if (options_.keep_days > 0) {
    spdlog::info("retention: deleted {} message(s), {} inbox entr{} and {} webhook deliveries, events and dlr-url "
                 "call(s) older than {} day(s){}",
                 current_.messages, current_.inbox, current_.inbox == 1 ? "y" : "ies", current_.webhook_history,
                 options_.keep_days,
                 options_.archive ? " (archived to " + options_.archive->dir() + ")" : std::string());
  }
  Status checkpointed = retention_.CheckpointLog();
  if (!checkpointed) spdlog::warn("retention: {}", checkpointed.error().message);
  if (!stopped_) Arm(options_.interval);
}

}  // namespace tellal::service

// RetentionRunner: deletes history older than keep_days off the hot path,
// and keeps the store's write-ahead log small.
//
// A run starts `first_run` after Start() and then every `interval`. It
// deletes one batch (`batch` rows, one transaction) per io handler and
// posts the next batch as a new handler, so the io thread — the API, the
// dispatcher, the modems — never waits for more than one batch. Messages
// go first, then the inbox, then webhook history and finished Kannel dlr-url
// calls; with an ArchiveWriter
// each batch of messages or inbox entries is archived before it is deleted. A run ends with a WAL checkpoint (TRUNCATE) and one
// info line with the counts; a failure ends the run with one error line and
// the next run tries again. keep_days = 0 deletes nothing; the checkpoint
// still runs.
//
// Thread affinity: the io_context's thread. Lifetime: the Retention (and
// the ArchiveWriter) must outlive it; destroying it or Stop() cancels the
// timer, and late handlers do nothing.
#ifndef TELLAL_DAEMON_SERVICE_RETENTION_RUNNER_H_
#define TELLAL_DAEMON_SERVICE_RETENTION_RUNNER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "daemon/service/archive_writer.h"
#include "daemon/store/retention.h"

namespace tellal::service {

struct RetentionOptions {
  int keep_days = 90;  // 0: keep forever
  std::optional<ArchiveWriter> archive;
  std::chrono::milliseconds first_run{std::chrono::minutes(2)};  // after the start-up burst
  std::chrono::milliseconds interval{std::chrono::hours(1)};
  int batch = 500;
  std::function<store::Millis()> now;  // null: the system clock
};

struct RetentionRun {
  int messages = 0;  // deleted (and archived) in the last finished run
  int inbox = 0;
  int webhook_history = 0;  // webhook deliveries and events, dlr-url calls deleted (not archived)
  int runs = 0;             // finished runs, failed ones included
};

class RetentionRunner {
 public:
  RetentionRunner(boost::asio::io_context& io, store::Retention& retention, RetentionOptions options);
  ~RetentionRunner();
  RetentionRunner(const RetentionRunner&) = delete;
  RetentionRunner& operator=(const RetentionRunner&) = delete;

  void Start();
  void Stop();

  const RetentionRun& last_run() const { return last_; }

 private:
  void Arm(std::chrono::milliseconds after);
  void BeginRun();
  void Step();
  void Finish(const Status& status);
  void Post();

  boost::asio::io_context& io_;
  store::Retention& retention_;
  RetentionOptions options_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<int> alive_;
  bool stopped_ = false;
  store::Millis cutoff_ = 0;
  enum class Phase { kMessages, kInbox, kWebhooks };
  Phase phase_ = Phase::kMessages;
  RetentionRun current_;
  RetentionRun last_;
};

}  // namespace tellal::service

#endif  // TELLAL_DAEMON_SERVICE_RETENTION_RUNNER_H_

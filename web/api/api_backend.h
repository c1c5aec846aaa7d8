// ApiBackend: everything the HTTP API needs from the running daemon, and
// nothing more. The daemon implements it (daemon/service); tests implement
// it with an in-memory fake. The API layer validates and normalises every
// request before calling in, so the backend never sees a malformed value.
//
// Thread safety: every method may be called from any HTTP worker thread,
// concurrently. Implementations hand the work to the daemon's io thread and
// wait for it; none of them throws.
#ifndef TELLAL_WEB_API_API_BACKEND_H_
#define TELLAL_WEB_API_API_BACKEND_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "daemon/store/message_store.h"
#include "modem/result.h"

namespace tellal::web {

// One segment of an outbound message as the API reports it.
struct SegmentView {
  int seq = 1;
  std::string state;  // "sent", "pending", "delivered", "failed", "expired"
  std::optional<std::string> modem;
  std::optional<int> mr;
  std::optional<store::Millis> sent_at;
  std::optional<store::Millis> reported_at;
};

struct MessageDetail {
  store::Message message;
  std::vector<SegmentView> segments;  // only those handed to a modem so far
};

// One modem as GET /api/v1/modems shows it.
struct ModemView {
  std::string id;
  std::string state;  // absent|initialising|ready|busy|degraded|recovering|failed|disabled
  std::string device;
  std::string manufacturer, model, imei, imsi, iccid, operator_name;
  std::optional<int> signal_dbm;
  std::string registration;  // "home", "roaming", "searching", "denied", "unknown", "not registered"
  int sent_today = 0;        // SMS (segments) since local midnight
  std::optional<int> daily_limit;
  std::optional<int> rate_per_minute;
  double queue_share = 0.0;  // this modem's share of segments sent in the last hour, 0..1
  std::optional<std::string> last_error;
  uint64_t sent_total = 0;    // segments sent since start
  uint64_t failed_total = 0;  // send attempts that failed since start
};

struct HealthView {
  std::string status;  // "ok" (some modem ready), "degraded" (none ready), "starting"
  int modems_total = 0;
  int modems_ready = 0;
  int64_t queued = 0;  // messages waiting
  std::string version;
};

// Cumulative histogram: bucket upper bounds in seconds with counts of
// observations <= bound; `sum` in seconds.
struct Histogram {
  std::vector<double> bounds;
  std::vector<uint64_t> counts;  // same size as bounds; +Inf is `count`
  uint64_t count = 0;
  double sum = 0;
};

struct MetricsSnapshot {
  std::vector<ModemView> modems;
  std::map<std::string, int64_t> queued_by_priority;  // "otp", "normal", "bulk"
  uint64_t inbound_total = 0;
  uint64_t accepted_total = 0;
  Histogram send_latency;  // seconds inside AT+CMGS, per segment
};

// What the daemon adds to a message beyond store::NewMessage when it came
// through Kannel's sendsms: where to report delivery states.
struct DeliveryCallback {
  std::string url;  // http:// URL with Kannel's %d/%p/%A... escapes unexpanded
  int mask = 0;     // Kannel dlr-mask bits: 1 delivered, 2 failed, 4 buffered, 8 smsc ack, 16 smsc reject
};

struct SubmitItem {
  store::NewMessage message;
  std::optional<DeliveryCallback> callback;
};

class ApiBackend {
 public:
  virtual ~ApiBackend() = default;

  // Queues every item, all or nothing, in one durable transaction (the
  // daemon groups concurrent submissions into one commit). Outcomes follow
  // the input order.
  virtual Result<std::vector<store::EnqueueOutcome>> Submit(std::vector<SubmitItem> items) = 0;
  virtual Result<std::optional<MessageDetail>> GetMessage(int64_t id) = 0;
  virtual Result<store::Page<store::Message>> ListMessages(const store::MessageFilter& filter, int limit,
                                                           const std::string& cursor) = 0;
  virtual Result<store::CancelOutcome> Cancel(int64_t id) = 0;
  virtual Result<store::Page<store::InboxMessage>> ListInbox(const store::InboxFilter& filter, int limit,
                                                             const std::string& cursor) = 0;
  virtual std::vector<ModemView> Modems() = 0;
  virtual HealthView Health() = 0;
  virtual MetricsSnapshot Metrics() = 0;
};

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_API_BACKEND_H_

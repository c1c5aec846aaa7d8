// InboundProcessor: what happens to a message or delivery report a modem
// hands up. It is stored durably first, and only then does the driver get
// the go-ahead (`stored`) to delete it from the SIM — never the other order,
// so a crash in between leaves it on the SIM to be read again (and
// recognised as a duplicate by the store).
//
// Promises:
//  - Every SMS-DELIVER becomes an inbox entry (multipart ones once all parts
//    are in, or as `partial` after partial_timeout via ExpirePartials).
//  - Every SMS-STATUS-REPORT is matched to the segment it reports on by
//    (modem, TP-MR, recipient, sent within report_window) and moves the
//    segment and message state; unmatched reports are logged and dropped.
//  - A PDU that cannot be decoded (or is not an SMS-DELIVER) becomes an
//    inbox entry flagged undecodable, with its raw PDU, the reason, and the
//    sender and SMSC time stamp when its header could be read that far; it
//    is then deleted from the SIM like any message, so such PDUs never fill
//    the SIM. It never joins a multipart set, so no set waits on it.
//
// Thread affinity: the io_context thread (it calls the store).
#ifndef TELLAL_DAEMON_CORE_INBOUND_PROCESSOR_H_
#define TELLAL_DAEMON_CORE_INBOUND_PROCESSOR_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "daemon/store/inbox.h"
#include "daemon/store/outbound_queue.h"
#include "daemon/store/records.h"
#include "modem/driver/modem_listener.h"

namespace spdlog {
class logger;
}

namespace tellal::core {

struct InboundOptions {
  std::string default_country;                           // digits; normalises national senders/recipients
  store::Millis report_window = 7LL * 24 * 3600 * 1000;  // how old a segment a report may match
  std::shared_ptr<spdlog::logger> log;                   // null: spdlog's default
  std::function<store::Millis()> now;                    // null: the system clock
};

class InboundProcessor {
 public:
  // A message's state changed because of a report (for delivery callbacks).
  using TransitionCallback = std::function<void(const store::Message&)>;
  // A whole message reached the inbox.
  using InboxCallback = std::function<void(const store::InboxMessage&)>;

  // Messages go to `inbox`, status reports to `queue`; both must outlive
  // the processor.
  InboundProcessor(store::Inbox& inbox, store::OutboundQueue& queue, InboundOptions options);

  // `sim`: the SIM's IMSI/ICCID when known (empty otherwise).
  void HandleMessage(const std::string& modem, const std::string& sim, const modem::InboundPdu& pdu,
                     const std::function<void()>& stored);
  void HandleStatusReport(const std::string& modem, const modem::StatusReport& report,
                          const std::function<void()>& stored);
  // Incomplete multipart sets older than `max_age` go to the inbox as partial.
  void ExpirePartials(store::Millis max_age);

  void OnTransition(TransitionCallback callback) { on_transition_ = std::move(callback); }
  void OnInbox(InboxCallback callback) { on_inbox_ = std::move(callback); }
  uint64_t inbound_total() const { return inbound_total_; }
  uint64_t reports_total() const { return reports_total_; }

 private:
  store::Millis Now() const;
  void StoreUndecodable(const std::string& modem, const std::string& sim, const modem::InboundPdu& pdu,
                        const std::function<void()>& stored);
  // After a store of a message (or an undecodable PDU) succeeded.
  void AfterStore(const std::string& modem, const std::string& where, const store::InboundResult& result);

  store::Inbox& inbox_;
  store::OutboundQueue& queue_;
  InboundOptions options_;
  std::shared_ptr<spdlog::logger> log_;
  TransitionCallback on_transition_;
  InboxCallback on_inbox_;
  uint64_t inbound_total_ = 0;
  uint64_t reports_total_ = 0;
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_INBOUND_PROCESSOR_H_

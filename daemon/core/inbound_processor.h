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
//  - With opt-out by SMS (the Store constructor and InboundOptions::opt_out):
//    a whole message that is a stop keyword (opt_out_keywords.h) records
//    consent RET, a start keyword ONAY, both with source HS_MESAJ, the
//    receiving modem, SIM and time, in the SAME transaction as its inbox
//    entry, so the refusal is durable the moment the SIM slot is released
//    and a crash cannot keep the message but lose the refusal. With
//    `confirm`, one answer is queued in that transaction too, pinned to the
//    receiving modem so it goes out from the same SIM, with the client_ref
//    "consent-<inbox id>" so a reprocessed message is never answered twice.
//  - With keyword rules (the Store constructor and InboundOptions::rules):
//    a whole message that is not a stop or start keyword runs the first
//    matching rule's actions (rule_actions.h) in the SAME transaction as
//    its inbox entry; an answer it queues wakes the dispatcher like a
//    consent confirmation does (OnQueued).
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

#include <optional>
#include <vector>

#include "daemon/core/opt_out_keywords.h"
#include "daemon/core/rule_actions.h"
#include "daemon/store/consents.h"
#include "daemon/store/group_commit.h"
#include "daemon/store/inbox.h"
#include "daemon/store/outbound_queue.h"
#include "daemon/store/records.h"
#include "daemon/store/store.h"
#include "modem/driver/modem_listener.h"

namespace spdlog {
class logger;
}

namespace tellal::core {

// Opt-out by SMS ([campaigns] in the configuration).
struct OptOutOptions {
  std::vector<std::string> stop_keywords = {"DUR", "STOP", "IPTAL", "RET"};
  std::vector<std::string> start_keywords = {"BASLA", "START"};
  std::string brand;
  bool confirm = true;  // answer from the receiving SIM
  std::string stop_reply;
  std::string start_reply;
};

struct InboundOptions {
  std::string default_country;                           // digits; normalises national senders/recipients
  store::Millis report_window = 7LL * 24 * 3600 * 1000;  // how old a segment a report may match
  std::shared_ptr<spdlog::logger> log;                   // null: spdlog's default
  std::function<store::Millis()> now;                    // null: the system clock
  std::optional<OptOutOptions> opt_out;                  // only with the Store constructor
  std::optional<RuleOptions> rules;                      // only with the Store constructor
};

class InboundProcessor {
 public:
  // A whole message reached the inbox.
  using InboxCallback = std::function<void(const store::InboxMessage&)>;

  // Messages go to `inbox`, status reports to `queue`; both must outlive
  // the processor. No opt-out by SMS: options.opt_out is ignored.
  InboundProcessor(store::Inbox& inbox, store::OutboundQueue& queue, InboundOptions options);
  // The same on `store`'s inbox and queue, opt-out by SMS into its
  // consents when options.opt_out is set, and its keyword rules when
  // options.rules is. `store` must outlive the processor.
  InboundProcessor(store::Store& store, InboundOptions options);

  // `sim`: the SIM's IMSI/ICCID when known (empty otherwise).
  void HandleMessage(const std::string& modem, const std::string& sim, const modem::InboundPdu& pdu,
                     const std::function<void()>& stored);
  void HandleStatusReport(const std::string& modem, const modem::StatusReport& report,
                          const std::function<void()>& stored);
  // Incomplete multipart sets older than `max_age` go to the inbox as partial.
  void ExpirePartials(store::Millis max_age);

  void OnInbox(InboxCallback callback) { on_inbox_ = std::move(callback); }
  // A confirmation was queued (the dispatcher should look at the queue).
  void OnQueued(std::function<void()> callback) { on_queued_ = std::move(callback); }
  uint64_t inbound_total() const { return inbound_total_; }
  uint64_t reports_total() const { return reports_total_; }
  uint64_t consents_total() const { return consents_total_; }

 private:
  store::Millis Now() const;
  void StoreUndecodable(const std::string& modem, const std::string& sim, const modem::InboundPdu& pdu,
                        const std::function<void()>& stored);
  // Inside the open group: records the consent a keyword message asks for
  // and queues its answer. *queued: an answer was queued.
  // *keyword: the message was a stop or start keyword.
  Status ApplyKeyword(const std::string& modem, int64_t inbox_id, bool* queued, bool* keyword);
  // Inside the open group: the keyword rules' actions for a message that
  // was not a stop or start keyword.
  Status ApplyRules(const std::string& modem, int64_t inbox_id, bool* queued);
  // After a store of a message (or an undecodable PDU) succeeded.
  void AfterStore(const std::string& modem, const std::string& where, const store::InboundResult& result);

  store::Inbox& inbox_;
  store::OutboundQueue& queue_;
  store::GroupCommit* groups_ = nullptr;  // set with opt-out by SMS
  store::Consents* consents_ = nullptr;   // set with opt-out by SMS
  InboundOptions options_;
  std::optional<OptOutKeywords> keywords_;
  std::unique_ptr<RuleActions> rule_actions_;  // set with keyword rules
  std::shared_ptr<spdlog::logger> log_;
  InboxCallback on_inbox_;
  std::function<void()> on_queued_;
  uint64_t inbound_total_ = 0;
  uint64_t reports_total_ = 0;
  uint64_t consents_total_ = 0;
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_INBOUND_PROCESSOR_H_

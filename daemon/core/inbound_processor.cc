#include "daemon/core/inbound_processor.h"

#include <spdlog/spdlog.h>

#include "daemon/core/local_time.h"
#include "daemon/core/phone_number.h"
#include "modem/pdu/hex.h"
#include "modem/pdu/pdu_decoder.h"
#include "modem/pdu/text_planner.h"
#include "modem/pdu/timestamp.h"

namespace tellal::core {

InboundProcessor::InboundProcessor(store::Inbox& inbox, store::OutboundQueue& queue, InboundOptions options)
    : inbox_(inbox),
      queue_(queue),
      options_(std::move(options)),
      log_(options_.log ? options_.log : spdlog::default_logger()) {
  if (!options_.now) options_.now = NowMillis;
}

InboundProcessor::InboundProcessor(store::Store& store, InboundOptions options)
    : InboundProcessor(store.inbox(), store.queue(), std::move(options)) {
  if (options_.opt_out || options_.rules) groups_ = &store;
  if (options_.rules) rule_actions_ = std::make_unique<RuleActions>(store, *options_.rules, log_);
  if (!options_.opt_out) return;
  consents_ = &store.consents();
  keywords_.emplace(options_.opt_out->stop_keywords, options_.opt_out->start_keywords, options_.opt_out->brand);
}

store::Millis InboundProcessor::Now() const { return options_.now(); }

namespace {

constexpr store::Millis kAnswerValidity = 24LL * 3600 * 1000;

// What the inbox can say about a PDU that does not decode.
struct UndecodableHeader {
  std::string reason;     // "<stable name>: <where it failed>"
  std::string sender;     // TP-OA as read, empty when not reached
  std::string smsc_time;  // RFC 3339, empty when not reached
};

UndecodableHeader ReadUndecodable(const modem::InboundPdu& pdu) {
  UndecodableHeader out;
  // Decoded again for the stable reason and the fields read before the
  // failure, which the driver's Error does not carry.
  auto again = pdu::DecodePduWithReason(pdu.pdu_hex);
  if (!again) {
    const pdu::DecodeError& e = again.error();
    out.reason = std::string(pdu::DecodeFailureName(e.failure)) + ": " + e.error.message;
    out.sender = e.read.address.value;
    if (e.read.scts) out.smsc_time = pdu::FormatRfc3339(*e.read.scts);
  } else {
    // The driver decoded it differently; its word stands.
    out.reason = pdu.reason.empty() ? "malformed-pdu" : pdu.reason;
    out.sender = again->address.value;
  }
  return out;
}

}  // namespace

void InboundProcessor::HandleMessage(const std::string& modem, const std::string& sim, const modem::InboundPdu& pdu,
                                     const std::function<void()>& stored) {
  if (!pdu.decoded) {
    StoreUndecodable(modem, sim, pdu, stored);
    return;
  }
  const pdu::DecodedPdu& d = *pdu.decoded;
  if (d.type != pdu::MessageType::kDeliver) {
    // The driver keeps SMS-SUBMITs (someone's drafts) and reports away from
    // here; anything else that decodes is not ours to delete.
    log_->error("{}: SIM index {} holds a PDU that is not an SMS-DELIVER; left on the SIM: {}", modem, pdu.index,
                pdu.pdu_hex);
    return;
  }
  store::InboundPart part;
  part.modem = modem;
  if (!sim.empty()) part.sim = sim;
  part.sender = NormalizeReceived(d.address.value, options_.default_country);
  if (d.udh.concat) {
    part.ref = d.udh.concat->ref;
    part.total = d.udh.concat->total;
    part.seq = d.udh.concat->seq;
  }
  if (d.dcs.alphabet == pdu::Alphabet::kUcs2) {
    part.ucs2 = d.data;
  } else if (d.dcs.alphabet == pdu::Alphabet::kEightBit) {
    // Binary SMS (OTA, vCards) has no text; keep the octets readable.
    part.text = "[8-bit data] " + pdu::BytesToHex(d.data);
  } else {
    part.text = d.text;
  }
  part.smsc_time = d.scts ? pdu::FormatRfc3339(*d.scts) : std::string();
  part.received_at = Now();
  // With opt-out by SMS, the inbox entry and the consent it asks for commit
  // together, before the SIM slot is released.
  std::optional<store::Group> group;
  if (groups_) {
    auto begun = groups_->BeginGroup(store::GroupSync::kConnection);
    if (!begun) {
      log_->error("{}: storing the message at SIM index {} failed ({}); left on the SIM", modem, pdu.index,
                  begun.error().message);
      return;
    }
    group.emplace(std::move(*begun));
  }
  auto result = inbox_.StoreInboundPart(part);
  if (!result) {
    log_->error("{}: storing the message at SIM index {} failed ({}); left on the SIM", modem, pdu.index,
                result.error().message);
    return;
  }
  bool queued = false;
  if (group) {
    if (result->outcome == store::InboundOutcome::kCompleted && result->inbox_id) {
      bool keyword = false;
      Status applied = keywords_ ? ApplyKeyword(modem, *result->inbox_id, &queued, &keyword) : Status::Ok();
      // A stop or start keyword never reaches the rules.
      if (applied && !keyword && rule_actions_) applied = ApplyRules(modem, *result->inbox_id, &queued);
      if (!applied) {
        // The group rolls back with the inbox entry: the message stays on
        // the SIM and is read (and tried) again.
        log_->error("{}: recording consent or rule actions for the message at SIM index {} failed ({}); left on the SIM", modem,
                    pdu.index, applied.error().message);
        return;
      }
    }
    Status committed = group->Commit();
    if (!committed) {
      log_->error("{}: storing the message at SIM index {} failed ({}); left on the SIM", modem, pdu.index,
                  committed.error().message);
      return;
    }
  }
  stored();
  if (queued && on_queued_) on_queued_();
  AfterStore(modem, "SIM index " + std::to_string(pdu.index), *result);
}

Status InboundProcessor::ApplyRules(const std::string& modem, int64_t inbox_id, bool* queued) {
  auto entry = inbox_.GetInbox(inbox_id);
  if (!entry) return entry.error();
  if (!*entry) return Error::Internal("inbox entry " + std::to_string(inbox_id) + " vanished inside its transaction");
  return rule_actions_->Apply(modem, **entry, Now(), queued);
}

Status InboundProcessor::ApplyKeyword(const std::string& modem, int64_t inbox_id, bool* queued, bool* keyword) {
  auto entry = inbox_.GetInbox(inbox_id);
  if (!entry) return entry.error();
  if (!*entry) return Error::Internal("inbox entry " + std::to_string(inbox_id) + " vanished inside its transaction");
  const store::InboxMessage& m = **entry;
  const KeywordVerdict verdict = keywords_->Classify(m.text);
  if (verdict == KeywordVerdict::kNone) return Status::Ok();
  *keyword = true;
  const bool stop = verdict == KeywordVerdict::kStop;

  store::NewConsent consent;
  consent.number = m.sender;
  consent.status = std::string(stop ? store::kConsentRefused : store::kConsentApproved);
  consent.source = std::string(store::kSourceSms);
  consent.consent_date = m.received_at;
  consent.evidence = "SMS \"" + m.text + "\" from " + m.sender + " to modem " + modem;
  consent.modem = modem;
  consent.sim = m.sim;
  consent.inbox_id = m.id;
  auto recorded = consents_->RecordConsent(consent, Now());
  if (!recorded) return recorded.error();
  ++consents_total_;
  log_->info("{}: {} from {} (message {}): consent {} recorded", modem, stop ? "opt-out" : "opt-in", m.sender, m.id,
             consent.status);

  const OptOutOptions& o = *options_.opt_out;
  const std::string& reply = stop ? o.stop_reply : o.start_reply;
  // Only a number can be answered; an alphanumeric sender cannot.
  if (!o.confirm || reply.empty() || !m.sender.starts_with('+')) return Status::Ok();
  auto plan = pdu::PlanText(reply, pdu::PlanOptions{});
  if (!plan)
    return Error::InvalidArgument("the " + std::string(stop ? "stop" : "start") + "_reply: " + plan.error().message);
  store::NewMessage answer;
  answer.client_ref = "consent-" + std::to_string(m.id);
  answer.to = m.sender;
  answer.text = reply;
  answer.encoding = pdu::EncodingName(plan->encoding);
  answer.segments = static_cast<int>(plan->segments.size());
  answer.modem = modem;  // the same SIM answers
  // Pinned, it waits for that modem only; a day later it is no answer.
  answer.valid_until = Now() + kAnswerValidity;
  auto enqueued = queue_.Enqueue(answer, Now());
  if (!enqueued) return enqueued.error();
  *queued = enqueued->created;
  return Status::Ok();
}

void InboundProcessor::StoreUndecodable(const std::string& modem, const std::string& sim, const modem::InboundPdu& pdu,
                                        const std::function<void()>& stored) {
  store::UndecodableInbound u;
  u.modem = modem;
  if (!sim.empty()) u.sim = sim;
  u.raw_pdu = pdu.pdu_hex;
  UndecodableHeader header = ReadUndecodable(pdu);
  u.reason = std::move(header.reason);
  if (!header.sender.empty()) u.sender = NormalizeReceived(header.sender, options_.default_country);
  u.smsc_time = std::move(header.smsc_time);
  u.received_at = Now();
  const std::string where = pdu.index >= 0 ? pdu.memory + " index " + std::to_string(pdu.index) : "routed";
  auto result = inbox_.StoreUndecodable(u);
  if (!result) {
    log_->error("{}: storing the undecodable PDU ({}) at {} failed ({}); left on the SIM: {}", modem, u.reason, where,
                result.error().message, pdu.pdu_hex);
    return;
  }
  stored();
  if (result->outcome == store::InboundOutcome::kCompleted && result->inbox_id) {
    log_->warn("{}: undecodable PDU at {} ({}) stored as inbox message {} and deleted from the SIM", modem, where,
               u.reason, *result->inbox_id);
  }
  AfterStore(modem, where, *result);
}

void InboundProcessor::AfterStore(const std::string& modem, const std::string& where,
                                  const store::InboundResult& result) {
  if (result.outcome == store::InboundOutcome::kDuplicate) {
    log_->info("{}: {} held a message already stored; deleted", modem, where);
    return;
  }
  if (result.outcome != store::InboundOutcome::kCompleted || !result.inbox_id) return;
  ++inbound_total_;
  auto entry = inbox_.GetInbox(*result.inbox_id);
  if (!entry || !*entry) return;
  if (!(*entry)->undecodable) {
    log_->info("{}: message {} from {} ({} part(s))", modem, (*entry)->id, (*entry)->sender, (*entry)->parts_total);
  }
  if (on_inbox_) on_inbox_(**entry);
}

void InboundProcessor::HandleStatusReport(const std::string& modem, const modem::StatusReport& report,
                                          const std::function<void()>& stored) {
  ++reports_total_;
  store::StatusReport r;
  r.modem = modem;
  r.mr = report.message_reference;
  r.recipient = NormalizeReceived(report.recipient, options_.default_country);
  r.status = static_cast<uint8_t>(report.status);
  if (report.decoded.discharge_time) r.discharge_time = pdu::FormatRfc3339(*report.decoded.discharge_time);
  const store::Millis now = Now();
  auto match = queue_.ApplyStatusReport(r, now, options_.report_window);
  if (!match) {
    log_->error("{}: storing the status report (mr {}, {}) failed ({}); left on the SIM", modem, r.mr, r.recipient,
                match.error().message);
    return;
  }
  stored();
  if (!*match) {
    log_->info("{}: status report for mr {} to {} matches no recent message; dropped", modem, r.mr, r.recipient);
    return;
  }
  log_->debug("{}: status report for message {} part {}: TP-ST 0x{:02x}", modem, (*match)->message_id, (*match)->seq,
              r.status);
}

void InboundProcessor::ExpirePartials(store::Millis max_age) {
  auto expired = inbox_.ExpirePartialInbound(Now() - max_age);
  if (!expired) {
    log_->error("inbound: expiring partial messages failed: {}", expired.error().message);
    return;
  }
  if (*expired > 0) {
    inbound_total_ += static_cast<uint64_t>(*expired);
    log_->warn("inbound: {} multipart message(s) stored as partial: parts never arrived", *expired);
  }
}

}  // namespace tellal::core

#include "daemon/core/inbound_processor.h"

#include <spdlog/spdlog.h>

#include "daemon/core/local_time.h"
#include "daemon/core/phone_number.h"
#include "modem/pdu/hex.h"
#include "modem/pdu/timestamp.h"

namespace tellal::core {

InboundProcessor::InboundProcessor(store::Inbox& inbox, store::OutboundQueue& queue, InboundOptions options)
    : inbox_(inbox),
      queue_(queue),
      options_(std::move(options)),
      log_(options_.log ? options_.log : spdlog::default_logger()) {
  if (!options_.now) options_.now = NowMillis;
}

store::Millis InboundProcessor::Now() const { return options_.now(); }

void InboundProcessor::HandleMessage(const std::string& modem, const std::string& sim, const modem::InboundPdu& pdu,
                                     const std::function<void()>& stored) {
  if (!pdu.decoded) {
    log_->error("{}: inbound PDU at SIM index {} cannot be decoded ({}); left on the SIM: {}", modem, pdu.index,
                pdu.decoded.error().message, pdu.pdu_hex);
    return;
  }
  const pdu::DecodedPdu& d = *pdu.decoded;
  if (d.type != pdu::MessageType::kDeliver) {
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
  auto result = inbox_.StoreInboundPart(part);
  if (!result) {
    log_->error("{}: storing the message at SIM index {} failed ({}); left on the SIM", modem, pdu.index,
                result.error().message);
    return;
  }
  stored();
  if (result->outcome == store::InboundOutcome::kDuplicate) {
    log_->info("{}: SIM index {} held a message already stored; deleted", modem, pdu.index);
    return;
  }
  if (result->outcome == store::InboundOutcome::kCompleted && result->inbox_id) {
    ++inbound_total_;
    auto entry = inbox_.GetInbox(*result->inbox_id);
    if (entry && *entry) {
      log_->info("{}: message {} from {} ({} part(s))", modem, (*entry)->id, (*entry)->sender, (*entry)->parts_total);
      if (on_inbox_) on_inbox_(**entry);
    }
  }
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
  if (on_transition_) {
    auto message = queue_.GetMessage((*match)->message_id);
    if (message && *message && (*message)->dlr_url) on_transition_(**message);
  }
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

// ModemDriver, second half: what the modem says unprompted (URCs), inbound
// messages and status reports, and the periodic health checks and SIM scan.
// The lifecycle, byte stream and command queue are in modem_driver.cc.
#include <spdlog/spdlog.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "modem/at/at_commands.h"
#include "modem/at/at_replies.h"
#include "modem/driver/modem_driver.h"

namespace tellal::modem {

using boost::system::error_code;

namespace {

// TS 27.005 §3.2.5: the slot is empty; the message is gone already.
constexpr int kCmsInvalidMemoryIndex = 321;

}  // namespace

void ModemDriver::OnUrc(const at::Urc& urc) {
  const std::string& first = urc.lines.front();
  switch (urc.kind) {
    case at::UrcKind::kCmti:
    case at::UrcKind::kCdsi: {
      Result<at::StoredMessage> m = urc.kind == at::UrcKind::kCmti ? at::ParseCmti(first) : at::ParseCdsi(first);
      if (!m.ok()) {
        log_->warn("{}: {}", name(), m.error().message);
        return;
      }
      // During init the closing scan (AT+CMGL=4) picks it up.
      if (TrafficAllowed()) ReadStored(m->index);
      return;
    }
    case at::UrcKind::kCmt:
    case at::UrcKind::kCds: {
      if (urc.lines.size() < 2) {
        log_->warn("{}: {} without its PDU line", name(), first);
        return;
      }
      const std::string& hex = urc.lines[1];
      if (urc.kind == at::UrcKind::kCmt) {
        HandUp(-1, hex, pdu::DecodePdu(hex));
        return;
      }
      // Some firmwares leave the SMSC part out of +CDS.
      Result<pdu::DecodedPdu> report = pdu::DecodePdu(hex);
      if (!report.ok() || report->type != pdu::MessageType::kStatusReport) {
        report = pdu::DecodePdu(hex, pdu::DecodeOptions{.has_smsc = false});
      }
      if (!report.ok() || report->type != pdu::MessageType::kStatusReport) {
        log_->warn("{}: undecodable +CDS PDU {}", name(), hex);
        return;
      }
      ReportStatus(-1, hex, *report);
      return;
    }
    case at::UrcKind::kCreg: {
      Result<at::Registration> reg = at::ParseRegistration(first);
      if (reg.ok()) OnRegistration(reg->stat);
      return;
    }
    case at::UrcKind::kCpin: {
      Result<at::PinStatus> pin = at::ParseCpin(first);
      // The SIM was reset or removed under us: start over.
      if (pin.ok() && pin->state != at::PinState::kReady && TrafficAllowed()) {
        Fault("SIM reports " + pin->code);
      }
      return;
    }
    case at::UrcKind::kRssi: {
      // Huawei "^RSSI: <rssi>", same scale as +CSQ.
      Result<at::SignalQuality> q = at::ParseCsq("+CSQ: " + first.substr(first.find(':') + 1) + ",99");
      if (q.ok()) info_.signal_dbm = q->dbm;
      return;
    }
    default:
      return;
  }
}

void ModemDriver::OnRegistration(int stat) {
  info_.registration = stat;
  if (!TrafficAllowed()) return;
  const bool registered = at::IsRegistered(stat);
  if (registered && state_ == ModemState::kDegraded) {
    log_->info("{}: registered again (stat {})", name(), stat);
    Apply(ModemEvent::kRegistrationRegained);
    RefreshNetwork();
  } else if (!registered && (state_ == ModemState::kReady || state_ == ModemState::kBusy)) {
    log_->warn("{}: registration lost (stat {})", name(), stat);
    Apply(ModemEvent::kRegistrationLost);
  }
}

void ModemDriver::ReadStored(int index) {
  if (handed_up_.count(index) != 0 || reading_.count(index) != 0) return;
  Result<at::AtCommand> cmgr = at::Cmgr(index);
  if (!cmgr.ok()) return;
  reading_.insert(index);
  QueuedCommand c;
  c.command = std::move(cmgr).value();
  c.kind = CommandKind::kSim;
  c.done = [this, index](CommandReply reply) {
    reading_.erase(index);
    if (!reply.ok()) {
      if (reply.status == ReplyStatus::kFinal) {
        log_->warn("{}: AT+CMGR={}: {}", name(), index, reply.Describe());
      }
      return;
    }
    Result<StoredPdu> stored = ParseCmgrReply(reply, index);
    if (!stored.ok()) {
      log_->warn("{}: {}", name(), stored.error().message);
      return;
    }
    DeliverStored(*stored);
  };
  Enqueue(std::move(c));
}

void ModemDriver::DeliverStored(const StoredPdu& stored) {
  if (handed_up_.count(stored.index) != 0) return;
  Result<pdu::DecodedPdu> decoded = pdu::DecodePdu(stored.pdu_hex);
  if (decoded.ok() && decoded->type == pdu::MessageType::kSubmit) {
    return;  // an outgoing message someone stored: not ours to touch
  }
  if (decoded.ok() && decoded->type == pdu::MessageType::kStatusReport) {
    ReportStatus(stored.index, stored.pdu_hex, *decoded);
    return;
  }
  // Undecodable PDUs go up too: the layer above keeps the hex for a human,
  // and only its confirmation frees the slot.
  HandUp(stored.index, stored.pdu_hex, std::move(decoded));
}

void ModemDriver::HandUp(int index, std::string pdu_hex, Result<pdu::DecodedPdu> decoded) {
  if (index >= 0) handed_up_.insert(index);
  if (decoded.ok()) {
    log_->info("{}: inbound message{} from {}", name(), index >= 0 ? " " + std::to_string(index) : std::string(),
               decoded->address.value);
  } else {
    log_->warn("{}: inbound PDU{} does not decode: {}", name(),
               index >= 0 ? " " + std::to_string(index) : std::string(), decoded.error().message);
  }
  listener_.OnInbound(config_.name, InboundPdu{index, std::move(pdu_hex), info_.imsi, std::move(decoded)},
                      Confirmation(index));
}

void ModemDriver::ReportStatus(int index, const std::string& pdu_hex, const pdu::DecodedPdu& pdu) {
  if (index >= 0) handed_up_.insert(index);
  log_->debug("{}: status report{} for message reference {}: status {}", name(),
              index >= 0 ? " " + std::to_string(index) : std::string(), pdu.message_reference, pdu.status);
  listener_.OnStatusReport(config_.name,
                           StatusReport{index, pdu.message_reference, pdu.status, pdu.address.value, pdu_hex, pdu},
                           Confirmation(index));
}

std::function<void()> ModemDriver::Confirmation(int index) {
  // Routed (+CMT, +CDS): nothing on the SIM to free.
  if (index < 0) return [] {};
  // Once only: after the delete the slot is free for the next message, which
  // a repeated call must not delete unread.
  return [alive = std::weak_ptr<int>(alive_), this, index, imsi = info_.imsi, called = std::make_shared<bool>(false)] {
    if (alive.expired() || std::exchange(*called, true)) return;
    OnStored(index, imsi);
  };
}

void ModemDriver::OnStored(int index, const std::string& imsi) {
  // Not handed up any more (the SIM changed, or the slot was freed
  // already): a delete now could hit another message.
  if (stopped_ || imsi != info_.imsi || handed_up_.count(index) == 0) return;
  to_delete_.insert(index);
  DeleteStored(index);
}

void ModemDriver::DeleteStored(int index) {
  // Not now: init's end and the periodic scan retry what is due.
  if (!TrafficAllowed() || deleting_.count(index) != 0) return;
  Result<at::AtCommand> cmgd = at::Cmgd(index);
  if (!cmgd.ok()) return;
  deleting_.insert(index);
  QueuedCommand c;
  c.command = std::move(cmgd).value();
  c.kind = CommandKind::kSim;
  c.done = [this, index](CommandReply reply) {
    deleting_.erase(index);
    const bool gone =
        reply.ok() || (reply.status == ReplyStatus::kFinal && reply.final.kind == at::FinalKind::kCmsError &&
                       reply.final.code == kCmsInvalidMemoryIndex);
    if (gone) {
      to_delete_.erase(index);
      handed_up_.erase(index);
    } else if (reply.status == ReplyStatus::kFinal) {
      log_->warn("{}: AT+CMGD={}: {}; retried later", name(), index, reply.Describe());
    }
  };
  Enqueue(std::move(c));
}

void ModemDriver::ScanSim() {
  if (!TrafficAllowed()) return;
  for (int index : to_delete_) DeleteStored(index);
  QueuedCommand c;
  c.command = at::Cmgl(4).value();
  c.kind = CommandKind::kSim;
  c.done = [this](CommandReply reply) {
    if (!reply.ok()) {
      if (reply.status == ReplyStatus::kFinal) {
        log_->warn("{}: AT+CMGL=4: {}", name(), reply.Describe());
      }
      return;
    }
    StoredList list = ParseCmglReply(reply);
    for (const std::string& skipped : list.skipped) {
      log_->warn("{}: +CMGL entry skipped: {}", name(), skipped);
    }
    for (const StoredPdu& stored : list.messages) DeliverStored(stored);
  };
  Enqueue(std::move(c));
}

void ModemDriver::ArmHealthTimer() {
  health_timer_.expires_after(config_.health_interval);
  health_timer_.async_wait(Guarded([this, epoch = epoch_](const error_code& ec) {
    if (ec || epoch != epoch_ || stopped_) return;
    CheckHealth();
    ArmHealthTimer();
  }));
}

void ModemDriver::ArmScanTimer() {
  scan_timer_.expires_after(config_.sim_scan_interval);
  scan_timer_.async_wait(Guarded([this, epoch = epoch_](const error_code& ec) {
    if (ec || epoch != epoch_ || stopped_) return;
    ScanSim();
    ArmScanTimer();
  }));
}

void ModemDriver::CheckHealth() {
  // A check still queued behind a long send queue is enough.
  if (!TrafficAllowed() || health_pending_) return;
  health_pending_ = true;
  RefreshNetwork();
  QueuedCommand creg;
  creg.command = at::CregQuery();
  creg.kind = CommandKind::kQuery;
  creg.done = [this](CommandReply reply) {
    health_pending_ = false;
    if (std::optional<std::string> line = reply.LineWith("+CREG:")) {
      Result<at::Registration> reg = at::ParseRegistration(*line);
      if (reg.ok()) OnRegistration(reg->stat);
    }
  };
  Enqueue(std::move(creg));
}

void ModemDriver::RefreshNetwork() {
  QueuedCommand csq;
  csq.command = at::Csq();
  csq.kind = CommandKind::kQuery;
  csq.done = [this](CommandReply reply) {
    if (std::optional<std::string> line = reply.LineWith("+CSQ:")) {
      Result<at::SignalQuality> q = at::ParseCsq(*line);
      if (q.ok()) info_.signal_dbm = q->dbm;
    }
  };
  Enqueue(std::move(csq));
  if (state_ != ModemState::kDegraded && !info_.operator_name.empty()) return;
  QueuedCommand cops;
  cops.command = at::CopsQuery();
  cops.kind = CommandKind::kQuery;
  cops.done = [this](CommandReply reply) {
    if (std::optional<std::string> line = reply.LineWith("+COPS:")) {
      Result<at::Operator> op = at::ParseCops(*line);
      if (op.ok()) info_.operator_name = op->name.value_or("");
    }
  };
  Enqueue(std::move(cops));
}

}  // namespace tellal::modem

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
      // Scanned from now on too: a message announced in another memory than
      // the storage (+CMTI: "ME",n) must not wait there unseen.
      scan_memories_.insert(m->memory);
      // During init the closing scan (AT+CMGL=4) picks it up.
      if (TrafficAllowed()) ReadStored(Slot{m->memory, m->index});
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
        HandUp(Slot{}, hex, pdu::DecodePdu(hex));
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
      ReportStatus(Slot{}, hex, *report);
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
    case at::UrcKind::kMemoryFull:
      OnSimFull(first);
      return;
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

void ModemDriver::EnqueueInMemory(const std::string& memory, QueuedCommand command) {
  if (memory.empty() || memory == current_memory_ || cpms_arity_ == 0) {
    Enqueue(std::move(command));
    return;
  }
  // <mem2>/<mem3> stay the storage; a modem that takes fewer memories gets
  // fewer (Wavecom two, some one).
  const std::string& rest = info_.storage.empty() ? memory : info_.storage;
  Result<at::AtCommand> cpms = at::Cpms(memory, cpms_arity_ >= 2 ? rest : "", cpms_arity_ >= 3 ? rest : "");
  if (!cpms.ok()) {
    log_->warn("{}: {}", name(), cpms.error().message);
    if (command.done) command.done(CommandReply::Aborted(cpms.error().message));
    return;
  }
  // Commands queued after this one find the memory selected.
  current_memory_ = memory;
  auto pending = std::make_shared<QueuedCommand>(std::move(command));
  QueuedCommand select;
  select.command = std::move(cpms).value();
  select.kind = CommandKind::kSim;
  select.done = [this, memory, pending](CommandReply reply) {
    if (reply.ok()) {
      queue_.push_front(std::move(*pending));
      return;
    }
    if (current_memory_ == memory) current_memory_.clear();
    if (reply.status == ReplyStatus::kFinal) {
      log_->warn("{}: cannot select memory {}: {}", name(), memory, reply.Describe());
    }
    if (pending->done) pending->done(std::move(reply));
  };
  Enqueue(std::move(select));
}

void ModemDriver::ReadStored(const Slot& slot) {
  if (deleting_.count(slot) != 0) {
    // A modem that frees the slot brings in what the network held back at
    // once, and may announce it before answering our AT+CMGD: read it after.
    read_after_delete_.insert(slot);
    return;
  }
  if (handed_up_.count(slot) != 0 || reading_.count(slot) != 0) return;
  Result<at::AtCommand> cmgr = at::Cmgr(slot.index);
  if (!cmgr.ok()) return;
  reading_.insert(slot);
  QueuedCommand c;
  c.command = std::move(cmgr).value();
  c.kind = CommandKind::kSim;
  c.done = [this, slot](CommandReply reply) {
    reading_.erase(slot);
    if (!reply.ok()) {
      if (reply.status == ReplyStatus::kFinal) {
        log_->warn("{}: AT+CMGR={} ({}): {}", name(), slot.index, slot.memory, reply.Describe());
      }
      return;
    }
    Result<StoredPdu> stored = ParseCmgrReply(reply, slot.index);
    if (!stored.ok()) {
      log_->warn("{}: {}", name(), stored.error().message);
      return;
    }
    DeliverStored(slot.memory, *stored);
  };
  EnqueueInMemory(slot.memory, std::move(c));
}

void ModemDriver::DeliverStored(const std::string& memory, const StoredPdu& stored) {
  const Slot slot{memory, stored.index};
  if (handed_up_.count(slot) != 0) return;
  Result<pdu::DecodedPdu> decoded = pdu::DecodePdu(stored.pdu_hex);
  if (decoded.ok() && decoded->type == pdu::MessageType::kSubmit) {
    return;  // an outgoing message someone stored: not ours to touch
  }
  if (decoded.ok() && decoded->type == pdu::MessageType::kStatusReport) {
    ReportStatus(slot, stored.pdu_hex, *decoded);
    return;
  }
  // Undecodable PDUs go up too: the layer above keeps the hex for a human,
  // and only its confirmation frees the slot.
  HandUp(slot, stored.pdu_hex, std::move(decoded));
}

void ModemDriver::HandUp(const Slot& slot, std::string pdu_hex, Result<pdu::DecodedPdu> decoded) {
  const bool stored = slot.index >= 0;
  if (stored) handed_up_.insert(slot);
  const std::string where = stored ? " " + slot.memory + " " + std::to_string(slot.index) : std::string();
  InboundPdu pdu;
  pdu.index = slot.index;
  pdu.memory = slot.memory;
  pdu.pdu_hex = std::move(pdu_hex);
  pdu.sim = info_.imsi;
  if (decoded.ok()) {
    log_->info("{}: inbound message{} from {}", name(), where, decoded->address.value);
  } else {
    log_->warn("{}: inbound PDU{} does not decode: {}; handed up as undecodable", name(), where,
               decoded.error().message);
    pdu.undecodable = true;
    pdu.reason = decoded.error().message;
  }
  pdu.decoded = std::move(decoded);
  listener_.OnInbound(config_.name, std::move(pdu), Confirmation(slot));
}

void ModemDriver::ReportStatus(const Slot& slot, const std::string& pdu_hex, const pdu::DecodedPdu& pdu) {
  if (slot.index >= 0) handed_up_.insert(slot);
  log_->debug("{}: status report{} for message reference {}: status {}", name(),
              slot.index >= 0 ? " " + std::to_string(slot.index) : std::string(), pdu.message_reference, pdu.status);
  listener_.OnStatusReport(config_.name,
                           StatusReport{slot.index, pdu.message_reference, pdu.status, pdu.address.value, pdu_hex, pdu},
                           Confirmation(slot));
}

std::function<void()> ModemDriver::Confirmation(const Slot& slot) {
  // Routed (+CMT, +CDS): nothing on the SIM to free.
  if (slot.index < 0) return [] {};
  // Once only: after the delete the slot is free for the next message, which
  // a repeated call must not delete unread.
  return [alive = std::weak_ptr<int>(alive_), this, slot, imsi = info_.imsi, called = std::make_shared<bool>(false)] {
    if (alive.expired() || std::exchange(*called, true)) return;
    OnStored(slot, imsi);
  };
}

void ModemDriver::OnStored(const Slot& slot, const std::string& imsi) {
  // Not handed up any more (the SIM changed, or the slot was freed
  // already): a delete now could hit another message.
  if (stopped_ || imsi != info_.imsi || handed_up_.count(slot) == 0) return;
  to_delete_.insert(slot);
  DeleteStored(slot);
}

void ModemDriver::DeleteStored(const Slot& slot) {
  // Not now: init's end and the periodic scan retry what is due.
  if (!TrafficAllowed() || deleting_.count(slot) != 0) return;
  Result<at::AtCommand> cmgd = at::Cmgd(slot.index);
  if (!cmgd.ok()) return;
  deleting_.insert(slot);
  QueuedCommand c;
  c.command = std::move(cmgd).value();
  c.kind = CommandKind::kSim;
  c.done = [this, slot](CommandReply reply) {
    deleting_.erase(slot);
    const bool gone =
        reply.ok() || (reply.status == ReplyStatus::kFinal && reply.final.kind == at::FinalKind::kCmsError &&
                       reply.final.code == kCmsInvalidMemoryIndex);
    if (gone) {
      to_delete_.erase(slot);
      handed_up_.erase(slot);
      if (read_after_delete_.erase(slot) != 0) ReadStored(slot);
      if (slot.memory == info_.storage && info_.sim_used > 0) --info_.sim_used;
      // Room again: what the network held back comes in now.
      if (info_.sim_full && info_.sim_used < info_.sim_total) {
        info_.sim_full = false;
        log_->info("{}: message store has room again ({} of {})", name(), info_.sim_used, info_.sim_total);
        sim_full_logged_ = false;
      }
    } else if (reply.status == ReplyStatus::kFinal) {
      log_->warn("{}: AT+CMGD={} ({}): {}; retried later", name(), slot.index, slot.memory, reply.Describe());
    }
  };
  EnqueueInMemory(slot.memory, std::move(c));
}

void ModemDriver::OnSimFull(const std::string& why) {
  info_.sim_full = true;
  if (info_.sim_total > 0) info_.sim_used = info_.sim_total;
  if (!sim_full_logged_) {
    sim_full_logged_ = true;
    log_->warn("{}: message store {} full ({}); reading, handing up and deleting everything on it", name(),
               info_.storage, why);
  }
  ScanSim();
}

void ModemDriver::ScanSim() {
  if (!TrafficAllowed()) return;
  for (const Slot& slot : to_delete_) DeleteStored(slot);
  for (const std::string& memory : scan_memories_) {
    QueuedCommand c;
    c.command = at::Cmgl(4).value();
    c.kind = CommandKind::kSim;
    c.done = [this, memory](CommandReply reply) {
      if (!reply.ok()) {
        if (reply.status == ReplyStatus::kFinal) {
          log_->warn("{}: AT+CMGL=4 ({}): {}", name(), memory, reply.Describe());
        }
        return;
      }
      StoredList list = ParseCmglReply(reply);
      for (const std::string& skipped : list.skipped) {
        log_->warn("{}: +CMGL entry skipped: {}", name(), skipped);
      }
      for (const StoredPdu& stored : list.messages) DeliverStored(memory, stored);
    };
    EnqueueInMemory(memory, std::move(c));
  }
  RefreshStorage();
}

void ModemDriver::RefreshStorage() {
  QueuedCommand c;
  c.command = at::CpmsQuery();
  c.kind = CommandKind::kSim;
  c.done = [this](CommandReply reply) {
    std::optional<std::string> line = reply.LineWith("+CPMS:");
    if (!reply.ok() || !line) return;
    Result<std::vector<at::MessageStorage>> s = at::ParseCpms(*line);
    if (!s.ok() || s->empty()) return;
    // <mem1> is listed first; it may be another memory just now.
    for (const at::MessageStorage& m : *s) {
      if (m.memory != info_.storage && !m.memory.empty()) continue;
      info_.sim_used = m.used;
      info_.sim_total = m.total;
      const bool full = m.total > 0 && m.used >= m.total;
      if (full && !info_.sim_full) OnSimFull("+CPMS: " + std::to_string(m.used) + " of " + std::to_string(m.total));
      info_.sim_full = full;
      if (!full) sim_full_logged_ = false;
      return;
    }
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

// What the network does without being asked: deliver messages, report on
// sent ones, lose and regain registration, and (Huawei) chatter.
#include <spdlog/spdlog.h>

#include <ctime>

#include "modem/pdu/pdu_encoder.h"
#include "modem/vmodem/virtual_modem_impl.h"

namespace tellal::vmodem {
namespace {

pdu::Timestamp NowUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  pdu::Timestamp ts;
  ts.year = tm.tm_year + 1900;
  ts.month = tm.tm_mon + 1;
  ts.day = tm.tm_mday;
  ts.hour = tm.tm_hour;
  ts.minute = tm.tm_min;
  ts.second = tm.tm_sec;
  return ts;
}

// Location area and cell id printed with +CREG=2.
constexpr const char* kCellLocation = ",\"1A2B\",\"00C3D4\"";

}  // namespace

bool VirtualModem::Impl::Registered() const { return network_registered_ && sim_state_ == SimState::kReady; }

std::string VirtualModem::Impl::CregStatus(int n, bool urc) const {
  // TS 27.007 §7.2: the read form leads with <n>, the URC does not.
  std::string line = "+CREG: ";
  if (!urc) line += std::to_string(n) + ",";
  line += Registered() ? "1" : "0";
  if (n == 2 && Registered()) line += kCellLocation;
  return line;
}

void VirtualModem::Impl::SetRegistered(bool registered) {
  const bool before = Registered();
  network_registered_ = registered;
  if (before == Registered()) return;
  if (creg_n_ > 0) EmitUrc(CregStatus(creg_n_, true));
  if (cgreg_n_ > 0) EmitUrc(std::string("+CGREG: ") + (Registered() ? "1" : "0"));
}

std::vector<int> VirtualModem::Impl::ReceiveSms(const std::string& from, const std::string& text, bool announce) {
  pdu::DeliverOptions deliver;
  deliver.from = from;
  deliver.smsc = options_.smsc;
  deliver.scts = NowUtc();
  deliver.concat_ref = next_concat_ref_++;
  Result<std::vector<pdu::EncodedPdu>> parts = pdu::EncodeDeliver(text, deliver);
  if (!parts.ok()) {
    spdlog::warn("vmodem {}: cannot build SMS-DELIVER from {}: {}", options_.name, from, parts.error().message);
    return {};
  }
  std::vector<int> indexes;
  for (const pdu::EncodedPdu& part : *parts) {
    // TS 27.005 §3.4.1 <mt>=2: routed straight to the host, not stored.
    if (announce && cnmi_.mt == 2) {
      EmitUrc("+CMT: ," + std::to_string(part.tpdu_length) + "\r\n" + part.hex);
      continue;
    }
    if (!announce) {
      const std::optional<int> index = storage_.store(part.hex, part.tpdu_length, SmsStat::kReceivedUnread);
      if (index) indexes.push_back(*index);
      continue;
    }
    const std::optional<int> index = StoreInbound(part.hex, part.tpdu_length, true);
    if (index) indexes.push_back(*index);
  }
  return indexes;
}

SimStorage& VirtualModem::Impl::Storage(const std::string& memory) { return memory == "ME" ? me_storage_ : storage_; }

std::optional<int> VirtualModem::Impl::StoreInbound(std::string hex, std::size_t tpdu_length, bool announce) {
  const std::string& memory = quirks_.inbound_memory;
  SimStorage& store = Storage(memory);
  // Earlier messages still waiting go first: the network keeps the order.
  if (!network_queue_.empty() || static_cast<int>(store.size()) >= store.capacity()) {
    network_queue_.push_back(NetworkMessage{std::move(hex), tpdu_length});
    if (!full_announced_) {
      full_announced_ = true;
      if (!quirks_.memory_full_urc.empty()) EmitUrc(quirks_.memory_full_urc);
    }
    return std::nullopt;
  }
  const std::optional<int> index = store.store(std::move(hex), tpdu_length, SmsStat::kReceivedUnread);
  if (index && announce && (cnmi_.mt == 1 || cnmi_.mt == 3)) {
    EmitUrc("+CMTI: \"" + memory + "\"," + std::to_string(*index));
  }
  return index;
}

void VirtualModem::Impl::DrainNetwork() {
  SimStorage& store = Storage(quirks_.inbound_memory);
  while (!network_queue_.empty() && static_cast<int>(store.size()) < store.capacity()) {
    NetworkMessage next = std::move(network_queue_.front());
    network_queue_.pop_front();
    const std::optional<int> index = store.store(std::move(next.hex), next.tpdu_length, SmsStat::kReceivedUnread);
    if (index && (cnmi_.mt == 1 || cnmi_.mt == 3)) {
      EmitUrc("+CMTI: \"" + quirks_.inbound_memory + "\"," + std::to_string(*index));
    }
  }
  if (network_queue_.empty()) full_announced_ = false;
}

void VirtualModem::Impl::SendStatusReport(uint8_t mr, uint8_t status) {
  const SubmittedMessage* sent = nullptr;
  for (auto it = submitted_.rbegin(); it != submitted_.rend(); ++it) {
    if (it->message_reference == mr) {
      sent = &*it;
      break;
    }
  }
  if (sent == nullptr) {
    spdlog::warn("vmodem {}: no sent message with reference {} to report on", options_.name, mr);
    return;
  }
  pdu::StatusReportOptions report;
  report.smsc = options_.smsc;
  report.message_reference = mr;
  report.recipient = sent->decoded.address.value;
  report.scts = NowUtc();
  report.discharge_time = report.scts;
  report.status = status;
  Result<pdu::EncodedPdu> pdu = pdu::EncodeStatusReport(report);
  if (!pdu.ok()) {
    spdlog::warn("vmodem {}: cannot build status report for {}: {}", options_.name, mr, pdu.error().message);
    return;
  }
  // TS 27.005 §3.4.1 <ds>: 1 routes it to the host, 2 stores it and says
  // where, 0 keeps it from the host altogether.
  if (cnmi_.ds == 1) {
    EmitUrc("+CDS: " + std::to_string(pdu->tpdu_length) + "\r\n" + pdu->hex);
  } else if (cnmi_.ds == 2) {
    const std::optional<int> index = storage_.store(pdu->hex, pdu->tpdu_length, SmsStat::kReceivedUnread);
    if (index) EmitUrc("+CDSI: \"SM\"," + std::to_string(*index));
  }
}

void VirtualModem::Impl::ScheduleStatusReport(uint8_t mr) {
  auto timer = report_timers_.emplace(report_timers_.end(), io_);
  timer->expires_after(options_.status_report_delay);
  std::weak_ptr<char> alive = alive_;
  const uint64_t cycle = power_cycle_;
  timer->async_wait([this, alive, cycle, timer, mr](const boost::system::error_code& ec) {
    if (alive.expired() || ec || cycle != power_cycle_) return;
    report_timers_.erase(timer);
    SendStatusReport(mr, 0);
  });
}

void VirtualModem::Impl::ArmNoise() {
  if (!noise_enabled_ || !traits_.periodic_noise || hung_ || !master_) return;
  const auto period = options_.noise_period.count();
  const auto gap = std::uniform_int_distribution<int64_t>(period / 2, period + period / 2)(rng_);
  noise_timer_.expires_after(std::chrono::milliseconds(std::max<int64_t>(gap, 1)));
  std::weak_ptr<char> alive = alive_;
  const uint64_t cycle = power_cycle_;
  noise_timer_.async_wait([this, alive, cycle](const boost::system::error_code& ec) {
    if (alive.expired() || ec || cycle != power_cycle_ || !noise_enabled_ || hung_) return;
    EmitUrc(NoiseUrc(options_.rssi, rng_));
    ArmNoise();
  });
}

}  // namespace tellal::vmodem

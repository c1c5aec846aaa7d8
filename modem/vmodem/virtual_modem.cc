#include "modem/vmodem/virtual_modem.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/write.hpp>
#include <stdexcept>
#include <utility>

#include "modem/vmodem/device_link.h"
#include "modem/vmodem/pty.h"
#include "modem/vmodem/virtual_modem_impl.h"

namespace tellal::vmodem {
namespace {

// Output nobody reads (no host has the port open) piles up in the pty; past
// this much the modem drops it, as a real UART's buffer would overflow.
constexpr std::size_t kMaxQueuedOutput = 64 * 1024;

}  // namespace

VirtualModem::Impl::Impl(boost::asio::io_context& io, Options options)
    : io_(io),
      options_(std::move(options)),
      traits_(TraitsFor(options_.profile)),
      quirks_(options_.quirks.value_or(traits_.quirks)),
      link_path_(options_.link_dir + "/" + options_.name),
      storage_(options_.sim_capacity),
      send_timer_(io),
      noise_timer_(io),
      rng_(options_.seed) {
  if (!options_.pin.empty()) sim_state_ = SimState::kPinRequired;
  wrong_pins_ = 3 - std::clamp(options_.pin_attempts_left, 0, 3);
  if (!options_.pin.empty() && options_.pin_attempts_left <= 0) sim_state_ = SimState::kPukRequired;
  next_concat_ref_ = static_cast<uint8_t>(options_.seed * 37u);
  PowerUp();
  if (!master_) throw std::runtime_error("vmodem " + options_.name + ": cannot create " + link_path_);
}

VirtualModem::Impl::~Impl() {
  PowerDown();
  alive_.reset();
}

void VirtualModem::Impl::PowerUp() {
  Result<Pty> pty = Pty::Open();
  if (!pty.ok()) {
    spdlog::error("vmodem {}: {}", options_.name, pty.error().message);
    return;
  }
  const std::string slave = pty->slave_path();
  if (Status linked = PointLink(link_path_, slave); !linked.ok()) {
    spdlog::error("vmodem {}: {}", options_.name, linked.message());
    return;
  }
  ++power_cycle_;
  master_.emplace(io_, pty->ReleaseMaster());
  pty_.emplace(std::move(*pty));
  read_buffer_ = std::make_shared<std::array<char, 512>>();
  ResetSettings();
  parser_.Reset();
  hung_ = false;
  // A SIM that was unlocked asks for its PIN again; a blocked one stays so.
  if (sim_state_ == SimState::kReady && !options_.pin.empty()) sim_state_ = SimState::kPinRequired;
  noise_enabled_ = options_.urc_noise;
  mem1_ = "SM";
  busy_left_ = sim_state_ == SimState::kReady ? quirks_.sim_busy_answers : 0;
  spdlog::debug("vmodem {}: powered up on {} -> {}", options_.name, link_path_, slave);

  for (const std::string& line : BootUrcs(options_.profile, sim_state_ != SimState::kReady)) {
    // Cinterion's ^SYSSTART comes without the CRLF before it (vgsm).
    if (quirks_.boot_without_crlf) {
      Emit(line + "\r\n");
    } else {
      EmitUrc(line);
    }
  }
  ArmNoise();
  StartRead();
}

void VirtualModem::Impl::PowerDown() {
  if (!master_) return;
  ++power_cycle_;
  boost::system::error_code ignored;
  master_->close(ignored);
  master_.reset();
  pty_.reset();
  RemoveLink(link_path_);
  out_.clear();
  out_bytes_ = 0;
  writing_ = false;
  send_.reset();
  send_timer_.cancel();
  noise_timer_.cancel();
  report_timers_.clear();
  held_urcs_.clear();
  parser_.Reset();
}

void VirtualModem::Impl::StartRead() {
  if (!master_) return;
  std::weak_ptr<char> alive = alive_;
  const uint64_t cycle = power_cycle_;
  auto buffer = read_buffer_;
  master_->async_read_some(boost::asio::buffer(*buffer),
                           [this, alive, cycle, buffer](const boost::system::error_code& ec, std::size_t n) {
                             if (alive.expired() || cycle != power_cycle_) return;
                             if (ec) {
                               if (ec != boost::asio::error::operation_aborted) {
                                 spdlog::warn("vmodem {}: read: {}", options_.name, ec.message());
                               }
                               return;
                             }
                             // A hung modem reads on, so the host's writes never block, and drops.
                             if (!hung_) {
                               parser_.Append(std::string_view(buffer->data(), n));
                               Pump();
                             }
                             StartRead();
                           });
}

void VirtualModem::Impl::Emit(std::string bytes) {
  if (!master_ || hung_ || bytes.empty()) return;
  if (out_bytes_ + bytes.size() > kMaxQueuedOutput) return;
  out_bytes_ += bytes.size();
  out_.push_back(std::make_shared<std::string>(std::move(bytes)));
  WriteNext();
}

void VirtualModem::Impl::WriteNext() {
  if (writing_ || out_.empty() || !master_) return;
  writing_ = true;
  std::weak_ptr<char> alive = alive_;
  const uint64_t cycle = power_cycle_;
  auto chunk = out_.front();
  boost::asio::async_write(*master_, boost::asio::buffer(*chunk),
                           [this, alive, cycle, chunk](const boost::system::error_code& ec, std::size_t) {
                             if (alive.expired() || cycle != power_cycle_) return;
                             writing_ = false;
                             if (ec) {
                               spdlog::warn("vmodem {}: write: {}", options_.name, ec.message());
                               out_.clear();
                               out_bytes_ = 0;
                               return;
                             }
                             out_bytes_ -= chunk->size();
                             out_.pop_front();
                             WriteNext();
                           });
}

void VirtualModem::Impl::EmitUrc(const std::string& line) {
  if (parser_.in_payload()) {
    held_urcs_.push_back(line);
    return;
  }
  Emit("\r\n" + line + "\r\n");
}

void VirtualModem::Impl::SetHung(bool hung) {
  if (hung == hung_) return;
  hung_ = hung;
  parser_.Reset();
  held_urcs_.clear();
  if (hung) {
    // The send in progress is lost: the host will never hear +CMGS for it.
    send_.reset();
    send_timer_.cancel();
    noise_timer_.cancel();
  } else {
    ArmNoise();
  }
}

// --- public interface ---

VirtualModem::VirtualModem(boost::asio::io_context& io, Options options)
    : impl_(std::make_unique<Impl>(io, std::move(options))) {}

VirtualModem::~VirtualModem() = default;

const std::string& VirtualModem::device_path() const { return impl_->link_path_; }
const std::vector<SubmittedMessage>& VirtualModem::submitted() const { return impl_->submitted_; }
const std::vector<std::string>& VirtualModem::commands() const { return impl_->commands_; }
size_t VirtualModem::stored_messages() const { return impl_->storage_.size(); }
size_t VirtualModem::stored_in_me() const { return impl_->me_storage_.size(); }
size_t VirtualModem::waiting_at_network() const { return impl_->network_queue_.size(); }

std::optional<int> VirtualModem::DeliverPdu(const std::string& pdu_hex) {
  // <length> counts the TPDU, after the SMSC part whose first octet is its length.
  const std::size_t octets = pdu_hex.size() / 2;
  const std::size_t smsc = pdu_hex.size() >= 2 ? std::stoul(pdu_hex.substr(0, 2), nullptr, 16) : 0;
  const std::size_t tpdu = octets > smsc + 1 ? octets - smsc - 1 : 0;
  return impl_->StoreInbound(pdu_hex, tpdu, true);
}
std::chrono::nanoseconds VirtualModem::time_in_cmgs() const { return impl_->time_in_cmgs_; }
bool VirtualModem::plugged() const { return impl_->master_.has_value(); }

void VirtualModem::OnSubmitted(std::function<void(const SubmittedMessage&)> callback) {
  impl_->on_submitted_ = std::move(callback);
}

std::vector<int> VirtualModem::ReceiveSms(const std::string& from, const std::string& text) {
  return impl_->ReceiveSms(from, text, true);
}

std::vector<int> VirtualModem::StoreSmsSilently(const std::string& from, const std::string& text) {
  return impl_->ReceiveSms(from, text, false);
}

void VirtualModem::SendStatusReport(uint8_t message_reference, uint8_t status) {
  impl_->SendStatusReport(message_reference, status);
}

void VirtualModem::set_hung(bool hung) { impl_->SetHung(hung); }
void VirtualModem::Unplug() { impl_->PowerDown(); }

void VirtualModem::Replug() {
  impl_->PowerDown();
  impl_->PowerUp();
}

void VirtualModem::set_registered(bool registered) { impl_->SetRegistered(registered); }
void VirtualModem::set_cms_error_rate(double rate) { impl_->options_.cms_error_rate = rate; }

void VirtualModem::InjectBytes(std::string bytes) { impl_->Emit(std::move(bytes)); }

void VirtualModem::set_send_latency(std::chrono::milliseconds latency, std::chrono::milliseconds jitter) {
  impl_->options_.send_latency = latency;
  impl_->options_.send_jitter = jitter;
}

}  // namespace tellal::vmodem

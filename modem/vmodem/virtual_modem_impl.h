// Internal: the state behind VirtualModem, shared by virtual_modem.cc (pty,
// reading and writing, faults), command_handlers.cc (the AT commands) and
// network_events.cc (what the network does on its own: inbound messages,
// status reports, registration, noise).
#ifndef TELLAL_MODEM_VMODEM_VIRTUAL_MODEM_IMPL_H_
#define TELLAL_MODEM_VMODEM_VIRTUAL_MODEM_IMPL_H_

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "modem/vmodem/command_line_parser.h"
#include "modem/vmodem/profile.h"
#include "modem/vmodem/pty.h"
#include "modem/vmodem/sim_storage.h"
#include "modem/vmodem/virtual_modem.h"

namespace tellal::vmodem {

// A response being composed: blocks of lines that must stay together
// (a +CMGL header and its PDU), then one final result.
struct Response {
  std::vector<std::vector<std::string>> blocks;
  std::string final_line = "OK";

  void line(std::string text) { blocks.push_back({std::move(text)}); }
};

enum class SimState { kReady, kPinRequired, kPukRequired };

struct CnmiSetting {
  int mode = 2, mt = 1, bm = 0, ds = 0, bfr = 0;
};

class VirtualModem::Impl {
 public:
  Impl(boost::asio::io_context& io, Options options);
  ~Impl();

  // --- virtual_modem.cc: power, I/O, faults ---
  void PowerUp();
  void PowerDown();
  void Emit(std::string bytes);
  // A URC: held back while the host is typing a PDU after "> ".
  void EmitUrc(const std::string& line);
  void SetHung(bool hung);
  void StartRead();
  void WriteNext();

  // --- command_handlers.cc ---
  void Pump();
  void HandleLine(const HostInput& input);
  void HandlePayload(const HostInput& input);
  // True when the command answered with the "> " prompt (no final result yet).
  bool Execute(const std::string& body, Response& r);
  void FinishSend(uint64_t send_id);
  std::string ErrorLine(bool cms, int code) const;
  std::string CmeError(int code) const { return ErrorLine(false, code); }
  std::string CmsError(int code) const { return ErrorLine(true, code); }
  void Send(const Response& r);
  void ResetSettings();

  // --- network_events.cc ---
  // `announce` false: stored whatever AT+CNMI says, and no +CMTI.
  std::vector<int> ReceiveSms(const std::string& from, const std::string& text, bool announce);
  void SendStatusReport(uint8_t mr, uint8_t status);
  void ScheduleStatusReport(uint8_t mr);
  void SetRegistered(bool registered);
  bool Registered() const;  // on the network and the SIM usable
  std::string CregStatus(int n, bool urc) const;
  void ArmNoise();

  // --- network_events.cc: inbound storage ---
  SimStorage& Storage(const std::string& memory);
  // Stores `hex` in the inbound memory and announces it, or queues it at the
  // network while that memory is full. Returns the slot when stored.
  std::optional<int> StoreInbound(std::string hex, std::size_t tpdu_length, bool announce);
  // Brings in what the network held back, as far as there is room.
  void DrainNetwork();

  boost::asio::io_context& io_;
  Options options_;
  const ProfileTraits& traits_;
  Quirks quirks_;
  std::string link_path_;
  // Handlers hold a weak_ptr to this and give up once it has expired, so a
  // late completion after destruction touches nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();

  // One power-on: the pty master, the input it is reading into, the output
  // waiting to be written (one write in flight).
  std::optional<boost::asio::posix::stream_descriptor> master_;
  std::optional<Pty> pty_;
  uint64_t power_cycle_ = 0;  // handlers of an earlier power-on do nothing
  std::shared_ptr<std::array<char, 512>> read_buffer_;
  std::deque<std::shared_ptr<std::string>> out_;
  std::size_t out_bytes_ = 0;
  bool writing_ = false;
  bool hung_ = false;

  // The modem's settings (reset by power-up and ATZ).
  CommandLineParser parser_;
  bool echo_ = true;
  int cmee_ = 0;
  int cmgf_ = 0;
  int creg_n_ = 0;
  int cgreg_n_ = 0;
  int cops_format_ = 0;
  int cmms_ = 0;
  CnmiSetting cnmi_;
  bool noise_enabled_ = false;  // urc_noise, and not silenced with ^CURC=0
  std::string smsc_;

  // The SIM: its PIN counter and messages outlive power cycles.
  SimState sim_state_ = SimState::kReady;
  bool pin_just_accepted_ = false;
  int wrong_pins_ = 0;
  SimStorage storage_;
  SimStorage me_storage_{100};  // the modem's own memory ("ME")
  std::string mem1_ = "SM";     // +CPMS <mem1>: where AT+CMGR/CMGL/CMGD work
  int busy_left_ = 0;           // Quirks::sim_busy_answers still to give
  std::size_t chatter_next_ = 0;
  bool full_announced_ = false;
  // Messages the network holds back while the inbound memory is full.
  struct NetworkMessage {
    std::string hex;
    std::size_t tpdu_length = 0;
  };
  std::deque<NetworkMessage> network_queue_;

  bool network_registered_ = true;

  // AT+CMGS in progress: waiting for the payload, then for the network.
  struct PendingSend {
    uint64_t id = 0;
    std::size_t length = 0;
    std::chrono::steady_clock::time_point started;
    std::string pdu_hex;
    pdu::DecodedPdu decoded;
    bool awaiting_network = false;
  };
  std::optional<PendingSend> send_;
  uint64_t next_send_id_ = 1;
  boost::asio::steady_timer send_timer_;
  std::vector<std::string> held_urcs_;
  uint8_t next_mr_ = 0;
  uint8_t next_concat_ref_ = 0;

  std::list<boost::asio::steady_timer> report_timers_;
  boost::asio::steady_timer noise_timer_;
  std::mt19937 rng_;

  std::vector<SubmittedMessage> submitted_;
  std::vector<std::string> commands_;
  std::chrono::nanoseconds time_in_cmgs_{0};
  std::function<void(const SubmittedMessage&)> on_submitted_;
};

}  // namespace tellal::vmodem

#endif  // TELLAL_MODEM_VMODEM_VIRTUAL_MODEM_IMPL_H_

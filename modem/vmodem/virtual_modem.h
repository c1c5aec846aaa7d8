// VirtualModem: a GSM modem simulated on a pseudo-terminal, for tests and
// for the daemon's demo. The driver opens device_path() exactly as it opens
// a real /dev/ttyUSB port; nothing in the driver knows it is virtual.
//
// It speaks the AT subset tellal uses (TS 27.005 PDU mode, TS 27.007), decodes
// every submitted PDU with the project's codec and records it, and can be
// told to misbehave the ways real modems do (see Options and the fault
// methods below).
//
// Threading: runs on the io_context it is given, single-threaded; all methods
// must be called from that io_context's thread (or before it runs). Never
// blocks and never sleeps: latencies are timers.
// Lifetime: destroying it closes the pty and removes device_path().
#ifndef TELLAL_MODEM_VMODEM_VIRTUAL_MODEM_H_
#define TELLAL_MODEM_VMODEM_VIRTUAL_MODEM_H_

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modem/pdu/pdu_decoder.h"

namespace tellal::vmodem {

// Behaviour families, modelled from public transcripts of real modems
// (/work/notes/modem_families.md); each combines the Quirks below.
enum class Profile {
  kGeneric,          // plain TS 27.005/27.007 modem
  kHuawei,           // E173: ^RSSI / ^MODE / ^BOOT / ^SRVST noise, no AT+CCID, ^ICCID? swapped
  kSimcom,           // SIM800L: "RDY", "+CPIN: READY", "Call Ready", "SMS Ready"; ds=2 refused
  kHuaweiE3372,      // COMMAND NOT SUPPORT, three CPMS pairs, +CMTI: "ME", mode 2 refused
  kZteMf190,         // +ZUSIMR:2 chatter, SIM busy (CME 14) after SIM ready
  kZteMf626,         // +ZDONR/+ZPASR chatter, CPMS set answered with a bare OK
  kSimcom7600,       // "SMS DONE", "PB DONE", *ATREADY, prompt without space, +CICCID-less
  kQuectelEc25,      // "+QUSIM: 1", "+QIND: SMS DONE", +QCCID, +QPINC, mode 2 refused
  kQuectelM35,       // quoted +CCID, prompt "\r\n>\r\n", CME 515 busy after power-up
  kWavecomQ2403,     // +CPIN without OK, CPMS at most two memories with two pairs, "+WIND:"
  kWavecomFastrack,  // as Q2403 plus +CME ERROR: 515 busy at power-up
  kCinterionMc55,    // ^SYSSTART without CRLF, bfr=1 only, CPMS exactly three memories
  kCinterionBgs2,    // ^SYSSTART, ^SIND chatter, ds 0 only
  kUbloxSara,        // "+CCID: " prefixed, +CPINR, SIM busy
  kTelitGl865,       // #QSS: chatter, #CCID-less (CRSM only), +CPINR
};

// Switchable behaviours seen on real modems. A profile combines several;
// Options::quirks replaces the profile's set for a test of one quirk.
struct Quirks {
  // Wavecom Q2403A: AT+CPIN? answered "+CPIN: READY" with no final OK.
  bool cpin_without_ok = false;
  // The final result of an unknown command: Huawei E1752/E3372 "COMMAND NOT SUPPORT".
  std::string unknown_command = "ERROR";
  // The AT+CMGS prompt bytes: "\r\n> " (TS 27.005), "\r\n>" (SIMCom), "\r\n>\r\n".
  std::string prompt = "\r\n> ";
  // AT+CPMS: how many memories it takes at most (Wavecom Q2xxx 2), whether
  // it insists on exactly three, and how many used,total pairs the set
  // command answers (Huawei 3, Wavecom 2, 0: a bare OK).
  int cpms_max_memories = 3;
  bool cpms_exactly_three = false;
  int cpms_set_pairs = 3;
  // AT+CNMI with mode 2 refused although AT+CNMI=? offers it (Huawei, ZTE,
  // SIMCom, Quectel per oFono). Values AT+CNMI=? does not offer are always
  // refused.
  bool cnmi_mode2_refused = false;
  // Where received messages are stored and what +CMTI names: "SM", or "ME"
  // (Huawei E3531, gammu#369) while the host reads SM.
  std::string inbound_memory = "SM";
  // After the SIM is ready, the first this-many SIM store commands (AT+CPMS,
  // AT+CMGR/L/D/S, AT+CIMI, AT+CSCA) answer
  // +CME ERROR: <busy_error> (14 SIM busy; 515 init in progress).
  int sim_busy_answers = 0;
  int busy_error = 14;
  // Status URCs printed before every answer, in turn ("SMS DONE",
  // "+QIND: PB DONE", "+ZUSIMR:2", ...).
  std::vector<std::string> chatter;
  // The ICCID command this modem has: "+CCID" (exec), "^ICCID" (read),
  // "+QCCID" (exec), or "" (none; AT+CRSM still reads EF_ICCID). Its line:
  // `iccid_prefix` + the ICCID, nibble-swapped with 'F' filler and/or quoted.
  std::string iccid_command = "+CCID";
  std::string iccid_prefix;
  bool iccid_swapped = false;
  bool iccid_quoted = false;
  // The PIN counter command: "+CPINR", "^CPIN", "+QPINC", "+SPIC" or "".
  std::string pin_counter = "+CPINR";
  // Printed when the SIM store becomes full (Huawei "^SMMEMFULL: \"SM\"").
  std::string memory_full_urc;
  // Lines printed at power-up, before any command ("^SYSSTART" without its
  // leading CRLF on Cinterion: `boot_without_crlf`).
  std::vector<std::string> boot_lines;
  bool boot_without_crlf = false;
};

struct Options {
  std::string name = "vmodem";  // used in the symlink name and logs
  // Directory where the stable device symlink is created (the "udev name");
  // device_path() is <link_dir>/<name>. Must exist.
  std::string link_dir = "/tmp";
  Profile profile = Profile::kGeneric;
  bool echo_at_power_up = true;  // real modems start with ATE1
  std::string pin;               // non-empty: SIM PIN required until AT+CPIN="<pin>"
  int pin_attempts_left = 3;     // the SIM's PIN counter at start (0: PUK required)
  // Replaces the profile's quirks when set.
  std::optional<Quirks> quirks;
  int sim_capacity = 30;  // slots of the SIM's message store ("SM")
  // Empty: the profile's (generic "tellal" / "virtual", Huawei "huawei" /
  // "E173", SIMCom "SIMCOM_Ltd" / "SIMCOM_SIM800L"), so a driver that picks
  // its quirks from +CGMI/+CGMM sees the family it is talking to.
  std::string manufacturer;
  std::string model;
  std::string imei = "356938035643809";
  std::string imsi = "286010000000001";
  std::string iccid = "8990010000000000001";
  std::string operator_name = "Turkcell";
  std::string operator_numeric = "28601";     // +COPS in format 2
  std::string smsc = "+905329000000";         // AT+CSCA?; SMSC of inbound PDUs
  int rssi = 20;                              // AT+CSQ value 0..31
  std::chrono::milliseconds send_latency{0};  // time inside AT+CMGS before +CMGS: <mr>
  std::chrono::milliseconds send_jitter{0};   // +/- uniformly
  double cms_error_rate = 0.0;                // fraction of sends answered +CMS ERROR
  int cms_error_code = 38;                    // network out of order (temporary)
  bool urc_noise = false;                     // inject profile URCs, also in the middle of responses
  // With urc_noise, the chance that a response with information lines gets a
  // URC between two of them (or before its final result).
  double noise_in_response_rate = 0.3;
  std::chrono::milliseconds noise_period{5000};  // mean gap of periodic URCs
  bool status_reports = true;                    // send +CDS (or +CDSI) for TP-SRR sends
  std::chrono::milliseconds status_report_delay{50};
  bool supports_cmms = true;
  // Replaces the profile's AT+CNMI=? answer, e.g. "+CNMI: (0-2),(0,2),(0),(0,2),(0,1)"
  // for a modem that only routes messages (+CMT) and stores reports (+CDSI).
  std::string cnmi_test_response;
  uint32_t seed = 1;  // for latency jitter and error draws
  // How many submissions submitted() keeps (older ones are dropped in
  // halves); the demo bounds it so a long run does not grow without end.
  // Status reports can only be sent for submissions still kept.
  size_t keep_submitted = static_cast<size_t>(-1);
};

// One message the host submitted with AT+CMGS, as the network got it.
struct SubmittedMessage {
  std::string pdu_hex;                             // SMSC part + TPDU as written after the prompt
  pdu::DecodedPdu decoded;                         // the codec's reading of it
  uint8_t message_reference;                       // the <mr> answered in +CMGS: <mr>
  std::chrono::steady_clock::time_point started;   // AT+CMGS line received
  std::chrono::steady_clock::time_point finished;  // +CMGS: answered
};

class VirtualModem {
 public:
  VirtualModem(boost::asio::io_context& io, Options options);
  ~VirtualModem();
  VirtualModem(const VirtualModem&) = delete;
  VirtualModem& operator=(const VirtualModem&) = delete;

  // The stable path (a symlink to the current pty slave) the driver opens.
  const std::string& device_path() const;

  // --- What the host did -------------------------------------------------
  // The most recent Options::keep_submitted submissions (all by default).
  const std::vector<SubmittedMessage>& submitted() const;
  // Every AT command line received, in order (for tests of init sequences).
  const std::vector<std::string>& commands() const;
  // Messages currently stored on the SIM (inbound not yet deleted), and in
  // the modem's own memory (ME).
  size_t stored_messages() const;
  size_t stored_in_me() const;
  // Total time spent inside AT+CMGS (prompt to +CMGS: answer) so far.
  std::chrono::nanoseconds time_in_cmgs() const;
  // False between Unplug() and Replug().
  bool plugged() const;
  // Called after each completed send (tests wait on it).
  void OnSubmitted(std::function<void(const SubmittedMessage&)> callback);

  // --- What the network does --------------------------------------------
  // A text from `from` arrives: stored on the SIM (multipart when long, each
  // part its own index) and announced with +CMTI. Returns the SIM indexes.
  std::vector<int> ReceiveSms(const std::string& from, const std::string& text);
  // Like ReceiveSms(), but stored on the SIM whatever AT+CNMI asks and never
  // announced: the +CMTI a real modem lost on the line, or never sent because
  // it stored the message while nobody had the port open. Only a host that
  // scans the SIM (AT+CMGL) finds it.
  std::vector<int> StoreSmsSilently(const std::string& from, const std::string& text);
  // The network delivers this raw PDU (SMSC part + TPDU, decodable or not):
  // stored in the inbound memory and announced with +CMTI; while that memory
  // is full it waits at the network side and comes in, in order, as slots
  // are freed. Returns the slot, or nothing when it had to wait.
  std::optional<int> DeliverPdu(const std::string& pdu_hex);
  // Messages the network holds back because the SIM is full.
  size_t waiting_at_network() const;
  // Sends the status report for a message it received with TP-SRR now,
  // with TP-ST `status`, regardless of status_report_delay.
  void SendStatusReport(uint8_t message_reference, uint8_t status);

  // --- Faults ------------------------------------------------------------
  void set_hung(bool hung);              // stop answering (bytes are read and dropped)
  void Unplug();                         // close the pty, remove device_path()
  void Replug();                         // new pty, device_path() points at it; powers up afresh
  void set_registered(bool registered);  // +CREG: 0 / +CREG: 1 (URC when enabled)
  void set_cms_error_rate(double rate);
  void set_send_latency(std::chrono::milliseconds latency, std::chrono::milliseconds jitter);
  // Writes `bytes` to the host exactly as given, in the middle of whatever it
  // is doing: line noise, or the garbage a modem spits out in a power glitch.
  // Not held back during a PDU prompt (noise does not wait); dropped while
  // hung or unplugged.
  void InjectBytes(std::string bytes);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tellal::vmodem

#endif  // TELLAL_MODEM_VMODEM_VIRTUAL_MODEM_H_

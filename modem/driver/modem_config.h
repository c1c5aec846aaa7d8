// What one modem driver is told at start: which device, how to talk to it,
// and how patient to be. Parsed once by the daemon's config layer into these
// typed values; the driver never reads files.
#ifndef TELLAL_MODEM_DRIVER_MODEM_CONFIG_H_
#define TELLAL_MODEM_DRIVER_MODEM_CONFIG_H_

#include <chrono>
#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace tellal::modem {

class PinGuard;

using std::chrono::milliseconds;

// How long each kind of command may take before the driver gives up on it.
// The defaults suit real USB modems; tests shrink them.
struct Timeouts {
  milliseconds basic{2000};   // AT, ATE0, AT+CMEE, AT+CMGF, AT+CNMI=, AT+CMMS
  milliseconds query{5000};   // identity, +CSQ, +CREG?, +COPS?, +CPIN?, +CPMS
  milliseconds pin{10000};    // AT+CPIN="...": the SIM checks it
  milliseconds sim{15000};    // +CMGR, +CMGL, +CMGD: SIM storage is slow
  milliseconds prompt{5000};  // AT+CMGS=<n> until the "> " prompt
  milliseconds send{60000};   // PDU written until +CMGS: <mr>: network time
  // After ESC, late answers of an abandoned command drain for this long
  // before the resynchronising AT, so none is credited to a later command.
  milliseconds resync_settle{200};
  // Between polls while the SIM is not ready yet (+CPIN: NOT READY, CME 14)
  // or SMS is not up yet (SIMCom before "SMS Ready").
  milliseconds sim_poll{1000};
};

struct Recovery {
  int wake_attempts = 5;             // "AT" tries before init gives up
  int sim_poll_attempts = 10;        // AT+CPIN? / AT+CMGF=0 polls
  int max_consecutive_failures = 3;  // then close and reopen the device
  milliseconds reopen_initial{500};
  milliseconds reopen_max{10000};
  // AT+CMMS=1 keeps the relay link open for 1 to 5 s (TS 27.005 §3.5.6,
  // the modem chooses); after this much idle we assume it has lapsed.
  milliseconds cmms_hold{1000};
};

struct ModemConfig {
  std::string name;    // for logs and the dispatcher, e.g. "gsm0"
  std::string device;  // e.g. /dev/serial/by-id/usb-HUAWEI_...-if00-port0
  unsigned baud = 115200;
  bool hardware_flow_control = false;  // RTS/CTS
  std::string pin;                     // empty: none configured; never logged
  // Remembers refused PINs (see pin_guard.h); shared by the drivers of one
  // daemon, durable in the store. Null: the driver keeps an in-memory one.
  std::shared_ptr<PinGuard> pin_guard;
  Timeouts timeouts;
  Recovery recovery;
  std::chrono::milliseconds health_interval{std::chrono::seconds(30)};
  std::chrono::milliseconds sim_scan_interval{std::chrono::seconds(300)};
  // Where AT exchanges (debug) and faults (warn) go; null: spdlog's default.
  std::shared_ptr<spdlog::logger> logger;
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_MODEM_CONFIG_H_

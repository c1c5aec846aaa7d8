// What the driver learnt about its modem and SIM, for the dispatcher and the
// status page. A plain value, refreshed by init and the health checks.
#ifndef TELLAL_MODEM_DRIVER_MODEM_INFO_H_
#define TELLAL_MODEM_DRIVER_MODEM_INFO_H_

#include <optional>
#include <string>

namespace tellal::modem {

struct ModemInfo {
  std::string manufacturer;       // +CGMI
  std::string model;              // +CGMM
  std::string revision;           // +CGMR
  std::string family;             // the quirk profile chosen: generic/huawei/simcom/zte/...
  std::string imei;               // +CGSN
  std::string imsi;               // +CIMI
  std::string iccid;              // normalised (printed order, no 'F'); empty when unreadable
  std::string operator_name;      // +COPS?, long alphanumeric
  std::optional<int> signal_dbm;  // +CSQ mapped to dBm; none when unknown
  int registration = 0;           // <stat> of the last +CREG
  bool supports_cmms = false;
  std::string storage;  // <mem1> of +CPMS, where inbound is read from
  std::string cnmi;     // the AT+CNMI applied, empty if none was accepted
  // The message store inbound is read from (+CPMS <mem1>): slots used, its
  // size (0: unknown), and whether it is full (then the network holds new
  // messages back until the driver has read and deleted some).
  int sim_used = 0;
  int sim_total = 0;
  bool sim_full = false;
  // Why the state is sim-locked ("PIN refused", "PUK required", "only 2 PIN
  // attempts left", "PIN required but none configured"); empty otherwise.
  std::string lock_reason;
  // Remaining PIN attempts when the modem told them before a PIN entry.
  std::optional<int> pin_attempts_left;
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_MODEM_INFO_H_

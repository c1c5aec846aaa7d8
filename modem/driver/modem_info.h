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
  std::string family;             // the quirk profile chosen: generic/huawei/simcom
  std::string imei;               // +CGSN
  std::string imsi;               // +CIMI
  std::string iccid;              // +CCID, empty where the model has none
  std::string operator_name;      // +COPS?, long alphanumeric
  std::optional<int> signal_dbm;  // +CSQ mapped to dBm; none when unknown
  int registration = 0;           // <stat> of the last +CREG
  bool supports_cmms = false;
  std::string storage;  // <mem1> of +CPMS, where inbound is read from
  std::string cnmi;     // the AT+CNMI applied, empty if none was accepted
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_MODEM_INFO_H_

// Parsers for the information lines of AT commands and URCs. Each takes one
// line as the engine delivered it (prefix included, line end stripped) and
// returns the typed value or an Error naming what was wrong.
//
// Pure functions; safe to call from any thread.
#ifndef TELLAL_MODEM_AT_AT_REPLIES_H_
#define TELLAL_MODEM_AT_AT_REPLIES_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace tellal::at {

// +CMGS: <mr>[,<ackpdu>]  TS 27.005 §3.5.1. Returns the TP-Message-Reference.
Result<int> ParseCmgs(std::string_view line);

// +CMGW: <index>  TS 27.005 §3.5.3. Returns the storage index.
Result<int> ParseCmgw(std::string_view line);

// +CSQ: <rssi>,<ber>  TS 27.007 §8.5.
struct SignalQuality {
  int rssi = 99;           // 0..31, 99 = not known
  int ber = 99;            // 0..7, 99 = not known
  std::optional<int> dbm;  // -113 + 2 * rssi; absent when rssi is 99
};
Result<SignalQuality> ParseCsq(std::string_view line);

// +CREG / +CGREG / +CEREG, TS 27.007 §7.2, §10.1.20, §10.1.22. Both the
// answer to the read command ("+CREG: <n>,<stat>[,<lac>,<ci>[,<act>]]") and
// the URC ("+CREG: <stat>[,<lac>,<ci>[,<act>]]") are accepted; they are told
// apart by the field count and by <lac> being quoted.
struct Registration {
  std::optional<int> n;  // present only in the read command's answer
  int stat = 0;
  std::optional<std::uint32_t> lac;  // <lac> / <tac>, hex in the line
  std::optional<std::uint32_t> ci;   // hex in the line
  std::optional<int> act;
};
Result<Registration> ParseRegistration(std::string_view line);

// <stat> 1 (home), 5 (roaming), 6/7 (SMS only), 9/10 (CSFB not preferred).
bool IsRegistered(int stat);

// +CMTI: "<mem>",<index> and +CDSI: "<mem>",<index>, TS 27.005 §3.4.1.
struct StoredMessage {
  std::string memory;
  int index = 0;
};
Result<StoredMessage> ParseCmti(std::string_view line);
Result<StoredMessage> ParseCdsi(std::string_view line);

// +CMGR: <stat>,[<alpha>],<length>  TS 27.005 §3.4.3 (PDU mode).
struct CmgrHeader {
  int stat = 0;  // 0 unread, 1 read, 2 unsent, 3 sent
  std::string alpha;
  int length = 0;  // TPDU octets, SMSC address excluded
};
Result<CmgrHeader> ParseCmgrHeader(std::string_view line);

// +CMGL: <index>,<stat>,[<alpha>],<length>  TS 27.005 §3.4.2 (PDU mode).
struct CmglHeader {
  int index = 0;
  int stat = 0;
  std::string alpha;
  int length = 0;
};
Result<CmglHeader> ParseCmglHeader(std::string_view line);

// +CPIN: <code>  TS 27.007 §8.3.
enum class PinState {
  kReady,
  kSimPin,
  kSimPuk,
  kPhSimPin,
  kSimPin2,
  kSimPuk2,
  kNotInserted,  // SIMCom's "+CPIN: NOT INSERTED"
  kNotReady,     // SIMCom's "+CPIN: NOT READY"
  kOther,        // PH-NET PIN and the other personalisation codes
};
struct PinStatus {
  PinState state = PinState::kOther;
  std::string code;  // the text as sent, e.g. "SIM PIN"
};
Result<PinStatus> ParseCpin(std::string_view line);

// +COPS: <mode>[,<format>,<oper>[,<act>]]  TS 27.007 §7.3 (read command).
struct Operator {
  int mode = 0;
  std::optional<int> format;
  std::optional<std::string> name;
  std::optional<int> act;
};
Result<Operator> ParseCops(std::string_view line);

// +CNMI: (<mode>s),(<mt>s),(<bm>s),(<ds>s),(<bfr>s)  TS 27.005 §3.4.1, the
// answer to AT+CNMI=?. Each group is a list such as "(0-2)" or "(0,2,3)";
// groups a modem leaves out are empty.
struct CnmiSupport {
  std::set<int> mode, mt, bm, ds, bfr;
};
Result<CnmiSupport> ParseCnmiTest(std::string_view line);

// +CPMS, TS 27.005 §3.2.2. The read form names the memories
// ("+CPMS: "SM",3,30,"SM",3,30,"SM",3,30"); the set form does not
// ("+CPMS: 3,30,3,30,3,30"), leaving `memory` empty.
struct MessageStorage {
  std::string memory;
  int used = 0;
  int total = 0;
};
Result<std::vector<MessageStorage>> ParseCpms(std::string_view line);

// +CSCA: <sca>,<tosca>  TS 27.005 §3.3.1.
struct ServiceCentre {
  std::string address;
  int type = 0;
};
Result<ServiceCentre> ParseCsca(std::string_view line);

}  // namespace tellal::at

#endif  // TELLAL_MODEM_AT_AT_REPLIES_H_

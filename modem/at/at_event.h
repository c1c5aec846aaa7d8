// The events the AT engine (modem/at/at_engine.h) produces from modem bytes.
//
// Plain values: copyable, comparable, no references into the engine.
#ifndef TELLAL_MODEM_AT_AT_EVENT_H_
#define TELLAL_MODEM_AT_AT_EVENT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tellal::at {

enum class LineRole {
  kText,       // an ordinary information line of the pending command
  kPduHeader,  // "+CMGR: ..." / "+CMGL: ...": a PDU line follows
  kPdu,        // the hex PDU line after a kPduHeader line
};

// An information line of the pending command.
struct Line {
  std::string text;
  LineRole role = LineRole::kText;
  bool operator==(const Line&) const = default;
};

enum class FinalKind {
  kOk,
  kError,     // ERROR, NO CARRIER, BUSY, NO ANSWER, NO DIALTONE, ...
  kCmeError,  // +CME ERROR: <err>, TS 27.007 §9.2
  kCmsError,  // +CMS ERROR: <err>, TS 27.005 §3.2.5
};

// The final result code that ends the pending command.
struct Final {
  FinalKind kind = FinalKind::kOk;
  // For kCmeError / kCmsError: the numeric code, also when the modem sent the
  // verbose text (mapped back through modem/at/cms_cme_errors.h); -1 when the
  // verbose text is not in the table. -1 for the other kinds.
  int code = -1;
  std::string text;  // the line as received, for logs
  bool ok() const { return kind == FinalKind::kOk; }
  bool operator==(const Final&) const = default;
};

// The "> " of AT+CMGS / AT+CMGW: the modem now waits for the payload.
struct Prompt {
  bool operator==(const Prompt&) const = default;
};

enum class UrcKind {
  kUnknown,     // no table entry: kept as text
  kCmti,        // +CMTI: "<mem>",<index>  new message stored
  kCdsi,        // +CDSI: "<mem>",<index>  status report stored
  kCmt,         // +CMT: [<alpha>],<length> + PDU line  new message routed to us
  kCds,         // +CDS: <length> + PDU line  status report routed to us
  kCreg,        // +CREG:
  kCgreg,       // +CGREG:
  kCereg,       // +CEREG:
  kRing,        // RING, +CRING:
  kClip,        // +CLIP:
  kRssi,        // ^RSSI: (Huawei)
  kMode,        // ^MODE: (Huawei)
  kBoot,        // ^BOOT: (Huawei)
  kSrvst,       // ^SRVST: (Huawei)
  kSmsReady,    // SMS Ready (SIMCom)
  kCallReady,   // Call Ready (SIMCom)
  kCpin,        // +CPIN: READY / SIM PIN / NOT INSERTED ...
  kMemoryFull,  // ^SMMEMFULL (Huawei): the message store is full
  kOther,       // known chatter nobody acts on (RDY, +CFUN:, ^HCSQ: ...)
};

std::string_view ToString(UrcKind kind);

// An unsolicited result code. `name` is its prefix without the colon
// ("+CMTI", "RING", "SMS Ready"); for kUnknown it is the text before ':' of a
// "+XXX:" / "^XXX:" line, otherwise empty. `lines` holds the header line and,
// for +CMT / +CDS, the PDU line; a +CMT / +CDS whose PDU line never came (the
// next line was not hex) has only the header.
struct Urc {
  UrcKind kind = UrcKind::kUnknown;
  std::string name;
  std::vector<std::string> lines;
  bool operator==(const Urc&) const = default;
};

// A line longer than the engine's limit arrived; it was discarded.
struct Overflow {
  std::size_t limit = 0;
  bool operator==(const Overflow&) const = default;
};

using AtEvent = std::variant<Line, Final, Prompt, Urc, Overflow>;

// One-line rendering for logs and test failure messages.
std::string ToString(const AtEvent& event);

}  // namespace tellal::at

#endif  // TELLAL_MODEM_AT_AT_EVENT_H_

// What a modem driver tells the layer above (the dispatcher), and the
// values it hands up.
//
// Calls come on the driver's io_context thread. A listener must not destroy
// the driver from inside a call; Stop() it and destroy it from stop's
// completion instead.
#ifndef TELLAL_MODEM_DRIVER_MODEM_LISTENER_H_
#define TELLAL_MODEM_DRIVER_MODEM_LISTENER_H_

#include <functional>
#include <string>

#include "modem/driver/modem_state.h"
#include "modem/pdu/pdu_decoder.h"
#include "modem/result.h"

namespace tellal::modem {

// A message received by the modem.
struct InboundPdu {
  int index = -1;       // SIM slot; -1 when routed directly (+CMT), not stored
  std::string memory;   // the store `index` is in ("SM", "ME"); empty when routed
  std::string pdu_hex;  // SMSC address + SMS-DELIVER, as the modem gave it
  std::string sim;      // the IMSI of the SIM it was read from, when known
  Result<pdu::DecodedPdu> decoded = Error::Internal("not decoded");
  // The PDU does not decode: handed up all the same (pdu_hex kept for a
  // human), so it never blocks the SIM; `reason` says what was wrong.
  bool undecodable = false;
  std::string reason;
};

// A delivery report for a message this modem sent.
struct StatusReport {
  int index = -1;              // SIM slot; -1 when routed directly (+CDS), not stored
  int message_reference = -1;  // TP-MR, as +CMGS: <mr> returned it
  int status = 0;              // TP-ST, TS 23.040 §9.2.3.15
  std::string recipient;       // TP-RA
  std::string pdu_hex;
  pdu::DecodedPdu decoded;
};

// Every call names the modem by its configured id (Modem::name()), so the
// listener never needs the concrete modem object.
class ModemListener {
 public:
  virtual ~ModemListener() = default;

  // Posted, so it arrives after the call that caused it has returned; by
  // then state() may have moved on.
  virtual void OnStateChanged(const std::string& modem, ModemState state) = 0;

  // Call `stored` once the message is durably stored (any time, even after
  // returning): only then is it deleted from the SIM (AT+CMGD). Not calling
  // it leaves the message on the SIM; it is not handed up again while this
  // driver runs. Calling it after the SIM changed (another IMSI), a second
  // time, after the driver is gone, or for a routed message (index -1) does
  // nothing.
  virtual void OnInbound(const std::string& modem, InboundPdu pdu, std::function<void()> stored) = 0;

  // The same contract as OnInbound: a report stored on the SIM (+CDSI, or
  // found by a scan) is deleted only once `stored` is called, so a crash
  // between hand-up and storage loses nothing. For a routed report (+CDS,
  // index -1) there is nothing to delete and `stored` does nothing.
  virtual void OnStatusReport(const std::string& modem, StatusReport report, std::function<void()> stored) = 0;
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_MODEM_LISTENER_H_

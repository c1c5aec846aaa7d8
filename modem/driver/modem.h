// Modem: what the layers above need from one GSM modem — its state and
// identity, sending one PDU at a time, starting and stopping. Events (state
// changes, inbound messages, status reports) go up through the
// ModemListener given to the implementation, named by the modem's name().
//
// ModemDriver implements it over a serial port; tests use a fake that answers
// from a script (tests/support/fake_modem.h), so the dispatcher and the
// service are tested without pseudo-terminals.
//
// Contract every implementation keeps:
//  - Send() accepts work only in kReady / kBusy; otherwise, or while
//    stopping, it fails with SendError::kUnavailable. `done` is called
//    exactly once, on the io_context, never from inside Send() (unless the
//    modem is destroyed first: then it is dropped).
//  - Stop() fails queued sends (kUnavailable), lets a send in flight finish,
//    and posts `done`; the modem may be destroyed from then on.
//  - Thread affinity: the io_context's single thread.
#ifndef TELLAL_MODEM_DRIVER_MODEM_H_
#define TELLAL_MODEM_DRIVER_MODEM_H_

#include <functional>
#include <string>

#include "modem/driver/modem_info.h"
#include "modem/driver/modem_state.h"
#include "modem/driver/send_result.h"

namespace tellal::modem {

class Modem {
 public:
  using SendCallback = std::function<void(SendResult)>;

  virtual ~Modem() = default;

  // Begins bringing the modem up; once.
  virtual void Start() = 0;
  // See the contract above. Idempotent.
  virtual void Stop(std::function<void()> done) = 0;
  // Queues one SMS: `pdu_hex` (SMSC part + TPDU) for AT+CMGS=<tpdu_length>.
  // `more_follow`: the caller has more for this modem right now (AT+CMMS).
  virtual void Send(std::string pdu_hex, int tpdu_length, bool more_follow, SendCallback done) = 0;

  virtual ModemState state() const = 0;
  virtual const ModemInfo& info() const = 0;
  // The configured id ("gsm0"): how the listener and the logs name it.
  virtual const std::string& name() const = 0;
};

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_MODEM_H_

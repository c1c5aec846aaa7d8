// EchoNumber: the demo town's echo number, which answers every message it
// receives with a reply quoting it — so a person trying the panel (and the
// panel's browser test) sees an inbound reply every time, not only from the
// tenth of recipients the town's random people answer.
//
// It reads what a virtual modem submitted, as the network would: parts of
// a concatenated message (TS 23.040 §9.2.3.24.1) are gathered by reference
// until the set is complete, then the whole text is quoted once. A PDU to
// any other number is not its business (Accept answers nullopt).
//
// Pure: no timers and no I/O; the Demo schedules the reply. Thread
// affinity: single thread (the io_context thread).
#ifndef TELLAL_DAEMON_DEMO_ECHO_NUMBER_H_
#define TELLAL_DAEMON_DEMO_ECHO_NUMBER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "modem/pdu/pdu_decoder.h"

namespace tellal::demo {

// +90 555 000 00 00, in the international form the daemon sends to.
inline constexpr const char* kEchoNumber = "+905550000000";
// What the reply starts with, before the quoted text.
inline constexpr const char* kEchoPrefix = "Yankı: ";

class EchoNumber {
 public:
  // The reply to send back when `submitted` completes a message to the echo
  // number: kEchoPrefix and the message's text. nullopt: another number, or
  // a part whose set is not complete yet.
  std::optional<std::string> Accept(const pdu::DecodedPdu& submitted);

 private:
  // Parts waiting for the rest of their set, by (reference, total), each
  // set's texts by sequence number. A set the sender never completes stays
  // here; the demo lives minutes, and a handful of parts is a few bytes.
  std::map<std::pair<uint16_t, uint8_t>, std::map<uint8_t, std::string>> parts_;
};

}  // namespace tellal::demo

#endif  // TELLAL_DAEMON_DEMO_ECHO_NUMBER_H_

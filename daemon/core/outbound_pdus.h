// Builds the SMS-SUBMIT PDUs for a queued message at send time, from what
// the store kept (text, the encoding chosen when it was accepted, flags and
// deadline), so the segments sent are the segments the client was quoted.
//
// Pure; safe from any thread.
#ifndef TELLAL_DAEMON_CORE_OUTBOUND_PDUS_H_
#define TELLAL_DAEMON_CORE_OUTBOUND_PDUS_H_

#include <vector>

#include "daemon/store/records.h"
#include "modem/pdu/pdu_encoder.h"
#include "modem/result.h"

namespace tellal::core {

// The planner options that reproduce `encoding` as stored ("gsm7",
// "gsm7-turkish", "ucs2"); an unknown name is an error.
Result<pdu::PlanOptions> PlanOptionsFor(const std::string& encoding);

// `now` turns valid_until into a relative TP-VP (whole minutes, at least
// one, rounded up by the encoder). The concatenation reference is the one
// the store fixed at the first claim (concat_ref; the message id's low
// byte until then), so a retry or a resumed set reuses it and a handset
// that already holds some parts does not start a second set.
Result<std::vector<pdu::EncodedPdu>> BuildSubmitPdus(const store::Message& message, store::Millis now);

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_OUTBOUND_PDUS_H_

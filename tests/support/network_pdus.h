// PDUs as the network sends them, built with the project's encoder and read
// back with its decoder exactly as the driver does, for tests that hand
// status reports to the daemon's inbound processing.
#ifndef TELLAL_TESTS_SUPPORT_NETWORK_PDUS_H_
#define TELLAL_TESTS_SUPPORT_NETWORK_PDUS_H_

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "modem/driver/modem_listener.h"
#include "modem/pdu/pdu_decoder.h"
#include "modem/pdu/pdu_encoder.h"

namespace tellal::testing {

// A service-centre time stamp on a fixed day, `second` past 10:00 (+03:00).
inline pdu::Timestamp Scts(int second) { return pdu::Timestamp{2026, 6, 1, 10, 0, second, 180}; }

// A status report for the segment sent with TP-MR `mr` to `recipient`,
// stored in SIM slot `index`.
inline modem::StatusReport StatusReportFor(int mr, const std::string& recipient, uint8_t status, int index = 5) {
  pdu::StatusReportOptions o;
  o.smsc = "+905329000000";
  o.message_reference = static_cast<uint8_t>(mr);
  o.recipient = recipient;
  o.scts = Scts(1);
  o.discharge_time = Scts(9);
  o.status = status;
  auto encoded = pdu::EncodeStatusReport(o);
  if (!encoded.ok()) FAIL(encoded.error().message);
  auto decoded = pdu::DecodePdu(encoded->hex);
  if (!decoded.ok()) FAIL(decoded.error().message);
  modem::StatusReport r;
  r.index = index;
  r.message_reference = mr;
  r.status = status;
  r.recipient = decoded->address.value;
  r.pdu_hex = encoded->hex;
  r.decoded = *decoded;
  return r;
}

}  // namespace tellal::testing

#endif  // TELLAL_TESTS_SUPPORT_NETWORK_PDUS_H_

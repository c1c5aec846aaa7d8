// TP-ST, the outcome a status report carries (TS 23.040 §9.2.3.15).
#ifndef TELLAL_MODEM_PDU_STATUS_REPORT_STATUS_H_
#define TELLAL_MODEM_PDU_STATUS_REPORT_STATUS_H_

#include <cstdint>

namespace tellal::pdu {

enum class DeliveryOutcome {
  kDelivered,  // short message transaction completed
  kPending,    // temporary error, the SC is still trying
  kFailed,     // permanent error, the SC is not making more attempts
  kExpired,    // temporary error, the SC gave up (or the validity period ran out)
};

// "delivered", "pending", "failed", "expired".
const char* DeliveryOutcomeName(DeliveryOutcome o);

struct StatusMeaning {
  DeliveryOutcome outcome;
  const char* text;  // the standard's wording, or the range's for reserved values
};

// Reserved and SC-specific values are classified by their range, as
// §9.2.3.15 tells receivers to treat them.
StatusMeaning DescribeStatus(uint8_t tp_st);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_STATUS_REPORT_STATUS_H_

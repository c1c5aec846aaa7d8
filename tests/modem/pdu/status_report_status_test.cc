#include "modem/pdu/status_report_status.h"

#include <catch2/catch.hpp>
#include <string>

using namespace tellal::pdu;

// TS 23.040 §9.2.3.15.
TEST_CASE("TP-ST maps to the four outcomes", "[status]") {
  struct Case {
    uint8_t st;
    DeliveryOutcome outcome;
    const char* text;
  };
  const Case cases[] = {
      {0x00, DeliveryOutcome::kDelivered, "short message received by the SME"},
      {0x01, DeliveryOutcome::kDelivered, "short message forwarded by the SC to the SME but delivery unconfirmed"},
      {0x21, DeliveryOutcome::kPending, "SME busy, SC still trying"},
      {0x41, DeliveryOutcome::kFailed, "incompatible destination"},
      {0x46, DeliveryOutcome::kExpired, "SM validity period expired"},
      {0x62, DeliveryOutcome::kExpired, "no response from SME, SC gave up"},
      // Reserved and SC-specific values follow their range.
      {0x10, DeliveryOutcome::kDelivered, "transaction completed (reserved or SC-specific value)"},
      {0x30, DeliveryOutcome::kPending, "temporary error, SC still trying (reserved or SC-specific value)"},
      {0x5F, DeliveryOutcome::kFailed, "permanent error (reserved or SC-specific value)"},
      {0x7A, DeliveryOutcome::kExpired, "temporary error, SC gave up (reserved or SC-specific value)"},
      {0x80, DeliveryOutcome::kFailed, "reserved value"},
  };
  for (const Case& c : cases) {
    const StatusMeaning m = DescribeStatus(c.st);
    CHECK(m.outcome == c.outcome);
    CHECK(std::string(m.text) == c.text);
  }
  CHECK(std::string(DeliveryOutcomeName(DeliveryOutcome::kPending)) == "pending");
}

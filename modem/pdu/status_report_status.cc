#include "modem/pdu/status_report_status.h"
#include "modem/text/enum_names.h"

namespace tellal::pdu {
namespace {

struct Row {
  uint8_t value;
  DeliveryOutcome outcome;
  const char* text;
};

// TS 23.040 §9.2.3.15, the values with a defined meaning.
constexpr Row kRows[] = {
    {0x00, DeliveryOutcome::kDelivered, "short message received by the SME"},
    {0x01, DeliveryOutcome::kDelivered, "short message forwarded by the SC to the SME but delivery unconfirmed"},
    {0x02, DeliveryOutcome::kDelivered, "short message replaced by the SC"},
    {0x20, DeliveryOutcome::kPending, "congestion, SC still trying"},
    {0x21, DeliveryOutcome::kPending, "SME busy, SC still trying"},
    {0x22, DeliveryOutcome::kPending, "no response from SME, SC still trying"},
    {0x23, DeliveryOutcome::kPending, "service rejected, SC still trying"},
    {0x24, DeliveryOutcome::kPending, "quality of service not available, SC still trying"},
    {0x25, DeliveryOutcome::kPending, "error in SME, SC still trying"},
    {0x40, DeliveryOutcome::kFailed, "remote procedure error"},
    {0x41, DeliveryOutcome::kFailed, "incompatible destination"},
    {0x42, DeliveryOutcome::kFailed, "connection rejected by SME"},
    {0x43, DeliveryOutcome::kFailed, "not obtainable"},
    {0x44, DeliveryOutcome::kFailed, "quality of service not available"},
    {0x45, DeliveryOutcome::kFailed, "no interworking available"},
    {0x46, DeliveryOutcome::kExpired, "SM validity period expired"},
    {0x47, DeliveryOutcome::kFailed, "SM deleted by originating SME"},
    {0x48, DeliveryOutcome::kFailed, "SM deleted by SC administration"},
    {0x49, DeliveryOutcome::kFailed, "SM does not exist"},
    {0x60, DeliveryOutcome::kExpired, "congestion, SC gave up"},
    {0x61, DeliveryOutcome::kExpired, "SME busy, SC gave up"},
    {0x62, DeliveryOutcome::kExpired, "no response from SME, SC gave up"},
    {0x63, DeliveryOutcome::kExpired, "service rejected, SC gave up"},
    {0x64, DeliveryOutcome::kExpired, "quality of service not available, SC gave up"},
    {0x65, DeliveryOutcome::kExpired, "error in SME, SC gave up"},
};

}  // namespace

constexpr text::EnumName<DeliveryOutcome> kDeliveryOutcomeNames[] = {{DeliveryOutcome::kDelivered, "delivered"},
                                                                     {DeliveryOutcome::kPending, "pending"},
                                                                     {DeliveryOutcome::kFailed, "failed"},
                                                                     {DeliveryOutcome::kExpired, "expired"}};

const char* DeliveryOutcomeName(DeliveryOutcome o) { return text::NameOf(kDeliveryOutcomeNames, o, "failed").data(); }

StatusMeaning DescribeStatus(uint8_t tp_st) {
  for (const Row& row : kRows) {
    if (row.value == tp_st) return {row.outcome, row.text};
  }
  // Ranges of §9.2.3.15 for reserved and SC-specific values; 0x80 and
  // above are reserved and read as a permanent error.
  if (tp_st < 0x20) return {DeliveryOutcome::kDelivered, "transaction completed (reserved or SC-specific value)"};
  if (tp_st < 0x40)
    return {DeliveryOutcome::kPending, "temporary error, SC still trying (reserved or SC-specific value)"};
  if (tp_st < 0x60) return {DeliveryOutcome::kFailed, "permanent error (reserved or SC-specific value)"};
  if (tp_st < 0x80) return {DeliveryOutcome::kExpired, "temporary error, SC gave up (reserved or SC-specific value)"};
  return {DeliveryOutcome::kFailed, "reserved value"};
}

}  // namespace tellal::pdu

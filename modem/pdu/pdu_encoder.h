// Builds SMS TPDUs as the hex a modem takes after AT+CMGS (SMS-SUBMIT), and
// the SMS-DELIVER / SMS-STATUS-REPORT a network would send (used by the
// virtual modem and by round-trip tests). TS 23.040 §9.2.2.
#ifndef TELLAL_MODEM_PDU_PDU_ENCODER_H_
#define TELLAL_MODEM_PDU_PDU_ENCODER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modem/pdu/text_planner.h"
#include "modem/pdu/timestamp.h"
#include "modem/result.h"

namespace tellal::pdu {

struct SubmitOptions {
  std::string to;    // TP-DA: "+905321234567", "05321234567" or alphanumeric
  std::string smsc;  // empty: the modem's default SMSC
  PlanOptions plan;
  bool status_report = false;           // TP-SRR
  bool reject_duplicates = false;       // TP-RD
  bool flash = false;                   // TP-DCS class 0
  std::optional<int> validity_minutes;  // TP-VP relative; none: no TP-VP
  uint8_t pid = 0;                      // TP-PID
  uint8_t message_reference = 0;        // TP-MR; modems normally overwrite it
  uint8_t concat_ref = 0;               // 8-bit concatenation reference
};

struct EncodedPdu {
  std::string hex;         // SMSC part + TPDU, what follows AT+CMGS=<length>
  size_t tpdu_length = 0;  // octets excluding the SMSC part: the <length>
  size_t seq = 1;
  size_t total = 1;
  uint8_t ref = 0;
  Encoding encoding = Encoding::kGsm7;
};

// TP-VP relative format (TS 23.040 §9.2.3.12.1), rounded up to the next
// representable period so a message never expires earlier than asked.
// Fails outside 1 minute .. 63 weeks.
Result<uint8_t> RelativeValidity(int minutes);
// The period a TP-VP relative octet stands for, in minutes.
int RelativeValidityMinutes(uint8_t vp);

Result<std::vector<EncodedPdu>> EncodeSubmit(std::string_view text, const SubmitOptions& options);
// Same, from a plan already made (so a caller that showed the cost sends
// exactly what it showed).
Result<std::vector<EncodedPdu>> EncodeSubmit(const TextPlan& plan, const SubmitOptions& options);

struct DeliverOptions {
  std::string from;  // TP-OA
  std::string smsc;
  Timestamp scts;
  PlanOptions plan;
  bool status_report_indication = false;  // TP-SRI
  bool flash = false;
  uint8_t pid = 0;
  uint8_t concat_ref = 0;
};
Result<std::vector<EncodedPdu>> EncodeDeliver(std::string_view text, const DeliverOptions& options);

struct StatusReportOptions {
  std::string smsc;
  uint8_t message_reference = 0;  // TP-MR of the submitted message
  std::string recipient;          // TP-RA
  Timestamp scts;                 // when the SC received the message
  Timestamp discharge_time;       // TP-DT
  uint8_t status = 0;             // TP-ST
};
Result<EncodedPdu> EncodeStatusReport(const StatusReportOptions& options);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_PDU_ENCODER_H_

// Reads the PDUs a modem prints after +CMGR / +CMGL / +CMT / +CDS: an SMSC
// address followed by an SMS-DELIVER, SMS-SUBMIT or SMS-STATUS-REPORT
// (TS 23.040 §9.2.2). Every length is checked against what is left, so
// malformed input gives an Error naming the field and never reads past the
// end.
#ifndef TELLAL_MODEM_PDU_PDU_DECODER_H_
#define TELLAL_MODEM_PDU_PDU_DECODER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modem/pdu/address.h"
#include "modem/pdu/data_coding_scheme.h"
#include "modem/pdu/status_report_status.h"
#include "modem/pdu/timestamp.h"
#include "modem/pdu/user_data_header.h"
#include "modem/result.h"

namespace tellal::pdu {

enum class MessageType { kDeliver, kSubmit, kStatusReport };
const char* MessageTypeName(MessageType t);  // "deliver", "submit", "status-report"

struct DecodedPdu {
  MessageType type = MessageType::kDeliver;
  Address smsc;     // empty value when the modem's default was meant
  Address address;  // TP-OA (deliver), TP-DA (submit) or TP-RA (status report)
  uint8_t first_octet = 0;
  uint8_t pid = 0;
  DataCodingScheme dcs;
  uint8_t dcs_octet = 0;
  UserDataHeader udh;  // concat and shift tables; empty without TP-UDHI
  bool has_user_data = false;

  // Text in UTF-8 (GSM 7-bit and UCS-2). For 8-bit data, `text` is empty and
  // `data` holds the octets. For UCS-2, `data` holds the UTF-16BE octets so a
  // reassembler can join parts whose surrogate pair was split by the sender.
  std::string text;
  std::vector<uint8_t> data;

  bool report_requested = false;   // TP-SRR / TP-SRI / TP-SRQ
  bool reject_duplicates = false;  // submit only
  bool more_messages = false;      // deliver / status report: TP-MMS clear
  bool reply_path = false;

  uint8_t message_reference = 0;            // submit and status report
  std::optional<int> validity_minutes;      // submit with relative TP-VP
  std::optional<Timestamp> scts;            // deliver and status report
  std::optional<Timestamp> discharge_time;  // status report
  uint8_t status = 0;                       // status report TP-ST
};

struct DecodeOptions {
  // Some modems print +CDS / +CMT without the SMSC part (AT+CSMS quirks).
  bool has_smsc = true;
};

Result<DecodedPdu> DecodePdu(std::string_view hex, const DecodeOptions& options = {});
Result<DecodedPdu> DecodePduBytes(const std::vector<uint8_t>& bytes, const DecodeOptions& options = {});
Result<DecodedPdu> DecodePduBytes(const uint8_t* data, size_t size, const DecodeOptions& options = {});

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_PDU_DECODER_H_

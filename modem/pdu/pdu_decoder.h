// Reads the PDUs a modem prints after +CMGR / +CMGL / +CMT / +CDS: an SMSC
// address followed by an SMS-DELIVER, SMS-SUBMIT or SMS-STATUS-REPORT
// (TS 23.040 §9.2.2). Every length is checked against what is left, so
// malformed input gives an Error naming the field and never reads past the
// end, and never throws.
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
  // A national language shift IE naming no table is read with the default
  // table, as TS 23.040 §9.2.3.24.15/.16 says (and recorded in
  // DecodedPdu::udh); with this set it is a kUnknownLanguage failure instead.
  bool reject_unknown_language = false;
};

// Why a PDU could not be decoded: a stable reason a caller can store with the
// raw PDU of a message it keeps undecoded. The Error beside it says exactly
// where, and has the code given here.
enum class DecodeFailure : uint8_t {
  kMalformedPdu,        // kCorruption: not hex, empty, or a header field missing or invalid
  kCompressedUserData,  // kNotSupported: TP-DCS announces compression (TS 23.042)
  kMalformedUdh,        // kCorruption: a UDHL or IE length points past its end
  kTruncatedUserData,   // kCorruption: TP-UDL too large for the PDU or the maximum, or shorter than the header
  kUnknownLanguage,     // kNotSupported: only with DecodeOptions::reject_unknown_language
  kInvalidSeptet,       // kCorruption: a septet with no character in the locking shift table
  kInvalidUcs2,         // kCorruption: an odd number of UCS-2 octets
};
// "malformed-pdu", "compressed-user-data", "malformed-udh",
// "truncated-user-data", "unknown-language", "invalid-septet", "invalid-ucs2".
const char* DecodeFailureName(DecodeFailure failure);

struct DecodeError {
  DecodeFailure failure = DecodeFailure::kMalformedPdu;
  Error error;
  // The fields read before the failure, for a caller that keeps the PDU
  // undecoded: a TP-OA or TP-SCTS read is set (an empty address value and
  // no scts mean it was not reached); the rest is unspecified.
  DecodedPdu read;
};

// Reserved TP-DCS codings are not failures: TS 23.038 §4 has them read as the
// default alphabet (DataCodingScheme::reserved says it happened).
Result<DecodedPdu, DecodeError> DecodePduWithReason(std::string_view hex, const DecodeOptions& options = {});
Result<DecodedPdu, DecodeError> DecodePduBytesWithReason(const uint8_t* data, size_t size,
                                                         const DecodeOptions& options = {});

// The same, for callers that need only the Error.
Result<DecodedPdu> DecodePdu(std::string_view hex, const DecodeOptions& options = {});
Result<DecodedPdu> DecodePduBytes(const std::vector<uint8_t>& bytes, const DecodeOptions& options = {});
Result<DecodedPdu> DecodePduBytes(const uint8_t* data, size_t size, const DecodeOptions& options = {});

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_PDU_DECODER_H_

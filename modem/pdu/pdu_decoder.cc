#include "modem/pdu/pdu_decoder.h"
#include "modem/text/enum_names.h"

#include "modem/pdu/gsm_alphabet.h"
#include "modem/pdu/hex.h"
#include "modem/pdu/pdu_encoder.h"
#include "modem/pdu/septet_packing.h"
#include "modem/pdu/utf8.h"

namespace tellal::pdu {
namespace {

// A bounds-checked cursor over the PDU: every read names its field.
class Reader {
 public:
  Reader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  size_t left() const { return size_ - pos_; }
  const uint8_t* Here() const { return data_ + pos_; }
  void Skip(size_t n) { pos_ += n; }

  Result<uint8_t> Octet(const char* field) {
    if (pos_ >= size_) {
      return Error::Corruption(std::string(field) + ": missing (PDU ends at octet " + std::to_string(pos_) + ")");
    }
    return data_[pos_++];
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// Empty when the step succeeded.
using Failure = std::optional<DecodeError>;

// Received data that contradicts itself is kCorruption whatever the helper
// that noticed called it (hex parsing says kInvalidArgument).
DecodeError Fail(DecodeFailure failure, Error error) {
  if (error.Is(ErrorCode::kInvalidArgument)) error.code = ErrorCode::kCorruption;
  return DecodeError{failure, std::move(error), {}};
}

#define TELLAL_TRY_FIELD(var, expr)                                                    \
  auto var##_r = (expr);                                                               \
  if (!var##_r) return Fail(DecodeFailure::kMalformedPdu, std::move(var##_r).error()); \
  auto var = std::move(*var##_r)

Result<Address> ReadAddress(Reader& r, const char* field) {
  size_t consumed = 0;
  auto a = ParseTpAddress(r.Here(), r.left(), field, &consumed);
  if (a) r.Skip(consumed);
  return a;
}

Result<Timestamp> ReadTimestamp(Reader& r, const char* field) {
  auto ts = ParseTimestamp(r.Here(), r.left(), field);
  if (ts) r.Skip(kTimestampOctets);
  return ts;
}

// TP-UDL and TP-UD, with the header when TP-UDHI is set.
Failure ReadUserData(Reader& r, bool udhi, const DecodeOptions& options, DecodedPdu& out) {
  TELLAL_TRY_FIELD(udl, r.Octet("TP-UDL"));
  out.has_user_data = true;
  if (out.dcs.compressed) {
    return Fail(DecodeFailure::kCompressedUserData,
                Error::NotSupported("TP-DCS: compressed user data (TS 23.042) is not supported"));
  }
  const bool septets = out.dcs.alphabet == Alphabet::kGsm7;
  const size_t max_udl = septets ? 160 : 140;
  if (udl > max_udl) {
    return Fail(DecodeFailure::kTruncatedUserData,
                Error::Corruption("TP-UDL: " + std::to_string(udl) + " exceeds the maximum of " +
                                  std::to_string(max_udl) + (septets ? " septets" : " octets")));
  }
  const size_t octets = septets ? (size_t{udl} * 7 + 7) / 8 : udl;
  if (octets > r.left()) {
    return Fail(DecodeFailure::kTruncatedUserData,
                Error::Corruption("TP-UDL: " + std::to_string(udl) + (septets ? " septets need " : " octets need ") +
                                  std::to_string(octets) + " octets but only " + std::to_string(r.left()) + " remain"));
  }
  const uint8_t* ud = r.Here();
  size_t header = 0;
  if (udhi) {
    if (udl == 0) return Fail(DecodeFailure::kTruncatedUserData, Error::Corruption("TP-UDHI: set but TP-UDL is 0"));
    auto udh = ParseUdh(ud, octets, &header, UdhParseOptions{options.reject_unknown_language});
    if (!udh) {
      const bool language = udh.error().Is(ErrorCode::kNotSupported);
      return Fail(language ? DecodeFailure::kUnknownLanguage : DecodeFailure::kMalformedUdh, udh.error());
    }
    out.udh = *udh;
  }
  if (septets) {
    const size_t header_septets = header == 0 ? 0 : HeaderSeptets(header);
    if (header_septets > udl) {
      return Fail(DecodeFailure::kTruncatedUserData,
                  Error::Corruption("TP-UDL: " + std::to_string(udl) + " septets is shorter than the " +
                                    std::to_string(header) + "-octet user data header"));
    }
    uint8_t units[160];
    const size_t count = udl - header_septets;
    UnpackSeptetsInto(ud + header, octets - header, count, header == 0 ? 0 : FillBits(header), units);
    if (Status s = DecodeGsm7(out.udh.tables, units, count, out.text); !s) {
      return Fail(DecodeFailure::kInvalidSeptet, Wrap("TP-UD", s.error()));
    }
  } else {
    out.data.assign(ud + header, ud + udl);
    if (out.dcs.alphabet == Alphabet::kUcs2) {
      if (out.data.size() % 2 != 0) {
        return Fail(
            DecodeFailure::kInvalidUcs2,
            Error::Corruption("TP-UD: odd number of octets (" + std::to_string(out.data.size()) + ") for UCS-2 text"));
      }
      uint16_t units[70];
      const size_t count = out.data.size() / 2;
      for (size_t i = 0; i < count; ++i) {
        units[i] = static_cast<uint16_t>(out.data[2 * i] << 8 | out.data[2 * i + 1]);
      }
      AppendUtf16AsUtf8(units, count, out.text);
    }
  }
  r.Skip(octets);
  return std::nullopt;
}

Failure ReadDeliver(Reader& r, const DecodeOptions& options, DecodedPdu& out) {
  out.more_messages = (out.first_octet & 0x04) == 0;
  out.report_requested = (out.first_octet & 0x20) != 0;
  TELLAL_TRY_FIELD(oa, ReadAddress(r, "TP-OA"));
  out.address = oa;
  TELLAL_TRY_FIELD(pid, r.Octet("TP-PID"));
  out.pid = pid;
  TELLAL_TRY_FIELD(dcs, r.Octet("TP-DCS"));
  out.dcs_octet = dcs;
  out.dcs = ParseDcs(dcs);
  TELLAL_TRY_FIELD(scts, ReadTimestamp(r, "TP-SCTS"));
  out.scts = scts;
  return ReadUserData(r, (out.first_octet & 0x40) != 0, options, out);
}

Failure ReadSubmit(Reader& r, const DecodeOptions& options, DecodedPdu& out) {
  out.reject_duplicates = (out.first_octet & 0x04) != 0;
  out.report_requested = (out.first_octet & 0x20) != 0;
  TELLAL_TRY_FIELD(mr, r.Octet("TP-MR"));
  out.message_reference = mr;
  TELLAL_TRY_FIELD(da, ReadAddress(r, "TP-DA"));
  out.address = da;
  TELLAL_TRY_FIELD(pid, r.Octet("TP-PID"));
  out.pid = pid;
  TELLAL_TRY_FIELD(dcs, r.Octet("TP-DCS"));
  out.dcs_octet = dcs;
  out.dcs = ParseDcs(dcs);
  switch (out.first_octet >> 3 & 0x03) {
    case 0:
      break;
    case 2: {  // relative
      TELLAL_TRY_FIELD(vp, r.Octet("TP-VP"));
      out.validity_minutes = RelativeValidityMinutes(vp);
      break;
    }
    default:  // enhanced (1) or absolute (3): seven octets we carry but do not interpret
      if (r.left() < 7)
        return Fail(DecodeFailure::kMalformedPdu, Error::Corruption("TP-VP: truncated (7 octets expected)"));
      r.Skip(7);
      break;
  }
  return ReadUserData(r, (out.first_octet & 0x40) != 0, options, out);
}

Failure ReadStatusReport(Reader& r, const DecodeOptions& options, DecodedPdu& out) {
  out.more_messages = (out.first_octet & 0x04) == 0;
  out.report_requested = (out.first_octet & 0x20) != 0;  // TP-SRQ
  TELLAL_TRY_FIELD(mr, r.Octet("TP-MR"));
  out.message_reference = mr;
  TELLAL_TRY_FIELD(ra, ReadAddress(r, "TP-RA"));
  out.address = ra;
  TELLAL_TRY_FIELD(scts, ReadTimestamp(r, "TP-SCTS"));
  out.scts = scts;
  TELLAL_TRY_FIELD(dt, ReadTimestamp(r, "TP-DT"));
  out.discharge_time = dt;
  TELLAL_TRY_FIELD(st, r.Octet("TP-ST"));
  out.status = st;
  // TP-PI and what it announces are optional (§9.2.2.3); many SCs stop here.
  if (r.left() == 0) return std::nullopt;
  TELLAL_TRY_FIELD(pi, r.Octet("TP-PI"));
  if (pi & 0x80) return std::nullopt;  // extension bit: further PI octets we do not use
  if (pi & 0x01) {
    TELLAL_TRY_FIELD(pid, r.Octet("TP-PID"));
    out.pid = pid;
  }
  if (pi & 0x02) {
    TELLAL_TRY_FIELD(dcs, r.Octet("TP-DCS"));
    out.dcs_octet = dcs;
    out.dcs = ParseDcs(dcs);
  }
  if (pi & 0x04) return ReadUserData(r, (out.first_octet & 0x40) != 0, options, out);
  return std::nullopt;
}

Result<DecodedPdu> ToError(Result<DecodedPdu, DecodeError>&& r) {
  if (!r) return std::move(r).error().error;
  return std::move(*r);
}

}  // namespace

constexpr text::EnumName<MessageType> kMessageTypeNames[] = {{MessageType::kDeliver, "deliver"},
                                                             {MessageType::kSubmit, "submit"},
                                                             {MessageType::kStatusReport, "status-report"}};

const char* MessageTypeName(MessageType t) { return text::NameOf(kMessageTypeNames, t, "deliver").data(); }

constexpr text::EnumName<DecodeFailure> kDecodeFailureNames[] = {
    {DecodeFailure::kMalformedPdu, "malformed-pdu"},       {DecodeFailure::kCompressedUserData, "compressed-user-data"},
    {DecodeFailure::kMalformedUdh, "malformed-udh"},       {DecodeFailure::kTruncatedUserData, "truncated-user-data"},
    {DecodeFailure::kUnknownLanguage, "unknown-language"}, {DecodeFailure::kInvalidSeptet, "invalid-septet"},
    {DecodeFailure::kInvalidUcs2, "invalid-ucs2"}};

const char* DecodeFailureName(DecodeFailure failure) {
  return text::NameOf(kDecodeFailureNames, failure, "malformed-pdu").data();
}

Result<DecodedPdu, DecodeError> DecodePduWithReason(std::string_view hex, const DecodeOptions& options) {
  // Real PDUs are at most 12 + 164 octets; those decode from the stack.
  constexpr size_t kStack = 256;
  if (hex.size() / 2 <= kStack) {
    uint8_t buf[kStack];
    if (Status s = HexToBytesInto(hex, buf); !s) return Fail(DecodeFailure::kMalformedPdu, s.error());
    return DecodePduBytesWithReason(buf, hex.size() / 2, options);
  }
  auto bytes = HexToBytes(hex);
  if (!bytes) return Fail(DecodeFailure::kMalformedPdu, bytes.error());
  return DecodePduBytesWithReason(bytes->data(), bytes->size(), options);
}

Result<DecodedPdu, DecodeError> DecodePduBytesWithReason(const uint8_t* data, size_t size,
                                                         const DecodeOptions& options) {
  if (size == 0) return Fail(DecodeFailure::kMalformedPdu, Error::Corruption("PDU: is empty"));
  DecodedPdu out;
  Reader r(data, size);
  if (options.has_smsc) {
    size_t consumed = 0;
    auto smsc = ParseSmscAddress(data, size, &consumed);
    if (!smsc) return Fail(DecodeFailure::kMalformedPdu, smsc.error());
    out.smsc = *smsc;
    r.Skip(consumed);
  }
  auto first = r.Octet("TP-MTI");
  if (!first) return Fail(DecodeFailure::kMalformedPdu, first.error());
  out.first_octet = *first;
  out.reply_path = (out.first_octet & 0x80) != 0;
  Failure failure;
  switch (out.first_octet & 0x03) {
    case 0:
      out.type = MessageType::kDeliver;
      failure = ReadDeliver(r, options, out);
      break;
    case 1:
      out.type = MessageType::kSubmit;
      failure = ReadSubmit(r, options, out);
      break;
    case 2:
      out.type = MessageType::kStatusReport;
      failure = ReadStatusReport(r, options, out);
      break;
    default:
      return Fail(DecodeFailure::kMalformedPdu, Error::Corruption("TP-MTI: reserved message type 3"));
  }
  if (failure) {
    failure->read = std::move(out);
    return std::move(*failure);
  }
  return out;
}

Result<DecodedPdu> DecodePdu(std::string_view hex, const DecodeOptions& options) {
  return ToError(DecodePduWithReason(hex, options));
}

Result<DecodedPdu> DecodePduBytes(const std::vector<uint8_t>& bytes, const DecodeOptions& options) {
  return DecodePduBytes(bytes.data(), bytes.size(), options);
}

Result<DecodedPdu> DecodePduBytes(const uint8_t* data, size_t size, const DecodeOptions& options) {
  return ToError(DecodePduBytesWithReason(data, size, options));
}

}  // namespace tellal::pdu

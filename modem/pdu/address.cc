#include "modem/pdu/address.h"
#include "modem/text/enum_names.h"

#include "modem/pdu/gsm_alphabet.h"
#include "modem/pdu/septet_packing.h"
#include "modem/pdu/utf8.h"
#include "modem/text/ascii.h"

namespace tellal::pdu {

using text::AllDigits;
namespace {

constexpr size_t kMaxDigits = 20;
constexpr size_t kMaxAlphanumeric = 11;
constexpr char kBcdDigits[] = "0123456789*#abc";

int BcdValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  switch (c) {
    case '*':
      return 0x0A;
    case '#':
      return 0x0B;
    default:
      return -1;
  }
}

// Semi-octet digits, low nibble first, padded with 0xF (§9.1.2.3).
Status AppendBcd(std::string_view digits, const char* field, std::vector<uint8_t>& out) {
  for (size_t i = 0; i < digits.size(); i += 2) {
    const int lo = BcdValue(digits[i]);
    const int hi = i + 1 < digits.size() ? BcdValue(digits[i + 1]) : 0x0F;
    if (lo < 0 || hi < 0) {
      const size_t bad = lo < 0 ? i : i + 1;
      return Error::InvalidArgument(std::string(field) + ": invalid digit '" + std::string(1, digits[bad]) +
                                    "' at position " + std::to_string(bad));
    }
    out.push_back(static_cast<uint8_t>(hi << 4 | lo));
  }
  return Status::Ok();
}

std::string ReadBcd(const uint8_t* data, size_t digits) {
  std::string out;
  out.reserve(digits);
  for (size_t i = 0; i < digits; ++i) {
    const uint8_t nibble = i % 2 == 0 ? data[i / 2] & 0x0F : data[i / 2] >> 4;
    if (nibble == 0x0F) break;  // filler
    out.push_back(kBcdDigits[nibble]);
  }
  return out;
}

// Digits plus '*' and '#', which service codes such as "*100#" use.
bool IsDialString(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (BcdValue(c) < 0) return false;
  }
  return true;
}

std::string ReadAlphanumeric(const uint8_t* data, size_t octets, size_t semi_octets) {
  std::vector<uint8_t> septets;
  UnpackSeptets(data, octets, semi_octets * 4 / 7, 0, septets);
  std::string out;
  // The default alphabet has a character at every code but ESC, so this
  // cannot fail.
  (void)DecodeGsm7(Gsm7Tables{}, septets.data(), septets.size(), out);
  return out;
}

}  // namespace

constexpr text::EnumName<AddressKind> kAddressKindNames[] = {{AddressKind::kInternational, "international"},
                                                             {AddressKind::kNational, "national"},
                                                             {AddressKind::kUnknown, "unknown"},
                                                             {AddressKind::kAlphanumeric, "alphanumeric"},
                                                             {AddressKind::kOther, "other"}};

const char* AddressKindName(AddressKind kind) { return text::NameOf(kAddressKindNames, kind, "other").data(); }

AddressKind Address::kind() const {
  switch (toa >> 4 & 0x07) {
    case 0:
      return AddressKind::kUnknown;
    case 1:
      return AddressKind::kInternational;
    case 2:
      return AddressKind::kNational;
    case 5:
      return AddressKind::kAlphanumeric;
    default:
      return AddressKind::kOther;
  }
}

Status AppendTpAddress(std::string_view value, const char* field, std::vector<uint8_t>& out) {
  if (value.empty()) return Error::InvalidArgument(std::string(field) + ": is empty");
  const bool international = value[0] == '+';
  const std::string_view digits = international ? value.substr(1) : value;
  if (international ? AllDigits(digits) : IsDialString(digits)) {
    if (digits.size() > kMaxDigits) {
      return Error::InvalidArgument(std::string(field) + ": " + std::to_string(digits.size()) + " digits, at most " +
                                    std::to_string(kMaxDigits) + " allowed");
    }
    out.push_back(static_cast<uint8_t>(digits.size()));
    out.push_back(international ? kToaInternational : kToaUnknown);
    return AppendBcd(digits, field, out);
  }
  if (international) return Error::InvalidArgument(std::string(field) + ": '+' must be followed by digits only");

  auto text = DecodeUtf8(value);
  if (!text) return Wrap(field, text.error());
  std::vector<uint8_t> septets;
  for (size_t i = 0; i < text->size(); ++i) {
    uint8_t s[2];
    const int n = EncodeGsm7Char(Gsm7Tables{}, (*text)[i], s);
    if (n == 0) {
      return Error::InvalidArgument(std::string(field) +
                                    ": alphanumeric address has a character outside the GSM 7-bit alphabet at "
                                    "position " +
                                    std::to_string(i));
    }
    septets.insert(septets.end(), s, s + n);
  }
  if (septets.size() > kMaxAlphanumeric) {
    return Error::InvalidArgument(std::string(field) + ": alphanumeric address needs " +
                                  std::to_string(septets.size()) + " septets, at most " +
                                  std::to_string(kMaxAlphanumeric) + " allowed (€ [ ] { } count twice)");
  }
  std::vector<uint8_t> packed;
  PackSeptets(septets.data(), septets.size(), 0, packed);
  // The length counts the semi-octets the packed septets actually use.
  out.push_back(static_cast<uint8_t>((septets.size() * 7 + 3) / 4));
  out.push_back(kToaAlphanumeric);
  out.insert(out.end(), packed.begin(), packed.end());
  return Status::Ok();
}

Status AppendSmscAddress(std::string_view value, std::vector<uint8_t>& out) {
  if (value.empty()) {
    out.push_back(0);
    return Status::Ok();
  }
  const bool international = value[0] == '+';
  const std::string_view digits = international ? value.substr(1) : value;
  if (!AllDigits(digits) || digits.size() > kMaxDigits) {
    return Error::InvalidArgument("SMSC: expected a number of 1 to 20 digits, optionally with a leading '+'");
  }
  out.push_back(static_cast<uint8_t>(1 + (digits.size() + 1) / 2));
  out.push_back(international ? kToaInternational : kToaUnknown);
  return AppendBcd(digits, "SMSC", out);
}

Result<Address> ParseTpAddress(const uint8_t* data, size_t size, const char* field, size_t* consumed) {
  if (size < 2) return Error::Corruption(std::string(field) + ": truncated (length and type of address missing)");
  const size_t semi_octets = data[0];
  const size_t octets = (semi_octets + 1) / 2;
  if (2 + octets > size) {
    return Error::Corruption(std::string(field) + ": length " + std::to_string(semi_octets) +
                             " points past the end of the PDU");
  }
  Address a;
  a.toa = data[1];
  if (a.kind() == AddressKind::kAlphanumeric) {
    a.value = ReadAlphanumeric(data + 2, octets, semi_octets);
  } else {
    if (semi_octets > kMaxDigits) {
      return Error::Corruption(std::string(field) + ": " + std::to_string(semi_octets) + " digits, at most 20 allowed");
    }
    a.value = ReadBcd(data + 2, semi_octets);
    if (a.kind() == AddressKind::kInternational) a.value = '+' + a.value;
  }
  *consumed = 2 + octets;
  return a;
}

Result<Address> ParseSmscAddress(const uint8_t* data, size_t size, size_t* consumed) {
  if (size < 1) return Error::Corruption("SMSC: missing length");
  const size_t octets = data[0];
  if (octets == 0) {
    *consumed = 1;
    return Address{"", 0};
  }
  if (1 + octets > size) {
    return Error::Corruption("SMSC: length " + std::to_string(octets) + " points past the end of the PDU");
  }
  if (octets > 11) return Error::Corruption("SMSC: length " + std::to_string(octets) + " exceeds the maximum of 11");
  Address a;
  a.toa = data[1];
  a.value = ReadBcd(data + 2, (octets - 1) * 2);
  if (a.kind() == AddressKind::kInternational) a.value = '+' + a.value;
  *consumed = 1 + octets;
  return a;
}

}  // namespace tellal::pdu

#include "modem/pdu/user_data_header.h"

#include <string>

namespace tellal::pdu {
namespace {

std::string IeName(uint8_t iei) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string name = "UDH IE 0x";
  name.push_back(kDigits[iei >> 4]);
  name.push_back(kDigits[iei & 15]);
  return name;
}

}  // namespace

size_t UdhSize(const UserDataHeader& udh) {
  size_t size = 0;
  if (udh.concat) size += udh.concat->ref16 ? 6 : 5;
  if (udh.tables.single != Language::kDefault) size += 3;
  if (udh.tables.locking != Language::kDefault) size += 3;
  return size == 0 ? 0 : size + 1;
}

void AppendUdh(const UserDataHeader& udh, std::vector<uint8_t>& out) {
  const size_t size = UdhSize(udh);
  if (size == 0) return;
  out.push_back(static_cast<uint8_t>(size - 1));
  if (udh.concat) {
    if (udh.concat->ref16) {
      out.insert(out.end(), {kIeConcat16, 4, static_cast<uint8_t>(udh.concat->ref >> 8),
                             static_cast<uint8_t>(udh.concat->ref), udh.concat->total, udh.concat->seq});
    } else {
      out.insert(out.end(), {kIeConcat8, 3, static_cast<uint8_t>(udh.concat->ref), udh.concat->total, udh.concat->seq});
    }
  }
  if (udh.tables.single != Language::kDefault) {
    out.insert(out.end(), {kIeSingleShift, 1, static_cast<uint8_t>(udh.tables.single)});
  }
  if (udh.tables.locking != Language::kDefault) {
    out.insert(out.end(), {kIeLockingShift, 1, static_cast<uint8_t>(udh.tables.locking)});
  }
}

Result<UserDataHeader> ParseUdh(const uint8_t* data, size_t size, size_t* consumed, const UdhParseOptions& options) {
  if (size == 0) return Error::Corruption("UDH: missing UDHL");
  const size_t udhl = data[0];
  if (udhl + 1 > size) {
    return Error::Corruption("UDH: UDHL " + std::to_string(udhl) + " points past the end of the user data (" +
                             std::to_string(size - 1) + " octets left)");
  }
  UserDataHeader udh;
  size_t pos = 1;
  const size_t end = udhl + 1;
  while (pos < end) {
    if (pos + 2 > end) return Error::Corruption("UDH: truncated information element at offset " + std::to_string(pos));
    const uint8_t iei = data[pos];
    const size_t len = data[pos + 1];
    pos += 2;
    if (pos + len > end) {
      return Error::Corruption(IeName(iei) + ": length " + std::to_string(len) + " points past the end of the header");
    }
    const uint8_t* v = data + pos;
    switch (iei) {
      case kIeConcat8:
      case kIeConcat16: {
        const size_t want = iei == kIeConcat8 ? 3 : 4;
        if (len != want) {
          return Error::Corruption(IeName(iei) + ": concatenation IE has length " + std::to_string(len) +
                                   ", expected " + std::to_string(want));
        }
        Concat c;
        c.ref16 = iei == kIeConcat16;
        c.ref = c.ref16 ? static_cast<uint16_t>(v[0] << 8 | v[1]) : v[0];
        c.total = v[want - 2];
        c.seq = v[want - 1];
        if (c.total != 0 && c.seq != 0 && c.seq <= c.total) udh.concat = c;
        break;
      }
      case kIeSingleShift:
      case kIeLockingShift: {
        if (len != 1) {
          return Error::Corruption(IeName(iei) + ": national language IE has length " + std::to_string(len) +
                                   ", expected 1");
        }
        const bool single = iei == kIeSingleShift;
        if ((single ? SingleShiftTable(v[0]) : LockingShiftTable(v[0])) == nullptr) {
          if (options.reject_unknown_language) {
            return Error::NotSupported(IeName(iei) + ": national language " + std::to_string(v[0]) + " (" +
                                       LanguageName(v[0]) + ") has no " + (single ? "single" : "locking") +
                                       " shift table in TS 23.038");
          }
          (single ? udh.unknown_single_shift : udh.unknown_locking_shift) = v[0];
          (single ? udh.tables.single : udh.tables.locking) = Language::kDefault;
          break;
        }
        (single ? udh.unknown_single_shift : udh.unknown_locking_shift).reset();  // the last IE counts
        (single ? udh.tables.single : udh.tables.locking) = static_cast<Language>(v[0]);
        break;
      }
      default:
        break;  // Unknown IEs are skipped (§9.2.3.24: receivers ignore what they do not know).
    }
    pos += len;
  }
  *consumed = end;
  return udh;
}

}  // namespace tellal::pdu

#include "modem/pdu/gsm_alphabet.h"

#include <array>
#include <cstdio>

#include "modem/pdu/gsm7_default_tables.h"
#include "modem/pdu/national_locking_shift_tables.h"
#include "modem/pdu/national_single_shift_tables.h"

namespace tellal::pdu {
namespace {

// Reverse lookup for the encoder: every character of its tables below U+0400
// is found by direct index; the few above (only €) by a scan of a short list.
constexpr size_t kDirect = 0x400;
using Reverse = std::array<uint8_t, kDirect>;
constexpr uint8_t kAbsent = 0xFF;

constexpr Reverse MakeReverse(const Gsm7Table& t) {
  Reverse r{};
  for (auto& v : r) v = kAbsent;
  for (size_t code = 0; code < t.size(); ++code) {
    if (t[code] != kNoChar && t[code] < kDirect && r[t[code]] == kAbsent) r[t[code]] = static_cast<uint8_t>(code);
  }
  return r;
}

// The few characters above U+03FF (only € in these tables), with their codes.
struct High {
  char32_t cp = 0;
  uint8_t code = 0;
};
using HighList = std::array<High, 4>;

constexpr HighList MakeHigh(const Gsm7Table& t) {
  HighList h{};
  size_t n = 0;
  for (size_t code = 0; code < t.size(); ++code) {
    if (t[code] != kNoChar && t[code] >= kDirect) h[n++] = High{t[code], static_cast<uint8_t>(code)};
  }
  return h;
}

struct TableSet {
  Reverse reverse;
  HighList high;
};

// Indexed by Language; the encoder writes kDefault and kTurkish only.
constexpr TableSet kLockingSets[] = {{MakeReverse(kDefaultAlphabet), MakeHigh(kDefaultAlphabet)},
                                     {MakeReverse(kTurkishLockingShift), MakeHigh(kTurkishLockingShift)}};
constexpr TableSet kSingleSets[] = {{MakeReverse(kDefaultExtension), MakeHigh(kDefaultExtension)},
                                    {MakeReverse(kTurkishSingleShift), MakeHigh(kTurkishSingleShift)}};

int Find(const TableSet& set, char32_t cp) {
  if (cp < kDirect) {
    const uint8_t code = set.reverse[cp];
    return code == kAbsent ? -1 : code;
  }
  for (const High& h : set.high) {
    if (h.cp == cp) return h.code;
  }
  return -1;
}

constexpr std::array<uint16_t, 128> MakeAscii() {
  std::array<uint16_t, 128> t{};
  for (char32_t cp = 0; cp < 128; ++cp) {
    t[cp] = internal::kAsciiAbsent;
    for (size_t code = 0; code < 128; ++code) {
      if (kDefaultAlphabet[code] == cp) t[cp] = static_cast<uint16_t>(code);
    }
    if (t[cp] != internal::kAsciiAbsent) continue;
    for (size_t code = 0; code < 128; ++code) {
      if (kDefaultExtension[code] == cp) t[cp] = static_cast<uint16_t>(code | internal::kAsciiEscaped);
    }
  }
  return t;
}

// Checked at compile time: the claim the shared ASCII table rests on.
constexpr bool AsciiSameInEncoderTables() {
  for (char32_t cp = 0; cp < 128; ++cp) {
    for (size_t code = 0; code < 128; ++code) {
      if ((kDefaultAlphabet[code] == cp) != (kTurkishLockingShift[code] == cp)) return false;
      if ((kDefaultExtension[code] == cp) != (kTurkishSingleShift[code] == cp)) return false;
    }
  }
  return true;
}
static_assert(AsciiSameInEncoderTables(), "ASCII must sit at the same codes in every table set the encoder writes");

const Gsm7Table& LockingOrDefault(Language language) {
  const Gsm7Table* t = LockingShiftTable(static_cast<uint8_t>(language));
  return t ? *t : kDefaultAlphabet;
}

const Gsm7Table& SingleOrDefault(Language language) {
  const Gsm7Table* t = SingleShiftTable(static_cast<uint8_t>(language));
  return t ? *t : kDefaultExtension;
}

Error UndefinedSeptet(Language language, uint8_t code, size_t position) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", code);
  return Error::Corruption("GSM 7-bit text: septet " + std::string(hex) + " at position " + std::to_string(position) +
                           " has no character in the " + LanguageName(static_cast<uint8_t>(language)) +
                           " locking shift table");
}

}  // namespace

// Declared extern in the header, so this constant keeps external linkage.
constexpr std::array<uint16_t, 128> internal::kAsciiGsm7 = MakeAscii();

int internal::EncodeGsm7NonAscii(const Gsm7Tables& tables, char32_t cp, uint8_t out[2]) {
  if (!EncoderHasTables(tables)) return 0;
  const int locking = Find(kLockingSets[static_cast<size_t>(tables.locking)], cp);
  if (locking >= 0) {
    out[0] = static_cast<uint8_t>(locking);
    return 1;
  }
  const int single = Find(kSingleSets[static_cast<size_t>(tables.single)], cp);
  if (single >= 0) {
    out[0] = kEscape;
    out[1] = static_cast<uint8_t>(single);
    return 2;
  }
  return 0;
}

Status DecodeGsm7(const Gsm7Tables& tables, const uint8_t* septets, size_t count, std::string& out) {
  const Gsm7Table& locking = LockingOrDefault(tables.locking);
  const Gsm7Table& single = SingleOrDefault(tables.single);
  // Every character of these tables is at most 3 UTF-8 bytes: write into a
  // buffer sized for the worst case, then trim.
  const size_t at = out.size();
  out.resize(at + 3 * count);
  char* p = out.data() + at;
  auto put = [&p](char32_t cp) {
    if (cp < 0x80) {
      *p++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
      *p++ = static_cast<char>(0xC0 | cp >> 6);
      *p++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *p++ = static_cast<char>(0xE0 | cp >> 12);
      *p++ = static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      *p++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
  };
  Status status;
  for (size_t i = 0; i < count; ++i) {
    const uint8_t code = septets[i] & 0x7F;
    if (code != kEscape) {
      if (locking[code] == kNoChar) {
        status = UndefinedSeptet(tables.locking, code, i);
        break;
      }
      put(locking[code]);
      continue;
    }
    if (i + 1 == count) break;
    const uint8_t next = septets[++i] & 0x7F;
    if (single[next] != kNoChar) {
      put(single[next]);
    } else if (next == kEscape) {
      // ESC ESC is reserved for a future extension table (§6.2.1.1): a space.
      put(U' ');
    } else if (locking[next] != kNoChar) {
      put(locking[next]);
    } else {
      status = UndefinedSeptet(tables.locking, next, i);
      break;
    }
  }
  out.resize(static_cast<size_t>(p - out.data()));
  return status;
}

}  // namespace tellal::pdu

#include "modem/pdu/gsm_alphabet.h"

#include <array>

namespace tellal::pdu {
namespace {

using Table = std::array<char32_t, 128>;
// Marks codes a single shift table leaves undefined, and the ESC position of
// a locking table (ESC is not a character).
constexpr char32_t kNone = 0xFFFFFFFF;

// TS 23.038 §6.2.1: GSM 7 bit default alphabet.
constexpr Table kDefaultLocking = {
    U'@', U'£', U'$', U'¥', U'è', U'é', U'ù', U'ì',  U'ò', U'Ç', U'\n', U'Ø',  U'ø', U'\r', U'Å', U'å',
    U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ',  U'Σ', U'Θ', U'Ξ',  kNone, U'Æ', U'æ',  U'ß', U'É',
    U' ', U'!', U'"', U'#', U'¤', U'%', U'&', U'\'', U'(', U')', U'*',  U'+',  U',', U'-',  U'.', U'/',
    U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7',  U'8', U'9', U':',  U';',  U'<', U'=',  U'>', U'?',
    U'¡', U'A', U'B', U'C', U'D', U'E', U'F', U'G',  U'H', U'I', U'J',  U'K',  U'L', U'M',  U'N', U'O',
    U'P', U'Q', U'R', U'S', U'T', U'U', U'V', U'W',  U'X', U'Y', U'Z',  U'Ä',  U'Ö', U'Ñ',  U'Ü', U'§',
    U'¿', U'a', U'b', U'c', U'd', U'e', U'f', U'g',  U'h', U'i', U'j',  U'k',  U'l', U'm',  U'n', U'o',
    U'p', U'q', U'r', U's', U't', U'u', U'v', U'w',  U'x', U'y', U'z',  U'ä',  U'ö', U'ñ',  U'ü', U'à',
};

// TS 23.038 annex A.3.1: Turkish national language locking shift table.
constexpr Table kTurkishLocking = {
    U'@', U'£', U'$', U'¥', U'€', U'é', U'ù', U'ı',  U'ò', U'Ç', U'\n', U'Ğ',  U'ğ', U'\r', U'Å', U'å',
    U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ',  U'Σ', U'Θ', U'Ξ',  kNone, U'Ş', U'ş',  U'ß', U'É',
    U' ', U'!', U'"', U'#', U'¤', U'%', U'&', U'\'', U'(', U')', U'*',  U'+',  U',', U'-',  U'.', U'/',
    U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7',  U'8', U'9', U':',  U';',  U'<', U'=',  U'>', U'?',
    U'İ', U'A', U'B', U'C', U'D', U'E', U'F', U'G',  U'H', U'I', U'J',  U'K',  U'L', U'M',  U'N', U'O',
    U'P', U'Q', U'R', U'S', U'T', U'U', U'V', U'W',  U'X', U'Y', U'Z',  U'Ä',  U'Ö', U'Ñ',  U'Ü', U'§',
    U'ç', U'a', U'b', U'c', U'd', U'e', U'f', U'g',  U'h', U'i', U'j',  U'k',  U'l', U'm',  U'n', U'o',
    U'p', U'q', U'r', U's', U't', U'u', U'v', U'w',  U'x', U'y', U'z',  U'ä',  U'ö', U'ñ',  U'ü', U'à',
};

struct Entry {
  uint8_t code;
  char32_t cp;
};

constexpr Table MakeShiftTable(std::initializer_list<Entry> entries) {
  Table t{};
  for (auto& c : t) c = kNone;
  for (const Entry& e : entries) t[e.code] = e.cp;
  return t;
}

// TS 23.038 §6.2.1.1: GSM 7 bit default alphabet extension table. 0x0D (CR2)
// and 0x1B (SS2) are reserved for other purposes and carry no character.
constexpr Table kDefaultSingle = MakeShiftTable({
    {0x0A, U'\f'},
    {0x14, U'^'},
    {0x28, U'{'},
    {0x29, U'}'},
    {0x2F, U'\\'},
    {0x3C, U'['},
    {0x3D, U'~'},
    {0x3E, U']'},
    {0x40, U'|'},
    {0x65, U'€'},
});

// TS 23.038 annex A.2.1: Turkish national language single shift table.
constexpr Table kTurkishSingle = MakeShiftTable({
    {0x0A, U'\f'},
    {0x14, U'^'},
    {0x28, U'{'},
    {0x29, U'}'},
    {0x2F, U'\\'},
    {0x3C, U'['},
    {0x3D, U'~'},
    {0x3E, U']'},
    {0x40, U'|'},
    {0x47, U'Ğ'},
    {0x49, U'İ'},
    {0x53, U'Ş'},
    {0x63, U'ç'},
    {0x65, U'€'},
    {0x67, U'ğ'},
    {0x69, U'ı'},
    {0x73, U'ş'},
});

// Reverse lookup: every character of these tables below U+0400 is found by
// direct index; the few above (only €) by a scan of the 128 entries.
constexpr size_t kDirect = 0x400;
using Reverse = std::array<uint8_t, kDirect>;
constexpr uint8_t kAbsent = 0xFF;

constexpr Reverse MakeReverse(const Table& t) {
  Reverse r{};
  for (auto& v : r) v = kAbsent;
  for (size_t code = 0; code < t.size(); ++code) {
    if (t[code] != kNone && t[code] < kDirect && r[t[code]] == kAbsent) r[t[code]] = static_cast<uint8_t>(code);
  }
  return r;
}

// The few characters above U+03FF (only € in these tables), with their codes.
struct High {
  char32_t cp = 0;
  uint8_t code = 0;
};
using HighList = std::array<High, 4>;

constexpr HighList MakeHigh(const Table& t) {
  HighList h{};
  size_t n = 0;
  for (size_t code = 0; code < t.size(); ++code) {
    if (t[code] != kNone && t[code] >= kDirect) h[n++] = High{t[code], static_cast<uint8_t>(code)};
  }
  return h;
}

struct TableSet {
  const Table* table;
  Reverse reverse;
  HighList high;
};

constexpr TableSet kLockingSets[] = {{&kDefaultLocking, MakeReverse(kDefaultLocking), MakeHigh(kDefaultLocking)},
                                     {&kTurkishLocking, MakeReverse(kTurkishLocking), MakeHigh(kTurkishLocking)}};
constexpr TableSet kSingleSets[] = {{&kDefaultSingle, MakeReverse(kDefaultSingle), MakeHigh(kDefaultSingle)},
                                    {&kTurkishSingle, MakeReverse(kTurkishSingle), MakeHigh(kTurkishSingle)}};

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
      if (kDefaultLocking[code] == cp) t[cp] = static_cast<uint16_t>(code);
    }
    if (t[cp] != internal::kAsciiAbsent) continue;
    for (size_t code = 0; code < 128; ++code) {
      if (kDefaultSingle[code] == cp) t[cp] = static_cast<uint16_t>(code | internal::kAsciiEscaped);
    }
  }
  return t;
}

// Checked at compile time: the claim the shared ASCII table rests on.
constexpr bool AsciiSameInAllTables() {
  for (char32_t cp = 0; cp < 128; ++cp) {
    for (size_t code = 0; code < 128; ++code) {
      if ((kDefaultLocking[code] == cp) != (kTurkishLocking[code] == cp)) return false;
      if ((kDefaultSingle[code] == cp) != (kTurkishSingle[code] == cp)) return false;
    }
  }
  return true;
}
static_assert(AsciiSameInAllTables(), "ASCII must sit at the same codes in every table set");

}  // namespace

// Declared extern in the header, so this constant keeps external linkage.
constexpr std::array<uint16_t, 128> internal::kAsciiGsm7 = MakeAscii();

bool IsSupportedLanguage(uint8_t id) { return id <= static_cast<uint8_t>(Language::kTurkish); }

int internal::EncodeGsm7NonAscii(const Gsm7Tables& tables, char32_t cp, uint8_t out[2]) {
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

void DecodeGsm7(const Gsm7Tables& tables, const uint8_t* septets, size_t count, std::string& out) {
  const Table& locking = *kLockingSets[static_cast<size_t>(tables.locking)].table;
  const Table& single = *kSingleSets[static_cast<size_t>(tables.single)].table;
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
  for (size_t i = 0; i < count; ++i) {
    const uint8_t code = septets[i] & 0x7F;
    if (code != kEscape) {
      put(locking[code]);
      continue;
    }
    if (i + 1 == count) break;
    const uint8_t next = septets[++i] & 0x7F;
    if (single[next] != kNone) {
      put(single[next]);
    } else if (next == kEscape) {
      // ESC ESC is reserved for a future extension table (§6.2.1.1): a space.
      put(U' ');
    } else {
      put(locking[next]);
    }
  }
  out.resize(static_cast<size_t>(p - out.data()));
}

}  // namespace tellal::pdu

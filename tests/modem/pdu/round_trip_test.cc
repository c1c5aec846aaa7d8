// Round trips through the whole PDU codec: text -> PlanText -> EncodeSubmit /
// EncodeDeliver -> hex -> DecodePdu -> text, over random strings from every
// alphabet the planner chooses between, and over the segment boundaries of
// TS 23.040 §9.2.3.24 (concatenation and national language shift headers).
//
// The oracles here are written from the standards, not from the codec: the
// character sets are TS 23.038 §6.2.1 / §6.2.1.1 / annex A.2.1 and A.3.1, the
// capacities are 140 octets minus every UDH octet (with septet fill bits), and
// the wire layout is read back by a small independent parser.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "modem/pdu/gsm_alphabet.h"
#include "modem/pdu/pdu_decoder.h"
#include "modem/pdu/pdu_encoder.h"
#include "modem/pdu/text_planner.h"
#include "modem/pdu/timestamp.h"

namespace tellal::pdu {
namespace {

constexpr char kTo[] = "+905321234567";

// TS 23.038 §6.2.1, every character of the default alphabet (ESC excluded).
constexpr std::u32string_view kDefaultAlphabet =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    U"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// TS 23.038 §6.2.1.1, the default extension table (reached by ESC).
constexpr std::u32string_view kExtension = U"€[]{}\\~^|\f";
// Turkish letters: the first seven exist only in the Turkish tables (annex
// A.2.1 single shift, A.3.1 locking shift); the rest are in the default
// alphabet too.
constexpr std::u32string_view kTurkishOnly = U"çğıİşŞĞ";
constexpr std::u32string_view kTurkishLetters = U"çğıİşŞĞöüÖÜÇ";
// Default alphabet characters the Turkish locking shift table replaces: a
// text holding one of them can use the Turkish single shift table only.
constexpr std::u32string_view kNotInTurkishLocking = U"èìØøÆæ¡¿";
constexpr std::u32string_view kEmoji = U"😀🎉👍🙏🚀❤";

bool In(std::u32string_view set, char32_t cp) { return set.find(cp) != std::u32string_view::npos; }

// Independent of the codec's own UTF-8 writer.
std::string ToUtf8(std::u32string_view text) {
  std::string out;
  for (char32_t cp : text) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::vector<uint8_t> FromHex(std::string_view hex) {
  REQUIRE(hex.size() % 2 == 0);
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;  // the encoder promises upper case
  };
  std::vector<uint8_t> out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]);
    const int lo = nibble(hex[i + 1]);
    REQUIRE(hi >= 0);
    REQUIRE(lo >= 0);
    out.push_back(static_cast<uint8_t>(hi << 4 | lo));
  }
  return out;
}

// Segment capacity from the issue's table: 140 octets minus the UDH.
size_t Capacity(Encoding e, const Gsm7Tables& t, bool concat) {
  switch (e) {
    case Encoding::kGsm7:
      return concat ? 153 : 160;
    case Encoding::kGsm7Turkish: {
      const int ies = (t.locking != Language::kDefault) + (t.single != Language::kDefault);
      return ies == 2 ? (concat ? 146 : 152) : (concat ? 149 : 155);
    }
    case Encoding::kUcs2:
      return concat ? 67 : 70;
    case Encoding::kEightBit:
      return concat ? 134 : 140;
  }
  return 0;
}

// Whether `cp` is written as ESC + code with these tables (TS 23.038).
bool Escaped(const Gsm7Tables& t, char32_t cp) {
  if (t.locking == Language::kTurkish) {
    // The Turkish locking table holds every Turkish letter and the euro sign.
    return In(kExtension, cp) && cp != U'€';
  }
  return In(kExtension, cp) || (t.single == Language::kTurkish && In(kTurkishOnly, cp));
}

char32_t FirstCodePoint(const std::string& utf8) {
  REQUIRE(!utf8.empty());
  const auto b0 = static_cast<uint8_t>(utf8[0]);
  int extra = b0 < 0x80 ? 0 : b0 < 0xE0 ? 1 : b0 < 0xF0 ? 2 : 3;
  REQUIRE(utf8.size() > static_cast<size_t>(extra));
  char32_t cp = extra == 0 ? b0 : extra == 1 ? (b0 & 0x1F) : extra == 2 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k <= extra; ++k) cp = cp << 6 | (static_cast<uint8_t>(utf8[k]) & 0x3F);
  return cp;
}

// The layout of one SMS-SUBMIT or SMS-DELIVER read without the codec.
struct Wire {
  size_t smsc_octets = 0;
  bool udhi = false;
  uint8_t dcs = 0;
  size_t udl = 0;
  size_t ud_octets = 0;   // octets after TP-UDL
  size_t udh_octets = 0;  // UDHL included
  size_t units = 0;       // septets, UTF-16 code units or octets of text
  bool concat8 = false;   // a 0x00 IE with length 3 is in the header
  bool concat16 = false;
  int shift_ies = 0;
};

Wire ReadWire(const std::vector<uint8_t>& b, MessageType type) {
  Wire w;
  size_t i = 0;
  w.smsc_octets = 1 + b.at(0);
  i = w.smsc_octets;
  const uint8_t first = b.at(i++);
  w.udhi = (first & 0x40) != 0;
  if (type == MessageType::kSubmit) ++i;  // TP-MR
  const size_t semi_octets = b.at(i);
  i += 2 + (semi_octets + 1) / 2;  // length, TOA, digits or packed septets
  ++i;                             // TP-PID
  w.dcs = b.at(i++);
  if (type == MessageType::kSubmit && (first & 0x18) == 0x10) ++i;  // relative TP-VP
  if (type == MessageType::kDeliver) i += 7;                        // TP-SCTS
  w.udl = b.at(i++);
  w.ud_octets = b.size() - i;
  const int alphabet = (w.dcs >> 2) & 0x03;
  if (w.udhi) {
    w.udh_octets = static_cast<size_t>(b.at(i)) + 1;
    size_t p = i + 1;
    while (p < i + w.udh_octets) {
      const uint8_t iei = b.at(p);
      const uint8_t len = b.at(p + 1);
      if (iei == 0x00 && len == 3) w.concat8 = true;
      if (iei == 0x08) w.concat16 = true;
      if (iei == 0x24 || iei == 0x25) ++w.shift_ies;
      p += 2 + len;
    }
    REQUIRE(p == i + w.udh_octets);
  }
  if (alphabet == 0) {
    w.units = w.udl - (w.udh_octets == 0 ? 0 : (w.udh_octets * 8 + 6) / 7);
  } else {
    w.units = (w.udl - w.udh_octets) / (alphabet == 2 ? 2 : 1);
  }
  return w;
}

Alphabet AlphabetFor(Encoding e) {
  switch (e) {
    case Encoding::kUcs2:
      return Alphabet::kUcs2;
    case Encoding::kEightBit:
      return Alphabet::kEightBit;
    default:
      return Alphabet::kGsm7;
  }
}

struct RoundTrip {
  Encoding encoding = Encoding::kGsm7;
  Gsm7Tables tables;
  size_t segments = 0;
  std::vector<size_t> units;  // per segment, read from the wire
  std::string text;           // decoded parts joined
  std::vector<uint8_t> data;  // decoded 8-bit / UCS-2 octets joined
};

// Decodes every PDU and checks what each must hold; returns what was read.
RoundTrip DecodeAll(const std::vector<EncodedPdu>& pdus, MessageType type, const std::string& address, uint8_t ref) {
  RoundTrip rt;
  REQUIRE(!pdus.empty());
  rt.encoding = pdus[0].encoding;
  rt.segments = pdus.size();
  const size_t total = pdus.size();
  for (size_t i = 0; i < total; ++i) {
    const EncodedPdu& p = pdus[i];
    CAPTURE(i, total, p.hex);
    CHECK(p.seq == i + 1);
    CHECK(p.total == total);
    CHECK(p.ref == ref);
    CHECK(p.encoding == rt.encoding);

    const std::vector<uint8_t> bytes = FromHex(p.hex);
    const Wire w = ReadWire(bytes, type);
    CHECK(p.tpdu_length == bytes.size() - w.smsc_octets);
    CHECK(w.ud_octets <= kUserDataOctets);
    const bool septets = ((w.dcs >> 2) & 0x03) == 0;
    CHECK(w.ud_octets == (septets ? (w.udl * 7 + 7) / 8 : w.udl));
    CHECK(w.concat8 == (total > 1));
    CHECK_FALSE(w.concat16);
    rt.units.push_back(w.units);

    auto d = DecodePdu(p.hex);
    REQUIRE(d.ok());
    CHECK(d->type == type);
    CHECK(d->address.value == address);
    CHECK(d->dcs.alphabet == AlphabetFor(rt.encoding));
    CHECK(d->has_user_data);
    CHECK(!d->udh.empty() == w.udhi);
    if (total == 1) {
      CHECK_FALSE(d->udh.concat.has_value());
    } else {
      REQUIRE(d->udh.concat.has_value());
      CHECK(d->udh.concat->ref == ref);
      CHECK(d->udh.concat->total == total);
      CHECK(d->udh.concat->seq == i + 1);
      CHECK_FALSE(d->udh.concat->ref16);
    }
    if (i == 0) rt.tables = d->udh.tables;
    CHECK(d->udh.tables == rt.tables);
    CHECK(w.shift_ies == (rt.tables.locking != Language::kDefault) + (rt.tables.single != Language::kDefault));
    if (rt.encoding == Encoding::kGsm7Turkish) {
      CHECK(w.shift_ies >= 1);
    } else {
      CHECK(w.shift_ies == 0);
    }

    if (rt.encoding == Encoding::kUcs2) {
      REQUIRE(d->data.size() == 2 * w.units);
      REQUIRE(!d->data.empty());
      // A segment never starts with a low surrogate nor ends with a high one.
      CHECK_FALSE((d->data.front() >= 0xDC && d->data.front() <= 0xDF));
      const uint8_t last_hi = d->data[d->data.size() - 2];
      CHECK_FALSE((last_hi >= 0xD8 && last_hi <= 0xDB));
      CHECK(d->text.find("\xEF\xBF\xBD") == std::string::npos);  // no U+FFFD
    }
    if (rt.encoding == Encoding::kEightBit) CHECK(d->text.empty());
    rt.text += d->text;
    rt.data.insert(rt.data.end(), d->data.begin(), d->data.end());
  }

  // Every part holds at most its capacity; parts before the last are full,
  // except for the one unit an escape sequence or surrogate pair that would
  // straddle the cut leaves free.
  const size_t cap = Capacity(rt.encoding, rt.tables, total > 1);
  for (size_t i = 0; i < total; ++i) {
    CAPTURE(i, total, cap, rt.units[i]);
    CHECK(rt.units[i] >= 1);
    CHECK(rt.units[i] <= cap);
  }
  return rt;
}

// The "parts are full" half of the check above needs the decoded parts, so
// it is done by the callers that have them.
void CheckPartsFull(const std::vector<EncodedPdu>& pdus, const RoundTrip& rt) {
  const size_t total = pdus.size();
  if (total < 2) return;
  const size_t cap = Capacity(rt.encoding, rt.tables, true);
  for (size_t i = 0; i + 1 < total; ++i) {
    CAPTURE(i, total, cap, rt.units[i]);
    if (rt.units[i] == cap) continue;
    REQUIRE(rt.units[i] == cap - 1);
    auto next = DecodePdu(pdus[i + 1].hex);
    REQUIRE(next.ok());
    if (rt.encoding == Encoding::kUcs2) {
      CHECK((next->data[0] >= 0xD8 && next->data[0] <= 0xDB));
    } else {
      REQUIRE((rt.encoding == Encoding::kGsm7 || rt.encoding == Encoding::kGsm7Turkish));
      CHECK(Escaped(rt.tables, FirstCodePoint(next->text)));
    }
  }
}

SubmitOptions Submit(EncodingRequest request, bool shift, uint8_t ref) {
  SubmitOptions o;
  o.to = kTo;
  o.plan.encoding = request;
  o.plan.allow_national_shift = shift;
  o.concat_ref = ref;
  o.message_reference = static_cast<uint8_t>(ref ^ 0x5A);
  return o;
}

// ---------------------------------------------------------------------------
// 1. Random strings from every alphabet.

enum class Mix {
  kBasic,
  kBasicExtension,
  kExtension,
  kBasicTurkish,
  kTurkishSingleOnly,
  kTurkishExtension,
  kBasicEmoji,
  kEmoji,
  kCjk,
  kTurkishEmoji,
  kEverything,
  kCount
};

char32_t Pick(std::mt19937& rng, std::u32string_view set) {
  return set[std::uniform_int_distribution<size_t>(0, set.size() - 1)(rng)];
}

char32_t PickEmoji(std::mt19937& rng) {
  switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
    case 0:
      return Pick(rng, kEmoji);
    case 1:
      return std::uniform_int_distribution<char32_t>(0x1F600, 0x1F64F)(rng);
    default:
      return std::uniform_int_distribution<char32_t>(0x1F300, 0x1F5FF)(rng);
  }
}

char32_t PickCjk(std::mt19937& rng) {
  if (std::uniform_int_distribution<int>(0, 9)(rng) == 0) return U'ж';
  return std::uniform_int_distribution<char32_t>(0x4E00, 0x9FFF)(rng);
}

std::u32string RandomText(std::mt19937& rng, Mix mix, size_t length) {
  std::u32string out;
  auto roll = [&rng](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  for (size_t i = 0; i < length; ++i) {
    char32_t cp = 0;
    switch (mix) {
      case Mix::kBasic:
        cp = Pick(rng, kDefaultAlphabet);
        break;
      case Mix::kBasicExtension:
        cp = roll(4) == 0 ? Pick(rng, kExtension) : Pick(rng, kDefaultAlphabet);
        break;
      case Mix::kExtension:
        cp = Pick(rng, kExtension);
        break;
      case Mix::kBasicTurkish:
        cp = roll(3) == 0 ? Pick(rng, kTurkishLetters) : Pick(rng, kDefaultAlphabet);
        break;
      case Mix::kTurkishSingleOnly:  // forces the single shift table
        cp = roll(5) == 0 ? Pick(rng, kNotInTurkishLocking) : roll(2) ? Pick(rng, kTurkishLetters) : U'a' + roll(26);
        break;
      case Mix::kTurkishExtension:
        cp = roll(2) ? Pick(rng, kTurkishLetters) : Pick(rng, kExtension);
        break;
      case Mix::kBasicEmoji:
        cp = roll(5) == 0 ? PickEmoji(rng) : Pick(rng, kDefaultAlphabet);
        break;
      case Mix::kEmoji:
        cp = PickEmoji(rng);
        break;
      case Mix::kCjk:
        cp = PickCjk(rng);
        break;
      case Mix::kTurkishEmoji:
        cp = roll(3) == 0 ? PickEmoji(rng) : Pick(rng, kTurkishLetters);
        break;
      case Mix::kEverything:
        switch (roll(6)) {
          case 0:
            cp = Pick(rng, kDefaultAlphabet);
            break;
          case 1:
            cp = Pick(rng, kExtension);
            break;
          case 2:
            cp = Pick(rng, kTurkishLetters);
            break;
          case 3:
            cp = PickEmoji(rng);
            break;
          case 4:
            cp = PickCjk(rng);
            break;
          default:
            cp = U'a' + roll(26);
            break;
        }
        break;
      case Mix::kCount:
        break;
    }
    out += cp;
  }
  return out;
}

size_t RandomLength(std::mt19937& rng) {
  // A third of the cases sit within 3 characters of a segment boundary.
  static constexpr size_t kNear[] = {67, 70, 134, 149, 153, 155, 160, 201, 298, 306, 447, 459, 612};
  auto roll = std::uniform_int_distribution<int>(0, 2)(rng);
  if (roll == 0) {
    const size_t base = kNear[std::uniform_int_distribution<size_t>(0, std::size(kNear) - 1)(rng)];
    return base - 3 + std::uniform_int_distribution<size_t>(0, 6)(rng);
  }
  return std::uniform_int_distribution<size_t>(1, 1000)(rng);
}

// Index of the first character the tables cannot carry, npos if none.
size_t FirstNonGsm(const std::u32string& text, bool turkish) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char32_t cp = text[i];
    if (In(kDefaultAlphabet, cp) || In(kExtension, cp)) continue;
    if (turkish && In(kTurkishOnly, cp)) continue;
    return i;
  }
  return std::u32string::npos;
}

TEST_CASE("round trip: random texts from every alphabet survive submit and decode", "[round_trip]") {
  const uint32_t seed = GENERATE(1u, 20260523u, 0xC0FFEEu);
  std::mt19937 rng(seed);
  constexpr int kCases = 1100;
  for (int n = 0; n < kCases; ++n) {
    const Mix mix = static_cast<Mix>(n % static_cast<int>(Mix::kCount));
    const std::u32string u32 = RandomText(rng, mix, RandomLength(rng));
    const std::string text = ToUtf8(u32);
    const auto ref = static_cast<uint8_t>(rng());
    CAPTURE(seed, n, static_cast<int>(mix), u32.size(), text);

    const size_t bad_default = FirstNonGsm(u32, false);
    const size_t bad_turkish = FirstNonGsm(u32, true);

    // Forced UCS-2 carries anything.
    auto ucs2 = EncodeSubmit(text, Submit(EncodingRequest::kUcs2, true, ref));
    REQUIRE(ucs2.ok());
    const RoundTrip u = DecodeAll(*ucs2, MessageType::kSubmit, kTo, ref);
    CHECK(u.encoding == Encoding::kUcs2);
    CHECK(u.text == text);
    CheckPartsFull(*ucs2, u);

    for (const bool shift : {true, false}) {
      CAPTURE(shift);
      auto pdus = EncodeSubmit(text, Submit(EncodingRequest::kAuto, shift, ref));
      REQUIRE(pdus.ok());
      const RoundTrip a = DecodeAll(*pdus, MessageType::kSubmit, kTo, ref);
      CHECK(a.text == text);
      CheckPartsFull(*pdus, a);
      CHECK(a.segments <= u.segments);

      const size_t bad = shift ? bad_turkish : bad_default;
      auto gsm = EncodeSubmit(text, Submit(EncodingRequest::kGsm7, shift, ref));
      if (bad != std::u32string::npos) {
        CHECK(a.encoding == Encoding::kUcs2);
        REQUIRE_FALSE(gsm.ok());
        CHECK_THAT(gsm.error().message, Catch::Contains("at position " + std::to_string(bad)));
        continue;
      }
      REQUIRE(gsm.ok());
      const RoundTrip g = DecodeAll(*gsm, MessageType::kSubmit, kTo, ref);
      CHECK(g.text == text);
      CheckPartsFull(*gsm, g);
      if (!shift) {
        CHECK(g.encoding == Encoding::kGsm7);
        CHECK(g.tables == Gsm7Tables{});
      } else if (bad_default != std::u32string::npos) {
        CHECK(g.encoding == Encoding::kGsm7Turkish);
      }
      // GSM 7-bit needs at most two septets a character: it never loses to
      // UCS-2, so auto sends exactly what forced GSM 7-bit sends.
      REQUIRE(a.encoding == g.encoding);
      REQUIRE(pdus->size() == gsm->size());
      for (size_t i = 0; i < pdus->size(); ++i) CHECK((*pdus)[i].hex == (*gsm)[i].hex);
    }

    // With the Turkish tables allowed, never more parts than without them.
    auto with = PlanText(text, PlanOptions{EncodingRequest::kAuto, true});
    auto without = PlanText(text, PlanOptions{EncodingRequest::kAuto, false});
    REQUIRE(with.ok());
    REQUIRE(without.ok());
    CHECK(with->segments.size() <= without->segments.size());
    CHECK(with->characters == u32.size());
  }
}

TEST_CASE("round trip: random texts survive SMS-DELIVER from an alphanumeric originator", "[round_trip]") {
  std::mt19937 rng(77);
  for (int n = 0; n < 600; ++n) {
    const Mix mix = static_cast<Mix>(n % static_cast<int>(Mix::kCount));
    const std::string text = ToUtf8(RandomText(rng, mix, RandomLength(rng)));
    CAPTURE(n, static_cast<int>(mix), text);
    DeliverOptions o;
    o.from = "TELLAL";
    o.scts = Timestamp{2026, 5, 23, 14, 19, 7, 180};
    o.concat_ref = static_cast<uint8_t>(n);
    o.status_report_indication = n % 2 == 0;
    auto pdus = EncodeDeliver(text, o);
    REQUIRE(pdus.ok());
    const RoundTrip rt = DecodeAll(*pdus, MessageType::kDeliver, "TELLAL", o.concat_ref);
    CHECK(rt.text == text);
    CheckPartsFull(*pdus, rt);
    for (const EncodedPdu& p : *pdus) {
      auto d = DecodePdu(p.hex);
      REQUIRE(d.ok());
      CHECK(d->address.toa == kToaAlphanumeric);
      REQUIRE(d->scts.has_value());
      CHECK(*d->scts == o.scts);
      CHECK(d->report_requested == o.status_report_indication);
      CHECK_FALSE(d->more_messages);
    }
  }
}

TEST_CASE("round trip: random 8-bit data survives submit and decode", "[round_trip]") {
  std::mt19937 rng(8);
  for (int n = 0; n < 300; ++n) {
    std::vector<uint8_t> data(n < 6 ? std::vector<size_t>{1, 139, 140, 141, 268, 269}[n]
                                    : std::uniform_int_distribution<size_t>(1, 1000)(rng));
    for (auto& b : data) b = static_cast<uint8_t>(rng());
    CAPTURE(n, data.size());
    auto plan = PlanBinary(data);
    REQUIRE(plan.ok());
    CHECK(plan->encoding == Encoding::kEightBit);
    const size_t expected = data.size() <= 140 ? 1 : (data.size() + 133) / 134;
    CHECK(plan->segments.size() == expected);
    const auto ref = static_cast<uint8_t>(n * 7);
    auto pdus = EncodeSubmit(*plan, Submit(EncodingRequest::kAuto, true, ref));
    REQUIRE(pdus.ok());
    const RoundTrip rt = DecodeAll(*pdus, MessageType::kSubmit, kTo, ref);
    CHECK(rt.encoding == Encoding::kEightBit);
    CHECK(rt.data == data);
    CheckPartsFull(*pdus, rt);
  }
}

// ---------------------------------------------------------------------------
// 2. Boundary lengths.

constexpr Gsm7Tables kNoShift{};
constexpr Gsm7Tables kTurkishLocking{Language::kTurkish, Language::kDefault};
constexpr Gsm7Tables kTurkishSingle{Language::kDefault, Language::kTurkish};

std::string A(size_t n) { return std::string(n, 'a'); }

TEST_CASE("round trip: segment counts at the capacity boundaries", "[round_trip]") {
  using Row = std::tuple<const char*, std::string, bool, Encoding, Gsm7Tables, size_t, size_t, size_t, size_t>;
  //                     name        text         shift encoding  tables      segs   per    left   first_units
  const Row row = GENERATE(table<const char*, std::string, bool, Encoding, Gsm7Tables, size_t, size_t, size_t, size_t>({
      Row{"160 a", A(160), true, Encoding::kGsm7, kNoShift, 1, 160, 0, 160},
      Row{"161 a", A(161), true, Encoding::kGsm7, kNoShift, 2, 153, 145, 153},
      Row{"153x2 a", A(306), true, Encoding::kGsm7, kNoShift, 2, 153, 0, 153},
      Row{"153x2+1 a", A(307), true, Encoding::kGsm7, kNoShift, 3, 153, 152, 153},
      Row{"153x3 a", A(459), true, Encoding::kGsm7, kNoShift, 3, 153, 0, 153},
      Row{"153x3+1 a", A(460), true, Encoding::kGsm7, kNoShift, 4, 153, 152, 153},
      Row{"153x4 a", A(612), true, Encoding::kGsm7, kNoShift, 4, 153, 0, 153},
      Row{"153x4+1 a", A(613), true, Encoding::kGsm7, kNoShift, 5, 153, 152, 153},
      Row{"1 a", A(1), true, Encoding::kGsm7, kNoShift, 1, 160, 159, 1},
      // Extension characters cost two septets.
      Row{"80 {", Repeat("{", 80), true, Encoding::kGsm7, kNoShift, 1, 160, 0, 160},
      Row{"81 {", Repeat("{", 81), true, Encoding::kGsm7, kNoShift, 2, 153, 143, 152},
      Row{"80 euro", Repeat("€", 80), false, Encoding::kGsm7, kNoShift, 1, 160, 0, 160},
      Row{"81 euro, no shift", Repeat("€", 81), false, Encoding::kGsm7, kNoShift, 2, 153, 143, 152},
      // The Turkish locking table has the euro sign in one septet.
      Row{"81 euro, shift", Repeat("€", 81), true, Encoding::kGsm7Turkish, kTurkishLocking, 1, 155, 74, 81},
      Row{"158 a + {", A(158) + "{", true, Encoding::kGsm7, kNoShift, 1, 160, 0, 160},
      Row{"159 a + {", A(159) + "{", true, Encoding::kGsm7, kNoShift, 2, 153, 145, 153},
      // An escape that would straddle the 153 cut moves whole.
      Row{"152 a + { + 10 a", A(152) + "{" + A(10), true, Encoding::kGsm7, kNoShift, 2, 153, 141, 152},
      Row{"151 a + { + 10 a", A(151) + "{" + A(10), true, Encoding::kGsm7, kNoShift, 2, 153, 143, 153},
      Row{"152 a + euro + 10 a, no shift", A(152) + "€" + A(10), false, Encoding::kGsm7, kNoShift, 2, 153, 141, 152},
      Row{"305 a + ] + a", A(305) + "]" + "a", true, Encoding::kGsm7, kNoShift, 3, 153, 150, 153},
      // UCS-2.
      Row{"70 zhe", Repeat("ж", 70), true, Encoding::kUcs2, kNoShift, 1, 70, 0, 70},
      Row{"71 zhe", Repeat("ж", 71), true, Encoding::kUcs2, kNoShift, 2, 67, 63, 67},
      Row{"67x2 zhe", Repeat("ж", 134), true, Encoding::kUcs2, kNoShift, 2, 67, 0, 67},
      Row{"67x2+1 zhe", Repeat("ж", 135), true, Encoding::kUcs2, kNoShift, 3, 67, 66, 67},
      Row{"67x3 zhe", Repeat("ж", 201), true, Encoding::kUcs2, kNoShift, 3, 67, 0, 67},
      Row{"67x3+1 zhe", Repeat("ж", 202), true, Encoding::kUcs2, kNoShift, 4, 67, 66, 67},
      Row{"67x4 zhe", Repeat("ж", 268), true, Encoding::kUcs2, kNoShift, 4, 67, 0, 67},
      Row{"67x4+1 zhe", Repeat("ж", 269), true, Encoding::kUcs2, kNoShift, 5, 67, 66, 67},
      Row{"35 emoji", Repeat("😀", 35), true, Encoding::kUcs2, kNoShift, 1, 70, 0, 70},
      Row{"36 emoji", Repeat("😀", 36), true, Encoding::kUcs2, kNoShift, 2, 67, 61, 66},
      Row{"68 zhe + emoji", Repeat("ж", 68) + "😀", true, Encoding::kUcs2, kNoShift, 1, 70, 0, 70},
      // A surrogate pair that would straddle the 67 cut moves whole.
      Row{"66 zhe + emoji + 3 zhe", Repeat("ж", 66) + "😀" + Repeat("ж", 3), true, Encoding::kUcs2, kNoShift, 2, 67, 62,
          66},
      Row{"65 zhe + emoji + 4 zhe", Repeat("ж", 65) + "😀" + Repeat("ж", 4), true, Encoding::kUcs2, kNoShift, 2, 67, 63,
          67},
      Row{"69 a + emoji", A(69) + "😀", true, Encoding::kUcs2, kNoShift, 2, 67, 63, 67},
      // Turkish: one shift IE (3 octets) leaves 155 / 149.
      Row{"155 s-cedilla", Repeat("ş", 155), true, Encoding::kGsm7Turkish, kTurkishLocking, 1, 155, 0, 155},
      Row{"156 s-cedilla", Repeat("ş", 156), true, Encoding::kGsm7Turkish, kTurkishLocking, 2, 149, 142, 149},
      Row{"149x2 s-cedilla", Repeat("ş", 298), true, Encoding::kGsm7Turkish, kTurkishLocking, 2, 149, 0, 149},
      Row{"149x2+1 s-cedilla", Repeat("ş", 299), true, Encoding::kGsm7Turkish, kTurkishLocking, 3, 149, 148, 149},
      Row{"149x3 s-cedilla", Repeat("ş", 447), true, Encoding::kGsm7Turkish, kTurkishLocking, 3, 149, 0, 149},
      Row{"149x3+1 s-cedilla", Repeat("ş", 448), true, Encoding::kGsm7Turkish, kTurkishLocking, 4, 149, 148, 149},
      Row{"155 s-cedilla, no shift", Repeat("ş", 155), false, Encoding::kUcs2, kNoShift, 3, 67, 46, 67},
      // è is not in the Turkish locking table: single shift, ş costs two.
      Row{"e-grave + 77 s-cedilla", "è" + Repeat("ş", 77), true, Encoding::kGsm7Turkish, kTurkishSingle, 1, 155, 0,
          155},
      Row{"e-grave + 78 s-cedilla", "è" + Repeat("ş", 78), true, Encoding::kGsm7Turkish, kTurkishSingle, 2, 149, 141,
          149},
      // A single-shift escape that would straddle the 149 cut moves whole.
      Row{"e-grave + a + 78 s-cedilla", "èa" + Repeat("ş", 78), true, Encoding::kGsm7Turkish, kTurkishSingle, 2, 149,
          139, 148},
  }));
  const auto& [name, text, shift, encoding, tables, segments, per_segment, left, first_units] = row;
  CAPTURE(name);

  auto plan = PlanText(text, PlanOptions{EncodingRequest::kAuto, shift});
  REQUIRE(plan.ok());
  CHECK(plan->encoding == encoding);
  CHECK(plan->tables == tables);
  CHECK(plan->segments.size() == segments);
  CHECK(plan->units_per_segment == per_segment);
  CHECK(plan->units_left == left);
  CHECK(plan->segments.front().units == first_units);
  size_t units = 0;
  for (const PlannedSegment& s : plan->segments) units += s.units;
  CHECK(plan->units == units);

  // The wire says the same as the plan, and the text comes back.
  const uint8_t ref = 0xA7;
  auto pdus = EncodeSubmit(text, Submit(EncodingRequest::kAuto, shift, ref));
  REQUIRE(pdus.ok());
  const RoundTrip rt = DecodeAll(*pdus, MessageType::kSubmit, kTo, ref);
  CHECK(rt.text == text);
  CHECK(rt.encoding == encoding);
  CHECK(rt.tables == tables);
  REQUIRE(rt.units.size() == segments);
  CHECK(rt.units.front() == first_units);
  CHECK(rt.units.back() == per_segment - left);
  for (size_t i = 0; i < segments; ++i) CHECK(rt.units[i] == plan->segments[i].units);
  CheckPartsFull(*pdus, rt);

  // Sending the plan that was shown sends the same PDUs.
  auto from_plan = EncodeSubmit(*plan, Submit(EncodingRequest::kAuto, shift, ref));
  REQUIRE(from_plan.ok());
  REQUIRE(from_plan->size() == pdus->size());
  for (size_t i = 0; i < pdus->size(); ++i) CHECK((*from_plan)[i].hex == (*pdus)[i].hex);
}

TEST_CASE("round trip: a full 160-septet part packs into exactly 140 octets", "[round_trip]") {
  for (const auto& [text, parts] : std::vector<std::pair<std::string, size_t>>{{A(160), 1}, {A(306), 2}}) {
    auto pdus = EncodeSubmit(text, Submit(EncodingRequest::kAuto, false, 1));
    REQUIRE(pdus.ok());
    REQUIRE(pdus->size() == parts);
    for (const EncodedPdu& p : *pdus) {
      const std::vector<uint8_t> bytes = FromHex(p.hex);
      const Wire w = ReadWire(bytes, MessageType::kSubmit);
      CHECK(w.udl == 160);
      CHECK(w.ud_octets == 140);
    }
  }
}

TEST_CASE("round trip: 8-bit data at the 140 / 134 boundaries", "[round_trip]") {
  using Row = std::tuple<size_t, size_t, size_t, size_t>;
  const Row row = GENERATE(table<size_t, size_t, size_t, size_t>({
      Row{140, 1, 140, 0},
      Row{141, 2, 134, 127},
      Row{268, 2, 134, 0},
      Row{269, 3, 134, 133},
  }));
  const auto& [size, segments, per_segment, left] = row;
  std::vector<uint8_t> data(size);
  for (size_t i = 0; i < size; ++i) data[i] = static_cast<uint8_t>(i * 31 + 7);
  auto plan = PlanBinary(data);
  REQUIRE(plan.ok());
  CHECK(plan->segments.size() == segments);
  CHECK(plan->units_per_segment == per_segment);
  CHECK(plan->units_left == left);
  auto pdus = EncodeSubmit(*plan, Submit(EncodingRequest::kAuto, true, 9));
  REQUIRE(pdus.ok());
  const RoundTrip rt = DecodeAll(*pdus, MessageType::kSubmit, kTo, 9);
  CHECK(rt.data == data);
}

TEST_CASE("round trip: 255 parts is the most a text may need", "[round_trip]") {
  auto most = PlanText(A(153 * 255), PlanOptions{});
  REQUIRE(most.ok());
  CHECK(most->segments.size() == 255);
  auto pdus = EncodeSubmit(A(153 * 255), Submit(EncodingRequest::kAuto, true, 0xFF));
  REQUIRE(pdus.ok());
  REQUIRE(pdus->size() == 255);
  auto last = DecodePdu(pdus->back().hex);
  REQUIRE(last.ok());
  REQUIRE(last->udh.concat.has_value());
  CHECK(last->udh.concat->seq == 255);
  CHECK(last->udh.concat->total == 255);

  auto too_many = PlanText(A(153 * 255 + 1), PlanOptions{});
  REQUIRE_FALSE(too_many.ok());
  CHECK_THAT(too_many.error().message, Catch::Contains("256 segments"));
  CHECK_FALSE(EncodeSubmit(A(153 * 255 + 1), Submit(EncodingRequest::kAuto, true, 0)).ok());
}

// ---------------------------------------------------------------------------
// 3. Encoding choice and rejected input.

TEST_CASE("round trip: auto picks the encoding needing the fewest parts", "[round_trip]") {
  using Row = std::tuple<const char*, std::string, bool, Encoding>;
  const Row row = GENERATE(table<const char*, std::string, bool, Encoding>({
      Row{"ascii", "Hello, world! 123", true, Encoding::kGsm7},
      Row{"one g-breve", "Merhaba dünya, Öğle", true, Encoding::kGsm7Turkish},
      Row{"default alphabet umlauts only", "Grüße aus Köln", true, Encoding::kGsm7},
      Row{"turkish", "Güle güle, şimdi ılık İstanbul'da", true, Encoding::kGsm7Turkish},
      Row{"turkish, shift not allowed", "Güle güle, şimdi ılık İstanbul'da", false, Encoding::kUcs2},
      Row{"emoji", "Hi 😀", true, Encoding::kUcs2},
      Row{"turkish and emoji", "Teşekkürler 👍", true, Encoding::kUcs2},
      Row{"cjk", "你好", true, Encoding::kUcs2},
      Row{"extension only", "{[~]}", true, Encoding::kGsm7},
  }));
  const auto& [name, text, shift, encoding] = row;
  CAPTURE(name);
  auto pdus = EncodeSubmit(text, Submit(EncodingRequest::kAuto, shift, 3));
  REQUIRE(pdus.ok());
  const RoundTrip rt = DecodeAll(*pdus, MessageType::kSubmit, kTo, 3);
  CHECK(rt.encoding == encoding);
  CHECK(rt.text == text);
  auto plan = PlanText(text, PlanOptions{EncodingRequest::kAuto, shift});
  REQUIRE(plan.ok());
  CHECK(std::string(EncodingName(plan->encoding)) == EncodingName(encoding));
}

TEST_CASE("round trip: a long Turkish paragraph costs at most 65% of its UCS-2 parts", "[round_trip]") {
  const std::string sentence =
      "Değerli müşterimiz, şubemizde yapılan işleminiz başarıyla gerçekleşmiştir. Çağrı merkezimize "
      "ulaşmak için İstanbul, Ankara ve İzmir'deki ofislerimizi arayabilir; ödeme ayrıntılarını "
      "uygulamamızdan görüntüleyebilirsiniz. ";
  for (size_t copies : {1, 2, 3, 5, 8}) {
    const std::string text = Repeat(sentence, copies);
    CAPTURE(copies);
    auto turkish = PlanText(text, PlanOptions{EncodingRequest::kAuto, true});
    auto ucs2 = PlanText(text, PlanOptions{EncodingRequest::kUcs2, true});
    REQUIRE(turkish.ok());
    REQUIRE(ucs2.ok());
    CHECK(turkish->encoding == Encoding::kGsm7Turkish);
    CHECK(ucs2->encoding == Encoding::kUcs2);
    CHECK(static_cast<double>(turkish->segments.size()) <= 0.65 * static_cast<double>(ucs2->segments.size()));
    auto pdus = EncodeSubmit(text, Submit(EncodingRequest::kAuto, true, 42));
    REQUIRE(pdus.ok());
    CHECK(DecodeAll(*pdus, MessageType::kSubmit, kTo, 42).text == text);
  }
}

TEST_CASE("round trip: forced GSM 7-bit names the first character it cannot carry", "[round_trip]") {
  using Row = std::tuple<std::string, bool, const char*, const char*>;
  const Row row = GENERATE(table<std::string, bool, const char*, const char*>({
      Row{"Hi 😀", true, "U+1F600", "at position 3"},
      Row{"ab😀ж", true, "U+1F600", "at position 2"},
      Row{"aşk", false, "U+015F", "at position 1"},
      Row{"ğ€ж", true, "U+0436", "at position 2"},
      Row{"€€€€ı", false, "U+0131", "at position 4"},
  }));
  const auto& [text, shift, code, position] = row;
  CAPTURE(text, shift);
  auto plan = PlanText(text, PlanOptions{EncodingRequest::kGsm7, shift});
  REQUIRE_FALSE(plan.ok());
  CHECK_THAT(plan.error().message, Catch::Contains(code) && Catch::Contains(position));
  auto pdus = EncodeSubmit(text, Submit(EncodingRequest::kGsm7, shift, 0));
  REQUIRE_FALSE(pdus.ok());
  CHECK(pdus.error().message == plan.error().message);
}

TEST_CASE("round trip: forced GSM 7-bit with the shift tables allowed carries Turkish", "[round_trip]") {
  auto pdus = EncodeSubmit("aşk", Submit(EncodingRequest::kGsm7, true, 0));
  REQUIRE(pdus.ok());
  const RoundTrip rt = DecodeAll(*pdus, MessageType::kSubmit, kTo, 0);
  CHECK(rt.encoding == Encoding::kGsm7Turkish);
  CHECK(rt.text == "aşk");
}

TEST_CASE("round trip: forced UCS-2 carries GSM text", "[round_trip]") {
  auto pdus = EncodeSubmit("Hello", Submit(EncodingRequest::kUcs2, true, 0));
  REQUIRE(pdus.ok());
  const RoundTrip rt = DecodeAll(*pdus, MessageType::kSubmit, kTo, 0);
  CHECK(rt.encoding == Encoding::kUcs2);
  CHECK(rt.data == std::vector<uint8_t>{0, 'H', 0, 'e', 0, 'l', 0, 'l', 0, 'o'});
}

TEST_CASE("round trip: empty and invalid UTF-8 texts are refused", "[round_trip]") {
  using Row = std::tuple<const char*, std::string, const char*>;
  const Row row = GENERATE(table<const char*, std::string, const char*>({
      Row{"empty", "", "is empty"},
      Row{"bad continuation", std::string("\xC3\x28"), "offset 1"},
      Row{"bad continuation after text", std::string("ab\xC3\x28"), "offset 3"},
      Row{"overlong slash", std::string("\xC0\xAF"), "overlong"},
      Row{"overlong 3-byte", std::string("\xE0\x80\xAF"), "overlong"},
      Row{"surrogate", std::string("\xED\xA0\x80"), "surrogate"},
      Row{"truncated euro", std::string("\xE2\x82"), "truncated"},
      Row{"truncated emoji", std::string("ok\xF0\x9F\x98"), "offset 2"},
      Row{"lone continuation", std::string("\x80"), "offset 0"},
      Row{"invalid lead byte", std::string("a\xFF"), "offset 1"},
      Row{"above U+10FFFF", std::string("\xF4\x90\x80\x80"), "U+10FFFF"},
      Row{"nul inside", std::string("a\0\xC3", 3), "offset 2"},
  }));
  const auto& [name, text, fragment] = row;
  CAPTURE(name);
  for (const EncodingRequest request : {EncodingRequest::kAuto, EncodingRequest::kGsm7, EncodingRequest::kUcs2}) {
    for (const bool shift : {true, false}) {
      auto plan = PlanText(text, PlanOptions{request, shift});
      REQUIRE_FALSE(plan.ok());
      CHECK_THAT(plan.error().message, Catch::StartsWith("text: ") && Catch::Contains(fragment));
      CHECK_FALSE(EncodeSubmit(text, Submit(request, shift, 0)).ok());
      DeliverOptions d;
      d.from = "TELLAL";
      d.plan = PlanOptions{request, shift};
      CHECK_FALSE(EncodeDeliver(text, d).ok());
    }
  }
}

// ---------------------------------------------------------------------------
// 4. SMS-DELIVER and SMS-STATUS-REPORT.

TEST_CASE("round trip: SMS-DELIVER keeps originator, time stamp and text", "[round_trip]") {
  using Row = std::tuple<std::string, uint8_t, std::string, Timestamp>;
  const Row row = GENERATE(table<std::string, uint8_t, std::string, Timestamp>({
      Row{"TELLAL", kToaAlphanumeric, "Kodunuz: 4821", Timestamp{2026, 5, 23, 14, 19, 0, 180}},
      Row{"ABCDEFGHIJK", kToaAlphanumeric, "eleven characters", Timestamp{2025, 12, 31, 23, 59, 59, -300}},
      Row{"ABCDEFG", kToaAlphanumeric, "seven", Timestamp{2030, 1, 1, 0, 0, 0, 0}},
      Row{"ABCDEFGH", kToaAlphanumeric, "eight", Timestamp{2069, 2, 28, 12, 30, 15, 840}},
      Row{"Bank@", kToaAlphanumeric, "at sign", Timestamp{2001, 6, 15, 8, 45, 0, -720}},
      Row{"+905321234567", kToaInternational, "Şu an müsait misin? 😀", Timestamp{2026, 7, 4, 9, 5, 1, 345}},
      Row{"+4479", kToaInternational, "odd digits", Timestamp{1999, 11, 30, 1, 2, 3, -15}},
      Row{"05321234567", kToaUnknown, std::string(400, 'x'), Timestamp{2026, 3, 29, 3, 0, 0, 60}},
      Row{"4545", kToaUnknown, Repeat("ğ", 200), Timestamp{2026, 10, 25, 2, 59, 59, -210}},
  }));
  const auto& [from, toa, text, scts] = row;
  CAPTURE(from, text);
  for (const std::string smsc : {"", "+905320000005"}) {
    CAPTURE(smsc);
    DeliverOptions o;
    o.from = from;
    o.smsc = smsc;
    o.scts = scts;
    o.concat_ref = 0x3C;
    o.pid = 0x00;
    auto pdus = EncodeDeliver(text, o);
    REQUIRE(pdus.ok());
    const RoundTrip rt = DecodeAll(*pdus, MessageType::kDeliver, from, 0x3C);
    CHECK(rt.text == text);
    CheckPartsFull(*pdus, rt);
    for (const EncodedPdu& p : *pdus) {
      auto d = DecodePdu(p.hex);
      REQUIRE(d.ok());
      CHECK(d->address.toa == toa);
      CHECK(d->smsc.value == smsc);
      REQUIRE(d->scts.has_value());
      CHECK(*d->scts == scts);
      CHECK_FALSE(d->report_requested);
    }
  }
}

TEST_CASE("round trip: SMS-DELIVER flash message keeps class 0", "[round_trip]") {
  DeliverOptions o;
  o.from = "TELLAL";
  o.flash = true;
  auto pdus = EncodeDeliver("Acil", o);
  REQUIRE(pdus.ok());
  REQUIRE(pdus->size() == 1);
  auto d = DecodePdu(pdus->front().hex);
  REQUIRE(d.ok());
  CHECK(d->dcs.message_class == std::optional<int>(0));
  CHECK(d->text == "Acil");
}

TEST_CASE("round trip: SMS-SUBMIT header fields come back", "[round_trip]") {
  using Row = std::tuple<std::string, uint8_t, int, int>;  // to, toa, validity asked, validity on the air
  const Row row = GENERATE(table<std::string, uint8_t, int, int>({
      Row{"+905321234567", kToaInternational, 60, 60},
      Row{"05321234567", kToaUnknown, 721, 750},
      Row{"4545", kToaUnknown, 24 * 60, 24 * 60},
      Row{"+12", kToaInternational, 3 * 24 * 60 + 1, 4 * 24 * 60},
      Row{"TELLAL", kToaAlphanumeric, 63 * 7 * 24 * 60, 63 * 7 * 24 * 60},
  }));
  const auto& [to, toa, asked, on_air] = row;
  CAPTURE(to, asked);
  SubmitOptions o = Submit(EncodingRequest::kAuto, true, 0x11);
  o.to = to;
  o.smsc = "+905320000005";
  o.status_report = true;
  o.reject_duplicates = true;
  o.validity_minutes = asked;
  o.pid = 0x41;
  o.message_reference = 0xFE;
  const std::string text = "Sipariş 😀 " + std::string(100, 'z');
  auto pdus = EncodeSubmit(text, o);
  REQUIRE(pdus.ok());
  const RoundTrip rt = DecodeAll(*pdus, MessageType::kSubmit, to, 0x11);
  CHECK(rt.text == text);
  for (const EncodedPdu& p : *pdus) {
    auto d = DecodePdu(p.hex);
    REQUIRE(d.ok());
    CHECK(d->address.toa == toa);
    CHECK(d->smsc.value == "+905320000005");
    CHECK(d->report_requested);
    CHECK(d->reject_duplicates);
    CHECK(d->validity_minutes == std::optional<int>(on_air));
    CHECK(d->pid == 0x41);
    CHECK(d->message_reference == 0xFE);
  }
}

TEST_CASE("round trip: SMS-STATUS-REPORT keeps every field", "[round_trip]") {
  using Row = std::tuple<uint8_t, std::string, uint8_t, Timestamp, Timestamp, uint8_t>;
  const Row row = GENERATE(table<uint8_t, std::string, uint8_t, Timestamp, Timestamp, uint8_t>({
      Row{0, "+905321234567", kToaInternational, Timestamp{2026, 5, 23, 14, 19, 0, 180},
          Timestamp{2026, 5, 23, 14, 19, 5, 180}, 0x00},
      Row{255, "05321234567", kToaUnknown, Timestamp{2025, 12, 31, 23, 59, 59, -300},
          Timestamp{2026, 1, 1, 0, 0, 1, -300}, 0x30},
      Row{17, "4545", kToaUnknown, Timestamp{2026, 3, 1, 0, 0, 0, -720}, Timestamp{2026, 3, 2, 12, 0, 0, 840}, 0x41},
      Row{128, "+4479", kToaInternational, Timestamp{2000, 1, 1, 0, 0, 0, 0}, Timestamp{2069, 12, 31, 23, 59, 59, -45},
          0x62},
      Row{7, "+905321234567", kToaInternational, Timestamp{1999, 2, 28, 6, 7, 8, 345},
          Timestamp{1999, 3, 1, 6, 7, 8, -15}, 0x7F},
  }));
  const auto& [mr, recipient, toa, scts, dt, status] = row;
  CAPTURE(mr, recipient, status);
  for (const std::string smsc : {"", "+905320000005"}) {
    CAPTURE(smsc);
    StatusReportOptions o;
    o.smsc = smsc;
    o.message_reference = mr;
    o.recipient = recipient;
    o.scts = scts;
    o.discharge_time = dt;
    o.status = status;
    auto pdu = EncodeStatusReport(o);
    REQUIRE(pdu.ok());
    const std::vector<uint8_t> bytes = FromHex(pdu->hex);
    const size_t smsc_octets = 1 + bytes.at(0);
    CHECK(pdu->tpdu_length == bytes.size() - smsc_octets);
    // first octet, MR, address (2 + digits), SCTS, DT, ST
    CHECK(pdu->tpdu_length == 2 + 2 + (recipient.size() - (recipient[0] == '+') + 1) / 2 + 7 + 7 + 1);

    auto d = DecodePdu(pdu->hex);
    REQUIRE(d.ok());
    CHECK(d->type == MessageType::kStatusReport);
    CHECK(d->smsc.value == smsc);
    CHECK(d->message_reference == mr);
    CHECK(d->address.value == recipient);
    CHECK(d->address.toa == toa);
    REQUIRE(d->scts.has_value());
    CHECK(*d->scts == scts);
    REQUIRE(d->discharge_time.has_value());
    CHECK(*d->discharge_time == dt);
    CHECK(d->status == status);
    CHECK_FALSE(d->has_user_data);
    CHECK_FALSE(d->more_messages);

    // The same TPDU printed without its SMSC part (+CDS on some modems).
    auto bare = DecodePdu(pdu->hex.substr(2 * smsc_octets), DecodeOptions{false});
    REQUIRE(bare.ok());
    CHECK(bare->message_reference == mr);
    CHECK(bare->address.value == recipient);
    REQUIRE(bare->discharge_time.has_value());
    CHECK(*bare->discharge_time == dt);
    CHECK(bare->status == status);
  }
}

}  // namespace
}  // namespace tellal::pdu

// Throughput of the PDU codec in segments per second, on one core.
//
//   pdu_bench [SECONDS_PER_PART]     (default 1.5)
//
// Not a test: it prints figures and always exits 0 unless the codec fails
// outright. The goal is >= 1,000,000 segments/s for encode+decode, i.e. a
// segment planned, encoded to hex, and decoded back, in under a microsecond.
// Build with optimisation (the default RelWithDebInfo is -O2) and without
// sanitizers, or the figures mean nothing.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "modem/pdu/pdu_decoder.h"
#include "modem/pdu/pdu_encoder.h"
#include "modem/pdu/text_planner.h"

namespace tellal::pdu {
namespace {

using Clock = std::chrono::steady_clock;

struct Sample {
  const char* kind;
  std::string text;
  int weight;  // how often it appears in the mix, roughly what an SMS gateway sends
};

std::vector<Sample> MakeSamples() {
  std::string long_gsm;
  while (long_gsm.size() < 600) {
    long_gsm +=
        "Dear customer, your monthly statement is ready. Total due: 1,234.56 TRY by 2026-12-05. "
        "Pay online or at any branch; reply STOP to opt out. ";
  }
  return {
      {"otp-ascii", "Your verification code is 482913. Do not share it with anyone.", 6},
      {"turkish", "Sayın müşterimiz, siparişiniz yola çıktı. Kargo takip no: 1234567890. İyi günler dileriz.", 2},
      {"emoji-ucs2", "Doğum günün kutlu olsun! 🎉🎂 Nice mutlu yıllara ❤️", 1},
      {"long-gsm7", long_gsm, 1},
  };
}

// The mix as a flat list, so the timed loops do no weighting arithmetic.
std::vector<const Sample*> Expand(const std::vector<Sample>& samples) {
  std::vector<const Sample*> mix;
  for (const Sample& s : samples) {
    for (int i = 0; i < s.weight; ++i) mix.push_back(&s);
  }
  return mix;
}

SubmitOptions Options(uint8_t ref) {
  SubmitOptions o;
  o.to = "+905321234567";
  o.concat_ref = ref;
  return o;
}

[[noreturn]] void Die(const char* what, const std::string& why) {
  std::fprintf(stderr, "pdu_bench: %s: %s\n", what, why.c_str());
  std::exit(1);
}

// Folded into every result and printed, so the compiler cannot discard the
// work whose outcome would otherwise be unused.
struct Checksum {
  uint64_t value = 0;
  void Add(uint64_t x) { value = value * 1099511628211ULL ^ x; }
};

uint64_t Fingerprint(const std::string& s) { return s.size() ^ (s.empty() ? 0 : static_cast<uint8_t>(s.back()) << 16); }

struct Measurement {
  uint64_t segments = 0;
  double seconds = 0;
  double rate() const { return seconds > 0 ? static_cast<double>(segments) / seconds : 0; }
};

// Calls `pass` (one sweep over the mix, returning the segments it handled)
// until `budget` seconds have gone by. The clock is read once per sweep, which
// is well under a millisecond, so its cost does not distort the figure.
template <typename Pass>
Measurement Run(double budget, Pass pass) {
  Measurement m;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(budget);
  auto now = start;
  do {
    m.segments += pass();
    now = Clock::now();
  } while (now < deadline);
  m.seconds = std::chrono::duration<double>(now - start).count();
  return m;
}

uint64_t EncodeOnce(const Sample& s, uint8_t ref, Checksum& sum) {
  auto pdus = EncodeSubmit(s.text, Options(ref));
  if (!pdus) Die("encode", pdus.error().message);
  for (const EncodedPdu& p : *pdus) sum.Add(Fingerprint(p.hex));
  return pdus->size();
}

uint64_t DecodeOnce(const std::string& hex, Checksum& sum) {
  auto d = DecodePdu(hex);
  if (!d) Die("decode", d.error().message);
  sum.Add(Fingerprint(d->text));
  return 1;
}

uint64_t EncodeDecodeOnce(const Sample& s, uint8_t ref, Checksum& sum) {
  auto pdus = EncodeSubmit(s.text, Options(ref));
  if (!pdus) Die("encode", pdus.error().message);
  for (const EncodedPdu& p : *pdus) DecodeOnce(p.hex, sum);
  return pdus->size();
}

void Print(const char* part, const char* kind, const Measurement& m) {
  std::printf("%-14s %-11s %12.0f segments/s  (%llu segments in %.2f s, %.0f ns/segment)\n", part, kind, m.rate(),
              static_cast<unsigned long long>(m.segments), m.seconds,
              m.segments ? m.seconds * 1e9 / static_cast<double>(m.segments) : 0.0);
}

// The three parts over one list of samples; `kind` labels the lines.
Measurement Bench(const std::vector<const Sample*>& mix, const char* kind, double budget, Checksum& sum) {
  std::vector<std::string> hexes;
  for (const Sample* s : mix) {
    auto pdus = EncodeSubmit(s->text, Options(7));
    if (!pdus) Die("encode", pdus.error().message);
    for (const EncodedPdu& p : *pdus) hexes.push_back(p.hex);
  }
  uint8_t ref = 0;
  const Measurement enc = Run(budget, [&] {
    uint64_t n = 0;
    for (const Sample* s : mix) n += EncodeOnce(*s, ref++, sum);
    return n;
  });
  const Measurement dec = Run(budget, [&] {
    uint64_t n = 0;
    for (const std::string& h : hexes) n += DecodeOnce(h, sum);
    return n;
  });
  const Measurement both = Run(budget, [&] {
    uint64_t n = 0;
    for (const Sample* s : mix) n += EncodeDecodeOnce(*s, ref++, sum);
    return n;
  });
  Print("encode", kind, enc);
  Print("decode", kind, dec);
  Print("encode+decode", kind, both);
  return both;
}

}  // namespace
}  // namespace tellal::pdu

int main(int argc, char** argv) {
  using namespace tellal::pdu;
  double seconds = 1.5;
  if (argc > 2) {
    std::fprintf(stderr, "usage: %s [SECONDS_PER_PART]\n", argv[0]);
    return 2;
  }
  if (argc == 2) {
    char* end = nullptr;
    seconds = std::strtod(argv[1], &end);
    if (end == argv[1] || *end != '\0' || !(seconds > 0)) {
      std::fprintf(stderr, "pdu_bench: SECONDS_PER_PART must be a positive number, got '%s'\n", argv[1]);
      return 2;
    }
  }

  const std::vector<Sample> samples = MakeSamples();
  Checksum sum;
  std::printf("mix:");
  for (const Sample& s : samples) {
    auto plan = PlanText(s.text, PlanOptions{});
    if (!plan) Die("plan", plan.error().message);
    std::printf(" %s x%d (%s, %zu seg)", s.kind, s.weight, EncodingName(plan->encoding), plan->segments.size());
  }
  std::printf("\n\n");

  // Warm caches and the allocator so the first timed part is not penalised.
  {
    Checksum discard;
    const std::vector<const Sample*> mix = Expand(samples);
    Run(seconds / 5, [&] {
      uint64_t n = 0;
      for (const Sample* s : mix) n += EncodeDecodeOnce(*s, 0, discard);
      return n;
    });
    sum.Add(discard.value);
  }

  const Measurement mixed = Bench(Expand(samples), "mix", seconds, sum);
  std::printf("\n");
  for (const Sample& s : samples) Bench({&s}, s.kind, seconds, sum);

  constexpr double kTarget = 1'000'000;
  std::printf("\ntarget: %.0f encode+decode segments/s on the mix: %s (%.2fx)\n", kTarget,
              mixed.rate() >= kTarget ? "met" : "NOT met", mixed.rate() / kTarget);
  std::printf("checksum: %016llx\n", static_cast<unsigned long long>(sum.value));
  return 0;
}

// CampaignRenderer (campaign_render.h): how A/B variants are dealt over the
// recipients' sequence numbers, how a recipient's text is made (template,
// defaults, footer) and what it costs in segments (TS 23.038 / TS 23.040).
#include "daemon/core/campaign_render.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

namespace tellal::core {
namespace {

using Fields = std::map<std::string, std::string>;

std::vector<store::CampaignVariant> Weighted(const std::vector<int>& weights) {
  std::vector<store::CampaignVariant> variants;
  for (size_t i = 0; i < weights.size(); ++i) {
    variants.push_back({"v" + std::to_string(i), "Variant " + std::to_string(i), weights[i]});
  }
  return variants;
}

std::vector<store::CampaignVariant> Single(const std::string& text) { return {{"", text, 1}}; }

CampaignRenderer Make(const std::vector<store::CampaignVariant>& variants, std::optional<std::string> footer = {},
                      int max_segments = 10) {
  auto made = CampaignRenderer::Create(variants, std::move(footer), max_segments);
  INFO((made.ok() ? std::string() : made.error().message));
  REQUIRE(made.ok());
  return std::move(made).value();
}

std::string CreateError(const std::vector<store::CampaignVariant>& variants) {
  auto made = CampaignRenderer::Create(variants, std::nullopt, 10);
  REQUIRE_FALSE(made.ok());
  return made.error().message;
}

RenderedText Render(const CampaignRenderer& r, const Fields& fields, int64_t seq = 1) {
  auto rendered = r.Render(seq, fields);
  INFO((rendered.ok() ? std::string() : rendered.error().message));
  REQUIRE(rendered.ok());
  return std::move(rendered).value();
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

const std::vector<std::vector<int>> kWeightTables = {
    {1}, {1, 1}, {2, 2}, {3, 1}, {1, 3}, {70, 30}, {50, 30, 20}, {1, 2, 3}, {7, 3, 5, 1}, {9999, 1},
};

}  // namespace

// --- dealing the variants --------------------------------------------------------

TEST_CASE("EveryRunOfSumOfWeightsConsecutiveRecipientsGetsEachVariantExactlyItsWeight", "[campaign_render]") {
  for (const std::vector<int>& weights : kWeightTables) {
    const int total = std::accumulate(weights.begin(), weights.end(), 0);
    CAPTURE(weights);
    const CampaignRenderer r = Make(Weighted(weights));
    // Every window, not only those aligned on a round: a resumed campaign
    // or a report over any slice sees the same split. Slid one recipient at
    // a time over three rounds.
    std::vector<int> dealt;
    for (int64_t seq = 1; seq <= 3 * total; ++seq) dealt.push_back(r.VariantFor(seq));
    for (int v : dealt) REQUIRE((v >= 0 && static_cast<size_t>(v) < weights.size()));
    std::vector<int> seen(weights.size(), 0);
    for (int i = 0; i < total; ++i) ++seen[static_cast<size_t>(dealt[static_cast<size_t>(i)])];
    for (int first = 0;; ++first) {
      if (seen != weights) {
        CAPTURE(first + 1, seen);
        FAIL("the run of " << total << " from this seq is not split by the weights");
      }
      if (first + total == static_cast<int>(dealt.size())) break;
      --seen[static_cast<size_t>(dealt[static_cast<size_t>(first)])];
      ++seen[static_cast<size_t>(dealt[static_cast<size_t>(first + total)])];
    }
  }
}

TEST_CASE("TenThousandRecipientsAtSeventyThirtySplitExactly", "[campaign_render]") {
  const CampaignRenderer r = Make(Weighted({70, 30}));
  auto [recipients, a, b] = GENERATE(table<int64_t, int64_t, int64_t>({
      {10'000, 7'000, 3'000},
      {100, 70, 30},
      {1'000'000, 700'000, 300'000},
  }));
  CAPTURE(recipients);
  int64_t count[2] = {0, 0};
  for (int64_t seq = 1; seq <= recipients; ++seq) ++count[r.VariantFor(seq)];
  CHECK(count[0] == a);
  CHECK(count[1] == b);
}

TEST_CASE("AnAudienceThatIsNoMultipleOfTheRoundIsOffByLessThanOneRecipientPerVariant", "[campaign_render]") {
  const CampaignRenderer r = Make(Weighted({70, 30}));
  const int64_t recipients = GENERATE(1, 2, 7, 99, 101, 9'999, 10'001, 12'345);
  CAPTURE(recipients);
  int64_t count[2] = {0, 0};
  for (int64_t seq = 1; seq <= recipients; ++seq) ++count[r.VariantFor(seq)];
  // The split of an interleaved deal: within one recipient of the ideal.
  CHECK(std::abs(static_cast<double>(count[0]) - 0.7 * static_cast<double>(recipients)) < 2.0);
  CHECK(std::abs(static_cast<double>(count[1]) - 0.3 * static_cast<double>(recipients)) < 2.0);
}

TEST_CASE("EqualWeightsAlternate", "[campaign_render]") {
  SECTION("1/1") {
    const CampaignRenderer r = Make(Weighted({1, 1}));
    for (int64_t seq = 1; seq <= 20; ++seq) CHECK(r.VariantFor(seq) == (seq % 2 == 1 ? 0 : 1));
  }
  SECTION("5/5 deals like 1/1, not five and five") {
    const CampaignRenderer r = Make(Weighted({5, 5}));
    for (int64_t seq = 1; seq < 20; ++seq) CHECK(r.VariantFor(seq) != r.VariantFor(seq + 1));
  }
  SECTION("1/1/1 cycles through all three") {
    const CampaignRenderer r = Make(Weighted({1, 1, 1}));
    for (int64_t seq = 1; seq <= 30; seq += 3) {
      CHECK(std::vector<int>{r.VariantFor(seq), r.VariantFor(seq + 1), r.VariantFor(seq + 2)} ==
            std::vector<int>{0, 1, 2});
    }
  }
}

TEST_CASE("TwoVariantsAreInterleavedNotDealtInBlocks", "[campaign_render]") {
  // The lighter variant never comes twice in a row, and the heavier comes at
  // most ceil(heavy / light) times in a row.
  auto [heavy, light] = GENERATE(table<int, int>({{70, 30}, {3, 1}, {2, 1}, {9, 1}, {51, 49}, {99, 1}, {5, 3}}));
  CAPTURE(heavy, light);
  const int longest_heavy_run = (heavy + light - 1) / light;
  for (const bool heavy_first : {true, false}) {
    const CampaignRenderer r =
        Make(Weighted(heavy_first ? std::vector<int>{heavy, light} : std::vector<int>{light, heavy}));
    const int heavy_index = heavy_first ? 0 : 1;
    int run = 0;
    int previous = -1;
    for (int64_t seq = 1; seq <= 3 * (heavy + light); ++seq) {
      const int v = r.VariantFor(seq);
      run = v == previous ? run + 1 : 1;
      previous = v;
      CAPTURE(heavy_first, seq);
      REQUIRE(run <= (v == heavy_index ? longest_heavy_run : 1));
    }
  }
}

TEST_CASE("ManyVariantsAreSpreadOverTheRound", "[campaign_render]") {
  // A variant of weight w out of a total T never waits twice its share (2T/w
  // recipients) for its next turn; dealt in blocks, the first would wait
  // T - w + 1.
  for (const std::vector<int>& weights : kWeightTables) {
    if (weights.size() < 2) continue;
    const int total = std::accumulate(weights.begin(), weights.end(), 0);
    const CampaignRenderer r = Make(Weighted(weights));
    for (size_t v = 0; v < weights.size(); ++v) {
      int64_t last = 0;
      for (int64_t seq = 1; seq <= 3 * total; ++seq) {
        if (r.VariantFor(seq) != static_cast<int>(v)) continue;
        CAPTURE(weights, v, seq, last);
        if (last != 0) REQUIRE(seq - last <= 2 * total / weights[v]);
        last = seq;
      }
    }
  }
}

TEST_CASE("TheDealDependsOnlyOnTheSequenceNumber", "[campaign_render]") {
  // A campaign resumed after a restart builds a new renderer: the same
  // recipient must get the same variant, and Render must agree with VariantFor.
  const auto variants = Weighted({7, 3, 5, 1});
  const CampaignRenderer before = Make(variants);
  const CampaignRenderer after = Make(variants);
  for (int64_t seq = 1; seq <= 200; ++seq) {
    CAPTURE(seq);
    REQUIRE(before.VariantFor(seq) == after.VariantFor(seq));
    const RenderedText text = Render(after, {}, seq);
    REQUIRE(text.variant == before.VariantFor(seq));
    REQUIRE(text.text == "Variant " + std::to_string(text.variant));
  }
}

// --- the text -------------------------------------------------------------------

TEST_CASE("TemplatesAreFilledWithTheRecipientsFieldsOrTheirDefaults", "[campaign_render]") {
  const CampaignRenderer r = Make(Single("Merhaba {name|Değerli müşterimiz}, kodunuz {code}"));
  struct Case {
    const char* what;
    Fields fields;
    const char* text;
  };
  const Case cases[] = {
      {"both given", {{"name", "Ayşe"}, {"code", "4821"}}, "Merhaba Ayşe, kodunuz 4821"},
      {"no name: the default", {{"code", "4821"}}, "Merhaba Değerli müşterimiz, kodunuz 4821"},
      {"an empty name counts as none", {{"name", ""}, {"code", "4821"}}, "Merhaba Değerli müşterimiz, kodunuz 4821"},
      {"other fields are ignored", {{"code", "7"}, {"city", "İzmir"}}, "Merhaba Değerli müşterimiz, kodunuz 7"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CHECK(Render(r, c.fields).text == c.text);
  }
}

TEST_CASE("EachVariantUsesItsOwnTemplate", "[campaign_render]") {
  const CampaignRenderer r = Make({{"kisa", "Kod: {code}", 1}, {"uzun", "Merhaba {name|efendim}, kodunuz {code}", 1}});
  CHECK(Render(r, {{"code", "1"}}, 1).text == "Kod: 1");
  CHECK(Render(r, {{"code", "2"}}, 2).text == "Merhaba efendim, kodunuz 2");
  CHECK(Render(r, {{"code", "3"}, {"name", "Oğuz"}}, 4).text == "Merhaba Oğuz, kodunuz 3");
}

TEST_CASE("ARecipientWithoutAValueForAFieldWithoutDefaultIsRejectedNamingTheField", "[campaign_render]") {
  const CampaignRenderer r = Make(Single("Merhaba {name|efendim}, kodunuz {code}"), std::string("RET 4545"));
  auto [what, fields] = GENERATE(table<const char*, Fields>({
      {"no code at all", Fields{{"name", "Ayşe"}}},
      {"an empty code", Fields{{"code", ""}}},
  }));
  INFO(what);
  auto rendered = r.Render(1, fields);
  REQUIRE_FALSE(rendered.ok());
  CHECK_THAT(rendered.error().message, Catch::Contains("{code}"));
}

TEST_CASE("TheFooterComesOnALineOfItsOwnAfterTheText", "[campaign_render]") {
  SECTION("with a footer") {
    const CampaignRenderer r = Make(Single("Kampanya {code}"), std::string("RET yazip 4545'a gonderin"));
    CHECK(Render(r, {{"code", "X1"}}).text == "Kampanya X1\nRET yazip 4545'a gonderin");
  }
  SECTION("without one (informational, or footer off)") {
    const CampaignRenderer r = Make(Single("Kampanya {code}"), std::nullopt);
    CHECK(Render(r, {{"code", "X1"}}).text == "Kampanya X1");
  }
  SECTION("an empty [campaigns] footer means no footer, not an empty line") {
    const CampaignRenderer r = Make(Single("Kampanya {code}"), std::string());
    CHECK(Render(r, {{"code", "X1"}}).text == "Kampanya X1");
  }
}

// --- what it costs ----------------------------------------------------------------

TEST_CASE("EncodingAndSegmentsFollowTheTextPlanner", "[campaign_render]") {
  // TS 23.038 §6.2.1: 160 septets fit one SMS; longer texts are cut into
  // parts of 153 (TS 23.040 §9.2.3.24.1: a 6-octet concatenation header).
  // A national language shift header (TS 23.040 §9.2.3.24.15/16, 3 octets)
  // leaves 155 septets alone, 149 beside the concatenation header. UCS-2:
  // 70 characters, 67 per part.
  const std::string a154 = Repeat("a", 154);
  const std::string cyrillic = "д";
  auto [what, text, encoding, segments] = GENERATE_REF(table<std::string, std::string, std::string, int>({
      {"1 char", "a", "gsm7", 1},
      {"160 GSM chars", Repeat("a", 160), "gsm7", 1},
      {"161 GSM chars", Repeat("a", 161), "gsm7", 2},
      {"306 = 2 x 153", Repeat("a", 306), "gsm7", 2},
      {"307 GSM chars", Repeat("a", 307), "gsm7", 3},
      {"ş plus 154: 155 septets with the Turkish locking table", "ş" + a154, "gsm7-turkish", 1},
      {"ş plus 155: 156 septets", "ş" + a154 + "a", "gsm7-turkish", 2},
      {"ğ and ı", "Iğdır ve Muş", "gsm7-turkish", 1},
      {"70 Cyrillic", Repeat(cyrillic, 70), "ucs2", 1},
      {"71 Cyrillic", Repeat(cyrillic, 71), "ucs2", 2},
      {"134 = 2 x 67 Cyrillic", Repeat(cyrillic, 134), "ucs2", 2},
      {"135 Cyrillic", Repeat(cyrillic, 135), "ucs2", 3},
  }));
  INFO(what);
  const CampaignRenderer r = Make(Single("{text}"), std::nullopt, 10);
  const RenderedText rendered = Render(r, {{"text", text}});
  CHECK(rendered.text == text);
  CHECK(rendered.encoding == encoding);
  CHECK(rendered.segments == segments);
}

TEST_CASE("TheFooterIsCountedInTheSegments", "[campaign_render]") {
  // "\n" (LF) is one septet of the default alphabet; "RET 4545" eight.
  const CampaignRenderer r = Make(Single("{text}"), std::string("RET 4545"), 10);
  auto [body_length, segments] = GENERATE(table<size_t, int>({{151, 1}, {152, 2}}));
  CAPTURE(body_length);
  const RenderedText rendered = Render(r, {{"text", Repeat("a", body_length)}});
  CHECK(rendered.text.size() == body_length + 9);
  CHECK(rendered.encoding == "gsm7");
  CHECK(rendered.segments == segments);
}

TEST_CASE("ATextNeedingMoreThanMaxSegmentsIsRejected", "[campaign_render]") {
  const CampaignRenderer r = Make(Single("{text}"), std::nullopt, 2);
  SECTION("2 x 153 septets is the most") { CHECK(Render(r, {{"text", Repeat("a", 306)}}).segments == 2); }
  SECTION("one more septet needs a third") {
    auto rendered = r.Render(1, {{"text", Repeat("a", 307)}});
    REQUIRE_FALSE(rendered.ok());
    CHECK_THAT(rendered.error().message, Catch::Contains("3 segments") && Catch::Contains("at most 2"));
  }
  SECTION("a footer can be what tips it over") {
    const CampaignRenderer with_footer = Make(Single("{text}"), std::string("RET 4545"), 2);
    auto rendered = with_footer.Render(1, {{"text", Repeat("a", 300)}});
    REQUIRE_FALSE(rendered.ok());
    CHECK_THAT(rendered.error().message, Catch::Contains("at most 2"));
  }
}

TEST_CASE("AnEmptyTextIsRejected", "[campaign_render]") {
  const CampaignRenderer r = Make(Single("{text|}"), std::nullopt, 10);
  auto rendered = r.Render(1, {});
  REQUIRE_FALSE(rendered.ok());
  // The planner's reason, named once: "text: is empty".
  CHECK(rendered.error().message == "text: is empty");
}

// --- refusing a campaign ---------------------------------------------------------

TEST_CASE("CreateRefusesBadTemplatesAndWeightsNamingTheField", "[campaign_render]") {
  struct Case {
    const char* what;
    std::vector<store::CampaignVariant> variants;
    const char* field;
  };
  const Case cases[] = {
      {"no variants", {}, "template:"},
      {"a single template never closed", {{"", "Merhaba {name", 1}}, "template:"},
      {"a single template with a stray }", {{"", "Merhaba name}", 1}}, "template:"},
      {"an empty field name", {{"", "Merhaba {}", 1}}, "template:"},
      {"the second of two templates", {{"a", "ok", 1}, {"b", "{x", 1}}, "variants[1].template:"},
      {"weight 0", {{"a", "ok", 0}, {"b", "ok", 1}}, "variants[0].weight:"},
      {"a negative weight", {{"a", "ok", 1}, {"b", "ok", -3}}, "variants[1].weight:"},
      {"weights over 10000 in sum", {{"a", "ok", 9'000}, {"b", "ok", 1'001}}, "variants[1].weight:"},
      {"one weight over 10000", {{"a", "ok", 10'001}}, "variants[0].weight:"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CHECK_THAT(CreateError(c.variants), Catch::StartsWith(c.field));
  }
}

TEST_CASE("WeightsAddingUpToExactlyTheLimitAreAccepted", "[campaign_render]") {
  const CampaignRenderer r = Make({{"a", "A", 9'000}, {"b", "B", 1'000}});
  int64_t b = 0;
  for (int64_t seq = 1; seq <= kMaxVariantWeightSum; ++seq) b += r.VariantFor(seq);
  CHECK(b == 1'000);
}

}  // namespace tellal::core

// ParseCampaign (campaign_request.h): the body of POST /api/v1/campaigns
// turned into a store::NewCampaign, every member checked and a 400 naming
// the member that is wrong.
#include "web/api/campaign_request.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "api_test_support.h"

using nlohmann::json;
using namespace tellal;
using namespace tellal::web;
using tellal::web::testing::kNow;
using tellal::web::testing::TestSettings;

namespace {

// kNow is 2026-05-28T20:26:40Z.
constexpr int64_t kJune1At10 = 1'780'297'200'000;  // 2026-06-01T10:00:00+03:00
constexpr int64_t kJune1At18 = 1'780'326'000'000;  // 2026-06-01T18:00:00+03:00

json Minimal() { return json{{"name", "Kasım"}, {"template", "Merhaba"}, {"audience", {{"groups", {"istanbul"}}}}}; }

// Minimal() with `member` set to `value` (null removes it).
json With(json body, const std::string& member, json value) {
  if (value.is_null()) {
    body.erase(member);
  } else {
    body[member] = std::move(value);
  }
  return body;
}

json WithAudience(json audience) { return With(Minimal(), "audience", std::move(audience)); }
json WithCsv(const std::string& csv) { return WithAudience(json{{"csv", csv}}); }

store::NewCampaign Accept(const json& body, const ApiSettings& settings = TestSettings()) {
  auto parsed = ParseCampaign(body, settings, kNow);
  INFO(body.dump() << " -> " << (parsed.ok() ? "" : parsed.error().message));
  REQUIRE(parsed.ok());
  return std::move(parsed).value();
}

ApiError Reject(const json& body, const ApiSettings& settings = TestSettings()) {
  auto parsed = ParseCampaign(body, settings, kNow);
  INFO(body.dump());
  REQUIRE_FALSE(parsed.ok());
  return parsed.error();
}

// The 400 names `field` with `code`, and its message starts with the field.
void CheckRejected(const json& body, const std::string& field, const std::string& code = "invalid_field") {
  const ApiError e = Reject(body);
  INFO(body.dump() << " -> " << e.message);
  CHECK(e.status == 400);
  CHECK(e.code == code);
  REQUIRE(e.field.has_value());
  CHECK(*e.field == field);
  CHECK_THAT(e.message, Catch::StartsWith(field + ": "));
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

// --- what is accepted --------------------------------------------------------------

TEST_CASE("ParseCampaignMapsEveryMember") {
  const store::NewCampaign c = Accept(json{{"name", "Kasım indirimi"},
                                           {"template", "Merhaba {name|efendim}"},
                                           {"audience",
                                            {{"groups", {"istanbul", "vip"}},
                                             {"numbers", {"05321234567", "+90 533 111 22 33"}},
                                             {"filter", {{"şehir", "İzmir"}}}}},
                                           {"category", "commercial"},
                                           {"send_at", "2026-06-01T10:00:00+03:00"},
                                           {"end_at", "2026-06-01T18:00:00+03:00"},
                                           {"rate_per_minute", 120},
                                           {"footer", false}});
  CHECK(c.name == "Kasım indirimi");
  REQUIRE(c.variants.size() == 1);
  CHECK(c.variants[0].name.empty());
  CHECK(c.variants[0].text == "Merhaba {name|efendim}");
  CHECK(c.variants[0].weight == 1);
  CHECK(c.audience.groups == std::vector<std::string>{"istanbul", "vip"});
  CHECK(c.audience.numbers == std::vector<std::string>{"+905321234567", "+905331112233"});
  CHECK(c.audience.filter == std::map<std::string, std::string>{{"şehir", "İzmir"}});
  CHECK(c.audience.rows.empty());
  CHECK(c.category == store::Category::kCommercial);
  CHECK(c.send_at == kJune1At10);
  CHECK(c.end_at == kJune1At18);
  CHECK(c.rate_per_minute == 120);
  CHECK_FALSE(c.footer);
}

TEST_CASE("ParseCampaignDefaults") {
  const store::NewCampaign c = Accept(Minimal());
  CHECK(c.category == store::Category::kCommercial);
  CHECK(c.footer);  // commercial campaigns carry the opt-out footer
  CHECK_FALSE(c.send_at);
  CHECK_FALSE(c.end_at);
  CHECK(c.rate_per_minute == 0);
}

TEST_CASE("ParseCampaignTreatsNullAsAbsent") {
  json body = Minimal();
  for (const char* member : {"category", "send_at", "end_at", "rate_per_minute", "footer", "variants"})
    body[member] = nullptr;
  body["audience"]["numbers"] = nullptr;
  body["audience"]["csv"] = nullptr;
  const store::NewCampaign c = Accept(body);
  CHECK(c.category == store::Category::kCommercial);
  CHECK(c.footer);
  CHECK(c.audience.numbers.empty());
  CHECK(c.variants.size() == 1);
}

TEST_CASE("TheFooterFollowsTheCategory") {
  auto [category, footer, expected] = GENERATE(table<const char*, json, bool>({
      {"commercial", nullptr, true},
      {"commercial", true, true},
      {"commercial", false, false},
      {"informational", nullptr, false},
      {"informational", false, false},
  }));
  CAPTURE(category, footer.dump());
  json body = With(With(Minimal(), "category", category), "footer", footer);
  const store::NewCampaign c = Accept(body);
  CHECK(c.category == *store::ParseCategory(category));
  CHECK(c.footer == expected);
}

TEST_CASE("AnInformationalCampaignMayNotAskForTheFooter") {
  CheckRejected(With(With(Minimal(), "category", "informational"), "footer", true), "footer");
}

TEST_CASE("VariantsAreKeptInOrderWithTheirWeights") {
  const store::NewCampaign c =
      Accept(With(With(Minimal(), "template", nullptr), "variants",
                  json::array({{{"name", "kisa"}, {"template", "Kod {kod|yok}"}, {"weight", 70}},
                               {{"name", "uzun"}, {"template", "Merhaba, kodunuz {kod|yok}"}},
                               {{"name", "üçüncü"}, {"template", "3"}, {"weight", 9'929}}})));  // 10000 in all
  REQUIRE(c.variants.size() == 3);
  CHECK(c.variants[0].name == "kisa");
  CHECK(c.variants[0].text == "Kod {kod|yok}");
  CHECK(c.variants[0].weight == 70);
  CHECK(c.variants[1].name == "uzun");
  CHECK(c.variants[1].weight == 1);  // the default
  CHECK(c.variants[2].name == "üçüncü");
  CHECK(c.variants[2].weight == 9'929);
}

TEST_CASE("NameMayBeUpTo256Bytes") {
  CHECK(Accept(With(Minimal(), "name", Repeat("a", 256))).name.size() == 256);
  CHECK(Accept(With(Minimal(), "name", Repeat("ş", 128))).name.size() == 256);  // two bytes each
  CheckRejected(With(Minimal(), "name", Repeat("a", 257)), "name");
  CheckRejected(With(Minimal(), "name", Repeat("ş", 129)), "name");
}

TEST_CASE("RatePerMinuteRange") {
  const int rate = GENERATE(0, 1, 59'999, 60'000);
  CHECK(Accept(With(Minimal(), "rate_per_minute", rate)).rate_per_minute == rate);
}

TEST_CASE("SendAtInThePastMeansAtOnceAndIsAccepted") {
  CHECK(Accept(With(Minimal(), "send_at", "2026-05-01T10:00:00+03:00")).send_at == 1'777'618'800'000);
}

TEST_CASE("EndAtMustBeAfterSendAtAndAfterNow") {
  auto [what, send_at, end_at, ok] = GENERATE(table<const char*, json, const char*, bool>({
      {"a second after now", nullptr, "2026-05-28T23:26:41+03:00", true},
      {"exactly now", nullptr, "2026-05-28T20:26:40Z", false},
      {"before now", nullptr, "2026-05-01T10:00:00+03:00", false},
      {"after send_at", "2026-06-01T10:00:00+03:00", "2026-06-01T18:00:00+03:00", true},
      {"equal to send_at", "2026-06-01T10:00:00+03:00", "2026-06-01T10:00:00+03:00", false},
      {"before send_at, after now", "2026-06-01T18:00:00+03:00", "2026-06-01T10:00:00+03:00", false},
      {"after a past send_at but before now", "2026-05-01T10:00:00+03:00", "2026-05-02T10:00:00+03:00", false},
  }));
  INFO(what);
  const json body = With(With(Minimal(), "send_at", send_at), "end_at", end_at);
  if (ok) {
    CHECK(Accept(body).end_at.has_value());
  } else {
    CheckRejected(body, "end_at");
  }
}

// --- what is refused, naming the member -----------------------------------------------

TEST_CASE("EveryBadMemberIsNamed") {
  const json variants_base = json::array({{{"name", "a"}, {"template", "A"}}, {{"name", "b"}, {"template", "B"}}});
  auto variants = [&](size_t i, const std::string& member, json value) {
    json v = variants_base;
    if (value.is_null()) {
      v[i].erase(member);
    } else {
      v[i][member] = std::move(value);
    }
    return With(With(Minimal(), "template", nullptr), "variants", v);
  };
  struct Case {
    const char* what;
    json body;
    std::string field;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"no name", With(Minimal(), "name", nullptr), "name", "missing_field"},
      {"a number for a name", With(Minimal(), "name", 7), "name", "invalid_field"},
      {"an empty name", With(Minimal(), "name", ""), "name", "invalid_field"},
      {"neither template nor variants", With(Minimal(), "template", nullptr), "template", "missing_field"},
      {"both template and variants", With(Minimal(), "variants", variants_base), "variants", "invalid_field"},
      {"a template that is not a string", With(Minimal(), "template", json::array()), "template", "invalid_field"},
      {"an empty template", With(Minimal(), "template", ""), "template", "invalid_field"},
      {"a template never closed", With(Minimal(), "template", "Merhaba {name"), "template", "invalid_field"},
      {"a template with a stray }", With(Minimal(), "template", "a } b"), "template", "invalid_field"},
      {"variants not an array", With(With(Minimal(), "template", nullptr), "variants", json::object()), "variants",
       "invalid_field"},
      {"no variants", With(With(Minimal(), "template", nullptr), "variants", json::array()), "variants",
       "invalid_field"},
      {"a variant that is not an object", With(With(Minimal(), "template", nullptr), "variants", json::array({"A"})),
       "variants[0]", "invalid_field"},
      {"an unknown variant member", variants(1, "colour", "red"), "variants[1].colour", "unknown_field"},
      {"a variant without a name", variants(0, "name", nullptr), "variants[0].name", "invalid_field"},
      {"a variant with an empty name", variants(1, "name", ""), "variants[1].name", "invalid_field"},
      {"a variant name of 257 bytes", variants(1, "name", Repeat("x", 257)), "variants[1].name", "invalid_field"},
      {"two variants of one name", variants(1, "name", "a"), "variants[1].name", "invalid_field"},
      {"a variant without a template", variants(0, "template", nullptr), "variants[0].template", "invalid_field"},
      {"a variant with an empty template", variants(1, "template", ""), "variants[1].template", "invalid_field"},
      {"a variant template that does not parse", variants(1, "template", "{}"), "variants[1].template",
       "invalid_field"},
      {"weight 0", variants(0, "weight", 0), "variants[0].weight", "invalid_field"},
      {"a negative weight", variants(0, "weight", -1), "variants[0].weight", "invalid_field"},
      {"weight 10001", variants(1, "weight", 10'001), "variants[1].weight", "invalid_field"},
      {"a fractional weight", variants(1, "weight", 1.5), "variants[1].weight", "invalid_field"},
      {"a weight as a string", variants(1, "weight", "2"), "variants[1].weight", "invalid_field"},
      {"weights adding up over 10000",
       [&] {
         json v = variants_base;
         v[0]["weight"] = 9'000;
         v[1]["weight"] = 1'001;
         return With(With(Minimal(), "template", nullptr), "variants", v);
       }(),
       "variants[1].weight", "invalid_field"},
      {"no audience", With(Minimal(), "audience", nullptr), "audience", "missing_field"},
      {"an audience that is not an object", With(Minimal(), "audience", json::array({"istanbul"})), "audience",
       "invalid_field"},
      {"an empty audience", WithAudience(json::object()), "audience", "invalid_field"},
      {"an audience of empty lists", WithAudience({{"groups", json::array()}, {"numbers", json::array()}}), "audience",
       "invalid_field"},
      {"an unknown audience member", WithAudience({{"groups", {"a"}}, {"contacts", {1}}}), "audience.contacts",
       "unknown_field"},
      {"groups not an array", WithAudience({{"groups", "istanbul"}}), "audience.groups", "invalid_field"},
      {"a group that is not a string", WithAudience({{"groups", {"a", 2}}}), "audience.groups[1]", "invalid_field"},
      {"a bad group name", WithAudience({{"groups", {"a", "x/y"}}}), "audience.groups[1]", "invalid_field"},
      {"an empty group name", WithAudience({{"groups", {""}}}), "audience.groups[0]", "invalid_field"},
      {"numbers not an array", WithAudience({{"numbers", "05321234567"}}), "audience.numbers", "invalid_field"},
      {"a number that is not a string", WithAudience({{"numbers", {5321234567}}}), "audience.numbers[0]",
       "invalid_field"},
      {"a bad number", WithAudience({{"numbers", {"05321234567", "abc"}}}), "audience.numbers[1]", "invalid_number"},
      {"a filter that is not an object", WithAudience({{"filter", "city=İzmir"}}), "audience.filter", "invalid_field"},
      {"a filter value that is not a string", WithAudience({{"filter", {{"yaş", 30}}}}), "audience.filter.yaş",
       "invalid_field"},
      {"a filter key with =", WithAudience({{"filter", {{"a=b", "c"}}}}), "audience.filter.a=b", "invalid_field"},
      {"a csv that is not a string", WithAudience({{"csv", json::array({"telefon"})}}), "audience.csv",
       "invalid_field"},
      {"a category that is not a string", With(Minimal(), "category", 1), "category", "invalid_field"},
      {"an unknown category", With(Minimal(), "category", "promo"), "category", "invalid_field"},
      {"a footer that is not a boolean", With(Minimal(), "footer", "yes"), "footer", "invalid_field"},
      {"send_at without an offset", With(Minimal(), "send_at", "2026-06-01T10:00:00"), "send_at", "invalid_field"},
      {"send_at not a time", With(Minimal(), "send_at", "tomorrow"), "send_at", "invalid_field"},
      {"send_at a number", With(Minimal(), "send_at", 1780297200), "send_at", "invalid_field"},
      {"end_at not a time", With(Minimal(), "end_at", "2026-13-01T10:00:00Z"), "end_at", "invalid_field"},
      {"rate -1", With(Minimal(), "rate_per_minute", -1), "rate_per_minute", "invalid_field"},
      {"rate 60001", With(Minimal(), "rate_per_minute", 60'001), "rate_per_minute", "invalid_field"},
      {"a fractional rate", With(Minimal(), "rate_per_minute", 2.5), "rate_per_minute", "invalid_field"},
      {"a rate as a string", With(Minimal(), "rate_per_minute", "60"), "rate_per_minute", "invalid_field"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CheckRejected(c.body, c.field, c.code);
  }
}

TEST_CASE("ATemplateErrorSaysWhereOnce") {
  // "template: text: '{' at character 9 ...": the field once, then the
  // template parser's reason with the character.
  const ApiError e = Reject(With(Minimal(), "template", "Merhaba {name"));
  CHECK_THAT(e.message, Catch::StartsWith("template: text: '{' at character 9"));
}

TEST_CASE("AtMost100000Numbers") {
  json numbers = json::array();
  for (size_t i = 0; i < kMaxCampaignNumbers; ++i) numbers.push_back("+90532" + std::to_string(1'000'000 + i));
  CHECK(Accept(WithAudience({{"numbers", numbers}})).audience.numbers.size() == kMaxCampaignNumbers);
  numbers.push_back("+905329999999");
  CheckRejected(WithAudience({{"numbers", numbers}}), "audience.numbers");
}

TEST_CASE("NationalNumbersNeedADefaultCountry") {
  ApiSettings settings = TestSettings();
  settings.default_country = "";
  const ApiError e = Reject(WithAudience({{"numbers", {"05321234567"}}}), settings);
  CHECK(e.code == "invalid_number");
  CHECK(e.field == "audience.numbers[0]");
  CHECK(Accept(WithAudience({{"numbers", {"+905321234567"}}}), settings).audience.numbers ==
        std::vector<std::string>{"+905321234567"});
}

TEST_CASE("AFilterAloneIsAnAudience") {
  const store::NewCampaign c = Accept(WithAudience({{"filter", {{"segment", "gold"}}}}));
  CHECK(c.audience.groups.empty());
  CHECK(c.audience.filter.at("segment") == "gold");
}

// --- CSV audiences ----------------------------------------------------------------------

TEST_CASE("ACsvAudienceBecomesRowsOfFieldsByHeaderWithTheNumberNormalised") {
  struct Case {
    const char* what;
    std::string csv;
    std::vector<std::map<std::string, std::string>> rows;
  };
  const std::vector<Case> cases = {
      {"commas, LF",
       "number,name\n05321234567,Ayşe\n+90 533 111 22 33,Oğuz\n",
       {{{"number", "+905321234567"}, {"name", "Ayşe"}}, {{"number", "+905331112233"}, {"name", "Oğuz"}}}},
      {"semicolons (a Turkish spreadsheet), CRLF, a Turkish header",
       "Telefon;Ad;Şehir\r\n0532 123 45 67;Çağla;İzmir\r\n",
       {{{"Telefon", "0532 123 45 67"}, {"Ad", "Çağla"}, {"Şehir", "İzmir"}, {"number", "+905321234567"}}}},
      {"a byte-order mark before the header",
       "\xEF\xBB\xBFgsm,kod\n5321234567,A-1\n",
       {{{"gsm", "5321234567"}, {"kod", "A-1"}, {"number", "+905321234567"}}}},
      {"quoted fields with the separator, quotes and a line break",
       "numara;not\n05321234567;\"Kadıköy; \"\"merkez\"\" şube\"\n05331112233;\"iki\nsatır\"\n",
       {{{"numara", "05321234567"}, {"not", "Kadıköy; \"merkez\" şube"}, {"number", "+905321234567"}},
        {{"numara", "05331112233"}, {"not", "iki\nsatır"}, {"number", "+905331112233"}}}},
      {"the number column found by any of its names, Turkish-folded",
       "isim,TELEFON\nAyşe,05321234567\n",
       {{{"isim", "Ayşe"}, {"TELEFON", "05321234567"}, {"number", "+905321234567"}}}},
      {"phone", "phone\n+905321234567\n", {{{"phone", "+905321234567"}, {"number", "+905321234567"}}}},
      {"blank lines are skipped", "number\n\n05321234567\n\n", {{{"number", "+905321234567"}}}},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const store::NewCampaign parsed = Accept(WithCsv(c.csv));
    CHECK(parsed.audience.rows == c.rows);
  }
}

TEST_CASE("ABadCsvRefusesTheCampaignNamingTheRow") {
  struct Case {
    const char* what;
    std::string csv;
    const char* says;
  };
  const Case cases[] = {
      {"no header at all", "", ""},
      {"no number column", "ad,şehir\nAyşe,İzmir\n", "no number column"},
      {"a header but no rows", "telefon;ad\n", "no rows"},
      {"a column without a name", "telefon,,ad\n05321234567,x,Ayşe\n", "column 2 has no name"},
      {"a bad number in row 3", "telefon\n05321234567\nabc\n", "row 3: "},
      {"too few fields in row 2", "telefon;ad\n05321234567\n", "row 2: has 1 fields, the header 2"},
      {"a quote never closed in row 2", "telefon,ad\n05321234567,\"Ayşe\n", "row 2"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const ApiError e = Reject(WithCsv(c.csv));
    INFO(e.message);
    CHECK(e.code == "invalid_field");
    CHECK(e.field == "audience.csv");
    CHECK_THAT(e.message, Catch::Contains(c.says));
  }
}

TEST_CASE("ACsvOnlyAudienceRefusesATemplateFieldThatIsNotAColumn") {
  const std::string csv = "telefon;ad;şehir\n05321234567;Ayşe;İzmir\n";
  SECTION("a column by its header, and number, are fields") {
    Accept(With(WithCsv(csv), "template", "Merhaba {ad} ({şehir}), numaranız {number}, {telefon}"));
  }
  SECTION("a missing field with a default is fine") { Accept(With(WithCsv(csv), "template", "Merhaba {soyad|}{ad}")); }
  SECTION("a missing field without one is refused, naming it and the columns") {
    const ApiError e = Reject(With(WithCsv(csv), "template", "Merhaba {soyad}"));
    CHECK(e.field == "template");
    CHECK_THAT(e.message, Catch::Contains("{soyad}") && Catch::Contains("telefon, ad, şehir"));
  }
  SECTION("letter case matters, and the hint says which column was meant") {
    const ApiError e = Reject(With(WithCsv(csv), "template", "Merhaba {Ad}"));
    CHECK(e.field == "template");
    CHECK_THAT(e.message, Catch::Contains("did you mean {ad}?"));
  }
  SECTION("in a variant, the variant's template is named") {
    const json body =
        With(With(WithCsv(csv), "template", nullptr), "variants",
             json::array({{{"name", "a"}, {"template", "{ad}"}}, {{"name", "b"}, {"template", "{kod}"}}}));
    const ApiError e = Reject(body);
    CHECK(e.field == "variants[1].template");
    CHECK_THAT(e.message, Catch::Contains("{kod}"));
  }
  SECTION("a single variant is named as a variant, not as template") {
    const json body = With(With(WithCsv(csv), "template", nullptr), "variants",
                           json::array({{{"name", "tek"}, {"template", "{kod}"}}}));
    const ApiError e = Reject(body);
    CHECK(e.field == "variants[0].template");
  }
  SECTION("numbers beside the CSV do not lift the check") {
    const json body = With(WithAudience({{"csv", csv}, {"numbers", {"05331112233"}}}), "template", "Merhaba {soyad}");
    CheckRejected(body, "template");
  }
  SECTION("beside bare numbers a CSV column is not enough: the numbers have only {number}") {
    const json body = With(WithAudience({{"csv", csv}, {"numbers", {"05331112233"}}}), "template", "Merhaba {ad}");
    CheckRejected(body, "template");
  }
}

TEST_CASE("AnAudienceOfBareNumbersHasOnlyTheNumberField") {
  const json numbers = json{{"numbers", {"05331112233", "05331112234"}}};
  Accept(With(WithAudience(numbers), "template", "Kodunuz {number}"));
  Accept(With(WithAudience(numbers), "template", "Merhaba {ad|efendim}"));
  CheckRejected(With(WithAudience(numbers), "template", "Merhaba {ad}"), "template");
}

TEST_CASE("AudiencesWithContactsCheckTemplateFieldsPerRecipientLater") {
  // Contacts are read when the campaign starts; their fields are not known
  // now, so a field the CSV lacks is not refused here.
  const std::string csv = "telefon\n05321234567\n";
  for (const json& other : {json{{"groups", {"istanbul"}}}, json{{"filter", {{"segment", "gold"}}}}}) {
    json audience = other;
    audience["csv"] = csv;
    const store::NewCampaign c = Accept(With(WithAudience(audience), "template", "Merhaba {ad}"));
    CHECK(c.audience.rows.size() == 1);
  }
}

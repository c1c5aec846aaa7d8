#include "web/api/preview_api.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api_test_support.h"
#include "fake_backend.h"
#include "modem/pdu/text_planner.h"
#include "web/api/api_router.h"

namespace tellal::web {
namespace {

using namespace tellal::web::testing;
using nlohmann::json;

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct Vector {
  std::string name;
  std::string text;
  std::string encoding;
  bool turkish;
  size_t characters;
  size_t segments;
  size_t per_segment;
  size_t left;
  std::vector<std::string> forced_by;
  size_t segments_without_tables;
};

// Capacities (TS 23.040 §9.2.3.24): 160 septets alone, 153 per part with the
// 6-octet concatenation header; Turkish single shift adds a 3-octet header
// (155 alone, 149 per part); UCS-2 is 70 alone, 67 per part.
TEST_CASE("Preview reports the encoding and segments the daemon would send") {
  const std::vector<Vector> vectors = {
      {"plain GSM", "Merhaba dunya", "gsm7", false, 13, 1, 160, 147, {}, 1},
      {"160 septets fit one segment", std::string(160, 'a'), "gsm7", false, 160, 1, 160, 0, {}, 1},
      {"161 septets need two of 153", std::string(161, 'a'), "gsm7", false, 161, 2, 153, 145, {}, 2},
      {"306 septets fill two", std::string(306, 'a'), "gsm7", false, 306, 2, 153, 0, {}, 2},
      {"extension characters cost two septets", "€{}", "gsm7", false, 3, 1, 160, 154, {}, 1},
      {"80 euros fill one segment", Repeat("€", 80), "gsm7", false, 80, 1, 160, 0, {}, 1},
      {"Turkish letters fit the Turkish shift table", "Şişli'de ığdır çöğüş İzmir", "gsm7", true, 26, 1, 155, 129, {}, 1},
      {"emoji forces UCS-2", "Merhaba 😀", "ucs2", false, 9, 1, 70, 60, {"😀"}, 1},
      {"70 UCS-2 units fit one", "П" + std::string(69, 'a'), "ucs2", false, 70, 1, 70, 0, {"П"}, 1},
      {"71 need two of 67", "П" + std::string(70, 'a'), "ucs2", false, 71, 2, 67, 63, {"П"}, 2},
      {"an emoji is two units and is never split", "ş" + std::string(68, 'a') + "😀", "ucs2", false, 70, 2, 67, 63, {"😀"}, 2},
      {"two forcing characters, each listed once", "😀 Привет 😀", "ucs2", false, 10, 1, 70, 58,
       {"😀", "П", "р", "и", "в", "е", "т"}, 1},
  };
  for (const Vector& v : vectors) {
    INFO(v.name);
    auto p = PreviewText(v.text);
    REQUIRE(p);
    CHECK(p->encoding == v.encoding);
    CHECK(p->turkish_tables == v.turkish);
    CHECK(p->characters == v.characters);
    CHECK(p->segments == v.segments);
    CHECK(p->characters_per_segment == v.per_segment);
    CHECK(p->characters_left == v.left);
    CHECK(p->ucs2_forced_by == v.forced_by);
    CHECK(p->segments_without_national_tables == v.segments_without_tables);
  }
}

TEST_CASE("Preview agrees with the planner the sending path uses") {
  auto text = GENERATE(as<std::string>{}, "Kampanya: %50 indirim!", std::string(200, 'x') + "ğ", "Çok güzel 🎉",
                       Repeat("İstanbul ", 40));
  auto plan = pdu::PlanText(text, pdu::PlanOptions{});
  REQUIRE(plan);
  auto p = PreviewText(text);
  REQUIRE(p);
  CHECK(p->segments == plan->segments.size());
  CHECK(p->characters_left == plan->units_left);
  CHECK(p->encoding == (plan->encoding == pdu::Encoding::kUcs2 ? "ucs2" : "gsm7"));
}

TEST_CASE("Turkish text that fits the shift tables costs less than without them") {
  const std::string text = Repeat("şğı", 60);  // 180 characters
  auto p = PreviewText(text);
  REQUIRE(p);
  CHECK(p->encoding == "gsm7");
  CHECK(p->turkish_tables);
  CHECK(p->segments < p->segments_without_national_tables);
}

TEST_CASE("POST /api/v1/messages/preview answers the preview as JSON") {
  FakeBackend backend;
  ApiRouter router{backend, TestSettings(), [] { return kNow; }};
  HttpResponse r = router.Handle(PostJson("/api/v1/messages/preview", json{{"text", "Selam 😀"}}.dump()));
  REQUIRE(r.status == 200);
  json body = Json(r);
  CHECK(body == json{{"encoding", "ucs2"},
                     {"national_language", nullptr},
                     {"characters", 7},
                     {"segments", 1},
                     {"characters_per_segment", 70},
                     {"characters_left", 62},
                     {"ucs2_forced_by", {"😀"}},
                     {"segments_without_national_tables", 1}});
  json turkish = Json(router.Handle(PostJson("/api/v1/messages/preview", json{{"text", "Şule"}}.dump())));
  CHECK(turkish["national_language"] == "turkish");
  CHECK(turkish["encoding"] == "gsm7");
}

TEST_CASE("A preview without a usable text is a 400 naming text") {
  FakeBackend backend;
  ApiRouter router{backend, TestSettings(), [] { return kNow; }};
  auto body = GENERATE(as<std::string>{}, R"({"text": ""})", R"({})", R"({"text": 5})", R"({"text": null})");
  INFO(body);
  HttpResponse r = router.Handle(PostJson("/api/v1/messages/preview", body));
  CHECK(r.status == 400);
  CHECK(Json(r)["error"]["field"] == "text");
}

TEST_CASE("The preview needs the token like the rest of the API") {
  FakeBackend backend;
  ApiRouter router{backend, TestSettings(), [] { return kNow; }};
  CHECK(router.Handle(PostJson("/api/v1/messages/preview", R"({"text":"a"})", nullptr)).status == 401);
}

}  // namespace
}  // namespace tellal::web

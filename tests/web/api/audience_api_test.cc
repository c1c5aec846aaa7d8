// The audience endpoints through the router, against FakeBackend's real
// in-memory SQLite store.
#include <stdlib.h>
#include <time.h>

#include <catch2/catch.hpp>
#include <string>

#include "api_test_support.h"
#include "fake_backend.h"
#include "web/api/api_router.h"

using nlohmann::json;
using namespace tellal;
using namespace tellal::web;
using namespace tellal::web::testing;

namespace {

struct Fixture {
  Fixture() {
    setenv("TZ", "UTC0", 1);
    tzset();
  }
  FakeBackend backend;
  ApiRouter router{backend, TestSettings(), [] { return kNow; }};

  HttpResponse Handle(const HttpRequest& request) { return router.Handle(request); }
  HttpResponse Post(const std::string& path, const std::string& body) { return Handle(PostJson(path, body)); }
  HttpResponse Patch(const std::string& path, const std::string& body) {
    HttpRequest r = PostJson(path, body);
    r.method = "PATCH";
    return Handle(r);
  }
  HttpResponse Delete(const std::string& path, std::multimap<std::string, std::string> query = {}) {
    HttpRequest r = Request("DELETE", path);
    r.query = std::move(query);
    return Handle(r);
  }
  HttpResponse Import(const std::string& csv) {
    HttpRequest r = Request("POST", "/api/v1/contacts/import");
    r.headers["content-type"] = "text/csv; charset=utf-8";
    r.body = csv;
    return Handle(r);
  }
};

}  // namespace

TEST_CASE("AContactIsCreatedNormalisedAndReadBackWithItsConsent", "[audience_api]") {
  Fixture f;
  REQUIRE(f.Post("/api/v1/groups", R"({"name": "vip"})").status == 201);
  HttpResponse created = f.Post("/api/v1/contacts", R"({"number": "0532 123 45 67", "name": "Ayşe",
      "attributes": {"city": "İzmir"}, "groups": ["vip"],
      "consent": {"status": "ONAY", "source": "HS_ISLAK_IMZA", "evidence": "form 12"}})");
  REQUIRE(created.status == 201);
  const json c = Json(created);
  CHECK(c["number"] == "+905321234567");
  CHECK(c["attributes"] == json{{"city", "İzmir"}});
  CHECK(c["groups"] == json::array({"vip"}));
  CHECK(c["consent"]["status"] == "ONAY");
  CHECK(c["consent"]["source"] == "HS_ISLAK_IMZA");
  CHECK(c["blocked"] == false);
  CHECK(Header(created, "Location") == "/api/v1/contacts/" + std::to_string(c["id"].get<int64_t>()));
  const json got = Json(f.Handle(Get("/api/v1/contacts/" + std::to_string(c["id"].get<int64_t>()))));
  CHECK(got == c);
}

TEST_CASE("BadContactsAreRefusedNamingTheField", "[audience_api]") {
  auto [body, status, field] = GENERATE(table<std::string, int, std::string>({
      {R"({"name": "x"})", 400, "number"},
      {R"({"number": "12ab"})", 400, "number"},
      {R"({"number": "+905320000001", "attributes": {"city": 3}})", 400, "attributes.city"},
      {R"({"number": "+905320000001", "groups": ["nope"]})", 400, "groups"},
      {R"({"number": "+905320000001", "groups": ["a/b"]})", 400, "groups"},
      {R"({"number": "+905320000001", "colour": "red"})", 400, "colour"},
      {R"({"number": "+905320000001", "consent": {"status": "EVET", "source": "HS_WEB"}})", 400, "consent.status"},
      {R"({"number": "+905320000001", "consent": {"status": "ONAY"}})", 400, "consent.source"},
  }));
  Fixture f;
  HttpResponse r = f.Post("/api/v1/contacts", body);
  CAPTURE(body, r.body);
  CHECK(r.status == status);
  CHECK(Json(r)["error"]["field"] == field);
  // Nothing was half-written.
  CHECK(Json(f.Handle(Get("/api/v1/contacts")))["contacts"].empty());
}

TEST_CASE("ASecondContactWithTheSameNumberIs409OnNumber", "[audience_api]") {
  Fixture f;
  REQUIRE(f.Post("/api/v1/contacts", R"({"number": "+905320000001"})").status == 201);
  const json e = ErrorOf(f.Post("/api/v1/contacts", R"({"number": "05320000001"})"), 409, "conflict");
  CHECK(e["field"] == "number");
}

TEST_CASE("PatchReplacesWhatItNamesAndDeleteRemoves", "[audience_api]") {
  Fixture f;
  const json c = Json(f.Post("/api/v1/contacts", R"({"number": "+905320000001", "name": "A",
      "attributes": {"city": "Van", "segment": "gold"}})"));
  const std::string path = "/api/v1/contacts/" + std::to_string(c["id"].get<int64_t>());
  HttpResponse patched = f.Patch(path, R"({"name": "B", "attributes": {"city": "Muş"}})");
  REQUIRE(patched.status == 200);
  CHECK(Json(patched)["name"] == "B");
  CHECK(Json(patched)["attributes"] == json{{"city", "Muş"}});
  CHECK(Json(patched)["number"] == "+905320000001");
  CHECK(f.Delete(path).status == 200);
  ErrorOf(f.Handle(Get(path)), 404, "not_found");
  ErrorOf(f.Delete(path), 404, "not_found");
  ErrorOf(f.Handle(Get("/api/v1/contacts/abc")), 400, "invalid_parameter");
}

TEST_CASE("ListingFiltersByGroupQueryAndAttributeAndPages", "[audience_api]") {
  Fixture f;
  REQUIRE(f.Post("/api/v1/groups", R"({"name": "vip"})").status == 201);
  REQUIRE(f.Post("/api/v1/contacts", R"({"number": "+905320000001", "name": "Işıl", "attributes": {"city": "Van"}})")
              .status == 201);
  REQUIRE(f.Post("/api/v1/contacts", R"({"number": "+905320000002", "name": "Ali", "groups": ["vip"],
      "attributes": {"city": "Van"}})")
              .status == 201);
  REQUIRE(f.Post("/api/v1/contacts", R"({"number": "+905320000003", "name": "Veli", "attributes": {"city": "Muş"}})")
              .status == 201);
  const auto numbers = [&](std::multimap<std::string, std::string> query) {
    json page = Json(f.Handle(Get("/api/v1/contacts", std::move(query))));
    std::vector<std::string> out;
    for (const json& c : page["contacts"]) out.push_back(c["number"]);
    return out;
  };
  CHECK(numbers({{"group", "vip"}}) == std::vector<std::string>{"+905320000002"});
  CHECK(numbers({{"q", "ISIL"}}) == std::vector<std::string>{"+905320000001"});
  CHECK(numbers({{"attribute.city", "Van"}}) == std::vector<std::string>{"+905320000002", "+905320000001"});
  const json first = Json(f.Handle(Get("/api/v1/contacts", {{"limit", "2"}})));
  REQUIRE(first["next_cursor"].is_string());
  CHECK(numbers({{"limit", "2"}, {"cursor", first["next_cursor"]}}) == std::vector<std::string>{"+905320000001"});
  ErrorOf(f.Handle(Get("/api/v1/contacts", {{"colour", "red"}})), 400, "invalid_parameter");
  ErrorOf(f.Handle(Get("/api/v1/contacts", {{"cursor", "m12"}})), 400, "invalid_parameter");
}

TEST_CASE("ImportUpsertsByNumberAndReportsRejectedRows", "[audience_api]") {
  Fixture f;
  REQUIRE(f.Post("/api/v1/contacts", R"({"number": "+905320000001", "name": "Eski"})").status == 201);
  HttpResponse r = f.Import(
      "\xEF\xBB\xBFnumber;name;city;groups\r\n"
      "05320000001;Yeni;İstanbul;vip\r\n"
      "05320000002;\"Öz, Çağla\";Şanlıurfa;vip|yeni\r\n"
      "xyz;Bad;;\r\n");
  REQUIRE(r.status == 200);
  const json report = Json(r);
  CHECK(report["created"] == 1);
  CHECK(report["updated"] == 1);
  REQUIRE(report["rejected"].size() == 1);
  CHECK(report["rejected"][0] == json{{"row", 4}, {"field", "number"}, {"error", report["rejected"][0]["error"]}});
  const json list = Json(f.Handle(Get("/api/v1/contacts", {{"group", "vip"}})));
  REQUIRE(list["contacts"].size() == 2);
  CHECK(list["contacts"][0]["name"] == "Öz, Çağla");
  CHECK(list["contacts"][0]["groups"] == json::array({"vip", "yeni"}));
  CHECK(list["contacts"][1]["name"] == "Yeni");
  CHECK(list["contacts"][1]["attributes"]["city"] == "İstanbul");
}

TEST_CASE("ImportWantsTextCsvAndAReadableHeader", "[audience_api]") {
  Fixture f;
  HttpRequest r = PostJson("/api/v1/contacts/import", "number\n+905320000001\n");
  ErrorOf(f.Handle(r), 415, "unsupported_media_type");
  CHECK(ErrorOf(f.Import("name\nAli\n"), 400, "invalid_field")["field"] == "number");
}

TEST_CASE("GroupsAreCreatedRenamedAndDeleted", "[audience_api]") {
  Fixture f;
  REQUIRE(f.Post("/api/v1/groups", R"({"name": "müşteriler", "description": "hepsi"})").status == 201);
  CHECK(ErrorOf(f.Post("/api/v1/groups", R"({"name": "müşteriler"})"), 409, "conflict")["field"] == "name");
  REQUIRE(f.Post("/api/v1/contacts", R"({"number": "+905320000001", "groups": ["müşteriler"]})").status == 201);
  const json g = Json(f.Handle(Get("/api/v1/groups/müşteriler")));
  CHECK(g["members"] == 1);
  CHECK(g["description"] == "hepsi");
  HttpResponse renamed = f.Patch("/api/v1/groups/müşteriler", R"({"name": "eski"})");
  REQUIRE(renamed.status == 200);
  CHECK(Json(renamed)["name"] == "eski");
  CHECK(Json(f.Handle(Get("/api/v1/groups")))["groups"].size() == 1);
  CHECK(f.Delete("/api/v1/groups/eski").status == 200);
  ErrorOf(f.Handle(Get("/api/v1/groups/eski")), 404, "not_found");
}

TEST_CASE("ConsentsExportOldestFirstAsJsonAndCsvWithIysNames", "[audience_api]") {
  Fixture f;
  REQUIRE(f.Post("/api/v1/consents", R"({"recipient": "05320000001", "status": "ONAY", "source": "HS_WEB",
      "consent_date": "2026-05-01T10:00:00+03:00", "evidence": "web, form"})")
              .status == 201);
  REQUIRE(f.Post("/api/v1/optouts", R"({"number": "05320000001"})").status == 201);
  const json page = Json(f.Handle(Get("/api/v1/consents")));
  REQUIRE(page["consents"].size() == 2);
  const json& first = page["consents"][0];
  CHECK(first["recipient"] == "+905320000001");
  CHECK(first["status"] == "ONAY");
  CHECK(first["type"] == "MESAJ");
  CHECK(first["recipient_type"] == "BIREYSEL");
  CHECK(first["consent_date"] == "2026-05-01T07:00:00.000+00:00");
  CHECK(page["consents"][1]["status"] == "RET");
  HttpResponse csv = f.Handle(Get("/api/v1/consents", {{"format", "csv"}}));
  REQUIRE(csv.status == 200);
  CHECK_THAT(csv.content_type, Catch::StartsWith("text/csv"));
  CHECK_THAT(csv.body, Catch::StartsWith("id,recipient,recipient_type,type,status,source,consent_date,evidence,"));
  CHECK_THAT(csv.body, Catch::Contains("+905320000001,BIREYSEL,MESAJ,ONAY,HS_WEB,2026-05-01T07:00:00.000+00:00,"
                                       "\"web, form\""));
  ErrorOf(f.Post("/api/v1/consents", R"({"recipient": "05320000001", "status": "ONAY", "source": "HS_X"})"), 400,
          "invalid_field");
  ErrorOf(f.Handle(Get("/api/v1/consents", {{"format", "xml"}})), 400, "invalid_parameter");
}

TEST_CASE("OptingBackInNeedsASourceAndRecordsOnay", "[audience_api]") {
  Fixture f;
  REQUIRE(f.Post("/api/v1/optouts", R"({"number": "+905320000001", "source": "HS_CAGRI_MERKEZI"})").status == 201);
  const json list = Json(f.Handle(Get("/api/v1/optouts")));
  REQUIRE(list["optouts"].size() == 1);
  CHECK(list["optouts"][0]["source"] == "HS_CAGRI_MERKEZI");
  CHECK(ErrorOf(f.Delete("/api/v1/optouts/+905320000001"), 400, "invalid_parameter")["field"] == "source");
  HttpResponse back = f.Delete("/api/v1/optouts/+905320000001", {{"source", "HS_ISLAK_IMZA"}});
  REQUIRE(back.status == 200);
  CHECK(Json(back)["status"] == "ONAY");
  CHECK(Json(f.Handle(Get("/api/v1/optouts")))["optouts"].empty());
  ErrorOf(f.Delete("/api/v1/optouts/+905320000001", {{"source", "HS_WEB"}}), 404, "not_found");
}

TEST_CASE("TheBlockedListAddsListsAndRemoves", "[audience_api]") {
  Fixture f;
  CHECK(f.Post("/api/v1/blocked", R"({"number": "05320000001", "reason": "şikayet"})").status == 201);
  CHECK(f.Post("/api/v1/blocked", R"({"number": "+905320000001", "reason": "again"})").status == 200);
  const json list = Json(f.Handle(Get("/api/v1/blocked")));
  REQUIRE(list["blocked"].size() == 1);
  CHECK(list["blocked"][0]["reason"] == "şikayet");
  REQUIRE(f.Post("/api/v1/contacts", R"({"number": "+905320000001"})").status == 201);
  CHECK(Json(f.Handle(Get("/api/v1/contacts")))["contacts"][0]["blocked"] == true);
  CHECK(f.Delete("/api/v1/blocked/05320000001").status == 200);
  ErrorOf(f.Delete("/api/v1/blocked/05320000001"), 404, "not_found");
}

TEST_CASE("OneNumbersConsentHistoryIsFoundByAnyFormOfTheNumber", "[audience_api]") {
  Fixture f;
  REQUIRE(f.Post("/api/v1/consents", R"({"recipient": "05320000001", "status": "ONAY", "source": "HS_WEB"})")
              .status == 201);
  REQUIRE(f.Post("/api/v1/consents", R"({"recipient": "05320000002", "status": "ONAY", "source": "HS_WEB"})")
              .status == 201);
  REQUIRE(f.Post("/api/v1/optouts", R"({"number": "05320000001"})").status == 201);
  const std::string form = GENERATE("05320000001", "+905320000001");
  const json page = Json(f.Handle(Get("/api/v1/consents", {{"number", form}})));
  INFO(form);
  REQUIRE(page["consents"].size() == 2);
  CHECK(page["consents"][0]["recipient"] == "+905320000001");
  CHECK(page["consents"][0]["status"] == "ONAY");
  CHECK(page["consents"][1]["recipient"] == "+905320000001");
  CHECK(page["consents"][1]["status"] == "RET");
  // The whole history still has all three.
  CHECK(Json(f.Handle(Get("/api/v1/consents")))["consents"].size() == 3);
  // A number without records: an empty page, not a 404.
  CHECK(Json(f.Handle(Get("/api/v1/consents", {{"number", "05329999999"}})))["consents"].empty());
}

TEST_CASE("AMalformedConsentNumberIsA400NamingIt", "[audience_api]") {
  Fixture f;
  const std::string bad = GENERATE("abc", "+", "0532-xyz");
  INFO(bad);
  const json e = ErrorOf(f.Handle(Get("/api/v1/consents", {{"number", bad}})), 400, "invalid_number");
  CHECK(e["field"] == "number");
}

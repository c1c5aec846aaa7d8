// The keyword rule endpoints through the router, against FakeBackend's real
// in-memory SQLite store.
#include <catch2/catch.hpp>
#include <string>
#include <tuple>

#include "api_test_support.h"
#include "fake_backend.h"
#include "web/api/api_router.h"

using nlohmann::json;
using namespace tellal;
using namespace tellal::web;
using namespace tellal::web::testing;

namespace {

struct Fixture {
  FakeBackend backend;
  ApiRouter router{backend, TestSettings(), [] { return kNow; }};

  HttpResponse Handle(const HttpRequest& request) { return router.Handle(request); }
  HttpResponse Post(const std::string& path, const std::string& body) { return Handle(PostJson(path, body)); }
  HttpResponse Patch(const std::string& path, const std::string& body) {
    HttpRequest r = PostJson(path, body);
    r.method = "PATCH";
    return Handle(r);
  }
};

constexpr const char* kInfoRule = R"({"match": {"type": "keyword", "keyword": "BİLGİ"}, "modem": "sim1",
    "actions": [{"type": "reply", "text": "Merhaba {name|efendim}"}, {"type": "tag", "group": "ilgili"},
                {"type": "webhook"}], "order": 5})";

}  // namespace

TEST_CASE("ARuleIsCreatedAndReadBackInTheShapeItWasSent", "[rule_api]") {
  Fixture f;
  REQUIRE(f.Post("/api/v1/groups", R"({"name": "ilgili"})").status == 201);
  HttpResponse created = f.Post("/api/v1/rules", kInfoRule);
  REQUIRE(created.status == 201);
  const json r = Json(created);
  CHECK(Header(created, "Location") == "/api/v1/rules/" + std::to_string(r["id"].get<int64_t>()));
  CHECK(r["match"] == json{{"type", "keyword"}, {"keyword", "BİLGİ"}});
  CHECK(r["modem"] == "sim1");
  CHECK(r["actions"] == json::parse(R"([{"type": "reply", "text": "Merhaba {name|efendim}"},
      {"type": "tag", "group": "ilgili"}, {"type": "webhook"}])"));
  CHECK(r["order"] == 5);
  CHECK(r["enabled"] == true);
  const json read = Json(f.Handle(Get("/api/v1/rules/" + std::to_string(r["id"].get<int64_t>()))));
  CHECK(read == r);
}

TEST_CASE("RulesAreListedInTheOrderTheyAreTried", "[rule_api]") {
  Fixture f;
  REQUIRE(f.Post("/api/v1/rules", R"({"match": {"type": "any"}, "actions": [{"type": "reply", "text": "?"}],
      "order": 100})")
              .status == 201);
  REQUIRE(f.Post("/api/v1/rules", R"({"match": {"type": "regex", "pattern": "^kod \\d+"},
      "actions": [{"type": "webhook"}], "order": -3})")
              .status == 201);
  const json listed = Json(f.Handle(Get("/api/v1/rules")));
  REQUIRE(listed["rules"].size() == 2);
  CHECK(listed["rules"][0]["match"]["type"] == "regex");
  CHECK(listed["rules"][1]["match"]["type"] == "any");
  CHECK(f.Handle(Get("/api/v1/rules", {{"limit", "5"}})).status == 400);
}

TEST_CASE("BadRulesAre400sNamingTheMember", "[rule_api]") {
  const auto [body, field] = GENERATE(table<std::string, std::string>({
      {R"({"actions": [{"type": "webhook"}]})", "match"},
      {R"({"match": "BILGI", "actions": [{"type": "webhook"}]})", "match"},
      {R"({"match": {"type": "prefix"}, "actions": [{"type": "webhook"}]})", "match.type"},
      {R"({"match": {"type": "keyword"}, "actions": [{"type": "webhook"}]})", "match.keyword"},
      {R"({"match": {"type": "keyword", "keyword": "iki kelime"}, "actions": [{"type": "webhook"}]})", "match.keyword"},
      {R"({"match": {"type": "keyword", "keyword": "A", "pattern": "x"}, "actions": [{"type": "webhook"}]})",
       "match.pattern"},
      {R"({"match": {"type": "regex", "pattern": "(unclosed"}, "actions": [{"type": "webhook"}]})", "match.pattern"},
      {R"({"match": {"type": "regex", "pattern": "şans"}, "actions": [{"type": "webhook"}]})", "match.pattern"},
      {R"({"match": {"type": "any"}, "modem": "sim9", "actions": [{"type": "webhook"}]})", "modem"},
      {R"({"match": {"type": "any"}})", "actions"},
      {R"({"match": {"type": "any"}, "actions": []})", "actions"},
      {R"({"match": {"type": "any"}, "actions": [{"type": "call"}]})", "actions[0].type"},
      {R"({"match": {"type": "any"}, "actions": [{"type": "reply"}]})", "actions[0].text"},
      {R"({"match": {"type": "any"}, "actions": [{"type": "reply", "text": "Merhaba {name"}]})", "actions[0].text"},
      {R"({"match": {"type": "any"}, "actions": [{"type": "reply", "text": "a"}, {"type": "reply", "text": "b"}]})",
       "actions[1].type"},
      {R"({"match": {"type": "any"}, "actions": [{"type": "tag"}]})", "actions[0].group"},
      {R"({"match": {"type": "any"}, "actions": [{"type": "webhook"}, {"type": "untag", "group": "yok"}]})",
       "actions[1].group"},
      {R"({"match": {"type": "any"}, "actions": [{"type": "webhook", "url": "http://x"}]})", "actions[0].url"},
      {R"({"match": {"type": "any"}, "actions": [{"type": "webhook"}], "order": "1"})", "order"},
      {R"({"match": {"type": "any"}, "actions": [{"type": "webhook"}], "enabled": "yes"})", "enabled"},
      {R"({"match": {"type": "any"}, "actions": [{"type": "webhook"}], "priority": 1})", "priority"},
  }));
  CAPTURE(body);
  Fixture f;
  HttpResponse response = f.Post("/api/v1/rules", body);
  CHECK(response.status == 400);
  CHECK(Json(response)["error"]["field"] == field);
  CHECK(Json(f.Handle(Get("/api/v1/rules")))["rules"].empty());
}

TEST_CASE("PatchReplacesTheGivenMembersAndChecksTheWhole", "[rule_api]") {
  Fixture f;
  REQUIRE(f.Post("/api/v1/groups", R"({"name": "ilgili"})").status == 201);
  const json r = Json(f.Post("/api/v1/rules", kInfoRule));
  const std::string path = "/api/v1/rules/" + std::to_string(r["id"].get<int64_t>());
  HttpResponse patched = f.Patch(path, R"({"enabled": false, "modem": null})");
  REQUIRE(patched.status == 200);
  const json p = Json(patched);
  CHECK(p["enabled"] == false);
  CHECK(p["modem"] == nullptr);
  CHECK(p["actions"] == r["actions"]);
  CHECK(p["match"] == r["match"]);
  // A bad member leaves the rule as it was.
  HttpResponse bad = f.Patch(path, R"({"match": {"type": "regex", "pattern": "[a-"}})");
  CHECK(bad.status == 400);
  CHECK(Json(bad)["error"]["field"] == "match.pattern");
  CHECK(Json(f.Handle(Get(path)))["match"] == r["match"]);
  CHECK(f.Patch("/api/v1/rules/999", R"({"enabled": true})").status == 404);
}

TEST_CASE("DeletingARuleRemovesItAndASecondDeleteIs404", "[rule_api]") {
  Fixture f;
  const json r = Json(f.Post("/api/v1/rules", R"({"match": {"type": "any"}, "actions": [{"type": "webhook"}]})"));
  const std::string path = "/api/v1/rules/" + std::to_string(r["id"].get<int64_t>());
  CHECK(f.Handle(Request("DELETE", path)).status == 200);
  CHECK(f.Handle(Request("DELETE", path)).status == 404);
  CHECK(f.Handle(Get(path)).status == 404);
  CHECK(f.Handle(Get("/api/v1/rules/abc")).status == 400);
}

// The SMS poll endpoints through the router, against FakeBackend's real
// in-memory SQLite store.
#include <stdlib.h>
#include <time.h>

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
  int64_t CreatePoll(const std::string& body) {
    HttpResponse r = Post("/api/v1/polls", body);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return Json(r)["id"].get<int64_t>();
  }
};

constexpr const char* kPoll = R"({"name": "Yeni şube", "keyword": "ANKET",
    "options": [{"keyword": "EVET", "title": "Evet"}, {"keyword": "HAYIR", "title": "Hayır"}],
    "opens_at": "2026-06-01T09:00:00+03:00", "closes_at": "2026-06-08T09:00:00+03:00",
    "votes_per_number": "last", "replies": {"valid": "Oyunuz: {title}", "closed": "Anket kapandi"}})";

}  // namespace

TEST_CASE("APollIsCreatedAndReadBackInTheShapeItWasSent", "[poll_api]") {
  Fixture f;
  HttpResponse created = f.Post("/api/v1/polls", kPoll);
  REQUIRE(created.status == 201);
  const json p = Json(created);
  CHECK(Header(created, "Location") == "/api/v1/polls/" + std::to_string(p["id"].get<int64_t>()));
  CHECK(p["name"] == "Yeni şube");
  CHECK(p["keyword"] == "ANKET");
  CHECK(p["options"].size() == 2);
  CHECK(p["opens_at"] == "2026-06-01T06:00:00.000+00:00");
  CHECK(p["votes_per_number"] == "last");
  CHECK(p["replies"] == json{{"valid", "Oyunuz: {title}"}, {"invalid", ""}, {"closed", "Anket kapandi"}});
  const json read = Json(f.Handle(Get("/api/v1/polls/" + std::to_string(p["id"].get<int64_t>()))));
  CHECK(read == p);
  CHECK(Json(f.Handle(Get("/api/v1/polls")))["polls"].size() == 1);
}

TEST_CASE("BadPollsAre400sNamingTheMember", "[poll_api]") {
  const std::string options = R"("options": [{"keyword": "A", "title": "a"}, {"keyword": "B", "title": "b"}])";
  const auto [body, field] = GENERATE_COPY(table<std::string, std::string>({
      {"{" + options + "}", "name"},
      {R"({"name": "x"})", "options"},
      {R"({"name": "x", "options": [{"keyword": "A", "title": "a"}]})", "options"},
      {R"({"name": "x", "options": [{"keyword": "A", "title": "a"}, {"keyword": "a", "title": "b"}]})",
       "options[1].keyword"},
      {R"({"name": "x", "options": [{"keyword": "İ", "title": "a"}, {"keyword": "ı", "title": "b"}]})",
       "options[1].keyword"},
      {R"({"name": "x", "options": [{"keyword": "iki kelime", "title": "a"}, {"keyword": "B", "title": "b"}]})",
       "options[0].keyword"},
      {R"({"name": "x", "options": [{"keyword": "A"}, {"keyword": "B", "title": "b"}]})", "options[0].title"},
      {R"({"name": "x", "options": [{"keyword": "A", "title": "a", "votes": 1}, {"keyword": "B", "title": "b"}]})",
       "options[0].votes"},
      {R"({"name": "x", "keyword": "iki kelime", )" + options + "}", "keyword"},
      {R"({"name": "x", "opens_at": "yarin", )" + options + "}", "opens_at"},
      {R"({"name": "x", "opens_at": "2026-06-02T00:00:00Z", "closes_at": "2026-06-01T00:00:00Z", )" + options + "}",
       "closes_at"},
      {R"({"name": "x", "votes_per_number": "twice", )" + options + "}", "votes_per_number"},
      {R"({"name": "x", "replies": {"valid": "Oy {title"}, )" + options + "}", "replies.valid"},
      {R"({"name": "x", "replies": {"late": "x"}, )" + options + "}", "replies.late"},
  }));
  CAPTURE(body);
  Fixture f;
  HttpResponse response = f.Post("/api/v1/polls", body);
  CHECK(response.status == 400);
  CHECK(Json(response)["error"]["field"] == field);
}

TEST_CASE("PatchReplacesTheGivenPollMembersAndChecksTheWhole", "[poll_api]") {
  Fixture f;
  const int64_t id = f.CreatePoll(kPoll);
  const std::string path = "/api/v1/polls/" + std::to_string(id);
  HttpResponse patched = f.Patch(path, R"({"closes_at": null, "votes_per_number": "once"})");
  REQUIRE(patched.status == 200);
  CHECK(Json(patched)["closes_at"] == nullptr);
  CHECK(Json(patched)["votes_per_number"] == "once");
  CHECK(Json(patched)["keyword"] == "ANKET");
  HttpResponse bad = f.Patch(path, R"({"closes_at": "2026-01-01T00:00:00Z"})");  // before opens_at
  CHECK(bad.status == 400);
  CHECK(Json(bad)["error"]["field"] == "closes_at");
  CHECK(f.Patch("/api/v1/polls/999", R"({"name": "y"})").status == 404);
}

TEST_CASE("ResultsCountEveryOptionAndTheCsvListsEveryVote", "[poll_api]") {
  Fixture f;
  const int64_t id = f.CreatePoll(kPoll);
  store::Polls& polls = f.backend.audience_store().polls();
  auto vote = [&](const std::string& number, std::optional<std::string> option, int64_t inbox) {
    REQUIRE(
        polls.RecordVote(store::NewVote{id, number, option, inbox, kNow + inbox}, store::VotesPerNumber::kLast).ok());
  };
  vote("+905320000001", "evet", 1);
  vote("+905320000001", "hayir", 2);  // last: replaces the first
  vote("+905320000002", "evet", 3);
  vote("+905320000003", std::nullopt, 4);
  const json r = Json(f.Handle(Get("/api/v1/polls/" + std::to_string(id) + "/results")));
  CHECK(r["options"] == json::parse(R"([{"keyword": "EVET", "title": "Evet", "votes": 1},
      {"keyword": "HAYIR", "title": "Hayır", "votes": 1}])"));
  CHECK(r["votes"] == 3);
  CHECK(r["counted"] == 2);
  CHECK(r["numbers"] == 2);
  CHECK(r["invalid"] == 1);
  HttpResponse csv = f.Handle(Get("/api/v1/polls/" + std::to_string(id) + "/results", {{"format", "csv"}}));
  REQUIRE(csv.status == 200);
  CHECK(csv.content_type == "text/csv; charset=utf-8");
  CHECK(csv.body ==
        "number,option,at,counted\r\n"
        "+905320000001,EVET,2026-05-28T20:26:40.001+00:00,false\r\n"
        "+905320000001,HAYIR,2026-05-28T20:26:40.002+00:00,true\r\n"
        "+905320000002,EVET,2026-05-28T20:26:40.003+00:00,true\r\n"
        "+905320000003,,2026-05-28T20:26:40.004+00:00,false\r\n");
  CHECK(f.Handle(Get("/api/v1/polls/" + std::to_string(id) + "/results", {{"format", "xml"}})).status == 400);
  CHECK(f.Handle(Get("/api/v1/polls/999/results")).status == 404);
}

TEST_CASE("APollARuleVotesInCannotBeDeletedUntilTheRuleIsGone", "[poll_api]") {
  Fixture f;
  const int64_t id = f.CreatePoll(kPoll);
  HttpResponse rule = f.Post("/api/v1/rules", R"({"match": {"type": "keyword", "keyword": "KATIL"},
      "actions": [{"type": "poll_vote", "poll": )" +
                                                  std::to_string(id) + "}]}");
  REQUIRE(rule.status == 201);
  HttpResponse missing = f.Post("/api/v1/rules", R"({"match": {"type": "any"},
      "actions": [{"type": "poll_vote", "poll": 999}]})");
  CHECK(missing.status == 400);
  CHECK(Json(missing)["error"]["field"] == "actions[0].poll");
  const std::string path = "/api/v1/polls/" + std::to_string(id);
  HttpResponse refused = f.Handle(Request("DELETE", path));
  CHECK(refused.status == 409);
  CHECK(Json(refused)["error"]["field"] == "id");
  REQUIRE(f.Handle(Request("DELETE", "/api/v1/rules/" + std::to_string(Json(rule)["id"].get<int64_t>()))).status ==
          200);
  CHECK(f.Handle(Request("DELETE", path)).status == 200);
  CHECK(f.Handle(Get(path)).status == 404);
}

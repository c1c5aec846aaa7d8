#include "web/api/api_json.h"

#include <stdlib.h>
#include <time.h>

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace tellal;
using namespace tellal::web;

namespace {

void UseUtc() {
  setenv("TZ", "UTC0", 1);
  tzset();
}

}  // namespace

TEST_CASE("ParseJsonBodyAcceptsValidJson") {
  auto parsed = ParseJsonBody(R"({"to": "+905321234567", "text": "Şeker \u00e7ay \ud83d\ude00", "n": [1, {"a": 1}]})");
  REQUIRE(parsed.ok());
  CHECK((*parsed)["text"] == "Şeker çay 😀");
}

TEST_CASE("ParseJsonBodyRejectsWithAReason") {
  auto [body, reason] = GENERATE(table<std::string, const char*>({
      {"", "the request body is empty"},
      {" \r\n", "the request body is empty"},
      {"{", "unexpected end of input"},
      {"{\"to\": }", "syntax error"},
      {"{\"to\": \"+90\" \"text\": \"x\"}", "syntax error"},
      {"{\"text\": \"caf\xC3\"}", "UTF-8"},       // truncated sequence
      {"{\"text\": \"\xFF\"}", "UTF-8"},          // never valid in UTF-8
      {"{\"text\": \"\xC0\xAF\"}", "UTF-8"},      // overlong '/'
      {"{\"text\": \"\\ud800\"}", "surrogate"},   // escaped lone high surrogate
      {"{\"text\": \"\\udc00x\"}", "surrogate"},  // escaped lone low surrogate
      {"{\"to\": 1, \"to\": 2}", "member 'to' appears twice"},
      {"{\"messages\": [{\"text\": \"a\", \"text\": \"b\"}]}", "member 'text' appears twice"},
      {"[1, 2] x", "syntax error"},
      {"{\"a\": 1} // comment", "syntax error"},
  }));
  CAPTURE(body);
  auto parsed = ParseJsonBody(body);
  REQUIRE_FALSE(parsed.ok());
  CHECK_THAT(parsed.error().message, Catch::Contains(reason));
  CHECK_THAT(parsed.error().message, !Catch::Contains("[json.exception"));
}

TEST_CASE("ParseJsonBodyAllowsTheSameNameInDifferentObjects") {
  auto parsed = ParseJsonBody(R"({"messages": [{"to": "1", "text": "a"}, {"to": "2", "text": "b"}], "to": 3})");
  CHECK(parsed.ok());
}

// A full batch: every message object is checked for repeated members, the
// last one included.
TEST_CASE("ParseJsonBodyFindsARepeatedMemberInTheLastOfManyObjects") {
  std::string body = R"({"messages": [)";
  for (int i = 0; i < 10000; ++i) body += R"({"to": "+905321234567", "text": "x"},)";
  std::string last = body + R"({"to": "+905321234567", "text": "y"}]})";
  auto parsed = ParseJsonBody(last);
  REQUIRE(parsed.ok());
  CHECK((*parsed)["messages"].size() == 10001);
  auto repeated = ParseJsonBody(body + R"({"to": "+905321234567", "to": "+905321234568"}]})");
  REQUIRE_FALSE(repeated.ok());
  CHECK_THAT(repeated.error().message, Catch::Contains("member 'to' appears twice"));
}

namespace {

// `depth` levels of nesting, alternating objects and arrays, around a 1.
std::string Nested(int depth) {
  std::string open, close;
  for (int i = 0; i < depth; ++i) {
    open += i % 2 == 0 ? "{\"a\":" : "[";
    close.insert(0, i % 2 == 0 ? "}" : "]");
  }
  return open + "1" + close;
}

}  // namespace

TEST_CASE("ParseJsonBodyAcceptsNestingUpToTheLimitAndRefusesOneLevelMore") {
  CHECK(ParseJsonBody(Nested(kMaxJsonDepth)).ok());
  auto deeper = ParseJsonBody(Nested(kMaxJsonDepth + 1));
  REQUIRE_FALSE(deeper.ok());
  CHECK(deeper.error().code == ErrorCode::kInvalidArgument);
  CHECK(deeper.error().message == "the body nests arrays and objects deeper than 32 levels");
  // A hostile body, far deeper and not even closed, gets the same answer.
  auto hostile = ParseJsonBody(std::string(1'000'000, '['));
  REQUIRE_FALSE(hostile.ok());
  CHECK(hostile.error().message == "the body nests arrays and objects deeper than 32 levels");
}

TEST_CASE("ParseJsonBodyReportsARepeatedMemberBeforeLaterNesting") {
  auto parsed = ParseJsonBody("{\"to\": 1, \"to\": 2, \"x\": " + Nested(8) + "}");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().message == "member 'to' appears twice in one object");
}

TEST_CASE("DumpJsonReplacesInvalidUtf8InsteadOfThrowing") {
  json value{{"text", std::string("ok\xFF")}};
  CHECK(DumpJson(value) == "{\"text\":\"ok\xEF\xBF\xBD\"}");
}

TEST_CASE("SignalBarsFollowTheDocumentedThresholds") {
  auto [dbm, bars] = GENERATE(table<int, int>({
      {-51, 5},
      {-73, 5},
      {-74, 4},
      {-83, 4},
      {-84, 3},
      {-93, 3},
      {-94, 2},
      {-103, 2},
      {-104, 1},
      {-109, 1},
      {-110, 0},
      {-113, 0},
  }));
  CAPTURE(dbm);
  CHECK(SignalBars(dbm) == bars);
}

TEST_CASE("SignalBarsAreNullWhenTheSignalIsUnknown") {
  CHECK(SignalBars(std::nullopt) == std::nullopt);
  ModemView modem;
  modem.id = "sim1";
  CHECK(ModemJson(modem)["signal_bars"].is_null());
  CHECK(ModemJson(modem)["signal_dbm"].is_null());
}

TEST_CASE("MessageJsonHasEveryKeyWithNullsForUnknownValues") {
  UseUtc();
  store::Message m;
  m.id = 42;
  m.to = "+905321234567";
  m.text = "hello";
  m.encoding = "gsm7";
  m.segments = 1;
  m.priority = store::Priority::kOtp;
  m.state = store::MessageState::kFailed;
  m.attempts = 2;
  m.error_code = "CMS 38";
  m.created_at = 0;
  m.not_before = 1000;
  m.failed_at = 2500;
  const json j = MessageJson(m);
  CHECK(j["id"] == 42);
  CHECK(j["id"].is_number_integer());
  CHECK(j["priority"] == "otp");
  CHECK(j["state"] == "failed");
  CHECK(j["client_ref"].is_null());
  CHECK(j["modem"].is_null());
  CHECK(j["error"] == json{{"code", "CMS 38"}, {"text", nullptr}});
  CHECK(j["created_at"] == "1970-01-01T00:00:00.000+00:00");
  CHECK(j["send_at"] == "1970-01-01T00:00:01.000+00:00");
  CHECK(j["failed_at"] == "1970-01-01T00:00:02.500+00:00");
  CHECK(j["sent_at"].is_null());
  CHECK(j["valid_until"].is_null());
  for (const char* key : {"client_ref",   "to",         "text",         "encoding",     "segments",   "priority",
                          "state",        "modem",      "pinned_modem", "attempts",     "error",      "report",
                          "flash",        "created_at", "send_at",      "valid_until",  "sending_at", "sent_at",
                          "delivered_at", "failed_at",  "expired_at",   "cancelled_at", "unknown_at",
                          "suppressed_at", "category", "campaign_id"}) {
    CAPTURE(key);
    CHECK(j.contains(key));
  }
  CHECK(j.size() == 27);
  CHECK(j["category"] == "informational");
  CHECK(j["campaign_id"].is_null());
  CHECK(j["suppressed_at"].is_null());
}

TEST_CASE("MessageJsonWithoutErrorHasNullError") {
  store::Message m;
  CHECK(MessageJson(m)["error"].is_null());
}

TEST_CASE("PageJsonGivesNullWhenThereIsNoNextPage") {
  CHECK(PageJson("messages", json::array(), "")["next_cursor"].is_null());
  CHECK(PageJson("messages", json::array(), "m17")["next_cursor"] == "m17");
}

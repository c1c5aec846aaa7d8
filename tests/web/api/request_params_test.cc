#include "web/api/request_params.h"

#include <catch2/catch.hpp>

#include "api_test_support.h"

using namespace tellal;
using namespace tellal::web;
using tellal::web::testing::TestSettings;

TEST_CASE("ParseMessageListQueryDefaults") {
  auto q = ParseMessageListQuery({}, TestSettings());
  REQUIRE(q.ok());
  CHECK(q->limit == 100);
  CHECK(q->cursor.empty());
  CHECK_FALSE(q->filter.state);
  CHECK_FALSE(q->filter.to);
  CHECK_FALSE(q->filter.since);
}

TEST_CASE("ParseMessageListQueryReadsEveryParameter") {
  auto q = ParseMessageListQuery({{"state", "delivered"},
                                  {"to", "0532 123 45 67"},
                                  {"since", "2026-11-23T17:05:00+03:00"},
                                  {"limit", "1000"},
                                  {"cursor", "m1234"}},
                                 TestSettings());
  REQUIRE(q.ok());
  CHECK(q->filter.state == store::MessageState::kDelivered);
  CHECK(q->filter.to == "+905321234567");
  CHECK(q->filter.since == 1'795'442'700'000);
  CHECK(q->limit == 1000);
  CHECK(q->cursor == "m1234");
}

TEST_CASE("EmptyQueryValuesCountAsAbsent") {
  auto q =
      ParseMessageListQuery({{"state", ""}, {"to", ""}, {"since", ""}, {"limit", ""}, {"cursor", ""}}, TestSettings());
  REQUIRE(q.ok());
  CHECK_FALSE(q->filter.state);
  CHECK(q->limit == 100);
}

TEST_CASE("ParseMessageListQueryNamesTheBadParameter") {
  auto [name, value, reason] = GENERATE(table<const char*, const char*, const char*>({
      {"state", "done", "expected queued, sending"},
      {"to", "+90 ABC", "unexpected character"},
      {"since", "yesterday", "not an RFC 3339 time"},
      {"since", "2026-11-23T17:05:00", "expected a UTC offset"},
      {"limit", "0", "from 1 to 1000"},
      {"limit", "1001", "from 1 to 1000"},
      {"limit", "-1", "from 1 to 1000"},
      {"limit", "+5", "from 1 to 1000"},
      {"limit", "10x", "from 1 to 1000"},
      {"limit", "99999999999999999999", "from 1 to 1000"},
      {"cursor", "m 12", "is not a cursor"},
      {"cursor", "m\xC3\xA7", "is not a cursor"},
      {"limt", "10", "is not a parameter of this endpoint"},
  }));
  CAPTURE(name, value);
  auto q = ParseMessageListQuery({{name, value}}, TestSettings());
  REQUIRE_FALSE(q.ok());
  CHECK(q.error().status == 400);
  CHECK(q.error().code == "invalid_parameter");
  CHECK(q.error().field == name);
  CHECK_THAT(q.error().message, Catch::Contains(reason));
}

TEST_CASE("ParseMessageListQueryRejectsRepeatedParameters") {
  auto q = ParseMessageListQuery({{"limit", "10"}, {"limit", "20"}}, TestSettings());
  REQUIRE_FALSE(q.ok());
  CHECK(q.error().field == "limit");
  CHECK_THAT(q.error().message, Catch::Contains("more than once"));
}

TEST_CASE("ParseMessageListQueryRejectsOverlongCursors") {
  CHECK(ParseMessageListQuery({{"cursor", std::string(128, 'm')}}, TestSettings()).ok());
  CHECK_FALSE(ParseMessageListQuery({{"cursor", std::string(129, 'm')}}, TestSettings()).ok());
}

TEST_CASE("ParseInboxListQueryNormalisesNumbersButKeepsAlphanumericSenders") {
  auto [from, stored] = GENERATE(table<const char*, const char*>({
      {"05321234567", "+905321234567"},
      {"+905321234567", "+905321234567"},
      {"Design@Home", "Design@Home"},
      {"4545", "4545"},
  }));
  auto q = ParseInboxListQuery({{"from", from}}, TestSettings());
  REQUIRE(q.ok());
  CHECK(q->filter.from == stored);
}

TEST_CASE("ParseInboxListQueryReadsSinceLimitCursor") {
  auto q = ParseInboxListQuery({{"since", "2026-11-23T14:05:00Z"}, {"limit", "5"}, {"cursor", "i9"}}, TestSettings());
  REQUIRE(q.ok());
  CHECK(q->filter.since == 1'795'442'700'000);
  CHECK(q->limit == 5);
  CHECK(q->cursor == "i9");
}

TEST_CASE("ParseInboxListQueryRejectsMessageParameters") {
  auto q = ParseInboxListQuery({{"state", "queued"}}, TestSettings());
  REQUIRE_FALSE(q.ok());
  CHECK(q.error().field == "state");
}

TEST_CASE("ParseMessageIdAcceptsDecimalIdsOnly") {
  CHECK(*ParseMessageId("1") == 1);
  CHECK(*ParseMessageId("0042") == 42);
  CHECK(*ParseMessageId("9223372036854775807") == INT64_MAX);
  const char* bad = GENERATE("", "abc", "-1", "+1", "1.0", " 1", "1e3", "9223372036854775808", "0x10");
  CAPTURE(bad);
  auto id = ParseMessageId(bad);
  REQUIRE_FALSE(id.ok());
  CHECK(id.error().field == "id");
  CHECK(id.error().code == "invalid_parameter");
}

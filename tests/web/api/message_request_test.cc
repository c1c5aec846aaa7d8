#include "web/api/message_request.h"

#include <catch2/catch.hpp>

#include "api_test_support.h"

using nlohmann::json;
using namespace tellal;
using namespace tellal::web;
using tellal::web::testing::kNow;
using tellal::web::testing::TestSettings;

namespace {

store::NewMessage Accept(const json& body, const ApiSettings& settings = TestSettings()) {
  auto parsed = ParseMessage(body, settings, kNow);
  INFO(body.dump() << " -> " << (parsed.ok() ? "" : parsed.error().message));
  REQUIRE(parsed.ok());
  return *parsed;
}

ApiError Reject(const Result<Submission, ApiError>& parsed) {
  REQUIRE_FALSE(parsed.ok());
  return parsed.error();
}

}  // namespace

TEST_CASE("ParseMessageMapsEveryMember") {
  const store::NewMessage m = Accept(json{{"to", "+905321234567"},
                                          {"text", "Kodunuz: 482913"},
                                          {"priority", "otp"},
                                          {"valid_for", 300},
                                          {"report", true},
                                          {"flash", true},
                                          {"modem", "sim2"},
                                          {"client_ref", "otp-1"},
                                          {"encoding", "auto"}});
  CHECK(m.to == "+905321234567");
  CHECK(m.text == "Kodunuz: 482913");
  CHECK(m.priority == store::Priority::kOtp);
  CHECK(m.valid_until == kNow + 300'000);
  CHECK_FALSE(m.not_before.has_value());
  CHECK(m.report_requested);
  CHECK(m.flash);
  CHECK(m.modem == "sim2");
  CHECK(m.client_ref == "otp-1");
  CHECK(m.encoding == "gsm7");
  CHECK(m.segments == 1);
}

TEST_CASE("ParseMessageDefaults") {
  const store::NewMessage m = Accept(json{{"to", "+905321234567"}, {"text", "hi"}});
  CHECK(m.priority == store::Priority::kNormal);
  CHECK_FALSE(m.valid_until);
  CHECK_FALSE(m.not_before);
  CHECK_FALSE(m.report_requested);
  CHECK_FALSE(m.flash);
  CHECK_FALSE(m.modem);
  CHECK_FALSE(m.client_ref);
}

TEST_CASE("ParseMessageTreatsNullAsAbsent") {
  const store::NewMessage m = Accept(json{{"to", "+905321234567"},
                                          {"text", "hi"},
                                          {"priority", nullptr},
                                          {"send_at", nullptr},
                                          {"valid_for", nullptr},
                                          {"report", nullptr},
                                          {"modem", nullptr},
                                          {"client_ref", nullptr},
                                          {"encoding", nullptr},
                                          {"flash", nullptr}});
  CHECK(m.priority == store::Priority::kNormal);
  CHECK_FALSE(m.modem);
}

TEST_CASE("ParseMessageNormalisesNationalNumbers") {
  auto [input, normalized] = GENERATE(table<const char*, const char*>({
      {"05321234567", "+905321234567"},
      {"(0532) 123 45 67", "+905321234567"},
      {"5321234567", "+905321234567"},
      {"0090 532-123-4567", "+905321234567"},
      {"+44 7700 900123", "+447700900123"},
      {"4545", "4545"},  // a short code has no country
  }));
  CAPTURE(input);
  CHECK(Accept(json{{"to", input}, {"text", "hi"}}).to == normalized);
}

TEST_CASE("ParseMessageRejectsNationalNumbersWithoutDefaultCountry") {
  ApiSettings settings = TestSettings();
  settings.default_country.clear();
  auto parsed = ParseMessage(json{{"to", "05321234567"}, {"text", "hi"}}, settings, kNow);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == "invalid_number");
  CHECK(parsed.error().field == "to");
  CHECK_THAT(parsed.error().message, Catch::Contains("default_country"));
}

TEST_CASE("ParseMessageRecordsThePlannersEncoding") {
  auto [text, request, encoding, segments] = GENERATE(table<std::string, const char*, const char*, int>({
      {"hello", "auto", "gsm7", 1},
      {"hello", "ucs2", "ucs2", 1},
      {"Merhaba Ayşe, randevunuz yarın 14:00'te.", "auto", "gsm7-turkish", 1},
      {"Привет", "auto", "ucs2", 1},
      {std::string(161, 'a'), "auto", "gsm7", 2},
      {std::string(71, 'a'), "ucs2", "ucs2", 2},
  }));
  CAPTURE(text, request);
  const store::NewMessage m = Accept(json{{"to", "+905321234567"}, {"text", text}, {"encoding", request}});
  CHECK(m.encoding == encoding);
  CHECK(m.segments == segments);
}

TEST_CASE("ParseMessageAllowsExactlyMaxSegments") {
  // 153 septets per part of a concatenated GSM 7-bit message.
  SECTION("1530 characters are 10 segments") {
    const store::NewMessage m = Accept(json{{"to", "+905321234567"}, {"text", std::string(1530, 'x')}});
    CHECK(m.segments == 10);
  }
  SECTION("1531 characters are 11 segments, over the limit") {
    auto parsed = ParseMessage(json{{"to", "+905321234567"}, {"text", std::string(1531, 'x')}}, TestSettings(), kNow);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().status == 400);
    CHECK(parsed.error().code == "text_too_long");
    CHECK(parsed.error().field == "text");
    CHECK_THAT(parsed.error().message, Catch::Contains("11 segments"));
  }
  SECTION("the limit comes from the settings") {
    ApiSettings settings = TestSettings();
    settings.max_segments = 1;
    CHECK(ParseMessage(json{{"to", "+905321234567"}, {"text", std::string(160, 'x')}}, settings, kNow).ok());
    CHECK_FALSE(ParseMessage(json{{"to", "+905321234567"}, {"text", std::string(161, 'x')}}, settings, kNow).ok());
  }
}

TEST_CASE("ParseMessageSchedules") {
  SECTION("send_at becomes not_before") {
    const store::NewMessage m =
        Accept(json{{"to", "+905321234567"}, {"text", "hi"}, {"send_at", "2026-11-23T17:05:00+03:00"}});
    CHECK(m.not_before == 1'795'442'700'000);
    CHECK_FALSE(m.valid_until);
  }
  SECTION("valid_for counts from send_at when scheduled") {
    const store::NewMessage m = Accept(
        json{{"to", "+905321234567"}, {"text", "hi"}, {"send_at", "2026-11-23T17:05:00+03:00"}, {"valid_for", 60}});
    CHECK(m.valid_until == 1'795'442'700'000 + 60'000);
  }
  SECTION("valid_for counts from now when send_at is past") {
    const store::NewMessage m =
        Accept(json{{"to", "+905321234567"}, {"text", "hi"}, {"send_at", "2020-01-01T00:00:00Z"}, {"valid_for", 60}});
    CHECK(m.valid_until == kNow + 60'000);
  }
  SECTION("the longest validity is 63 weeks") {
    const store::NewMessage m =
        Accept(json{{"to", "+905321234567"}, {"text", "hi"}, {"valid_for", kMaxValidForSeconds}});
    CHECK(m.valid_until == kNow + kMaxValidForSeconds * 1000);
  }
}

TEST_CASE("ParseMessageNamesTheBadField") {
  auto [body, field, code] = GENERATE(table<std::string, const char*, const char*>({
      {R"({"text": "hi"})", "to", "missing_field"},
      {R"({"to": "+905321234567"})", "text", "missing_field"},
      {R"({"to": 905321234567, "text": "hi"})", "to", "invalid_field"},
      {R"({"to": null, "text": "hi"})", "to", "missing_field"},  // null is absent, as everywhere
      {R"({"to": "", "text": "hi"})", "to", "invalid_number"},
      {R"({"to": "+90 532 ABC", "text": "hi"})", "to", "invalid_number"},
      {R"({"to": "+9053212345678901", "text": "hi"})", "to", "invalid_number"},
      {R"({"to": "+905321234567", "text": ""})", "text", "invalid_text"},
      {R"({"to": "+905321234567", "text": ["hi"]})", "text", "invalid_field"},
      {R"({"to": "+905321234567", "text": "日本", "encoding": "gsm7"})", "text", "invalid_text"},
      {R"({"to": "+905321234567", "text": "hi", "priority": "urgent"})", "priority", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "priority": 1})", "priority", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "send_at": "tomorrow"})", "send_at", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "send_at": "2026-11-23T17:05:00"})", "send_at", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "send_at": 1764000000})", "send_at", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "valid_for": 0})", "valid_for", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "valid_for": -5})", "valid_for", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "valid_for": 1.5})", "valid_for", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "valid_for": 60.0})", "valid_for", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "valid_for": "60"})", "valid_for", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "valid_for": 38102401})", "valid_for", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "valid_for": 18446744073709551615})", "valid_for", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "report": "yes"})", "report", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "flash": 1})", "flash", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "modem": "sim9"})", "modem", "unknown_modem"},
      {R"({"to": "+905321234567", "text": "hi", "modem": 1})", "modem", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "client_ref": ""})", "client_ref", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "client_ref": 7})", "client_ref", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "encoding": "latin1"})", "encoding", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "valid_fr": 60})", "valid_fr", "unknown_field"},
      {R"({"to": "+905321234567", "text": "hi", "from": "ACME"})", "from", "unknown_field"},
      {R"({"to": "+905321234567", "text": "hi", "category": "promo"})", "category", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "category": 1})", "category", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "category": "commercial", "priority": "otp"})", "category",
       "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "footer": false})", "footer", "invalid_field"},
      {R"({"to": "+905321234567", "text": "hi", "category": "commercial", "footer": "no"})", "footer",
       "invalid_field"},
  }));
  CAPTURE(body);
  auto parsed = ParseSubmission(json::parse(body), TestSettings(), kNow);
  const ApiError error = Reject(parsed);
  CHECK(error.status == 400);
  CHECK(error.field == field);
  CHECK(error.code == code);
  CHECK_FALSE(error.index.has_value());
  CHECK_THAT(error.message, Catch::StartsWith(field));
}

TEST_CASE("ParseMessageLimitsClientRefLength") {
  CHECK(ParseMessage(json{{"to", "+905321234567"}, {"text", "hi"}, {"client_ref", std::string(255, 'r')}},
                     TestSettings(), kNow)
            .ok());
  auto parsed = ParseMessage(json{{"to", "+905321234567"}, {"text", "hi"}, {"client_ref", std::string(256, 'r')}},
                             TestSettings(), kNow);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().field == "client_ref");
}

TEST_CASE("ParseSubmissionReadsOneMessageOrABatch") {
  SECTION("one") {
    auto parsed = ParseSubmission(json{{"to", "+905321234567"}, {"text", "hi"}}, TestSettings(), kNow);
    REQUIRE(parsed.ok());
    CHECK_FALSE(parsed->batch);
    CHECK(parsed->messages.size() == 1);
  }
  SECTION("a batch keeps the order") {
    auto parsed = ParseSubmission(
        json{{"messages", {{{"to", "+905321234567"}, {"text", "a"}}, {{"to", "05331112233"}, {"text", "b"}}}}},
        TestSettings(), kNow);
    REQUIRE(parsed.ok());
    CHECK(parsed->batch);
    REQUIRE(parsed->messages.size() == 2);
    CHECK(parsed->messages[0].text == "a");
    CHECK(parsed->messages[1].to == "+905331112233");
  }
}

TEST_CASE("ParseSubmissionNamesTheIndexOfABadBatchEntry") {
  json batch = json::array();
  for (int i = 0; i < 5; ++i) batch.push_back(json{{"to", "+905321234567"}, {"text", "ok"}});
  const int bad = GENERATE(0, 3, 4);
  batch[bad]["priority"] = "urgent";
  auto parsed = ParseSubmission(json{{"messages", batch}}, TestSettings(), kNow);
  const ApiError error = Reject(parsed);
  CHECK(error.index == static_cast<size_t>(bad));
  CHECK(error.field == "priority");
  CHECK_THAT(error.message, Catch::StartsWith("messages[" + std::to_string(bad) + "].priority: "));
}

TEST_CASE("ParseSubmissionRejectsMalformedBatches") {
  auto [body, field, code] = GENERATE(table<std::string, const char*, const char*>({
      {R"({"messages": []})", "messages", "invalid_field"},
      {R"({"messages": {"to": "+905321234567"}})", "messages", "invalid_field"},
      {R"({"messages": [{"to": "+905321234567", "text": "hi"}], "priority": "otp"})", "priority", "invalid_field"},
  }));
  CAPTURE(body);
  const ApiError error = Reject(ParseSubmission(json::parse(body), TestSettings(), kNow));
  CHECK(error.field == field);
  CHECK(error.code == code);
}

TEST_CASE("ParseSubmissionRejectsNonObjects") {
  const std::string body = GENERATE(R"([{"to": "+905321234567", "text": "hi"}])", R"("hi")", "42", "null");
  CAPTURE(body);
  CHECK(Reject(ParseSubmission(json::parse(body), TestSettings(), kNow)).code == "invalid_body");
  const ApiError inner =
      Reject(ParseSubmission(json{{"messages", json::array({json::parse(body)})}}, TestSettings(), kNow));
  CHECK(inner.code == "invalid_body");
  CHECK(inner.index == 0u);
}

TEST_CASE("ParseSubmissionAcceptsUpToMaxBatch") {
  const json one{{"to", "+905321234567"}, {"text", "hi"}};
  SECTION("10,000 messages") {
    auto parsed = ParseSubmission(json{{"messages", json(std::vector<json>(10'000, one))}}, TestSettings(), kNow);
    REQUIRE(parsed.ok());
    CHECK(parsed->messages.size() == 10'000);
  }
  SECTION("10,001 messages") {
    const ApiError error =
        Reject(ParseSubmission(json{{"messages", json(std::vector<json>(10'001, one))}}, TestSettings(), kNow));
    CHECK(error.code == "too_many_messages");
    CHECK(error.field == "messages");
    CHECK_THAT(error.message, Catch::Contains("10001") && Catch::Contains("10000"));
  }
  SECTION("the limit comes from the settings") {
    ApiSettings settings = TestSettings();
    settings.max_batch = 2;
    CHECK(ParseSubmission(json{{"messages", json(std::vector<json>(2, one))}}, settings, kNow).ok());
    CHECK_FALSE(ParseSubmission(json{{"messages", json(std::vector<json>(3, one))}}, settings, kNow).ok());
  }
}

TEST_CASE("ACommercialMessageCarriesTheFooterCountedInItsSegments") {
  ApiSettings settings = TestSettings();
  settings.commercial_footer = "RET yazip 3456'a gonderin";
  const std::string text(150, 'a');  // one GSM segment alone, two with the footer
  const store::NewMessage plain = Accept(json{{"to", "+905321234567"}, {"text", text}}, settings);
  CHECK(plain.category == store::Category::kInformational);
  CHECK(plain.text == text);
  CHECK(plain.segments == 1);

  const store::NewMessage commercial =
      Accept(json{{"to", "+905321234567"}, {"text", text}, {"category", "commercial"}}, settings);
  CHECK(commercial.category == store::Category::kCommercial);
  CHECK(commercial.text == text + "\nRET yazip 3456'a gonderin");
  CHECK(commercial.segments == 2);

  const store::NewMessage bare = Accept(
      json{{"to", "+905321234567"}, {"text", text}, {"category", "commercial"}, {"footer", false}}, settings);
  CHECK(bare.text == text);
  CHECK(bare.segments == 1);
}

TEST_CASE("ACommercialMessageWhoseFooterCannotBeRenderedIsAConflictNamingTheSetting") {
  ApiSettings settings = TestSettings();
  settings.commercial_footer_error = "[campaigns] footer names {number} but [campaigns] reply_number is not set";
  auto parsed = ParseSubmission(json{{"to", "+905321234567"}, {"text", "indirim"}, {"category", "commercial"}},
                                settings, kNow);
  const ApiError error = Reject(parsed);
  CHECK(error.status == 409);
  CHECK(error.field == "category");
  CHECK_THAT(error.message, Catch::Contains("reply_number"));
  // Without the footer, or as an informational message, it is accepted.
  Accept(json{{"to", "+905321234567"}, {"text", "indirim"}, {"category", "commercial"}, {"footer", false}}, settings);
  Accept(json{{"to", "+905321234567"}, {"text", "randevu"}}, settings);
}

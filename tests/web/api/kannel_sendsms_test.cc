#include "web/api/kannel_sendsms.h"

#include <catch2/catch.hpp>

#include "api_test_support.h"
#include "fake_backend.h"

using namespace tellal;
using namespace tellal::web;
using tellal::web::testing::FakeBackend;
using tellal::web::testing::kNow;
using tellal::web::testing::TestSettings;

namespace {

QueryParams Good() { return {{"username", "kuser"}, {"password", "kpass"}, {"to", "+905321234567"}, {"text", "hi"}}; }

QueryParams With(QueryParams q, const std::string& name, const std::string& value) {
  q.erase(name);
  q.emplace(name, value);
  return q;
}

QueryParams Without(QueryParams q, const std::string& name) {
  q.erase(name);
  return q;
}

std::vector<SubmitItem> Items(const QueryParams& query, const ApiSettings& settings = TestSettings()) {
  KannelParse parsed = ParseKannelSendSms(query, settings, kNow);
  if (auto* reply = std::get_if<KannelReply>(&parsed)) FAIL("rejected: " << reply->status << " " << reply->text);
  return std::get<std::vector<SubmitItem>>(parsed);
}

KannelReply Rejection(const QueryParams& query, const ApiSettings& settings = TestSettings()) {
  KannelParse parsed = ParseKannelSendSms(query, settings, kNow);
  auto* reply = std::get_if<KannelReply>(&parsed);
  REQUIRE(reply != nullptr);
  return *reply;
}

}  // namespace

TEST_CASE("KannelSendSmsAcceptsAndQueues") {
  FakeBackend backend;
  HttpResponse response = HandleKannelSendSms(Good(), TestSettings(), backend, kNow);
  CHECK(response.status == 202);
  CHECK(response.body == "0: Accepted for delivery");
  CHECK_THAT(response.content_type, Catch::StartsWith("text/plain"));
  REQUIRE(backend.submits.size() == 1);
  REQUIRE(backend.submits[0].size() == 1);
  const SubmitItem& item = backend.submits[0][0];
  CHECK(item.message.to == "+905321234567");
  CHECK(item.message.text == "hi");
  CHECK(item.message.encoding == "gsm7");
  CHECK(item.message.segments == 1);
  CHECK(item.message.priority == store::Priority::kNormal);
  CHECK_FALSE(item.message.report_requested);
  CHECK_FALSE(item.callback);
}

TEST_CASE("KannelSendSmsAcceptsKannelsAliases") {
  QueryParams q = Without(Without(Good(), "username"), "password");
  q.emplace("user", "kuser");
  q.emplace("pass", "kpass");
  q.emplace("dlrurl", "http://app/dlr?s=%d");
  q.emplace("dlrmask", "3");
  auto items = Items(q);
  REQUIRE(items.size() == 1);
  REQUIRE(items[0].callback);
  CHECK(items[0].callback->mask == 3);
}

TEST_CASE("KannelSendSmsRefusesWrongCredentialsLikeKannel") {
  ApiSettings no_user = TestSettings();
  no_user.kannel.reset();
  auto [query, settings] = GENERATE_COPY(table<QueryParams, ApiSettings>({
      {With(Good(), "password", "wrong"), TestSettings()},
      {With(Good(), "password", "kpas"), TestSettings()},
      {With(Good(), "username", "other"), TestSettings()},
      {Without(Good(), "password"), TestSettings()},
      {Without(Good(), "username"), TestSettings()},
      {Good(), no_user},
  }));
  FakeBackend backend;
  HttpResponse response = HandleKannelSendSms(query, settings, backend, kNow);
  CHECK(response.status == 403);
  CHECK(response.body == "Authorization failed for sendsms");
  CHECK(backend.submits.empty());
}

TEST_CASE("KannelSendSmsQueuesOneMessagePerRecipient") {
  auto items = Items(With(Good(), "to", "+905321234567 05331112233  +447700900123 "));
  REQUIRE(items.size() == 3);
  CHECK(items[0].message.to == "+905321234567");
  CHECK(items[1].message.to == "+905331112233");
  CHECK(items[2].message.to == "+447700900123");
  SECTION("a repeated recipient gets one message") {
    CHECK(Items(With(Good(), "to", "+905321234567 05321234567")).size() == 1);
  }
}

TEST_CASE("KannelSendSmsRejectsTheWholeRequestForOneBadRecipient") {
  FakeBackend backend;
  HttpResponse response =
      HandleKannelSendSms(With(Good(), "to", "+905321234567 +90ABC"), TestSettings(), backend, kNow);
  CHECK(response.status == 400);
  CHECK_THAT(response.body, Catch::StartsWith("Receiver number '+90ABC' misformed") && Catch::EndsWith("rejected"));
  CHECK(backend.submits.empty());
}

TEST_CASE("KannelSendSmsCoding") {
  SECTION("absent and 0 choose automatically") {
    CHECK(Items(Good())[0].message.encoding == "gsm7");
    CHECK(Items(With(Good(), "coding", "0"))[0].message.encoding == "gsm7");
    CHECK(Items(With(Good(), "text", "Привет"))[0].message.encoding == "ucs2");
  }
  SECTION("2 is UCS-2") {
    auto items = Items(With(Good(), "coding", "2"));
    CHECK(items[0].message.encoding == "ucs2");
  }
  SECTION("1 (8-bit) is not supported") {
    KannelReply reply = Rejection(With(Good(), "coding", "1"));
    CHECK(reply.status == 400);
    CHECK_THAT(reply.text, Catch::Contains("not supported"));
  }
  SECTION("others are misformed") {
    const char* bad = GENERATE("3", "-1", "x", "2.0");
    KannelReply reply = Rejection(With(Good(), "coding", bad));
    CHECK(reply.status == 400);
    CHECK(reply.text == "Coding field misformed, rejected");
  }
}

TEST_CASE("KannelSendSmsPassesDeliveryReportFields") {
  QueryParams q = With(With(Good(), "dlr-url", "http://app.example/dlr?id=42&status=%d"), "dlr-mask", "31");
  auto items = Items(q);
  REQUIRE(items.size() == 1);
  REQUIRE(items[0].callback);
  CHECK(items[0].callback->url == "http://app.example/dlr?id=42&status=%d");
  CHECK(items[0].callback->mask == 31);
  CHECK(items[0].message.report_requested);
  SECTION("every recipient gets the callback") {
    auto many = Items(With(q, "to", "+905321234567 +905331112233"));
    REQUIRE(many.size() == 2);
    CHECK(many[1].callback->url == "http://app.example/dlr?id=42&status=%d");
  }
  SECTION("SMSC-only bits need no status report") {
    auto smsc_only = Items(With(q, "dlr-mask", "24"));
    CHECK_FALSE(smsc_only[0].message.report_requested);
    CHECK(smsc_only[0].callback->mask == 24);
  }
  SECTION("https is accepted") { CHECK(Items(With(q, "dlr-url", "HTTPS://app.example/dlr"))[0].callback); }
}

TEST_CASE("KannelSendSmsMapsValiditySmscAndMclass") {
  auto items = Items(With(With(With(Good(), "validity", "90"), "smsc", "sim2"), "mclass", "0"));
  CHECK(items[0].message.valid_until == kNow + 90 * 60'000);
  CHECK(items[0].message.modem == "sim2");
  CHECK(items[0].message.flash);
}

TEST_CASE("KannelSendSmsRejectsWithKannelsTexts") {
  auto [query, text] = GENERATE_COPY(table<QueryParams, std::string>({
      {Without(Good(), "to"), "Missing receiver number, rejected"},
      {With(Good(), "to", ""), "Empty receiver number not allowed, rejected"},
      {With(Good(), "to", "   "), "Empty receiver number not allowed, rejected"},
      // "to=+905321234567" with the '+' unescaped arrives decoded as a space.
      {With(Good(), "to", " 905321234567"), "Receiver number misformed (send '+' as %2B), rejected"},
      {With(Good(), "to", " 905321234567 905331112233"), "Receiver number misformed (send '+' as %2B), rejected"},
      {With(Good(), "dlr-mask", "64"), "DLR-Mask field misformed, rejected"},
      {With(Good(), "dlr-mask", "x"), "DLR-Mask field misformed, rejected"},
      {With(Good(), "dlr-url", "ftp://app/dlr"), "DLR-URL field misformed, rejected"},
      {With(Good(), "validity", "0"), "Validity field misformed, rejected"},
      {With(Good(), "validity", "-5"), "Validity field misformed, rejected"},
      {With(Good(), "validity", "635041"), "Validity field misformed, rejected"},
      {With(Good(), "mclass", "1"), "MClass field not supported, rejected"},
      {With(Good(), "mclass", "9"), "MClass field misformed, rejected"},
      {With(Good(), "charset", "ISO-8859-9"), "Charset or body misformed, rejected"},
      {With(Good(), "text", "caf\xC3"), "Charset or body misformed, rejected"},
      {With(Good(), "udh", "%05%00%03%01%02%01"), "UDH field not supported, rejected"},
      {With(Good(), "deferred", "10"), "Deferred field not supported, rejected"},
      {With(Good(), "smsc", "sim9"), "SMSC field names no configured modem, rejected"},
      {Without(Good(), "text"), "Empty text not allowed, rejected"},
      {With(Good(), "text", ""), "Empty text not allowed, rejected"},
  }));
  CAPTURE(text);
  KannelReply reply = Rejection(query);
  CHECK(reply.status == 400);
  CHECK(reply.text == text);
}

TEST_CASE("KannelSendSmsAcceptsUtf8Charset") {
  CHECK(Items(With(Good(), "charset", "UTF-8")).size() == 1);
  CHECK(Items(With(Good(), "charset", "utf8")).size() == 1);
}

TEST_CASE("KannelSendSmsIgnoresParametersThatChangeNothing") {
  QueryParams q = Good();
  q.emplace("from", "ACME");
  q.emplace("account", "x");
  q.emplace("priority", "1");
  q.emplace("whatever", "y");
  CHECK(Items(q).size() == 1);
}

TEST_CASE("KannelSendSmsLimitsSegments") {
  CHECK(Items(With(Good(), "text", std::string(1530, 'x')))[0].message.segments == 10);
  KannelReply reply = Rejection(With(Good(), "text", std::string(1531, 'x')));
  CHECK(reply.status == 400);
  CHECK_THAT(reply.text, Catch::StartsWith("Message too long") && Catch::Contains("11 segments"));
}

TEST_CASE("KannelSendSmsLimitsRecipients") {
  ApiSettings settings = TestSettings();
  settings.max_batch = 2;
  KannelReply reply = Rejection(With(Good(), "to", "+905321234567 +905321234568 +905321234569"), settings);
  CHECK(reply.status == 400);
  CHECK_THAT(reply.text, Catch::StartsWith("Too many receivers"));
}

TEST_CASE("KannelSendSmsReportsBackendFailureAsKannelDoes") {
  FakeBackend backend;
  backend.failure = "database is locked";
  HttpResponse response = HandleKannelSendSms(Good(), TestSettings(), backend, kNow);
  CHECK(response.status == 500);
  CHECK(response.body == "Sending failed.");
}

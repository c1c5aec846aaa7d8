// Kannel's /cgi-bin/sendsms against the real tellald, as an application
// written for Kannel calls it: credentials, receivers and options, Kannel's
// plain-text answers, and the delivery-report URLs (dlr-url) the daemon
// calls back, received here by a small HTTP listener.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api_checks.h"
#include "daemon/cli/api_client.h"
#include "daemon/cli/api_command.h"
#include "daemon/net/url.h"
#include "daemon/text/rfc3339.h"
#include "daemon_harness.h"
#include "http_tools.h"
#include "support/test_http_server.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

const char* const kKannelIni = "kannel_username = shop\nkannel_password = s3cret";
const std::string kCredentials = "username=shop&password=s3cret";

// The messages the daemon lists whose text is `text`.
std::vector<json> MessagesWithText(DaemonHarness& h, const std::string& text) {
  std::vector<json> found;
  for (const auto& [id, m] : h.AllMessages()) {
    if (m.value("text", "") == text) found.push_back(m);
  }
  return found;
}

void CheckKannelAnswer(const ApiReply& reply, int status, const std::string& text_start) {
  INFO("answer " << reply.status << ": " << reply.raw);
  CHECK(reply.status == status);
  CHECK(reply.Header("Content-Type").value_or("").starts_with("text/plain"));
  CHECK(reply.raw.starts_with(text_start));
}

ApiReply SendSms(DaemonHarness& h, const std::string& query) {
  return h.RawRequest("GET", "/cgi-bin/sendsms?" + query, "", {});
}

TEST_CASE("Kannel sendsms: the configured user queues one message per receiver and gets Kannel's answer", "[kannel]") {
  DaemonHarness h(HarnessOptions().Modems(2).HttpIni(kKannelIni));

  // '+' in a query is a space: two receivers, the second international.
  CheckKannelAnswer(SendSms(h, kCredentials + "&to=05321234567+%2B905321234568&text=Merhaba+d%C3%BCnya"), 202,
                    "0: Accepted for delivery");
  // Kannel's short aliases, options, and one receiver given twice.
  CheckKannelAnswer(SendSms(h, "user=shop&pass=s3cret&to=05321234569+905321234569&text=ucs2&coding=2&smsc=sim2"), 202,
                    "0: Accepted for delivery");
  CheckKannelAnswer(SendSms(h, kCredentials + "&to=%2B905321234570&text=flash&mclass=0&validity=10"), 202,
                    "0: Accepted for delivery");

  std::vector<json> greeting = MessagesWithText(h, "Merhaba dünya");
  REQUIRE(greeting.size() == 2);
  std::set<std::string> receivers;
  for (json& m : greeting) receivers.insert(m.value("to", ""));
  CHECK(receivers == std::set<std::string>{"+905321234567", "+905321234568"});

  std::vector<json> ucs2 = MessagesWithText(h, "ucs2");
  REQUIRE(ucs2.size() == 1);
  CHECK(ucs2[0]["to"] == "+905321234569");
  CHECK(ucs2[0]["encoding"] == "ucs2");
  CHECK(ucs2[0]["pinned_modem"] == "sim2");

  std::vector<json> flash = MessagesWithText(h, "flash");
  REQUIRE(flash.size() == 1);
  CHECK(flash[0]["flash"] == true);
  REQUIRE(flash[0]["valid_until"].is_string());
  const int64_t validity = *text::ParseRfc3339(flash[0]["valid_until"].get<std::string>()) -
                           *text::ParseRfc3339(flash[0]["created_at"].get<std::string>());
  CHECK(validity >= 595'000);
  CHECK(validity <= 605'000);

  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 20s, 50ms));
  std::multiset<std::pair<std::string, std::string>> on_air;  // number, text
  for (const pdu::DecodedPdu& p : SubmittedPdus(h)) on_air.emplace(p.address.value, p.text);
  CHECK(on_air == std::multiset<std::pair<std::string, std::string>>{{"+905321234567", "Merhaba dünya"},
                                                                     {"+905321234568", "Merhaba dünya"},
                                                                     {"+905321234569", "ucs2"},
                                                                     {"+905321234570", "flash"}});
  for (const pdu::DecodedPdu& p : SubmittedPdus(h)) {
    INFO(p.text);
    if (p.text == "ucs2") CHECK(p.dcs.alphabet == pdu::Alphabet::kUcs2);
    if (p.text == "flash") CHECK(p.dcs.message_class == std::optional<int>(0));
  }
  CHECK(h.OnModems([&] {
    for (const vmodem::SubmittedMessage& m : h.sim(1).submitted()) {
      if (m.decoded.text == "ucs2") return false;
    }
    return true;
  }));
}

TEST_CASE("Kannel sendsms: wrong or missing credentials are refused with 403, and so is everyone when none are set",
          "[kannel]") {
  const std::vector<std::pair<const char*, std::string>> attempts = {
      {"a wrong password", "username=shop&password=secret"},
      {"a wrong user", "username=shops&password=s3cret"},
      {"the password with more after it", "username=shop&password=s3cret2"},
      {"no password", "username=shop"},
      {"an empty password", "username=shop&password="},
      {"no credentials", ""},
      {"the API token as password", "username=shop&password=integration-token"},
  };
  SECTION("configured") {
    DaemonHarness h(HarnessOptions().Modems(1).HttpIni(kKannelIni));
    for (const auto& [what, credentials] : attempts) {
      INFO(what);
      CheckKannelAnswer(SendSms(h, credentials + "&to=05321234567&text=refused"), 403,
                        "Authorization failed for sendsms");
    }
    // The API's bearer token is not a Kannel credential either.
    ApiReply bearer = h.RawRequest("GET", "/cgi-bin/sendsms?to=05321234567&text=refused", "",
                                   {{"Authorization", "Bearer " + h.token()}});
    CheckKannelAnswer(bearer, 403, "Authorization failed for sendsms");
    CHECK(ListedIds(h).empty());
  }
  SECTION("not configured") {
    DaemonHarness h(HarnessOptions().Modems(1));
    CheckKannelAnswer(SendSms(h, kCredentials + "&to=05321234567&text=refused"), 403,
                      "Authorization failed for sendsms");
    CheckKannelAnswer(SendSms(h, "username=&password=&to=05321234567&text=refused"), 403,
                      "Authorization failed for sendsms");
    CHECK(ListedIds(h).empty());
  }
}

TEST_CASE("Kannel sendsms: a malformed request gets Kannel's 400 text and queues nothing", "[kannel]") {
  DaemonHarness h(HarnessOptions().Modems(1).HttpIni(kKannelIni));
  const std::string too_long(153 * 10 + 1, 'k');
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"text=x", "Missing receiver number, rejected"},
      {"to=&text=x", "Empty receiver number not allowed, rejected"},
      {"to=+905321234567&text=x", "Receiver number misformed (send '+' as %2B), rejected"},
      {"to=call-me&text=x", "Receiver number 'call-me' misformed"},
      {"to=05321234567+nobody&text=x", "Receiver number 'nobody' misformed"},
      {"to=05321234567", "Empty text not allowed, rejected"},
      {"to=05321234567&text=", "Empty text not allowed, rejected"},
      {"to=05321234567&text=" + too_long, "Message too long"},
      {"to=05321234567&text=x&coding=1", "Coding 1 (8-bit data) not supported, rejected"},
      {"to=05321234567&text=x&coding=7", "Coding field misformed, rejected"},
      {"to=05321234567&text=x&charset=ISO-8859-9", "Charset or body misformed, rejected"},
      {"to=05321234567&text=x&mclass=1", "MClass field not supported, rejected"},
      {"to=05321234567&text=x&validity=0", "Validity field misformed, rejected"},
      {"to=05321234567&text=x&dlr-mask=64", "DLR-Mask field misformed, rejected"},
      {"to=05321234567&text=x&dlr-url=ftp%3A%2F%2Fexample.com%2Fdlr", "DLR-URL field misformed, rejected"},
      {"to=05321234567&text=x&dlr-url=http%3A%2F%2F127.0.0.1%3A13013%2Fcgi-bin%2Fsendsms%3Fto%3D1",
       "DLR-URL field names a loopback or link-local host, rejected"},
      {"to=05321234567&text=x&dlr-url=http%3A%2F%2Flocalhost%2Fdlr%3Ftype%3D%25d",
       "DLR-URL field names a loopback or link-local host, rejected"},
      {"to=05321234567&text=x&dlr-url=http%3A%2F%2F%5B%3A%3A1%5D%3A8080%2Fdlr",
       "DLR-URL field names a loopback or link-local host, rejected"},
      {"to=05321234567&text=x&dlr-url=https%3A%2F%2F169.254.169.254%2Flatest",
       "DLR-URL field names a loopback or link-local host, rejected"},
      {"to=05321234567&text=x&smsc=sim9", "SMSC field names no configured modem, rejected"},
      {"to=05321234567&text=x&udh=%06%05%04%0B%84%23%F0", "UDH field not supported, rejected"},
      {"to=05321234567&text=x&deferred=10", "Deferred field not supported, rejected"},
  };
  for (const auto& [query, answer] : rows) {
    INFO("?" << query);
    CheckKannelAnswer(SendSms(h, kCredentials + "&" + query), 400, answer);
  }
  CHECK(ListedIds(h).empty());
  CHECK(h.SubmittedCount() == 0);
}

TEST_CASE("Kannel sendsms: dlr-url is called for exactly the delivery states dlr-mask asks for", "[kannel]") {
  testing::TestHttpServer listener([](const testing::RecordedRequest&) { return testing::Reply(200, ""); });
  const auto targets_so_far = [&listener] {
    std::vector<std::string> targets;
    for (const testing::RecordedRequest& r : listener.requests()) targets.push_back(r.target);
    return targets;
  };
  // The network reports back half a second after the send, as a real one
  // does (seconds, in fact), not in the same breath as +CMGS.
  // The listener is on loopback, which a dlr-url may name only when allowed.
  DaemonHarness h(HarnessOptions()
                      .Modems(1)
                      .HttpIni(std::string(kKannelIni) + "\ndlr_url_allow_local = yes")
                      .Modem([](int, vmodem::Options& o) { o.status_report_delay = 500ms; }));
  const std::string base = "http://127.0.0.1:" + std::to_string(listener.port()) + "/dlr?type=%d&to=%p&id=%I&smsc=%i";
  // 1 delivered to the phone, 8 delivered to the SMSC (here: sent); only
  // bits 1, 2 and 4 ask the network for a status report.
  const std::vector<std::pair<std::string, int>> sends = {{"a", 9}, {"b", 1}, {"c", 8}};
  for (const auto& [tag, mask] : sends) {
    const std::string query = kCredentials + "&to=%2B905321234567&text=dlr-" + tag +
                              "&dlr-mask=" + std::to_string(mask) +
                              "&dlr-url=" + net::PercentEncode(base + "&tag=" + tag);
    CheckKannelAnswer(SendSms(h, query), 202, "0: Accepted for delivery");
  }
  std::map<std::string, int64_t> ids;
  for (const auto& [tag, mask] : sends) {
    std::vector<json> found = MessagesWithText(h, "dlr-" + tag);
    REQUIRE(found.size() == 1);
    ids[tag] = found[0]["id"].get<int64_t>();
  }

  const std::multiset<std::string> expected = {"a:8", "a:1", "b:1", "c:8"};
  auto received = [&] {
    std::multiset<std::string> calls;
    for (const std::string& target : targets_so_far())
      calls.insert(QueryValue(target, "tag") + ":" + QueryValue(target, "type"));
    return calls;
  };
  REQUIRE(h.WaitUntil([&] { return received().size() >= expected.size(); }, 20s, 50ms));
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 20s, 50ms));
  const std::vector<std::string> targets = targets_so_far();
  std::string all;
  for (const std::string& t : targets) all += t + "\n";
  INFO("calls:\n" << all);
  CHECK(received() == expected);
  for (const std::string& target : targets) {
    INFO(target);
    CHECK(target.starts_with("/dlr?"));
    CHECK(QueryValue(target, "to") == "+905321234567");
    CHECK(QueryValue(target, "smsc") == "sim1");
    CHECK(QueryValue(target, "id") == std::to_string(ids[QueryValue(target, "tag")]));
  }
  CHECK(h.Get("/api/v1/messages/" + std::to_string(ids["a"]))["state"] == "delivered");
  CHECK(h.Get("/api/v1/messages/" + std::to_string(ids["b"]))["state"] == "delivered");
  CHECK(h.Get("/api/v1/messages/" + std::to_string(ids["c"]))["state"] == "sent");
}

}  // namespace
}  // namespace tellal::integration

// POST /api/v1/messages and who may call it, driven over HTTP against the
// real tellald: authorisation, the public health check, single messages and
// number normalisation, validation errors naming the field, batches that
// are accepted or refused as a whole, and client_ref idempotency.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "api_checks.h"
#include "daemon_harness.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

const net::HttpHeaders kJson = {{"Content-Type", "application/json"}};

TEST_CASE("API auth: every protected endpoint answers 401 without the token or with a wrong one", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  struct Endpoint {
    const char* method;
    const char* path;
    const char* body;
  };
  // Unknown paths under /api/ and wrong methods are guarded like the rest:
  // without the token a client learns nothing but 401.
  const std::vector<Endpoint> endpoints = {
      {"GET", "/api/v1/messages", ""},
      {"POST", "/api/v1/messages", R"({"to": "+905321234567", "text": "unauthorised"})"},
      {"GET", "/api/v1/messages/1", ""},
      {"DELETE", "/api/v1/messages/1", ""},
      {"GET", "/api/v1/inbox", ""},
      {"GET", "/api/v1/modems", ""},
      {"GET", "/metrics", ""},
      {"GET", "/api/v1/no-such-thing", ""},
      {"PUT", "/api/v1/messages", ""},
  };
  struct Credentials {
    const char* name;
    std::optional<std::string> authorization;
    const char* www_authenticate;
  };
  const std::vector<Credentials> credentials = {
      {"no Authorization header", std::nullopt, "Bearer realm=\"tellal\""},
      {"a wrong token", "Bearer wrong-token", "Bearer realm=\"tellal\", error=\"invalid_token\""},
      {"the token with a suffix", "Bearer " + h.token() + "x", "Bearer realm=\"tellal\", error=\"invalid_token\""},
      {"the token without the scheme", h.token(), "Bearer realm=\"tellal\""},
      {"Basic credentials", "Basic aW50ZWdyYXRpb246dG9rZW4=", "Bearer realm=\"tellal\""},
      {"an empty bearer", "Bearer ", "Bearer realm=\"tellal\""},
  };
  for (const Endpoint& e : endpoints) {
    for (const Credentials& c : credentials) {
      INFO(e.method << " " << e.path << " with " << c.name);
      net::HttpHeaders headers = kJson;
      if (c.authorization) headers.emplace_back("Authorization", *c.authorization);
      ApiReply reply = h.RawRequest(e.method, e.path, e.body, headers);
      CheckApiError(reply, 401, "unauthorized");
      CHECK(reply.Header("WWW-Authenticate").value_or("") == c.www_authenticate);
    }
  }
  // The scheme is case-insensitive (RFC 9110 §11.1): the right token is let in.
  ApiReply lower = h.RawRequest("GET", "/api/v1/modems", "", {{"Authorization", "bearer " + h.token()}});
  CHECK(lower.status == 200);
  // The POST without a token queued nothing, and no modem sent anything.
  CHECK(ListedIds(h).empty());
  CHECK(h.SubmittedCount() == 0);
}

TEST_CASE("API health: answers without a token and shows no private data", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(2));
  // Something private to leak: a queued message to a real-looking number.
  ApiReply queued = h.Post(
      "/api/v1/messages",
      {{"to", "+905329876543"}, {"text", "secret"}, {"send_at", Rfc3339Utc(std::chrono::system_clock::now() + 1h)}});
  REQUIRE(queued.status == 202);

  for (const std::optional<std::string>& authorization :
       {std::optional<std::string>(), std::optional<std::string>("Bearer wrong-token")}) {
    INFO("Authorization: " << authorization.value_or("(none)"));
    net::HttpHeaders headers;
    if (authorization) headers.emplace_back("Authorization", *authorization);
    ApiReply health = h.RawRequest("GET", "/api/v1/health", "", headers);
    INFO(health.raw);
    REQUIRE(health.status == 200);
    CHECK(health.Header("Content-Type").value_or("").starts_with("application/json"));
    CHECK(health.body["status"] == "ok");
    CHECK(health.body["modems"] == json({{"total", 2}, {"ready", 2}}));
    CHECK(health.body["queued"] == 1);
    CHECK(health.body["version"].is_string());
    std::set<std::string> keys;
    for (const auto& [key, value] : health.body.items()) keys.insert(key);
    CHECK(keys == std::set<std::string>{"status", "modems", "queued", "version"});
    for (const std::string& secret :
         {h.token(), std::string("5329876543"), std::string("secret"), std::string("28601000000000"),
          std::string("899001000000000000"), std::string("35693803564380"), h.dir(), std::string("sim1")}) {
      INFO("must not show " << secret);
      CHECK(health.raw.find(secret) == std::string::npos);
    }
  }
}

TEST_CASE("API submit: one message is queued with 202, its number normalised, and sent to that number", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  // default_country is 90 in the harness.
  const std::vector<std::pair<std::string, std::string>> numbers = {
      {"05321234567", "+905321234567"},        {"905321234567", "+905321234567"},
      {"+905321234567", "+905321234567"},      {"5321234567", "+905321234567"},
      {"0090 532 123 45 67", "+905321234567"}, {"(0532) 123-45-68", "+905321234568"},
      {"+49 30 1234567", "+49301234567"},
  };
  std::map<std::string, std::string> expected_to_by_text;
  for (size_t i = 0; i < numbers.size(); ++i) {
    const auto& [given, normalised] = numbers[i];
    INFO("to: " << given);
    const std::string text = "normalise" + std::to_string(i);
    ApiReply reply = h.Post("/api/v1/messages", {{"to", given}, {"text", text}});
    INFO(reply.raw);
    REQUIRE(reply.status == 202);
    CHECK(reply.Header("Content-Type").value_or("").starts_with("application/json"));
    json& m = reply.body;
    REQUIRE(m["id"].is_number_integer());
    CHECK(m["state"] == "queued");
    CHECK(m["to"] == normalised);
    CHECK(m["encoding"] == "gsm7");
    CHECK(m["segments"] == 1);
    CHECK(m.size() == 5);
    const std::string location = "/api/v1/messages/" + std::to_string(m["id"].get<int64_t>());
    CHECK(reply.Header("Location").value_or("") == location);
    CHECK(h.Get(location)["to"] == normalised);
    expected_to_by_text[text] = normalised;
  }
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 20s, 50ms));
  std::map<std::string, std::string> sent_to_by_text;
  for (const pdu::DecodedPdu& p : SubmittedPdus(h)) sent_to_by_text[p.text] = p.address.value;
  CHECK(sent_to_by_text == expected_to_by_text);
  CHECK(h.SubmittedCount() == numbers.size());
}

TEST_CASE("API submit: encoding and segments are what the modem is given", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  struct Row {
    std::string text;
    const char* encoding_request;  // nullptr: not given
    const char* encoding;
    int segments;
    pdu::Alphabet alphabet;
  };
  const std::vector<Row> rows = {
      {"Merhaba, randevunuz yarin 10:00", nullptr, "gsm7", 1, pdu::Alphabet::kGsm7},
      {"Şişli'de buluşalım mı? Ğ ı İ", nullptr, "gsm7-turkish", 1, pdu::Alphabet::kGsm7},
      {"Kodunuz 4711 😀", nullptr, "ucs2", 1, pdu::Alphabet::kUcs2},
      {std::string(161, 'x'), nullptr, "gsm7", 2, pdu::Alphabet::kGsm7},
      {std::string(153 * 10, 'y'), nullptr, "gsm7", 10, pdu::Alphabet::kGsm7},
      {"Merhaba", "ucs2", "ucs2", 1, pdu::Alphabet::kUcs2},
      {std::string(71, 'z'), "ucs2", "ucs2", 2, pdu::Alphabet::kUcs2},
  };
  int total_segments = 0;
  for (const Row& row : rows) {
    INFO("text " << row.text.substr(0, 40) << " encoding " << (row.encoding_request ? row.encoding_request : "-"));
    json body = {{"to", "+905321234567"}, {"text", row.text}};
    if (row.encoding_request) body["encoding"] = row.encoding_request;
    ApiReply reply = h.Post("/api/v1/messages", body);
    INFO(reply.raw.substr(0, 500));
    REQUIRE(reply.status == 202);
    CHECK(reply.body["encoding"] == row.encoding);
    CHECK(reply.body["segments"] == row.segments);
    total_segments += row.segments;
  }
  REQUIRE(h.WaitUntil([&] { return h.SubmittedCount() == static_cast<size_t>(total_segments); }, 20s, 50ms));
  // One modem sends the messages in the order they were queued, each as
  // its announced number of PDUs in its announced alphabet.
  const std::vector<pdu::DecodedPdu> pdus = SubmittedPdus(h);
  REQUIRE(pdus.size() == static_cast<size_t>(total_segments));
  size_t next = 0;
  for (const Row& row : rows) {
    INFO("text " << row.text.substr(0, 40));
    std::string joined;
    for (int part = 0; part < row.segments; ++part, ++next) {
      CHECK(pdus[next].dcs.alphabet == row.alphabet);
      joined += pdus[next].text;
    }
    CHECK(joined == row.text);
  }
}

TEST_CASE("API submit: an invalid message is refused with 400 naming the field, and nothing is queued", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(2));
  json valid = {{"to", "+905321234567"}, {"text", "valid"}};
  auto with = [&valid](const char* key, json value) {
    json m = valid;
    m[key] = std::move(value);
    return m;
  };
  auto without = [&valid](const char* key) {
    json m = valid;
    m.erase(key);
    return m;
  };
  json too_many = json::array();
  for (int i = 0; i < 10001; ++i) too_many.push_back(valid);
  struct Row {
    const char* what;
    json body;
    const char* code;
    std::optional<std::string> field;
    std::optional<size_t> index;
  };
  const std::vector<Row> rows = {
      {"letters in the number", with("to", "0532-ABC-4567"), "invalid_number", "to", {}},
      {"a number too short", with("to", "+9012"), "invalid_number", "to", {}},
      {"a number too long", with("to", "+9053212345678901"), "invalid_number", "to", {}},
      {"to as a JSON number", with("to", 905321234567), "invalid_field", "to", {}},
      {"no to", without("to"), "missing_field", "to", {}},
      {"no text", without("text"), "missing_field", "text", {}},
      {"an empty text", with("text", ""), "invalid_text", "text", {}},
      {"11 segments of text", with("text", std::string(153 * 10 + 1, 'a')), "text_too_long", "text", {}},
      {"an emoji forced into gsm7",
       json{{"to", "+905321234567"}, {"text", "hi 😀"}, {"encoding", "gsm7"}},
       "invalid_text",
       "text",
       {}},
      {"an unknown modem", with("modem", "sim9"), "unknown_modem", "modem", {}},
      {"an unknown priority", with("priority", "urgent"), "invalid_field", "priority", {}},
      {"send_at that is not a time", with("send_at", "tomorrow"), "invalid_field", "send_at", {}},
      {"send_at without an offset", with("send_at", "2030-01-01T10:00:00"), "invalid_field", "send_at", {}},
      {"valid_for 0", with("valid_for", 0), "invalid_field", "valid_for", {}},
      {"valid_for as a string", with("valid_for", "60"), "invalid_field", "valid_for", {}},
      {"valid_for past 63 weeks", with("valid_for", 63LL * 7 * 24 * 3600 + 1), "invalid_field", "valid_for", {}},
      {"report as a string", with("report", "yes"), "invalid_field", "report", {}},
      {"flash as a number", with("flash", 1), "invalid_field", "flash", {}},
      {"an unknown encoding", with("encoding", "latin1"), "invalid_field", "encoding", {}},
      {"an empty client_ref", with("client_ref", ""), "invalid_field", "client_ref", {}},
      {"a client_ref of 256 bytes", with("client_ref", std::string(256, 'r')), "invalid_field", "client_ref", {}},
      {"a misspelt member", with("valid_fr", 60), "unknown_field", "valid_fr", {}},
      {"an array body", json::array({valid}), "invalid_body", {}, {}},
      {"an empty batch", {{"messages", json::array()}}, "invalid_field", "messages", {}},
      {"messages as an object", {{"messages", valid}}, "invalid_field", "messages", {}},
      {"a batch member beside messages",
       {{"messages", json::array({valid})}, {"priority", "otp"}},
       "invalid_field",
       "priority",
       {}},
      {"a batch entry that is not an object", {{"messages", json::array({valid, "hello"})}}, "invalid_body", {}, 1},
      {"10,001 messages in one batch", {{"messages", too_many}}, "too_many_messages", "messages", {}},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    CheckApiError(h.Post("/api/v1/messages", row.body), 400, row.code, row.field, row.index);
  }
  CHECK(ListedIds(h).empty());
  CHECK(h.Get("/api/v1/health")["queued"] == 0);
  CHECK(h.SubmittedCount() == 0);
}

TEST_CASE(
    "API batch: one invalid entry refuses the whole batch naming its index, and the corrected one is queued in order",
    "[api]") {
  DaemonHarness h(HarnessOptions().Modems(2));
  constexpr int kCount = 50;
  auto batch = [](int bad_index, const char* key, json bad_value) {
    json messages = json::array();
    for (int i = 0; i < kCount; ++i) {
      json m = {{"to", "0532123" + std::to_string(4000 + i)}, {"text", DaemonHarness::TextFor("batch", i)}};
      if (i == bad_index) m[key] = bad_value;
      messages.push_back(std::move(m));
    }
    return json{{"messages", std::move(messages)}};
  };
  struct Row {
    int index;
    const char* key;
    json value;
    const char* code;
  };
  const std::vector<Row> rows = {
      {37, "to", "not a number", "invalid_number"},   {0, "text", "", "invalid_text"},
      {kCount - 1, "modem", "sim7", "unknown_modem"}, {12, "priority", "high", "invalid_field"},
      {25, "colour", "red", "unknown_field"},
  };
  for (const Row& row : rows) {
    INFO("entry " << row.index << " with a bad " << row.key);
    ApiReply reply = h.Post("/api/v1/messages", batch(row.index, row.key, row.value));
    CheckApiError(reply, 400, row.code, row.key, static_cast<size_t>(row.index));
    // The message says where, for a person reading a log.
    CHECK(reply.body["error"].value("message", "").starts_with("messages[" + std::to_string(row.index) + "]"));
    // Nothing of the batch was queued: not the entries before the bad one,
    // not the ones after.
    CHECK(ListedIds(h).empty());
  }

  ApiReply accepted = h.Post("/api/v1/messages", batch(-1, "", nullptr));
  INFO(accepted.raw.substr(0, 1000));
  REQUIRE(accepted.status == 202);
  CHECK(!accepted.Header("Location"));
  json& items = accepted.body["messages"];
  REQUIRE(items.size() == kCount);
  std::vector<int64_t> ids;
  for (int i = 0; i < kCount; ++i) {
    INFO("entry " << i);
    CHECK(items[i]["to"] == "+90532123" + std::to_string(4000 + i));
    CHECK(items[i]["state"] == "queued");
    CHECK(items[i]["segments"] == 1);
    if (i > 0) CHECK(items[i]["id"].get<int64_t>() > items[i - 1]["id"].get<int64_t>());
    ids.push_back(items[i]["id"].get<int64_t>());
  }
  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 30s, 50ms));
  CHECK(StateSummary(h.AllMessages(), ids) == "sent:50");
  const TextAudit audit = AuditTexts(h.SubmittedTextCounts(), TaggedTexts("batch", kCount));
  INFO(audit.ToString());
  CHECK(audit.Clean());
}

TEST_CASE("API batch: 10,000 messages in one request are accepted, in order", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  constexpr int kLimit = 10000;
  // Scheduled for later, so the test measures acceptance, not sending.
  const std::string later = Rfc3339Utc(std::chrono::system_clock::now() + 1h);
  const std::vector<int64_t> ids = h.Submit(kLimit, "big", {{"send_at", later}, {"priority", "bulk"}});
  REQUIRE(ids.size() == static_cast<size_t>(kLimit));
  CHECK(std::adjacent_find(ids.begin(), ids.end(), [](int64_t a, int64_t b) { return b <= a; }) == ids.end());
  CHECK(h.Get("/api/v1/health")["queued"] == kLimit);
  // The health check counts them all, and the newest listed is the batch's
  // last (walking ten full pages would only slow a sanitizer build down).
  json newest = h.Get("/api/v1/messages?limit=1");
  REQUIRE(newest["messages"].size() == 1);
  CHECK(newest["messages"][0]["id"] == ids.back());
  CHECK(newest["messages"][0]["text"] == DaemonHarness::TextFor("big", kLimit - 1));
}

TEST_CASE("API idempotency: the same client_ref again answers 200 with the first message and queues nothing", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  ApiReply first = h.Post("/api/v1/messages", {{"to", "05321234567"}, {"text", "first"}, {"client_ref", "order-17"}});
  INFO(first.raw);
  REQUIRE(first.status == 202);
  const int64_t id = first.body["id"].get<int64_t>();

  // A retry, even with another text, is the message already accepted.
  ApiReply again =
      h.Post("/api/v1/messages", {{"to", "05321234567"}, {"text", "second, longer text"}, {"client_ref", "order-17"}});
  INFO(again.raw);
  CHECK(again.status == 200);
  CHECK(again.body["id"] == id);
  CHECK(again.body["to"] == "+905321234567");
  CHECK(again.body["encoding"] == "gsm7");
  CHECK(again.body["segments"] == 1);

  // In a batch: the known reference answers the first message, the new one
  // is queued; the batch as a whole is 202 because something was created.
  ApiReply mixed = h.Post(
      "/api/v1/messages",
      {{"messages", json::array({json{{"to", "05321234567"}, {"text", "third"}, {"client_ref", "order-17"}},
                                 json{{"to", "05321234567"}, {"text", "fourth"}, {"client_ref", "order-18"}}})}});
  INFO(mixed.raw);
  REQUIRE(mixed.status == 202);
  REQUIRE(mixed.body["messages"].size() == 2);
  CHECK(mixed.body["messages"][0]["id"] == id);
  const int64_t second_id = mixed.body["messages"][1]["id"].get<int64_t>();
  CHECK(second_id != id);
  CHECK(mixed.body["messages"][1]["state"] == "queued");

  // Nothing new at all: 200.
  ApiReply repeat =
      h.Post("/api/v1/messages",
             {{"messages", json::array({json{{"to", "05321234567"}, {"text", "fifth"}, {"client_ref", "order-18"}},
                                        json{{"to", "05321234567"}, {"text", "sixth"}, {"client_ref", "order-17"}}})}});
  INFO(repeat.raw);
  CHECK(repeat.status == 200);
  CHECK(repeat.body["messages"][0]["id"] == second_id);
  CHECK(repeat.body["messages"][1]["id"] == id);

  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 20s, 50ms));
  // After sending, a retry still finds the message, now in its new state.
  ApiReply late = h.Post("/api/v1/messages", {{"to", "05321234567"}, {"text", "x"}, {"client_ref", "order-17"}});
  CHECK(late.status == 200);
  CHECK(late.body["id"] == id);
  CHECK(late.body["state"] == "sent");

  CHECK(ListedIds(h) == std::set<int64_t>{id, second_id});
  json stored = h.Get("/api/v1/messages/" + std::to_string(id));
  CHECK(stored["client_ref"] == "order-17");
  CHECK(stored["text"] == "first");
  CHECK(h.SubmittedTextCounts() == std::map<std::string, int>{{"first", 1}, {"fourth", 1}});
}

}  // namespace
}  // namespace tellal::integration

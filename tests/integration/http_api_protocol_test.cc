// The HTTP layer of the API against the real tellald: malformed requests and
// the status each gets, the body size limit, and the OpenAPI document the
// daemon serves.
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api_checks.h"
#include "daemon_harness.h"
#include "http_tools.h"

namespace tellal::integration {
namespace {

TEST_CASE("API protocol: malformed JSON, bad UTF-8, wrong content type, method or path each get their JSON error",
          "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  const std::string auth = "Bearer " + h.token();
  const std::string valid = R"({"to": "+905321234567", "text": "valid"})";
  struct Row {
    const char* what;
    const char* method;
    const char* path;
    std::optional<std::string> content_type;
    std::string body;
    int status;
    const char* code;
    const char* allow;  // the Allow header a 405 must carry
  };
  const std::optional<std::string> kJson = "application/json";
  const std::vector<Row> rows = {
      {"JSON cut short", "POST", "/api/v1/messages", kJson, R"({"to": "+905321234567", "text": )", 400, "invalid_json",
       nullptr},
      {"JSON with trailing garbage", "POST", "/api/v1/messages", kJson, valid + " !", 400, "invalid_json", nullptr},
      {"a JSON comment", "POST", "/api/v1/messages", kJson, "/* hi */" + valid, 400, "invalid_json", nullptr},
      {"an empty body", "POST", "/api/v1/messages", kJson, "", 400, "invalid_json", nullptr},
      {"a member given twice", "POST", "/api/v1/messages", kJson,
       R"({"to": "+905321234567", "text": "a", "text": "b"})", 400, "invalid_json", nullptr},
      {"invalid UTF-8 (a lead byte without its continuation)", "POST", "/api/v1/messages", kJson,
       "{\"to\": \"+905321234567\", \"text\": \"caf\xC3\x28\"}", 400, "invalid_json", nullptr},
      {"invalid UTF-8 (an overlong '/')", "POST", "/api/v1/messages", kJson,
       "{\"to\": \"+905321234567\", \"text\": \"\xC0\xAF\"}", 400, "invalid_json", nullptr},
      {"invalid UTF-8 (a Latin-1 byte)", "POST", "/api/v1/messages", kJson,
       "{\"to\": \"+905321234567\", \"text\": \"Merhaba \xFC\"}", 400, "invalid_json", nullptr},
      {"a lone surrogate escape", "POST", "/api/v1/messages", kJson, R"({"to": "+905321234567", "text": "\ud800"})",
       400, "invalid_json", nullptr},
      {"text/plain", "POST", "/api/v1/messages", "text/plain", valid, 415, "unsupported_media_type", nullptr},
      {"a form, as curl -d sends", "POST", "/api/v1/messages", "application/x-www-form-urlencoded", valid, 415,
       "unsupported_media_type", nullptr},
      {"no Content-Type", "POST", "/api/v1/messages", std::nullopt, valid, 415, "unsupported_media_type", nullptr},
      {"PUT on the collection", "PUT", "/api/v1/messages", kJson, valid, 405, "method_not_allowed", "POST, GET"},
      {"DELETE on the collection", "DELETE", "/api/v1/messages", std::nullopt, "", 405, "method_not_allowed",
       "POST, GET"},
      {"PATCH on a message", "PATCH", "/api/v1/messages/1", kJson, "{}", 405, "method_not_allowed", "GET, DELETE"},
      {"POST on a message", "POST", "/api/v1/messages/1", kJson, valid, 405, "method_not_allowed", "GET, DELETE"},
      {"POST on the modems", "POST", "/api/v1/modems", kJson, "{}", 405, "method_not_allowed", "GET"},
      {"DELETE on the inbox", "DELETE", "/api/v1/inbox", std::nullopt, "", 405, "method_not_allowed", "GET"},
      {"POST on the metrics", "POST", "/metrics", kJson, "{}", 405, "method_not_allowed", "GET"},
      {"POST on the health check", "POST", "/api/v1/health", kJson, "{}", 405, "method_not_allowed", "GET"},
      {"POST on Kannel's sendsms", "POST", "/cgi-bin/sendsms", kJson, "{}", 405, "method_not_allowed", "GET"},
      {"an unknown path under /api/v1", "GET", "/api/v1/nothing", std::nullopt, "", 404, "not_found", nullptr},
      {"another API version", "GET", "/api/v2/messages", std::nullopt, "", 404, "not_found", nullptr},
      {"a trailing slash", "GET", "/api/v1/messages/", std::nullopt, "", 404, "not_found", nullptr},
      {"below a message", "GET", "/api/v1/messages/1/parts", std::nullopt, "", 404, "not_found", nullptr},
      {"a page the panel does not have", "GET", "/nope.html", std::nullopt, "", 404, "not_found", nullptr},
      {"outside /api and the panel", "GET", "/admin/index.php", std::nullopt, "", 404, "not_found", nullptr},
  };
  for (const Row& row : rows) {
    INFO(row.what << ": " << row.method << " " << row.path);
    net::HttpHeaders headers = {{"Authorization", auth}};
    if (row.content_type) headers.emplace_back("Content-Type", *row.content_type);
    ApiReply reply = h.RawRequest(row.method, row.path, row.body, headers);
    CheckApiError(reply, row.status, row.code);
    if (row.allow) {
      CHECK(reply.Header("Allow").value_or("(none)") == row.allow);
    } else {
      CHECK(!reply.Header("Allow"));
    }
  }
  CHECK(ListedIds(h).empty());

  // Parameters on the media type are fine.
  ApiReply with_charset = h.RawRequest("POST", "/api/v1/messages", valid,
                                       {{"Authorization", auth}, {"Content-Type", "Application/JSON; charset=utf-8"}});
  INFO(with_charset.raw);
  CHECK(with_charset.status == 202);
  CHECK(ListedIds(h).size() == 1);
}

// A request for POST /api/v1/messages with a body of exactly `size` bytes:
// one valid message, padded with trailing whitespace (which JSON allows).
std::string PaddedMessage(size_t size) {
  std::string body = R"({"to": "+905321234567", "text": "at the limit"})";
  REQUIRE(size >= body.size());
  body.append(size - body.size(), ' ');
  return body;
}

std::string RawPost(const std::string& token, const std::string& body, const std::string& length) {
  return "POST /api/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
         "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n" + body;
}

void Check413(const std::string& response) {
  INFO("response: " << response.substr(0, 500));
  CHECK(RawStatus(response) == 413);
  json body = json::parse(RawBody(response), nullptr, false);
  REQUIRE(body.is_object());
  CHECK(body["error"]["code"] == "payload_too_large");
  CHECK(body["error"]["message"].is_string());
}

TEST_CASE("API body limit: one byte over max_body_kib is 413 however it is sent, and the limit itself is accepted",
          "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1).HttpIni("max_body_kib = 64"));
  constexpr size_t kLimit = 64 * 1024;

  SECTION("a body one byte over, announced by Content-Length") {
    const std::string body = PaddedMessage(kLimit + 1);
    Check413(RawHttpExchange(h.port(), RawPost(h.token(), body, std::to_string(body.size()))));
  }
  SECTION("a huge body announced and never sent is answered at once") {
    Check413(RawHttpExchange(h.port(), RawPost(h.token(), "", "1073741824")));
  }
  SECTION("a chunked body that grows past the limit") {
    std::string request = "POST /api/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + h.token() +
                          "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string body = PaddedMessage(kLimit + 4096);
    for (size_t at = 0; at < body.size(); at += 4096) {
      const std::string chunk = body.substr(at, 4096);
      char size[16];
      std::snprintf(size, sizeof(size), "%zx", chunk.size());
      request += std::string(size) + "\r\n" + chunk + "\r\n";
    }
    request += "0\r\n\r\n";
    Check413(RawHttpExchange(h.port(), request));
  }
  // None of them reached the API; the daemon still serves, and a body of
  // exactly the limit is accepted.
  CHECK(ListedIds(h).empty());
  ApiReply at_limit = h.RawRequest("POST", "/api/v1/messages", PaddedMessage(kLimit),
                                   {{"Authorization", "Bearer " + h.token()}, {"Content-Type", "application/json"}});
  INFO(at_limit.raw);
  CHECK(at_limit.status == 202);
  CHECK(ListedIds(h).size() == 1);
}

TEST_CASE("API body limit: the default is 4 MiB", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  constexpr size_t kLimit = 4 * 1024 * 1024;
  const std::string over = PaddedMessage(kLimit + 1);
  Check413(RawHttpExchange(h.port(), RawPost(h.token(), over, std::to_string(over.size()))));
  CHECK(ListedIds(h).empty());
  ApiReply at_limit = h.RawRequest("POST", "/api/v1/messages", PaddedMessage(kLimit),
                                   {{"Authorization", "Bearer " + h.token()}, {"Content-Type", "application/json"}});
  INFO(at_limit.raw.substr(0, 500));
  CHECK(at_limit.status == 202);
  CHECK(ListedIds(h).size() == 1);
}

TEST_CASE("API authentication: a request without a valid token is refused before its body is read", "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  const std::string token = GENERATE(as<std::string>{}, "", "wrong-token-of-some-length");
  INFO("token '" << token << "'");
  // 4 MiB announced and never sent: the answer comes at once, not when the
  // body (or the exchange's 10 s patience) runs out.
  const std::string response =
      RawHttpExchange(h.port(), RawPost(token, "", std::to_string(4 * 1024 * 1024)), std::chrono::seconds(5));
  INFO("response: " << response.substr(0, 500));
  CHECK(RawStatus(response) == 401);
  json body = json::parse(RawBody(response), nullptr, false);
  REQUIRE(body.is_object());
  CHECK(body["error"]["code"] == "unauthorized");
  CHECK(ListedIds(h).empty());
}

// Every "$ref" in `node` resolves inside `document`.
void CheckRefs(const json& document, const json& node, const std::string& where) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) {
        const std::string ref = value.get<std::string>();
        INFO("$ref " << ref << " at " << where);
        REQUIRE(ref.starts_with("#/"));
        CHECK(document.contains(json::json_pointer(ref.substr(1))));
      } else {
        CheckRefs(document, value, where + "/" + key);
      }
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) CheckRefs(document, node[i], where + "/" + std::to_string(i));
  }
}

TEST_CASE("API OpenAPI: /api/v1/openapi.json is served without a token and describes what the server answers",
          "[api]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  ApiReply reply = h.RawRequest("GET", "/api/v1/openapi.json", "", {});
  REQUIRE(reply.status == 200);
  CHECK(reply.Header("Content-Type").value_or("").starts_with("application/json"));
  json& doc = reply.body;
  REQUIRE(doc.is_object());
  REQUIRE(doc["openapi"].is_string());
  CHECK(doc["openapi"].get<std::string>().starts_with("3."));
  CHECK(doc["info"]["title"].is_string());
  CHECK(doc["info"]["version"].is_string());
  CHECK(doc["components"]["securitySchemes"]["bearer"]["type"] == "http");
  CHECK(doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer");
  CheckRefs(doc, doc, "");

  std::set<std::string> operations;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      std::string upper;
      for (char c : method) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      operations.insert(upper + " " + path);
      INFO(upper << " " << path);
      CHECK(!operation["responses"].empty());

      std::string concrete = path;
      if (const size_t brace = concrete.find("{id}"); brace != std::string::npos) concrete.replace(brace, 4, "1");
      const std::string body = upper == "POST" ? "{}" : "";
      // Each documented operation exists: neither an unknown path nor a
      // wrong method...
      ApiReply with_token = h.RawRequest(
          upper, concrete, body, {{"Authorization", "Bearer " + h.token()}, {"Content-Type", "application/json"}});
      INFO("with the token: " << with_token.status << " " << with_token.raw.substr(0, 300));
      CHECK(with_token.status != 405);
      CHECK(with_token.raw.find("no such path") == std::string::npos);
      // ...and needs the token exactly when the document says so.
      const bool is_public = operation.contains("security") && operation["security"].empty();
      ApiReply without = h.RawRequest(upper, concrete, body, {{"Content-Type", "application/json"}});
      INFO("without: " << without.status << " " << without.raw.substr(0, 300));
      CHECK((without.status == 401) == !is_public);
    }
  }
  CHECK(operations == std::set<std::string>{"GET /api/v1/health",
                                            "GET /api/v1/openapi.json",
                                            "POST /api/v1/session",
                                            "GET /api/v1/session",
                                            "DELETE /api/v1/session",
                                            "POST /api/v1/messages/preview",
                                            "POST /api/v1/messages",
                                            "GET /api/v1/messages",
                                            "GET /api/v1/messages/{id}",
                                            "DELETE /api/v1/messages/{id}",
                                            "GET /api/v1/inbox",
                                            "GET /api/v1/modems",
                                            "GET /api/v1/stats",
                                            "GET /api/v1/export",
                                            "GET /metrics",
                                            "GET /cgi-bin/sendsms",
                                            "POST /api/v1/contacts",
                                            "GET /api/v1/contacts",
                                            "POST /api/v1/contacts/import",
                                            "GET /api/v1/contacts/{id}",
                                            "PATCH /api/v1/contacts/{id}",
                                            "DELETE /api/v1/contacts/{id}",
                                            "GET /api/v1/groups",
                                            "POST /api/v1/groups",
                                            "GET /api/v1/groups/{name}",
                                            "PATCH /api/v1/groups/{name}",
                                            "DELETE /api/v1/groups/{name}",
                                            "POST /api/v1/consents",
                                            "GET /api/v1/consents",
                                            "POST /api/v1/optouts",
                                            "GET /api/v1/optouts",
                                            "DELETE /api/v1/optouts/{number}",
                                            "POST /api/v1/blocked",
                                            "GET /api/v1/blocked",
                                            "DELETE /api/v1/blocked/{number}",
                                            "POST /api/v1/campaigns",
                                            "GET /api/v1/campaigns",
                                            "GET /api/v1/campaigns/{id}",
                                            "POST /api/v1/campaigns/{id}/preview",
                                            "POST /api/v1/campaigns/{id}/start",
                                            "POST /api/v1/campaigns/{id}/pause",
                                            "POST /api/v1/campaigns/{id}/resume",
                                            "POST /api/v1/campaigns/{id}/cancel",
                                            "GET /api/v1/campaigns/{id}/recipients",
                                            "GET /api/v1/campaigns/{id}/report",
                                            "POST /api/v1/webhooks",
                                            "GET /api/v1/webhooks",
                                            "GET /api/v1/webhooks/{id}",
                                            "PATCH /api/v1/webhooks/{id}",
                                            "DELETE /api/v1/webhooks/{id}",
                                            "POST /api/v1/webhooks/{id}/test",
                                            "GET /api/v1/webhooks/{id}/deliveries",
                                            "POST /api/v1/webhooks/{id}/deliveries/{delivery}/retry",
                                            "POST /api/v1/rules",
                                            "GET /api/v1/rules",
                                            "GET /api/v1/rules/{id}",
                                            "PATCH /api/v1/rules/{id}",
                                            "DELETE /api/v1/rules/{id}",
                                            "POST /api/v1/polls",
                                            "GET /api/v1/polls",
                                            "GET /api/v1/polls/{id}",
                                            "PATCH /api/v1/polls/{id}",
                                            "DELETE /api/v1/polls/{id}",
                                            "GET /api/v1/polls/{id}/results",
                                            "GET /api/v1/conversations",
                                            "GET /api/v1/conversations/{number}",
                                            "POST /api/v1/conversations/{number}/read",
                                            "POST /api/v1/conversations/{number}/messages"});
}

}  // namespace
}  // namespace tellal::integration

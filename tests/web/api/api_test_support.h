// Requests, settings and checks shared by the API tests.
#ifndef TELLAL_TESTS_WEB_API_API_TEST_SUPPORT_H_
#define TELLAL_TESTS_WEB_API_API_TEST_SUPPORT_H_

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "web/api/api_settings.h"
#include "web/http/http_types.h"

namespace tellal::web::testing {

inline constexpr const char* kToken = "s3cret-T0ken";
inline constexpr int64_t kNow = 1'780'000'000'000;  // a fixed "now", 2026-05-28T20:26:40Z

inline ApiSettings TestSettings() {
  ApiSettings s;
  s.token = kToken;
  s.default_country = "90";
  s.modem_ids = {"sim1", "sim2"};
  s.kannel = KannelUser{"kuser", "kpass"};
  s.version = "9.9.9";
  return s;
}

inline HttpRequest Request(std::string method, std::string path, const char* token = kToken) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.remote = "127.0.0.1:40000";
  if (token != nullptr) r.headers["authorization"] = std::string("Bearer ") + token;
  return r;
}

inline HttpRequest Get(std::string path, std::multimap<std::string, std::string> query = {},
                       const char* token = kToken) {
  HttpRequest r = Request("GET", std::move(path), token);
  r.query = std::move(query);
  return r;
}

inline HttpRequest PostJson(std::string path, std::string body, const char* token = kToken) {
  HttpRequest r = Request("POST", std::move(path), token);
  r.headers["content-type"] = "application/json";
  r.body = std::move(body);
  return r;
}

inline nlohmann::json Json(const HttpResponse& response) {
  INFO("body: " << response.body);
  REQUIRE(response.content_type == "application/json");
  auto parsed = nlohmann::json::parse(response.body, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  return parsed;
}

inline std::string Header(const HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

// Checks the error shape and returns the "error" object.
inline nlohmann::json ErrorOf(const HttpResponse& response, int status, const std::string& code) {
  INFO("body: " << response.body);
  CHECK(response.status == status);
  nlohmann::json body = Json(response);
  REQUIRE(body.contains("error"));
  CHECK(body["error"]["code"] == code);
  CHECK(body["error"]["message"].is_string());
  return body["error"];
}

}  // namespace tellal::web::testing

#endif  // TELLAL_TESTS_WEB_API_API_TEST_SUPPORT_H_

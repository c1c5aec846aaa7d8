// Small helpers the HTTP API tests share: what every error answer must look
// like, time stamps to send, and what the virtual modems put on the air.
#ifndef TELLAL_TESTS_INTEGRATION_API_CHECKS_H_
#define TELLAL_TESTS_INTEGRATION_API_CHECKS_H_

#include <time.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "daemon/text/rfc3339.h"
#include "daemon_harness.h"
#include "modem/pdu/pdu_decoder.h"

namespace tellal::integration {

// An error answer: the status, a JSON body {"error": {"code", "message",
// "field"?, "index"?}} with nothing else in it, served as application/json.
// `field` and `index` empty: the member must be absent.
inline void CheckApiError(const ApiReply& reply, int status, const std::string& code,
                          const std::optional<std::string>& field = std::nullopt,
                          const std::optional<size_t>& index = std::nullopt) {
  INFO("answer " << reply.status << ": " << reply.raw.substr(0, 1000));
  CHECK(reply.status == status);
  CHECK(reply.Header("Content-Type").value_or("").starts_with("application/json"));
  REQUIRE(reply.body.is_object());
  CHECK(reply.body.size() == 1);
  REQUIRE(reply.body.contains("error"));
  const json& error = reply.body["error"];
  REQUIRE(error.is_object());
  CHECK(error.value("code", "") == code);
  REQUIRE(error.contains("message"));
  REQUIRE(error["message"].is_string());
  CHECK(!error["message"].get<std::string>().empty());
  for (const auto& [key, value] : error.items()) {
    INFO("member " << key);
    CHECK((key == "code" || key == "message" || key == "field" || key == "index"));
  }
  if (field) {
    CHECK(error.value("field", "") == *field);
    // A person reading only the message learns the field too.
    CHECK(error["message"].get<std::string>().find(*field) != std::string::npos);
  } else {
    CHECK(!error.contains("field"));
  }
  if (index) {
    CHECK(error.value("index", -1) == static_cast<int64_t>(*index));
  } else {
    CHECK(!error.contains("index"));
  }
}

// `at` as RFC 3339 in UTC with a "Z", as a client might send it.
inline std::string Rfc3339Utc(std::chrono::system_clock::time_point at) {
  return text::FormatUtc(std::chrono::system_clock::to_time_t(at), "%FT%TZ");
}

// Every PDU simN (0: every modem) accepted with AT+CMGS, decoded.
inline std::vector<pdu::DecodedPdu> SubmittedPdus(DaemonHarness& h, int n = 0) {
  return h.OnModems([&h, n] {
    std::vector<pdu::DecodedPdu> pdus;
    for (int i = 1; i <= h.modem_count(); ++i) {
      if (n != 0 && i != n) continue;
      for (const vmodem::SubmittedMessage& m : h.sim(i).submitted()) pdus.push_back(m.decoded);
    }
    return pdus;
  });
}

// The ids of every message the daemon lists.
inline std::set<int64_t> ListedIds(DaemonHarness& h) {
  std::set<int64_t> ids;
  for (const auto& [id, message] : h.AllMessages()) ids.insert(id);
  return ids;
}

}  // namespace tellal::integration

#endif  // TELLAL_TESTS_INTEGRATION_API_CHECKS_H_
